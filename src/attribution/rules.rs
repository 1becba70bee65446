//! The rule sequence: for each quoted span, its sentence region, then the rule
//! families in order (traps, formats, after the quote, before it, continuations).

use super::marks::Span;
use super::tokens::{Tok, Token};
use super::words::is_word;
use super::{Attr, Ctx, Who};
use crate::lexicon::{grammar, Lexicons};
use crate::{QuoteKind, Rule};

/// Attributes every span (in text order).
pub(crate) fn attribute(text: &str, toks: &[Token], spans: &[Span], lex: &Lexicons) -> Vec<Attr> {
    let mut cx = Ctx::new(text, toks, lex);
    let single = spans.iter().filter(|sp| cx.single_marked(sp)).count();
    cx.double_primary = single < spans.len() - single;
    let mut out: Vec<Attr> = Vec::with_capacity(spans.len());
    let mut last_attributed: Option<usize> = None;
    for (qi, sp) in spans.iter().enumerate() {
        if qi > 0 && out[qi - 1].who != Who::Nobody {
            last_attributed = Some(qi - 1);
        }
        let r = Region::of(&mut cx, spans, &out, qi);
        let a = attribute_one(&mut cx, sp, &r, &out, qi, last_attributed);
        out.push(a);
    }
    fragments_take_next(text, toks, &mut out);
    open_quotes_take_their_end(toks, &mut out);
    out
}

/// The first rule family that attributes span `qi`, or no attribution.
fn attribute_one(
    cx: &mut Ctx<'_>,
    sp: &Span,
    r: &Region,
    out: &[Attr],
    qi: usize,
    last_attributed: Option<usize>,
) -> Attr {
    let attr = |who, cue, rule, kind| Attr {
        span: *sp,
        who,
        cue,
        rule,
        kind,
    };
    // 0. subheadings and titles of works (“Meet the Voters”) are not quotes
    if cx.is_subheading(sp) {
        return attr(Who::Nobody, None, Rule::H2, QuoteKind::Other);
    }
    if sp.close.is_some() && cx.is_title(r.lo, sp) {
        return attr(Who::Nobody, None, cx.title_rule(sp), QuoteKind::Other);
    }
    if let Some(a) = cx.transcript_label(sp) {
        return a;
    }
    if let Some(a) = cx.lost_close(sp, r) {
        return a;
    }
    if let Some(a) = cx.after_quote(sp, r) {
        return a;
    }
    if let Some(a) = cx.before_quote(sp, r, out, qi) {
        return a;
    }
    if let Some(a) = cx.colon_paragraph(sp, r) {
        return a;
    }
    if let Some(a) = cx.carry(sp, r, out, qi, last_attributed) {
        return a;
    }
    attr(Who::Nobody, None, Rule::Unattributed, QuoteKind::Other)
}

/// Where a span's sentence lies and what surrounds the span in it.
pub(super) struct Region {
    /// First token of the region before the opening mark: back to a sentence end, the
    /// previous quote or the paragraph start.
    pub lo: usize,
    /// The span follows another quote of the same sentence.
    pub after_prev_quote: bool,
    /// The closing mark, or a mark typed as an opening one that closes the span.
    pub eff_close: Option<usize>,
    /// The region after the closing mark: to a sentence end, the next quote or the
    /// paragraph end.
    pub a_lo: usize,
    pub a_hi: usize,
    /// The quoted text ends with punctuation inside the marks (`“Q,”`).
    pub inner_punct: bool,
    /// The span starts its sentence (only conjunctions or commas before it).
    pub sentence_start: bool,
    /// The span opens its paragraph.
    pub at_para_start: bool,
}

impl Region {
    fn of(cx: &mut Ctx<'_>, spans: &[Span], out: &[Attr], qi: usize) -> Region {
        let (text, toks) = (cx.text, cx.toks);
        let sp = &spans[qi];
        let prev_close = if qi > 0 && spans[qi - 1].para == sp.para {
            spans[qi - 1].close.map(|c| c + 1)
        } else {
            None
        };
        let lo = region_start(text, toks, spans, out, qi);
        let prev_ends_sentence = qi > 0
            && spans[qi - 1]
                .close
                .is_some_and(|c| ends_with_period(text, toks, c));
        let after_prev_quote =
            Some(lo) == prev_close && prev_close.is_some() && !prev_ends_sentence;
        let eff_close = effective_close(text, toks, sp);
        let (a_lo, a_hi) = match eff_close {
            Some(c) => {
                let mut hi = c + 1;
                while hi < toks.len() {
                    let t = toks[hi];
                    if t.para() != sp.para || t.kind == Tok::Double || t.term() {
                        break;
                    }
                    hi += 1;
                }
                (c + 1, hi)
            }
            None => (0, 0),
        };
        Region {
            lo,
            after_prev_quote,
            eff_close,
            a_lo,
            a_hi,
            inner_punct: eff_close.is_some_and(|c| inner_punct(text, toks, sp, c)),
            sentence_start: sentence_start(cx, lo, sp.open),
            at_para_start: sp.open == 0 || toks[sp.open - 1].para() != sp.para,
        }
    }
}

/// The first token of span `qi`'s sentence before its opening mark; it looks
/// through an earlier unattributed quote of the same sentence (a title).
fn region_start(text: &str, toks: &[Token], spans: &[Span], out: &[Attr], qi: usize) -> usize {
    let sp = &spans[qi];
    let mut lo = sp.open;
    let mut pj = qi;
    loop {
        let pc = if pj > 0 && spans[pj - 1].para == sp.para {
            spans[pj - 1].close.map(|c| c + 1)
        } else {
            None
        };
        while lo > 0 {
            let t = toks[lo - 1];
            if t.para() != sp.para || Some(lo) == pc || t.term() {
                break;
            }
            lo -= 1;
        }
        if pc.is_some()
            && Some(lo) == pc
            && qi - pj < 3
            && out[pj - 1].who == Who::Nobody
            && !spans[pj - 1]
                .close
                .is_some_and(|c| ends_with_period(text, toks, c))
        {
            pj -= 1;
            lo = spans[pj].open;
            continue;
        }
        return lo;
    }
}

/// The closing mark, or for an unclosed quote a closing mark typed as an opening one
/// (`here,“ said`).
fn effective_close(text: &str, toks: &[Token], sp: &Span) -> Option<usize> {
    sp.close.or_else(|| {
        (sp.open + 1..toks.len())
            .take_while(|&k| toks[k].para() == sp.para)
            .find(|&k| {
                toks[k].kind == Tok::Double
                    && toks[k - 1].kind == Tok::Punct
                    && matches!(
                        &text[toks[k - 1].start()..toks[k - 1].end()],
                        "," | "?" | "!"
                    )
                    && text[toks[k].end()..].starts_with(char::is_whitespace)
            })
    })
}

/// Does the quoted text end with punctuation before the closing mark `close`
/// (looking through single marks)?
fn inner_punct(text: &str, toks: &[Token], sp: &Span, close: usize) -> bool {
    let mut c = close;
    while c > sp.open + 1 && toks[c - 1].kind == Tok::Single {
        c -= 1;
    }
    c > 0 && {
        let t = toks[c - 1];
        t.kind == Tok::Punct
            && matches!(
                &text[t.start()..t.end()],
                "," | "." | "?" | "!" | "…" | ";" | ":" | "—" | "-"
            )
    }
}

/// Only commas and sentence-linking words between `lo` and the opening mark.
fn sentence_start(cx: &mut Ctx<'_>, lo: usize, open: usize) -> bool {
    let (text, toks) = (cx.text, cx.toks);
    lo == open
        || (lo..open).all(|k| {
            let t = toks[k];
            (t.kind == Tok::Punct && &text[t.start()..t.end()] == ",")
                || (is_word(&t) && cx.word_in(k, &grammar().sentence_openers))
        })
}

/// An unattributed fragment takes the speaker of the next quote of its sentence.
fn fragments_take_next(text: &str, toks: &[Token], out: &mut [Attr]) {
    for qi in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (out[qi], out[qi + 1]);
        if a.who != Who::Nobody || a.rule == Rule::H2 || a.span.para != b.span.para {
            continue;
        }
        let Some(close) = a.span.close else { continue };
        if ends_with_period(text, toks, close) || (close + 1..b.span.open).any(|k| toks[k].term()) {
            continue;
        }
        if let Who::Np(s, e) = b.who {
            out[qi] = Attr {
                span: a.span,
                who: Who::Np(s, e),
                cue: b.cue,
                rule: b.rule,
                kind: QuoteKind::Partial,
            };
        }
    }
}

/// C6: the paragraphs of a quote that runs on (no closing mark, the next paragraph
/// opens with a mark) take the speaker named where it ends (`“First… ¶ “And the
/// second,” Tanaka said.`) instead of the speaker of the quote before them (C4, C5)
/// or none. Only when the run's first paragraph opens with it and has no speaker of its
/// own: a run that starts after an attributed quote of its paragraph (C2) or inside an
/// earlier run (C3) keeps that speaker (a missing closing mark, then another speaker).
/// One pass over the runs: linear.
fn open_quotes_take_their_end(toks: &[Token], out: &mut [Attr]) {
    let mut head = 0;
    while head < out.len() {
        let mut end = head;
        while end + 1 < out.len() && out[end].span.close.is_none() && out[end + 1].span.continues {
            end += 1;
        }
        let h = out[head];
        let opens_paragraph = h.span.open == 0 || toks[h.span.open - 1].para() != h.span.para;
        let carried_head = matches!(h.rule, Rule::C4 | Rule::C5 | Rule::Unattributed)
            && opens_paragraph
            && !h.span.continues;
        let middle_carried =
            (head + 1..end).all(|k| matches!(out[k].rule, Rule::C3 | Rule::Unattributed));
        let last = out[end];
        if end > head && carried_head && middle_carried && matches!(last.who, Who::Np(..)) {
            for a in &mut out[head..end] {
                *a = Attr {
                    span: a.span,
                    who: last.who,
                    cue: last.cue,
                    rule: Rule::C6,
                    kind: QuoteKind::Direct,
                };
            }
        }
        head = end + 1;
    }
}

/// Does the quote closed by mark `close` end with a full stop inside the marks?
pub(super) fn ends_with_period(text: &str, toks: &[Token], close: usize) -> bool {
    close > 0 && {
        let t = toks[close - 1];
        t.kind == Tok::Punct && &text[t.start()..t.end()] == "."
            || (t.kind == Tok::Word
                && t.text(text).ends_with('.')
                && t.text(text).len() > 3
                && !t.text(text)[..t.text(text).len() - 1].contains('.'))
    }
}

/// The opening mark follows an introduction ending in `:` or `,`.
pub(super) fn ends_intro(text: &str, toks: &[Token], lo: usize, open: usize) -> bool {
    open > lo && {
        let t = toks[open - 1];
        t.kind == Tok::Punct && matches!(&text[t.start()..t.end()], ":" | ",")
    }
}
