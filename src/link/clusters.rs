//! Clusters: one per referent, built in one pass over the tokens in text order. A
//! gazetteer mention opens (or joins) its entity's cluster; a discovered name opens a
//! document-local one; a later full local name, surname or title + surname joins the
//! most recently named person with that surname.

use crate::{FastMap, FastSet};

use crate::attribution::tokens::{Tok, Token};
use crate::lexicon::{link_words, Lexicons};
use crate::{Candidates, Cluster, Gender, Label, Mention, MentionSource, PERSON};

use super::context::{GPE, LOC};
use super::discover::{Appositive, NameFound};
use super::facts::Facts;
use super::names::{surname, title_at};
use super::EntityInfo;

/// Cluster key while building.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Entity(u32),
    Local(usize),
}

/// The clusters made so far and the key of each.
struct Builder {
    keys: FastMap<Key, u32>,
    clusters: Vec<Cluster>,
}

impl Builder {
    fn cluster(&mut self, key: Key, make: impl FnOnce() -> Cluster) -> u32 {
        if let Some(&c) = self.keys.get(&key) {
            return c;
        }
        let c = self.clusters.len() as u32;
        self.clusters.push(make());
        self.keys.insert(key, c);
        c
    }

    fn set_gender(&mut self, c: u32, g: Gender, evidence: String) {
        let cl = &mut self.clusters[c as usize];
        if cl.gender.is_none() {
            cl.gender = Some(g);
            cl.gender_evidence = Some(evidence);
        }
    }
}

/// The clusters of gazetteer mentions alone (linking off): every resolved mention
/// joins its entity's cluster, in text order.
pub(super) fn group(
    text: &str,
    mentions: Vec<Mention>,
    info: &dyn EntityInfo,
) -> (Vec<Mention>, Vec<Cluster>) {
    let facts = Facts::default();
    let mut cx = Emitter::new(text, &[], info, &facts, None);
    for m in mentions {
        cx.emit_gazetteer(m);
    }
    (cx.out, cx.b.clusters)
}

/// What the one pass reads: the text, its tokens, the gazetteer mentions (sorted by
/// start, longest first), the discovered names (by start) and gendered appositives.
pub(super) struct Input<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub mentions: &'a [Mention],
    pub found: &'a [NameFound],
    pub appositives: Vec<Appositive>,
}

/// The mentions and clusters of a document, and the offices its text gives people.
pub(super) struct Built {
    pub entities: Vec<Mention>,
    pub clusters: Vec<Cluster>,
    /// (byte start of a mention, its cluster, the office of the title before it):
    /// "President Biden" gives Biden's cluster "president".
    pub offices: Vec<(usize, u32, String)>,
}

/// Walks the tokens once, emitting gazetteer mentions, discovered names and linked
/// short forms (see the module docs).
pub(super) fn build(
    input: Input<'_>,
    info: &dyn EntityInfo,
    facts: &Facts,
    lex: &Lexicons,
) -> Built {
    let Input {
        text,
        toks,
        mentions,
        found,
        appositives,
    } = input;
    let mut cx = Emitter::new(text, toks, info, facts, Some(lex));
    cx.out.reserve(mentions.len() + found.len() * 2);
    let (mut mi, mut fi, mut k) = (0usize, 0usize, 0usize);
    while k < toks.len() {
        let t = toks[k];
        // skip tokens covered by a gazetteer mention; emit the mention
        while mi < mentions.len() && mentions[mi].end <= t.start() {
            cx.emit_gazetteer(mentions[mi].clone());
            mi += 1;
        }
        if mi < mentions.len() && mentions[mi].start <= t.start() {
            let end = mentions[mi].end;
            cx.emit_gazetteer_at(mentions[mi].clone(), k);
            mi += 1;
            while k < toks.len() && toks[k].start() < end {
                k += 1;
            }
            continue;
        }
        // a discovered name starting here
        while fi < found.len() && found[fi].s < k {
            fi += 1;
        }
        if fi < found.len() && found[fi].s == k {
            let f = &found[fi];
            let (s, e) = (toks[f.s].start(), toks[f.e - 1].end());
            if overlaps_any(mentions, s, e).is_none() {
                if f.e - f.s == 1 {
                    cx.emit_surname(f);
                } else {
                    cx.emit_discovered(f);
                }
                k = f.e;
                fi += 1;
                continue;
            }
        }
        if let Some(e) = cx.local_name_at(k) {
            k = e;
            continue;
        }
        cx.surname_at(k);
        k += 1;
    }
    for m in &mentions[mi..] {
        cx.emit_gazetteer(m.clone());
    }
    cx.appositive_genders(appositives);
    Built {
        entities: cx.out,
        clusters: cx.b.clusters,
        offices: cx.offices,
    }
}

/// A function word or a month or day name ("May", "Will"), as written.
fn function_or_calendar(lex: &Lexicons, w: &str) -> bool {
    lex.is_stop_word(w) || lex.is_calendar(w)
}

fn overlaps_any(ms: &[Mention], s: usize, e: usize) -> Option<&Mention> {
    // mentions sorted by start: binary search the first that ends after s
    let i = ms.partition_point(|m| m.end <= s);
    ms[i..].iter().take_while(|m| m.start < e).next()
}

/// The state of one pass: clusters, emitted mentions and the names seen so far.
struct Emitter<'a> {
    text: &'a str,
    toks: &'a [Token],
    info: &'a dyn EntityInfo,
    facts: &'a Facts,
    lex: Option<&'a Lexicons>,
    b: Builder,
    /// see [`Built::offices`]
    offices: Vec<(usize, u32, String)>,
    out: Vec<Mention>,
    /// surname -> cluster (the most recent full-name mention wins)
    surnames: FastMap<String, u32>,
    /// first-name + surname of discovered people -> cluster
    local_names: FastMap<String, u32>,
    local_keys: FastMap<String, usize>,
    local_firsts: FastSet<String>,
    person: Label,
    buf: String,
}

impl<'a> Emitter<'a> {
    fn new(
        text: &'a str,
        toks: &'a [Token],
        info: &'a dyn EntityInfo,
        facts: &'a Facts,
        lex: Option<&'a Lexicons>,
    ) -> Self {
        Emitter {
            text,
            toks,
            info,
            facts,
            lex,
            offices: Vec::new(),
            b: Builder {
                keys: FastMap::default(),
                clusters: Vec::new(),
            },
            out: Vec::new(),
            surnames: FastMap::default(),
            local_names: FastMap::default(),
            local_keys: FastMap::default(),
            local_firsts: FastSet::default(),
            person: Label::from(PERSON),
            buf: String::new(),
        }
    }

    fn emit_gazetteer(&mut self, mut m: Mention) {
        let (info, text) = (self.info, self.text);
        if let Some(e) = m.entity {
            let label: Label = if info.label(e).is_empty() {
                m.label.clone()
            } else {
                Label::from(info.label(e))
            };
            let c = self.b.cluster(Key::Entity(e), || Cluster {
                name: if info.name(e).is_empty() {
                    text[m.start..m.end].to_string()
                } else {
                    info.name(e).to_string()
                },
                label: label.clone(),
                entity: Some(e),
                gender: None,
                gender_evidence: None,
                mentions: 0,
                quotes: 0,
                indirect_quotes: 0,
            });
            if let Some(g) = info.gender(e).and_then(Gender::parse) {
                self.b.set_gender(c, g, "gazetteer".to_string());
            }
            self.b.clusters[c as usize].mentions += 1;
            m.cluster = Some(c);
            if &*label == PERSON && text[m.start..m.end].split_whitespace().count() >= 2 {
                let name = info.name(e);
                let name = if name.is_empty() {
                    &text[m.start..m.end]
                } else {
                    name
                };
                if let Some(s) = surname(name) {
                    self.surnames.insert(s.to_string(), c);
                }
            }
        }
        self.out.push(m);
    }

    /// A discovered name: a document-local person (one cluster per first + last word).
    fn emit_discovered(&mut self, f: &NameFound) {
        let start = self.toks[f.s].start();
        self.emit_local(f, start);
    }

    /// A document-local person for `f`, its mention starting at byte `s` (before the
    /// name when a title is part of it: "Sen. Warren").
    fn emit_local(&mut self, f: &NameFound, s: usize) {
        let (toks, text) = (self.toks, self.text);
        let e = toks[f.e - 1].end();
        let first = toks[f.s].text(text);
        let last = toks[f.e - 1].text(text);
        let key = format!("{first} {last}");
        let n = self.local_keys.len();
        let local = *self.local_keys.entry(key.clone()).or_insert(n);
        let name = text[s..e].to_string();
        let person = self.person.clone();
        let c = self.b.cluster(Key::Local(local), || Cluster {
            name: name.clone(),
            label: person,
            entity: None,
            gender: None,
            gender_evidence: None,
            mentions: 0,
            quotes: 0,
            indirect_quotes: 0,
        });
        if name.len() > self.b.clusters[c as usize].name.len() {
            self.b.clusters[c as usize].name = name;
        }
        if let Some((g, ev)) = &f.gender {
            self.b.set_gender(c, *g, ev.clone());
        }
        self.b.clusters[c as usize].mentions += 1;
        self.out.push(Mention {
            start: s,
            end: e,
            label: self.person.clone(),
            entity: None,
            candidates: Candidates::default(),
            cluster: Some(c),
            source: MentionSource::Discovered,
        });
        self.note_office(f, s, c);
        self.surnames.insert(last.to_string(), c);
        if f.e - f.s > 1 {
            self.local_names.insert(key, c);
            self.local_firsts.insert(first.to_string());
        }
    }

    /// A one-word name found after a title or in a speaker slot ("Sen. Warren",
    /// "Schumer said:"), issue 14 cause 4: the person named before with that surname
    /// (unless the title's gender is another); else, after a title, the one gazetteer
    /// person with that surname who holds the title's office (`offices.tsv`: "Sen." ->
    /// senator; several such people leave it ambiguous); else a document-local person.
    fn emit_surname(&mut self, f: &NameFound) {
        let (toks, text) = (self.toks, self.text);
        let t = toks[f.s];
        let word = t.text(text);
        let start = f.title.map_or(t.start(), |ti| toks[ti].start());
        let title_gender = f.gender.as_ref().map(|(g, _)| *g);
        if let Some(&c) = self.surnames.get(word) {
            if !self.contradicts(c, title_gender) {
                if let Some((g, ev)) = &f.gender {
                    self.b.set_gender(c, *g, ev.clone());
                }
                self.push_linked(start, t.end(), c);
                self.note_office(f, start, c);
                return;
            }
        }
        if let Some(office) = self.office_of(f) {
            let (facts, info) = (self.facts, self.info);
            let holders: Vec<u32> = facts
                .people_named(word)
                .iter()
                .copied()
                .filter(|&e| {
                    facts.holds(e, &office)
                        && !title_gender.is_some_and(|g| {
                            info.gender(e)
                                .and_then(Gender::parse)
                                .is_some_and(|h| h != g)
                        })
                })
                .collect();
            match holders.as_slice() {
                [] => {}
                &[e] => {
                    self.emit_gazetteer(Mention {
                        start,
                        end: t.end(),
                        label: self.person.clone(),
                        entity: Some(e),
                        candidates: Candidates::from(vec![e]),
                        cluster: None,
                        source: MentionSource::Linked,
                    });
                    if let Some(c) = self.out.last().and_then(|m| m.cluster) {
                        self.surnames.insert(word.to_string(), c);
                        self.offices.push((start, c, office));
                    }
                    return;
                }
                several => {
                    self.out.push(Mention {
                        start,
                        end: t.end(),
                        label: self.person.clone(),
                        entity: None,
                        candidates: Candidates::from(several.to_vec()),
                        cluster: None,
                        source: MentionSource::Linked,
                    });
                    return;
                }
            }
        }
        self.emit_local(f, start);
    }

    /// The office named by the title of `f` ("Sen." -> "senator"), if any.
    fn office_of(&self, f: &NameFound) -> Option<String> {
        let ti = f.title?;
        let title = self.text[self.toks[ti].start()..self.toks[f.s - 1].end()].to_lowercase();
        self.lex?.office(&title).map(str::to_string)
    }

    fn note_office(&mut self, f: &NameFound, start: usize, c: u32) {
        if let Some(office) = self.office_of(f) {
            self.offices.push((start, c, office));
        }
    }

    /// Does cluster `c` have a gender other than `g`?
    fn contradicts(&self, c: u32, g: Option<Gender>) -> bool {
        let have = self.b.clusters[c as usize].gender;
        matches!((have, g), (Some(a), Some(b)) if a != b)
    }

    /// A linked mention of cluster `c`.
    fn push_linked(&mut self, start: usize, end: usize, c: u32) {
        self.b.clusters[c as usize].mentions += 1;
        let cl = &self.b.clusters[c as usize];
        self.out.push(Mention {
            start,
            end,
            label: cl.label.clone(),
            entity: cl.entity,
            candidates: cl.entity.into_iter().collect(),
            cluster: Some(c),
            source: MentionSource::Linked,
        });
    }

    /// A gazetteer mention that starts at token `k`. A one-word place that is the
    /// surname of a person named before is that person (issue 14, cause 2: "Valeska
    /// Paris … Paris claims"), unless a place preposition or ", Country" says place.
    /// A person whose title gives another gender than the entity's takes the
    /// candidate of that gender, or none (cause 3: "Mrs. Clinton"). The title before a
    /// person is evidence of the office it holds (cause 4: "President Biden").
    fn emit_gazetteer_at(&mut self, mut m: Mention, k: usize) {
        if self.lex.is_none() {
            return self.emit_gazetteer(m);
        }
        if matches!(&*m.label, GPE | LOC) {
            if let Some(c) = self.place_as_person(&m, k) {
                return self.push_linked(m.start, m.end, c);
            }
        }
        let mut office = None;
        if &*m.label == PERSON {
            let (start, gender) = self.title_before(k);
            if start < m.start {
                if let Some((g, _)) = gender {
                    self.pick_gender(&mut m, g);
                }
                let title = self.text[start..self.toks[k - 1].end()].to_lowercase();
                office = self.lex.and_then(|l| l.office(&title)).map(str::to_string);
            }
        }
        let start = m.start;
        self.emit_gazetteer(m);
        if let (Some(o), Some(c)) = (office, self.out.last().and_then(|m| m.cluster)) {
            self.offices.push((start, c, o));
        }
    }

    /// The person a one-word place mention at token `k` names, if any (see
    /// [`Self::emit_gazetteer_at`]).
    fn place_as_person(&self, m: &Mention, k: usize) -> Option<u32> {
        let (toks, text) = (self.toks, self.text);
        let name = &text[m.start..m.end];
        if name.contains(' ') {
            return None;
        }
        let &c = self.surnames.get(name)?;
        if &*self.b.clusters[c as usize].label != PERSON {
            return None;
        }
        let prev = k.checked_sub(1).map(|i| toks[i]);
        if prev.is_some_and(|p| {
            p.kind == Tok::Word
                && link_words()
                    .place_words
                    .contains(&p.text(text).to_lowercase().as_str())
        }) {
            return None;
        }
        let after = &text[m.end..];
        let comma_place = after
            .strip_prefix(", ")
            .is_some_and(|r| r.starts_with(|ch: char| ch.is_uppercase()));
        (!comma_place).then_some(c)
    }

    /// A title gender `g` before a gazetteer person: the entity if it has gender `g`,
    /// else the one candidate of gender `g` (the gazetteer's, or the one the text gave
    /// its cluster: "Mr. Clinton" before "Mrs. Clinton"), else the entity if its gender
    /// is unknown, else none.
    fn pick_gender(&self, m: &mut Mention, g: Gender) {
        let (info, b) = (self.info, &self.b);
        let gender_of = |e: u32| {
            info.gender(e).and_then(Gender::parse).or_else(|| {
                let c = *b.keys.get(&Key::Entity(e))?;
                b.clusters[c as usize].gender
            })
        };
        let have = m.entity.map(gender_of);
        if have == Some(Some(g)) {
            return;
        }
        let mut same = m
            .candidates
            .iter()
            .copied()
            .filter(|&e| gender_of(e) == Some(g));
        m.entity = match (same.next(), same.next(), have) {
            (Some(e), None, _) => Some(e),
            (_, _, Some(None)) => m.entity,
            _ => None,
        };
    }

    /// A known full local name again ("Penny Pritzker" after the title cue): the token
    /// after it, when one starts at `k`.
    fn local_name_at(&mut self, k: usize) -> Option<usize> {
        let (toks, text) = (self.toks, self.text);
        let t = toks[k];
        if !(t.kind == Tok::Word
            && t.cap()
            && k + 1 < toks.len()
            && self.local_firsts.contains(t.text(text)))
        {
            return None;
        }
        let mut matched = None;
        for e in (k + 2..=(k + 4).min(toks.len())).rev() {
            if toks[e - 1].kind != Tok::Word {
                continue;
            }
            let key = format!("{} {}", t.text(text), toks[e - 1].text(text));
            if let Some(&c) = self.local_names.get(&key) {
                if (k..e).all(|j| {
                    toks[j].kind == Tok::Word && toks[j].cap() && (j == k || !toks[j].glued())
                }) {
                    matched = Some((e, c));
                    break;
                }
            }
        }
        let (e, c) = matched?;
        self.b.clusters[c as usize].mentions += 1;
        self.out.push(Mention {
            start: t.start(),
            end: toks[e - 1].end(),
            label: self.person.clone(),
            entity: None,
            candidates: Candidates::default(),
            cluster: Some(c),
            source: MentionSource::Linked,
        });
        self.surnames.insert(toks[e - 1].text(text).to_string(), c);
        Some(e)
    }

    /// A surname of a person named before, with an optional title before it.
    fn surname_at(&mut self, k: usize) {
        let (toks, text) = (self.toks, self.text);
        let t = toks[k];
        if !(t.kind == Tok::Word && t.cap()) {
            return;
        }
        let Some(&c) = self.surnames.get(t.text(text)) else {
            return;
        };
        // "May" of "Theresa May" is her only where the text uses it as a surname ("In
        // May" is a month; attribution's `surnames.rs` tells which)
        if !t.surname()
            && self
                .lex
                .is_some_and(|l| function_or_calendar(l, t.text(text)))
        {
            return;
        }
        let next_org = toks
            .get(k + 1)
            .is_some_and(|n| n.kind == Tok::Word && n.cap() && !n.glued());
        if next_org {
            return;
        }
        let (mut start, mut gender) = self.title_before(k);
        // drop the title part if an earlier emitted mention covers it
        if self.out.last().is_some_and(|m| m.end > start) {
            start = t.start();
            gender = None;
        }
        // "Mrs. Khan" is not the Mr. Khan named before (issue 14, cause 3)
        if self.contradicts(c, gender.as_ref().map(|(g, _)| *g)) {
            return;
        }
        if let Some((g, ev)) = gender {
            self.b.set_gender(c, g, ev);
        }
        if start < t.start() {
            let title = self.text[start..toks[k - 1].end()].to_lowercase();
            if let Some(o) = self.lex.and_then(|l| l.office(&title)) {
                self.offices.push((start, c, o.to_string()));
            }
        }
        self.push_linked(start, t.end(), c);
    }

    /// The start of a capitalised title ending right before token `k` ("Sen.",
    /// "Commerce Secretary"), and the gender it gives, if any.
    fn title_before(&mut self, k: usize) -> (usize, Option<(Gender, String)>) {
        let (toks, text) = (self.toks, self.text);
        let Some(lex) = self.lex else {
            return (toks[k].start(), None);
        };
        for back in 1..=3usize {
            if back > k {
                break;
            }
            if let Some((te, g)) = title_at(toks, text, k - back, lex, &mut self.buf) {
                if te == k && toks[k - back].cap() {
                    let start = toks[k - back].start();
                    let gender =
                        g.map(|g| (g, format!("title:{}", &text[start..toks[k - 1].end()])));
                    return (start, gender);
                }
            }
        }
        (toks[k].start(), None)
    }

    /// Gendered appositives give their gender to the person before them (discovered,
    /// gazetteer or linked: "Beck, a congressman from Ohio,").
    fn appositive_genders(&mut self, appositives: Vec<Appositive>) {
        if appositives.is_empty() {
            return;
        }
        // The last mention ending at each offset, found once: a scan of every mention
        // per appositive was quadratic on long documents.
        let mut last_ending: FastMap<usize, usize> = FastMap::default();
        for (i, m) in self.out.iter().enumerate() {
            last_ending.insert(m.end, i);
        }
        for (end, g, ev) in appositives {
            if let Some(c) = last_ending
                .get(&end)
                .map(|&i| &self.out[i])
                .filter(|m| &*m.label == PERSON)
                .and_then(|m| m.cluster)
            {
                self.b.set_gender(c, g, ev);
            }
        }
    }
}
