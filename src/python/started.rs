//! `pipe`'s batches on a Rust thread of their own. `Extractor.start_batch` lends each
//! text's UTF-8 to a new thread that runs the core without the GIL, and returns at
//! once; `Extractor.finish_batch` waits for it (the GIL released) and wraps the
//! documents for Python on the caller's thread.
//!
//! Why not a Python worker thread: it needs the GIL to start each batch, and the
//! caller's thread, busy building the Documents of the batch before, lets go of the
//! GIL only when it blocks, so the core and the wrapping could take turns instead of
//! overlapping. Here the batch's thread never needs the GIL. (On the 2-core guest of
//! bench/README.md's eleventh session the wall ratios of the two designs were within
//! its noise; the Rust core alone ran the matcher options 2.1x on two threads.)

use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyList, PyString};

use super::convert::{extract_compact, CpDocument};
use super::extractor::texts_from_py;
use super::text::text_from_py;
use crate::extract::Extractor;
use std::borrow::Cow;

/// A text as the batch's thread reads it: the interpreter's own UTF-8, or a copy with
/// lone surrogates replaced (`text_from_py`).
enum Lent {
    Borrowed(PyBackedStr),
    Cleaned(String),
}

impl AsRef<str> for Lent {
    fn as_ref(&self) -> &str {
        match self {
            Lent::Borrowed(s) => s,
            Lent::Cleaned(s) => s,
        }
    }
}

/// What the batch's thread sends back: the texts (dropped on the caller's thread,
/// which holds the GIL) and the documents, or the core's error.
type Finished = (Vec<Option<Lent>>, crate::Result<Vec<Option<CpDocument>>>);

/// A batch running on its own thread, waiting for `Extractor.finish_batch`.
#[pyclass(name = "StartedBatch", module = "namedrop._core", frozen)]
pub(crate) struct StartedBatch {
    rx: Mutex<Option<Receiver<Finished>>>,
    len: usize,
}

fn lend(s: Bound<'_, PyString>) -> PyResult<Lent> {
    Ok(match text_from_py(&s)? {
        Cow::Borrowed(_) => Lent::Borrowed(PyBackedStr::try_from(s)?),
        Cow::Owned(cleaned) => Lent::Cleaned(cleaned),
    })
}

/// Starts the core on `texts` (str or None) in a thread of its own, on `n_threads`
/// threads (`Extractor::map_batch`).
pub(crate) fn start(
    ex: &Arc<Extractor>,
    texts: &Bound<'_, PyList>,
    n_threads: Option<usize>,
) -> PyResult<StartedBatch> {
    let lent = texts_from_py(texts)?
        .into_iter()
        .map(|t| t.map(lend).transpose())
        .collect::<PyResult<Vec<_>>>()?;
    let len = lent.len();
    let (tx, rx) = sync_channel(1);
    let ex = Arc::clone(ex);
    std::thread::Builder::new()
        .name("namedrop-batch".into())
        .spawn(move || {
            let docs = ex.map_batch(&lent, n_threads, |t| extract_compact(&ex, t));
            // the receiver is gone when the caller stopped reading `pipe`
            let _ = tx.send((lent, docs));
        })
        .map_err(|e| crate::Error::input(format!("cannot start a batch thread: {e}")))?;
    Ok(StartedBatch {
        rx: Mutex::new(Some(rx)),
        len,
    })
}

/// The documents of a started batch, once its thread is done (waited for with the
/// GIL released); an error when the batch was already finished, when `n_texts` are not
/// as many as it was started with, or the core's own error.
pub(crate) fn finish(
    py: Python<'_>,
    n_texts: usize,
    batch: &StartedBatch,
) -> PyResult<Vec<Option<CpDocument>>> {
    if n_texts != batch.len {
        let msg = format!(
            "finish_batch: the batch was started with {} texts, given {n_texts}",
            batch.len
        );
        return Err(crate::Error::input(msg).into());
    }
    let rx = batch.rx.lock().unwrap_or_else(|e| e.into_inner()).take();
    let rx = rx.ok_or_else(|| crate::Error::input("finish_batch: batch already finished"))?;
    let (lent, docs) = py.detach(move || rx.recv()).map_err(|_| {
        crate::Error::input("finish_batch: the batch's thread ended without results")
    })?;
    drop(lent);
    Ok(docs?)
}
