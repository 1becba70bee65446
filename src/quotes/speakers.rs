//! One speaker per attributed quote: the entity mention inside the speaker phrase, a
//! resolved pronoun, a relative "who", or the phrase itself as a nominal speaker.

use crate::attribution::tokens::{Tok, Token};
use crate::attribution::{outer_subject, Attr, Who};
use crate::lexicon::{link_words, Lexicons, Role};
use crate::link::Linked;
use crate::{Candidates, Label, Mention, MentionSource, Quote, QuoteKind, GROUP, ORG, PERSON};

use super::pronouns::{names_outside_quotes, resolve_pronoun};

/// Turns the attributions into quotes and speaker mentions, and updates the
/// clusters' quote counts (and a cluster's gender from a resolved pronoun).
///
/// `attrs` are the quoted spans, `reported` the reported-speech items (both in text
/// order). The quoted spans are resolved first, exactly as without reported speech:
/// a pronoun's antecedent search reads only quoted spans (a quote by another speaker
/// blocks, a name inside quote marks is no antecedent), so a name inside reported
/// content ("Lee said Voss lied. She …") stays one. The two lists are then merged in
/// text order, and the speakers renumbered in the order quotes first use them.
pub(crate) fn resolve(
    text: &str,
    toks: &[Token],
    attrs: &[Attr],
    reported: &[Attr],
    linked: &mut Linked,
    lex: &Lexicons,
) -> (Vec<Quote>, Vec<Mention>) {
    let mut cx = Speakers {
        text,
        toks,
        lex,
        quotes: Vec::with_capacity(attrs.len() + reported.len()),
        speakers: Vec::new(),
        spk_cluster: Vec::with_capacity(attrs.len()),
        quoted: None,
        unknown_names: names_outside_quotes(&linked.unknown_names, attrs),
        buf: String::new(),
    };
    for a in attrs {
        cx.add(a, linked);
    }
    let quoted = cx.quotes.len();
    cx.quoted = Some(quoted);
    for a in reported {
        cx.add(a, linked);
    }
    in_text_order(cx.quotes, quoted, cx.speakers)
}

/// Merges the quoted (`quotes[..quoted]`) and reported quotes, each in text order,
/// into one list in text order (a quoted span first on a tie), and renumbers the
/// speakers in the order of their first quote.
fn in_text_order(
    quotes: Vec<Quote>,
    quoted: usize,
    speakers: Vec<Mention>,
) -> (Vec<Quote>, Vec<Mention>) {
    if quoted == quotes.len() {
        return (quotes, speakers);
    }
    // a stable sort of the two sorted runs is their merge (a quoted span first on a
    // tie, as it comes first)
    let mut merged = quotes;
    merged.sort_by_key(|q| q.start);
    const UNSEEN: u32 = u32::MAX;
    let mut new_index = vec![UNSEEN; speakers.len()];
    let mut order: Vec<usize> = Vec::with_capacity(speakers.len());
    for q in &mut merged {
        if let Some(s) = q.speaker {
            let slot = &mut new_index[s as usize];
            if *slot == UNSEEN {
                *slot = order.len() as u32;
                order.push(s as usize);
            }
            q.speaker = Some(*slot);
        }
    }
    let mut old: Vec<Option<Mention>> = speakers.into_iter().map(Some).collect();
    let renumbered = order.into_iter().filter_map(|s| old[s].take()).collect();
    (merged, renumbered)
}

/// The quotes and speakers made so far, and what a pronoun's resolution reads.
struct Speakers<'a> {
    text: &'a str,
    toks: &'a [Token],
    lex: &'a Lexicons,
    quotes: Vec<Quote>,
    speakers: Vec<Mention>,
    /// per quote: its speaker cluster (for pronoun blocking)
    spk_cluster: Vec<Option<u32>>,
    /// Once the quoted spans are done: how many quotes they made (the rest are
    /// reported speech, which pronoun resolution does not read).
    quoted: Option<usize>,
    unknown_names: Vec<(usize, usize)>,
    buf: String,
}

impl Speakers<'_> {
    /// Resolves one attribution's speaker and appends its quote.
    fn add(&mut self, a: &Attr, linked: &mut Linked) {
        let speaker: Option<u32> = match a.who {
            Who::Nobody => None,
            Who::Inherit(p) => self.quotes.get(p).and_then(|q| q.speaker),
            Who::Np(s, e) => {
                let mut m = self.phrase_speaker(s, e, a, linked);
                if e == s + 1 && m.source == MentionSource::Pronoun {
                    if let Some(outer) = self.outer_speaker(s, &m, a, linked) {
                        m = outer;
                    }
                }
                self.speakers.push(m);
                Some((self.speakers.len() - 1) as u32)
            }
        };
        let cluster = speaker.and_then(|i| self.speakers[i as usize].cluster);
        if let Some(c) = cluster.map(|c| &mut linked.clusters[c as usize]) {
            c.quotes += 1;
            c.indirect_quotes += u32::from(a.kind == QuoteKind::Indirect);
        }
        if self.quoted.is_none() {
            self.spk_cluster.push(cluster);
        }
        let (sp, toks) = (a.span, self.toks);
        self.quotes.push(Quote {
            start: sp.start,
            end: sp.end,
            kind: a.kind,
            speaker,
            cue: a.cue.map(|(cs, ce)| (toks[cs].start(), toks[ce - 1].end())),
            rule: a.rule,
            paragraph: sp.para,
        });
    }

    /// The speaker of the phrase at tokens [s, e).
    fn phrase_speaker(&mut self, s: usize, e: usize, a: &Attr, linked: &mut Linked) -> Mention {
        let (toks, text) = (self.toks, self.text);
        let (bs, be) = (toks[s].start(), toks[e - 1].end());
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
            && link_words()
                .indefinite_descriptors
                .contains(&toks[s].text(text).to_lowercase().as_str());
        let pick = inside
            .iter()
            .find(|m| &*m.label == PERSON)
            .or(inside.first())
            .copied()
            .filter(|_| !nominal);
        if let Some(m) = pick {
            return m.clone();
        }
        if e - s == 1 && toks[s].kind == Tok::Word && {
            self.buf.clear();
            self.buf
                .extend(toks[s].text(text).chars().flat_map(char::to_lowercase));
            self.lex.pronoun(&self.buf).is_some()
        } {
            return self.pronoun_speaker(bs, be, a, linked);
        }
        let mut m = self.nominal_speaker(s, e);
        // a role nominal ("the president said") names the one holder of the office
        // in the document, found by the linking stage (issue 14, cause 4)
        if let Some(c) = linked.nominal_holder(bs) {
            m.cluster = Some(c);
            m.entity = linked.clusters[c as usize].entity;
            m.candidates = m.entity.into_iter().collect();
        }
        m
    }

    /// The subject of an outer cue ("Lynch" in "Lynch said she recalled …") when it
    /// names the same person as the pronoun `inner` at token `s`: the same cluster, or
    /// the same pronoun ("She said she …") where neither resolved.
    fn outer_speaker(
        &mut self,
        s: usize,
        inner: &Mention,
        a: &Attr,
        linked: &mut Linked,
    ) -> Option<Mention> {
        let (os, oe) = outer_subject(self.text, self.toks, self.lex, s)?;
        let outer = self.phrase_speaker(os, oe, a, linked);
        let text = self.text;
        let same = match (outer.cluster, inner.cluster) {
            (Some(x), Some(y)) => x == y,
            (None, None) => {
                outer.source == MentionSource::Pronoun
                    && text[outer.start..outer.end]
                        .eq_ignore_ascii_case(&text[inner.start..inner.end])
            }
            _ => false,
        };
        same.then_some(outer)
    }

    /// A pronoun speaker (its lowercase form is in `buf`): he/she resolved to a
    /// person, a relative "who" to the mention right before it, others unresolved.
    fn pronoun_speaker(&mut self, bs: usize, be: usize, a: &Attr, linked: &mut Linked) -> Mention {
        let text = self.text;
        let pr = self.lex.pronoun(&self.buf).unwrap_or(Role {
            gender: None,
            plural: false,
        });
        let sp = a.span;
        let cluster = match pr.gender {
            Some(g) if !pr.plural => {
                let c = resolve_pronoun(
                    text,
                    bs,
                    g,
                    (sp.start, sp.end),
                    &linked.entities,
                    &linked.clusters,
                    &self.unknown_names,
                    &self.quotes[..self.quoted.unwrap_or(self.quotes.len())],
                    &self.spk_cluster,
                );
                // the pronoun is gender evidence for a person without any
                if let Some(cl) = c.map(|c| &mut linked.clusters[c as usize]) {
                    if cl.gender.is_none() {
                        cl.gender = Some(g);
                        cl.gender_evidence = Some(format!("pronoun:{}", &text[bs..be]));
                    }
                }
                c
            }
            // relative "who": the mention right before ", who"
            _ if self.buf == "who" => {
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
            label: Label::from(if pr.plural { GROUP } else { PERSON }),
            entity,
            candidates: entity.into_iter().collect(),
            cluster,
            source: MentionSource::Pronoun,
        }
    }

    /// The phrase itself as the speaker ("a police spokeswoman", "officials"): an
    /// organisation when it holds an organisation word, a group when a plural role.
    fn nominal_speaker(&mut self, s: usize, e: usize) -> Mention {
        let (toks, text) = (self.toks, self.text);
        let mut label = PERSON;
        for t in &toks[s..e] {
            if t.kind != Tok::Word {
                continue;
            }
            if t.cap() && self.lex.is_org_word(t.text(text)) {
                label = ORG;
                break;
            }
            self.buf.clear();
            self.buf
                .extend(t.text(text).chars().flat_map(char::to_lowercase));
            if self.lex.role(&self.buf).is_some_and(|r| r.plural) {
                label = GROUP;
            }
        }
        Mention {
            start: toks[s].start(),
            end: toks[e - 1].end(),
            label: Label::from(label),
            entity: None,
            candidates: Candidates::default(),
            cluster: None,
            source: MentionSource::Nominal,
        }
    }
}
