//! The word classes of the grammar (read from `data/lexicon/grammar.txt` by
//! [`grammar`]) and the token predicates every rule family shares.

use crate::attribution::tokens::{Tok, Token};
pub(super) use crate::lexicon::grammar;

/// How far (in tokens) a speaker phrase or cue is looked for from its anchor.
pub(super) const WINDOW: usize = 60;

pub(super) fn is_word(t: &Token) -> bool {
    t.kind == Tok::Word
}

pub(super) fn punct_is(text: &str, t: &Token, s: &str) -> bool {
    t.kind == Tok::Punct && &text[t.start()..t.end()] == s
}

pub(super) fn is_dash(text: &str, t: &Token) -> bool {
    t.kind == Tok::Punct && matches!(&text[t.start()..t.end()], "—" | "–" | "-" | "―")
}

/// `s` lowercased into `buf` (ASCII without a per-character walk).
pub(crate) fn lower_into<'a>(buf: &'a mut String, s: &str) -> &'a str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return buf.as_str();
    }
    for c in s.chars() {
        buf.extend(c.to_lowercase());
    }
    buf.as_str()
}

pub(super) fn in_list(list: &[&str], lower: &str) -> bool {
    list.contains(&lower)
}

/// An auxiliary, or an adverb in -ly ("later", "flatly"; not "only").
pub(crate) fn is_adverb_like(lower: &str) -> bool {
    in_list(&grammar().aux, lower) || (lower.len() > 4 && lower.ends_with("ly") && lower != "only")
}
