//! Word lists used by linking and quote attribution.
//!
//! Every list is a data file under `data/lexicon/`, embedded at build time with
//! `include_str!` and parsed once by [`Lexicons::default`]. Lookups are
//! case-insensitive (keys are stored lowercase), except the capitalised lists
//! (organisation words, months and days, sentence-initial stop words) which are
//! compared exactly as written in the file and also in lowercase.

use std::collections::{HashMap, HashSet};

/// Grammatical gender evidence carried by a title, role noun or pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    cues: HashMap<String, Vec<(Vec<String>, CueTier)>>,
    /// first word (lowercase) -> list of (title words, gender), longest first.
    titles: HashMap<String, Vec<TitlePhrase>>,
    roles: HashMap<String, Role>,
    org_words: HashSet<String>,
    calendar: HashSet<String>,
    pronouns: HashMap<String, Role>,
    stop_words: HashSet<String>,
    appositives: HashMap<String, Option<Gender>>,
}

const CUES: &str = include_str!("../data/lexicon/cues.tsv");
const TITLES: &str = include_str!("../data/lexicon/titles.tsv");
const ROLES: &str = include_str!("../data/lexicon/roles.tsv");
const ORG_WORDS: &str = include_str!("../data/lexicon/orgwords.txt");
const CALENDAR: &str = include_str!("../data/lexicon/calendar.txt");
const PRONOUNS: &str = include_str!("../data/lexicon/pronouns.tsv");
const STOP_WORDS: &str = include_str!("../data/lexicon/stopwords.txt");
const APPOSITIVES: &str = include_str!("../data/lexicon/appositives.tsv");
/// The quote-mark table (documentation of the scanner's classes, checked by a test).
#[cfg(test)]
pub(crate) const MARKS: &str = include_str!("../data/lexicon/marks.tsv");

fn lines(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
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
            cues: HashMap::new(),
            titles: HashMap::new(),
            roles: HashMap::new(),
            org_words: HashSet::new(),
            calendar: HashSet::new(),
            pronouns: HashMap::new(),
            stop_words: HashSet::new(),
            appositives: HashMap::new(),
        };
        for cols in lines(CUES) {
            let tier = CueTier::parse(cols.get(1).copied().unwrap_or("speech"));
            lex.add_cue(cols[0], tier);
        }
        for cols in lines(TITLES) {
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
        for cols in lines(ROLES) {
            let role = Role {
                gender: gender_col(cols.get(1)),
                plural: cols.get(2).is_some_and(|n| n.trim() == "pl"),
            };
            lex.roles.insert(cols[0].to_lowercase(), role);
        }
        for cols in lines(PRONOUNS) {
            let role = Role {
                gender: gender_col(cols.get(1)),
                plural: cols.get(2).is_some_and(|n| n.trim() == "pl"),
            };
            lex.pronouns.insert(cols[0].to_lowercase(), role);
        }
        for cols in lines(ORG_WORDS) {
            lex.org_words.insert(cols[0].to_string());
        }
        for cols in lines(CALENDAR) {
            lex.calendar.insert(cols[0].to_string());
        }
        for cols in lines(STOP_WORDS) {
            lex.stop_words.insert(cols[0].to_string());
        }
        for cols in lines(APPOSITIVES) {
            lex.appositives
                .insert(cols[0].to_lowercase(), gender_col(cols.get(1)));
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
    }
}
