//! `_fold`: the matcher's folded view of a text, for the folding property tests
//! (tests/test_folding.py check it against `unicodedata`). Not public API.

use pyo3::prelude::*;

/// The folded text the matcher compares aliases with (lowercase, punctuation and
/// whitespace folds, NFD, and diacritics dropped when `fold_diacritics`).
#[pyfunction]
#[pyo3(signature = (text, fold_diacritics = true))]
pub(crate) fn _fold(py: Python<'_>, text: &str, fold_diacritics: bool) -> String {
    py.detach(|| crate::text::fold(text, fold_diacritics).as_str().to_owned())
}
