//! Core documents (byte offsets, String labels) to compact documents for Python
//! (code-point offsets, small indices). The byte -> code-point conversion happens here
//! and only here, on the worker threads, without the GIL.
//!
//! Nothing here allocates per mention: a mention is a few integers, and the strings it
//! shows in Python (text, ids, names) are made only when Python asks for the mention
//! (see `mentions.rs`). Texts are always cut from the caller's `str`, so they are exact
//! even when the core saw a cleaned copy (lone surrogates).

use crate::text::{CharCursor, CharIndex};
use crate::{Cluster, Document, Mention, MentionSource};

/// "No index" in the compact fields below.
pub(crate) const NONE: u32 = u32::MAX;

/// A mention ready for Python: code-point offsets and indices into its document and
/// the gazetteer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CpMention {
    pub start: usize,
    pub end: usize,
    /// Gazetteer entity or `NONE`.
    pub entity: u32,
    /// Index into `CpDocument::clusters` or `NONE`.
    pub cluster: u32,
    /// Index into `CpDocument::labels`.
    pub label: u32,
    /// `CpDocument::candidates[cand_start..cand_start + cand_len]`.
    pub cand_start: u32,
    pub cand_len: u32,
    pub source: MentionSource,
}

/// A quote ready for Python; `speaker` indexes `CpDocument::speakers`.
#[derive(Debug, Clone)]
pub(crate) struct CpQuote {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub speaker: Option<u32>,
    pub cue: Option<(usize, usize)>,
    pub rule: &'static str,
    pub paragraph: u32,
}

/// A document ready for Python.
#[derive(Debug, Default)]
pub(crate) struct CpDocument {
    pub entities: Vec<CpMention>,
    pub speakers: Vec<CpMention>,
    pub quotes: Vec<CpQuote>,
    /// The core's clusters (byte offsets play no part in them).
    pub clusters: Vec<Cluster>,
    /// The distinct labels of the mentions.
    pub labels: Vec<String>,
    /// Candidate entities of every mention, concatenated.
    pub candidates: Vec<u32>,
}

impl CpDocument {
    /// The candidates of mention `m`.
    pub(crate) fn candidates_of(&self, m: &CpMention) -> &[u32] {
        let a = m.cand_start as usize;
        &self.candidates[a..a + m.cand_len as usize]
    }

    /// The cluster of mention `m`.
    pub(crate) fn cluster_of(&self, m: &CpMention) -> Option<&Cluster> {
        self.clusters.get(m.cluster as usize)
    }

    fn label_index(&mut self, label: &str) -> u32 {
        // A document has a handful of labels: a linear search beats hashing.
        match self.labels.iter().position(|l| l == label) {
            Some(i) => i as u32,
            None => {
                self.labels.push(label.to_owned());
                (self.labels.len() - 1) as u32
            }
        }
    }

    fn mention(&mut self, char_offset: &mut impl FnMut(usize) -> usize, m: &Mention) -> CpMention {
        let cand_start = self.candidates.len() as u32;
        self.candidates.extend_from_slice(&m.candidates);
        CpMention {
            start: char_offset(m.start),
            end: char_offset(m.end),
            entity: m.entity.unwrap_or(NONE),
            cluster: m.cluster.unwrap_or(NONE),
            label: self.label_index(&m.label),
            cand_start,
            cand_len: m.candidates.len() as u32,
            source: m.source,
        }
    }
}

/// Converts one core document (`text` is the text the core ran on).
pub(crate) fn cp_document(text: &str, doc: Document) -> CpDocument {
    let mut out = CpDocument {
        entities: Vec::with_capacity(doc.entities.len()),
        speakers: Vec::with_capacity(doc.speakers.len()),
        ..CpDocument::default()
    };
    // Entities are in text order: a cursor converts them in one pass.
    let mut cursor = CharCursor::new(text);
    let mut forward = |b: usize| cursor.char_offset(b);
    for m in &doc.entities {
        let cm = out.mention(&mut forward, m);
        out.entities.push(cm);
    }
    out.clusters = doc.clusters;
    if doc.quotes.is_empty() && doc.speakers.is_empty() {
        return out;
    }
    let index = CharIndex::new(text);
    let at = &index;
    let mut any = |b: usize| at.char_offset(b);
    for m in &doc.speakers {
        let cm = out.mention(&mut any, m);
        out.speakers.push(cm);
    }
    out.quotes = doc
        .quotes
        .iter()
        .map(|q| CpQuote {
            start: at.char_offset(q.start),
            end: at.char_offset(q.end),
            kind: q.kind.as_str(),
            speaker: q.speaker,
            cue: q.cue.map(|(a, b)| (at.char_offset(a), at.char_offset(b))),
            rule: q.rule,
            paragraph: q.paragraph,
        })
        .collect();
    out
}
