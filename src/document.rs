//! The output of the pipeline: a [`Document`] with its entity mentions, quotes and
//! clusters. Offsets here are **byte** offsets into the original text; the Python layer
//! converts them to code points in one place.

use std::sync::Arc;

use serde::Serialize;

/// An entity label ("PERSON", "GPE", "ORG", …): one shared string, since a
/// document's mentions and clusters carry a handful of distinct ones.
///
/// ```
/// let label: namedrop::Label = namedrop::PERSON.into();
/// assert_eq!(&*label, "PERSON");
/// ```
pub type Label = Arc<str>;

/// The label of people: gazetteer persons, discovered names, pronoun speakers.
pub const PERSON: &str = "PERSON";
/// The label of an organisation speaker ("Northlink Rail said").
pub const ORG: &str = "ORG";
/// The label of a plural speaker ("officials", "they").
pub const GROUP: &str = "GROUP";

/// Grammatical gender evidence carried by a title, role noun or pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// Female ("Ms.", "spokeswoman", "she").
    Female,
    /// Male ("Mr.", "congressman", "he").
    Male,
}

impl Gender {
    /// `"female"` or `"male"`.
    ///
    /// ```
    /// assert_eq!(namedrop::Gender::Female.as_str(), "female");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
        }
    }

    /// Parses `"female"`/`"f"`/`"male"`/`"m"` (any case); anything else is `None`.
    ///
    /// ```
    /// use namedrop::Gender;
    /// assert_eq!(Gender::parse("Female"), Some(Gender::Female));
    /// assert_eq!(Gender::parse("unknown"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_lowercase().as_str() {
            "female" | "f" | "woman" => Some(Gender::Female),
            "male" | "m" | "man" => Some(Gender::Male),
            _ => None,
        }
    }
}

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
    pub label: Label,
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
/// use namedrop::{Cluster, Gender, PERSON};
/// let c = Cluster { name: "Dana Whitfield".into(), label: PERSON.into(), entity: None,
///     gender: Some(Gender::Female), gender_evidence: Some("gazetteer".into()),
///     mentions: 2, quotes: 1, indirect_quotes: 0 };
/// assert_eq!((c.entity, c.gender.map(Gender::as_str)), (None, Some("female")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cluster {
    /// Canonical name: the gazetteer name, or the longest form seen in the document.
    pub name: String,
    /// The label of its mentions.
    pub label: Label,
    /// The gazetteer entity, or `None` for a discovered one.
    pub entity: Option<u32>,
    /// Female / male when known from the gazetteer (its `gender` attribute, parsed by
    /// [`Gender::parse`]) or the text.
    pub gender: Option<Gender>,
    /// Where the gender came from: `"gazetteer"`, or `"title:Ms."` / `"title:spokeswoman"`
    /// for a gendered honorific, title or role word next to a mention.
    pub gender_evidence: Option<String>,
    /// Number of mentions in the document.
    pub mentions: u32,
    /// Number of quotes attributed to it, reported speech included.
    pub quotes: u32,
    /// How many of those are reported speech ([`QuoteKind::Indirect`]): media
    /// researchers count quoted and paraphrased sources apart.
    pub indirect_quotes: u32,
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
    /// Reported speech: content with no quote marks ("Voss said the plan was dead"),
    /// found by the reported-speech stage; its span is the content alone.
    Indirect,
}

impl QuoteKind {
    /// The lowercase name used in Python and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Continuation => "continuation",
            QuoteKind::Partial => "partial",
            QuoteKind::Other => "other",
            QuoteKind::Indirect => "indirect",
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
    /// The id of the attribution pattern that fired (see docs/attribution.md and [`Rule`]).
    pub rule: Rule,
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

macro_rules! rules {
    ($($variant:ident = $id:literal, $kind:literal, $pattern:literal, $example:literal;)*) => {
        /// The attribution rule that gave a quote its speaker (or none): one variant per
        /// pattern of the grammar in `src/attribution/`, and R1–R6 for the shapes of
        /// reported speech (`src/reported/`). [`Rule::as_str`] is the stable
        /// id that Python output and tests cite; docs/attribution.md is the table of
        /// every rule (checked against this enum by a test).
        ///
        /// ```
        /// use namedrop::Rule;
        /// assert_eq!(Rule::A1.as_str(), "A1");
        /// assert_eq!(Rule::parse("C3"), Some(Rule::C3));
        /// assert_eq!(Rule::Unattributed.as_str(), "");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum Rule {
            $(
                #[doc = concat!("`", $pattern, "` (", $kind, "), e.g. ", $example)]
                $variant,
            )*
            /// No rule applied: the quote has no speech cue (a scare quote, a term).
            #[default]
            Unattributed,
        }

        impl Rule {
            /// Every rule with an id, in table order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The rule's id ("A1", "B2", …; "" for [`Rule::Unattributed`]).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                    Rule::Unattributed => "",
                }
            }

            /// Where the rule looks: after the quote, before it, a continuation, …
            pub fn kind(self) -> &'static str {
                match self {
                    $(Rule::$variant => $kind,)*
                    Rule::Unattributed => "none",
                }
            }

            /// The pattern, in the notation of docs/attribution.md.
            pub fn pattern(self) -> &'static str {
                match self {
                    $(Rule::$variant => $pattern,)*
                    Rule::Unattributed => "no speech cue",
                }
            }

            /// An example sentence the rule attributes.
            pub fn example(self) -> &'static str {
                match self {
                    $(Rule::$variant => $example,)*
                    Rule::Unattributed => "",
                }
            }

            /// The rule with this id.
            pub fn parse(id: &str) -> Option<Rule> {
                match id {
                    $($id => Some(Rule::$variant),)*
                    "" => Some(Rule::Unattributed),
                    _ => None,
                }
            }
        }
    };
}

rules! {
    A1 = "A1", "after", "“Q,” NAME VERB.", "“The vote is tomorrow,” Mara Voss said.";
    A2 = "A2", "after", "“Q,” VERB NAME.", "“We are ready,” said Elin Haas.";
    A3 = "A3", "after", "“Q,” NAME, APPOSITIVE, VERB.", "“It held,” Rafael Ortiz, who built the dam, said.";
    A4 = "A4", "after", "“Q,” VERB NAME, APPOSITIVE.", "“It held,” said Rafael Ortiz, the engineer.";
    A5 = "A5", "after", "“Q,” TITLE NAME VERB.", "“Rates stay put,” Finance Minister Ana Bell said.";
    A6 = "A6", "after", "“Q,” DESCRIPTOR VERB.", "“No comment,” a company spokeswoman said.";
    A7 = "A7", "after", "“Q,” PRONOUN VERB.", "“I was there,” she said.";
    A8 = "A8", "after", "“Q,” NAME VERB SETTING.", "“It is over,” Mara Voss said in a statement.";
    A9 = "A9", "after", "“Q?” NAME VERB. (no comma)", "“Who pays?” Mara Voss asked.";
    A10 = "A10", "after", "“Q,” NAME ADVERB VERB. / VERB ADVERB NAME.", "“That is wrong,” Mara Voss later said.";
    A11 = "A11", "after", "“Q,” ORGANISATION VERB.", "“Trains run at noon,” Metro Rail said.";
    A12 = "A12", "after", "“Q,” PLURAL-SPEAKER VERB.", "“We were not asked,” residents said.";
    A13 = "A13", "after", "“Q,” NAME AUXILIARY VERB.", "“Doors stay open,” Mara Voss has said.";
    B1 = "B1", "before", "NAME VERB, “Q.”", "Mara Voss said, “We will see.”";
    B2 = "B2", "before", "NAME VERB RECIPIENT: “Q.”", "Mara Voss told the panel: “I disagree.”";
    B3 = "B3", "before", "FRAME, NAME VERB: “Q.”", "In a letter, Mara Voss wrote: “I resign.”";
    B4 = "B4", "before", "According to NAME, “Q.” / “Q,” according to NAME.", "According to Mara Voss, “the pumps failed.”";
    B5 = "B5", "before", "NAME CLAUSE: “Q.” / More from NAME: “Q.” (no speech verb)", "Mara Voss was blunt: “It failed.”";
    B7 = "B7", "before", "SENTENCE WITH NAME VERB. “Q.” (a cue-less quote after it)", "The plan is dead, Mara Voss said. “Nobody wants it.”";
    C1 = "C1", "continuation", "“Q1,” NAME VERB, “Q2.”", "“The deal is done,” Mara Voss said, “at last.”";
    C2 = "C2", "continuation", "“Q1,” NAME VERB. “Q2.” (same paragraph)", "“We lost,” Mara Voss said. “Everything went.”";
    C3 = "C3", "continuation", "¶ “Q1 … ¶ “Q2.” (the quote runs on into the next paragraph)", "“We checked it all,” Mara Voss said. “Twice. ¶ “Then we left.”";
    C4 = "C4", "continuation", "“Q1,” NAME VERB. ¶ “Q2.” (next paragraph, no cue)", "“We lost,” Mara Voss said. ¶ “We will be back next year.”";
    C5 = "C5", "continuation", "“Q?” A asked. ¶ “R,” B replied. ¶ “Q2?” (back to the asker)", "“Why?” Voss asked. ¶ “Costs,” Haas replied. ¶ “Which costs?”";
    C6 = "C6", "continuation", "“Q1 … ¶ “Q2,” NAME VERB. (a quote over paragraphs, attributed at its end)", "“We checked it all. ¶ “Then we left,” Mara Voss said.";
    D1 = "D1", "embedded", "NAME VERB … “FRAGMENT” / “Q” CLAUSE, NAME VERB.", "Mara Voss said the plan was “a disaster.”";
    D2 = "D2", "embedded", "NAME CALLED X “FRAGMENT”", "Mara Voss called the plan “a disaster.”";
    D3 = "D3", "embedded", "NAME DESCRIBED X AS “FRAGMENT”", "Mara Voss described the plan as “a mess.”";
    D4 = "D4", "embedded", "POSSESSOR SPEECH-NOUN that “Q”", "Voss repeated her warning that “nothing works.”";
    F1 = "F1", "format", "“Q.” — NAME", "“Never again.” — Mara Voss";
    F2 = "F2", "format", "“LABEL: Q” (a transcript speaker label)", "“VOSS: We are done here.”";
    H2 = "H2", "trap", "a Title Case work or term in quotes (no speaker)", "She watched the film “Night Train” twice.";
    H3 = "H3", "trap", "a nickname in quotes (no speaker)", "Rafael “Rafa” Ortiz scored.";
    H9 = "H9", "after", "“Q, VERB NAME. (the closing mark is lost)", "“We are done, said Mara Voss.";
    R1 = "R1", "reported", "NAME CUE (that) CONTENT.", "Mara Voss said the vote would be close.";
    R2 = "R2", "reported", "CONTENT, NAME CUE. / CONTENT, CUE NAME.", "The vote will be close, Mara Voss said.";
    R3 = "R3", "reported", "According to NAME, CONTENT. / CONTENT, according to NAME.", "According to Mara Voss, the vote will be close.";
    R4 = "R4", "reported", "SENTENCE, CUE-ING (that) CONTENT. (a participial clause of the sentence's subject)", "The minister toured the depot, saying the new line would open in June.";
    R5 = "R5", "reported", "NAME NOUN-CUE that CONTENT. (a noun or light-verb cue)", "Voss expressed concern that the vote would be close.";
    R6 = "R6", "reported", "SOURCE: CONTENT. (a colon, as in headlines, or no cue word)", "Poll: most voters back the new rail line.";
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
