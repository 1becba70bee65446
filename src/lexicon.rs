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

mod classes;
pub(crate) use classes::{grammar, is_intro_word, is_name_suffix, link_words, reported_words};

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
    /// The shapes of `titles`' keys (the titles' first words).
    title_shapes: WordShapes,
    /// The shapes of `cues`' keys (the cues' first words).
    cue_shapes: WordShapes,
    roles: FastMap<String, Role>,
    org_words: FastSet<String>,
    calendar: FastSet<String>,
    pronouns: FastMap<String, Role>,
    stop_words: FastSet<String>,
    /// The union of `stop_words`, `calendar` and `org_words`: linking asks all three of
    /// every capitalised word, and one lookup answers them.
    not_name_words: FastSet<String>,
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
const LINKING: &str = include_str!("../data/lexicon/linking.txt");
const NAME_SUFFIXES: &str = include_str!("../data/lexicon/name_suffixes.txt");
const REPORTED: &str = include_str!("../data/lexicon/reported.txt");
const INTRO_WORDS: &str = include_str!("../data/lexicon/intro_words.txt");
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

/// The lines of a `[class]` file (`grammar.txt`, `linking.txt`) with their numbers
/// (from 1): `#` starts a comment anywhere on a line, white space around a line is
/// dropped, and a line starting with `[` names a class. The one reader of the format,
/// for the word classes ([`grammar`], [`link_words`]) and the tagger's, written as the
/// training code reads `grammar.txt` (`feats._grammar`).
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

/// The shapes (ASCII first byte, length) of a map's lowercase keys: for each first
/// byte, bit `len` (63: longer) set when some key of that byte and length exists.
/// Linking and attribution ask for a title or a cue at every token; this answers most
/// of them without lowercasing the word or hashing it.
#[derive(Debug, Clone)]
pub(crate) struct WordShapes([u64; 128]);

impl WordShapes {
    pub(crate) fn new() -> Self {
        WordShapes([0; 128])
    }

    /// Records `key` (lowercase). A key that is not ASCII sets no bit: no ASCII word
    /// lowercases to it, and a word that is not ASCII is always looked up.
    pub(crate) fn insert(&mut self, key: &str) {
        if let Some(&b) = key.as_bytes().first().filter(|_| key.is_ascii()) {
            self.0[usize::from(b)] |= 1 << key.len().min(63);
        }
    }

    /// Whether `word` (as written) may lowercase to a key: `false` only for an ASCII
    /// word whose first letter and length no key has.
    #[inline]
    pub(crate) fn may_hold(&self, word: &str) -> bool {
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        if !word.is_ascii() {
            return true;
        }
        self.0[usize::from(first.to_ascii_lowercase())] >> word.len().min(63) & 1 == 1
    }
}

fn phrase_words(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.to_lowercase()).collect()
}

impl Default for Lexicons {
    fn default() -> Self {
        let mut lex = Lexicons {
            cues: FastMap::default(),
            titles: FastMap::default(),
            title_shapes: WordShapes::new(),
            cue_shapes: WordShapes::new(),
            roles: FastMap::default(),
            org_words: FastSet::default(),
            calendar: FastSet::default(),
            pronouns: FastMap::default(),
            stop_words: FastSet::default(),
            not_name_words: FastSet::default(),
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
            lex.add_title(cols[0], gender_col(cols.get(1)));
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
        lex.not_name_words = (lex.stop_words.iter())
            .chain(&lex.calendar)
            .chain(&lex.org_words)
            .cloned()
            .collect();
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

    /// Adds one title phrase (its words lowercased), kept longest first under its
    /// first word.
    fn add_title(&mut self, phrase: &str, gender: Option<Gender>) {
        let words = phrase_words(phrase);
        if words.is_empty() {
            return;
        }
        self.title_shapes.insert(&words[0]);
        let entry = self.titles.entry(words[0].clone()).or_default();
        if !entry.iter().any(|(w, _)| *w == words) {
            entry.push((words, gender));
            entry.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// Adds one speech cue (a word or a phrase).
    pub fn add_cue(&mut self, cue: &str, tier: CueTier) {
        let words = phrase_words(cue);
        if words.is_empty() {
            return;
        }
        self.cue_shapes.insert(&words[0]);
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

    /// Whether `word` (as written) may be the first word of a title: `false` only when
    /// [`Lexicons::titles_starting`] of its lowercase form is `None` (an ASCII word
    /// whose first letter and length no title's first word has).
    #[inline]
    pub(crate) fn may_start_title(&self, word: &str) -> bool {
        self.title_shapes.may_hold(word)
    }

    /// Whether `word` (as written) may be the first word of a speech cue: `false` only
    /// when [`Lexicons::cues_starting`] of its lowercase form is `None`.
    #[inline]
    pub(crate) fn may_start_cue(&self, word: &str) -> bool {
        self.cue_shapes.may_hold(word)
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

    /// A stop word, a month or day name or an organisation word (as written): what
    /// [`Lexicons::is_stop_word`], [`Lexicons::is_calendar`] and
    /// [`Lexicons::is_org_word`] say together, in one lookup.
    pub(crate) fn is_stop_calendar_or_org_word(&self, word: &str) -> bool {
        self.not_name_words.contains(word)
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
    fn title_filter_keeps_every_title_word() {
        let lex = Lexicons::default();
        assert!(lex.titles.len() > 20);
        for key in lex.titles.keys() {
            let mut chars = key.chars();
            let first = chars.next().map(char::to_uppercase).into_iter().flatten();
            let capitalised: String = first.chain(chars).collect();
            for form in [key.clone(), capitalised, key.to_uppercase()] {
                assert!(lex.may_start_title(&form), "{form}");
            }
        }
        // most words are turned away before the lookup, never a title's first word
        let words = "the bill would pass next week and said that it was not clear whether \
                     voters in Ohio or Texas agreed with him on Tuesday because of costs";
        let turned_away = words.split(' ').filter(|w| !lex.may_start_title(w)).count();
        assert!(turned_away * 2 > words.split(' ').count(), "{turned_away}");
        assert!(!lex.may_start_title(""));
        // a word that is not ASCII is always looked up
        assert!(lex.may_start_title("Señora"));
    }

    #[test]
    fn cue_filter_keeps_every_cue_word_and_added_ones() {
        let lex = Lexicons::with_extra_cues(&["harrumphed", "zz top"]);
        for key in lex.cues.keys() {
            for form in [key.clone(), key.to_uppercase()] {
                assert!(lex.may_start_cue(&form), "{form}");
            }
        }
        assert!(lex.may_start_cue("Harrumphed") && lex.may_start_cue("ZZ"));
        assert!(!Lexicons::default().may_start_cue("zz"));
        // some frequent words are turned away (45% of PolNeAR train's words)
        let words = "the bill would pass next week and it was not clear whether voters agreed";
        let turned_away: Vec<&str> = words.split(' ').filter(|w| !lex.may_start_cue(w)).collect();
        assert!(turned_away.len() >= 3, "{turned_away:?}");
        assert!(lex.may_start_cue("Señora") && !lex.may_start_cue(""));
    }

    /// The one lookup answers as the three it stands for, on every word of the three
    /// lists and on words of none.
    #[test]
    fn the_union_lookup_is_the_three_lookups() {
        let lex = Lexicons::default();
        let all = lex
            .stop_words
            .iter()
            .chain(&lex.calendar)
            .chain(&lex.org_words);
        let others = ["Otten", "monday", "department", "Voss", ""];
        for w in all.map(String::as_str).chain(others) {
            let three = lex.is_stop_word(w) || lex.is_calendar(w) || lex.is_org_word(w);
            assert_eq!(lex.is_stop_calendar_or_org_word(w), three, "{w}");
        }
        assert!(lex.is_stop_calendar_or_org_word("Monday"));
    }

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
            LINKING,
            REPORTED,
            INTRO_WORDS,
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
