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
//! * [`Extractor`]: runs the matcher and the stages its options choose, and returns a
//!   [`Document`]; [`default_gazetteer`] is the embedded default gazetteer.
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
//! After the gazetteer matcher, the stages run in one direction: tokens and
//! attribution (quote marks, cues and speaker phrases, computed once; each rule is a
//! [`Rule`], tabled in docs/attribution.md), linking (ambiguous aliases, discovered
//! names, surnames and titles; see [`mod@link`]), then speakers (a speaker mention
//! per attributed quote, pronouns resolved). [`run`] composes them and returns a
//! [`Document`]; options turn stages off (see [`ExtractOptions`]). Offsets are byte
//! offsets. The word lists are data files (`data/lexicon/`) parsed into [`Lexicons`].
//!
//! ```
//! use namedrop::{run, Lexicons, LinkOptions, NoEntities, QuoteKind, Rule};
//! let text = "Commerce Secretary Penny Pritzker spoke on Monday.\n\n\
//!             “We achieved significant outcomes,” Pritzker said.";
//! let doc = run(text, vec![], &NoEntities, &Lexicons::default(), &LinkOptions::default());
//! let q = &doc.quotes[0];
//! assert_eq!((q.kind, q.rule), (QuoteKind::Direct, Rule::A1));
//! let speaker = &doc.speakers[q.speaker.unwrap() as usize];
//! assert_eq!(&text[speaker.start..speaker.end], "Pritzker");
//! let cluster = &doc.clusters[speaker.cluster.unwrap() as usize];
//! assert_eq!((cluster.name.as_str(), cluster.mentions, cluster.quotes), ("Penny Pritzker", 2, 1));
//! ```
#![warn(missing_docs)]

mod attribution;
mod default_gazetteer;
mod document;
mod error;
mod extract;
pub mod gazetteer;
mod lexicon;
pub mod link;
mod pipeline;
mod quotes;
pub mod reported;
pub mod text;
pub mod windows;

pub use default_gazetteer::default_gazetteer;
pub use document::{
    Candidates, Cluster, Document, Gender, Label, Mention, MentionSource, Quote, QuoteKind, Rule,
    GROUP, ORG, PERSON,
};
pub use error::{Error, ErrorKind, Result};
pub use extract::{ExtractOptions, Extractor, DEFAULT_WINDOW_BYTES};
pub use gazetteer::{Alias, CaseMode, Entity, Gazetteer, Match, MatchOptions};
pub use lexicon::{CueTier, Lexicons, Role};
pub use link::{EntityInfo, LinkOptions, NoEntities};
pub use pipeline::run;
pub use text::{to_char_offsets, CharIndex};

/// The one hash map of the crate's own tables: foldhash is fast on the short keys
/// linking and the extractor use (entity indices, words), where SipHash's DoS
/// resistance buys little; its random per-process seed keeps crafted text from
/// choosing collisions.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// The set counterpart of [`FastMap`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// "No index" in the crate's compact `u32` index fields (a trie child, a mention's
/// entity or cluster on its way to Python, an entity without a value): indices stay
/// below it because every table's size is bounded by `u32` limits where it is built.
pub(crate) const NONE: u32 = u32::MAX;

#[cfg(feature = "python")]
mod python;

/// The crate version, which is also the Python package's `__version__`.
///
/// ```
/// assert_eq!(namedrop::VERSION, env!("CARGO_PKG_VERSION"));
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
