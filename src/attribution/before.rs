//! Attribution before the opening mark: `NAME said: “Q”`, `According to NAME, “Q”`,
//! an embedded fragment (`NAME called it “Q”`), a nominal cue (`her remark that “Q”`)
//! and the sentence before a quote.

use super::marks::Span;
use super::rules::Region;
use super::tokens::Tok;
use super::words::*;
use super::{Attr, Ctx, Found, Who};
use crate::{QuoteKind, Rule};

impl Ctx<'_> {
    /// Attribution before the opening mark (same sentence); after another quote of
    /// the sentence that the same cue attributes, it makes the span continue that one
    /// (C1), as does one in a subordinate clause (`X said Trump was “right” when he
    /// said that “Q”`). A cue of its own (`to act “presidential,” but Trump said he
    /// responded: “Q”`) gives the span its own speaker.
    pub(super) fn before_quote(
        &mut self,
        sp: &Span,
        r: &Region,
        out: &[Attr],
        qi: usize,
    ) -> Option<Attr> {
        let (f, embedded) = self.before(r.lo, sp.open)?;
        let same_cue = qi > 0 && out[qi - 1].cue.map_or(true, |c| c == f.cue);
        let subordinate = self.word_in(r.lo, &grammar().subordinators);
        if r.after_prev_quote && !embedded && (same_cue || subordinate) {
            // C1: “Q1,” NAME said, “Q2.”: the second piece continues the first
            return Some(Attr {
                span: *sp,
                who: Who::Inherit(qi - 1),
                cue: Some(f.cue),
                rule: Rule::C1,
                kind: QuoteKind::Continuation,
            });
        }
        let kind = if embedded {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        };
        Some(f.attr(sp, kind))
    }

    /// Format 2: the previous paragraph ends with a colon introduction.
    pub(super) fn colon_paragraph(&mut self, sp: &Span, r: &Region) -> Option<Attr> {
        let (text, toks) = (self.text, self.toks);
        if !(r.at_para_start && sp.open > 0) {
            return None;
        }
        let pl = sp.open - 1;
        let pt = toks[pl];
        if !punct_is(text, &pt, ":") {
            return None;
        }
        let mut plo = pl;
        while plo > 0 {
            let t = toks[plo - 1];
            if t.para() != pt.para() || t.term() || t.kind == Tok::Double {
                break;
            }
            plo -= 1;
        }
        let (f, _) = self.before(plo, sp.open)?;
        let rule = if f.rule == Rule::B5 {
            Rule::B5
        } else {
            Rule::B2
        };
        Some(Found { rule, ..f }.attr(sp, QuoteKind::Direct))
    }

    /// D4: a nominal cue before the quote: `her remark that “Q”`, `Moss’s warning
    /// that costs could “Q”`, `his catch phrase: “Q”`. The speaker is the possessor,
    /// else the subject of the clause.
    pub(super) fn nominal_cue(&mut self, lo: usize, open: usize) -> Option<Found> {
        let mut k = open;
        while k > lo && open - k < 12 {
            k -= 1;
            if !self.word_in(k, &grammar().speech_nouns) {
                continue;
            }
            // the noun must lead to the quote: `NOUN that`, `NOUN:`, `NOUN,` or right before it
            let next = k + 1;
            let leads = next == open
                || self.word_in(next, &grammar().cue_noun_complements)
                || (self.toks[next].kind == Tok::Punct
                    && matches!(
                        &self.text[self.toks[next].start()..self.toks[next].end()],
                        ":" | ","
                    ));
            if !leads {
                return None;
            }
            // possessor: his/her/their/its, or NAME ’s, right before (adjectives allowed)
            let mut p = k;
            while p > lo
                && p + 3 > k
                && is_word(&self.toks[p - 1])
                && !self.toks[p - 1].cap()
                && !(p >= 2 && self.toks[p - 2].kind == Tok::Single)
            {
                if self.word_in(p - 1, &grammar().possessives) {
                    return Some(Found {
                        np: (p - 1, p),
                        cue: (k, k + 1),
                        rule: Rule::D4,
                    });
                }
                p -= 1;
            }
            if p >= lo + 2
                && self.toks[p - 1].text(self.text).eq_ignore_ascii_case("s")
                && self.toks[p - 2].kind == Tok::Single
            {
                let e = p - 2;
                let mut s = e;
                while s > lo && is_word(&self.toks[s - 1]) && self.toks[s - 1].cap() {
                    s -= 1;
                }
                if s < e {
                    return Some(Found {
                        np: (s, e),
                        cue: (k, k + 1),
                        rule: Rule::D4,
                    });
                }
            }
            return self.clause_subject(lo, k).map(|np| Found {
                np,
                cue: (k, k + 1),
                rule: Rule::D4,
            });
        }
        None
    }

    /// `“Q,” NAME VERBed.` / `“Q,” VERBed NAME.` with a past-tense verb not in the cue
    /// lexicon ("he surmised", "the audience screamed back"): the slot itself says it
    /// `NAME said (that) …`. `None` when that sentence holds a quote or has no cue.
    pub(super) fn prev_sentence_speaker(&mut self, open: usize) -> Option<Found> {
        if open == 0 {
            return None;
        }
        let term = self.toks[open - 1];
        if !term.term() {
            return None;
        }
        if term.para() + 1 < self.toks[open].para() {
            return None;
        }
        let hi = open - 1;
        let mut lo = hi;
        while lo > 0 && !self.toks[lo - 1].term() && self.toks[lo - 1].para() == term.para() {
            if self.toks[lo - 1].kind == Tok::Double {
                return None;
            }
            lo -= 1;
        }
        if let Some(f) = self.late(lo, hi) {
            return Some(f);
        }
        for c in lo..hi {
            if let Some((ce, _)) = self.cue(c, hi) {
                if self.word_in(c, &["according"]) {
                    continue;
                }
                if let Some(np) = self.np_backward(lo, c) {
                    return Some(Found {
                        np,
                        cue: (c, ce),
                        rule: Rule::B7,
                    });
                }
            }
        }
        None
    }

    /// Before the opening mark: `NAME said: “Q”`, `According to NAME, “Q”`, or an
    /// embedded fragment `NAME said the plan was “Q”`. Returns the finding and whether
    /// the quote is embedded in the sentence (partial).
    pub(super) fn before(&mut self, lo: usize, open: usize) -> Option<(Found, bool)> {
        let text = self.text;
        let lo = lo.max(open.saturating_sub(2 * WINDOW));
        if lo >= open {
            return None;
        }
        let last = self.toks[open - 1];
        let intro = last.kind == Tok::Punct && matches!(&text[last.start()..last.end()], ":" | ",");
        let colon = intro && &text[last.start()..last.end()] == ":";
        if let Some(f) = self.according_to(lo, open, intro) {
            return Some(f);
        }
        let (cue, np_found, bare) = self.last_cue(lo, open);
        if cue.is_none() {
            if let Some(f) = self.nominal_cue(lo, open) {
                return Some((f, !intro));
            }
        }
        if cue.is_none() && intro {
            // `Said NAME, “Q”` / `explained NAME: “Q”`: an inverted cue
            if let Some((cs, ce)) = bare {
                if let Some(f) = self.inverted_intro((cs, ce), open, colon) {
                    return Some(f);
                }
            }
        }
        if let Some((cs, ce)) = cue {
            return self.with_cue(lo, open, (cs, ce), np_found, intro, colon);
        }
        if colon {
            return self.colon_intro(lo, open);
        }
        None
    }

    /// `According to NAME, “Q”` at the start of the region.
    fn according_to(&mut self, lo: usize, open: usize, intro: bool) -> Option<(Found, bool)> {
        let text = self.text;
        if !(self.word_in(lo, &["according"]) && lo + 1 < open && self.word_in(lo + 1, &["to"])) {
            return None;
        }
        let mut e = lo + 2;
        while e < open && !punct_is(text, &self.toks[e], ",") {
            e += 1;
        }
        let found = Found {
            np: (lo + 2, e),
            cue: (lo, lo + 2),
            rule: Rule::B4,
        };
        self.valid_np(lo + 2, e).then_some((found, !intro))
    }

    /// The last cue before the mark whose subject is found (with that subject), or
    /// "according"; and the last cue without a subject (a `bare` inverted one).
    #[allow(clippy::type_complexity)]
    fn last_cue(
        &mut self,
        lo: usize,
        open: usize,
    ) -> (
        Option<(usize, usize)>,
        Option<(usize, usize)>,
        Option<(usize, usize)>,
    ) {
        // the last cue before the mark whose subject is found
        let mut c = open;
        let mut cue = None;
        let mut np_found = None;
        let mut bare = None;
        while c > lo {
            c -= 1;
            if let Some((ce, _)) = self.cue(c, open) {
                if self.word_in(c, &["according"]) {
                    cue = Some((c, ce));
                    break;
                }
                if let Some(np) = self.np_backward(lo, c) {
                    cue = Some((c, ce));
                    np_found = Some(np);
                    break;
                }
                if bare.is_none() || c == lo {
                    bare = Some((c, ce));
                }
            }
        }
        (cue, np_found, bare)
    }

    /// The attribution by the cue `(cs, ce)` before the mark (its subject `np_found`):
    /// B1–B4 after an introduction, D1–D3 for an embedded fragment.
    fn with_cue(
        &mut self,
        lo: usize,
        open: usize,
        (cs, ce): (usize, usize),
        np_found: Option<(usize, usize)>,
        intro: bool,
        colon: bool,
    ) -> Option<(Found, bool)> {
        let text = self.text;
        if self.word_in(cs, &["according"]) {
            let mut e = ce;
            while e < open && !punct_is(text, &self.toks[e], ",") {
                e += 1;
            }
            if self.valid_np(ce, e) {
                return Some((
                    Found {
                        np: (ce, e),
                        cue: (cs, ce),
                        rule: Rule::B4,
                    },
                    !intro,
                ));
            }
            return None;
        }
        let np = match np_found {
            Some(np) if !intro => self.trim_object(np),
            Some(np) => np,
            // inverted cue before the introduction: `said NAME: “Q”`
            None if intro => return self.inverted_intro((cs, ce), open, colon),
            None => return None,
        };
        let rule = if intro {
            if colon {
                if np.0 > lo {
                    Rule::B3
                } else {
                    Rule::B2
                }
            } else {
                Rule::B1
            }
        } else if self.word_in(cs, &grammar().naming_verbs) {
            // `Voss assails what he calls “Q”`: the pronoun of a relative naming
            // clause is the sentence's subject, the speaker named there
            if let Some(subject) = self.naming_clause_subject(lo, np) {
                return Some((
                    Found {
                        np: subject,
                        cue: (cs, ce),
                        rule: Rule::D2,
                    },
                    true,
                ));
            }
            Rule::D2
        } else if self.word_in(cs, &grammar().describing_verbs) {
            Rule::D3
        } else {
            Rule::D1
        };
        Some((
            Found {
                np,
                cue: (cs, ce),
                rule,
            },
            !intro,
        ))
    }

    /// The subject of the sentence when speaker phrase `np` is the pronoun of a
    /// relative naming clause (`what he calls`, `whom she called`) and the sentence
    /// opens with a noun phrase that is no pronoun.
    fn naming_clause_subject(&mut self, lo: usize, np: (usize, usize)) -> Option<(usize, usize)> {
        let relative = np.0 > lo && self.word_in(np.0 - 1, &["what", "whom", "which"]);
        if !(relative && self.is_pronoun(np)) {
            return None;
        }
        let subject = self.leading_np(lo, np.0 - 1)?;
        // a name or a role (`The president`), not any opening phrase (`A week`)
        let named = (subject.0..subject.1).any(|k| {
            self.name_word(k) || {
                let w = self.lower(k).to_owned();
                self.lex.role(&w).is_some()
            }
        });
        (named && !self.is_pronoun(subject)).then_some(subject)
    }

    /// An inverted cue before an introduction (`Said NAME, “Q”`, `explained NAME:
    /// “Q”`): the phrase after the cue, B2 before a colon, else B1.
    fn inverted_intro(
        &mut self,
        (cs, ce): (usize, usize),
        open: usize,
        colon: bool,
    ) -> Option<(Found, bool)> {
        let np = self.np_forward(ce, open - 1)?;
        let rule = if colon { Rule::B2 } else { Rule::B1 };
        Some((
            Found {
                np,
                cue: (cs, ce),
                rule,
            },
            false,
        ))
    }

    /// B5: a colon introduction without a speech verb; the speaker is the leading name
    /// of the last clause before the colon, or the subject of the sentence.
    fn colon_intro(&mut self, lo: usize, open: usize) -> Option<(Found, bool)> {
        let np = self.colon_speaker(lo, open)?;
        let found = Found {
            np,
            cue: (open - 1, open),
            rule: Rule::B5,
        };
        Some((found, false))
    }

    /// The speaker phrase of a B5 colon introduction whose colon is token `open - 1`.
    fn colon_speaker(&mut self, lo: usize, open: usize) -> Option<(usize, usize)> {
        let text = self.text;
        // the last clause before the colon
        let mut s = open - 1;
        while s > lo && !punct_is(text, &self.toks[s - 1], ",") && !is_dash(text, &self.toks[s - 1])
        {
            s -= 1;
        }
        if let Some(np) = self.source_after_preposition(s, open - 1) {
            return Some(np);
        }
        let mut e = s;
        while e < open - 1 && is_word(&self.toks[e]) && (self.toks[e].cap() || e == s) {
            e += 1;
        }
        let w = self.lower(s).to_owned();
        if self.lex.pronoun(&w).is_some() && w != "it" && w != "who" {
            return Some((s, s + 1));
        }
        // its leading name
        let lower_single = e == s + 1 && !self.toks[s].cap();
        if e > s
            && !lower_single
            && self.valid_np(s, e)
            && (!self.lex.is_stop_word(self.toks[s].text(text)) || self.surname(s))
        {
            return Some((s, e));
        }
        // `…, a familiar voice celebrated the attacks: “Q”`: a clause of its own after
        // the comma, its subject a determiner's phrase and then its verb
        if s > lo && self.word_in(s, &grammar().determiners) {
            if let Some(np) = self.clause_np(s, open - 1) {
                return Some(np);
            }
        }
        // `Senate Majority Leader X delivered a blunt message to Trump: “Q”`: the
        // subject of the sentence
        self.leading_np(lo, open - 1).filter(|np| np.1 - np.0 <= 8)
    }

    /// The subject of a clause that opens at `s` with a determiner's phrase of at most
    /// six words followed by a lowercase word that is no pronoun (its verb).
    fn clause_np(&mut self, s: usize, hi: usize) -> Option<(usize, usize)> {
        let mut np = self
            .leading_np(s, hi)
            .filter(|np| np.0 == s && np.1 - np.0 <= 6)?;
        // `a familiar voice spoke up`: the phrase's last word is the verb of a particle
        // after it (`verb_particles`), unless it is a role or a name (`the old senator
        // back home`)
        if np.1 - np.0 > 2 && np.1 < hi && self.word_in(np.1, &grammar().verb_particles) {
            let last = self.lower(np.1 - 1).to_owned();
            if !self.toks[np.1 - 1].cap() && self.lex.role(&last).is_none() {
                np.1 -= 1;
            }
        }
        let verb = np.1 < hi
            && is_word(&self.toks[np.1])
            && !self.toks[np.1].cap()
            && !self.is_pronoun((np.1, np.1 + 1));
        verb.then_some(np)
    }

    /// `More from Voss: “Q”`, `- Via the report: “Q”`: the clause [s, colon) opens with
    /// one or two words of `colon_source_openers` and the rest is a short phrase naming
    /// a source (a name, a pronoun or a role noun such as "the report").
    fn source_after_preposition(&mut self, s: usize, colon: usize) -> Option<(usize, usize)> {
        let mut p = s;
        while p < colon && p < s + 2 && self.word_in(p, &grammar().colon_source_openers) {
            p += 1;
        }
        if p == s || p >= colon || colon - p > 6 || !self.valid_np(p, colon) {
            return None;
        }
        let head = self.lower(colon - 1).to_owned();
        let source = self.name_word(p)
            || self.lex.role(&head).is_some()
            || (colon - p == 1 && self.lex.pronoun(&head).is_some());
        source.then_some((p, colon))
    }
}
