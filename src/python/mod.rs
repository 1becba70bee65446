//! The PyO3 layer: the `namedrop._core` extension module.
//!
//! This layer only converts values between Python and the core (`values.rs`,
//! `text.rs`, `convert.rs`), maps the core's errors to Python exceptions
//! (`errors.rs`), and releases the GIL around core work (`extractor.rs`,
//! `started.rs` for `pipe`'s batches, and `columns/` for the Arrow results).

mod columns;
mod convert;
mod errors;
mod extractor;
mod folding;
mod gazetteer;
mod mention;
mod pickling;
mod results;
mod started;
mod text;
mod values;

use pyo3::prelude::*;

/// The `namedrop._core` extension module.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", crate::VERSION)?;
    errors::register(m)?;
    m.add_function(wrap_pyfunction!(errors::_raise_error, m)?)?;
    m.add_function(wrap_pyfunction!(folding::_fold, m)?)?;
    m.add_class::<gazetteer::PyGazetteer>()?;
    m.add_class::<extractor::PyExtractor>()?;
    m.add_class::<started::StartedBatch>()?;
    m.add_class::<mention::PyMention>()?;
    m.add_class::<results::PyMentions>()?;
    m.add_class::<results::PyClusters>()?;
    m.add_class::<results::PyQuotes>()?;
    m.add_class::<columns::PyArrowResults>()?;
    m.add_function(wrap_pyfunction!(columns::arrow_results, m)?)?;
    m.add_function(wrap_pyfunction!(pickling::share_gazetteer, m)?)?;
    Ok(())
}
