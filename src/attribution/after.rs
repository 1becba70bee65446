//! Attribution after the closing mark: `“Q,” NAME said`, `“Q,” said NAME`, `— NAME`,
//! a later comma (`“Q” CLAUSE, NAME said`) and bare past-tense verbs.

use super::marks::Span;
use super::rules::{ends_intro, ends_with_period, Region};
use super::tokens::Tok;
use super::words::*;
use super::{Attr, Ctx, Found};
use crate::lexicon::CueTier;
use crate::{QuoteKind, Rule};

impl Ctx<'_> {
    /// Attribution after the closing mark (the first rule family); the kind says
    /// where the quote stands in its sentence.
    pub(super) fn after_quote(&mut self, sp: &Span, r: &Region) -> Option<Attr> {
        let (text, toks) = (self.text, self.toks);
        let c = r.eff_close?;
        let sent_end = ends_with_period(text, toks, c);
        let f = self.after(r.a_lo, r.a_hi, r.inner_punct, c, sent_end)?;
        let kind =
            if r.sentence_start || (!r.after_prev_quote && ends_intro(text, toks, r.lo, sp.open)) {
                QuoteKind::Direct
            } else if r.after_prev_quote {
                QuoteKind::Continuation
            } else {
                QuoteKind::Partial
            };
        Some(f.attr(sp, kind))
    }

    /// After the closing mark: `“Q,” NAME said` / `“Q,” said NAME` / `— NAME` / `according to`.
    pub(super) fn after(
        &mut self,
        lo: usize,
        hi: usize,
        inner_punct: bool,
        q_end_tok: usize,
        sent_end: bool,
    ) -> Option<Found> {
        let text = self.text;
        let mut i = lo;
        while i < hi && self.toks[i].kind == Tok::Single {
            i += 1;
        }
        if i >= hi {
            return None;
        }
        if is_dash(text, &self.toks[i]) && inner_punct {
            return self.dash_signature(i, hi);
        }
        if sent_end {
            return self.stop_for_comma(i, hi);
        }
        let comma_after = punct_is(text, &self.toks[i], ",");
        if comma_after {
            i += 1;
        }
        if !(inner_punct || comma_after) {
            // `“Q” NAME said.` (the comma left out), else a later attribution
            return self
                .stop_for_comma(i, hi)
                .or_else(|| self.comma_left_out(i, hi))
                .or_else(|| self.inverted_comma_left_out(i, hi))
                .or_else(|| self.late(i, hi));
        }
        // “Q,” as NAME put it / as NAME said
        if i < hi && self.word_in(i, &["as"]) {
            i += 1;
        }
        if let Some(f) = self.inverted(i, hi) {
            return Some(f);
        }
        self.subject_then_cue(i, hi, q_end_tok)
    }

    /// F1: a dash signature after the quote (`“Q.” — NAME`).
    fn dash_signature(&mut self, i: usize, hi: usize) -> Option<Found> {
        let s = i + 1;
        let mut e = s;
        while e < hi && is_word(&self.toks[e]) {
            e += 1;
        }
        if e > s && self.toks[s].cap() {
            return Some(Found {
                np: (s, e),
                cue: (i, i + 1),
                rule: Rule::F1,
            });
        }
        None
    }

    /// `“Q.” NAME said.` (a comma typed as a full stop) or `“Q” NAME said.` (left out):
    /// only a short, complete clause.
    fn stop_for_comma(&mut self, i: usize, hi: usize) -> Option<Found> {
        let short = hi - i <= 5 && hi < self.toks.len() && self.toks[hi].term();
        if !short {
            return None;
        }
        let k = (i + 1..hi).find(|&k| self.cue(k, hi).is_some())?;
        let (ce, _) = self.cue(k, hi)?;
        if ce == hi && self.valid_np(i, k) && self.segment_np(i, k).is_some() {
            return Some(Found {
                np: (i, k),
                cue: (k, ce),
                rule: Rule::A1,
            });
        }
        None
    }

    /// `“Q” Sweeny said after an event …`: a name of up to three words and a verb of
    /// saying right after the closing mark, whatever follows them.
    fn comma_left_out(&mut self, i: usize, hi: usize) -> Option<Found> {
        let k = (i + 1..hi.min(i + 4)).find(|&k| !self.toks[k].cap())?;
        let (ce, tier) = self.cue(k, hi)?;
        let named = self.toks[i].cap() && self.segment_np(i, k) == Some((i, k));
        (named && tier == CueTier::Speech).then_some(Found {
            np: (i, k),
            cue: (k, ce),
            rule: Rule::A1,
        })
    }

    /// `“Q” said Nick Merrill, a spokesman.` (the comma left out): a verb of saying
    /// right after the closing mark, then a capitalised speaker phrase.
    fn inverted_comma_left_out(&mut self, i: usize, hi: usize) -> Option<Found> {
        let (_, tier) = self.cue(i, hi)?;
        let f = self.inverted(i, hi)?;
        let named = f.cue.0 == i && self.toks[f.np.0].cap() && !self.is_pronoun(f.np);
        (tier == CueTier::Speech && named).then_some(f)
    }

    /// Inversion: `“Q,” said NAME` / `“Q,” according to NAME` (adverbs allowed around
    /// the cue).
    fn inverted(&mut self, i: usize, hi: usize) -> Option<Found> {
        let text = self.text;
        let mut adv = false;
        let mut i2 = i;
        while i2 < hi && self.adverb(i2) {
            i2 += 1;
            adv = true;
        }
        let inverted = self
            .cue(i2, hi)
            .filter(|_| {
                !self.toks[i2].text(self.text).ends_with("ing")
                    || self.toks[i2]
                        .text(self.text)
                        .eq_ignore_ascii_case("according")
            })
            .and_then(|(ce, _)| {
                let mut j = ce;
                while j < hi && self.adverb(j) {
                    j += 1;
                }
                self.np_forward(j, hi).map(|np| (ce, j > ce, np))
            });
        let (ce, adv2, np) = inverted?;
        let according = self.word_in(i2, &["according"]);
        adv |= adv2;
        let rule = if according {
            Rule::B4
        } else if np.1 < hi && punct_is(text, &self.toks[np.1], ",") {
            Rule::A4
        } else if self.is_pronoun(np) {
            Rule::A7
        } else if adv {
            Rule::A10
        } else {
            Rule::A2
        };
        Some(Found {
            np,
            cue: (i2, ce),
            rule,
        })
    }

    /// `“Q,” NAME … said`: the speaker phrase before the first cue of the region.
    fn subject_then_cue(&mut self, i: usize, hi: usize, q_end_tok: usize) -> Option<Found> {
        let text = self.text;
        // NAME ... said
        let lim = hi.min(i + 40);
        let mut k = i;
        let mut cue = None;
        while k < lim {
            if let Some((ce, _)) = self.cue(k, hi) {
                cue = Some((k, ce));
                break;
            }
            k += 1;
        }
        let Some((cs, ce)) = cue else {
            return self.late(i, hi).or_else(|| self.bare_verb(i, hi));
        };
        let mut seg_end = cs;
        let mut aux = false;
        while seg_end > i && self.adverb(seg_end - 1) {
            seg_end -= 1;
            aux = true;
        }
        let mut comma = None;
        for m in i..seg_end {
            if punct_is(text, &self.toks[m], ",") {
                comma = Some(m);
                break;
            }
        }
        let mut np_end = comma.unwrap_or(seg_end);
        // NAME (PARTY-STATE) said
        if let Some(p) = (i + 1..np_end).find(|&m| punct_is(text, &self.toks[m], "(")) {
            np_end = p;
        }
        // no verbs inside the phrase: a cue-less clause between is not a speaker phrase
        // (a clause before the comma, `as his father dreamed, Mr. Turry said`, is not one)
        let clause = comma.is_some()
            && (i + 1..np_end).any(|m| {
                is_word(&self.toks[m]) && !self.toks[m].cap() && self.lower(m).ends_with("ed")
            });
        if clause || !self.valid_np(i, np_end) || (comma.is_none() && np_end - i > 8) {
            return self.late(i, hi);
        }
        let rule = self.subject_rule((i, np_end), (cs, ce), hi, comma.is_some(), aux, q_end_tok);
        Some(Found {
            np: (i, np_end),
            cue: (cs, ce),
            rule,
        })
    }

    /// The rule of a `“Q,” NAME said` attribution: what the phrase and the cue are.
    fn subject_rule(
        &mut self,
        np: (usize, usize),
        cue: (usize, usize),
        hi: usize,
        comma: bool,
        aux: bool,
        q_end_tok: usize,
    ) -> Rule {
        let ((i, np_end), (cs, ce)) = (np, cue);
        let cue_aux = self.adverb(cs) || (cs..ce).any(|m| self.word_in(m, &["quoted"]));
        let aux = aux || cue_aux;
        let has_aux = cue_aux || aux && (i..cs).any(|m| self.word_in(m, &grammar().subject_aux));
        if self.word_in(cs, &["according"]) {
            Rule::B4
        } else if self.is_pronoun((i, np_end)) {
            Rule::A7
        } else if comma {
            Rule::A3
        } else if has_aux || self.word_in(cs, &["quoted"]) {
            Rule::A13
        } else if aux {
            Rule::A10
        } else if self.question_or_bang(q_end_tok) {
            Rule::A9
        } else if self.starts_with_title(i, np_end) {
            Rule::A5
        } else if self.is_org((i, np_end)) {
            Rule::A11
        } else if self.is_nominal((i, np_end)) {
            if self.is_plural((i, np_end)) {
                Rule::A12
            } else {
                Rule::A6
            }
        } else if ce < hi && is_word(&self.toks[ce]) {
            Rule::A8
        } else {
            Rule::A1
        }
    }

    /// `“Q,” NAME VERBed.` / `“Q,” VERBed NAME.` with a past-tense verb not in the cue
    /// lexicon ("he surmised", "the audience screamed back"): the slot itself says it
    /// is speech, when the clause is that short.
    pub(super) fn bare_verb(&mut self, i: usize, hi: usize) -> Option<Found> {
        let is_verb = |cx: &mut Self, k: usize| {
            is_word(&cx.toks[k]) && !cx.toks[k].cap() && {
                let w = cx.lower(k);
                w.len() > 4 && w.ends_with("ed") && !in_list(&grammar().aux, w)
            }
        };
        let tail_ok =
            |cx: &mut Self, k: usize| (k..hi).all(|m| cx.word_in(m, &grammar().cue_tails));
        if hi <= i || hi - i > 7 {
            return None;
        }
        // “Q,” VERBed NAME.
        if is_verb(self, i) {
            if let Some(np) = self.np_forward(i + 1, hi) {
                if (np.1 == hi || punct_is(self.text, &self.toks[np.1], ","))
                    && (self.toks[np.0].cap() || self.is_nominal(np))
                {
                    return Some(Found {
                        np,
                        cue: (i, i + 1),
                        rule: Rule::A2,
                    });
                }
            }
            return None;
        }
        // “Q,” NAME VERBed.
        let k = (i + 1..hi).find(|&k| is_verb(self, k))?;
        if tail_ok(self, k + 1) && self.valid_np(i, k) && self.segment_np(i, k).is_some() {
            let rule = if self.is_pronoun((i, k)) {
                Rule::A7
            } else {
                Rule::A1
            };
            return Some(Found {
                np: (i, k),
                cue: (k, k + 1),
                rule,
            });
        }
        None
    }

    /// `“Q” CLAUSE, NAME said.`: an attribution at a later comma of the sentence.
    pub(super) fn late(&mut self, i: usize, hi: usize) -> Option<Found> {
        let text = self.text;
        let mut m = i;
        while m < hi {
            if !punct_is(text, &self.toks[m], ",") {
                m += 1;
                continue;
            }
            let j = m + 1;
            if let Some((ce, _)) = self.cue(j, hi) {
                if !self.word_in(j, &["according"]) {
                    if let Some(np) = self.np_forward(ce, hi) {
                        return Some(Found {
                            np,
                            cue: (j, ce),
                            rule: Rule::D1,
                        });
                    }
                }
            }
            // NP (no comma, at most 6 tokens) then a cue
            let mut k = j;
            while k < hi && k < j + 7 && is_word(&self.toks[k]) {
                if k > j {
                    if let Some((ce, _)) = self.cue(k, hi) {
                        let mut e = k;
                        while e > j && self.adverb(e - 1) {
                            e -= 1;
                        }
                        if self.valid_np(j, e) && self.segment_np(j, e).is_some() {
                            // the cue must end the clause
                            let tail_ok = ce >= hi
                                || !is_word(&self.toks[ce])
                                || self.word_in(ce, &grammar().np_stop)
                                || self.word_in(ce, &grammar().late_cue_complements);
                            if tail_ok {
                                return Some(Found {
                                    np: (j, e),
                                    cue: (k, ce),
                                    rule: Rule::D1,
                                });
                            }
                        }
                        break;
                    }
                }
                k += 1;
            }
            m += 1;
        }
        None
    }
}
