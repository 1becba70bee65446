//! Who the source of a reported-speech item is, where the tagger's source run is not
//! the answer: a source that cuts a mention grows to cover it; a cue whose subject is
//! not its source (an impression, a passive, an unnamed asker) has none, or the agent
//! after "by"; a second verb phrase or a participle takes the sentence's subject.
//! Word lists: data/lexicon/reported.txt and grammar.txt.

use crate::lexicon::{grammar, reported_words};

use super::context::EntSpan;
use super::items::ReportedItem;

/// A cue in a second verb phrase ("Voss urged members to back the bill and said …")
/// has the sentence's subject for its source, not the nearest noun: the person or
/// organisation mention that opens the sentence (after "But", "And", ...). So has a
/// participle after a comma or dash (rule R4: "Voss toured the depot, saying …"),
/// or the subject pronoun opening the sentence, where the tagger's source is no
/// person (a place, an organisation it names as the object: "… attacked the DNC,
/// claiming …") and no quotation comes between.
pub(super) fn coordinated_subject(
    text: &str,
    ents: &[EntSpan],
    item: &ReportedItem,
    participle_rule: bool,
) -> Option<(usize, usize)> {
    let (cs, _) = item.cue?;
    let before = text[..cs].trim_end();
    let participle = participle_rule && !source_is_a_person(text, ents, item);
    let clause_end = match before.strip_suffix("and") {
        Some(rest) if rest.ends_with(char::is_whitespace) => rest.len(),
        _ if participle => before.trim_end_matches([',', '—', '–']).len(),
        _ => return None,
    };
    // the sentence start: after the last sentence end or line break before the cue
    let start = text[..clause_end]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |k| k + 1);
    let lead = after_leading_conjunctions(text, start);
    if participle && text[lead..cs].contains(['“', '”', '"']) {
        return None;
    }
    let k = ents.partition_point(|m| m.start < lead);
    if let Some(m) = ents
        .get(k)
        .filter(|m| m.start == lead && m.end <= clause_end)
    {
        return matches!(m.label, "PERSON" | "ORG").then_some((m.start, m.end));
    }
    let word_end = text[lead..]
        .find(|c: char| !c.is_alphanumeric())
        .map_or(text.len(), |k| lead + k);
    let pronoun = &text[lead..word_end];
    let subject =
        participle && word_end < clause_end && in_list(&grammar().personal_pronouns, pronoun);
    subject.then_some((lead, word_end))
}

/// Is the item's source a person mention or a personal pronoun?
fn source_is_a_person(text: &str, ents: &[EntSpan], item: &ReportedItem) -> bool {
    let Some((a, b)) = item.source else {
        return false;
    };
    let k = ents.partition_point(|m| m.end <= a);
    let person = ents[k..]
        .iter()
        .take_while(|m| m.start < b)
        .any(|m| m.label == "PERSON");
    person || in_list(&grammar().personal_pronouns, text[a..b].trim())
}

/// The first byte after white space and leading conjunctions ("But", "And") from `at`.
fn after_leading_conjunctions(text: &str, mut at: usize) -> usize {
    loop {
        at += text[at..].len() - text[at..].trim_start().len();
        let word_end = text[at..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(text.len(), |k| at + k);
        let word = &text[at..word_end];
        if word.is_empty() || !in_list(&grammar().leading_conjunctions, word) {
            return at;
        }
        at = word_end + text[word_end..].len() - text[word_end..].trim_start_matches(',').len();
    }
}

/// The source span `a..b` grown to cover the mentions it cuts ("Otten" of "Karl
/// Otten": the tagger's source run holds part of a name), so the speakers stage finds
/// the mention inside it. `ents` is sorted by start.
pub(super) fn widen_to_mentions(ents: &[EntSpan], a: usize, b: usize) -> (usize, usize) {
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

/// The item's cue says that its subject is not its source (data/lexicon/reported.txt):
/// the writer's impression or unnamed hearsay ("seemed", "appears to", "reportedly";
/// not "seemed to think", whose subject thinks), a passive ("is widely expected",
/// "has been criticized for"), a question whose asker is not the subject ("Asked
/// about …, Voss said", "… when asked"). `Some(agent)`: the phrase after "by" when
/// the cue names one ("was criticized by two rivals", "asked by a reporter"), else
/// no source; `None`: an ordinary cue.
pub(super) fn not_the_subject(text: &str, item: &ReportedItem) -> Option<Option<(usize, usize)>> {
    let (s, e) = item.cue?;
    // a cue is a few words; one of more than 16 is none of these
    if text[s..e].split_whitespace().nth(16).is_some() {
        return None;
    }
    let mut buf = [""; 16];
    let n = buf
        .iter_mut()
        .zip(text[s..e].split_whitespace())
        .map(|(slot, w)| *slot = w)
        .count();
    let words = &buf[..n];
    let (&first, &last) = (words.first()?, words.last()?);
    let r = reported_words();
    let impression = in_list(&r.impression_cues, first)
        && (words.len() == 1 || words.len() == 2 && last.eq_ignore_ascii_case("to"));
    if impression {
        return Some(None);
    }
    (agentless_passive(words) || unnamed_asker(text, first, s)).then(|| by_agent(text, s, e))
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

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::items::item_at as item;

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
        assert_eq!(coordinated_subject(t, &ents, &it, false), Some((0, 8)));
        // no "and" before the cue, or no mention opening the sentence
        let it = item(t, "it would pass", Some("urged"), Some("Ana Ruiz"));
        assert_eq!(coordinated_subject(t, &ents, &it, false), None);
        let t = "On Monday Ana Ruiz urged members to act and said it would pass.";
        let it = item(t, "it would pass", Some("said"), Some("members"));
        assert_eq!(
            coordinated_subject(t, &[m(10, 18, "PERSON")], &it, false),
            None
        );
        // a leading conjunction is skipped
        let t = "But Ana Ruiz urged members to act and said it would pass.";
        let it = item(t, "it would pass", Some("said"), Some("members"));
        assert_eq!(
            coordinated_subject(t, &[m(4, 12, "PERSON")], &it, false),
            Some((4, 12))
        );
    }

    #[test]
    fn a_participle_takes_the_sentence_subject_over_an_object() {
        let m = |start, end, label| EntSpan {
            start,
            end,
            label,
            source: "gazetteer",
        };
        // the tagger's source is the place the sentence names; after a dash too
        for t in [
            "He toured Aleppo, saying the city was safe.",
            "He toured Aleppo — saying the city was safe.",
        ] {
            let it = item(t, "the city was safe", Some("saying"), Some("Aleppo"));
            let ents = [m(10, 16, "GPE")];
            assert_eq!(
                coordinated_subject(t, &ents, &it, true),
                Some((0, 2)),
                "{t}"
            );
        }
        // a person source stays; a quotation before the cue leaves the source alone
        let t = "He met Ana Ruiz, saying the city was safe.";
        let it = item(t, "the city was safe", Some("saying"), Some("Ana Ruiz"));
        assert_eq!(
            coordinated_subject(t, &[m(7, 15, "PERSON")], &it, true),
            None
        );
        let t = "We “won,” Ana Ruiz said, adding that it was safe.";
        let it = item(t, "it was safe", Some("adding"), Some("Ana Ruiz"));
        assert_eq!(coordinated_subject(t, &[], &it, true), None);
    }

    /// (text, content, cue, the source if the subject is not: "" for none)
    #[rustfmt::skip]
    const NOT_THE_SUBJECT: &[(&str, &str, &str, Option<&str>)] = &[
        ("Voss seemed to waver on the bill.", "to waver", "seemed", Some("")),
        ("Voss seems to think it will pass.", "it will", "seems to think", None),
        ("The bill is widely expected to pass.", "to pass", "is widely expected", Some("")),
        ("Crews were told by the port to stop.", "to stop", "were told", Some("the port")),
        ("Dockers were frustrated that talks failed.", "that talks", "were frustrated", None),
        ("Talks failed. Asked about it, Otten left.", "it", "Asked about", Some("")),
        ("Otten asked about the strike and left.", "the strike", "asked about", None),
        ("Otten left when asked about it.", "it", "asked about", Some("")),
        ("Otten has been criticized for it.", "it", "has been criticized for", Some("")),
        ("Hackers reportedly got in.", "got in", "reportedly", Some("")),
        ("Otten left when asked by a reporter if so.", "so", "asked", Some("a reporter")),
        ("Otten is criticized by two rivals, who", "two", "is criticized by", Some("two rivals")),
        ("Otten is expected to announce a deal.", "a deal", "is expected to announce", None),
    ];

    /// Impressions, passives and unnamed askers: no source, or the agent after "by";
    /// a cue that thinks or states the subject's feelings keeps its subject.
    #[test]
    fn some_cues_say_the_subject_is_not_the_source() {
        for &(t, content, cue, expected) in NOT_THE_SUBJECT {
            let subject = t.split(' ').next().unwrap();
            let it = item(t, content, Some(cue), Some(subject));
            let got = not_the_subject(t, &it).map(|agent| agent.map_or("", |(a, b)| &t[a..b]));
            assert_eq!(got, expected, "{t}");
        }
    }
}
