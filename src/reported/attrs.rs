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
use crate::lexicon::{grammar, reported_words, Lexicons};
use crate::{QuoteKind, Rule};

use super::backstop::backstop;
use super::context::{EntSpan, QuoteSpan};
use super::items::{normalise, ReportedItem};
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
        if let Some(subject) = coordinated_subject(text, &ents, it) {
            it.source = Some(subject);
        }
    }
    let tagged = to_attrs(text, toks, &items);
    backstop(text, toks, quoted, lex, tagged)
}

/// A cue in a second verb phrase ("Voss urged members to back the bill and said …")
/// has the sentence's subject for its source, not the nearest noun: the mention that
/// opens the sentence, when the cue follows "and".
fn coordinated_subject(
    text: &str,
    ents: &[EntSpan],
    item: &ReportedItem,
) -> Option<(usize, usize)> {
    let (cs, _) = item.cue?;
    let before = text[..cs].trim_end();
    let and_at = before.strip_suffix("and")?.len();
    if !text[..and_at].ends_with(char::is_whitespace) {
        return None;
    }
    // the sentence start: after the last sentence end or line break before the cue
    let start = text[..and_at]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |k| k + 1);
    let lead = start + (text[start..].len() - text[start..].trim_start().len());
    let k = ents.partition_point(|m| m.start < lead);
    let m = ents.get(k).filter(|m| m.start == lead && m.end <= and_at)?;
    let person_or_org = matches!(m.label, "PERSON" | "ORG");
    person_or_org.then_some((m.start, m.end))
}

/// The source span `a..b` grown to cover the mentions it cuts ("Otten" of "Karl
/// Otten": the tagger's source run holds part of a name), so the speakers stage finds
/// the mention inside it. `ents` is sorted by start.
fn widen_to_mentions(ents: &[EntSpan], a: usize, b: usize) -> (usize, usize) {
    let (mut s, mut e) = (a, b);
    let i = ents.partition_point(|m| m.start <= a);
    if let Some(m) = i.checked_sub(1).map(|k| &ents[k]).filter(|m| m.end > a) {
        s = m.start;
        e = e.max(m.end);
    }
    let j = ents.partition_point(|m| m.start < b);
    for m in &ents[i..j] {
        e = e.max(m.end);
    }
    (s, e)
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

/// The item's cue says that its subject is not its source (data/lexicon/reported.txt):
/// the writer's impression or unnamed hearsay ("seemed", "appears to", "reportedly";
/// not "seemed to think", whose subject thinks), a passive ("is widely expected",
/// "has been criticized for"), a question whose asker is not the subject ("Asked
/// about …, Voss said", "… when asked"). `Some(agent)`: the phrase after "by" when
/// the cue names one ("was criticized by two rivals", "asked by a reporter"), else
/// no source; `None`: an ordinary cue.
fn not_the_subject(text: &str, item: &ReportedItem) -> Option<Option<(usize, usize)>> {
    let (s, e) = item.cue?;
    let words: Vec<&str> = text[s..e].split_whitespace().collect();
    let (&first, &last) = (words.first()?, words.last()?);
    let r = reported_words();
    let impression = in_list(&r.impression_cues, first)
        && (words.len() == 1 || words.len() == 2 && last.eq_ignore_ascii_case("to"));
    if impression {
        return Some(None);
    }
    (agentless_passive(&words) || unnamed_asker(text, first, s)).then(|| by_agent(text, s, e))
}

/// The phrase after "by" at the end of the cue `s..e` or right after it ("by two
/// rivals": up to a particle, a question word or punctuation, at most 8 words).
fn by_agent(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let ends_with_by = text[s..e]
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("by"));
    let after_by = if ends_with_by {
        e
    } else if starts_with_word(&text[e..], "by") {
        e + (text[e..].len() - text[e..].trim_start().len()) + 2
    } else {
        return None;
    };
    let r = reported_words();
    let rest = &text[after_by..];
    let rest = &rest[..rest
        .find(['\n', ',', ';', ':', '!', '?', '(', '"', '“'])
        .unwrap_or(rest.len())];
    let mut end = None;
    for w in rest.split_whitespace().take(8) {
        if in_list(&r.participle_particles, w) || in_list(&r.question_words, w) {
            break;
        }
        // a byte offset into `rest`: `w` is a slice of it
        end = Some(w.as_ptr() as usize - rest.as_ptr() as usize + w.len());
    }
    let start = after_by + (rest.len() - rest.trim_start().len());
    end.map(|k| (start, after_by + k))
}

/// A form of "be", then (after adverbs) a participle of saying or expecting, then
/// particles only: "is widely expected", "has been singled out", "is seen as"; not
/// "is expected to announce".
fn agentless_passive(words: &[&str]) -> bool {
    let (g, r) = (grammar(), reported_words());
    let Some(be) = words.iter().position(|w| in_list(&g.be_forms, w)) else {
        return false;
    };
    let participle = |w: &&str| in_list(&r.agentless_participles, w) || in_list(&g.passive_cues, w);
    let Some(p) = words[be + 1..].iter().position(participle) else {
        return false;
    };
    let after = &words[be + 1 + p + 1..];
    after.iter().all(|w| in_list(&r.participle_particles, w))
}

/// "asked", "pressed" with no subject before them: opening a sentence, or after a
/// comma or "when", "if", ...
fn unnamed_asker(text: &str, first: &str, cue_start: usize) -> bool {
    let r = reported_words();
    if !in_list(&r.fronted_question_cues, first) {
        return false;
    }
    let before =
        text[..cue_start].trim_end_matches(|c: char| c.is_whitespace() || "“\"‘'".contains(c));
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    before.is_empty()
        || before.ends_with(['.', '!', '?', ',', '\n'])
        || in_list(&r.question_clause_openers, prev)
}

/// Is `w` one of `list` (lowercase words), whatever its case?
fn in_list(list: &[&str], w: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Does `rest` start (after white space) with the word `w`?
fn starts_with_word(rest: &str, w: &str) -> bool {
    let rest = rest.trim_start();
    rest.get(..w.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(w))
        && !rest[w.len()..].starts_with(char::is_alphanumeric)
}

/// The item's cue is a naming phrase ("known as"), not a report.
fn names_rather_than_reports(text: &str, item: &ReportedItem) -> bool {
    item.cue.is_some_and(|(s, e)| {
        let cue = text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
        let cue = cue.to_lowercase();
        grammar().naming_phrases.contains(&cue.as_str())
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

    fn item(text: &str, content: &str, cue: Option<&str>, source: Option<&str>) -> ReportedItem {
        let at = |w: &str| {
            let s = text.find(w).expect("in text");
            (s, s + w.len())
        };
        ReportedItem {
            content: at(content),
            cue: cue.map(at),
            source: source.map(at),
        }
    }

    /// Impressions, passives and unnamed askers: no source, or the agent after "by";
    /// a cue that thinks or states the subject's feelings keeps its subject.
    #[test]
    fn some_cues_say_the_subject_is_not_the_source() {
        // (text, content, cue, the source if the subject is not: "" for none)
        let cases = [
            (
                "Voss seemed to waver on the bill.",
                "to waver",
                "seemed",
                Some(""),
            ),
            (
                "Voss seems to think it will pass.",
                "it will",
                "seems to think",
                None,
            ),
            (
                "The bill is widely expected to pass.",
                "to pass",
                "is widely expected",
                Some(""),
            ),
            (
                "Crews were told by the port to stop.",
                "to stop",
                "were told",
                Some("the port"),
            ),
            (
                "Dockers were frustrated that talks failed.",
                "that talks",
                "were frustrated",
                None,
            ),
            (
                "Talks failed. Asked about it, Otten left.",
                "it",
                "Asked about",
                Some(""),
            ),
            (
                "Otten asked about the strike and left.",
                "the strike",
                "asked about",
                None,
            ),
            (
                "Otten left when asked about it.",
                "it",
                "asked about",
                Some(""),
            ),
            (
                "Otten has been criticized for it.",
                "it",
                "has been criticized for",
                Some(""),
            ),
            (
                "Hackers reportedly got in.",
                "got in",
                "reportedly",
                Some(""),
            ),
            (
                "Otten left when asked by a reporter if so.",
                "so",
                "asked",
                Some("a reporter"),
            ),
            (
                "Otten is criticized by two rivals, who",
                "two",
                "is criticized by",
                Some("two rivals"),
            ),
            (
                "Otten is expected to announce a deal.",
                "a deal",
                "is expected to announce",
                None,
            ),
        ];
        for (t, content, cue, expected) in cases {
            let subject = t.split(' ').next().unwrap();
            let it = item(t, content, Some(cue), Some(subject));
            let got = not_the_subject(t, &it).map(|agent| agent.map_or("", |(a, b)| &t[a..b]));
            assert_eq!(got, expected, "{t}");
        }
    }

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
    fn a_source_that_cuts_a_mention_takes_all_of_it() {
        let m = |start, end| EntSpan {
            start,
            end,
            label: "PERSON",
            source: "gazetteer",
        };
        // "Karl Otten said": the tagger's source is "Otten" (5..10)
        assert_eq!(widen_to_mentions(&[m(0, 10)], 5, 10), (0, 10));
        assert_eq!(widen_to_mentions(&[m(0, 10)], 0, 4), (0, 10));
        assert_eq!(widen_to_mentions(&[m(20, 30)], 5, 10), (5, 10));
    }

    #[test]
    fn a_cue_after_and_takes_the_sentence_subject() {
        let m = |start, end, label| EntSpan {
            start,
            end,
            label,
            source: "gazetteer",
        };
        let t = "Ana Ruiz urged members to act and said it would pass.";
        let it = item(t, "it would pass", Some("said"), Some("members"));
        let ents = [m(0, 8, "PERSON")];
        assert_eq!(coordinated_subject(t, &ents, &it), Some((0, 8)));
        // no "and" before the cue, or no mention opening the sentence
        let it = item(t, "it would pass", Some("urged"), Some("Ana Ruiz"));
        assert_eq!(coordinated_subject(t, &ents, &it), None);
        let t = "Then Ana Ruiz urged members to act and said it would pass.";
        let it = item(t, "it would pass", Some("said"), Some("members"));
        assert_eq!(coordinated_subject(t, &[m(5, 13, "PERSON")], &it), None);
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
