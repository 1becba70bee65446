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
    // Results keep offsets as u32 (half the memory of a batch's mentions).
    if s.len()? > u32::MAX as usize / 4 {
        let n = s.len()?;
        return Err(crate::Error::input(format!(
            "a text of {n} characters is longer than the {} namedrop supports",
            u32::MAX / 4
        ))
        .into());
    }
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
