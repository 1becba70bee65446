//! Checking the sections of a payload and building the gazetteer from them: the
//! entity part, the alias part and the trie are checked and indexed in parallel.

use std::sync::OnceLock;

use rayon::prelude::*;

use super::corrupt;
use super::layout::{case_from, AliasSections, EntitySections, RawStrs, Sections, TrieSections};
use crate::error::Result;
use crate::gazetteer::index::{hash_of, HashIndex};
use crate::gazetteer::matcher::Trie;
use crate::gazetteer::{len32, AliasRecord, EntList, Gazetteer, StrTable};

/// Checks that `off` splits `len` items into `count` runs: `count + 1` offsets that
/// start at 0, never decrease and end at `len`.
fn check_offsets(off: &[u32], count: usize, len: usize, what: &str) -> Result<()> {
    if off.len() != count + 1 || off[0] != 0 || off[count] as usize != len {
        return Err(corrupt(what));
    }
    if off.windows(2).any(|w| w[0] > w[1]) {
        return Err(corrupt(what));
    }
    Ok(())
}

/// A [`StrTable`] of `count` strings (`None`: any number), fully checked.
fn str_table(raw: RawStrs, count: Option<usize>, what: &str) -> Result<StrTable> {
    let text = String::from_utf8(raw.text)
        .map_err(|_| corrupt(&format!("invalid UTF-8 in the {what}")))?;
    let off = raw.off;
    let count = match count {
        Some(c) => c,
        None => off.len().checked_sub(1).ok_or_else(|| corrupt(what))?,
    };
    check_offsets(&off, count, text.len(), what)?;
    if off.iter().any(|&o| !text.is_char_boundary(o as usize)) {
        return Err(corrupt(what));
    }
    Ok(StrTable { text, off })
}

/// The hash index of the strings of `t`; fails if two are equal.
fn index_strings(t: &StrTable) -> Option<HashIndex> {
    let entries: Vec<(u64, u32)> = (0..t.len())
        .into_par_iter()
        .with_min_len(1 << 14)
        .map(|i| (hash_of(t.get(i)), len32(i)))
        .collect();
    HashIndex::build(&entries, |a, b| t.get(a as usize) == t.get(b as usize)).ok()
}

/// The entity columns of a gazetteer.
struct EntityPart {
    ids: StrTable,
    names: StrTable,
    labels: StrTable,
    label_index: HashIndex,
    ent_labels: Vec<u32>,
    attrs: StrTable,
    id_index: HashIndex,
    ent_aliases: Vec<u32>,
    ent_alias_off: Vec<u32>,
}

fn decode_entities(s: EntitySections) -> Result<EntityPart> {
    let n = s.n_ent;
    let ids = str_table(s.ids, Some(n), "entity ids")?;
    let names = str_table(s.names, Some(n), "entity names")?;
    let labels = str_table(s.labels, None, "labels")?;
    let label_index = index_strings(&labels).ok_or_else(|| corrupt("duplicate label"))?;
    let ent_labels = s.ent_labels;
    if ent_labels.len() != n || ent_labels.iter().any(|&l| l as usize >= labels.len()) {
        return Err(corrupt("entity labels"));
    }
    let attrs = if s.attrs.text.is_empty() && s.attrs.off.is_empty() {
        StrTable {
            text: String::new(),
            off: vec![0; n + 1],
        }
    } else {
        let t = str_table(s.attrs, Some(n), "attributes")?;
        let bad = (0..n).into_par_iter().with_min_len(1 << 10).any(|i| {
            let a = t.get(i);
            // One JSON value that starts with "{" is an object.
            !a.is_empty()
                && (!a.starts_with('{')
                    || serde_json::from_str::<serde::de::IgnoredAny>(a).is_err())
        });
        if bad {
            return Err(corrupt("attributes"));
        }
        t
    };
    let (ent_alias_off, ent_aliases) = (s.ent_alias_off, s.ent_aliases);
    check_offsets(&ent_alias_off, n, ent_aliases.len(), "entity aliases")?;
    if ent_aliases.iter().any(|&a| a as usize >= s.n_al) {
        return Err(corrupt("alias index"));
    }
    let id_index = index_strings(&ids).ok_or_else(|| corrupt("duplicate id"))?;
    Ok(EntityPart {
        ids,
        names,
        labels,
        label_index,
        ent_labels,
        attrs,
        id_index,
        ent_aliases,
        ent_alias_off,
    })
}

/// The alias columns of a gazetteer.
struct AliasPart {
    texts: String,
    records: Vec<AliasRecord>,
    many: Vec<Vec<u32>>,
}

fn decode_aliases(s: AliasSections) -> Result<AliasPart> {
    let n = s.n_al;
    let texts = str_table(s.texts, Some(n), "alias texts")?;
    if s.cases.len() != n || s.cases.iter().any(|&c| c > 3) {
        return Err(corrupt("alias cases"));
    }
    let (ent_off, ents) = (s.ent_off, s.ents);
    check_offsets(&ent_off, n, ents.len(), "alias entities")?;
    if ents.iter().any(|&e| e as usize >= s.n_ent) {
        return Err(corrupt("entity index"));
    }
    // The aliases of several entities, in order; every alias has at least one.
    let mut shared = Vec::new();
    for (i, w) in ent_off.windows(2).enumerate() {
        match w[1] - w[0] {
            0 => return Err(corrupt("alias without entities")),
            1 => {}
            _ => {
                // Entities are added in index order: a list is strictly increasing (the
                // matcher relies on it for a mention's candidates).
                let list = &ents[w[0] as usize..w[1] as usize];
                if list.windows(2).any(|p| p[0] >= p[1]) {
                    return Err(corrupt("alias entities out of order"));
                }
                shared.push(i);
            }
        }
    }
    let mut records: Vec<AliasRecord> = (0..n)
        .into_par_iter()
        .with_min_len(1 << 14)
        .map(|i| {
            let first = EntList::One(ents[ent_off[i] as usize]);
            AliasRecord::new(texts.get(i), texts.off[i], case_from(s.cases[i]), first)
        })
        .collect();
    let mut many = Vec::with_capacity(shared.len());
    for i in shared {
        records[i].entities = EntList::Many(len32(many.len()));
        many.push(ents[ent_off[i] as usize..ent_off[i + 1] as usize].to_vec());
    }
    Ok(AliasPart {
        texts: texts.text,
        records,
        many,
    })
}

fn decode_trie(s: TrieSections) -> Result<Trie> {
    let mut trie = Trie {
        nodes: s.nodes,
        outs: s.outs,
        ..Trie::default()
    };
    trie.validate(s.n_al).map_err(|e| corrupt(&e))?;
    trie.fill_root();
    Ok(trie)
}

impl Gazetteer {
    /// Checks the sections and builds the gazetteer: the entity part, the alias part
    /// and the trie in parallel.
    pub(super) fn decode((ents, aliases, trie): Sections) -> Result<Self> {
        let (trie, (ents, als)) = rayon::join(
            move || decode_trie(trie),
            move || {
                rayon::join(
                    move || decode_entities(ents),
                    move || decode_aliases(aliases),
                )
            },
        );
        let (trie, ents, als) = (trie?, ents?, als?);
        let matcher = OnceLock::new();
        let _ = matcher.set(trie);
        Ok(Gazetteer {
            ent_ids: ents.ids,
            ent_names: ents.names,
            ent_labels: ents.ent_labels,
            labels: ents.labels,
            label_index: ents.label_index,
            ent_attrs: ents.attrs,
            ids: ents.id_index,
            ent_aliases: ents.ent_aliases,
            ent_alias_off: ents.ent_alias_off,
            alias_texts: als.texts,
            aliases: als.records,
            alias_many: als.many,
            alias_index: None,
            key_bytes: 0, // counted with the alias index, on the first `add`
            matcher,
            built: OnceLock::new(),
            genders: OnceLock::new(),
        })
    }
}
