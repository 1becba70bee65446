//! Python `str` -> UTF-8 for the core, keeping code-point offsets intact.
//!
//! The UTF-8 form is lent by the interpreter (`PyUnicode_AsUTF8AndSize`, in the stable
//! ABI since Python 3.10): an ASCII `str` is its own UTF-8, and any other `str` keeps the
//! UTF-8 form it makes once, so the core reads every text without a copy. The caller
//! holds a reference to each `str` for as long as the core reads it, so the buffer
//! stays valid while the GIL is released.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

static SURROGATES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The text of a Python `str` for the core, borrowed from the interpreter. A `str`
/// with lone surrogates (which UTF-8 cannot hold) is copied with each surrogate
/// replaced by U+FFFD: one code point for one, so every offset the core reports still
/// indexes the caller's original string (all substrings are cut from the original).
pub(crate) fn text_from_py<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    // Results keep offsets as u32 (half the memory of a batch's mentions).
    if s.len()? > u32::MAX as usize / 4 {
        let n = s.len()?;
        return Err(crate::Error::input(format!(
            "a text of {n} characters is longer than the {} namedrop supports",
            u32::MAX / 4
        ))
        .into());
    }
    match s.to_str() {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => {
            let py = s.py();
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
            Ok(Cow::Owned(cleaned.cast::<PyString>()?.to_str()?.to_owned()))
        }
    }
}
