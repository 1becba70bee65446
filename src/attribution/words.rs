//! The word classes of the grammar (read from `data/lexicon/grammar.txt` by
//! [`Grammar`](crate::lexicon::Grammar)) and the token predicates every rule family
//! shares.

use crate::attribution::tokens::{Tok, Token};
use crate::lexicon::grammar;

/// How far (in tokens) a speaker phrase or cue is looked for from its anchor.
pub(super) const WINDOW: usize = 60;

pub(super) fn is_word(t: &Token) -> bool {
    t.kind == Tok::Word
}

pub(super) fn punct_is(text: &str, t: &Token, s: &str) -> bool {
    t.kind == Tok::Punct && &text[t.start..t.end] == s
}

pub(super) fn is_dash(text: &str, t: &Token) -> bool {
    t.kind == Tok::Punct && matches!(&text[t.start..t.end], "—" | "–" | "-" | "―")
}

/// `s` lowercased into `buf` (ASCII without a per-character walk).
pub(super) fn lower_into<'a>(buf: &'a mut String, s: &str) -> &'a str {
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

/// Auxiliaries and adverbs that may stand between a subject and its cue.
pub(super) fn aux() -> &'static [&'static str] {
    &grammar().aux
}

/// Determiners that can start a speaker phrase ("the", "a", "senior").
pub(super) fn determiners() -> &'static [&'static str] {
    &grammar().determiners
}

/// Determiners that can stand alone as a speaker ("another", "some", "many").
pub(super) fn group_heads() -> &'static [&'static str] {
    &grammar().group_heads
}

/// Verb-like words between a subject and its cue ("she began saying").
pub(super) fn pre_cue() -> &'static [&'static str] {
    &grammar().pre_cue
}

/// Clause words that end a speaker phrase ("that", "because", "when").
pub(super) fn boundary() -> &'static [&'static str] {
    &grammar().boundary
}

/// Prepositions and time words that end a speaker phrase after an inverted cue.
pub(super) fn np_stop() -> &'static [&'static str] {
    &grammar().np_stop
}

/// Nouns of saying that introduce a quote (`her remark that “…”`): rule D4.
pub(super) fn speech_nouns() -> &'static [&'static str] {
    &grammar().speech_nouns
}

/// Words before a cue form that make it a noun ("the report", "in remarks").
pub(super) fn noun_before() -> &'static [&'static str] {
    &grammar().noun_before
}

/// Words before a quoted Title Case fragment that make it a title (H2).
pub(super) fn title_before() -> &'static [&'static str] {
    &grammar().title_before
}

/// Function words inside a Title Case title after its first word.
pub(super) fn title_small_words() -> &'static [&'static str] {
    &grammar().title_small_words
}

/// Words that make a following -ing cue a noun ("the warning").
pub(super) fn gerund_determiners() -> &'static [&'static str] {
    &grammar().gerund_determiners
}

/// Cues that form a passive after a form of "be" ("was asked").
pub(super) fn passive_cues() -> &'static [&'static str] {
    &grammar().passive_cues
}

/// Words after which a base-form cue ("call", "say") is a verb.
pub(super) fn base_form_subjects() -> &'static [&'static str] {
    &grammar().base_form_subjects
}

/// An auxiliary, or an adverb in -ly ("later", "flatly"; not "only").
pub(crate) fn is_adverb_like(lower: &str) -> bool {
    in_list(aux(), lower) || (lower.len() > 4 && lower.ends_with("ly") && lower != "only")
}
