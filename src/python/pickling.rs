//! What unpickling needs from Rust: a new `Gazetteer` object on the compiled data of
//! another, so that a per-process cache of unpickled gazetteers (`namedrop._pickle`)
//! hands out objects that share the data and still copy on write (`add`).

use std::sync::Arc;

use pyo3::prelude::*;

use super::gazetteer::PyGazetteer;

/// A new `Gazetteer` sharing `g`'s compiled data: O(1); `add` on either copies first.
#[pyfunction]
pub(crate) fn share_gazetteer(g: &Bound<'_, PyGazetteer>) -> PyGazetteer {
    PyGazetteer {
        inner: Arc::clone(&g.borrow().inner),
    }
}
