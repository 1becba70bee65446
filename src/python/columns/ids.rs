//! The `doc_id` column: the caller's ids (or the text positions), typed like the ids
//! given: ints give int64, floats float64, strs utf8; `None` ids are nulls.

use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, Int64Array, StringArray};
use arrow_schema::DataType;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyList, PyString};

/// The ids of a batch of texts, one per text.
#[derive(Debug)]
pub(crate) enum DocIds {
    /// No ids given: a text's id is its position (int64).
    Positions,
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Str(Vec<Option<String>>),
}

/// What one Python id is.
enum Id {
    Null,
    Int(i64),
    Float(f64),
    Str(String),
}

fn id_from_py(obj: &Bound<'_, PyAny>, i: usize) -> PyResult<Id> {
    if obj.is_none() {
        return Ok(Id::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Id::Str(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyFloat>() {
        let v: f64 = obj.extract()?;
        return Ok(if v.is_nan() { Id::Null } else { Id::Float(v) });
    }
    if !obj.is_instance_of::<PyBool>() {
        // Python ints and numpy integers (anything with __index__).
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(Id::Int(v));
        }
    }
    Err(PyTypeError::new_err(format!(
        "ids[{i}] is {}: a doc id must be an int (64-bit), a float, a str or None",
        obj.get_type().name()?
    )))
}

impl DocIds {
    /// Reads `ids` (one per text); every id must have the type of the first non-null
    /// one (all null: int64 nulls).
    pub(crate) fn from_py(ids: Option<&Bound<'_, PyList>>, n_texts: usize) -> PyResult<Self> {
        let Some(ids) = ids else {
            return Ok(DocIds::Positions);
        };
        if ids.len() != n_texts {
            return Err(crate::Error::input(format!(
                "ids has {} items but texts has {n_texts}",
                ids.len()
            ))
            .into());
        }
        let read = ids
            .iter()
            .enumerate()
            .map(|(i, obj)| id_from_py(&obj, i))
            .collect::<PyResult<Vec<Id>>>()?;
        let mut col = match read.iter().find(|id| !matches!(id, Id::Null)) {
            Some(Id::Float(_)) => DocIds::Float(Vec::with_capacity(n_texts)),
            Some(Id::Str(_)) => DocIds::Str(Vec::with_capacity(n_texts)),
            _ => DocIds::Int(Vec::with_capacity(n_texts)),
        };
        for (i, id) in read.into_iter().enumerate() {
            col.push(id, i, &ids.get_item(i)?)?;
        }
        Ok(col)
    }

    fn push(&mut self, id: Id, i: usize, obj: &Bound<'_, PyAny>) -> PyResult<()> {
        match (self, id) {
            (DocIds::Int(v), Id::Int(x)) => v.push(Some(x)),
            (DocIds::Float(v), Id::Float(x)) => v.push(Some(x)),
            (DocIds::Str(v), Id::Str(x)) => v.push(Some(x)),
            (DocIds::Int(v), Id::Null) => v.push(None),
            (DocIds::Float(v), Id::Null) => v.push(None),
            (DocIds::Str(v), Id::Null) => v.push(None),
            (col, _) => {
                return Err(PyTypeError::new_err(format!(
                    "ids[{i}] is {} but the ids before it are {}: doc ids must all be of one type",
                    obj.get_type().name()?,
                    col.type_name()
                )))
            }
        }
        Ok(())
    }

    fn type_name(&self) -> &'static str {
        match self {
            DocIds::Positions | DocIds::Int(_) => "int",
            DocIds::Float(_) => "float",
            DocIds::Str(_) => "str",
        }
    }

    /// The Arrow type of the column.
    pub(crate) fn data_type(&self) -> DataType {
        match self {
            DocIds::Positions | DocIds::Int(_) => DataType::Int64,
            DocIds::Float(_) => DataType::Float64,
            DocIds::Str(_) => DataType::Utf8,
        }
    }

    /// The column of the rows whose texts are `docs` (indices into the input).
    pub(crate) fn column(&self, docs: &[u32]) -> ArrayRef {
        let at = |d: &u32| *d as usize;
        match self {
            DocIds::Positions => {
                Arc::new(Int64Array::from_iter_values(docs.iter().map(|d| *d as i64)))
            }
            DocIds::Int(v) => Arc::new(docs.iter().map(|d| v[at(d)]).collect::<Int64Array>()),
            DocIds::Float(v) => Arc::new(docs.iter().map(|d| v[at(d)]).collect::<Float64Array>()),
            DocIds::Str(v) => Arc::new(
                docs.iter()
                    .map(|d| v[at(d)].as_deref())
                    .collect::<StringArray>(),
            ),
        }
    }
}
