//! Adding entities: validation, de-duplication of aliases, the size limits, and the
//! alias index that finds an alias shared by several entities.

use std::sync::OnceLock;

use serde_json::Value;

use super::index::{hash_of, HashIndex};
use super::{len32, matcher, Alias, AliasRecord, EntList, Entity, Gazetteer, DEFAULT_LABEL};
use crate::error::{Error, Result};
use crate::text;

/// The largest number of entities: indices are `u32`.
const MAX_ENTITIES: usize = u32::MAX as usize;

/// Trims and collapses whitespace runs to one space; other characters are kept.
fn normalize_alias(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(text::is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The sizes behind `u32` counts and offsets that no single table's check covers.
struct Sizes {
    /// (alias, entity) pairs: one per alias of every entity, name included.
    memberships: usize,
    /// Total length of the distinct aliases' folded keys.
    key_bytes: usize,
}

/// Fails when a gazetteer of these sizes would outgrow a `u32` count or offset of the
/// matcher or the `.ndg` format.
fn check_limits(s: &Sizes) -> Result<()> {
    if s.memberships > u32::MAX as usize {
        return Err(too_large("aliases of all entities (counted per entity)"));
    }
    if !matcher::fits(s.key_bytes) {
        return Err(Error::gazetteer(format!(
            "gazetteer too large (the folded alias texts exceed {} bytes in total)",
            matcher::MAX_KEY_BYTES
        )));
    }
    Ok(())
}

fn too_large(what: &str) -> Error {
    Error::gazetteer(format!(
        "gazetteer too large (the {what} exceed 4 GiB in total)"
    ))
}

impl Gazetteer {
    /// An empty gazetteer.
    ///
    /// ```
    /// assert!(namedrop::gazetteer::Gazetteer::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entity.
    ///
    /// Errors ([`ErrorKind::Gazetteer`](crate::ErrorKind::Gazetteer)) on an empty or
    /// duplicate id, an empty name, and an alias that is empty, whitespace only or has
    /// no letter or digit (punctuation only); the message names the entity and alias.
    /// An empty label becomes [`DEFAULT_LABEL`].
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("us", "United States", "GPE").alias("U.S.")).unwrap();
    /// let err = g.add(Entity::new("us", "USA", "GPE")).unwrap_err();
    /// assert_eq!(err.message(), "duplicate id \"us\"");
    /// let err = g.add(Entity::new("x", "X", "GPE").alias("--")).unwrap_err();
    /// assert!(err.message().contains("punctuation"));
    /// ```
    pub fn add(&mut self, entity: Entity) -> Result<()> {
        let Entity {
            id,
            name,
            label,
            aliases,
            attributes,
        } = entity;
        let name = self.checked_id_and_name(&id, &name)?;
        let label = match label.trim() {
            "" => DEFAULT_LABEL,
            l => l,
        };
        let all = distinct_aliases(&name, aliases);
        let key_lens = checked_alias_keys(&id, &all)?;
        let attributes = if attributes.is_empty() {
            String::new()
        } else {
            Value::Object(attributes).to_string()
        };
        // Every check before the first change, so a failed add changes nothing.
        self.check_room(&id, &name, label, &attributes, &all)?;
        self.ensure_alias_index();
        // Counted as if every alias were new (an upper bound): the trie and the
        // `.ndg` form then never need an offset or count beyond `u32`.
        check_limits(&Sizes {
            memberships: self.len() + self.ent_aliases.len() + all.len(),
            key_bytes: self.key_bytes + key_lens.iter().sum::<usize>(),
        })?;
        let idx = len32(self.len());
        for (k, a) in all.iter().enumerate() {
            let aid = self.add_alias(a, key_lens[k], idx);
            if k > 0 {
                self.ent_aliases.push(aid);
            }
        }
        if self.ent_alias_off.is_empty() {
            self.ent_alias_off.push(0);
        }
        self.ent_alias_off.push(len32(self.ent_aliases.len()));
        let label_id = self.label_id(label);
        self.ids.insert(hash_of(id.as_str()), idx);
        self.ent_ids.push(&id);
        self.ent_names.push(&name);
        self.ent_labels.push(label_id);
        self.ent_attrs.push(&attributes);
        if let Some(built) = self.built.get_mut() {
            built.push(OnceLock::new());
        }
        self.matcher = OnceLock::new();
        self.genders = OnceLock::new();
        Ok(())
    }

    /// The whitespace-normalised name, after checking that the id is not empty nor
    /// taken and that the name is not empty.
    fn checked_id_and_name(&self, id: &str, name: &str) -> Result<String> {
        if id.trim().is_empty() {
            return Err(Error::gazetteer("entity has an empty id"));
        }
        if self.index_of(id).is_some() {
            return Err(Error::gazetteer(format!("duplicate id {id:?}")));
        }
        let name = normalize_alias(name);
        if name.is_empty() {
            return Err(Error::gazetteer(format!("entity {id:?} has an empty name")));
        }
        Ok(name)
    }

    /// Fails when the new entity would outgrow a `u32` count or offset of a column.
    fn check_room(
        &self,
        id: &str,
        name: &str,
        label: &str,
        attributes: &str,
        all: &[Alias],
    ) -> Result<()> {
        if self.len() >= MAX_ENTITIES {
            return Err(Error::gazetteer("too many entities"));
        }
        if !self.ent_ids.has_room(id.len()) {
            return Err(too_large("entity ids"));
        }
        if !self.ent_names.has_room(name.len()) {
            return Err(too_large("entity names"));
        }
        if !self.ent_attrs.has_room(attributes.len()) {
            return Err(too_large("attributes"));
        }
        if !self.labels.has_room(label.len()) {
            return Err(too_large("labels"));
        }
        let alias_bytes: usize = all.iter().map(|a| a.text.len()).sum();
        if u32::try_from(self.alias_texts.len() + alias_bytes).is_err()
            || self.aliases.len() + all.len() >= u32::MAX as usize
        {
            return Err(too_large("aliases"));
        }
        Ok(())
    }

    /// The id of alias `a` (whose folded key is `key_len` bytes) with entity `idx`
    /// added to its entities: an existing alias with the same text and case, or a new
    /// one. The alias index must exist.
    fn add_alias(&mut self, a: &Alias, key_len: usize, idx: u32) -> u32 {
        let index = self
            .alias_index
            .as_mut()
            .expect("built by ensure_alias_index");
        let h = hash_of(&(a.text.as_str(), a.case));
        let (texts, aliases) = (&self.alias_texts, &self.aliases);
        let found = index.get(h, |v| {
            let r = &aliases[v as usize];
            r.case == a.case && texts[r.start as usize..(r.start + r.len) as usize] == a.text
        });
        if let Some(aid) = found {
            let rec = &mut self.aliases[aid as usize];
            match rec.entities {
                EntList::One(first) => {
                    rec.entities = EntList::Many(len32(self.alias_many.len()));
                    self.alias_many.push(vec![first, idx]);
                }
                EntList::Many(m) => self.alias_many[m as usize].push(idx),
            }
            return aid;
        }
        let aid = len32(self.aliases.len());
        let start = len32(self.alias_texts.len());
        self.key_bytes += key_len;
        self.aliases
            .push(AliasRecord::new(&a.text, start, a.case, EntList::One(idx)));
        self.alias_texts.push_str(&a.text);
        index.insert(h, aid);
        aid
    }

    /// The number of `label`, given it if it is new.
    fn label_id(&mut self, label: &str) -> u32 {
        let labels = &self.labels;
        let lh = hash_of(label);
        if let Some(l) = self
            .label_index
            .get(lh, |v| labels.get(v as usize) == label)
        {
            return l;
        }
        let l = len32(self.labels.len());
        self.labels.push(label);
        self.label_index.insert(lh, l);
        l
    }

    /// Builds the alias index (and the key byte count that goes with it) if missing:
    /// on the first `add`, and the first `add` after loading.
    fn ensure_alias_index(&mut self) {
        if self.alias_index.is_none() {
            let mut index = HashIndex::with_capacity(self.aliases.len());
            let mut key_bytes = 0;
            for (i, a) in self.aliases.iter().enumerate() {
                let aid = len32(i);
                let text = self.alias_text(aid);
                index.insert(hash_of(&(text, a.case)), aid);
                key_bytes += text::fold_key(text, true, true).len();
            }
            self.alias_index = Some(index);
            self.key_bytes = key_bytes;
        }
    }
}

/// The name, then the other aliases, whitespace-normalised and without repeats.
fn distinct_aliases(name: &str, aliases: Vec<Alias>) -> Vec<Alias> {
    let mut all: Vec<Alias> = Vec::with_capacity(aliases.len() + 1);
    all.push(Alias::from(name.to_string()));
    for a in aliases {
        let text = normalize_alias(&a.text);
        let alias = Alias { text, case: a.case };
        if !all.contains(&alias) {
            all.push(alias);
        }
    }
    all
}

/// The folded key length of each alias of entity `id`, after checking that each can
/// match: not empty, some letter or digit, no combining mark at its start or after a
/// space.
fn checked_alias_keys(id: &str, all: &[Alias]) -> Result<Vec<usize>> {
    let mut key_lens = Vec::with_capacity(all.len());
    for a in all {
        if a.text.is_empty() {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: alias {:?} is empty or whitespace only",
                a.text
            )));
        }
        // Checked on the folded form: a lone combining mark may be "alphabetic" but
        // folds to nothing.
        let key = text::fold_key(&a.text, true, true);
        if !key.chars().any(char::is_alphanumeric) {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: alias {:?} has no letter or digit (punctuation only)",
                a.text
            )));
        }
        // A match starts on a word boundary, never on a mark (it belongs to the
        // character before it): such an alias could never match.
        if let Some(mark) = a.text.chars().next().filter(|&c| text::is_mark(c)) {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: alias {:?} starts with the combining mark U+{:04X} (it can never match on a word boundary)",
                a.text, mark as u32
            )));
        }
        // A mark after a space belongs to no letter: folding drops it with the space,
        // so at the end of an alias the match would stop short of it (a fuzz finding)
        if let Some(mark) = mark_after_space(&a.text) {
            return Err(Error::gazetteer(format!(
                "entity {id:?}: alias {:?} has the combining mark U+{:04X} after a space (it belongs to no letter)",
                a.text, mark as u32
            )));
        }
        key_lens.push(key.len());
    }
    Ok(key_lens)
}

/// The first combining mark that directly follows whitespace in `alias`.
fn mark_after_space(alias: &str) -> Option<char> {
    let mut prev_space = false;
    for c in alias.chars() {
        if prev_space && text::is_mark(c) {
            return Some(c);
        }
        prev_space = c.is_whitespace();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_at_their_boundaries() {
        let at = |memberships, key_bytes| {
            check_limits(&Sizes {
                memberships,
                key_bytes,
            })
        };
        assert!(at(u32::MAX as usize, matcher::MAX_KEY_BYTES).is_ok());
        let err = at(u32::MAX as usize + 1, 0).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Gazetteer);
        assert!(err.message().starts_with("gazetteer too large"), "{err}");
        let err = at(0, matcher::MAX_KEY_BYTES + 1).unwrap_err();
        assert!(err.message().starts_with("gazetteer too large"), "{err}");
    }
}
