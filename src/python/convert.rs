//! Core documents (byte offsets) to compact documents for Python (code-point offsets,
//! small indices). The byte -> code-point conversion happens here
//! and only here, on the worker threads, without the GIL.
//!
//! Nothing here allocates per mention: a mention is a few integers, and the strings it
//! shows in Python (text, ids, names) are made only when Python asks for the mention
//! (see `results.rs`). Texts are always cut from the caller's `str`, so they are exact
//! even when the core saw a cleaned copy (lone surrogates).

use std::collections::HashMap;
use std::sync::Arc;

use crate::gazetteer::Gazetteer;
use crate::text::{CharCursor, CharIndex};
use crate::{Cluster, Document, Extractor, Mention, MentionSource, QuoteKind, Rule};

use crate::NONE;

/// A mention ready for Python (32 bytes): code-point offsets and indices into its
/// document and the gazetteer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CpMention {
    pub start: u32,
    pub end: u32,
    /// Gazetteer entity or `NONE`.
    pub entity: u32,
    /// Index into `CpDocument::clusters` or `NONE`.
    pub cluster: u32,
    /// `CpDocument::candidates[cand_start..cand_end]`, or, when `cand_end` is `NONE`,
    /// the shared list `CpDocument::shared_candidates[cand_start]`.
    pub cand_start: u32,
    pub cand_end: u32,
    /// Index into `CpDocument::labels`.
    pub label: u32,
    pub source: MentionSource,
}

/// A cluster ready for Python (32 bytes): `name` indexes `CpDocument::strings`
/// (`NONE`: the entity's gazetteer name), `gender` and `gender_evidence` index
/// `CpDocument::tags` (`NONE`: unknown), `label` indexes `CpDocument::labels`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CpCluster {
    pub entity: u32,
    pub name: u32,
    pub label: u32,
    pub gender: u32,
    pub gender_evidence: u32,
    pub mentions: u32,
    pub quotes: u32,
    pub indirect_quotes: u32,
}

/// A quote ready for Python (28 bytes: a long text has a quote every ~180 bytes):
/// code-point offsets; `speaker` indexes `CpDocument::speakers`, `NONE` (and
/// `cue_start` `NONE`) for none.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CpQuote {
    pub start: u32,
    pub end: u32,
    speaker: u32,
    cue_start: u32,
    cue_end: u32,
    pub paragraph: u32,
    kind: QuoteKind,
    rule: Rule,
}

impl CpQuote {
    /// The speaker phrase, an index into `CpDocument::speakers`.
    pub(crate) fn speaker(&self) -> Option<u32> {
        (self.speaker != NONE).then_some(self.speaker)
    }

    /// The cue's code-point span.
    pub(crate) fn cue(&self) -> Option<(usize, usize)> {
        (self.cue_start != NONE).then_some((self.cue_start as usize, self.cue_end as usize))
    }

    pub(crate) fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    pub(crate) fn rule(&self) -> &'static str {
        self.rule.as_str()
    }
}

/// A document ready for Python.
#[derive(Debug, Default)]
pub(crate) struct CpDocument {
    pub entities: Vec<CpMention>,
    pub speakers: Vec<CpMention>,
    pub quotes: Vec<CpQuote>,
    pub clusters: Vec<CpCluster>,
    /// The distinct labels of the mentions and clusters.
    pub labels: Vec<Arc<str>>,
    /// `labels` by text (used once a document has many labels).
    label_map: HashMap<Arc<str>, u32>,
    /// Names of clusters that differ from their entity's gazetteer name.
    pub strings: Vec<String>,
    /// Genders and gender evidence of clusters.
    pub tags: Vec<String>,
    /// Candidate entities of every mention with at most two, concatenated.
    pub candidates: Vec<u32>,
    /// Longer candidate lists, one entry per distinct shared list (never one copy
    /// per mention: an alias of a million entities is one list).
    pub shared_candidates: Vec<Arc<[u32]>>,
}

impl CpDocument {
    /// The candidates of mention `m`.
    pub(crate) fn candidates_of(&self, m: &CpMention) -> &[u32] {
        match m.cand_end {
            NONE => &self.shared_candidates[m.cand_start as usize],
            end => &self.candidates[m.cand_start as usize..end as usize],
        }
    }

    /// `(start, end)` of `m`'s candidates in the compact fields (see `CpMention`).
    fn candidate_range(&mut self, m: &Mention) -> (u32, u32) {
        if let Some(list) = m.candidates.shared() {
            // Mentions of one alias are usually adjacent in the list: look back a little.
            let known = self
                .shared_candidates
                .iter()
                .rev()
                .take(8)
                .position(|l| Arc::ptr_eq(l, list));
            let i = match known {
                Some(back) => self.shared_candidates.len() - 1 - back,
                None => {
                    self.shared_candidates.push(Arc::clone(list));
                    self.shared_candidates.len() - 1
                }
            };
            return (i as u32, NONE);
        }
        let start = self.candidates.len() as u32;
        self.candidates.extend_from_slice(&m.candidates);
        (start, self.candidates.len() as u32)
    }

    /// The cluster of mention `m`.
    pub(crate) fn cluster_of(&self, m: &CpMention) -> Option<&CpCluster> {
        self.clusters.get(m.cluster as usize)
    }

    /// The string at index `i` of `strings` (`None` for `NONE`).
    pub(crate) fn string(&self, i: u32) -> Option<&str> {
        self.strings.get(i as usize).map(String::as_str)
    }

    /// The tag at index `i` of `tags` (`None` for `NONE`).
    pub(crate) fn tag(&self, i: u32) -> Option<&str> {
        self.tags.get(i as usize).map(String::as_str)
    }

    /// The name of cluster `c`.
    pub(crate) fn cluster_name<'a>(&'a self, g: &'a Gazetteer, c: &CpCluster) -> &'a str {
        match self.string(c.name) {
            Some(n) => n,
            None => g.entity_name(c.entity),
        }
    }

    fn label_index(&mut self, label: &str) -> u32 {
        // A document has a handful of labels, almost always the gazetteer's shared
        // strings: compare pointers first, then text; past a few labels, hash.
        if let Some(i) = self.labels.iter().position(|l| std::ptr::eq(&**l, label)) {
            return i as u32;
        }
        if self.labels.len() <= 8 {
            if let Some(i) = self.labels.iter().position(|l| &**l == label) {
                return i as u32;
            }
        } else if let Some(&i) = self.label_map.get(label) {
            return i;
        }
        let i = self.labels.len() as u32;
        self.labels.push(Arc::from(label));
        self.label_map
            .insert(Arc::clone(&self.labels[i as usize]), i);
        i
    }

    /// Index of `s` in `strings` (added). Names are added as they are.
    fn name_index(&mut self, s: &str) -> u32 {
        self.strings.push(s.to_owned());
        (self.strings.len() - 1) as u32
    }

    /// Index of `s` in `tags`, reusing an equal entry: genders and gender evidence come
    /// from the lexicons, so there are few distinct ones and the search stays short.
    fn tag_index(&mut self, s: Option<&str>) -> u32 {
        let Some(s) = s else { return NONE };
        if let Some(i) = self.tags.iter().position(|x| x == s) {
            return i as u32;
        }
        self.tags.push(s.to_owned());
        (self.tags.len() - 1) as u32
    }

    fn cluster(&mut self, g: &Gazetteer, c: &Cluster) -> CpCluster {
        let entity = c.entity.unwrap_or(NONE);
        let name = match c.entity {
            Some(e) if g.entity_name(e) == c.name => NONE,
            _ => self.name_index(&c.name),
        };
        CpCluster {
            entity,
            name,
            label: self.label_index(&c.label),
            gender: self.tag_index(c.gender.map(crate::Gender::as_str)),
            gender_evidence: self.tag_index(c.gender_evidence.as_deref()),
            mentions: c.mentions,
            quotes: c.quotes,
            indirect_quotes: c.indirect_quotes,
        }
    }

    fn mention(&mut self, char_offset: &mut impl FnMut(usize) -> usize, m: &Mention) -> CpMention {
        let (cand_start, cand_end) = self.candidate_range(m);
        CpMention {
            // Texts are at most u32::MAX bytes (checked where they come from Python).
            start: char_offset(m.start) as u32,
            end: char_offset(m.end) as u32,
            entity: m.entity.unwrap_or(NONE),
            cluster: m.cluster.unwrap_or(NONE),
            label: self.label_index(&m.label),
            cand_start,
            cand_end,
            source: m.source,
        }
    }
}

/// Runs `ex` on `text` and converts its document window by window (see
/// `Extractor::extract_parts`), so that a long text's whole core document never
/// exists beside its compact one.
pub(crate) fn extract_compact(ex: &Extractor, text: &str) -> CpDocument {
    let mut out = Converter::new(text);
    let clusters = ex.extract_parts(text, &mut |part| out.push(&part));
    out.finish(ex.gazetteer(), &clusters)
}

/// Converts core documents, or the parts of one, in text order.
struct Converter<'t> {
    out: CpDocument,
    text: &'t str,
    /// Entities come in text order: a cursor converts them in one pass.
    cursor: CharCursor<'t>,
    /// For speakers and quotes (not in one order), made when first needed.
    index: Option<CharIndex<'t>>,
}

impl<'t> Converter<'t> {
    fn new(text: &'t str) -> Self {
        Converter {
            out: CpDocument::default(),
            text,
            cursor: CharCursor::new(text),
            index: None,
        }
    }

    /// Converts the entities, speakers and quotes of `part` (its clusters are given
    /// to `finish`).
    fn push(&mut self, part: &Document) {
        let out = &mut self.out;
        let cursor = &mut self.cursor;
        out.entities.reserve(part.entities.len());
        for m in &part.entities {
            let cm = out.mention(&mut |b| cursor.char_offset(b), m);
            out.entities.push(cm);
        }
        if part.quotes.is_empty() && part.speakers.is_empty() {
            return;
        }
        let at = self.index.get_or_insert_with(|| CharIndex::new(self.text));
        let mut any = |b: usize| at.char_offset(b);
        for m in &part.speakers {
            let cm = out.mention(&mut any, m);
            out.speakers.push(cm);
        }
        // Texts are at most u32::MAX bytes (checked where they come from Python).
        let cp = |b: usize| at.char_offset(b) as u32;
        out.quotes.extend(part.quotes.iter().map(|q| {
            let (cue_start, cue_end) = q.cue.map_or((NONE, NONE), |(a, b)| (cp(a), cp(b)));
            CpQuote {
                start: cp(q.start),
                end: cp(q.end),
                speaker: q.speaker.unwrap_or(NONE),
                cue_start,
                cue_end,
                paragraph: q.paragraph,
                kind: q.kind,
                rule: q.rule,
            }
        }));
    }

    fn finish(mut self, g: &Gazetteer, clusters: &[Cluster]) -> CpDocument {
        let out = &mut self.out;
        out.clusters = clusters.iter().map(|c| out.cluster(g, c)).collect();
        self.out
    }
}
