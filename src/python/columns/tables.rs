//! One record batch of results from the core's documents: the entities, quotes or
//! clusters tables, with the columns (and names) of the pandas frames.
//!
//! Offsets become code points here (one forward pass for a document's entities, an
//! index for its quotes); texts are cut from the core's copy of each text, so a text
//! with lone surrogates shows U+FFFD where Python has the surrogate (UTF-8, and so
//! Arrow, cannot hold one) with the offsets unchanged.

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use super::dict::{DictColumn, IntColumn};
use super::ids::DocIds;
use crate::gazetteer::Gazetteer;
use crate::text::{CharCursor, CharIndex};
use crate::{Document, Mention};

/// Which table a stream holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Entities,
    Quotes,
    Clusters,
}

/// A document of a batch: its position in the input, the text the core ran on and
/// the core's result.
pub(crate) struct DocRow<'a> {
    pub index: u32,
    pub text: &'a str,
    pub doc: &'a Document,
}

#[derive(Clone, Copy)]
enum Col {
    Int,
    Str,
    Dict,
}

const ENTITIES: &[(&str, Col)] = &[
    ("start", Col::Int),
    ("end", Col::Int),
    ("text", Col::Str),
    ("label", Col::Dict),
    ("entity_id", Col::Dict),
    ("name", Col::Dict),
    ("source", Col::Dict),
    ("gender", Col::Dict),
];

const QUOTES: &[(&str, Col)] = &[
    ("start", Col::Int),
    ("end", Col::Int),
    ("quote", Col::Str),
    ("kind", Col::Dict),
    ("speaker", Col::Dict),
    ("speaker_entity_id", Col::Dict),
    ("speaker_gender", Col::Dict),
    ("speaker_source", Col::Dict),
    ("cue", Col::Str),
    ("rule", Col::Dict),
    ("paragraph", Col::Int),
];

const CLUSTERS: &[(&str, Col)] = &[
    ("name", Col::Dict),
    ("label", Col::Dict),
    ("entity_id", Col::Dict),
    ("gender", Col::Dict),
    ("gender_evidence", Col::Dict),
    ("mentions", Col::Int),
    ("quotes", Col::Int),
    ("indirect_quotes", Col::Int),
];

impl Table {
    pub(crate) fn parse(name: &str) -> Option<Table> {
        match name {
            "entities" => Some(Table::Entities),
            "quotes" => Some(Table::Quotes),
            "clusters" => Some(Table::Clusters),
            _ => None,
        }
    }

    /// The schema: `doc_id` (typed like the ids), then the table's columns.
    pub(crate) fn schema(self, doc_id: DataType) -> SchemaRef {
        let cols = match self {
            Table::Entities => ENTITIES,
            Table::Quotes => QUOTES,
            Table::Clusters => CLUSTERS,
        };
        let dict = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
        let mut fields = vec![Field::new("doc_id", doc_id, true)];
        fields.extend(cols.iter().map(|&(name, col)| {
            let nullable = !matches!(name, "start" | "end" | "text" | "quote" | "kind");
            let t = match col {
                Col::Int => DataType::Int32,
                Col::Str => DataType::Utf8,
                Col::Dict => dict.clone(),
            };
            Field::new(name, t, nullable)
        }));
        Arc::new(Schema::new(fields))
    }

    /// The batch of `docs`' rows.
    pub(crate) fn batch(
        self,
        schema: &SchemaRef,
        g: &Gazetteer,
        ids: &DocIds,
        docs: &[DocRow<'_>],
    ) -> Result<RecordBatch, ArrowError> {
        let (doc_index, mut columns) = match self {
            Table::Entities => entities(g, docs),
            Table::Quotes => quotes(g, docs),
            Table::Clusters => clusters(g, docs),
        };
        columns.insert(0, ids.column(&doc_index));
        RecordBatch::try_new(Arc::clone(schema), columns)
    }
}

/// The name a mention shows: its cluster's, else its entity's.
fn mention_name<'a>(g: &'a Gazetteer, d: &'a Document, m: &Mention) -> Option<&'a str> {
    match m.cluster {
        Some(c) => Some(d.clusters[c as usize].name.as_str()),
        None => m.entity.map(|e| g.entity_name(e)),
    }
}

/// The gender of a mention's cluster.
fn cluster_gender<'a>(d: &'a Document, m: &Mention) -> Option<&'a str> {
    m.cluster
        .and_then(|c| d.clusters[c as usize].gender.map(|g| g.as_str()))
}

fn entities(g: &Gazetteer, docs: &[DocRow<'_>]) -> (Vec<u32>, Vec<ArrayRef>) {
    let rows: usize = docs.iter().map(|d| d.doc.entities.len()).sum();
    let bytes: usize = docs
        .iter()
        .map(|d| d.doc.entities.iter().map(Mention::len).sum::<usize>())
        .sum();
    let mut doc_index = Vec::with_capacity(rows);
    let (mut start, mut end) = (
        IntColumn::with_capacity(rows),
        IntColumn::with_capacity(rows),
    );
    let mut text = StringBuilder::with_capacity(rows, bytes);
    let mut label = DictColumn::with_capacity(rows);
    let mut entity_id = DictColumn::with_capacity(rows);
    let mut name = DictColumn::with_capacity(rows);
    let mut source = DictColumn::with_capacity(rows);
    let mut gender = DictColumn::with_capacity(rows);
    for d in docs {
        // Entities are in text order: one forward pass converts their offsets.
        let mut at = CharCursor::new(d.text);
        for m in &d.doc.entities {
            doc_index.push(d.index);
            start.push(at.char_offset(m.start));
            end.push(at.char_offset(m.end));
            text.append_value(&d.text[m.start..m.end]);
            label.push(Some(&m.label));
            entity_id.push_entity(m.entity, |e| g.entity_id(e));
            name.push(mention_name(g, d.doc, m));
            source.push(Some(m.source.as_str()));
            gender.push(cluster_gender(d.doc, m));
        }
    }
    let columns = vec![
        start.finish(),
        end.finish(),
        Arc::new(text.finish()) as ArrayRef,
        label.finish(),
        entity_id.finish(),
        name.finish(),
        source.finish(),
        gender.finish(),
    ];
    (doc_index, columns)
}

fn quotes(g: &Gazetteer, docs: &[DocRow<'_>]) -> (Vec<u32>, Vec<ArrayRef>) {
    let rows: usize = docs.iter().map(|d| d.doc.quotes.len()).sum();
    let mut doc_index = Vec::with_capacity(rows);
    let (mut start, mut end) = (
        IntColumn::with_capacity(rows),
        IntColumn::with_capacity(rows),
    );
    let mut quote = StringBuilder::new();
    let mut cue = StringBuilder::new();
    let mut kind = DictColumn::with_capacity(rows);
    let mut speaker = DictColumn::with_capacity(rows);
    let mut speaker_entity_id = DictColumn::with_capacity(rows);
    let mut speaker_gender = DictColumn::with_capacity(rows);
    let mut speaker_source = DictColumn::with_capacity(rows);
    let mut rule = DictColumn::with_capacity(rows);
    let mut paragraph = IntColumn::with_capacity(rows);
    for d in docs.iter().filter(|d| !d.doc.quotes.is_empty()) {
        let at = CharIndex::new(d.text);
        for q in &d.doc.quotes {
            doc_index.push(d.index);
            start.push(at.char_offset(q.start));
            end.push(at.char_offset(q.end));
            quote.append_value(&d.text[q.start..q.end]);
            kind.push(Some(q.kind.as_str()));
            let s = q.speaker.map(|s| &d.doc.speakers[s as usize]);
            // The speaker's name, or the phrase as written ("a spokesman").
            speaker.push(s.map(|s| mention_name(g, d.doc, s).unwrap_or(&d.text[s.start..s.end])));
            speaker_entity_id.push_entity(s.and_then(|s| s.entity), |e| g.entity_id(e));
            speaker_gender.push(s.and_then(|s| cluster_gender(d.doc, s)));
            speaker_source.push(s.map(|s| s.source.as_str()));
            cue.append_option(q.cue.map(|(a, b)| &d.text[a..b]));
            rule.push(Some(q.rule.as_str()));
            paragraph.push(q.paragraph as usize);
        }
    }
    let columns = vec![
        start.finish(),
        end.finish(),
        Arc::new(quote.finish()) as ArrayRef,
        kind.finish(),
        speaker.finish(),
        speaker_entity_id.finish(),
        speaker_gender.finish(),
        speaker_source.finish(),
        Arc::new(cue.finish()) as ArrayRef,
        rule.finish(),
        paragraph.finish(),
    ];
    (doc_index, columns)
}

fn clusters(g: &Gazetteer, docs: &[DocRow<'_>]) -> (Vec<u32>, Vec<ArrayRef>) {
    let rows: usize = docs.iter().map(|d| d.doc.clusters.len()).sum();
    let mut doc_index = Vec::with_capacity(rows);
    let mut name = DictColumn::with_capacity(rows);
    let mut label = DictColumn::with_capacity(rows);
    let mut entity_id = DictColumn::with_capacity(rows);
    let mut gender = DictColumn::with_capacity(rows);
    let mut gender_evidence = DictColumn::with_capacity(rows);
    let (mut mentions, mut quotes, mut indirect_quotes) = (
        IntColumn::with_capacity(rows),
        IntColumn::with_capacity(rows),
        IntColumn::with_capacity(rows),
    );
    for d in docs {
        for c in &d.doc.clusters {
            doc_index.push(d.index);
            name.push(Some(&c.name));
            label.push(Some(&c.label));
            entity_id.push_entity(c.entity, |e| g.entity_id(e));
            gender.push(c.gender.map(|g| g.as_str()));
            gender_evidence.push(c.gender_evidence.as_deref());
            mentions.push(c.mentions as usize);
            quotes.push(c.quotes as usize);
            indirect_quotes.push(c.indirect_quotes as usize);
        }
    }
    let columns = vec![
        name.finish(),
        label.finish(),
        entity_id.finish(),
        gender.finish(),
        gender_evidence.finish(),
        mentions.finish(),
        quotes.finish(),
        indirect_quotes.finish(),
    ];
    (doc_index, columns)
}
