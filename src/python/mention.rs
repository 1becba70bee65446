//! `namedrop.Mention`: a Rust class holding its Python strings, so that reading an
//! attribute allocates nothing, and not tracked by Python's garbage collector (it holds
//! only `str` objects and a tuple of them, which cannot form reference cycles).

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};

/// A mention of an entity: a gazetteer match, a linked short form, a discovered name,
/// or a quote's speaker phrase (pronoun or nominal speaker).
///
/// Offsets are code points: `text[m.start:m.end] == m.text`.
#[pyclass(name = "Mention", module = "namedrop", frozen)]
#[derive(Debug)]
pub(crate) struct PyMention {
    #[pyo3(get)]
    pub start: usize,
    #[pyo3(get)]
    pub end: usize,
    #[pyo3(get)]
    pub text: Py<PyString>,
    #[pyo3(get)]
    pub label: Py<PyString>,
    #[pyo3(get)]
    pub entity_id: Option<Py<PyString>>,
    #[pyo3(get)]
    pub name: Option<Py<PyString>>,
    /// Ids of every entity the matched alias belongs to.
    #[pyo3(get)]
    pub candidates: Py<PyTuple>,
    pub source: Cow<'static, str>,
    #[pyo3(get)]
    pub gender: Option<Py<PyString>>,
}

/// `s` as an exact `str` (a copy for a str subclass), lone surrogates kept.
fn plain_str(s: &Bound<'_, PyString>) -> PyResult<Py<PyString>> {
    if s.is_exact_instance_of::<PyString>() {
        return Ok(s.clone().unbind());
    }
    Ok(super::results::substring(s, 0, s.len()?)?.unbind())
}

impl PyMention {
    /// Every field, in constructor order, as a tuple (for `==`, `hash` and pickling).
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
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
            .into_pyobject(py)
    }
}

#[pymethods]
impl PyMention {
    #[new]
    #[pyo3(signature = (start, end, text, label, entity_id=None, name=None, candidates=Vec::new(),
                        source="gazetteer".to_owned(), gender=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        start: usize,
        end: usize,
        text: &Bound<'_, PyString>,
        label: &Bound<'_, PyString>,
        entity_id: Option<&Bound<'_, PyString>>,
        name: Option<&Bound<'_, PyString>>,
        candidates: Vec<Bound<'_, PyString>>,
        source: String,
        gender: Option<&Bound<'_, PyString>>,
    ) -> PyResult<Self> {
        // Kept as given (a text cut from a str with lone surrogates pickles back), as
        // plain `str`: a str subclass could carry attributes (and reference cycles).
        let s = |v: &Bound<'_, PyString>| plain_str(v);
        let opt = |v: Option<&Bound<'_, PyString>>| v.map(s).transpose();
        let candidates = candidates.iter().map(s).collect::<PyResult<Vec<_>>>()?;
        Ok(PyMention {
            start,
            end,
            text: s(text)?,
            label: s(label)?,
            entity_id: opt(entity_id)?,
            name: opt(name)?,
            candidates: PyTuple::new(py, candidates)?.unbind(),
            source: Cow::Owned(source),
            gender: opt(gender)?,
        })
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
        d.set_item("candidates", self.candidates.bind(py).to_list())?;
        d.set_item("source", &*self.source)?;
        d.set_item("gender", &self.gender)?;
        Ok(d)
    }

    fn __richcmp__(
        &self,
        other: &Bound<'_, PyAny>,
        op: CompareOp,
        py: Python<'_>,
    ) -> PyResult<Py<PyAny>> {
        let Ok(other) = other.cast::<PyMention>() else {
            return Ok(py.NotImplemented());
        };
        let same = self.fields(py)?.eq(other.get().fields(py)?)?;
        match op {
            CompareOp::Eq => Ok(same.into_pyobject(py)?.to_owned().into_any().unbind()),
            CompareOp::Ne => Ok((!same).into_pyobject(py)?.to_owned().into_any().unbind()),
            _ => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.fields(py)?.hash()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Python's own repr of the strings, as a Python user reads them.
        let text = self.text.bind(py);
        let target = match &self.name {
            Some(n) if !n.bind(py).as_any().eq(text)? => format!(" -> {}", n.bind(py).repr()?),
            _ => String::new(),
        };
        Ok(format!(
            "Mention({} {}:{} {}{target} [{}])",
            text.repr()?,
            self.start,
            self.end,
            self.label.bind(py),
            self.source
        ))
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        Ok((py.get_type::<Self>(), self.fields(py)?))
    }
}
