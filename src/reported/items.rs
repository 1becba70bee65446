//! Paired runs -> reported-speech items in byte offsets (`decode.items`): a content
//! run of function words only is dropped, and so is content that overlaps a quote
//! namedrop found (direct quotes stay namedrop's).

use super::context::{EntSpan, QuoteSpan};
use super::decode::{Pair, Run};
use super::lexicon::Lex;
use super::tokens::RTok;
use crate::lexicon::reported_words;

/// One reported-speech item (byte offsets into the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportedItem {
    /// The reported content.
    pub content: (usize, usize),
    /// The cue run it was paired with ("said", "according to").
    pub cue: Option<(usize, usize)>,
    /// The source: a tagged source run, or one pronoun / role noun / mention token.
    pub source: Option<(usize, usize)>,
}

/// A test item: content, cue and source given as the first occurrence of each
/// string in `text`.
#[cfg(test)]
pub(super) fn item_at(
    text: &str,
    content: &str,
    cue: Option<&str>,
    source: Option<&str>,
) -> ReportedItem {
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

const SOURCE_LABELS: &[&str] = &["PERSON", "ORG", "NORP", "GPE"];

/// `decode.source_candidates` for one paragraph's tokens (`low`: their lowercase forms).
pub(crate) fn source_candidates(
    toks: &[RTok],
    low: &[String],
    lex: &Lex,
    ents: &[EntSpan],
    out: &mut Vec<bool>,
) {
    out.clear();
    let pronouns = &reported_words().subject_pronouns;
    out.extend(
        low.iter()
            .map(|w| pronouns.contains(&w.as_str()) || lex.roles.contains_key(w.as_str())),
    );
    // the tokens a person/organisation/group/place mention covers (each mention marks
    // its own tokens: linear in the paragraph, however many mentions it has)
    for e in ents.iter().filter(|e| SOURCE_LABELS.contains(&e.label)) {
        let first = toks.partition_point(|t| t.end <= e.start);
        for (k, t) in toks.iter().enumerate().skip(first) {
            if t.start >= e.end {
                break;
            }
            out[k] = true;
        }
    }
}

/// Whether the subject of cue run `cue` can be far from it, so that the nearest
/// source-like token may stand in for a source run the tagger did not mark: a cue in a
/// second verb phrase ("… urged members to back it and said …", after a word of
/// `data/lexicon/reported.txt`'s `second_verb_phrase_openers`) or a participle after a
/// comma or dash ("The minister toured the depot, saying …"). Elsewhere that stand-in
/// was wrong more often than right (PolNeAR train, INDIRECT end-to-end F1 .528 with it
/// everywhere, .535 with it here only).
pub(crate) fn far_subject_cue(low: &[String], cue: Run) -> bool {
    let Some(before) = cue.i.checked_sub(1).and_then(|k| low.get(k)) else {
        return false;
    };
    let participle = matches!(before.as_str(), "," | "—" | "–") && low[cue.i].ends_with("ing");
    participle
        || reported_words()
            .second_verb_phrase_openers
            .contains(&before.as_str())
}

/// A lone function word or punctuation cannot be content.
fn only_function_words(low: &[String]) -> bool {
    let mut real = low
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphanumeric));
    match (real.next(), real.next()) {
        (None, _) => true,
        (Some(w), None) => reported_words().lone_function_words.contains(&w.as_str()),
        _ => false,
    }
}

const QUOTES: &str = "\"“”'‘’";
const TRAILING: &str = ".,;:!?…—–-";

/// `polnear_eval.normalise`: marks and white space off both ends, trailing punctuation
/// off the end.
pub(crate) fn normalise(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    while let Some(c) = text[s..e].chars().next() {
        if !(c.is_whitespace() || QUOTES.contains(c)) {
            break;
        }
        s += c.len_utf8();
    }
    while let Some(c) = text[s..e].chars().next_back() {
        if !(c.is_whitespace() || QUOTES.contains(c) || TRAILING.contains(c)) {
            break;
        }
        e -= c.len_utf8();
    }
    (s, e)
}

/// Appends the items of one paragraph's pairs.
pub(crate) fn items(
    text: &str,
    toks: &[RTok],
    low: &[String],
    pairs: &[Pair],
    quotes: &[QuoteSpan],
    out: &mut Vec<ReportedItem>,
) {
    for p in pairs {
        let (ci, cj) = (p.content.i, p.content.j);
        if only_function_words(&low[ci..cj]) {
            continue;
        }
        let (cs, ce) = (toks[ci].start, toks[cj - 1].end);
        let (s, e) = normalise(text, cs, ce);
        // quoted spans are sorted and do not overlap: only the last one starting
        // before `e` can reach into `s..e` (a binary search keeps this linear)
        let k = quotes.partition_point(|q| q.start < e);
        if k > 0 && quotes[k - 1].end > s {
            continue;
        }
        let span = |(i, j): (usize, usize)| (toks[i].start, toks[j - 1].end);
        out.push(ReportedItem {
            content: (cs, ce),
            cue: p.cue.map(|c| span((c.i, c.j))),
            source: p.source.map(span),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_strips_marks_and_trailing_punctuation() {
        let t = " “the plan is dead,” ";
        let (s, e) = normalise(t, 0, t.len());
        assert_eq!(&t[s..e], "the plan is dead");
        assert_eq!(normalise("..", 0, 2), (0, 0));
    }

    #[test]
    fn far_subjects_follow_and_or_a_break_before_a_participle() {
        let low = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let cue = |i| Run {
            role: super::super::decode::Role::Cue,
            i,
            j: i + 1,
        };
        assert!(far_subject_cue(&low("Voss urged it and said so"), cue(4)));
        assert!(far_subject_cue(&low("he left , saying so"), cue(3)));
        assert!(far_subject_cue(&low("he left – adding so"), cue(3)));
        assert!(!far_subject_cue(&low("he left , said Voss"), cue(3)));
        assert!(!far_subject_cue(&low("Voss said so"), cue(1)));
        assert!(!far_subject_cue(&low("said so"), cue(0)));
    }

    #[test]
    fn function_words_alone_are_not_content() {
        let w = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        assert!(only_function_words(&w("that ,")));
        assert!(only_function_words(&w(", .")));
        assert!(!only_function_words(&w("taxes")));
        assert!(!only_function_words(&w("that it")));
    }
}
