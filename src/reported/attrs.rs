//! Reported-speech items → attributions of the speakers stage: byte spans become
//! namedrop token ranges, and each item gets the [`Rule`] its arrangement follows.
//!
//! The tagger's items come in byte offsets of its own tokens; the speakers stage reads
//! namedrop's tokens ([`Who::Np`] is a token range), so the source span is mapped onto
//! the namedrop tokens it covers. The rule is read off the item's shape, in this
//! order: no cue word (R6: none, or a colon), "according to" (R3), content before its
//! cue (R2), a noun cue (R5), a participle cue (R4), else the subject-cue-content
//! pattern (R1).

use crate::attribution::marks::Span;
use crate::attribution::tokens::Token;
use crate::attribution::{Attr, Who};
use crate::lexicon::{grammar, Lexicons};
use crate::{QuoteKind, Rule};

use super::backstop::backstop;
use super::context::{EntSpan, QuoteSpan};
use super::items::{normalise, ReportedItem};
use super::sources::{coordinated_subject, not_the_subject, widen_to_mentions};
use super::ReportedSpeech;
use crate::Mention;

/// The stage on one text: tags it with the linked mentions and the attributed quoted
/// spans as features, adds the backstop patterns' items (`backstop.rs`), and returns
/// the items as attributions in text order.
pub(crate) fn reported_attrs(
    rs: &ReportedSpeech,
    text: &str,
    toks: &[Token],
    quoted: &[Attr],
    mentions: &[Mention],
    lex: &Lexicons,
) -> Vec<Attr> {
    let mut ents: Vec<EntSpan> = mentions.iter().map(EntSpan::from).collect();
    ents.sort_by_key(|e| (e.start, e.end));
    let quotes: Vec<QuoteSpan> = quoted
        .iter()
        .map(|a| QuoteSpan {
            start: a.span.start,
            end: a.span.end,
            kind: a.kind.as_str(),
        })
        .collect();
    let mut items = rs.extract(text, &ents, &quotes);
    items.retain(|it| kept(text, it));
    for it in &mut items {
        if let Some(agent) = not_the_subject(text, it) {
            it.source = agent.map(|(a, b)| widen_to_mentions(&ents, a, b));
            continue;
        }
        it.source = it.source.map(|(a, b)| widen_to_mentions(&ents, a, b));
        // rule R4 (a participle after a comma or dash), tested cheaply first
        let after_comma = it
            .cue
            .is_some_and(|(cs, _)| text[..cs].trim_end().ends_with([',', '—', '–']));
        let participle = after_comma && rule_of(text, it) == Rule::R4;
        if let Some(subject) = coordinated_subject(text, &ents, it, participle) {
            it.source = Some(subject);
        }
    }
    let tagged = to_attrs(text, toks, &items);
    backstop(text, toks, quoted, lex, tagged)
}

/// The token range `[i, j)` of the tokens that overlap bytes `s..e`.
fn token_range(toks: &[Token], s: usize, e: usize) -> (usize, usize) {
    let i = toks.partition_point(|t| t.end() <= s);
    let j = toks.partition_point(|t| t.start() < e);
    (i, j.max(i))
}

/// The rule whose pattern the item follows (see the module docs for the order).
fn rule_of(text: &str, item: &ReportedItem) -> Rule {
    let Some((cs, ce)) = item.cue.filter(|&(s, e)| text[s..e].trim() != ":") else {
        return Rule::R6;
    };
    let cue = text[cs..ce].to_lowercase();
    if cue.starts_with("according") {
        return Rule::R3;
    }
    if item.content.1 <= cs {
        return Rule::R2;
    }
    let last = cue.split_whitespace().last().unwrap_or("");
    let g = grammar();
    if g.opinion_nouns.contains(&last) || g.speech_nouns.contains(&last) {
        return Rule::R5;
    }
    let first = cue.split_whitespace().next().unwrap_or("");
    // a participial clause: ", saying …" or "– saying …" (its subject is the
    // sentence's)
    if first.ends_with("ing") && text[..cs].trim_end().ends_with([',', '—', '–']) {
        return Rule::R4;
    }
    Rule::R1
}

/// The tagger's items that are reported speech: one with no source says nothing of
/// who said it (right in 1 of 7 cases on PolNeAR dev, against 1 in 2 for the rest),
/// unless its cue says the content is nobody's speech; a naming phrase is no
/// report; content and cue must share a sentence.
fn kept(text: &str, item: &ReportedItem) -> bool {
    (item.source.is_some() || not_the_subject(text, item).is_some())
        && !names_rather_than_reports(text, item)
        && !starts_a_new_sentence(text, item)
}

/// The reported-speech attribution of content bytes `start..end` (its first token
/// `open`), with its speaker and cue token ranges and rule.
pub(super) fn indirect_attr(
    toks: &[Token],
    (open, start, end): (usize, usize, usize),
    who: Who,
    cue: Option<(usize, usize)>,
    rule: Rule,
) -> Attr {
    Attr {
        span: Span {
            open,
            close: None,
            start,
            end,
            para: toks[open].para(),
            continues: false,
        },
        who,
        cue,
        rule,
        kind: QuoteKind::Indirect,
    }
}

/// The item's cue is a naming phrase ("known as"), not a report.
fn names_rather_than_reports(text: &str, item: &ReportedItem) -> bool {
    // word by word, whatever the case and spacing, without a lowercase copy
    item.cue.is_some_and(|(s, e)| {
        let cue = &text[s..e];
        grammar().naming_phrases.iter().any(|phrase| {
            let mut words = cue.split_whitespace();
            phrase
                .split(' ')
                .all(|p| words.next().is_some_and(|w| w.eq_ignore_ascii_case(p)))
                && words.next().is_none()
        })
    })
}

/// Content and cue in two sentences: content after its cue with a sentence end
/// between the two (or at its own start: "… Pritzker said. The United States and
/// China agreed"), or content before its cue with one after it.
fn starts_a_new_sentence(text: &str, item: &ReportedItem) -> bool {
    let (cs, _) = item.content;
    let from = match item.cue {
        Some((_, ce)) if ce <= cs => ce,
        _ => cs,
    };
    let lead = text[cs..item.content.1]
        .find(|c: char| c.is_alphanumeric())
        .map_or(item.content.1, |k| cs + k);
    if text[from..lead].contains(['.', '!', '?']) {
        return true;
    }
    // content before its cue, ended by a sentence end before the cue: "The trains
    // … ran late. Officials passed …" is two sentences, not one attribution
    match item.cue {
        Some((qs, _)) if item.content.1 <= qs => {
            let (_, ce) = normalise(text, cs, item.content.1);
            text[ce..qs].contains(['.', '!', '?'])
        }
        _ => false,
    }
}

/// One attribution per item whose content keeps some text after trimming, in the
/// items' (text) order. The span is the content without marks, white space and
/// trailing punctuation; `open` is the content's first token.
pub(crate) fn to_attrs(text: &str, toks: &[Token], items: &[ReportedItem]) -> Vec<Attr> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let (s, e) = normalise(text, item.content.0, item.content.1);
        let (open, close) = token_range(toks, s, e);
        if s >= e || open >= close {
            continue;
        }
        let who = match item.source.map(|(a, b)| token_range(toks, a, b)) {
            Some((i, j)) if i < j => Who::Np(i, j),
            _ => Who::Nobody,
        };
        let cue = item
            .cue
            .map(|(a, b)| token_range(toks, a, b))
            .filter(|&(i, j)| i < j);
        out.push(indirect_attr(
            toks,
            (open, s, e),
            who,
            cue,
            rule_of(text, item),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::items::item_at as item;

    #[test]
    fn the_rule_follows_the_arrangement() {
        let t = "Voss said the vote would be close.";
        assert_eq!(
            rule_of(t, &item(t, "the vote", Some("said"), Some("Voss"))),
            Rule::R1
        );
        let t = "The vote will be close, Voss said.";
        assert_eq!(
            rule_of(t, &item(t, "The vote", Some("said"), Some("Voss"))),
            Rule::R2
        );
        let t = "According to Voss, the vote will be close.";
        let it = item(t, "the vote", Some("According to"), Some("Voss"));
        assert_eq!(rule_of(t, &it), Rule::R3);
        let t = "Voss left, saying the vote would be close.";
        assert_eq!(
            rule_of(t, &item(t, "the vote", Some("saying"), Some("Voss"))),
            Rule::R4
        );
        let t = "Voss expressed concern that the vote would be close.";
        let it = item(t, "the vote", Some("expressed concern"), Some("Voss"));
        assert_eq!(rule_of(t, &it), Rule::R5);
        assert_eq!(
            rule_of(t, &item(t, "the vote", None, Some("Voss"))),
            Rule::R6
        );
    }

    #[test]
    fn content_after_a_sentence_end_is_not_the_cues() {
        let t = "“Yes,” Lee said. The two sides agreed.";
        let it = item(t, ". The two sides agreed", Some("said"), Some("Lee"));
        assert!(starts_a_new_sentence(t, &it));
        let t = "Lee said the two sides agreed.";
        assert!(!starts_a_new_sentence(
            t,
            &item(t, "the two", Some("said"), Some("Lee"))
        ));
        // content before its cue, a sentence end between them
        let t = "The trains ran late. Officials passed the budget.";
        let it = item(t, "The trains ran late.", Some("passed"), Some("Officials"));
        assert!(starts_a_new_sentence(t, &it));
        let t = "The trains ran late, officials said.";
        let it = item(t, "The trains ran late", Some("said"), Some("officials"));
        assert!(!starts_a_new_sentence(t, &it));
    }

    #[test]
    fn spans_map_onto_the_tokens_they_cover() {
        let text = "Voss said the vote, “at last,” would be close.";
        let toks = crate::attribution::tokens::tokenize(text);
        let it = item(
            text,
            "the vote, “at last,” would be close.",
            Some("said"),
            Some("Voss"),
        );
        let a = to_attrs(text, &toks, &[it]);
        assert_eq!(a.len(), 1);
        let sp = a[0].span;
        assert_eq!(
            &text[sp.start..sp.end],
            "the vote, “at last,” would be close"
        );
        assert_eq!(a[0].who, Who::Np(0, 1));
        assert_eq!((a[0].kind, a[0].rule), (QuoteKind::Indirect, Rule::R1));
    }
}
