//! The default gazetteer, embedded in the library (built by
//! `scripts/build_default_gazetteer.py` from public-domain and curated sources; see
//! `data/gazetteer/README.md`).

use std::sync::{Arc, OnceLock};

use crate::gazetteer::Gazetteer;
use crate::Result;

const SOURCE: &str = include_str!("../data/default_gazetteer.jsonl");

/// The default gazetteer: US presidents, vice presidents and members of Congress since
/// 1980, countries, US states, capitals and large cities, US federal bodies,
/// international organisations and G20 leaders. Parsed and compiled once per process.
///
/// ```
/// let g = namedrop::default_gazetteer().unwrap();
/// assert!(g.len() > 1000);
/// ```
pub fn default_gazetteer() -> Result<Arc<Gazetteer>> {
    static DEFAULT: OnceLock<Result<Arc<Gazetteer>>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            let g = Gazetteer::from_jsonl_str(SOURCE, "default_gazetteer.jsonl")?;
            g.compile();
            Ok(Arc::new(g))
        })
        .clone()
}
