//! # namedrop
//!
//! Who is mentioned and who said what in news text. namedrop finds the entities of a
//! user's gazetteer (people, places, organisations) and direct quotes with their
//! speakers, with offsets that are always right.
//!
//! The crate is the core: it has no Python dependency. The PyO3 bindings live in
//! `src/python/` behind the `python` feature and only convert values.
//!
//! * [`gazetteer`]: entities, their loaders (records, JSONL, JSON, CSV, TSV, `.ndg`)
//!   and the compiled matcher ([`Gazetteer::find`]);
//! * [`text`]: the folding the matcher compares with, and byte → code-point offsets
//!   ([`to_char_offsets`], [`CharIndex`]).
//!
//! ```
//! use namedrop::{Entity, Gazetteer, MatchOptions};
//! let mut g = Gazetteer::new();
//! g.add(Entity::new("china", "China", "GPE")).unwrap();
//! let text = "🇺🇸 U.S.-China talks, not Chinatown";
//! let m = g.find(text, &MatchOptions::default());
//! assert_eq!(m.len(), 1);
//! let offsets = namedrop::to_char_offsets(text, &[m[0].start, m[0].end]);
//! assert_eq!(offsets, vec![8, 13]); // code points, for Python
//! ```
//!
//! ```
//! assert!(!namedrop::VERSION.is_empty());
//! ```
#![warn(missing_docs)]

mod default_gazetteer;
mod document;
mod error;
mod extract;
pub mod gazetteer;
mod lexicon;
pub mod link;
mod pipeline;
pub mod quotes;
pub mod text;
mod tokens;

pub use default_gazetteer::default_gazetteer;
pub use document::{Cluster, Document, Mention, MentionSource, Quote, QuoteKind};
pub use error::{Error, ErrorKind, Result};
pub use extract::{ExtractOptions, Extractor};
pub use gazetteer::{Alias, CaseMode, Entity, Gazetteer, Match, MatchOptions};
pub use lexicon::{CueTier, Gender, Lexicons, Role};
pub use link::{link, EntityInfo, LinkOptions, Linked, NoEntities};
pub use pipeline::run;
pub use quotes::extract_quotes;
pub use text::{to_char_offsets, CharIndex};

#[cfg(feature = "python")]
mod python;

/// The crate version, which is also the Python package's `__version__`.
///
/// ```
/// assert_eq!(namedrop::VERSION, env!("CARGO_PKG_VERSION"));
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
