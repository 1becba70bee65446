//! Tags -> reported-speech items (`tools/reported/decode.py`): runs of one role; a
//! content run over a sentence end keeps the sentence where it starts (content before
//! its cue: where it ends); each content run takes the nearest cue run of its
//! sentence (else of a neighbouring one) and the source run nearest that cue in the
//! cue's sentence (else, for a cue whose subject can be far from it,
//! `items::far_subject_cue`, the nearest pronoun, role noun or
//! person/organisation/group/place mention of the sentence, before the cue first;
//! else none, and the stage drops the item); a run of function words only is dropped.

use super::lexicon::Lex;
use crate::lexicon::reported_words;

/// The role of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Src,
    Cue,
    /// Content; `Some(true)`: after its cue, `Some(false)`: before it, `None`: no cue.
    Con(Option<bool>),
}

/// A label's role and whether it begins a run (`B-`); `None` for "O".
pub(crate) fn parse_label(label: &str) -> Result<Option<(bool, Role)>, String> {
    if label == "O" {
        return Ok(None);
    }
    let (b, role) = match label.split_at_checked(2) {
        Some(("B-", r)) => (true, r),
        Some(("I-", r)) => (false, r),
        _ => return Err(format!("label {label:?} is neither O nor B-/I-")),
    };
    let role = match role {
        "SRC" => Role::Src,
        "CUE" => Role::Cue,
        "CON" => Role::Con(None),
        "CONa" => Role::Con(Some(true)),
        "CONb" => Role::Con(Some(false)),
        _ => return Err(format!("unknown role in label {label:?}")),
    };
    Ok(Some((b, role)))
}

/// A run of tokens `i..j` of one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub role: Role,
    pub i: usize,
    pub j: usize,
}

/// `decode.spans_of`: a run ends at O, at a B- tag, or where the role changes.
pub(crate) fn runs(tags: &[Option<(bool, Role)>], out: &mut Vec<Run>) {
    out.clear();
    let mut cur: Option<(Role, usize)> = None;
    for (i, t) in tags.iter().map(Some).chain([None]).enumerate() {
        let t = t.copied().flatten();
        let ends = match (t, cur) {
            (_, None) => false,
            (None, _) => true,
            (Some((b, role)), Some((r, _))) => b || role != r,
        };
        if ends {
            let (role, start) = cur.take().expect("cur is set");
            out.push(Run {
                role,
                i: start,
                j: i,
            });
        }
        if let (Some((_, role)), None) = (t, cur) {
            cur = Some((role, i));
        }
    }
}

/// `decode.cut`: a content run over a sentence end keeps one sentence.
pub(crate) fn cut(r: Run, sent: &[u32]) -> Run {
    let Role::Con(side) = r.role else { return r };
    if sent[r.i] == sent[r.j - 1] {
        return r;
    }
    if side == Some(false) {
        let mut k = r.j - 1;
        while k > r.i && sent[k - 1] == sent[r.j - 1] {
            k -= 1;
        }
        return Run { i: k, ..r };
    }
    let mut k = r.i + 1;
    while k < r.j && sent[k] == sent[r.i] {
        k += 1;
    }
    Run { j: k, ..r }
}

/// `… said she would not run and predicted that Lee would win`: content after its
/// cue that runs on into a second verb phrase is two items. At "and"/"but"
/// (`second_verb_phrase_openers`, a comma before it dropped) followed by a one-word cue
/// of `cues.tsv`, the paired content is cut: the first part keeps its cue and source,
/// the words after the second cue become an item of that cue with the same source.
/// The words are not parsed: a cue word that is a noun there (`… and reading
/// programs`) cuts too, which on PolNeAR train costs fewer items than requiring a
/// complement opener after the cue does. `low`: the paragraph's lowercase tokens.
pub(crate) fn split_coordinated(pairs: &mut Vec<Pair>, low: &[String], lex: &Lex) {
    if !pairs
        .iter()
        .any(|p| p.content.role == Role::Con(Some(true)))
    {
        return;
    }
    let openers = &reported_words().second_verb_phrase_openers;
    let second_cue = |k: usize| openers.contains(&low[k].as_str()) && lex.listed_cue(&low[k + 1]);
    let mut out = Vec::with_capacity(pairs.len() + 2);
    for &p in pairs.iter() {
        let mut rest = p;
        while rest.content.role == Role::Con(Some(true)) {
            let c = rest.content;
            // the opener after at least one content word, the content after the cue
            let Some(k) = (c.i + 1..c.j.saturating_sub(2)).find(|&k| second_cue(k)) else {
                break;
            };
            let end = if low[k - 1] == "," { k - 1 } else { k };
            if end > c.i {
                out.push(Pair {
                    content: Run { j: end, ..c },
                    ..rest
                });
            }
            let cue = Run {
                role: Role::Cue,
                i: k + 1,
                j: k + 2,
            };
            rest = Pair {
                content: Run { i: k + 2, ..c },
                cue: Some(cue),
                ..rest
            };
        }
        out.push(rest);
    }
    *pairs = out;
}

/// Tokens between two runs (0 when they overlap).
fn dist(a: Run, b: Run) -> usize {
    if a.j <= b.i {
        b.i - a.j
    } else {
        a.i.saturating_sub(b.j)
    }
}

/// The runs of `pool` (sorted, not overlapping) that start in sentences `lo..=hi`: a
/// contiguous slice, as sentence ids grow with the tokens.
fn in_sentences<'a>(pool: &'a [Run], sent: &[u32], (lo, hi): (u32, u32)) -> &'a [Run] {
    let a = pool.partition_point(|r| sent[r.i] < lo);
    let b = pool.partition_point(|r| sent[r.i] <= hi);
    &pool[a..b.max(a)]
}

/// The runs of `pool` in the sentence of `at`, else within one sentence of it.
fn near<'a>(pool: &'a [Run], sent: &[u32], at: usize) -> &'a [Run] {
    let s = sent[at];
    let same = in_sentences(pool, sent, (s, s));
    if same.is_empty() {
        in_sentences(pool, sent, (s.saturating_sub(1), s + 1))
    } else {
        same
    }
}

/// The run of `pool` nearest to `to` (fewest tokens between), the earlier one on a
/// tie, as `min_by_key` over all of them gives: in a sorted pool of runs that do not
/// overlap `to`, the nearest is the last one before `to` or the first one after it.
fn nearest(pool: &[Run], to: Run) -> Option<Run> {
    let k = pool.partition_point(|r| r.i < to.i);
    let before = k.checked_sub(1).map(|b| pool[b]);
    let after = pool.get(k).copied();
    match (before, after) {
        (Some(b), Some(a)) if dist(a, to) < dist(b, to) => Some(a),
        (Some(b), _) => Some(b),
        (None, a) => a,
    }
}

/// One paired content run: token ranges within the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pair {
    pub content: Run,
    pub cue: Option<Run>,
    pub source: Option<(usize, usize)>,
}

/// `decode.pair`: each content run with its cue and source. `cand[k]`: token `k` can
/// be a source by itself (the fallback, for a cue that `may_fall_back` accepts).
pub(crate) fn pair(
    runs: &[Run],
    sent: &[u32],
    cand: &[bool],
    may_fall_back: impl Fn(Run) -> bool,
    out: &mut Vec<Pair>,
) {
    out.clear();
    let by = |want: fn(Role) -> bool| -> Vec<Run> {
        runs.iter().copied().filter(|r| want(r.role)).collect()
    };
    let cues = by(|r| r == Role::Cue);
    let srcs = by(|r| r == Role::Src);
    for c in runs
        .iter()
        .copied()
        .filter(|r| matches!(r.role, Role::Con(_)))
    {
        // the nearest, the first of equal ones (as Python's min in decode.py); both
        // found by binary search, so a paragraph of many runs stays linear
        let cue = nearest(near(&cues, sent, c.i), c);
        let anchor = cue.unwrap_or(c);
        // the source run of the cue's own sentence only: one from a neighbouring
        // sentence was the source in 5 of 187 cases (PolNeAR train)
        let s = sent[anchor.i];
        let src = nearest(in_sentences(&srcs, sent, (s, s)), anchor)
            .map(|s| (s.i, s.j))
            .or_else(|| {
                cue.filter(|&q| may_fall_back(q))
                    .and_then(|_| fallback_source(c, anchor, sent, cand))
            });
        out.push(Pair {
            content: c,
            cue,
            source: src,
        });
    }
}

/// How far (tokens) the fallback looks from its anchor: a bound that keeps a sentence
/// of thousands of tokens linear; news sentences are far shorter.
const FALLBACK_REACH: usize = 200;

/// The nearest candidate token of the anchor's sentence outside the content: before
/// the anchor first (the anchor itself included), else after it.
fn fallback_source(c: Run, anchor: Run, sent: &[u32], cand: &[bool]) -> Option<(usize, usize)> {
    let a0 = anchor.i;
    let ok = |k: usize| cand[k] && sent[k] == sent[a0] && !(c.i <= k && k < c.j);
    let lo = a0.saturating_sub(FALLBACK_REACH);
    let hi = (a0 + FALLBACK_REACH).min(cand.len().saturating_sub(1));
    (lo..=a0)
        .rev()
        .find(|&k| ok(k))
        .or_else(|| (a0 + 1..=hi).find(|&k| ok(k)))
        .map(|k| (k, k + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Option<(bool, Role)>> {
        s.split_whitespace()
            .map(|t| parse_label(t).unwrap())
            .collect()
    }

    #[test]
    fn runs_break_at_b_and_role_changes() {
        let mut out = Vec::new();
        runs(
            &tags("B-SRC I-SRC B-CUE I-CONa I-CONa O I-SRC B-SRC"),
            &mut out,
        );
        let got: Vec<_> = out.iter().map(|r| (r.i, r.j)).collect();
        assert_eq!(got, [(0, 2), (2, 3), (3, 5), (6, 7), (7, 8)]);
        assert!(parse_label("X-SRC").is_err() && parse_label("B-FOO").is_err());
    }

    #[test]
    fn content_over_a_sentence_end_keeps_one_sentence() {
        let sent = [0, 0, 1, 1];
        let after = Run {
            role: Role::Con(Some(true)),
            i: 0,
            j: 4,
        };
        assert_eq!(cut(after, &sent), Run { j: 2, ..after });
        let before = Run {
            role: Role::Con(Some(false)),
            ..after
        };
        assert_eq!(cut(before, &sent), Run { i: 2, ..before });
    }

    #[test]
    fn content_into_a_second_verb_phrase_is_cut_before_it() {
        let lex = Lex::new();
        let low = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        // Lee said it failed , and predicted that it would pass
        let words = low("lee said it failed , and predicted that it would pass");
        let t = tags("B-SRC B-CUE B-CONa I-CONa I-CONa I-CONa I-CONa I-CONa I-CONa I-CONa I-CONa");
        let (mut r, mut pairs) = (Vec::new(), Vec::new());
        runs(&t, &mut r);
        pair(&r, &[0; 11], &[false; 11], |_| false, &mut pairs);
        split_coordinated(&mut pairs, &words, &lex);
        let got: Vec<_> = pairs
            .iter()
            .map(|p| {
                (
                    (p.content.i, p.content.j),
                    p.cue.map(|c| (c.i, c.j)),
                    p.source,
                )
            })
            .collect();
        let src = Some((0, 1));
        assert_eq!(
            got,
            [((2, 4), Some((1, 2)), src), ((7, 11), Some((6, 7)), src)]
        );
        // "and" before a word that is no cue stays inside the content
        let words = low("lee said costs and taxes would rise");
        let t = tags("B-SRC B-CUE B-CONa I-CONa I-CONa I-CONa I-CONa");
        runs(&t, &mut r);
        pair(&r, &[0; 7], &[false; 7], |_| false, &mut pairs);
        let before = pairs.clone();
        split_coordinated(&mut pairs, &words, &lex);
        assert_eq!(pairs, before);
    }

    #[test]
    fn pairs_take_the_nearest_cue_and_source() {
        // Officials said the plan is dead , Lee said .
        let t = tags("B-SRC B-CUE B-CONa I-CONa I-CONa I-CONa O B-SRC B-CUE O");
        let sent = [0; 10];
        let mut r = Vec::new();
        runs(&t, &mut r);
        let mut out = Vec::new();
        pair(&r, &sent, &[false; 10], |_| true, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].cue.map(|c| c.i), Some(1));
        assert_eq!(out[0].source, Some((0, 1)));
        // no source run: the nearest candidate token before the cue
        let t = tags("O B-CUE B-CONa I-CONa");
        runs(&t, &mut r);
        pair(&r, &[0; 4], &[true, false, true, false], |_| true, &mut out);
        assert_eq!(out[0].source, Some((0, 1)));
        // ... only for a cue the gate accepts: else no source
        pair(
            &r,
            &[0; 4],
            &[true, false, true, false],
            |_| false,
            &mut out,
        );
        assert_eq!(out[0].source, None);
    }

    #[test]
    fn a_source_run_of_another_sentence_is_not_the_cues() {
        // Lee left . He said the plan is dead : the cue's sentence has no source run
        let t = tags("B-SRC O O O B-CUE B-CONa I-CONa I-CONa I-CONa O");
        let sent = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
        let mut r = Vec::new();
        runs(&t, &mut r);
        let mut out = Vec::new();
        pair(&r, &sent, &[false; 10], |_| false, &mut out);
        assert_eq!(out[0].source, None);
        // the same run in the cue's sentence is its source
        pair(&r, &[0; 10], &[false; 10], |_| false, &mut out);
        assert_eq!(out[0].source, Some((0, 1)));
    }
}
