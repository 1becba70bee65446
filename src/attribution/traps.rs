//! Formats and traps: transcript labels (F2), a lost closing mark (H9), and what only
//! looks like a quote: titles of works and nicknames (H2, H3).

use super::marks::Span;
use super::rules::Region;
use super::tokens::Tok;
use super::words::*;
use super::{Attr, Ctx, Found, Who};
use crate::{QuoteKind, Rule};

impl Ctx<'_> {
    /// F2: a transcript speaker label opens the quote (`“PENCE: Well, look …`).
    pub(super) fn transcript_label(&mut self, sp: &Span) -> Option<Attr> {
        let (text, toks) = (self.text, self.toks);
        let mut k = sp.open + 1;
        while k < toks.len()
            && k < sp.open + 4
            && toks[k].para() == sp.para
            && is_word(&toks[k])
            && toks[k].text(text).chars().count() >= 2
            && toks[k].text(text).chars().all(|c| !c.is_lowercase())
            && toks[k].text(text).chars().any(char::is_uppercase)
        {
            k += 1;
        }
        if k > sp.open + 1 && k < toks.len() && punct_is(text, &toks[k], ":") {
            return Some(Attr {
                span: *sp,
                who: Who::Np(sp.open + 1, k),
                cue: Some((k, k + 1)),
                rule: Rule::F2,
                kind: QuoteKind::Direct,
            });
        }
        None
    }

    /// H9: the closing mark was lost and the attribution sits inside the unclosed
    /// quote's last sentence (`"…, said Kessel.` to the paragraph end).
    pub(super) fn lost_close(&mut self, sp: &Span, r: &Region) -> Option<Attr> {
        let toks = self.toks;
        if !(sp.close.is_none() && r.eff_close.is_none()) {
            return None;
        }
        let mut hi = sp.open + 1;
        while hi < toks.len() && toks[hi].para() == sp.para {
            hi += 1;
        }
        let end = if hi > sp.open + 1 && toks[hi - 1].term() {
            hi - 1
        } else {
            hi
        };
        let f = self.late(sp.open + 1, end)?;
        if (f.cue.1..end).any(|k| toks[k].term())
            || (f.np.0..end).any(|k| toks[k].kind == Tok::Double)
        {
            return None;
        }
        Some(
            Found {
                rule: Rule::H9,
                ..f
            }
            .attr(sp, QuoteKind::Direct),
        )
    }

    /// Is span `sp` opened by a single mark (`‘`, `'`)?
    pub(super) fn single_marked(&self, sp: &Span) -> bool {
        matches!(self.toks[sp.open].text(self.text), "‘" | "'")
    }

    /// A paragraph that is one quote in single marks and not the text's first line
    /// (its headline), in a text whose quotes are in double marks: a subheading that
    /// quotes the story (`'A really tough decision.'`), not speech of its own (H2).
    pub(super) fn is_subheading(&self, sp: &Span) -> bool {
        let toks = self.toks;
        let Some(close) = sp.close else { return false };
        let opens_para = sp.open == 0 || toks[sp.open - 1].para() != sp.para;
        let ends_para = close + 1 == toks.len() || toks[close + 1].para() != sp.para;
        self.double_primary
            && self.single_marked(sp)
            && opens_para
            && ends_para
            && toks[0].para() != sp.para
    }

    /// A short Title Case quote after a preposition, a possessive or a genre noun, or
    /// any Title Case phrase of two words or more in single marks (a headline, a
    /// subheading or a title in American copy: `'All Bets Are Off.'`).
    pub(super) fn is_title(&mut self, lo: usize, sp: &Span) -> bool {
        let Some(close) = sp.close else { return false };
        let single_marks = self.single_marked(sp);
        if single_marks
            && self
                .title_case_words(sp.open + 1, close)
                .is_some_and(|w| w >= 2)
        {
            return true;
        }
        if sp.open <= lo {
            return false;
        }
        let prev = sp.open - 1;
        // a genre noun right before, or before a comma (`his 2012 book, ''An American Son.''`)
        let prev_ok = self.word_in(prev, &grammar().title_before)
            || (prev > lo
                && punct_is(self.text, &self.toks[prev], ",")
                && (self.word_in(prev - 1, &grammar().title_before)
                    || self.word_in(prev - 1, &grammar().title_appositions)));
        // any Title Case fragment inside a sentence (after a word, not after `:` or `,`)
        // that does not exclaim or ask
        let last_inner = self.toks[close - 1];
        let exclaims = last_inner.kind == Tok::Punct
            && matches!(&self.text[last_inner.start()..last_inner.end()], "!" | "?");
        let mid_sentence = is_word(&self.toks[prev]) || self.toks[prev].kind == Tok::Single;
        if !(prev_ok || (mid_sentence && !exclaims)) {
            return false;
        }
        // a subtitle after a colon makes a title longer (`“Backfire: Carly Fiorina's
        // High-Stakes Battle for the Soul of Hewlett-Packard”`)
        let most = if self.has_subtitle(sp.open + 1, close) {
            16
        } else {
            7
        };
        self.title_case_words(sp.open + 1, close)
            .is_some_and(|words| (1..=most).contains(&words))
    }

    /// Is there a colon inside tokens [s, close), after a word and before a
    /// capitalised word (a title's subtitle: `The Fixers: Eddie Mannix, …`)?
    fn has_subtitle(&self, s: usize, close: usize) -> bool {
        (s + 1..close.saturating_sub(1)).any(|k| {
            punct_is(self.text, &self.toks[k], ":")
                && is_word(&self.toks[k - 1])
                && is_word(&self.toks[k + 1])
                && self.toks[k + 1].cap()
        })
    }

    /// The number of words of tokens [s, close) when they read as Title Case (capitalised
    /// or numeric words, small function words after the first, light punctuation).
    pub(super) fn title_case_words(&mut self, s: usize, close: usize) -> Option<usize> {
        let mut words = 0;
        for k in s..close {
            let t = self.toks[k];
            match t.kind {
                Tok::Word => {
                    words += 1;
                    let numeric = t
                        .text(self.text)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_numeric());
                    if !(t.cap()
                        || numeric
                        || (words > 1 && self.word_in(k, &grammar().title_small_words)))
                    {
                        return None;
                    }
                }
                Tok::Punct
                    if !matches!(
                        &self.text[t.start()..t.end()],
                        "." | ":" | "," | "!" | "?" | "&" | "-"
                    ) =>
                {
                    return None;
                }
                _ => {}
            }
        }
        Some(words)
    }

    /// `H3` for a nickname (`Tomasz “Tom” Lind`, `known as “Big Mike”`), else `H2`.
    pub(super) fn title_rule(&mut self, sp: &Span) -> Rule {
        let prev_cap =
            sp.open > 0 && is_word(&self.toks[sp.open - 1]) && self.toks[sp.open - 1].cap();
        let next_cap = sp.close.is_some_and(|c| {
            c + 1 < self.toks.len() && is_word(&self.toks[c + 1]) && self.toks[c + 1].cap()
        });
        let naming = sp.open > 0 && self.word_in(sp.open - 1, &grammar().title_intros);
        if (prev_cap && next_cap) || naming {
            Rule::H3
        } else {
            Rule::H2
        }
    }

    pub(super) fn question_or_bang(&self, close_tok: usize) -> bool {
        close_tok > 0 && {
            let t = self.toks[close_tok - 1];
            t.kind == Tok::Punct && matches!(&self.text[t.start()..t.end()], "?" | "!")
        }
    }
}
