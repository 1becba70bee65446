//! # namedrop
//!
//! Who is mentioned and who said what in news text. namedrop finds the entities of a
//! user's gazetteer (people, places, organisations) and direct quotes with their
//! speakers, with offsets that are always right.
//!
//! The crate is the core: it has no Python dependency. The PyO3 bindings live in
//! `src/python/` behind the `python` feature and only convert values.
//!
//! After the gazetteer matcher, two stages run on a text: [`link()`] (document-level
//! linking: ambiguous aliases, discovered names, surnames and titles; see [`mod@link`])
//! and [`extract_quotes`] (quote marks, kinds and attribution; see [`mod@quotes`]).
//! [`run`] does both and returns a [`Document`]. Offsets are byte offsets. The word
//! lists are data files (`data/lexicon/`) parsed into [`Lexicons`].
//!
//! ```
//! use namedrop::{run, Lexicons, LinkOptions, NoEntities, QuoteKind};
//! let text = "Commerce Secretary Penny Pritzker spoke on Monday.\n\n\
//!             “We achieved significant outcomes,” Pritzker said.";
//! let doc = run(text, vec![], &NoEntities, &Lexicons::default(), &LinkOptions::default());
//! let q = &doc.quotes[0];
//! assert_eq!((q.kind, q.rule), (QuoteKind::Direct, "A1"));
//! let speaker = &doc.speakers[q.speaker.unwrap() as usize];
//! assert_eq!(&text[speaker.start..speaker.end], "Pritzker");
//! let cluster = &doc.clusters[speaker.cluster.unwrap() as usize];
//! assert_eq!((cluster.name.as_str(), cluster.mentions, cluster.quotes), ("Penny Pritzker", 2, 1));
//! ```
//!
//! ```
//! assert!(!namedrop::VERSION.is_empty());
//! ```
#![warn(missing_docs)]

mod document;
mod error;
mod lexicon;
pub mod link;
mod pipeline;
pub mod quotes;
mod tokens;

pub use document::{Cluster, Document, Mention, MentionSource, Quote, QuoteKind};
pub use error::{Error, ErrorKind, Result};
pub use lexicon::{CueTier, Gender, Lexicons, Role};
pub use link::{link, EntityInfo, LinkOptions, Linked, NoEntities};
pub use pipeline::run;
pub use quotes::extract_quotes;

#[cfg(feature = "python")]
mod python;

/// The crate version, which is also the Python package's `__version__`.
///
/// ```
/// assert_eq!(namedrop::VERSION, env!("CARGO_PKG_VERSION"));
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
