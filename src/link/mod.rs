//! Document-level linking: short names, titles, discovered names, ambiguous aliases.
//!
//! Linking takes the gazetteer matcher's mentions and returns every entity mention of
//! the document in text order, with one [`Cluster`] per referent:
//!
//! - **Ambiguous aliases** (`entity == None` with several `candidates`) resolve to the
//!   candidate that the document has already named unambiguously (the most recent one
//!   when several were); otherwise they stay `None`.
//! - **Discovered names** (`discover = true`): a capitalised name of two to four words
//!   after a title or role word ("Commerce Secretary Penny Pritzker", "spokeswoman Jane
//!   Roe", "Rep. John Doe") or in a quote's speaker slot ("…,” Dana Whitfield said)
//!   becomes a document-local PERSON (`entity = None`, source `Discovered`). So does a
//!   name that is the subject of a speech cue ("Claire Dubois said …", "Claire Dubois,
//!   who runs the port, told …") or is followed by a person appositive ("Claire Dubois,
//!   a spokeswoman,", "X, the chairwoman of Y,", "X, a congressman from Ohio,"; head
//!   nouns in `appositives.tsv` or one-word titles). The rule for these (organisations
//!   are the risk: "Northlink Rail said"): the name starts a capitalised run (not after
//!   "the" or a place preposition such as "in"), has no organisation word
//!   (`orgwords.txt` lists company words: Rail, Airlines, Holdings, …), does not overlap
//!   a gazetteer mention (a gazetteer ORG or GPE wins), and, for a cue subject without
//!   a person appositive, no word after its first is used in lowercase elsewhere in the
//!   document (a common noun: "Acme Freight said … freight trains"). Guards:
//!   sentence-initial function words, months and days, organisation words
//!   ("Department", "Committee", "Party", "Post") and places already matched by the
//!   gazetteer never start or make a name.
//! - **Short forms**: once a person's full name has appeared, a later capitalised
//!   surname alone, or title/honorific + surname ("Mr. Froman", "Sen. Warren"), is a
//!   mention of it (source `Linked`). When two people share a surname the most recently
//!   named one wins. **A surname seen before the full name is not linked**: news names
//!   people in full first, and linking backwards would guess.
//! - **Gender** of a cluster comes from the gazetteer attribute `gender`, else from a
//!   gendered honorific or role word next to one of its mentions ("Ms. Roe",
//!   "spokeswoman Jane Roe"), or a gendered appositive head noun ("Claire Dubois, a
//!   spokeswoman," → `appositive:spokeswoman`, also for gazetteer and linked mentions),
//!   or, last, a he/she pronoun resolved to it (`pronoun:she`, set by the quotes
//!   stage); [`Cluster::gender_evidence`] says which.
//! - **Unidentified names**: capitalised names of two to four words that no mention
//!   covers are kept aside; a pronoun is never resolved across one of them.
//!
//! Who is who (issue 14; docs/who-is-who.md has the measurements):
//!
//! - **Longer names** (cause 1, `embedded`): a gazetteer name inside a longer proper
//!   name gives way to it.
//! - **Places that are people** (cause 2, `people`, `embedded::person_span`,
//!   `clusters`): "Paris Hilton", "Mark Dayton", "Gov. Dayton", a city as a quote's
//!   whole speaker, and a later bare "Paris" after "Valeska Paris" are people.
//! - **Context** (cause 3, `context`): "City, State" keeps the candidates in the state;
//!   another country's body ("Italy's Supreme Court") or a state's ("the state Supreme
//!   Court") is left ambiguous; a title's gender chooses among candidates ("Mrs.
//!   Clinton"); a city in a sports result is the team (no mention).
//! - **People the text names** (cause 4, `discover`, `clusters`, `people`): title +
//!   surname ("Sen. Warren": the one gazetteer senator Warren, else ambiguous or a new
//!   person), one-word speakers, "A spokeswoman, NAME," appositives, role nominal
//!   speakers ("the president said": the one holder of the office in the document), and
//!   datelines ("WASHINGTON —": the city).

mod ambiguous;
mod clusters;
mod context;
mod discover;
mod names;
mod people;

mod embedded;
pub(crate) mod facts;

pub(crate) use facts::Facts;

use crate::attribution::tokens::Token;
use crate::attribution::Attr;
use crate::lexicon::Lexicons;
use crate::{Cluster, Mention};

/// What the linking stage needs to know about gazetteer entities.
///
/// The gazetteer implements it; tests use small tables.
///
/// ```
/// use namedrop::EntityInfo;
/// struct One;
/// impl EntityInfo for One {
///     fn name(&self, _: u32) -> &str { "Dana Whitfield" }
///     fn label(&self, _: u32) -> &str { "PERSON" }
///     fn gender(&self, _: u32) -> Option<&str> { Some("female") }
/// }
/// assert_eq!(One.label(0), "PERSON");
/// ```
pub trait EntityInfo {
    /// Canonical name of the entity.
    fn name(&self, entity: u32) -> &str;
    /// Label of the entity ("PERSON", "GPE", "ORG", ...).
    fn label(&self, entity: u32) -> &str;
    /// The `gender` attribute, if any ("female", "male").
    fn gender(&self, entity: u32) -> Option<&str>;
}

/// An [`EntityInfo`] that knows no entities (for running without a gazetteer).
///
/// ```
/// use namedrop::{EntityInfo, NoEntities};
/// assert_eq!(NoEntities.name(3), "");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEntities;

impl EntityInfo for NoEntities {
    fn name(&self, _: u32) -> &str {
        ""
    }
    fn label(&self, _: u32) -> &str {
        ""
    }
    fn gender(&self, _: u32) -> Option<&str> {
        None
    }
}

/// Options of the linking stage.
///
/// ```
/// assert!(namedrop::LinkOptions::default().discover);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkOptions {
    /// Resolve ambiguous aliases and link short forms (surnames, titles) to the
    /// people named before them. Off: every mention is the gazetteer matcher's, as
    /// it found it, and clusters group only resolved gazetteer mentions.
    pub link: bool,
    /// Discover names not in the gazetteer (from title cues and speaker slots).
    /// Discovery is part of linking: it runs only when `link` is on too.
    pub discover: bool,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            link: true,
            discover: true,
        }
    }
}

/// The output of linking: entity mentions and clusters, and the names it could not
/// identify (which the speakers stage reads).
#[derive(Debug, Clone, Default)]
pub(crate) struct Linked {
    /// All entity mentions in text order: gazetteer, linked and discovered.
    pub entities: Vec<Mention>,
    /// One cluster per referent; `Mention::cluster` indexes it.
    pub clusters: Vec<Cluster>,
    /// Byte spans of capitalised two-to-four-word names that no entity mention covers
    /// (possible people the linking stage could not identify): a pronoun is not
    /// resolved across one of them.
    pub unknown_names: Vec<(usize, usize)>,
    /// Role nominal speaker phrases ("the president") and the cluster of the one
    /// person of the document before them who holds that office: (byte start of the
    /// phrase, cluster).
    pub nominals: Vec<(usize, u32)>,
}

impl Linked {
    /// The cluster a role nominal speaker phrase starting at byte `start` refers to.
    pub(crate) fn nominal_holder(&self, start: usize) -> Option<u32> {
        self.nominals
            .iter()
            .find(|&&(s, _)| s == start)
            .map(|&(_, c)| c)
    }
}

/// What linking knows of the gazetteer's entities: names, labels and genders, and the
/// facts of places and office holders.
#[derive(Clone, Copy)]
pub(crate) struct Known<'a> {
    pub info: &'a dyn EntityInfo,
    pub facts: &'a Facts,
}

/// Runs the linking stage (see the module docs) on the text's tokens and its quote
/// attributions (empty when quotes are off: then no speaker slot is read).
///
/// `mentions` are the gazetteer matcher's mentions (any order; byte offsets).
pub(crate) fn link(
    text: &str,
    toks: &[Token],
    attrs: &[Attr],
    mut mentions: Vec<Mention>,
    known: Known<'_>,
    lex: &Lexicons,
    opts: &LinkOptions,
) -> Linked {
    let Known { info, facts } = known;
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    if !opts.link {
        let (entities, clusters) = clusters::group(text, mentions, info);
        return Linked {
            entities,
            clusters,
            ..Linked::default()
        };
    }
    let (mut mentions, person_spans) =
        embedded::resolve_embedded(text, mentions, lex, opts.discover);
    context::places(text, &mut mentions, facts);
    context::teams(text, &mut mentions, facts);
    ambiguous::resolve(&mut mentions, info);
    context::datelines(text, &mut mentions, facts);
    context::foreign_bodies(text, &mut mentions, facts);
    let (mut found, appositives) = if opts.discover {
        discover::discover(text, toks, attrs, lex)
    } else {
        (Vec::new(), Vec::new())
    };
    if opts.discover {
        people::places_that_are_people(toks, &mut mentions, &mut found, &person_spans, facts);
    }
    let built = clusters::build(
        clusters::Input {
            text,
            toks,
            mentions: &mentions,
            found: &found,
            appositives,
        },
        info,
        facts,
        lex,
    );
    let unknown_names = if opts.discover {
        names::unknown_names(text, toks, lex, &built.entities)
    } else {
        Vec::new()
    };
    let nominals = people::role_nominals(text, toks, attrs, &built, facts, lex);
    Linked {
        entities: built.entities,
        clusters: built.clusters,
        unknown_names,
        nominals,
    }
}
