//! The word lists the tagger's features read, keyed as the training code
//! (`tools/reported/feats.py`) keys them: a feature that fires in training must fire
//! here. The files are read by the crate's one lexicon reader ([`rows`],
//! [`grammar_lines`]); only the maps differ from [`crate::Lexicons`]' (every key
//! lowercased, the last value of a repeated key wins, a word keeps all its classes).

use crate::lexicon::{grammar_lines, rows, GrammarLine, CUES, GRAMMAR, MINED_CUES};
use crate::lexicon::{WordShapes, PRONOUNS, ROLES, TITLES};
use crate::FastMap;

/// The tagger's lexicon flags.
#[derive(Debug)]
pub(crate) struct Lex {
    /// Every word that is a cue or starts a multi-word cue (one lookup per token for
    /// both).
    cue_words: FastMap<String, CueWord>,
    /// The shapes of `cue_words`' keys: most words are answered without hashing.
    cue_shapes: WordShapes,
    /// Multi-word cues in file order: words, tier.
    pub cue_mw: Vec<(Vec<String>, String)>,
    pub pronouns: FastMap<String, ()>,
    pub titles: FastMap<String, ()>,
    pub roles: FastMap<String, ()>,
    /// Word -> its grammar classes, in file order (a class may repeat).
    pub grammar: FastMap<String, Vec<String>>,
}

/// `feats._words`: first column lowercased -> second column (or "1"); the first
/// occurrence fixes the order, the last the value.
fn words(data: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut at: FastMap<String, usize> = FastMap::default();
    for cols in rows(data) {
        let key = cols[0].to_lowercase();
        let value = cols.get(1).copied().unwrap_or("1").to_owned();
        match at.get(&key) {
            Some(&i) => out[i].1 = value,
            None => {
                at.insert(key.clone(), out.len());
                out.push((key, value));
            }
        }
    }
    out
}

fn set(data: &str) -> FastMap<String, ()> {
    words(data).into_iter().map(|(k, _)| (k, ())).collect()
}

/// `feats._grammar`: word (lowercased) -> its classes, in file order; a word before
/// any class header has the class "".
fn grammar(data: &str) -> FastMap<String, Vec<String>> {
    let mut classes: FastMap<String, Vec<String>> = FastMap::default();
    let mut cur = "";
    for (_, line) in grammar_lines(data) {
        match line {
            GrammarLine::Class(name) => cur = name,
            GrammarLine::Word(word) => classes
                .entry(word.to_lowercase())
                .or_default()
                .push(cur.to_owned()),
        }
    }
    classes
}

impl Lex {
    pub fn new() -> Lex {
        let mut cue1 = FastMap::default();
        let mut cue_mw: Vec<(Vec<String>, String)> = Vec::new();
        for (k, v) in words(CUES) {
            if k.contains(' ') {
                cue_mw.push((k.split_whitespace().map(str::to_owned).collect(), v));
            } else {
                cue1.insert(k, v);
            }
        }
        let mined: FastMap<String, String> = words(MINED_CUES).into_iter().collect();
        let mut cue_words: FastMap<String, CueWord> = FastMap::default();
        for k in cue1.keys().chain(mined.keys()) {
            if let Some(tier) = cue_in(&cue1, &mined, k) {
                cue_words.entry(k.clone()).or_default().tier = Some(tier.to_owned());
            }
        }
        for (i, (k, _)) in cue_mw.iter().enumerate() {
            // a cue of no words marks nothing
            if let Some(first) = k.first() {
                cue_words.entry(first.clone()).or_default().starts.push(i);
            }
        }
        let mut cue_shapes = WordShapes::new();
        cue_words.keys().for_each(|k| cue_shapes.insert(k));
        Lex {
            cue_shapes,
            cue_words,
            cue_mw,
            pronouns: set(PRONOUNS),
            titles: set(TITLES),
            roles: set(ROLES),
            grammar: grammar(GRAMMAR),
        }
    }

    /// `CUE1.get(w) or MINED.get(w)`: an empty tier counts as none.
    pub fn cue(&self, low: &str) -> Option<&str> {
        self.cue_word(low).and_then(|c| c.tier.as_deref())
    }

    /// Is lowercase word `low` a one-word cue of `cues.tsv` (not one only mined from
    /// PolNeAR, whose tiers are "hi", "mid", …)?
    pub fn listed_cue(&self, low: &str) -> bool {
        matches!(self.cue(low), Some("speech" | "communication" | "written"))
    }

    /// What the lexicon says of lowercase word `low` as a cue (`None`: nothing).
    pub fn cue_word(&self, low: &str) -> Option<&CueWord> {
        // most words are turned away by their first letter and length, unhashed
        if !self.cue_shapes.may_hold(low) {
            return None;
        }
        self.cue_words.get(low)
    }
}

/// A word's cue entries.
#[derive(Debug, Default)]
pub(crate) struct CueWord {
    /// Its tier as a one-word cue ("speech", ...; `CUE1.get(w) or MINED.get(w)`).
    pub tier: Option<String>,
    /// The indices in `cue_mw` of the multi-word cues it starts, in file order (so
    /// that a token is compared only with the cues that can start at it).
    pub starts: Vec<usize>,
}

/// `CUE1.get(w) or MINED.get(w)`: an empty tier counts as none.
fn cue_in<'a>(
    cue1: &'a FastMap<String, String>,
    mined: &'a FastMap<String, String>,
    low: &str,
) -> Option<&'a str> {
    fn hit<'a>(m: &'a FastMap<String, String>, low: &str) -> Option<&'a str> {
        m.get(low).map(String::as_str).filter(|v| !v.is_empty())
    }
    hit(cue1, low).or_else(|| hit(mined, low))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_first_position_and_last_value() {
        let w = words("# c\nSaid\tspeech\nx\nsaid\twritten\n\n");
        assert_eq!(
            w,
            vec![("said".into(), "written".into()), ("x".into(), "1".into())]
        );
    }

    #[test]
    fn grammar_classes_repeat() {
        let g = grammar("[a]\nThat # c\n[b]\nthat\n");
        assert_eq!(g["that"], vec!["a".to_owned(), "b".to_owned()]);
    }

    #[test]
    fn embedded_lists_parse() {
        let lex = Lex::new();
        assert_eq!(lex.cue("said"), Some("speech"));
        assert!(lex.cue_mw.iter().any(|(w, _)| w == &["according", "to"]));
        assert!(lex.pronouns.contains_key("she"));
    }
}
