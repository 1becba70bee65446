//! `namedrop._core.Extractor`: runs the core pipeline. This is the one place where the
//! GIL is released: texts are copied out of Python, the core runs (in parallel for
//! batches) with offsets converted to code points, then each document's compact
//! results are wrapped for Python (their objects are made on access, see `results.rs`)
//! or turned into DataFrame columns.

use std::collections::HashMap;
use std::sync::Arc;

use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};

use super::convert::{extract_compact, CpDocument, CpMention, CpQuote};
use super::gazetteer::PyGazetteer;
use super::results::{substring, DocResults, PyClusters, PyMentions, PyQuotes};
use super::started::{self, StartedBatch};
use super::text::text_from_py;
use crate::extract::{ExtractOptions, Extractor};
use crate::gazetteer::{CaseMode, Gazetteer, MatchOptions};
use crate::NONE;
use std::borrow::Cow;

/// The most threads a call may ask for. More than the machine's cores are never
/// started (see `extract::pool`); a larger request is a mistake, not a wish.
const MAX_THREADS: i64 = 1024;

/// `n_threads` as given by Python: `None` (every core) or an int in
/// `1..=MAX_THREADS`. Out of range is an `InputError` naming the argument (never an
/// `OverflowError`); a non-int (bool, float, str) a `TypeError`.
pub(crate) fn n_threads_arg(n: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    let Some(n) = n.filter(|n| !n.is_none()) else {
        return Ok(None);
    };
    let wrong_type = || -> PyResult<PyErr> {
        Ok(PyTypeError::new_err(format!(
            "n_threads must be an int or None, got {}",
            n.get_type().name()?
        )))
    };
    if n.is_instance_of::<PyBool>() {
        return Err(wrong_type()?);
    }
    // Ints and int-likes (numpy integers) through __index__; floats are refused.
    let value = match n.extract::<i64>() {
        Ok(v) => Some(v),
        Err(e) if e.is_instance_of::<PyOverflowError>(n.py()) => None,
        Err(_) => return Err(wrong_type()?),
    };
    match value {
        Some(v @ 1..=MAX_THREADS) => Ok(Some(v as usize)),
        _ => Err(crate::Error::input(format!(
            "n_threads must be between 1 and {MAX_THREADS}, or None for every core; got {}",
            n.repr()?
        ))
        .into()),
    }
}

/// The Rust half of `namedrop.Extractor` (the Python class wraps it).
#[pyclass(name = "Extractor", module = "namedrop._core", frozen)]
pub(crate) struct PyExtractor {
    pub(crate) inner: Arc<Extractor>,
}

/// The caller's strings (`None` for missing rows), held for as long as the core reads
/// their UTF-8 (see [`utf8_of`]).
pub(crate) fn texts_from_py<'py>(
    texts: &Bound<'py, PyList>,
) -> PyResult<Vec<Option<Bound<'py, PyString>>>> {
    texts
        .iter()
        .map(|t| match t.is_none() {
            true => Ok(None),
            false => Ok(Some(t.cast_into::<PyString>()?)),
        })
        .collect()
}

/// The UTF-8 of each string for a GIL-free run, lent by the interpreter (no copy).
fn utf8_of<'a>(strs: &'a [Option<Bound<'_, PyString>>]) -> PyResult<Vec<Option<Cow<'a, str>>>> {
    strs.iter()
        .map(|s| s.as_ref().map(text_from_py).transpose())
        .collect()
}

/// A batch's texts (str or None) and their documents, in order.
type Batch<'py> = (Vec<Option<Bound<'py, PyString>>>, Vec<Option<CpDocument>>);

impl PyExtractor {
    /// One raw document (a tuple of results) per text, `None` for a missing one.
    fn doc_tuples<'py>(
        &self,
        py: Python<'py>,
        strs: &[Option<Bound<'py, PyString>>],
        docs: Vec<Option<CpDocument>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for (text, doc) in strs.iter().zip(docs) {
            match (text, doc) {
                (Some(t), Some(d)) => out.append(doc_tuple(py, &self.inner, t, d)?)?,
                _ => out.append(py.None())?,
            }
        }
        Ok(out)
    }

    /// Runs the core on many texts with the GIL released, offsets in code points.
    fn run(
        &self,
        py: Python<'_>,
        texts: &[Option<Bound<'_, PyString>>],
        n_threads: Option<usize>,
    ) -> PyResult<Vec<Option<CpDocument>>> {
        let texts = utf8_of(texts)?;
        let ex = &self.inner;
        let docs =
            py.detach(|| ex.map_batch(&texts, n_threads, |text| extract_compact(ex, text)))?;
        Ok(docs)
    }

    /// A batch call's arguments checked and run: its texts (str or None) and their
    /// documents.
    fn run_list<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Batch<'py>> {
        let n_threads = n_threads_arg(n_threads)?;
        let strs = texts_from_py(texts)?;
        let docs = self.run(py, &strs, n_threads)?;
        Ok((strs, docs))
    }
}

/// Python strings made once per batch: labels, ids and names repeat across thousands
/// of rows, and sharing them makes building columns several times faster.
struct Strings<'py, 'a> {
    py: Python<'py>,
    made: HashMap<&'a str, Bound<'py, PyString>>,
}

impl<'py, 'a> Strings<'py, 'a> {
    fn new(py: Python<'py>) -> Self {
        Strings {
            py,
            made: HashMap::new(),
        }
    }

    fn get(&mut self, s: &'a str) -> Bound<'py, PyString> {
        let py = self.py;
        self.made
            .entry(s)
            .or_insert_with(|| PyString::new(py, s))
            .clone()
    }

    fn opt(&mut self, s: Option<&'a str>) -> Option<Bound<'py, PyString>> {
        s.map(|s| self.get(s))
    }
}

/// A document as `(entities, quotes, clusters)`: lazy `Mentions` and `Clusters`
/// sequences, and quotes as tuples in the field order of the Python `Quote`. Every
/// text is cut from the caller's `text`.
fn doc_tuple<'py>(
    py: Python<'py>,
    ex: &Arc<Extractor>,
    text: &Bound<'py, PyString>,
    doc: CpDocument,
) -> PyResult<Bound<'py, PyTuple>> {
    let results = Arc::new(DocResults::new(
        py,
        Arc::clone(ex),
        doc,
        text.clone().unbind(),
    ));
    let quotes = Bound::new(
        py,
        PyQuotes {
            inner: Arc::clone(&results),
        },
    )?;
    let clusters = Bound::new(
        py,
        PyClusters {
            inner: Arc::clone(&results),
        },
    )?;
    let mentions = Bound::new(py, PyMentions { inner: results })?;
    (mentions, quotes, clusters).into_pyobject(py)
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (gazetteer, *, case = "smart", overlapping = false, fold_diacritics = true,
                        link = true, discover = true, quotes = true, indirect = true,
                        cues = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        gazetteer: &Bound<'_, PyGazetteer>,
        case: &str,
        overlapping: bool,
        fold_diacritics: bool,
        link: bool,
        discover: bool,
        quotes: bool,
        indirect: bool,
        cues: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let case: CaseMode = case.parse()?;
        let options = ExtractOptions {
            matching: MatchOptions {
                case,
                overlapping,
                fold_diacritics,
            },
            link,
            discover,
            quotes,
            indirect,
            extra_cues: cues.unwrap_or_default(),
            window_bytes: crate::DEFAULT_WINDOW_BYTES,
        };
        let g = Arc::clone(&gazetteer.borrow().inner);
        Ok(PyExtractor {
            inner: Arc::new(Extractor::new(g, options)?),
        })
    }

    /// `n_threads` checked as every batch method checks it: `None` or an int in
    /// 1..=1024 (`InputError` otherwise). Lets the Python `pipe` refuse a bad value
    /// when it is called rather than when it is first iterated.
    #[staticmethod]
    #[pyo3(signature = (n_threads))]
    fn check_threads(n_threads: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
        n_threads_arg(n_threads)
    }

    /// One text -> (entities, quotes, clusters) with code-point offsets.
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let mut docs = self.run(py, &[Some(text.clone())], Some(1))?;
        let doc = docs.pop().flatten().unwrap_or_default();
        doc_tuple(py, &self.inner, text, doc)
    }

    /// Many texts (str or None) -> one raw document per text (None for None), in order.
    #[pyo3(signature = (texts, n_threads = None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let (strs, docs) = self.run_list(py, texts, n_threads)?;
        self.doc_tuples(py, &strs, docs)
    }

    /// Starts the core on `texts` in a thread of its own and returns at once (see
    /// `started.rs`): `pipe` builds the Documents of one batch while the next runs.
    #[pyo3(signature = (texts, n_threads = None))]
    fn start_batch(
        &self,
        texts: &Bound<'_, PyList>,
        n_threads: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<StartedBatch> {
        started::start(&self.inner, texts, n_threads_arg(n_threads)?)
    }

    /// The raw documents of a `start_batch` result, given the same texts (a batch is
    /// finished once).
    fn finish_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        batch: &StartedBatch,
    ) -> PyResult<Bound<'py, PyList>> {
        let strs = texts_from_py(texts)?;
        let docs = started::finish(py, strs.len(), batch)?;
        self.doc_tuples(py, &strs, docs)
    }

    /// Entity mentions of many texts as columns (a dict of lists), for a DataFrame.
    #[pyo3(signature = (texts, n_threads = None))]
    fn entities_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (strs, docs) = self.run_list(py, texts, n_threads)?;
        let g = self.inner.gazetteer();
        let rows = rows_of(&docs, |d| &d.entities);
        let cols = Columns::new(py, &rows)?;
        let mut strings = Strings::new(py);
        cols.add("start", |_, m| Ok(m.start))?;
        cols.add("end", |_, m| Ok(m.end))?;
        cols.add("text", |(i, _), m| {
            cut(&strs, i, m.start as usize, m.end as usize)
        })?;
        cols.add("label", |(_, d), m| {
            Ok(strings.get(&d.labels[m.label as usize]))
        })?;
        cols.add("entity_id", |_, m| {
            Ok((m.entity != NONE).then(|| strings.get(g.entity_id(m.entity))))
        })?;
        cols.add("name", |(_, d), m| Ok(strings.opt(mention_name(g, d, m))))?;
        cols.add("source", |_, m| Ok(m.source.as_str()))?;
        cols.add("gender", |(_, d), m| {
            Ok(d.cluster_of(m).and_then(|c| d.tag(c.gender)))
        })?;
        Ok(cols.dict)
    }

    /// Quotes of many texts as columns (a dict of lists), for a DataFrame.
    #[pyo3(signature = (texts, n_threads = None))]
    fn quotes_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (strs, docs) = self.run_list(py, texts, n_threads)?;
        let g = self.inner.gazetteer();
        let rows = rows_of(&docs, |d| &d.quotes);
        let cols = Columns::new(py, &rows)?;
        cols.add("start", |_, q| Ok(q.start))?;
        cols.add("end", |_, q| Ok(q.end))?;
        cols.add("quote", |(i, _), q| {
            cut(&strs, i, q.start as usize, q.end as usize)
        })?;
        cols.add("kind", |_, q| Ok(q.kind()))?;
        cols.add("speaker", |(i, d), q| {
            // The speaker's name, or the phrase as written ("a spokesman").
            let Some(s) = speaker(d, q) else {
                return Ok(None);
            };
            match mention_name(g, d, s) {
                Some(n) => Ok(Some(PyString::new(py, n))),
                None => cut(&strs, i, s.start as usize, s.end as usize).map(Some),
            }
        })?;
        let mut strings = Strings::new(py);
        cols.add("speaker_entity_id", |(_, d), q| {
            Ok(speaker(d, q)
                .filter(|s| s.entity != NONE)
                .map(|s| strings.get(g.entity_id(s.entity))))
        })?;
        cols.add("speaker_gender", |(_, d), q| {
            Ok(speaker(d, q)
                .and_then(|s| d.cluster_of(s))
                .and_then(|c| d.tag(c.gender)))
        })?;
        cols.add("speaker_source", |(_, d), q| {
            Ok(speaker(d, q).map(|s| s.source.as_str()))
        })?;
        cols.add("cue", |(i, _), q| match q.cue() {
            Some((a, b)) => cut(&strs, i, a, b).map(Some),
            None => Ok(None),
        })?;
        cols.add("rule", |_, q| Ok(q.rule()))?;
        cols.add("paragraph", |_, q| Ok(q.paragraph))?;
        Ok(cols.dict)
    }
}

/// The speaker phrase of quote `q`.
fn speaker<'a>(d: &'a CpDocument, q: &CpQuote) -> Option<&'a CpMention> {
    q.speaker().map(|s| &d.speakers[s as usize])
}

/// The name a mention shows: its cluster's, else its entity's.
fn mention_name<'a>(g: &'a Gazetteer, d: &'a CpDocument, m: &CpMention) -> Option<&'a str> {
    match d.cluster_of(m) {
        Some(c) => Some(d.cluster_name(g, c)),
        None => (m.entity != NONE).then(|| g.entity_name(m.entity)),
    }
}

/// `texts[doc][start:end]` (code points) of the caller's strings.
fn cut<'py>(
    texts: &[Option<Bound<'py, PyString>>],
    doc: usize,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyString>> {
    match &texts[doc] {
        Some(text) => substring(text, start, end),
        // Rows only come from documents of str texts.
        None => Err(pyo3::exceptions::PyRuntimeError::new_err(
            "namedrop internal error: a row of a missing text",
        )),
    }
}

/// Every item of every document, with the index and the document it comes from.
fn rows_of<'a, T>(
    docs: &'a [Option<CpDocument>],
    items: impl Fn(&'a CpDocument) -> &'a [T],
) -> Vec<((usize, &'a CpDocument), &'a T)> {
    docs.iter()
        .enumerate()
        .filter_map(|(i, d)| d.as_ref().map(|d| (i, d)))
        .flat_map(|(i, d)| items(d).iter().map(move |x| ((i, d), x)))
        .collect()
}

/// A dict of columns (lists) built from rows, one column at a time; the first column
/// is `doc`, the index of each row's document.
struct Columns<'py, 'a, T> {
    dict: Bound<'py, PyDict>,
    rows: &'a [((usize, &'a CpDocument), &'a T)],
}

impl<'py, 'a, T> Columns<'py, 'a, T> {
    fn new(py: Python<'py>, rows: &'a [((usize, &'a CpDocument), &'a T)]) -> PyResult<Self> {
        let cols = Columns {
            dict: PyDict::new(py),
            rows,
        };
        let docs: Vec<usize> = rows.iter().map(|r| r.0 .0).collect();
        cols.dict.set_item("doc", docs)?;
        Ok(cols)
    }

    fn add<V>(
        &self,
        name: &str,
        mut value: impl FnMut((usize, &'a CpDocument), &'a T) -> PyResult<V>,
    ) -> PyResult<()>
    where
        V: IntoPyObject<'py>,
    {
        let values = self
            .rows
            .iter()
            .map(|r| value(r.0, r.1))
            .collect::<PyResult<Vec<V>>>()?;
        self.dict.set_item(name, values)
    }
}
