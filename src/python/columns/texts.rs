//! The texts of a stream, held for as long as it is read: each `str`'s own UTF-8, lent
//! by the interpreter (see `text_from_py`), so a stream over a million articles holds
//! no second copy of them; only a `str` with lone surrogates is copied (cleaned).

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::python::text::text_from_py;

/// One text of a stream.
pub(crate) enum Text {
    /// The UTF-8 of `owner`, which the stream keeps alive: a `str` is immutable and
    /// keeps the UTF-8 form it made until it is freed.
    Lent {
        _owner: Py<PyString>,
        ptr: *const u8,
        len: usize,
    },
    /// A copy of a `str` with lone surrogates, each replaced by U+FFFD.
    Cleaned(String),
}

// SAFETY: `ptr` points into the immutable UTF-8 buffer of a `str` that `_owner` keeps
// alive; nothing writes to it, so reading it from any thread is sound. `Py` is Send
// and Sync itself.
unsafe impl Send for Text {}
unsafe impl Sync for Text {}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        match self {
            // SAFETY: see `unsafe impl Send`: the bytes are valid UTF-8 (the
            // interpreter's UTF-8 form of the str) and outlive `self`.
            Text::Lent { ptr, len, .. } => unsafe {
                std::str::from_utf8_unchecked(std::slice::from_raw_parts(*ptr, *len))
            },
            Text::Cleaned(s) => s,
        }
    }
}

/// The texts of `list` (str or None), and whether any had lone surrogates.
pub(crate) fn texts_from_list(list: &Bound<'_, PyList>) -> PyResult<(Vec<Option<Text>>, bool)> {
    let mut cleaned = false;
    let mut out = Vec::with_capacity(list.len());
    for item in list.iter() {
        if item.is_none() {
            out.push(None);
            continue;
        }
        let s = item.cast_into::<PyString>()?;
        let text = match text_from_py(&s)? {
            Cow::Borrowed(b) => Text::Lent {
                ptr: b.as_ptr(),
                len: b.len(),
                _owner: s.clone().unbind(),
            },
            Cow::Owned(copy) => {
                cleaned = true;
                Text::Cleaned(copy)
            }
        };
        out.push(Some(text));
    }
    Ok((out, cleaned))
}
