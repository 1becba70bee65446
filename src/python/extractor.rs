//! `namedrop._core.Extractor`: runs the core pipeline. This is the one place where the
//! GIL is released: texts are copied out of Python, the core runs (in parallel for
//! batches) with offsets converted to code points, then results become Python values.

use std::collections::HashMap;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::convert::{cp_document, CpDocument};
use super::gazetteer::PyGazetteer;
use super::mention::PyMention;
use super::text::text_from_py;
use crate::extract::{ExtractOptions, Extractor};
use crate::gazetteer::{CaseMode, MatchOptions};

/// The Rust half of `namedrop.Extractor` (the Python class wraps it).
#[pyclass(name = "Extractor", module = "namedrop._core", frozen)]
pub(crate) struct PyExtractor {
    inner: Arc<Extractor>,
}

/// Texts copied out of Python (`None` for missing rows), ready for a GIL-free run, and
/// for each whether the copy is exact (see `text_from_py`).
fn texts_from_py(texts: &Bound<'_, PyList>) -> PyResult<(Vec<Option<String>>, Vec<bool>)> {
    let mut out = Vec::with_capacity(texts.len());
    let mut exact = Vec::with_capacity(texts.len());
    for t in texts.iter() {
        if t.is_none() {
            out.push(None);
            exact.push(true);
        } else {
            let (text, same) = text_from_py(&t)?;
            out.push(Some(text));
            exact.push(same);
        }
    }
    Ok((out, exact))
}

impl PyExtractor {
    /// Runs the core on many texts with the GIL released, offsets in code points.
    fn run(
        &self,
        py: Python<'_>,
        texts: Vec<Option<String>>,
        n_threads: Option<usize>,
    ) -> PyResult<Vec<Option<CpDocument>>> {
        let ex = Arc::clone(&self.inner);
        let docs = py.detach(move || {
            ex.extract_batch_with(&texts, n_threads, |text, doc| cp_document(&ex, text, doc))
        })?;
        Ok(docs)
    }
}

/// Python strings made once per batch: labels, ids, names and sources repeat across
/// thousands of mentions, and sharing them makes building results several times faster.
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

/// A document as `(entities, quotes, clusters, exact)`: `Mention` objects and tuples
/// in the field order of the Python `Quote` and `Cluster`; `exact` is false when the
/// texts in them were cut from a cleaned copy of the input (lone surrogates) and must
/// be re-cut. `entities` were taken out of `doc` (moved, not copied, into Python).
fn doc_tuple<'py, 'a>(
    strings: &mut Strings<'py, 'a>,
    doc: &'a CpDocument,
    entities: Vec<PyMention>,
    exact: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let py = strings.py;
    let entities = PyList::new(
        py,
        entities
            .into_iter()
            .map(|m| Bound::new(py, m))
            .collect::<PyResult<Vec<_>>>()?,
    )?;
    let quotes = PyList::empty(py);
    for q in &doc.quotes {
        let speaker = match &q.speaker {
            Some(s) => Some(Bound::new(py, s.clone())?),
            None => None,
        };
        quotes.append((
            q.start,
            q.end,
            PyString::new(py, &q.text),
            strings.get(q.kind),
            speaker,
            q.cue_text.as_deref().map(|c| PyString::new(py, c)),
            q.cue.map(|c| c.0),
            q.cue.map(|c| c.1),
            strings.get(q.rule),
            q.paragraph,
        ))?;
    }
    let clusters = PyList::empty(py);
    for c in &doc.clusters {
        clusters.append((
            strings.get(&c.name),
            strings.get(&c.label),
            strings.opt(c.entity_id.as_deref()),
            strings.opt(c.gender.as_deref()),
            c.mentions,
            c.quotes,
            strings.opt(c.gender_evidence.as_deref()),
        ))?;
    }
    (entities, quotes, clusters, exact).into_pyobject(py)
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (gazetteer, *, case = "smart", overlapping = false, fold_diacritics = true,
                        link = true, discover = true, quotes = true, cues = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        gazetteer: &Bound<'_, PyGazetteer>,
        case: &str,
        overlapping: bool,
        fold_diacritics: bool,
        link: bool,
        discover: bool,
        quotes: bool,
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
            extra_cues: cues.unwrap_or_default(),
        };
        let g = Arc::clone(&gazetteer.borrow().inner);
        Ok(PyExtractor {
            inner: Arc::new(Extractor::new(g, options)?),
        })
    }

    /// One text -> (entities, quotes, clusters) as tuples with code-point offsets.
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let (text, exact) = text_from_py(text.as_any())?;
        let mut docs = self.run(py, vec![Some(text)], Some(1))?;
        let mut doc = docs.pop().flatten().unwrap_or_default();
        let entities = std::mem::take(&mut doc.entities);
        doc_tuple(&mut Strings::new(py), &doc, entities, exact)
    }

    /// Many texts (str or None) -> one raw document per text, in order.
    #[pyo3(signature = (texts, n_threads = None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let (texts, exact) = texts_from_py(texts)?;
        let mut docs = self.run(py, texts, n_threads)?;
        let entities: Vec<Vec<PyMention>> = docs
            .iter_mut()
            .map(|d| d.as_mut().map(|d| std::mem::take(&mut d.entities)))
            .map(Option::unwrap_or_default)
            .collect();
        let out = PyList::empty(py);
        let mut strings = Strings::new(py);
        for ((doc, entities), exact) in docs.iter().zip(entities).zip(exact) {
            match doc {
                Some(d) => out.append(doc_tuple(&mut strings, d, entities, exact)?)?,
                None => out.append(py.None())?,
            }
        }
        Ok(out)
    }

    /// Entity mentions of many texts as columns (a dict of lists), for a DataFrame.
    #[pyo3(signature = (texts, n_threads = None))]
    fn entities_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (texts, exact) = texts_from_py(texts)?;
        let docs = self.run(py, texts, n_threads)?;
        let rows = rows_of(&docs, |d| &d.entities);
        let cols = Columns::new(py, &rows, exact)?;
        cols.add("start", |m| m.start)?;
        cols.add("end", |m| m.end)?;
        cols.add("text", |m| m.text.as_str())?;
        cols.add("label", |m| m.label.as_str())?;
        cols.add("entity_id", |m| m.entity_id.as_deref())?;
        cols.add("name", |m| m.name.as_deref())?;
        cols.add("source", |m| &*m.source)?;
        Ok(cols.dict)
    }

    /// Quotes of many texts as columns (a dict of lists), for a DataFrame.
    #[pyo3(signature = (texts, n_threads = None))]
    fn quotes_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (texts, exact) = texts_from_py(texts)?;
        let docs = self.run(py, texts, n_threads)?;
        let rows = rows_of(&docs, |d| &d.quotes);
        let cols = Columns::new(py, &rows, exact)?;
        cols.add("start", |q| q.start)?;
        cols.add("end", |q| q.end)?;
        cols.add("quote", |q| q.text.as_str())?;
        cols.add("kind", |q| q.kind)?;
        cols.add("speaker", |q| {
            q.speaker
                .as_ref()
                .map(|s| s.name.as_deref().unwrap_or(&s.text))
        })?;
        cols.add("speaker_entity_id", |q| {
            q.speaker.as_ref().and_then(|s| s.entity_id.as_deref())
        })?;
        cols.add("speaker_gender", |q| {
            q.speaker.as_ref().and_then(|s| s.gender.as_deref())
        })?;
        cols.add("speaker_source", |q| q.speaker.as_ref().map(|s| &*s.source))?;
        cols.add("cue", |q| q.cue_text.as_deref())?;
        cols.add("rule", |q| q.rule)?;
        Ok(cols.dict)
    }
}

/// Every item of every document, with the index of its document.
fn rows_of<'a, T>(
    docs: &'a [Option<CpDocument>],
    items: impl Fn(&'a CpDocument) -> &'a [T],
) -> Vec<(usize, &'a T)> {
    docs.iter()
        .enumerate()
        .filter_map(|(i, d)| d.as_ref().map(|d| (i, d)))
        .flat_map(|(i, d)| items(d).iter().map(move |x| (i, x)))
        .collect()
}

/// A dict of columns (lists) built from rows, one column at a time; the first column
/// is `doc`, the index of each row's document, and `exact` says per document whether
/// its texts can be used as they are (see `doc_tuple`).
struct Columns<'py, 'a, T> {
    dict: Bound<'py, PyDict>,
    rows: &'a [(usize, &'a T)],
}

impl<'py, 'a, T> Columns<'py, 'a, T> {
    fn new(py: Python<'py>, rows: &'a [(usize, &'a T)], exact: Vec<bool>) -> PyResult<Self> {
        let cols = Columns {
            dict: PyDict::new(py),
            rows,
        };
        let docs: Vec<usize> = rows.iter().map(|r| r.0).collect();
        cols.dict.set_item("doc", docs)?;
        cols.dict.set_item("exact", exact)?;
        Ok(cols)
    }

    fn add<V>(&self, name: &str, value: impl Fn(&'a T) -> V) -> PyResult<()>
    where
        V: IntoPyObject<'py>,
    {
        let values: Vec<V> = self.rows.iter().map(|r| value(r.1)).collect();
        self.dict.set_item(name, values)
    }
}
