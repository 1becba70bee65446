//! Continuations: a quote with no cue in its sentence takes the speaker of an earlier
//! quote (C2–C5) or of the sentence before it (B7); another fragment of an attributed
//! sentence takes that sentence's speaker.

use super::marks::Span;
use super::rules::Region;
use super::words::is_word;
use super::{Attr, Ctx, Who};
use crate::lexicon::grammar;
use crate::{QuoteKind, Rule};

impl Ctx<'_> {
    /// The continuation rules, in order: another fragment of the same sentence, B7,
    /// then C3, C2, C5 and C4.
    pub(super) fn carry(
        &mut self,
        sp: &Span,
        r: &Region,
        out: &[Attr],
        qi: usize,
        last_attributed: Option<usize>,
    ) -> Option<Attr> {
        // 2c. another quoted fragment of the same sentence: same speaker
        if r.after_prev_quote && out[qi - 1].who != Who::Nobody {
            let pa = out[qi - 1];
            return Some(Attr {
                span: *sp,
                who: Who::Inherit(qi - 1),
                cue: pa.cue,
                rule: pa.rule,
                kind: QuoteKind::Partial,
            });
        }
        let standalone = self.standalone(sp, r);
        // 3a. B7: the sentence before reports the speaker ("Trump isn't a conservative,
        // he said. “He's a liberal!”"); not when that sentence holds a quote
        if r.sentence_start && !sp.continues && standalone {
            if let Some(f) = self.prev_sentence_speaker(sp.open) {
                return Some(Attr {
                    span: *sp,
                    who: Who::Np(f.np.0, f.np.1),
                    cue: None,
                    rule: Rule::B7,
                    kind: QuoteKind::Continuation,
                });
            }
        }
        // 3. no cue in the sentence: continuation of an earlier quote
        if !(r.sentence_start && (standalone || sp.continues)) {
            return None;
        }
        let p = sentence_level(out, last_attributed?);
        self.continues(sp, r, out, qi, p)
    }

    /// Not a quote that is the subject of a longer sentence (`"Top secret" is the
    /// highest level`): a word used as a word (H4), not a continuation.
    pub(super) fn standalone(&mut self, sp: &Span, r: &Region) -> bool {
        let toks = self.toks;
        !(sp.close.is_some()
            && r.a_lo < r.a_hi
            && self.word_in(r.a_lo, &grammar().definition_verbs)
            && sp
                .close
                .is_some_and(|c| (sp.open + 1..c).filter(|&k| is_word(&toks[k])).count() <= 3))
    }

    /// C3, C2, C5 or C4: the span continues quote `p`.
    pub(super) fn continues(
        &mut self,
        sp: &Span,
        r: &Region,
        out: &[Attr],
        qi: usize,
        p: usize,
    ) -> Option<Attr> {
        let inherit = |from: usize, rule: Rule| {
            Some(Attr {
                span: *sp,
                who: Who::Inherit(from),
                cue: None,
                rule,
                kind: QuoteKind::Continuation,
            })
        };
        let pa = out[p];
        if sp.continues && p + 1 == qi {
            return inherit(p, Rule::C3);
        }
        if pa.span.para == sp.para {
            return inherit(p, Rule::C2);
        }
        // (a one-word shout from the crowd does not continue a speaker's turn)
        let words = (sp.open + 1..sp.close.unwrap_or(sp.open + 1))
            .filter(|&k| is_word(&self.toks[k]))
            .take(2)
            .count();
        if !(r.at_para_start && pa.span.para + 1 == sp.para && (words >= 2 || sp.close.is_none())) {
            return None;
        }
        // C5: an exchange: after a reply, the unattributed question goes back to the
        // one who asked
        let reply = pa
            .cue
            .is_some_and(|(cs, _)| self.word_in(cs, &grammar().reply_cues));
        if reply {
            if let Some(pp) = out[p.saturating_sub(8)..p]
                .iter()
                .rposition(|a| matches!(a.who, Who::Np(..)))
                .map(|i| i + p.saturating_sub(8))
            {
                return inherit(pp, Rule::C5);
            }
        }
        inherit(p, Rule::C4)
    }
}

/// The last sentence-level quote up to `p`, not a fragment embedded after it (`asked
/// X, referring to what he calls the “crooked” process. “…”`).
fn sentence_level(out: &[Attr], p: usize) -> usize {
    let mut q = p;
    while q > 0
        && out[q].kind == QuoteKind::Partial
        && out[q - 1].span.para == out[p].span.para
        && out[q - 1].who != Who::Nobody
        && p - q < 4
    {
        q -= 1;
    }
    if out[q].kind == QuoteKind::Partial {
        p
    } else {
        q
    }
}
