//! `namedrop.Mention`: a Rust class, so that the thousands of mentions of a batch are
//! built without Python strings (made on attribute access) and are not tracked by
//! Python's garbage collector (they hold no Python objects).

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};

/// A mention of an entity: a gazetteer match, a linked short form, a discovered name,
/// or a quote's speaker phrase (pronoun or nominal speaker).
///
/// Offsets are code points: `text[m.start:m.end] == m.text`.
#[pyclass(name = "Mention", module = "namedrop", frozen, eq, hash)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct PyMention {
    #[pyo3(get)]
    pub start: usize,
    #[pyo3(get)]
    pub end: usize,
    #[pyo3(get)]
    pub text: String,
    #[pyo3(get)]
    pub label: String,
    #[pyo3(get)]
    pub entity_id: Option<String>,
    #[pyo3(get)]
    pub name: Option<String>,
    pub candidates: Vec<String>,
    pub source: Cow<'static, str>,
    #[pyo3(get)]
    pub gender: Option<String>,
}

#[pymethods]
impl PyMention {
    #[new]
    #[pyo3(signature = (start, end, text, label, entity_id=None, name=None, candidates=Vec::new(),
                        source="gazetteer".to_owned(), gender=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        start: usize,
        end: usize,
        text: String,
        label: String,
        entity_id: Option<String>,
        name: Option<String>,
        candidates: Vec<String>,
        source: String,
        gender: Option<String>,
    ) -> Self {
        PyMention {
            start,
            end,
            text,
            label,
            entity_id,
            name,
            candidates,
            source: Cow::Owned(source),
            gender,
        }
    }

    /// Ids of every entity the matched alias belongs to.
    #[getter]
    fn candidates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.candidates)
    }

    /// How the mention was found: gazetteer, linked, discovered, pronoun or nominal.
    #[getter]
    fn source(&self) -> &str {
        &self.source
    }

    /// The mention as a JSON-serialisable dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", &self.text)?;
        d.set_item("label", &self.label)?;
        d.set_item("entity_id", &self.entity_id)?;
        d.set_item("name", &self.name)?;
        d.set_item("candidates", &self.candidates)?;
        d.set_item("source", &*self.source)?;
        d.set_item("gender", &self.gender)?;
        Ok(d)
    }

    /// The same mention with another text (used to re-cut texts from the original).
    fn _with_text(&self, text: String) -> Self {
        PyMention {
            text,
            ..self.clone()
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Python's own repr of the strings, as a Python user reads them.
        let quoted = |s: &str| -> PyResult<String> {
            Ok(pyo3::types::PyString::new(py, s).repr()?.to_string())
        };
        let target = match &self.name {
            Some(n) if *n != self.text => format!(" -> {}", quoted(n)?),
            _ => String::new(),
        };
        Ok(format!(
            "Mention({} {}:{} {}{target} [{}])",
            quoted(&self.text)?,
            self.start,
            self.end,
            self.label,
            self.source
        ))
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let args = (
            self.start,
            self.end,
            &self.text,
            &self.label,
            &self.entity_id,
            &self.name,
            &self.candidates,
            &*self.source,
            &self.gender,
        )
            .into_pyobject(py)?;
        Ok((py.get_type::<Self>(), args))
    }
}
