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
//!   ([`to_char_offsets`], [`CharIndex`]);
//! * [`Extractor`]: runs matcher → linking → quotes and returns a [`Document`];
//!   [`default_gazetteer`] is the embedded default gazetteer.
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
pub use document::{Candidates, Cluster, Document, Mention, MentionSource, Quote, QuoteKind};
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
