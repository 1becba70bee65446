//! Core documents (byte offsets, entity indices) to values for Python (code-point
//! offsets, ids and names). The byte -> code-point conversion happens here and only
//! here, on the worker threads, without the GIL.

use super::mention::PyMention;
use crate::extract::Extractor;
use crate::text::CharIndex;
use crate::{Document, Mention};

/// A quote ready for Python.
#[derive(Debug, Default)]
pub(crate) struct CpQuote {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: &'static str,
    pub speaker: Option<PyMention>,
    pub cue: Option<(usize, usize)>,
    pub cue_text: Option<String>,
    pub rule: &'static str,
    pub paragraph: u32,
}

/// A cluster ready for Python.
#[derive(Debug, Default)]
pub(crate) struct CpCluster {
    pub name: String,
    pub label: String,
    pub entity_id: Option<String>,
    pub gender: Option<String>,
    pub gender_evidence: Option<String>,
    pub mentions: u32,
    pub quotes: u32,
}

/// A document ready for Python.
#[derive(Debug, Default)]
pub(crate) struct CpDocument {
    pub entities: Vec<PyMention>,
    pub quotes: Vec<CpQuote>,
    pub clusters: Vec<CpCluster>,
}

fn mention(
    ex: &Extractor,
    text: &str,
    doc: &Document,
    at: &CharIndex<'_>,
    m: &Mention,
) -> PyMention {
    let g = ex.gazetteer();
    let cluster = m.cluster.map(|c| &doc.clusters[c as usize]);
    let entity = m.entity.map(|e| g.entity(e));
    PyMention {
        start: at.char_offset(m.start),
        end: at.char_offset(m.end),
        text: text[m.start..m.end].to_owned(),
        label: m.label.clone(),
        entity_id: entity.map(|e| e.id.clone()),
        name: cluster
            .map(|c| c.name.clone())
            .or_else(|| entity.map(|e| e.name.clone())),
        candidates: m
            .candidates
            .iter()
            .map(|&c| g.entity(c).id.clone())
            .collect(),
        source: std::borrow::Cow::Borrowed(m.source.as_str()),
        gender: cluster.and_then(|c| c.gender.clone()),
    }
}

/// Converts one core document.
pub(crate) fn cp_document(ex: &Extractor, text: &str, doc: Document) -> CpDocument {
    let at = CharIndex::new(text);
    let g = ex.gazetteer();
    CpDocument {
        entities: doc
            .entities
            .iter()
            .map(|m| mention(ex, text, &doc, &at, m))
            .collect(),
        quotes: doc
            .quotes
            .iter()
            .map(|q| CpQuote {
                start: at.char_offset(q.start),
                end: at.char_offset(q.end),
                text: text[q.start..q.end].to_owned(),
                kind: q.kind.as_str(),
                speaker: q
                    .speaker
                    .map(|s| mention(ex, text, &doc, &at, &doc.speakers[s as usize])),
                cue: q.cue.map(|(a, b)| (at.char_offset(a), at.char_offset(b))),
                cue_text: q.cue.map(|(a, b)| text[a..b].to_owned()),
                rule: q.rule,
                paragraph: q.paragraph,
            })
            .collect(),
        clusters: doc
            .clusters
            .iter()
            .map(|c| CpCluster {
                name: c.name.clone(),
                label: c.label.clone(),
                entity_id: c.entity.map(|e| g.entity(e).id.clone()),
                gender: c.gender.clone(),
                gender_evidence: c.gender_evidence.clone(),
                mentions: c.mentions,
                quotes: c.quotes,
            })
            .collect(),
    }
}
