//! `namedrop.Gazetteer`: the Python face of [`crate::gazetteer::Gazetteer`].

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyList, PyString};
use serde_json::{Map, Value};

use super::values::{to_json, to_py};
use crate::gazetteer::{Alias, Entity, Gazetteer};

/// A dictionary of entities (people, places, organisations) and their aliases.
#[pyclass(name = "Gazetteer", module = "namedrop")]
pub(crate) struct PyGazetteer {
    /// Shared with the extractors built from it; `add` copies on write, so an
    /// extractor keeps the gazetteer it was built with.
    pub(crate) inner: Arc<Gazetteer>,
}

impl PyGazetteer {
    fn wrap(g: Gazetteer) -> Self {
        PyGazetteer { inner: Arc::new(g) }
    }
}

fn alias_from_py(obj: &Bound<'_, PyAny>, id: &str) -> PyResult<Alias> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Alias {
            text: s.to_cow()?.into_owned(),
            case: None,
        });
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        // An alias dict sits in the entity's alias list, like an attribute value.
        let value = to_json(d.as_any(), "alias", 1)?;
        return crate::gazetteer::load::parse_alias(value).map_err(|e| {
            crate::Error::gazetteer(format!("entity {id:?}: {}", e.message())).into()
        });
    }
    Err(PyTypeError::new_err(format!(
        "entity {id:?}: an alias must be a str or a dict {{\"text\": ..., \"case\": ...}}, got {}",
        obj.get_type().name()?
    )))
}

/// The items of `add`'s `aliases`: any iterable but a str, bytes or dict, which
/// iterate as characters, ints or keys and so would store aliases nobody wrote.
fn alias_items<'py>(aliases: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyIterator>> {
    let refused = if aliases.is_instance_of::<PyString>() {
        Some("a str (write aliases=[\"...\"] for one alias)")
    } else if aliases.is_instance_of::<PyDict>() {
        Some("a dict (write aliases=[{\"text\": ..., \"case\": ...}] for one alias with options)")
    } else if aliases.is_instance_of::<PyBytes>() {
        Some("bytes")
    } else {
        None
    };
    let wrong = |got: &str| {
        PyTypeError::new_err(format!(
            "aliases must be a list of str or {{\"text\": ..., \"case\": ...}} dicts, got {got}"
        ))
    };
    match refused {
        Some(got) => Err(wrong(got)),
        None => aliases
            .try_iter()
            .or_else(|_| Err(wrong(&aliases.get_type().name()?.to_string()))),
    }
}

fn entity_to_py<'py>(py: Python<'py>, e: &Entity) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &e.id)?;
    d.set_item("name", &e.name)?;
    d.set_item("label", &e.label)?;
    let aliases = PyList::empty(py);
    for a in &e.aliases {
        match a.case {
            None => aliases.append(&a.text)?,
            Some(case) => {
                let ad = PyDict::new(py);
                ad.set_item("text", &a.text)?;
                ad.set_item("case", case.as_str())?;
                aliases.append(ad)?;
            }
        }
    }
    d.set_item("aliases", aliases)?;
    for (k, v) in &e.attributes {
        d.set_item(k, to_py(py, v)?)?;
    }
    Ok(d)
}

fn records_from_iterable(rows: &Bound<'_, PyAny>) -> PyResult<Vec<Value>> {
    rows.try_iter()?
        .enumerate()
        .map(|(i, row)| {
            let row = row?;
            if !row.is_instance_of::<PyDict>() {
                return Err(crate::Error::gazetteer(format!(
                    "record {}: expected a dict, got {}",
                    i + 1,
                    row.get_type().name()?
                ))
                .into());
            }
            to_json(&row, &format!("record {}", i + 1), 0)
        })
        .collect()
}

#[pymethods]
impl PyGazetteer {
    /// An empty gazetteer.
    #[new]
    fn new() -> Self {
        Self::wrap(Gazetteer::new())
    }

    /// Adds one entity. Extra keyword arguments become attributes (`gender="female"`).
    #[pyo3(signature = (id, name, *, label = "MISC", aliases = None, **attributes))]
    fn add(
        &mut self,
        id: &str,
        name: &str,
        label: &str,
        aliases: Option<&Bound<'_, PyAny>>,
        attributes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let mut entity = Entity {
            id: id.to_owned(),
            name: name.to_owned(),
            label: label.to_owned(),
            aliases: Vec::new(),
            attributes: Map::new(),
        };
        if let Some(aliases) = aliases {
            for a in alias_items(aliases)? {
                entity.aliases.push(alias_from_py(&a?, id)?);
            }
        }
        if let Some(attrs) = attributes {
            for (k, v) in attrs.iter() {
                let key: String = k.extract()?;
                // Values sit inside the entity's attribute map (level 1).
                let value = to_json(&v, &format!("attribute {key:?}"), 1)?;
                entity.attributes.insert(key, value);
            }
        }
        Arc::make_mut(&mut self.inner).add(entity)?;
        Ok(())
    }

    /// A gazetteer from an iterable of dicts with keys id, name, label, aliases, and
    /// any other keys as attributes.
    #[staticmethod]
    fn from_records(py: Python<'_>, rows: &Bound<'_, PyAny>) -> PyResult<Self> {
        let records = records_from_iterable(rows)?;
        let g = py.detach(|| Gazetteer::from_records(records))?;
        Ok(Self::wrap(g))
    }

    /// A gazetteer from a .jsonl, .json, .csv, .tsv or .ndg file.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let g = py.detach(|| Gazetteer::from_path(&path))?;
        Ok(Self::wrap(g))
    }

    /// A gazetteer from a pandas DataFrame with the columns of `from_records`
    /// (`aliases` as lists or "|"-joined strings; missing cells are skipped).
    #[staticmethod]
    fn from_frame(py: Python<'_>, frame: &Bound<'_, PyAny>) -> PyResult<Self> {
        if !frame.hasattr("to_dict")? || !frame.hasattr("columns")? {
            return Err(PyTypeError::new_err(
                "from_frame expects a pandas DataFrame",
            ));
        }
        let rows = frame.call_method1("to_dict", ("records",))?;
        let records = records_from_iterable(&rows)?;
        // Cells as a table holds them: the core's table reader splits joined aliases.
        let g = py.detach(|| Gazetteer::from_table_records(records))?;
        Ok(Self::wrap(g))
    }

    /// The default gazetteer embedded in the package.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<Self> {
        Ok(PyGazetteer {
            inner: py.detach(crate::default_gazetteer)?,
        })
    }

    /// Writes the compact compiled form (fast to load with `Gazetteer.load`).
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let g = Arc::clone(&self.inner);
        py.detach(|| g.save(&path))?;
        Ok(())
    }

    /// Loads a gazetteer written by `save`.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let g = py.detach(|| Gazetteer::load(&path))?;
        Ok(Self::wrap(g))
    }

    /// The compiled gazetteer as bytes (what `save` writes).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let g = Arc::clone(&self.inner);
        PyBytes::new(py, &py.detach(|| g.to_bytes()))
    }

    /// A gazetteer from the bytes of `to_bytes` (what unpickling calls: workers that
    /// receive an Extractor decode it with the GIL released).
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        // `data` borrows an immutable bytes object that the caller keeps alive.
        Ok(Self::wrap(py.detach(|| Gazetteer::from_bytes(data))?))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let ctor = py.get_type::<Self>().getattr("from_bytes")?;
        Ok((ctor, (slf.borrow().to_bytes(py),)))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.index_of(id).is_some()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyDict>> {
        match self.inner.index_of(id) {
            Some(i) => entity_to_py(py, self.inner.entity(i)),
            None => Err(PyKeyError::new_err(id.to_owned())),
        }
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let ids: Vec<&str> = (0..self.inner.len() as u32)
            .map(|i| self.inner.entity_id(i))
            .collect();
        let ids = PyList::new(py, ids)?;
        ids.try_iter().map(Bound::into_any)
    }

    /// The distinct entity labels, sorted.
    #[getter]
    fn labels(&self) -> Vec<String> {
        self.inner.labels().into_iter().map(str::to_owned).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Gazetteer(<{} entities; labels: {}>)",
            self.inner.len(),
            self.inner.labels().join(", ")
        )
    }
}
