//! Function and calendar words that a text uses as surnames ("Theresa May", "George
//! Will", "Al From").
//!
//! The rules and linking turn capitalised stop and calendar words away as names, so
//! `“We will leave,” May said` had no speaker. One pass over the tokens looks for
//! evidence (a word of the grammar's `surname_words` written capitalised right after a
//! name word and before no other capitalised word: "Theresa May said"); a second
//! marks every capitalised use of those words in the text as a surname unless it
//! reads as a date ("in May", "May 3") or as the function word opening a sentence
//! ("Will he …", "From the start, …"). Without evidence nothing is marked, so a text
//! with "In May, the senator …" keeps its month.

use super::tokens::{Tok, Token};
use super::words::{grammar, in_list, is_word};
use crate::lexicon::Lexicons;

/// Sets [`Token::surname`] on the capitalised uses of `surname_words` that the text
/// shows to be a surname (linear in the tokens).
pub(crate) fn mark_surnames(text: &str, toks: &mut [Token], lex: &Lexicons) {
    let g = grammar();
    let mut buf = String::new();
    // at most a handful of words: a small list beats a set
    let mut evidenced: Vec<String> = Vec::new();
    for k in 1..toks.len() {
        if !candidate(text, &toks[k]) {
            continue;
        }
        let lower = super::lower_into(&mut buf, toks[k].text(text));
        if !in_list(&g.surname_words, lower) || evidenced.iter().any(|w| w == lower) {
            continue;
        }
        if after_name_word(text, toks, k, lex) && !next_is_cap_word(toks, k) {
            evidenced.push(lower.to_owned());
        }
    }
    if evidenced.is_empty() {
        return;
    }
    for k in 0..toks.len() {
        if !candidate(text, &toks[k]) {
            continue;
        }
        let lower = super::lower_into(&mut buf, toks[k].text(text));
        if evidenced.iter().any(|w| w == lower) && reads_as_surname(text, toks, k) {
            toks[k].set_surname();
        }
    }
}

/// A capitalised word, not all capitals ("MAY" in a headline says nothing).
fn candidate(text: &str, t: &Token) -> bool {
    is_word(t) && t.cap() && t.text(text).chars().skip(1).any(char::is_lowercase)
}

/// Is token `k - 1` a name word of the same paragraph ("Theresa", not "In" or "June")?
fn after_name_word(text: &str, toks: &[Token], k: usize, lex: &Lexicons) -> bool {
    let p = &toks[k - 1];
    is_word(p)
        && p.cap()
        && p.para() == toks[k].para()
        && !toks[k].sent_start()
        && !lex.is_stop_calendar_or_org_word(p.text(text))
}

/// Is the next token a capitalised word of the same paragraph (Title Case: "Trump Will
/// Win")?
fn next_is_cap_word(toks: &[Token], k: usize) -> bool {
    toks.get(k + 1)
        .is_some_and(|n| is_word(n) && n.cap() && n.para() == toks[k].para())
}

/// Does token `k` read as the surname rather than as a date or a sentence-opening
/// function word?
fn reads_as_surname(text: &str, toks: &[Token], k: usize) -> bool {
    let g = grammar();
    let t = &toks[k];
    let mut buf = String::new();
    if next_is_cap_word(toks, k) {
        return false; // "May Day", "Will Smith", a Title Case headline
    }
    let next = toks.get(k + 1).filter(|n| n.para() == t.para());
    if next.is_some_and(|n| is_word(n) && n.text(text).starts_with(|c: char| c.is_ascii_digit())) {
        return false; // "May 3"
    }
    if let Some(p) = k
        .checked_sub(1)
        .map(|j| &toks[j])
        .filter(|p| p.para() == t.para())
    {
        let lower = super::lower_into(&mut buf, p.text(text));
        let digit = lower.starts_with(|c: char| c.is_ascii_digit());
        if p.kind == Tok::Word && (digit || in_list(&g.calendar_before, lower)) {
            return false; // "in May", "since May", "3 May"
        }
    }
    if t.sent_start() {
        // "Will he run?", "From the start, …", "May I ask"
        let opens_clause = next.is_some_and(|n| {
            let lower = super::lower_into(&mut buf, n.text(text));
            is_word(n)
                && !n.cap()
                && (in_list(&g.determiners, lower)
                    || in_list(&g.personal_pronouns, lower)
                    || in_list(&g.dropped_leading_words, lower))
        });
        return !opens_clause && !next.is_some_and(|n| is_word(n) && n.text(text) == "I");
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::tokens::tokenize;

    fn marked(text: &str) -> Vec<&str> {
        let mut toks = tokenize(text);
        mark_surnames(text, &mut toks, &Lexicons::default());
        toks.iter()
            .filter(|t| t.surname())
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn a_surname_after_a_given_name_marks_every_use() {
        let text = "Prime Minister Helen May spoke.\n“We stay,” May said. Then May left.";
        assert_eq!(marked(text), ["May", "May", "May"]);
    }

    #[test]
    fn dates_and_sentence_openers_stay_function_words() {
        let text = "Rob Will wrote a column.\nIn May, he moved. Will he stay? May 3 came.\nHelen May said so in May. In May, she left.";
        assert_eq!(marked(text), ["Will", "May"]);
    }

    #[test]
    fn no_evidence_marks_nothing() {
        assert!(marked("In May, the senator spoke. “No,” May said.").is_empty());
        assert!(marked("Trump Will Win\nHe said so in May.").is_empty());
    }
}
