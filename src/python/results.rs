//! A Document's results on the Python side: `namedrop.Mentions`, `namedrop.Quotes`
//! and `namedrop.Clusters`, immutable sequences that make each `Mention` / `Quote` /
//! `Cluster` when it is read.
//!
//! A batch of news finds a mention every ~50 bytes; making a Python object (and its
//! strings) for each costs more than finding it, and most callers read a few fields of
//! some of them, or none (counting, or a DataFrame through `entities_frame`). So a
//! Document keeps the compact Rust results (`CpDocument`) and the caller's `str`, and
//! objects are made on access (a quote is a tuple, its text, cue and speaker objects:
//! about a kilobyte each, half a gigabyte for the quotes of 100 MB of news). The
//! sequences behave like the tuples they replace:
//! indexing, slicing (gives a tuple), iteration, `len`, `in`, `index`, `count`,
//! equality with tuples and with each other, hashing, and they pickle as tuples.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PySlice, PyString, PyTuple, PyType};

use super::convert::{CpDocument, CpMention};
use super::mention::PyMention;
use crate::extract::Extractor;
use crate::NONE;

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

/// `namedrop._types.Cluster` and `tuple.__new__`, to make Cluster named tuples.
static CLUSTER_NEW: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();
/// `namedrop._types.Quote` and `tuple.__new__`, to make Quote named tuples.
static QUOTE_NEW: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();

/// The class `name` of `namedrop._types` and `tuple.__new__`, to make its named tuples
/// without calling their Python `__new__`.
fn named_tuple<'a>(
    py: Python<'_>,
    cell: &'a PyOnceLock<(Py<PyAny>, Py<PyAny>)>,
    name: &str,
) -> PyResult<&'a (Py<PyAny>, Py<PyAny>)> {
    cell.get_or_try_init(py, || -> PyResult<_> {
        let cls = py.import("namedrop._types")?.getattr(name)?;
        let new = py.get_type::<PyTuple>().getattr("__new__")?;
        Ok((cls.unbind(), new.unbind()))
    })
}

/// One document's results and what is needed to turn them into Python objects.
pub(crate) struct DocResults {
    pub ex: Arc<Extractor>,
    pub doc: CpDocument,
    /// The caller's text: mention texts are cut from it.
    pub text: Py<PyString>,
    /// `doc.labels` as Python strings.
    pub labels: Vec<Py<PyString>>,
    /// Per cluster, the strings its mentions share, made when a first mention of it is
    /// read (the vector itself too: documents whose mentions are never read pay
    /// nothing).
    shared: OnceLock<Vec<OnceLock<Shared>>>,
    /// The id tuples of the document's shared candidate lists, made on first read: every
    /// mention of an alias that many entities carry shows one tuple.
    shared_ids: OnceLock<Vec<OnceLock<Py<PyTuple>>>>,
}

/// The Python strings of one cluster, shown by its `Cluster` and its mentions.
struct Shared {
    /// The cluster's entity (`NONE` for a discovered one).
    entity: u32,
    name: Py<PyString>,
    entity_id: Option<Py<PyString>>,
    /// `(entity_id,)`: the candidates of a mention resolved to the cluster's entity.
    one_candidate: Option<Py<PyTuple>>,
    gender: Option<Py<PyString>>,
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
            shared: OnceLock::new(),
            shared_ids: OnceLock::new(),
        }
    }

    /// The shared strings of cluster `c`.
    fn shared(&self, py: Python<'_>, c: u32) -> PyResult<&Shared> {
        let slots = self
            .shared
            .get_or_init(|| self.doc.clusters.iter().map(|_| OnceLock::new()).collect());
        let slot = &slots[c as usize];
        if let Some(s) = slot.get() {
            return Ok(s);
        }
        let g = self.ex.gazetteer();
        let cl = &self.doc.clusters[c as usize];
        let entity_id = (cl.entity != NONE).then(|| PyString::new(py, g.entity_id(cl.entity)));
        let one_candidate = match &entity_id {
            Some(id) => Some(PyTuple::new(py, [id])?.unbind()),
            None => None,
        };
        let made = Shared {
            entity: cl.entity,
            name: PyString::new(py, self.doc.cluster_name(g, cl)).unbind(),
            entity_id: entity_id.map(Bound::unbind),
            one_candidate,
            gender: self
                .doc
                .tag(cl.gender)
                .map(|s| PyString::new(py, s).unbind()),
        };
        // Under the GIL no other thread fills the slot between `get` and here.
        Ok(slot.get_or_init(|| made))
    }

    /// The `Mention` of a compact mention of this document.
    pub(crate) fn mention(&self, py: Python<'_>, m: &CpMention) -> PyResult<PyMention> {
        let text = substring(self.text.bind(py), m.start as usize, m.end as usize)?.unbind();
        let label = self.labels[m.label as usize].clone_ref(py);
        let source = std::borrow::Cow::Borrowed(m.source.as_str());
        let doc = &self.doc;
        let g = self.ex.gazetteer();
        // A mention shows its cluster's name and gender; a mention of the cluster's own
        // entity (the usual case) also shares its id and candidates strings.
        let shared = match m.cluster {
            NONE => None,
            c => Some(self.shared(py, c)?),
        };
        let own = shared.filter(|s| s.entity == m.entity);
        let entity_id = match own {
            Some(s) => s.entity_id.as_ref().map(|i| i.clone_ref(py)),
            None => (m.entity != NONE).then(|| PyString::new(py, g.entity_id(m.entity)).unbind()),
        };
        let candidates = match (
            doc.candidates_of(m),
            own.and_then(|s| s.one_candidate.as_ref()),
        ) {
            (&[e], Some(one)) if e == m.entity => one.clone_ref(py),
            _ if m.cand_end == NONE => self.shared_ids(py, m.cand_start)?,
            (cands, _) => self.ids(py, cands)?,
        };
        let name = match shared {
            Some(s) => Some(s.name.clone_ref(py)),
            None => (m.entity != NONE).then(|| PyString::new(py, g.entity_name(m.entity)).unbind()),
        };
        Ok(PyMention {
            start: m.start as usize,
            end: m.end as usize,
            text,
            label,
            entity_id,
            name,
            candidates,
            source,
            gender: shared.and_then(|s| s.gender.as_ref().map(|x| x.clone_ref(py))),
        })
    }

    /// The id tuple of shared candidate list `i`, made once.
    fn shared_ids(&self, py: Python<'_>, i: u32) -> PyResult<Py<PyTuple>> {
        let slots = self.shared_ids.get_or_init(|| {
            self.doc
                .shared_candidates
                .iter()
                .map(|_| OnceLock::new())
                .collect()
        });
        let slot = &slots[i as usize];
        if let Some(t) = slot.get() {
            return Ok(t.clone_ref(py));
        }
        let made = self.ids(py, &self.doc.shared_candidates[i as usize])?;
        // Under the GIL no other thread fills the slot between `get` and here.
        Ok(slot.get_or_init(|| made).clone_ref(py))
    }

    /// The ids of gazetteer entities, as a tuple.
    fn ids(&self, py: Python<'_>, entities: &[u32]) -> PyResult<Py<PyTuple>> {
        let g = self.ex.gazetteer();
        Ok(PyTuple::new(py, entities.iter().map(|&e| g.entity_id(e)))?.unbind())
    }

    fn entity<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, self.mention(py, &self.doc.entities[i])?)?.into_any())
    }

    /// Cluster `i` as a `namedrop.Cluster` named tuple.
    fn cluster<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let (cls, new) = named_tuple(py, &CLUSTER_NEW, "Cluster")?;
        let doc = &self.doc;
        let c = &doc.clusters[i];
        // The same strings its mentions show.
        let s = self.shared(py, i as u32)?;
        let fields = (
            s.name.bind(py),
            self.labels[c.label as usize].bind(py),
            s.entity_id.as_ref().map(|id| id.bind(py)),
            s.gender.as_ref().map(|g| g.bind(py)),
            c.mentions,
            c.quotes,
            doc.tag(c.gender_evidence),
            c.indirect_quotes,
        )
            .into_pyobject(py)?;
        new.bind(py).call1((cls.bind(py), fields))
    }

    /// Quote `i` as a `namedrop.Quote` named tuple.
    fn quote<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let (cls, new) = named_tuple(py, &QUOTE_NEW, "Quote")?;
        let doc = &self.doc;
        let q = &doc.quotes[i];
        let text = self.text.bind(py);
        let speaker = match q.speaker() {
            Some(s) => Some(Bound::new(
                py,
                self.mention(py, &doc.speakers[s as usize])?,
            )?),
            None => None,
        };
        let cue_span = q.cue();
        let cue = match cue_span {
            Some((a, b)) => Some(substring(text, a, b)?),
            None => None,
        };
        let (start, end) = (q.start as usize, q.end as usize);
        let fields = (
            start,
            end,
            substring(text, start, end)?,
            q.kind(),
            speaker,
            cue,
            cue_span.map(|c| c.0),
            cue_span.map(|c| c.1),
            q.rule(),
            q.paragraph,
        )
            .into_pyobject(py)?;
        new.bind(py).call1((cls.bind(py), fields))
    }
}

/// The methods shared by `Mentions`, `Quotes` and `Clusters`: `$item` makes item `i`, `$len`
/// counts them.
macro_rules! lazy_sequence {
    ($ty:ident, $name:literal, $item:ident, $len:expr) => {
        impl $ty {
            fn len(&self) -> usize {
                let len: fn(&CpDocument) -> usize = $len;
                len(&self.inner.doc)
            }

            fn item<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
                self.inner.$item(py, i)
            }

            fn to_tuple<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                let items = (0..self.len())
                    .map(|i| self.item(py, i))
                    .collect::<PyResult<Vec<_>>>()?;
                PyTuple::new(py, items)
            }
        }

        #[pymethods]
        impl $ty {
            fn __len__(&self) -> usize {
                self.len()
            }

            fn __getitem__<'py>(
                &self,
                py: Python<'py>,
                index: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                if let Ok(slice) = index.cast::<PySlice>() {
                    // Only the selected items are made.
                    let ix = slice.indices(self.len() as isize)?;
                    let items = (0..ix.slicelength as isize)
                        .map(|k| self.item(py, (ix.start + k * ix.step) as usize))
                        .collect::<PyResult<Vec<_>>>()?;
                    return Ok(PyTuple::new(py, items)?.into_any());
                }
                let i: isize = index.extract()?;
                let n = self.len() as isize;
                let k = if i < 0 { i + n } else { i };
                if k < 0 || k >= n {
                    return Err(PyIndexError::new_err(concat!($name, " index out of range")));
                }
                self.item(py, k as usize)
            }

            fn __iter__(&self) -> ResultsIter {
                ResultsIter {
                    inner: Arc::clone(&self.inner),
                    item: |r, py, i| r.$item(py, i),
                    len: self.len(),
                    next: AtomicUsize::new(0),
                }
            }

            fn __contains__(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
                for i in 0..self.len() {
                    if self.item(py, i)?.eq(value)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }

            /// The position of the first item equal to `value` in `[start:stop]`, as
            /// `tuple.index` (ValueError if none).
            #[pyo3(signature = (value, start = 0, stop = isize::MAX))]
            fn index(
                &self,
                py: Python<'_>,
                value: &Bound<'_, PyAny>,
                start: isize,
                stop: isize,
            ) -> PyResult<usize> {
                let n = self.len() as isize;
                let clamp = |i: isize| if i < 0 { (i + n).max(0) } else { i.min(n) };
                for i in clamp(start)..clamp(stop) {
                    if self.item(py, i as usize)?.eq(value)? {
                        return Ok(i as usize);
                    }
                }
                Err(PyValueError::new_err(concat!("value not in ", $name)))
            }

            /// `self + other` with a tuple or another of these sequences: a tuple.
            fn __add__<'py>(
                &self,
                py: Python<'py>,
                other: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let other = if let Ok(o) = other.cast::<$ty>() {
                    o.get().to_tuple(py)?
                } else if let Ok(t) = other.cast::<PyTuple>() {
                    t.clone()
                } else {
                    return Ok(py.NotImplemented().into_bound(py));
                };
                self.to_tuple(py)?.as_any().add(other)
            }

            fn __radd__<'py>(
                &self,
                py: Python<'py>,
                other: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let Ok(other) = other.cast::<PyTuple>() else {
                    return Ok(py.NotImplemented().into_bound(py));
                };
                other.as_any().add(self.to_tuple(py)?)
            }

            fn __mul__<'py>(&self, py: Python<'py>, n: isize) -> PyResult<Bound<'py, PyAny>> {
                self.to_tuple(py)?.as_any().mul(n)
            }

            fn __rmul__<'py>(&self, py: Python<'py>, n: isize) -> PyResult<Bound<'py, PyAny>> {
                self.to_tuple(py)?.as_any().mul(n)
            }

            /// How many items equal `value`.
            fn count(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<usize> {
                let mut n = 0;
                for i in 0..self.len() {
                    n += self.item(py, i)?.eq(value)? as usize;
                }
                Ok(n)
            }

            fn __richcmp__(
                &self,
                py: Python<'_>,
                other: &Bound<'_, PyAny>,
                op: CompareOp,
            ) -> PyResult<Py<PyAny>> {
                if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
                    return Ok(py.NotImplemented());
                }
                let other = if let Ok(o) = other.cast::<$ty>() {
                    if Arc::ptr_eq(&o.get().inner, &self.inner) {
                        let same = matches!(op, CompareOp::Eq);
                        return Ok(same.into_pyobject(py)?.to_owned().into_any().unbind());
                    }
                    o.get().to_tuple(py)?
                } else if let Ok(t) = other.cast::<PyTuple>() {
                    t.clone()
                } else {
                    return Ok(py.NotImplemented());
                };
                // Lengths first: no objects are made for sequences that differ in size.
                let same = other.len() == self.len() && self.to_tuple(py)?.eq(&other)?;
                let res = same == matches!(op, CompareOp::Eq);
                Ok(res.into_pyobject(py)?.to_owned().into_any().unbind())
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
    };
}

/// The entity mentions of a Document: an immutable sequence of `Mention`, each made
/// when it is read. Slices give tuples; it pickles as a tuple and compares equal to a
/// tuple with the same mentions.
#[pyclass(name = "Mentions", module = "namedrop", frozen, sequence)]
pub(crate) struct PyMentions {
    pub(crate) inner: Arc<DocResults>,
}

lazy_sequence!(PyMentions, "Mentions", entity, |d| d.entities.len());

/// The quotes of a Document, direct and reported, in text order: an immutable
/// sequence of `Quote` named tuples, each made when it is read; otherwise like
/// `Mentions`.
#[pyclass(name = "Quotes", module = "namedrop", frozen, sequence)]
pub(crate) struct PyQuotes {
    pub(crate) inner: Arc<DocResults>,
}

lazy_sequence!(PyQuotes, "Quotes", quote, |d| d.quotes.len());

/// The clusters of a Document (one per referent): an immutable sequence of `Cluster`
/// named tuples, each made when it is read; otherwise like `Mentions`.
#[pyclass(name = "Clusters", module = "namedrop", frozen, sequence)]
pub(crate) struct PyClusters {
    pub(crate) inner: Arc<DocResults>,
}

lazy_sequence!(PyClusters, "Clusters", cluster, |d| d.clusters.len());

/// Iterator over `Mentions`, `Quotes` or `Clusters`, making each item as it goes.
#[pyclass(module = "namedrop", frozen)]
pub(crate) struct ResultsIter {
    inner: Arc<DocResults>,
    item: for<'py> fn(&DocResults, Python<'py>, usize) -> PyResult<Bound<'py, PyAny>>,
    len: usize,
    next: AtomicUsize,
}

#[pymethods]
impl ResultsIter {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __length_hint__(&self) -> usize {
        self.len.saturating_sub(self.next.load(Ordering::Relaxed))
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        // `frozen` needs interior mutability; two threads sharing one iterator each get
        // distinct items, as with a list iterator.
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= self.len {
            self.next.store(self.len, Ordering::Relaxed);
            return Ok(None);
        }
        (self.item)(&self.inner, py, i).map(Some)
    }
}
