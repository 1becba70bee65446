//! `namedrop._core.Extractor`: runs the core pipeline. This is the one place where the
//! GIL is released: texts are copied out of Python, the core runs (in parallel for
//! batches) with offsets converted to code points, then results become Python values.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::convert::{cp_document, CpDocument, CpMention};
use super::gazetteer::PyGazetteer;
use super::text::text_from_py;
use crate::extract::{ExtractOptions, Extractor};
use crate::gazetteer::{CaseMode, MatchOptions};

/// The Rust half of `namedrop.Extractor` (the Python class wraps it).
#[pyclass(name = "Extractor", module = "namedrop._core", frozen)]
pub(crate) struct PyExtractor {
    inner: Arc<Extractor>,
}

/// Texts copied out of Python (`None` for missing rows), ready for a GIL-free run.
fn texts_from_py(texts: &Bound<'_, PyList>) -> PyResult<Vec<Option<String>>> {
    texts
        .iter()
        .map(|t| {
            if t.is_none() {
                Ok(None)
            } else {
                text_from_py(&t).map(Some)
            }
        })
        .collect()
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

fn mention_tuple<'py>(py: Python<'py>, m: &CpMention) -> PyResult<Bound<'py, PyTuple>> {
    (
        m.start,
        m.end,
        &m.label,
        m.entity_id.as_deref(),
        m.name.as_deref(),
        PyList::new(py, &m.candidates)?,
        m.source,
        m.gender.as_deref(),
    )
        .into_pyobject(py)
}

fn doc_tuple<'py>(py: Python<'py>, doc: &CpDocument) -> PyResult<Bound<'py, PyTuple>> {
    let entities = PyList::empty(py);
    for m in &doc.entities {
        entities.append(mention_tuple(py, m)?)?;
    }
    let quotes = PyList::empty(py);
    for q in &doc.quotes {
        let speaker = match &q.speaker {
            Some(s) => Some(mention_tuple(py, s)?),
            None => None,
        };
        quotes.append((
            q.start,
            q.end,
            q.kind,
            speaker,
            q.cue.map(|c| c.0),
            q.cue.map(|c| c.1),
            q.rule,
            q.paragraph,
        ))?;
    }
    let clusters = PyList::empty(py);
    for c in &doc.clusters {
        clusters.append((
            &c.name,
            &c.label,
            c.entity_id.as_deref(),
            c.gender.as_deref(),
            c.mentions,
            c.quotes,
            c.gender_evidence.as_deref(),
        ))?;
    }
    (entities, quotes, clusters).into_pyobject(py)
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
        let text = text_from_py(text.as_any())?;
        let mut docs = self.run(py, vec![Some(text)], Some(1))?;
        let doc = docs.pop().flatten().unwrap_or_default();
        doc_tuple(py, &doc)
    }

    /// Many texts (str or None) -> one raw document per text, in order.
    #[pyo3(signature = (texts, n_threads = None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let docs = self.run(py, texts_from_py(texts)?, n_threads)?;
        let out = PyList::empty(py);
        for doc in &docs {
            match doc {
                Some(d) => out.append(doc_tuple(py, d)?)?,
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
        let docs = self.run(py, texts_from_py(texts)?, n_threads)?;
        let rows = docs.iter().enumerate().flat_map(|(i, d)| {
            d.iter()
                .flat_map(move |d| d.entities.iter().map(move |m| (i, m)))
        });
        let (mut doc, mut start, mut end, mut text, mut label) =
            (vec![], vec![], vec![], vec![], vec![]);
        let (mut entity_id, mut name, mut source) = (vec![], vec![], vec![]);
        for (i, m) in rows {
            doc.push(i);
            start.push(m.start);
            end.push(m.end);
            text.push(m.text.as_str());
            label.push(m.label.as_str());
            entity_id.push(m.entity_id.as_deref());
            name.push(m.name.as_deref());
            source.push(m.source);
        }
        let cols = PyDict::new(py);
        cols.set_item("doc", doc)?;
        cols.set_item("start", start)?;
        cols.set_item("end", end)?;
        cols.set_item("text", text)?;
        cols.set_item("label", label)?;
        cols.set_item("entity_id", entity_id)?;
        cols.set_item("name", name)?;
        cols.set_item("source", source)?;
        Ok(cols)
    }

    /// Quotes of many texts as columns (a dict of lists), for a DataFrame.
    #[pyo3(signature = (texts, n_threads = None))]
    fn quotes_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        n_threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let docs = self.run(py, texts_from_py(texts)?, n_threads)?;
        let rows = docs.iter().enumerate().flat_map(|(i, d)| {
            d.iter()
                .flat_map(move |d| d.quotes.iter().map(move |q| (i, q)))
        });
        let (mut doc, mut start, mut end, mut quote, mut kind) =
            (vec![], vec![], vec![], vec![], vec![]);
        let (mut speaker, mut speaker_id, mut gender, mut how) = (vec![], vec![], vec![], vec![]);
        let (mut cue, mut rule) = (vec![], vec![]);
        for (i, q) in rows {
            doc.push(i);
            start.push(q.start);
            end.push(q.end);
            quote.push(q.text.as_str());
            kind.push(q.kind);
            let sp = q.speaker.as_ref();
            speaker.push(sp.map(|s| s.name.as_deref().unwrap_or(&s.text)));
            speaker_id.push(sp.and_then(|s| s.entity_id.as_deref()));
            gender.push(sp.and_then(|s| s.gender.as_deref()));
            how.push(sp.map(|s| s.source));
            cue.push(q.cue_text.as_deref());
            rule.push(q.rule);
        }
        let cols = PyDict::new(py);
        cols.set_item("doc", doc)?;
        cols.set_item("start", start)?;
        cols.set_item("end", end)?;
        cols.set_item("quote", quote)?;
        cols.set_item("kind", kind)?;
        cols.set_item("speaker", speaker)?;
        cols.set_item("speaker_entity_id", speaker_id)?;
        cols.set_item("speaker_gender", gender)?;
        cols.set_item("speaker_source", how)?;
        cols.set_item("cue", cue)?;
        cols.set_item("rule", rule)?;
        Ok(cols)
    }
}
