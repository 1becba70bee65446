//! The outer speaker of a nested cue. In "Lynch said she recalled thinking, “…”" the
//! quote's own cue is "recalled" and its subject "she"; that clause is itself what
//! "said" reports, and news annotation (PolNeAR takes the outer of nested
//! attributions) and readers credit the outer subject. The speakers stage asks for it
//! only when the inner subject is a pronoun, and takes it only when both name the
//! same person.

use super::tokens::Token;
use super::words::WINDOW;
use super::Ctx;
use crate::lexicon::Lexicons;

/// The subject of a cue that ends right before token `s` (or before a "that" right
/// before it): in "Lynch said (that) she recalled", for `s` at "she", the tokens of
/// "Lynch". `None` when no cue ends there or it has no subject in its sentence.
pub(crate) fn outer_subject(
    text: &str,
    toks: &[Token],
    lex: &Lexicons,
    s: usize,
) -> Option<(usize, usize)> {
    let mut cx = Ctx {
        text,
        toks,
        lex,
        buf: String::new(),
        double_primary: true,
    };
    let mut j = s;
    if j > 0 && cx.word_in(j - 1, &["that"]) {
        j -= 1;
    }
    let para = toks.get(j)?.para();
    // the sentence's start, at most two windows back (bounded work per call)
    let floor = j.saturating_sub(2 * WINDOW);
    let mut lo = j;
    while lo > floor && !toks[lo].sent_start() && toks[lo - 1].para() == para {
        lo -= 1;
    }
    // a cue of up to three words ending at j ("said", "pointed out", "went on to say")
    let first = j.saturating_sub(3).max(lo);
    (first..j)
        .rev()
        .find(|&c| cx.cue(c, j).is_some_and(|(ce, _)| ce == j))
        .and_then(|c| cx.np_backward(lo, c))
}
