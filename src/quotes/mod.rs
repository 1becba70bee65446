//! Quotes: the mark scanner, quote kinds and attribution.
//!
//! - [`scan`](self) pairs double quote marks per paragraph (linear time; see
//!   `scan.rs`): “…”, „…“, «…», straight "…" and the wire-copy ''…'' paired by context;
//!   single marks and apostrophes never delimit a quote. A quote still open at the end
//!   of its paragraph ends there; when the next paragraph opens with a mark, that
//!   paragraph's quote is reported as a `continuation` of the same speaker (rule
//!   `C3`), one [`Quote`] per paragraph so that offsets stay within a paragraph.
//! - Attribution (`attrib.rs`) reads the tokens of the quote's sentence outside the
//!   marks and reports the pattern id of quote-patterns.md in [`Quote::rule`].
//! - Kinds: `direct` (own cue; the quote starts its sentence or follows an
//!   introduction ending in `:` or `,`), `partial` (a fragment embedded in a reported
//!   sentence with a cue), `continuation` (no cue of its own; inherits the speaker of
//!   an earlier quote: C1–C5), `other` (no cue: scare quotes, titles, nicknames).
//! - Speakers are [`Mention`]s in [`Document::speakers`](crate::Document): the entity
//!   mention inside the speaker phrase when there is one (gazetteer, linked or
//!   discovered), a resolved pronoun (source `Pronoun`), or the phrase itself (source
//!   `Nominal`: "a police spokeswoman", "officials").
//!
//! A relative "who" speaker (`Ruth Adeyemi, who chairs the union, said …`) resolves to the
//! mention right before it. Pronouns (he, she) resolve to the most recent person of
//! matching gender before them; mentions inside quotes are skipped; a quote by another
//! speaker in between blocks everyone but that speaker; a more recent person of
//! unknown gender makes the pronoun ambiguous and leaves it unresolved; an
//! unidentified capitalised name (a possible person, see the linking stage) between
//! the candidate and the pronoun leaves it unresolved. With no person of matching
//! gender, the nearest person of unknown gender is taken when it is the only
//! candidate, or when it is in the pronoun's paragraph with no other person between
//! (`Ortega said … “…,” she said.`); the pronoun then becomes that person's gender
//! evidence (`pronoun:she`). "they", "we", "I" stay unresolved.

pub(crate) mod attrib;
pub(crate) mod scan;

use crate::lexicon::{Gender, Lexicons};
use crate::link::Linked;
use crate::tokens::Tok;
use crate::{Candidates, Cluster, Mention, MentionSource, Quote};
use attrib::Who;

/// Turns the attributions computed during linking into quotes and speaker mentions,
/// and updates the clusters' quote counts.
///
/// ```
/// use namedrop::{link, extract_quotes, LinkOptions, Lexicons, NoEntities};
/// let text = "“We lost everything,” Dana Whitfield said.";
/// let lex = Lexicons::default();
/// let mut l = link(text, vec![], &NoEntities, &lex, &LinkOptions::default());
/// let (quotes, speakers) = extract_quotes(text, &mut l, &lex);
/// assert_eq!(quotes[0].rule, "A1");
/// let sp = &speakers[quotes[0].speaker.unwrap() as usize];
/// assert_eq!(&text[sp.start..sp.end], "Dana Whitfield");
/// ```
pub fn extract_quotes(
    text: &str,
    linked: &mut Linked,
    lex: &Lexicons,
) -> (Vec<Quote>, Vec<Mention>) {
    let toks = &linked.tokens;
    let attrs = &linked.attrs;
    let mut quotes: Vec<Quote> = Vec::with_capacity(attrs.len());
    let mut speakers: Vec<Mention> = Vec::new();
    // per quote: its speaker cluster (for pronoun blocking)
    let mut spk_cluster: Vec<Option<u32>> = Vec::with_capacity(attrs.len());
    let mut buf = String::new();
    let unknown_names = names_outside_quotes(&linked.unknown_names, attrs);
    for (qi, a) in attrs.iter().enumerate() {
        let sp = a.span;
        let speaker: Option<u32> = match a.who {
            Who::Nobody => None,
            Who::Inherit(p) => quotes.get(p).and_then(|q| q.speaker),
            Who::Np(s, e) => {
                let (bs, be) = (toks[s].start, toks[e - 1].end);
                let ents = &linked.entities;
                let i = ents.partition_point(|m| m.end <= bs);
                let inside: Vec<&Mention> = ents[i..]
                    .iter()
                    .take_while(|m| m.start < be)
                    .filter(|m| m.end <= be && m.start >= bs)
                    .collect();
                // an indefinite descriptor ("a spokesman for Northlink Rail") is the speaker
                // itself, not the organisation inside it
                let nominal = toks[s].kind == Tok::Word
                    && matches!(
                        toks[s].text(text).to_lowercase().as_str(),
                        "a" | "an" | "one" | "another" | "some" | "several"
                    );
                let pick = inside
                    .iter()
                    .find(|m| &*m.label == "PERSON")
                    .or(inside.first())
                    .copied()
                    .filter(|_| !nominal);
                let m = if let Some(m) = pick {
                    m.clone()
                } else if e - s == 1 && toks[s].kind == Tok::Word && {
                    buf.clear();
                    buf.extend(toks[s].text(text).chars().flat_map(char::to_lowercase));
                    lex.pronoun(&buf).is_some()
                } {
                    let pr = lex.pronoun(&buf).unwrap_or(crate::lexicon::Role {
                        gender: None,
                        plural: false,
                    });
                    let cluster = match pr.gender {
                        Some(g) if !pr.plural => {
                            let c = resolve_pronoun(
                                text,
                                bs,
                                g,
                                (sp.start, sp.end),
                                &linked.entities,
                                &linked.clusters,
                                &unknown_names,
                                &quotes,
                                &spk_cluster,
                            );
                            // the pronoun is gender evidence for a person without any
                            if let Some(cl) = c.map(|c| &mut linked.clusters[c as usize]) {
                                if cl.gender.is_none() {
                                    cl.gender = Some(g.as_str().to_string());
                                    cl.gender_evidence = Some(format!("pronoun:{}", &text[bs..be]));
                                }
                            }
                            c
                        }
                        // relative "who": the mention right before ", who"
                        _ if buf == "who" => {
                            let before = text[..bs].trim_end();
                            let before = before.strip_suffix(',').unwrap_or(before).trim_end();
                            let end = before.len();
                            let ents = &linked.entities;
                            let i = ents.partition_point(|m| m.end < end);
                            ents.get(i).filter(|m| m.end == end).and_then(|m| m.cluster)
                        }
                        _ => None,
                    };
                    let entity = cluster.and_then(|c| linked.clusters[c as usize].entity);
                    Mention {
                        start: bs,
                        end: be,
                        label: if pr.plural {
                            "GROUP".into()
                        } else {
                            "PERSON".into()
                        },
                        entity,
                        candidates: entity.into_iter().collect(),
                        cluster,
                        source: MentionSource::Pronoun,
                    }
                } else {
                    let mut label = "PERSON";
                    for t in &toks[s..e] {
                        if t.kind != Tok::Word {
                            continue;
                        }
                        if t.cap && lex.is_org_word(t.text(text)) {
                            label = "ORG";
                            break;
                        }
                        buf.clear();
                        buf.extend(t.text(text).chars().flat_map(char::to_lowercase));
                        if lex.role(&buf).is_some_and(|r| r.plural) {
                            label = "GROUP";
                        }
                    }
                    Mention {
                        start: bs,
                        end: be,
                        label: label.into(),
                        entity: None,
                        candidates: Candidates::default(),
                        cluster: None,
                        source: MentionSource::Nominal,
                    }
                };
                speakers.push(m);
                Some((speakers.len() - 1) as u32)
            }
        };
        let cluster = speaker.and_then(|i| speakers[i as usize].cluster);
        if let Some(c) = cluster {
            linked.clusters[c as usize].quotes += 1;
        }
        spk_cluster.push(cluster);
        let _ = qi;
        quotes.push(Quote {
            start: sp.start,
            end: sp.end,
            kind: a.kind,
            speaker,
            cue: a.cue.map(|(cs, ce)| (toks[cs].start, toks[ce - 1].end)),
            rule: a.rule,
            paragraph: sp.para,
        });
    }
    (quotes, speakers)
}

/// The unidentified names (sorted, disjoint byte spans) that no quote contains: a
/// pronoun is not resolved across one of them (a name inside a quote is not a
/// candidate referent). One merge-like pass over both sorted lists.
fn names_outside_quotes(names: &[(usize, usize)], attrs: &[attrib::Attr]) -> Vec<(usize, usize)> {
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
fn resolve_pronoun(
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
        if &*m.label != "PERSON" || m.end > pos || inside_quote(m.start) {
            continue;
        }
        if block.is_some() && m.start < block_start && Some(c) != allowed {
            if allowed.is_none() {
                break;
            }
            continue;
        }
        let cg = clusters[c as usize]
            .gender
            .as_deref()
            .and_then(Gender::parse);
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
    // the only one, or when it is in the pronoun's paragraph with no other person
    // between (the salient one: "Ortega said … “…,” she said.")
    if unknown.len() == 1 || (!other_first && !text[nend..pos].contains('\n')) {
        Some(nc)
    } else {
        None
    }
}
