//! Clusters: one per referent, built in one pass over the tokens in text order. A
//! gazetteer mention opens (or joins) its entity's cluster; a discovered name opens a
//! document-local one; a later full local name, surname or title + surname joins the
//! most recently named person with that surname.

use crate::{FastMap, FastSet};

use crate::attribution::tokens::{Tok, Token};
use crate::lexicon::Lexicons;
use crate::{Candidates, Cluster, Gender, Label, Mention, MentionSource, PERSON};

use super::discover::{Appositive, NameFound};
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
    let mut cx = Emitter::new(text, &[], info, None);
    for m in mentions {
        cx.emit_gazetteer(m);
    }
    (cx.out, cx.b.clusters)
}

/// Walks the tokens once, emitting gazetteer mentions, discovered names and linked
/// short forms (see the module docs). `mentions` are sorted by start, longest first;
/// `found` by start.
pub(super) fn build(
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    found: &[NameFound],
    appositives: Vec<Appositive>,
    info: &dyn EntityInfo,
    lex: &Lexicons,
) -> (Vec<Mention>, Vec<Cluster>) {
    let mut cx = Emitter::new(text, toks, info, Some(lex));
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
            cx.emit_gazetteer(mentions[mi].clone());
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
                cx.emit_discovered(f);
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
    (cx.out, cx.b.clusters)
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
    lex: Option<&'a Lexicons>,
    b: Builder,
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
        lex: Option<&'a Lexicons>,
    ) -> Self {
        Emitter {
            text,
            toks,
            info,
            lex,
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
        let (toks, text) = (self.toks, self.text);
        let (s, e) = (toks[f.s].start(), toks[f.e - 1].end());
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
        self.surnames.insert(last.to_string(), c);
        self.local_names.insert(key, c);
        self.local_firsts.insert(first.to_string());
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
        if let Some((g, ev)) = gender {
            self.b.set_gender(c, g, ev);
        }
        self.b.clusters[c as usize].mentions += 1;
        let cl = &self.b.clusters[c as usize];
        self.out.push(Mention {
            start,
            end: t.end(),
            label: cl.label.clone(),
            entity: cl.entity,
            candidates: cl.entity.into_iter().collect(),
            cluster: Some(c),
            source: MentionSource::Linked,
        });
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
