//! The phrase walker: the run of words that a speaker phrase is cut from, walked from
//! its anchor next to a cue, forwards (`said Sen. Warren`) or backwards (`Sen. Warren
//! said`). One walker serves both directions; the rules in which they differ are a
//! [`Stops`] value.

use super::tokens::Tok;
use super::words::*;
use super::Ctx;

/// Which way a walk goes from its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dir {
    /// Rightwards from the first token after an inverted cue (`“Q,” said NAME`).
    Forward,
    /// Leftwards from the last token before a cue (`NAME said`).
    Backward,
}

/// The stop rules in which the two walks differ.
///
/// What every walk shares: it takes words, and a possessive mark with its "s"
/// ("Obama’s aide"); it stops at any other token, and, past its anchor word, at a
/// lowercase word that starts a cue and at a camel-case split (a glued word).
#[derive(Debug, Clone, Copy)]
pub(super) struct Stops {
    /// The grammar class whose words end the phrase.
    pub words: &'static [&'static str],
    /// Whether the anchor word (the first one taken) is tested against `words` too.
    pub words_at_anchor: bool,
    /// Whether a hyphen or "&" written against the word before it stays inside the
    /// phrase ("AT&T").
    pub joined_punct: bool,
    /// The most tokens a phrase keeps (those nearest the anchor).
    pub max_len: usize,
}

impl Stops {
    /// After an inverted cue: a preposition or time word ends the phrase (`said Voss
    /// on Tuesday`) unless it is the first word; the length is left to `valid_np`.
    pub(super) fn forward() -> Stops {
        Stops {
            words: &grammar().np_stop,
            words_at_anchor: false,
            joined_punct: false,
            max_len: usize::MAX,
        }
    }

    /// Before a cue: a clause word ends the phrase, the anchor included (`the plan
    /// that Voss said`); joined hyphens stay; at most 10 tokens.
    pub(super) fn backward() -> Stops {
        Stops {
            words: &grammar().boundary,
            words_at_anchor: true,
            joined_punct: true,
            max_len: 10,
        }
    }
}

impl Ctx<'_> {
    /// The far end of the phrase that a walk in `dir` takes inside [lo, hi), from
    /// `lo` forwards or from `hi` backwards: the exclusive end of a forward phrase, the
    /// start of a backward one (the anchor itself when it takes nothing).
    pub(super) fn walk(&mut self, dir: Dir, lo: usize, hi: usize, stops: &Stops) -> usize {
        let anchor = match dir {
            Dir::Forward => lo,
            Dir::Backward => hi,
        };
        let mut edge = anchor;
        loop {
            let next = match dir {
                Dir::Forward if edge < hi => edge,
                Dir::Backward if edge > lo => edge - 1,
                _ => break,
            };
            match (self.takes(dir, next, edge != anchor, hi, stops), dir) {
                (0, _) => break,
                (n, Dir::Forward) => edge += n,
                (n, Dir::Backward) => edge -= n,
            }
        }
        match dir {
            Dir::Forward => edge.min(anchor.saturating_add(stops.max_len)),
            Dir::Backward => edge.max(anchor.saturating_sub(stops.max_len)),
        }
    }

    /// How many tokens the walk takes at token `k` (0: the phrase ends before it);
    /// `started` when the phrase already holds a token, `hi` the end of the range.
    fn takes(&mut self, dir: Dir, k: usize, started: bool, hi: usize, stops: &Stops) -> usize {
        let t = self.toks[k];
        match t.kind {
            Tok::Word => {
                // of two neighbours the later one carries the glued flag
                let later = match dir {
                    Dir::Forward => k,
                    Dir::Backward => k + 1,
                };
                let stop = (started && self.toks[later].glued())
                    || ((started || stops.words_at_anchor)
                        && self.word_in(k, stops.words)
                        && !self.surname(k))
                    || (started && !t.cap() && self.cue(k, hi).is_some());
                usize::from(!stop)
            }
            // a possessive mark and its "s": a backward walk has taken the "s" already,
            // as a word
            Tok::Single if k + 1 < hi && self.is_s(k + 1) => match dir {
                Dir::Forward => 2,
                Dir::Backward => 1,
            },
            Tok::Punct
                if stops.joined_punct
                    && (punct_is(self.text, &t, "-") || punct_is(self.text, &t, "&"))
                    && k >= 1
                    && self.toks[k - 1].end() == t.start() =>
            {
                1
            }
            _ => 0,
        }
    }

    /// Is token `k` the word "s" (of a split possessive)?
    fn is_s(&self, k: usize) -> bool {
        let t = self.toks[k];
        is_word(&t) && t.text(self.text).eq_ignore_ascii_case("s")
    }
}
