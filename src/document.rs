//! The output of the pipeline: a [`Document`] with its entity mentions, quotes and
//! clusters. Offsets here are **byte** offsets into the original text; the Python layer
//! converts them to code points in one place.

use std::sync::Arc;

use serde::Serialize;

/// How a mention was found.
///
/// ```
/// use namedrop::MentionSource;
/// assert_eq!(MentionSource::Gazetteer.as_str(), "gazetteer");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionSource {
    /// An alias of a gazetteer entity matched directly.
    Gazetteer,
    /// A short form (surname, title + surname) linked to an entity named earlier.
    Linked,
    /// A name not in the gazetteer, found from a role/title cue or a speaker slot.
    Discovered,
    /// A pronoun ("she") resolved to a person (used for quote speakers).
    Pronoun,
    /// A speaker phrase with no entity ("a spokesman", "officials").
    Nominal,
}

impl MentionSource {
    /// The lowercase name used in Python and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionSource::Gazetteer => "gazetteer",
            MentionSource::Linked => "linked",
            MentionSource::Discovered => "discovered",
            MentionSource::Pronoun => "pronoun",
            MentionSource::Nominal => "nominal",
        }
    }
}

/// The candidate entities of a mention: gazetteer indices, sorted and distinct.
///
/// A slice to read (it derefs to `[u32]`); up to two are kept inline, so the mentions of
/// a news article (almost all with one candidate) allocate nothing for them. Longer
/// lists are shared (`Arc`): every mention of an alias that a million entities carry
/// refers to one list, and cloning a mention never copies it.
///
/// ```
/// use namedrop::Candidates;
/// let c = Candidates::from(vec![3, 7]);
/// assert_eq!(&*c, &[3, 7]);
/// assert_eq!(c.len(), 2);
/// let many: Candidates = (0..5).collect();
/// assert_eq!(many[4], 4);
/// assert!(Candidates::default().is_empty());
/// let shared: std::sync::Arc<[u32]> = (0..1000).collect();
/// let a = Candidates::from(std::sync::Arc::clone(&shared));
/// assert!(std::ptr::eq(&*a, &*shared)); // no copy
/// ```
#[derive(Clone)]
pub struct Candidates(CandidateStore);

#[derive(Clone)]
enum CandidateStore {
    Inline(u8, [u32; 2]),
    Shared(std::sync::Arc<[u32]>),
}

impl Default for Candidates {
    fn default() -> Self {
        Candidates(CandidateStore::Inline(0, [0; 2]))
    }
}

impl std::ops::Deref for Candidates {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        match &self.0 {
            CandidateStore::Inline(n, ids) => &ids[..*n as usize],
            CandidateStore::Shared(ids) => ids,
        }
    }
}

impl From<&[u32]> for Candidates {
    fn from(ids: &[u32]) -> Self {
        match *ids {
            [] => Candidates::default(),
            [a] => Candidates(CandidateStore::Inline(1, [a, 0])),
            [a, b] => Candidates(CandidateStore::Inline(2, [a, b])),
            _ => Candidates(CandidateStore::Shared(ids.into())),
        }
    }
}

impl From<Vec<u32>> for Candidates {
    fn from(ids: Vec<u32>) -> Self {
        if ids.len() <= 2 {
            Candidates::from(ids.as_slice())
        } else {
            Candidates(CandidateStore::Shared(ids.into()))
        }
    }
}

impl Candidates {
    /// The shared list behind these candidates, when they are longer than two (for
    /// consumers that keep one copy per list, not one per mention).
    ///
    /// ```
    /// use namedrop::Candidates;
    /// assert!(Candidates::from(vec![1, 2]).shared().is_none());
    /// assert_eq!(Candidates::from(vec![1, 2, 3]).shared().map(|s| s.len()), Some(3));
    /// ```
    pub fn shared(&self) -> Option<&std::sync::Arc<[u32]>> {
        match &self.0 {
            CandidateStore::Shared(ids) => Some(ids),
            CandidateStore::Inline(..) => None,
        }
    }
}

impl From<std::sync::Arc<[u32]>> for Candidates {
    /// Shares a list (two or fewer are copied inline).
    fn from(ids: std::sync::Arc<[u32]>) -> Self {
        if ids.len() <= 2 {
            Candidates::from(&*ids)
        } else {
            Candidates(CandidateStore::Shared(ids))
        }
    }
}

impl FromIterator<u32> for Candidates {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> Self {
        Candidates::from(iter.into_iter().collect::<Vec<u32>>())
    }
}

// Compared and hashed as the slice, whatever the storage.
impl PartialEq for Candidates {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Candidates {}

impl std::hash::Hash for Candidates {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl std::fmt::Debug for Candidates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Candidates {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// One mention of an entity in a text.
///
/// `entity` and `candidates` index the gazetteer's entities; `cluster` indexes
/// [`Document::clusters`] (every mention that refers to something known to the
/// document belongs to one cluster).
///
/// ```
/// use namedrop::{Mention, MentionSource};
/// let m = Mention { start: 0, end: 5, label: "GPE".into(), entity: Some(0),
///     candidates: vec![0].into(), cluster: None, source: MentionSource::Gazetteer };
/// assert_eq!(m.len(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The entity label (PERSON, GPE, ORG, ...): shared, so copying a mention's label
    /// allocates nothing.
    pub label: Arc<str>,
    /// The gazetteer entity this mention refers to, once known.
    pub entity: Option<u32>,
    /// Every gazetteer entity the matched alias belongs to (empty when not from the gazetteer).
    pub candidates: Candidates,
    /// Index into [`Document::clusters`].
    pub cluster: Option<u32>,
    /// How the mention was found.
    pub source: MentionSource,
}

impl Mention {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span (never produced by the pipeline).
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Everything the document says about one referent: a gazetteer entity or a
/// document-local (discovered) person.
///
/// ```
/// use namedrop::Cluster;
/// let c = Cluster { name: "Dana Whitfield".into(), label: "PERSON".into(), entity: None,
///     gender: Some("female".into()), gender_evidence: Some("gazetteer".into()),
///     mentions: 2, quotes: 1 };
/// assert_eq!(c.entity, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cluster {
    /// Canonical name: the gazetteer name, or the longest form seen in the document.
    pub name: String,
    /// The label of its mentions.
    pub label: String,
    /// The gazetteer entity, or `None` for a discovered one.
    pub entity: Option<u32>,
    /// "female" / "male" when known from the gazetteer or the text.
    pub gender: Option<String>,
    /// Where the gender came from: `"gazetteer"`, or `"title:Ms."` / `"title:spokeswoman"`
    /// for a gendered honorific, title or role word next to a mention.
    pub gender_evidence: Option<String>,
    /// Number of mentions in the document.
    pub mentions: u32,
    /// Number of quotes attributed to it.
    pub quotes: u32,
}

/// What kind of quoted span this is.
///
/// ```
/// assert_eq!(namedrop::QuoteKind::Partial.as_str(), "partial");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A quoted statement with its own speech cue.
    Direct,
    /// Follows an attributed quote of the same speaker, with no cue of its own.
    Continuation,
    /// A quoted fragment inside a reported-speech sentence.
    Partial,
    /// No speech cue: titles, terms, scare quotes.
    Other,
}

impl QuoteKind {
    /// The lowercase name used in Python and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Continuation => "continuation",
            QuoteKind::Partial => "partial",
            QuoteKind::Other => "other",
        }
    }
}

/// A quote and who said it.
///
/// `start..end` covers the quoted text including its marks. `speaker` indexes
/// [`Document::speakers`]: the speaker phrase as written ("she", "a spokesman",
/// "Ms. Raman"), which may or may not refer to an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset one past the closing mark (or the end of the unclosed quote).
    pub end: usize,
    /// The kind of quote.
    pub kind: QuoteKind,
    /// The speaker phrase, an index into [`Document::speakers`].
    pub speaker: Option<u32>,
    /// The speech cue ("said", "told reporters"), as a byte span.
    pub cue: Option<(usize, usize)>,
    /// The id of the attribution pattern that fired (see quote-patterns.md: "A1", "B2", ...).
    pub rule: &'static str,
    /// Index of the paragraph the quote starts in.
    pub paragraph: u32,
}

/// The result of running an extractor on one text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Entity mentions, in text order.
    pub entities: Vec<Mention>,
    /// Speaker phrases of quotes (pronouns and nominal speakers included).
    pub speakers: Vec<Mention>,
    /// Quotes, in text order.
    pub quotes: Vec<Quote>,
    /// One entry per referent of the document.
    pub clusters: Vec<Cluster>,
}
