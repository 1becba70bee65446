//! Attribution: tokens, quote marks, speech cues and speaker phrases, computed once
//! per text; linking and speaker resolution read the result.
//!
//! - [`tokens`](self) splits the text into words, marks and punctuation
//!   (`tokens.rs`), and [`marks`](self) pairs the double quote marks of each paragraph
//!   into quoted spans (`marks.rs`); `surnames.rs` marks the function and calendar
//!   words a text uses as surnames ("Theresa May", "George Will").
//! - The rules (`rules.rs`) read, for each span, the rest of its sentence outside the
//!   marks: after the closing mark (`after.rs`: `“Q,” NAME said`, `“Q,” said NAME`,
//!   rules A1–A13, B4, D1, F1), before the opening mark (`before.rs`: `NAME said: “Q”`,
//!   `According to NAME, “Q”`, B1–B5; an embedded fragment `NAME said the plan was
//!   “Q”`, D1–D4), and, when the sentence has no cue, the quotes before it
//!   (`carry.rs`: continuations C1–C5, lead-in B7). `traps.rs` labels what only looks
//!   like a quote (titles and nicknames, H2 and H3). Each rule is a [`Rule`]; the
//!   table of them is docs/attribution.md.
//! - Speaker phrases (`phrase.rs`, `backward.rs`) are token ranges, cut from the run
//!   of words that one walker (`walk.rs`) takes forwards or backwards from a cue; the
//!   speakers stage (`crate::quotes`) turns them into mentions.
//!
//! Every walk is bounded by a window of tokens around its anchor, so the stage is
//! linear in the text.

mod after;
mod backward;
mod before;
mod carry;
mod cue;
pub(crate) mod marks;
mod outer;
mod phrase;
mod rules;
mod single;
pub(crate) mod surnames;
pub(crate) mod tokens;
mod traps;
mod walk;
pub(crate) mod words;

pub(crate) use cue::cue_at;
pub(crate) use outer::outer_subject;
pub(crate) use words::{is_adverb_like, lower_into};

use crate::lexicon::{CueTier, Lexicons};
use crate::{QuoteKind, Rule};
use marks::Span;
use tokens::Token;
use words::{in_list, is_word};

/// How a quote's speaker is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// A speaker phrase: token range [start, end).
    Np(usize, usize),
    /// The same speaker as an earlier quote (index into the quote list).
    Inherit(usize),
    /// No speaker.
    Nobody,
}

/// The attribution of one quoted span.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr {
    pub span: Span,
    pub who: Who,
    /// Cue token range.
    pub cue: Option<(usize, usize)>,
    pub rule: Rule,
    pub kind: QuoteKind,
}

/// The stage's output: the text's tokens and one [`Attr`] per quoted span, in text
/// order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Attribution {
    pub quotes: Vec<Attr>,
}

/// Pairs the quote marks of `toks` and attributes every quoted span.
pub(crate) fn attribute(text: &str, toks: &[Token], lex: &Lexicons) -> Attribution {
    let spans = marks::scan(text, toks);
    Attribution {
        quotes: rules::attribute(text, toks, &spans, lex),
    }
}

/// A speaker phrase and its cue, found by one rule.
struct Found {
    np: (usize, usize),
    cue: (usize, usize),
    rule: Rule,
}

impl Found {
    /// The attribution of span `sp` by this finding.
    fn attr(&self, sp: &Span, kind: QuoteKind) -> Attr {
        Attr {
            span: *sp,
            who: Who::Np(self.np.0, self.np.1),
            cue: Some(self.cue),
            rule: self.rule,
            kind,
        }
    }
}

/// What every rule reads: the text, its tokens, the lexicons, one reusable
/// lowercase buffer, and whether the text quotes in double marks.
struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    lex: &'a Lexicons,
    buf: String,
    /// The text's primary quote marks are double (`attribute` sets it from the
    /// spans: double unless single marks open most quotes).
    double_primary: bool,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, toks: &'a [Token], lex: &'a Lexicons) -> Self {
        Ctx {
            text,
            toks,
            lex,
            buf: String::with_capacity(32),
            double_primary: true,
        }
    }

    fn lower(&mut self, k: usize) -> &str {
        let t = self.toks[k];
        lower_into(&mut self.buf, &self.text[t.start()..t.end()])
    }

    fn word_in(&mut self, k: usize, list: &[&str]) -> bool {
        is_word(&self.toks[k]) && {
            let w = self.lower(k);
            in_list(list, w)
        }
    }

    fn adverb(&mut self, k: usize) -> bool {
        is_word(&self.toks[k]) && !self.toks[k].cap() && {
            let w = self.lower(k);
            is_adverb_like(w)
        }
    }

    fn cue(&mut self, k: usize, end: usize) -> Option<(usize, CueTier)> {
        cue_at(self.text, self.toks, k, end, self.lex, &mut self.buf)
    }
}
