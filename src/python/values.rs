//! Conversions between Python objects and JSON values (entity attributes, records).
//!
//! Python values can nest without bound and can contain themselves; JSON values
//! cannot. Conversion refuses both up front, with an `InputError` naming the value,
//! so that nothing is stored that cannot be read back.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::Error;

/// The most lists and dicts nested in one record, the record (or attribute map)
/// itself being level 1: serde_json's recursion limit, which reading stored
/// attributes back applies (it refuses the 128th level).
pub(crate) const MAX_DEPTH: usize = 128;

/// The most values one record or attribute may hold. A list that appears twice is
/// converted twice, so 30 nested `[a, a]` (60 Python objects) would expand to 2^30
/// JSON values; this keeps conversion linear in what the caller built.
const MAX_VALUES: usize = 1 << 22;

/// A Python value as JSON: None, bool, int, float, str, list/tuple, dict with str keys.
/// NaN floats become null (pandas' missing value). `what` names the value in errors.
///
/// `depth` is the number of containers the value sits in (0 for a whole record, 1 for
/// a value inside an entity's attribute map): a container at level [`MAX_DEPTH`] or
/// a value that contains itself is an `InputError`.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, what: &str, depth: usize) -> PyResult<Value> {
    Converter {
        what,
        field: None,
        path: Vec::new(),
        values: 0,
    }
    .value(obj, depth)
}

/// The state of one conversion: the containers being converted, outermost first
/// (a cycle revisits one of them), pydantic-core's recursion guard.
struct Converter<'a> {
    what: &'a str,
    /// The key of a whole record being converted, for errors ("record 2: \"meta\"").
    field: Option<String>,
    path: Vec<usize>,
    /// Values converted so far, against [`MAX_VALUES`].
    values: usize,
}

impl Converter<'_> {
    fn value(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(self.error(&format!(
                "more than {MAX_VALUES} values (a list or dict used twice counts twice)"
            )));
        }
        if let Some(v) = scalar(obj)? {
            return Ok(v);
        }
        let is_seq = obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
        let dict = obj.cast::<PyDict>().ok();
        if !is_seq && dict.is_none() {
            return number_like(obj, self.what);
        }
        self.enter(obj, depth)?;
        let converted = match dict {
            Some(d) => self.dict(d, depth + 1),
            None => obj
                .try_iter()?
                .map(|item| self.value(&item?, depth + 1))
                .collect::<PyResult<Vec<_>>>()
                .map(Value::Array),
        };
        self.path.pop();
        converted
    }

    fn dict(&mut self, d: &Bound<'_, PyDict>, depth: usize) -> PyResult<Value> {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!("{}: dict keys must be str", self.what))
            })?;
            if depth == 1 {
                self.field = Some(key.clone());
            }
            map.insert(key, self.value(&v, depth)?);
        }
        Ok(Value::Object(map))
    }

    /// Records `obj` as being converted, or refuses it: too deep, or already open.
    /// Checking the path is linear in the depth, which is bounded.
    fn enter(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<()> {
        let id = obj.as_ptr() as usize;
        if self.path.contains(&id) {
            return Err(self.error(
                "the value contains itself (a reference cycle); attributes must be JSON trees",
            ));
        }
        if depth + 1 >= MAX_DEPTH {
            return Err(self.error(&format!(
                "lists and dicts nested too deeply (JSON's limit is {MAX_DEPTH} levels, \
                 counting the entity's attributes, so a value may nest {} of them)",
                MAX_DEPTH - 2
            )));
        }
        self.path.push(id);
        Ok(())
    }

    fn error(&self, problem: &str) -> PyErr {
        let message = match &self.field {
            Some(key) => format!("{}: {key:?}: {problem}", self.what),
            None => format!("{}: {problem}", self.what),
        };
        Error::input(message).into()
    }
}

/// None, bool, int, float and str; `None` for anything else.
fn scalar(obj: &Bound<'_, PyAny>) -> PyResult<Option<Value>> {
    if obj.is_none() {
        return Ok(Some(Value::Null));
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Some(Value::Bool(obj.extract()?)));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Some(Value::Number(i.into())));
        }
        return Ok(Some(Value::Number(obj.extract::<u64>()?.into())));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return Ok(Some(Number::from_f64(f).map_or(Value::Null, Value::Number)));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(Value::String(s.to_cow()?.into_owned())));
    }
    Ok(None)
}

/// numpy scalars and other number-likes, through `__index__`/`__float__`.
fn number_like(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::Number(i.into()));
    }
    if let Ok(f) = obj.extract::<f64>() {
        return Ok(Number::from_f64(f).map_or(Value::Null, Value::Number));
    }
    Err(PyTypeError::new_err(format!(
        "{what}: cannot store a value of type {} (use None, bool, int, float, str, list or dict)",
        obj.get_type().name()?
    )))
}

/// A JSON value as a Python object.
pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}
