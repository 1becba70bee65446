//! Word lists used by linking, quote attribution and reported speech.
//!
//! Every list is a data file under `data/lexicon/`, embedded at build time with
//! `include_str!` here and read by this module's one reader of the files' format
//! (`rows`, `grammar_lines`): into [`Lexicons`] (parsed once by
//! [`Lexicons::default`]), the grammar's word classes, the name suffixes, and the
//! reported-speech tagger's lists (`crate::reported`, keyed as its training code keys
//! them). Lookups are
//! case-insensitive (keys are stored lowercase), except the capitalised lists
//! (organisation words, months and days, sentence-initial stop words) which are
//! compared exactly as written in the file and also in lowercase.

use std::sync::Arc;

use crate::{FastMap, FastSet};

pub use crate::document::Gender;

/// The tier of a speech cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueTier {
    /// Verbs of saying: said, told, asked, added.
    Speech,
    /// Communication verbs: argued, warned, noted, called, according to.
    Communication,
    /// Written forms: wrote, tweeted, posted.
    Written,
}

impl CueTier {
    fn parse(s: &str) -> CueTier {
        match s.trim() {
            "communication" => CueTier::Communication,
            "written" => CueTier::Written,
            _ => CueTier::Speech,
        }
    }
}

/// A role or group noun ("spokeswoman", "officials").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    /// Gender carried by the noun, if any.
    pub gender: Option<Gender>,
    /// True for plural nouns ("officials").
    pub plural: bool,
}

/// A title phrase (lowercase words) and the gender it carries.
type TitlePhrase = (Vec<String>, Option<Gender>);

/// All word lists, parsed from the embedded data files.
///
/// ```
/// use namedrop::Lexicons;
/// let lex = Lexicons::default();
/// assert!(lex.is_cue_word("said"));
/// let lex = Lexicons::with_extra_cues(&["opined", "let slip"]);
/// assert!(lex.is_cue_word("opined"));
/// assert!(lex.is_cue_word("let"));
/// ```
#[derive(Debug, Clone)]
pub struct Lexicons {
    /// first word (lowercase) -> list of (full phrase words, tier), longest first.
    cues: FastMap<String, Vec<(Vec<String>, CueTier)>>,
    /// first word (lowercase) -> list of (title words, gender), longest first.
    titles: FastMap<String, Vec<TitlePhrase>>,
    roles: FastMap<String, Role>,
    org_words: FastSet<String>,
    calendar: FastSet<String>,
    pronouns: FastMap<String, Role>,
    stop_words: FastSet<String>,
    appositives: FastMap<String, Option<Gender>>,
    /// Head word of a longer proper name (as written) -> the label of that name.
    head_words: FastMap<String, Arc<str>>,
    /// Capitalised words that stand beside a name without lengthening it.
    name_breakers: FastSet<String>,
    /// Common given names (as written).
    given_names: FastSet<String>,
    /// Title or role noun (lowercase) -> the office it names ("sen." -> "senator").
    offices: FastMap<String, String>,
}

// Every lexicon file is embedded here, once; the tagger's lists (`crate::reported`)
// read the same texts through the same readers.
pub(crate) const CUES: &str = include_str!("../data/lexicon/cues.tsv");
pub(crate) const MINED_CUES: &str = include_str!("../data/lexicon/mined_cues.tsv");
pub(crate) const TITLES: &str = include_str!("../data/lexicon/titles.tsv");
pub(crate) const ROLES: &str = include_str!("../data/lexicon/roles.tsv");
const ORG_WORDS: &str = include_str!("../data/lexicon/orgwords.txt");
const CALENDAR: &str = include_str!("../data/lexicon/calendar.txt");
pub(crate) const PRONOUNS: &str = include_str!("../data/lexicon/pronouns.tsv");
const STOP_WORDS: &str = include_str!("../data/lexicon/stopwords.txt");
const APPOSITIVES: &str = include_str!("../data/lexicon/appositives.tsv");
pub(crate) const GRAMMAR: &str = include_str!("../data/lexicon/grammar.txt");
const HEAD_WORDS: &str = include_str!("../data/lexicon/head_words.txt");
const NAME_BREAKERS: &str = include_str!("../data/lexicon/name_breakers.txt");
const GIVEN_NAMES: &str = include_str!("../data/lexicon/given_names.txt");
const OFFICES: &str = include_str!("../data/lexicon/offices.tsv");
const NAME_SUFFIXES: &str = include_str!("../data/lexicon/name_suffixes.txt");
/// The quote-mark table (documentation of the scanner's classes, checked by a test).
#[cfg(test)]
pub(crate) const MARKS: &str = include_str!("../data/lexicon/marks.tsv");

/// The rows of a TAB-separated lexicon file: each line without its line end, split at
/// TABs; blank lines and lines starting with `#` are skipped.
///
/// The one reader of the format, for [`Lexicons`] and the reported-speech tagger
/// alike. It reads a line as the tagger's training code does
/// (`tools/reported/feats.py`, `_words`), so that a feature that fires in training
/// fires here: nothing else is trimmed (a data test checks that no line ends in white
/// space).
pub(crate) fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// One line of `grammar.txt` that says something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GrammarLine<'a> {
    /// `[name]`: the words below are of class `name`.
    Class(&'a str),
    /// A word of the class above.
    Word(&'a str),
}

/// The lines of `grammar.txt` with their numbers (from 1): `#` starts a comment
/// anywhere on a line, white space around a line is dropped, and a line starting with
/// `[` names a class. The one reader of the file, for [`Grammar`] and the tagger's
/// word classes, written as the training code reads it (`feats._grammar`).
pub(crate) fn grammar_lines(data: &str) -> impl Iterator<Item = (usize, GrammarLine<'_>)> {
    data.lines().enumerate().filter_map(|(n, line)| {
        let line = line.split('#').next().unwrap_or("").trim();
        let entry = if line.is_empty() {
            return None;
        } else if line.starts_with('[') {
            GrammarLine::Class(line.trim_matches(|c| c == '[' || c == ']'))
        } else {
            GrammarLine::Word(line)
        };
        Some((n + 1, entry))
    })
}

fn gender_col(s: Option<&&str>) -> Option<Gender> {
    s.and_then(|g| Gender::parse(g))
}

fn phrase_words(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.to_lowercase()).collect()
}

impl Default for Lexicons {
    fn default() -> Self {
        let mut lex = Lexicons {
            cues: FastMap::default(),
            titles: FastMap::default(),
            roles: FastMap::default(),
            org_words: FastSet::default(),
            calendar: FastSet::default(),
            pronouns: FastMap::default(),
            stop_words: FastSet::default(),
            appositives: FastMap::default(),
            head_words: FastMap::default(),
            name_breakers: FastSet::default(),
            given_names: FastSet::default(),
            offices: FastMap::default(),
        };
        for cols in rows(CUES) {
            let tier = CueTier::parse(cols.get(1).copied().unwrap_or("speech"));
            lex.add_cue(cols[0], tier);
        }
        for cols in rows(TITLES) {
            let words = phrase_words(cols[0]);
            if words.is_empty() {
                continue;
            }
            let entry = lex.titles.entry(words[0].clone()).or_default();
            if !entry.iter().any(|(w, _)| *w == words) {
                entry.push((words, gender_col(cols.get(1))));
                entry.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            }
        }
        for cols in rows(ROLES) {
            let role = Role {
                gender: gender_col(cols.get(1)),
                plural: cols.get(2).is_some_and(|n| n.trim() == "pl"),
            };
            lex.roles.insert(cols[0].to_lowercase(), role);
        }
        for cols in rows(PRONOUNS) {
            let role = Role {
                gender: gender_col(cols.get(1)),
                plural: cols.get(2).is_some_and(|n| n.trim() == "pl"),
            };
            lex.pronouns.insert(cols[0].to_lowercase(), role);
        }
        for cols in rows(ORG_WORDS) {
            lex.org_words.insert(cols[0].to_string());
        }
        for cols in rows(CALENDAR) {
            lex.calendar.insert(cols[0].to_string());
        }
        for cols in rows(STOP_WORDS) {
            lex.stop_words.insert(cols[0].to_string());
        }
        for cols in rows(APPOSITIVES) {
            lex.appositives
                .insert(cols[0].to_lowercase(), gender_col(cols.get(1)));
        }
        for cols in rows(HEAD_WORDS) {
            if let Some(label) = cols.get(1) {
                lex.head_words
                    .insert(cols[0].trim().to_string(), Arc::from(label.trim()));
            }
        }
        for cols in rows(NAME_BREAKERS) {
            lex.name_breakers.insert(cols[0].trim().to_string());
        }
        for cols in rows(GIVEN_NAMES) {
            lex.given_names.insert(cols[0].trim().to_string());
        }
        for cols in rows(OFFICES) {
            if let Some(office) = cols.get(1) {
                lex.offices
                    .insert(cols[0].trim().to_lowercase(), office.trim().to_string());
            }
        }
        lex
    }
}

impl Lexicons {
    /// The default lexicons plus user speech cues (single words or phrases, tier speech).
    ///
    /// ```
    /// let lex = namedrop::Lexicons::with_extra_cues(&["harrumphed"]);
    /// assert!(lex.is_cue_word("Harrumphed"));
    /// ```
    pub fn with_extra_cues(cues: &[&str]) -> Self {
        let mut lex = Lexicons::default();
        for c in cues {
            lex.add_cue(c, CueTier::Speech);
        }
        lex
    }

    /// Adds one speech cue (a word or a phrase).
    pub fn add_cue(&mut self, cue: &str, tier: CueTier) {
        let words = phrase_words(cue);
        if words.is_empty() {
            return;
        }
        let entry = self.cues.entry(words[0].clone()).or_default();
        if !entry.iter().any(|(w, _)| *w == words) {
            entry.push((words, tier));
            entry.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// True when `word` (any case) starts some speech cue.
    pub fn is_cue_word(&self, word: &str) -> bool {
        self.cues.contains_key(&word.to_lowercase())
    }

    /// Cue phrases starting with this lowercase word, longest first.
    pub(crate) fn cues_starting(&self, lower: &str) -> Option<&[(Vec<String>, CueTier)]> {
        self.cues.get(lower).map(Vec::as_slice)
    }

    /// Title phrases starting with this lowercase word, longest first.
    pub(crate) fn titles_starting(&self, lower: &str) -> Option<&[TitlePhrase]> {
        self.titles.get(lower).map(Vec::as_slice)
    }

    /// The role noun, if `lower` is one.
    pub fn role(&self, lower: &str) -> Option<Role> {
        self.roles.get(lower).copied()
    }

    /// The pronoun, if `lower` is a speaker pronoun.
    pub fn pronoun(&self, lower: &str) -> Option<Role> {
        self.pronouns.get(lower).copied()
    }

    /// True for organisation words (exact case as in the data file).
    pub fn is_org_word(&self, word: &str) -> bool {
        self.org_words.contains(word)
    }

    /// True for month and day names.
    pub fn is_calendar(&self, word: &str) -> bool {
        self.calendar.contains(word)
    }

    /// A person noun heading an appositive ("a spokeswoman", "the chairwoman of Y"):
    /// `Some(gender)` for a person noun (from `appositives.tsv` or a one-word title),
    /// `None` otherwise. `lower` is lowercase.
    ///
    /// ```
    /// use namedrop::{Gender, Lexicons};
    /// let lex = Lexicons::default();
    /// assert_eq!(lex.person_noun("spokeswoman"), Some(Some(Gender::Female)));
    /// assert_eq!(lex.person_noun("consultant"), Some(None));
    /// assert_eq!(lex.person_noun("operator"), None);
    /// ```
    pub fn person_noun(&self, lower: &str) -> Option<Option<Gender>> {
        if let Some(g) = self.appositives.get(lower) {
            return Some(*g);
        }
        self.titles
            .get(lower)?
            .iter()
            .find(|(w, _)| w.len() == 1)
            .map(|(_, g)| *g)
    }

    /// True for capitalised function words that never start a name.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.contains(word)
    }

    /// The label of a proper name headed by `word` (as written: "University" -> ORG,
    /// "Airport" -> FAC), from `head_words.txt`.
    pub(crate) fn head_label(&self, word: &str) -> Option<&Arc<str>> {
        self.head_words.get(word)
    }

    /// True for a capitalised word that may stand beside a name without making a
    /// longer name of it ("Iowa Republicans"), from `name_breakers.txt`.
    pub(crate) fn is_name_breaker(&self, word: &str) -> bool {
        self.name_breakers.contains(word)
    }

    /// True for a common given name (as written: "Paris", "Chad"), from
    /// `given_names.txt`.
    pub(crate) fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    /// The office a title or role noun names (lowercase: "sen." -> "senator"), from
    /// `offices.tsv`.
    pub(crate) fn office(&self, lower: &str) -> Option<&str> {
        self.offices.get(lower).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let lex = Lexicons::default();
        assert!(lex.cues_starting("according").is_some());
        assert_eq!(
            lex.role("spokeswoman").unwrap().gender,
            Some(Gender::Female)
        );
        assert!(lex.role("officials").unwrap().plural);
        assert_eq!(lex.titles_starting("mr.").unwrap()[0].1, Some(Gender::Male));
        assert!(lex.is_org_word("Department"));
        assert!(lex.is_calendar("Monday"));
        assert_eq!(lex.pronoun("she").unwrap().gender, Some(Gender::Female));
        assert!(MARKS.contains('“'));
        assert!(lex.is_given_name("Chad") && !lex.is_given_name("chad"));
        assert_eq!(lex.office("sen."), Some("senator"));
        assert!(is_name_suffix("Jr.") && is_name_suffix("III") && !is_name_suffix("ii"));
    }

    #[test]
    fn rows_split_tabs_and_skip_comments() {
        let r: Vec<Vec<&str>> = rows("# c\nsaid\tspeech\r\n \n\nx\n").collect();
        assert_eq!(r, vec![vec!["said", "speech"], vec!["x"]]);
        let g: Vec<_> = grammar_lines("[a]\n That # c\n# d\n").collect();
        assert_eq!(
            g,
            [(1, GrammarLine::Class("a")), (2, GrammarLine::Word("That"))]
        );
    }

    /// The readers trim nothing inside a line, as the tagger's training code reads the
    /// files; Lexicons trimmed line ends before they shared the reader, so a line
    /// ending in white space would now read differently (and would be a typo).
    #[test]
    fn no_data_line_ends_in_white_space() {
        let files = [
            CUES,
            MINED_CUES,
            TITLES,
            ROLES,
            ORG_WORDS,
            CALENDAR,
            PRONOUNS,
            STOP_WORDS,
            APPOSITIVES,
            GRAMMAR,
            HEAD_WORDS,
            NAME_BREAKERS,
            GIVEN_NAMES,
            OFFICES,
            NAME_SUFFIXES,
        ];
        for data in files {
            // a file's first line names it
            let file = data.lines().next().unwrap_or("");
            for (n, line) in data.lines().enumerate() {
                assert_eq!(line, line.trim_end(), "{file}: line {}", n + 1);
            }
        }
    }
}

/// Declares the grammar's word classes once: the struct, the section names that
/// `grammar.txt` uses, and the list of every class (for the data test).
macro_rules! grammar_classes {
    ($($(#[doc = $doc:expr])* $name:ident,)*) => {
        /// The word classes of the attribution grammar (`data/lexicon/grammar.txt`),
        /// parsed once: each is a short list the rules test a lowercase word against.
        #[derive(Debug, Default)]
        pub(crate) struct Grammar {
            $($(#[doc = $doc])* pub $name: Vec<&'static str>,)*
        }

        impl Grammar {
            fn class(&mut self, name: &str) -> Option<&mut Vec<&'static str>> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }

            #[cfg(test)]
            fn classes(&self) -> Vec<(&'static str, &Vec<&'static str>)> {
                vec![$((stringify!($name), &self.$name)),*]
            }
        }
    };
}

grammar_classes! {
    /// Auxiliaries and adverbs that may stand between a subject and its cue.
    aux,
    /// Determiners that can start a speaker phrase ("the", "a", "senior").
    determiners,
    /// Determiners that can stand alone as a speaker ("another", "some", "many").
    group_heads,
    /// Verb-like words between a subject and its cue ("she began saying").
    pre_cue,
    /// Clause words that end a speaker phrase ("that", "because", "when").
    boundary,
    /// Prepositions and time words that end a speaker phrase after an inverted cue.
    np_stop,
    /// Nouns of saying that introduce a quote (`her remark that “…”`): rule D4.
    speech_nouns,
    /// Nouns of a light-verb cue in reported speech ("expressed concern that"): rule R5.
    opinion_nouns,
    /// Phrases that name rather than report ("known as"): no reported speech.
    naming_phrases,
    /// Words opening a clause after a reported-speech attribution (rule R2).
    trailing_clause_words,
    /// Words before a cue form that make it a noun ("the report", "in remarks").
    noun_before,
    /// Words before a quoted Title Case fragment that make it a title (H2).
    title_before,
    /// Function words inside a Title Case title after its first word.
    title_small_words,
    /// Words that make a following -ing cue a noun ("the warning").
    gerund_determiners,
    /// Cues that form a passive after a form of "be" ("was asked").
    passive_cues,
    /// Words after which a base-form cue ("call", "say") is a verb.
    base_form_subjects,
    /// Words a leading apostrophe shortens ("'n'", "'em"): not quoted speech.
    elisions,
    /// Abbreviations a period ends without ending the sentence ("Mr.", "Corp.").
    abbreviations,
    /// Lowercase words inside a longer proper name ("University of Texas").
    name_connectors,
    /// Auxiliaries between a quote's subject and its cue that make the two a verb group (“…,” she had said).
    subject_aux,
    /// Particles and adverbs that may close a bare cue verb after a quote (“…,” he shot back).
    cue_tails,
    /// Words after a cue in a late attribution that take what follows as its complement.
    late_cue_complements,
    /// Cue forms that are verbs whatever stands before them (no noun reading, unlike “the report”).
    verb_only_cues,
    /// Forms of “be” before a passive cue (“was asked”).
    be_forms,
    /// Base-form cues that are verbs after “to” (“to say”).
    to_cues,
    /// Cue forms that are never weak, besides the -s, -ed and -ing forms.
    strong_cue_forms,
    /// Verbs after a quoted word that make the quote a term being defined (“…” means).
    definition_verbs,
    /// Cues of a reply: the speaker answers the one who asked.
    reply_cues,
    /// Words after a noun of saying that introduce what was said (“her claim that”).
    cue_noun_complements,
    /// Possessive determiners before a noun of saying (“his remark”).
    possessives,
    /// Verbs of naming before a quoted name: rule D2 (“called it “…””).
    naming_verbs,
    /// Forms of “describe” before a quoted description: rule D3.
    describing_verbs,
    /// Auxiliaries that end a speaker noun phrase.
    np_aux,
    /// Conjunctions and adverbs skipped at the start of a speaker phrase segment.
    np_leading_words,
    /// Subject pronouns that start a clause of their own.
    subject_pronouns,
    /// Conjunctions before a pronoun that make it a clause's subject.
    clause_conjunctions,
    /// Conjunctions and adverbs skipped before a leading speaker phrase.
    leading_conjunctions,
    /// Determiners that start a quoted object phrase (“a ‘…’ plan”).
    object_determiners,
    /// Words of `np_stop` that do not end a speaker phrase.
    np_stop_exceptions,
    /// Personal pronouns that alone are no object phrase.
    personal_pronouns,
    /// Conjunctions and adverbs that may open a sentence before its attribution.
    sentence_openers,
    /// Words before a quoted nickname or title that make it a name, not a quote.
    title_intros,
    /// Verbs between a speaker phrase and a cue before the quote (“the mayor is quoted”).
    backward_verbs,
    /// Relative pronouns: the phrase before them is the speaker of the clause.
    relative_pronouns,
    /// Coordinating conjunctions between two clauses.
    coordinators,
    /// Words that start a time phrase before a cue (“on Monday”, “last week”).
    time_prefixes,
    /// Words dropped from the start of a speaker phrase found backwards.
    dropped_leading_words,
}

impl Grammar {
    /// Parses `[class]` headers and one word per line; an unknown class is a bug in
    /// the shipped data, caught by the test below.
    fn parse(data: &'static str) -> Result<Grammar, String> {
        let mut g = Grammar::default();
        let mut current: Option<&str> = None;
        for (n, line) in grammar_lines(data) {
            match line {
                GrammarLine::Class(name) => {
                    if g.class(name).is_none() {
                        return Err(format!("grammar.txt line {n}: unknown class {name}"));
                    }
                    current = Some(name);
                }
                GrammarLine::Word(word) => match current.and_then(|c| g.class(c)) {
                    Some(list) => list.push(word),
                    None => return Err(format!("grammar.txt line {n}: word before a class")),
                },
            }
        }
        Ok(g)
    }
}

/// True for a suffix after a person's name, as written ("Jr.", "III"; never "ii"),
/// from `name_suffixes.txt` (parsed on first use).
///
/// A list of its own, not a class of `grammar.txt`: it is compared case-sensitively
/// (the grammar's classes are lowercase), and the reported-speech tagger reads every
/// grammar class as a feature, so a new class there would add features its model was
/// not trained with.
pub(crate) fn is_name_suffix(word: &str) -> bool {
    static S: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    S.get_or_init(|| rows(NAME_SUFFIXES).map(|cols| cols[0]).collect())
        .contains(&word)
}

/// The grammar's word classes (parsed on first use).
pub(crate) fn grammar() -> &'static Grammar {
    static G: std::sync::OnceLock<Grammar> = std::sync::OnceLock::new();
    // The data is compiled in and checked by a test: a parse error cannot reach a user.
    G.get_or_init(|| Grammar::parse(GRAMMAR).unwrap_or_default())
}

#[cfg(test)]
mod grammar_tests {
    use super::*;

    #[test]
    fn grammar_data_parses_and_every_class_has_words() {
        let g = Grammar::parse(GRAMMAR).expect("grammar.txt parses");
        for (name, list) in g.classes() {
            assert!(!list.is_empty(), "{name} is empty");
            assert!(list.iter().all(|w| *w == w.to_lowercase()), "{name}");
        }
        assert!(g.aux.contains(&"repeatedly") && g.speech_nouns.contains(&"remark"));
        assert!(Grammar::parse("[nope]\nx").is_err());
    }
}
