//! Columnar results: `Extractor.entities_arrow`, `quotes_arrow` and `clusters_arrow`.
//!
//! The texts are held (their UTF-8 lent by the interpreter, see `texts.rs`); the result is an `ArrowResults` object
//! that exports the Arrow PyCapsule stream interface (`__arrow_c_stream__`), so
//! pyarrow, polars and DuckDB read it without copies. The stream is lazy: each record
//! batch is made when the consumer asks for it, from the next `batch_size` texts (run
//! by the core, in parallel with `n_threads`, with the GIL released), so only one
//! batch of results is in memory at a time. Each export starts a new stream over the
//! same texts.

mod dict;
mod ids;
mod tables;
mod texts;

use std::sync::Arc;

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList};

use super::extractor::PyExtractor;
use crate::extract::Extractor;
use ids::DocIds;
use tables::{DocRow, Table};
use texts::{texts_from_list, Text};

/// Everything a stream needs; shared by every export of one `ArrowResults`.
struct Source {
    ex: Arc<Extractor>,
    texts: Vec<Option<Text>>,
    /// Some text had lone surrogates (its copy has U+FFFD in their place).
    cleaned: bool,
    ids: DocIds,
    table: Table,
    schema: SchemaRef,
    batch_size: usize,
    n_threads: Option<usize>,
}

impl Source {
    /// The batch of texts `first..last`.
    fn batch(&self, first: usize, last: usize) -> Result<RecordBatch, ArrowError> {
        let texts = &self.texts[first..last];
        let docs = self
            .ex
            .extract_batch_with(texts, self.n_threads, |_, doc| doc)
            .map_err(|e| ArrowError::ExternalError(Box::new(e)))?;
        let rows: Vec<DocRow<'_>> = texts
            .iter()
            .zip(&docs)
            .enumerate()
            .filter_map(|(i, (text, doc))| {
                Some(DocRow {
                    // Fewer than 2^32 texts: a Python list of them would not fit.
                    index: (first + i) as u32,
                    text: text.as_ref()?.as_ref(),
                    doc: doc.as_ref()?,
                })
            })
            .collect();
        self.table
            .batch(&self.schema, self.ex.gazetteer(), &self.ids, &rows)
    }
}

/// One pass over a `Source`: the Arrow stream a consumer reads.
struct Reader {
    source: Arc<Source>,
    next: usize,
}

impl Iterator for Reader {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = &self.source;
        if self.next >= s.texts.len() {
            return None;
        }
        let first = self.next;
        let last = (first + s.batch_size).min(s.texts.len());
        self.next = last;
        Some(without_gil(|| s.batch(first, last)))
    }
}

impl RecordBatchReader for Reader {
    fn schema(&self) -> SchemaRef {
        Arc::clone(&self.source.schema)
    }
}

/// Runs `work` with the GIL released. Consumers call the stream from C, with the GIL
/// held (polars) or not (pyarrow, DuckDB's threads): attaching first makes both work.
fn without_gil(
    work: impl FnOnce() -> Result<RecordBatch, ArrowError> + Send,
) -> Result<RecordBatch, ArrowError> {
    let mut work = Some(work);
    let done = Python::try_attach(|py| py.detach(|| work.take().map(|w| w())));
    match (done.flatten(), work.take()) {
        (Some(result), _) => result,
        // The interpreter is shutting down: no GIL to release.
        (None, Some(w)) => w(),
        (None, None) => Err(ArrowError::ComputeError(
            "namedrop internal error: a batch was not made".into(),
        )),
    }
}

/// Results of many texts as Arrow record batches (made when read). Export it with
/// `pyarrow.table(x)`, `polars.DataFrame(x)` or anything that reads the Arrow
/// PyCapsule stream interface; every export reads the texts again.
#[pyclass(name = "ArrowResults", module = "namedrop._core", frozen)]
pub(crate) struct PyArrowResults {
    source: Arc<Source>,
}

#[pymethods]
impl PyArrowResults {
    /// An `ArrowArrayStream` PyCapsule of the results. `requested_schema` is not
    /// applied (allowed by the protocol): the schema is fixed.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = Reader {
            source: Arc::clone(&self.source),
            next: 0,
        };
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        // The consumer moves the stream out and marks it released; a capsule never
        // consumed drops it, which releases it.
        PyCapsule::new(py, stream, Some(c"arrow_array_stream".to_owned()))
    }

    /// The table: "entities", "quotes" or "clusters".
    #[getter]
    fn table(&self) -> &'static str {
        match self.source.table {
            Table::Entities => "entities",
            Table::Quotes => "quotes",
            Table::Clusters => "clusters",
        }
    }

    /// True when some text had lone surrogates: the text columns of its rows show
    /// U+FFFD in their place (UTF-8 cannot hold them); offsets are unchanged.
    #[getter]
    fn lone_surrogates(&self) -> bool {
        self.source.cleaned
    }

    /// The number of texts (rows come from each of them).
    #[getter]
    fn n_texts(&self) -> usize {
        self.source.texts.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowResults({} of {} texts, {} texts per batch)",
            self.table(),
            self.n_texts(),
            self.source.batch_size
        )
    }
}

/// `ArrowResults` of `table` for `texts` (str or None), with `ids` (one per text, or
/// None for the positions).
#[pyfunction]
#[pyo3(signature = (extractor, table, texts, ids = None, n_threads = None, batch_size = 2048))]
pub(crate) fn arrow_results(
    extractor: &Bound<'_, PyExtractor>,
    table: &str,
    texts: &Bound<'_, PyList>,
    ids: Option<&Bound<'_, PyList>>,
    n_threads: Option<&Bound<'_, PyAny>>,
    batch_size: usize,
) -> PyResult<PyArrowResults> {
    let table = Table::parse(table).ok_or_else(|| {
        crate::Error::input(format!(
            "table must be \"entities\", \"quotes\" or \"clusters\", got {table:?}"
        ))
    })?;
    if batch_size == 0 {
        return Err(crate::Error::input("batch_size must be >= 1, got 0").into());
    }
    // The same checks as every other batch call (an InputError naming n_threads).
    let n_threads = super::extractor::n_threads_arg(n_threads)?;
    let (texts, cleaned) = texts_from_list(texts)?;
    let ids = DocIds::from_py(ids, texts.len())?;
    Ok(PyArrowResults {
        source: Arc::new(Source {
            ex: Arc::clone(&extractor.get().inner),
            schema: table.schema(ids.data_type()),
            texts,
            cleaned,
            ids,
            table,
            batch_size,
            n_threads,
        }),
    })
}
