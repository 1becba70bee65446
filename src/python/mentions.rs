//! `namedrop.Mentions`: the entity mentions of a Document, as an immutable sequence
//! that makes each `Mention` object when it is read.
//!
//! A batch of news finds a mention every ~50 bytes; making a Python object (and its
//! strings) for each costs more than finding it, and most callers read a few fields of
//! some mentions, or none (counting, filtering by label through a frame). So a
//! Document keeps the compact Rust results (`CpDocument`) and the caller's `str`, and
//! `Mention`s are made on access. It behaves like the tuple it replaces: indexing,
//! slicing (gives a tuple), iteration, `len`, `in`, `index`, `count`, equality with
//! tuples and other `Mentions`, hashing, and it pickles as a tuple.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PySlice, PyString, PyTuple, PyType};

use super::convert::{CpDocument, CpMention, NONE};
use super::mention::PyMention;
use crate::extract::Extractor;

/// `text[start:end]` of a Python `str`, in code points, without copying `text`.
pub(crate) fn substring<'py>(
    text: &Bound<'py, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyString>> {
    let py = text.py();
    // SAFETY: `text` is a live str; PyUnicode_Substring returns a new reference, or
    // NULL with an exception set (which from_owned_ptr_or_err turns into an error).
    let sub = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyUnicode_Substring(
                text.as_ptr(),
                start as ffi::Py_ssize_t,
                end as ffi::Py_ssize_t,
            ),
        )
    }?;
    Ok(sub.cast_into::<PyString>()?)
}

/// One document's results and what is needed to turn them into Python objects.
pub(crate) struct DocResults {
    pub ex: Arc<Extractor>,
    pub doc: CpDocument,
    /// The caller's text: mention texts are cut from it.
    pub text: Py<PyString>,
    /// `doc.labels` as Python strings.
    pub labels: Vec<Py<PyString>>,
}

impl DocResults {
    pub(crate) fn new(
        py: Python<'_>,
        ex: Arc<Extractor>,
        doc: CpDocument,
        text: Py<PyString>,
    ) -> Self {
        let labels = doc
            .labels
            .iter()
            .map(|l| PyString::new(py, l).unbind())
            .collect();
        DocResults {
            ex,
            doc,
            text,
            labels,
        }
    }

    /// The `Mention` of a compact mention of this document.
    pub(crate) fn mention(&self, py: Python<'_>, m: &CpMention) -> PyResult<PyMention> {
        let g = self.ex.gazetteer();
        let id = |e: u32| PyString::new(py, &g.entity(e).id).unbind();
        let entity_id = (m.entity != NONE).then(|| id(m.entity));
        let cluster = self.doc.cluster_of(m);
        let name = match cluster {
            Some(c) => Some(PyString::new(py, &c.name).unbind()),
            None => {
                (m.entity != NONE).then(|| PyString::new(py, &g.entity(m.entity).name).unbind())
            }
        };
        let candidates = match (self.doc.candidates_of(m), &entity_id) {
            // The usual case: one candidate, the entity itself (share its id string).
            (&[c], Some(eid)) if c == m.entity => PyTuple::new(py, [eid.clone_ref(py)])?,
            (cands, _) => PyTuple::new(py, cands.iter().map(|&c| id(c)))?,
        };
        Ok(PyMention {
            start: m.start,
            end: m.end,
            text: substring(self.text.bind(py), m.start, m.end)?.unbind(),
            label: self.labels[m.label as usize].clone_ref(py),
            entity_id,
            name,
            candidates: candidates.unbind(),
            source: std::borrow::Cow::Borrowed(m.source.as_str()),
            gender: cluster
                .and_then(|c| c.gender.as_deref())
                .map(|s| PyString::new(py, s).unbind()),
        })
    }

    fn entity<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyMention>> {
        Bound::new(py, self.mention(py, &self.doc.entities[i])?)
    }
}

/// The entity mentions of a Document: an immutable sequence of `Mention`, each made
/// when it is read (indexing, iteration). Slices give tuples; it pickles as a tuple
/// and compares equal to a tuple with the same mentions.
#[pyclass(name = "Mentions", module = "namedrop", frozen, sequence)]
pub(crate) struct PyMentions {
    pub(crate) inner: Arc<DocResults>,
}

impl PyMentions {
    fn len(&self) -> usize {
        self.inner.doc.entities.len()
    }

    fn to_tuple<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let items = (0..self.len())
            .map(|i| self.inner.entity(py, i))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, items)
    }
}

#[pymethods]
impl PyMentions {
    fn __len__(&self) -> usize {
        self.len()
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if let Ok(slice) = index.cast::<PySlice>() {
            let all = self.to_tuple(py)?;
            return all.as_any().get_item(slice);
        }
        let i: isize = index.extract()?;
        let n = self.len() as isize;
        let k = if i < 0 { i + n } else { i };
        if k < 0 || k >= n {
            return Err(PyIndexError::new_err("Mentions index out of range"));
        }
        Ok(self.inner.entity(py, k as usize)?.into_any())
    }

    fn __iter__(slf: Bound<'_, Self>) -> MentionsIter {
        MentionsIter {
            inner: Arc::clone(&slf.get().inner),
            next: AtomicUsize::new(0),
        }
    }

    fn __contains__(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.to_tuple(py)?.contains(value)
    }

    /// The position of the first mention equal to `value` (ValueError if none).
    fn index(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<usize> {
        for i in 0..self.len() {
            if self.inner.entity(py, i)?.as_any().eq(value)? {
                return Ok(i);
            }
        }
        Err(PyValueError::new_err("mention not in Mentions"))
    }

    /// How many mentions equal `value`.
    fn count(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<usize> {
        let mut n = 0;
        for i in 0..self.len() {
            n += self.inner.entity(py, i)?.as_any().eq(value)? as usize;
        }
        Ok(n)
    }

    fn __richcmp__(
        &self,
        py: Python<'_>,
        other: &Bound<'_, PyAny>,
        op: CompareOp,
    ) -> PyResult<Py<PyAny>> {
        let other = if let Ok(m) = other.cast::<PyMentions>() {
            if Arc::ptr_eq(&m.get().inner, &self.inner) {
                return Ok(matches!(op, CompareOp::Eq)
                    .into_pyobject(py)?
                    .to_owned()
                    .into_any()
                    .unbind());
            }
            m.get().to_tuple(py)?
        } else if let Ok(t) = other.cast::<PyTuple>() {
            t.clone()
        } else {
            return Ok(py.NotImplemented());
        };
        match op {
            CompareOp::Eq | CompareOp::Ne => {
                // Lengths first: no objects are made for sequences that differ in size.
                let same = other.len() == self.len() && self.to_tuple(py)?.eq(&other)?;
                let res = if matches!(op, CompareOp::Eq) {
                    same
                } else {
                    !same
                };
                Ok(res.into_pyobject(py)?.to_owned().into_any().unbind())
            }
            _ => Ok(py.NotImplemented()),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.to_tuple(py)?.hash()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.to_tuple(py)?.repr()?.to_string())
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyType>, (Bound<'py, PyTuple>,))> {
        Ok((py.get_type::<PyTuple>(), (self.to_tuple(py)?,)))
    }
}

/// Iterator over `Mentions`, making each `Mention` as it goes.
#[pyclass(module = "namedrop", frozen)]
pub(crate) struct MentionsIter {
    inner: Arc<DocResults>,
    next: AtomicUsize,
}

#[pymethods]
impl MentionsIter {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyMention>>> {
        // One iterator is used by one thread at a time (the GIL); the atomic only
        // satisfies `frozen`.
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= self.inner.doc.entities.len() {
            self.next
                .store(self.inner.doc.entities.len(), Ordering::Relaxed);
            return Ok(None);
        }
        self.inner.entity(py, i).map(Some)
    }
}
