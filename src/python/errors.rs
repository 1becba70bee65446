//! The Python exception hierarchy and the one place core errors become Python errors.
//!
//! `NamedropError(Exception)` is the base; each subclass also subclasses the builtin a
//! Python user would catch (`ValueError`, `OSError`), as polars does. The classes are
//! created at import time with `type(name, bases, ns)` because a PyO3 exception type
//! can have only one base.

use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::{Error, ErrorKind};

struct Classes {
    base: Py<PyType>,
    gazetteer: Py<PyType>,
    input: Py<PyType>,
    file: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn new_class<'py>(
    py: Python<'py>,
    name: &str,
    doc: &str,
    bases: &[Bound<'py, PyType>],
) -> PyResult<Py<PyType>> {
    let ns = PyDict::new(py);
    ns.set_item("__module__", "namedrop")?;
    ns.set_item("__doc__", doc)?;
    let bases = PyTuple::new(py, bases)?;
    let class = py
        .get_type::<PyType>()
        .call1((name, bases, ns))?
        .cast_into::<PyType>()?;
    Ok(class.unbind())
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let base = new_class(
            py,
            "NamedropError",
            "Base class of every error namedrop raises.",
            &[py.get_type::<PyException>()],
        )?;
        let base_b = base.bind(py).clone();
        let value = py.get_type::<PyValueError>();
        Ok(Classes {
            gazetteer: new_class(
                py,
                "GazetteerError",
                "An invalid gazetteer: duplicate id, empty alias, bad row or file.",
                &[base_b.clone(), value.clone()],
            )?,
            input: new_class(
                py,
                "InputError",
                "Invalid input text or option.",
                &[base_b.clone(), value],
            )?,
            file: new_class(
                py,
                "FileError",
                "A file could not be read or written.",
                &[base_b, py.get_type::<PyOSError>()],
            )?,
            base,
        })
    })
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let c = classes(py)?;
    m.add("NamedropError", c.base.clone_ref(py))?;
    m.add("GazetteerError", c.gazetteer.clone_ref(py))?;
    m.add("InputError", c.input.clone_ref(py))?;
    m.add("FileError", c.file.clone_ref(py))?;
    Ok(())
}

fn to_pyerr(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let c = classes(py)?;
    let class = match err.kind() {
        ErrorKind::Gazetteer => &c.gazetteer,
        ErrorKind::Input => &c.input,
        ErrorKind::Io => &c.file,
    };
    let value = class.bind(py).call1((err.to_string(),))?;
    value.setattr("path", err.path())?;
    value.setattr("line", err.line())?;
    Ok(PyErr::from_value(value))
}

impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        Python::attach(|py| to_pyerr(py, &err).unwrap_or_else(|e| e))
    }
}

/// Raises a core error of the given kind: used by the Python tests of the hierarchy.
#[pyfunction]
#[pyo3(signature = (kind, message, path=None, line=None))]
pub(crate) fn _raise_error(
    kind: &str,
    message: &str,
    path: Option<&str>,
    line: Option<u64>,
) -> PyResult<()> {
    let err = match kind {
        "gazetteer" => Error::gazetteer(message),
        "input" => Error::input(message),
        "io" => {
            let io = std::io::Error::other(message.to_owned());
            return Err(Error::io(path.unwrap_or(""), &io).into());
        }
        other => return Err(Error::input(format!("unknown error kind {other:?}")).into()),
    };
    Err(match path {
        Some(p) => err.at(p, line),
        None => err,
    }
    .into())
}
