//! Python `str` -> Rust `String`, keeping code-point offsets intact.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

static SURROGATES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The text of a Python `str` for the core. A `str` with lone surrogates (which UTF-8
/// cannot hold) has each surrogate replaced by U+FFFD: one code point for one, so
/// every offset the core reports still indexes the caller's original string (all
/// substrings are cut from the original).
pub(crate) fn text_from_py(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = obj.cast::<PyString>()?;
    match s.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(_) => {
            let py = obj.py();
            let sub = SURROGATES.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
                // A Rust literal cannot hold a surrogate, so Python builds the pattern.
                let sub = py.eval(
                    c"__import__('re').compile('[\\ud800-\\udfff]').sub",
                    None,
                    None,
                )?;
                Ok(sub.unbind())
            })?;
            let cleaned = sub.bind(py).call1(("\u{fffd}", s))?;
            Ok(cleaned.cast::<PyString>()?.to_cow()?.into_owned())
        }
    }
}
