//! The shape of a name in the tokens: name words, title phrases, capitalised runs of
//! two to four words, surnames, and the names that no mention covers.

use crate::attribution::tokens::{Tok, Token};
use crate::attribution::words::lower_into;
use crate::lexicon::{is_name_suffix, link_words, Lexicons};
use crate::{Gender, Mention};

/// Last word of a name, skipping suffixes (`name_suffixes.txt`: "Martin Luther King
/// Jr." -> "King").
pub(super) fn surname(name: &str) -> Option<&str> {
    name.split_whitespace()
        .rev()
        .find(|w| !is_name_suffix(w))
        .map(|w| w.trim_end_matches(','))
}

pub(super) fn is_name_token(t: &Token, text: &str, lex: &Lexicons) -> bool {
    if t.kind != Tok::Word || !t.cap() {
        return false;
    }
    if t.surname() {
        return true; // "May" of "Theresa May" (attribution's `surnames.rs`)
    }
    let w = t.text(text);
    if starts_a_title(w, lex) {
        return false;
    }
    !lex.is_stop_calendar_or_org_word(w) && w.chars().any(char::is_lowercase)
        || (w.len() <= 3 && w.ends_with('.') && w.chars().next().is_some_and(char::is_uppercase))
}

/// Is `w` (as written) the first word of a title phrase? The title filter turns most
/// words away before they are lowercased and looked up.
fn starts_a_title(w: &str, lex: &Lexicons) -> bool {
    if !lex.may_start_title(w) {
        return false;
    }
    let mut low = [0u8; 24];
    if w.len() <= low.len() && w.is_ascii() {
        low[..w.len()].copy_from_slice(w.as_bytes());
        low[..w.len()].make_ascii_lowercase();
        let low = std::str::from_utf8(&low[..w.len()]).unwrap_or("");
        lex.titles_starting(low).is_some()
    } else {
        lex.titles_starting(&w.to_lowercase()).is_some()
    }
}

/// A title phrase starting at token `k`: returns its end and gender.
pub(super) fn title_at(
    toks: &[Token],
    text: &str,
    k: usize,
    lex: &Lexicons,
    buf: &mut String,
) -> Option<(usize, Option<Gender>)> {
    let t = toks.get(k)?;
    if t.kind != Tok::Word || !lex.may_start_title(t.text(text)) {
        return None;
    }
    let phrases = lex.titles_starting(lower_into(buf, t.text(text)))?;
    'p: for (words, g) in phrases {
        // The first word is the key the phrases were found by.
        for (n, w) in words.iter().enumerate().skip(1) {
            match toks.get(k + n) {
                Some(tk) if tk.kind == Tok::Word && is_lowercase_of(tk.text(text), w) => {}
                _ => continue 'p,
            }
        }
        return Some((k + words.len(), *g));
    }
    None
}

/// Whether `lower` is `word` lowercased, without making the lowercase copy.
fn is_lowercase_of(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.len() == lower.len()
            && word
                .bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        word.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

/// Capitalised name run from `k`: 2..=4 name tokens; `None` if it runs into an
/// organisation word or is too short.
pub(super) fn name_run(
    toks: &[Token],
    text: &str,
    k: usize,
    lex: &Lexicons,
) -> Option<(usize, usize)> {
    let mut e = k;
    while e < toks.len() && e < k + 5 {
        let t = &toks[e];
        if e > k && (t.glued() || t.para() != toks[k].para()) {
            break;
        }
        if t.kind == Tok::Word && t.cap() && lex.is_org_word(t.text(text)) {
            return None;
        }
        if !is_name_token(t, text, lex) {
            break;
        }
        e += 1;
    }
    // a trailing initial is not a name end
    while e > k && toks[e - 1].text(text).ends_with('.') && !is_name_suffix(toks[e - 1].text(text))
    {
        e -= 1;
    }
    if e - k >= 2 && e - k <= 4 {
        Some((k, e))
    } else {
        None
    }
}

/// Does a capitalised name start at token `k`, rather than continue one or follow a
/// word that makes it a place or an organisation ("the Northlink Rail", "in New
/// Carlisle")?
pub(super) fn run_starts_at(toks: &[Token], text: &str, k: usize, lex: &Lexicons) -> bool {
    let Some(p) = k.checked_sub(1).map(|i| &toks[i]) else {
        return true;
    };
    if p.para() != toks[k].para() || p.kind != Tok::Word {
        return true;
    }
    let w = p.text(text);
    if p.cap() {
        // a sentence-initial function word ("But", "And") starts nothing; "The" does
        return lex.is_stop_word(w) && !w.eq_ignore_ascii_case("the");
    }
    !link_words().run_blockers.contains(&w)
}

/// The capitalised name run that starts at token `k` (a name word where
/// [`run_starts_at`] holds, then [`name_run`]), if one does.
pub(super) fn run_from(
    toks: &[Token],
    text: &str,
    k: usize,
    lex: &Lexicons,
) -> Option<(usize, usize)> {
    if !(is_name_token(&toks[k], text, lex) && run_starts_at(toks, text, k, lex)) {
        return None;
    }
    name_run(toks, text, k, lex)
}

/// Capitalised names of two to four words that no entity mention covers (see
/// [`Linked::unknown_names`](super::Linked::unknown_names)).
pub(super) fn unknown_names(
    text: &str,
    toks: &[Token],
    lex: &Lexicons,
    out: &[Mention],
) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = out.iter().map(|m| (m.start, m.end)).collect();
    spans.sort_unstable();
    let mut res = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        // after "for", a capitalised run names a body ("Center for Equitable Growth")
        let after_for = k > 0 && toks[k - 1].text(text) == "for";
        let Some((s, e)) = (!after_for).then(|| run_from(toks, text, k, lex)).flatten() else {
            k += 1;
            continue;
        };
        let (bs, be) = (toks[s].start(), toks[e - 1].end());
        let i = spans.partition_point(|&(_, me)| me <= bs);
        let covered = spans[i..]
            .iter()
            .take_while(|&&(ms, _)| ms < be)
            .next()
            .is_some()
            || spans[..i]
                .iter()
                .rev()
                .take(8)
                .any(|&(ms, me)| ms < be && me > bs);
        if !covered {
            res.push((bs, be));
        }
        k = e;
    }
    res
}
