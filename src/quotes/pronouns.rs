//! Pronoun speakers: the person a he/she pronoun refers to (see the module docs of
//! `crate::quotes`).

use crate::attribution::Attr;
use crate::{Cluster, Gender, Mention, Quote, PERSON};

/// The unidentified names (sorted, disjoint byte spans) that no quote contains: a
/// pronoun is not resolved across one of them (a name inside a quote is not a
/// candidate referent). One merge-like pass over both sorted lists.
pub(super) fn names_outside_quotes(
    names: &[(usize, usize)],
    attrs: &[Attr],
) -> Vec<(usize, usize)> {
    let mut q = 0;
    names
        .iter()
        .copied()
        .filter(|&(s, _)| {
            while q < attrs.len() && attrs[q].span.end <= s {
                q += 1;
            }
            !(q < attrs.len() && attrs[q].span.start <= s)
        })
        .collect()
}

/// The person a he/she pronoun at byte `pos` refers to (see the module docs), or
/// `None` when unresolved.
#[allow(clippy::too_many_arguments)]
pub(super) fn resolve_pronoun(
    text: &str,
    pos: usize,
    g: Gender,
    current: (usize, usize),
    ents: &[Mention],
    clusters: &[Cluster],
    unknown_names: &[(usize, usize)],
    prev: &[Quote],
    prev_cluster: &[Option<u32>],
) -> Option<u32> {
    let Antecedents {
        nearest,
        other_first,
        matched,
        unknown,
    } = antecedents(pos, g, current, ents, clusters, prev, prev_cluster);
    let (nc, nend) = nearest?;
    // a capitalised name the linking stage could not identify (a possible person)
    // between the candidate and the pronoun: do not skip over it. `unknown_names`
    // holds only names outside quotes, so one search answers (linear documents).
    let j = unknown_names.partition_point(|&(s, _)| s < nend);
    if unknown_names.get(j).is_some_and(|&(s, _)| s < pos) {
        return None;
    }
    if let Some(c) = matched {
        // a more recent person of unknown gender makes it ambiguous
        return if unknown.iter().any(|&u| u != c) {
            None
        } else {
            Some(c)
        };
    }
    // no person of matching gender: the nearest person of unknown gender when it is
    // the only one, or when it is in the pronoun's paragraph or the one before with no
    // other person between (the salient one: "Ortega said … “…,” she said.", or
    // "Pritzker insisted … ¶ “…,” she said.")
    if unknown.len() == 1 || (!other_first && within_a_paragraph(text, nend, pos)) {
        Some(nc)
    } else {
        None
    }
}

/// How far back (bytes) a salient person of unknown gender stays in reach: a news
/// paragraph is rarely longer, and the bound keeps every pronoun's check constant.
const SALIENT_REACH: usize = 1500;

/// `end` is at most one paragraph break before `pos`, and within [`SALIENT_REACH`].
fn within_a_paragraph(text: &str, end: usize, pos: usize) -> bool {
    if pos - end > SALIENT_REACH {
        return false;
    }
    let gap = &text[end..pos];
    // a whole non-blank line between the two is a paragraph in between: text between
    // the gap's first and last line breaks that is not all whitespace
    match (gap.find('\n'), gap.rfind('\n')) {
        (Some(first), Some(last)) if first < last => gap[first + 1..last].trim().is_empty(),
        _ => true,
    }
}

/// What the walk back from a pronoun found.
struct Antecedents {
    /// The nearest compatible person (cluster, end of its mention).
    nearest: Option<(u32, usize)>,
    /// A person of the other gender stands before any compatible one.
    other_first: bool,
    /// The nearest person of matching gender.
    matched: Option<u32>,
    /// The people of unknown gender on the way (nearest first).
    unknown: Vec<u32>,
}

/// Walks back over at most 60 mentions before the pronoun at `pos`: persons outside
/// quotes, and, past the last quote of another speaker, only that speaker.
fn antecedents(
    pos: usize,
    g: Gender,
    current: (usize, usize),
    ents: &[Mention],
    clusters: &[Cluster],
    prev: &[Quote],
    prev_cluster: &[Option<u32>],
) -> Antecedents {
    // the blocking quote: the last earlier quote that ends before the pronoun
    // quotes are in text order and do not overlap: their ends are sorted too
    let block = prev
        .partition_point(|q| q.end <= pos && q.start < current.0)
        .checked_sub(1);
    let (block_start, allowed) = match block {
        Some(b) => (prev[b].start, prev_cluster[b]),
        None => (0, None),
    };
    let inside_quote = |p: usize| {
        let i = prev.partition_point(|q| q.start <= p);
        (i > 0 && prev[i - 1].end > p) || (current.0 <= p && p < current.1)
    };
    let mut unknown: Vec<u32> = Vec::new();
    // the nearest compatible person (cluster, end of its mention), whether another
    // person stands between it and the pronoun, and a person of matching gender
    let mut nearest: Option<(u32, usize)> = None;
    let mut other_first = false;
    let mut matched = None;
    let i = ents.partition_point(|m| m.start < pos);
    for m in ents[..i].iter().rev().take(60) {
        let Some(c) = m.cluster else { continue };
        // a mention that runs over the pronoun ("to She added" in a gazetteer) is no
        // antecedent of it
        if &*m.label != PERSON || m.end > pos || inside_quote(m.start) {
            continue;
        }
        if block.is_some() && m.start < block_start && Some(c) != allowed {
            if allowed.is_none() {
                break;
            }
            continue;
        }
        let cg = clusters[c as usize].gender;
        match cg {
            Some(cg) if cg == g => {
                nearest.get_or_insert((c, m.end));
                matched = Some(c);
                break;
            }
            Some(_) => other_first |= nearest.is_none(),
            None => {
                nearest.get_or_insert((c, m.end));
                if !unknown.contains(&c) {
                    unknown.push(c);
                }
            }
        }
    }
    Antecedents {
        nearest,
        other_first,
        matched,
        unknown,
    }
}
