//! The gazetteer: entities with aliases, their loaders, and the compiled matcher.
//!
//! ```
//! use namedrop::gazetteer::{Entity, Gazetteer, MatchOptions};
//! let mut g = Gazetteer::new();
//! g.add(Entity::new("zurich", "Zürich", "GPE")).unwrap();
//! let text = "Flights to ZURICH and Zu\u{308}rich’s airport";
//! let found = g.find(text, &MatchOptions::default());
//! assert_eq!(found.len(), 2);
//! assert_eq!(&text[found[1].start..found[1].end], "Zu\u{308}rich");
//! assert_eq!(g.alias_entities(found[0].alias), &[0]);
//! ```
//!
//! # Matching rules
//!
//! Aliases and text are compared after [folding](crate::text). A match must start and
//! end on a word boundary: it is rejected when a letter or digit is on both sides of its
//! start or of its end (combining marks belong to the character before them, and a
//! match never ends between a character and its marks). Han, Hiragana and Katakana
//! characters are each a word of their own, so a CJK alias matches inside unspaced CJK
//! text ("東京" in "東京都"); Thai, Lao, Khmer and other unspaced scripts are not
//! segmented (an alias there only matches a whole run of letters).
//!
//! Case ([`CaseMode`], per alias overridable): `Smart` (default) — an alias with a
//! capital letter matches only text that has capitals where the alias has them (after
//! folding, so "İstanbul" matches "Istanbul") or text with no lowercase letter at all;
//! an all-lowercase alias matches any case. `Exact` compares the text case-sensitively
//! (after whitespace, dash and apostrophe normalisation; diacritics follow
//! `fold_diacritics`; no `ß`/`ss` or ligature equivalence). `Insensitive` ignores case.
//!
//! Overlaps: leftmost-longest among *valid* matches (a longer candidate rejected by a
//! boundary or case check never hides a shorter valid one); with `overlapping` every
//! valid match is returned.

use std::fmt;
use std::sync::OnceLock;

use serde_json::Map;

mod add;
mod case;
mod columns;
mod entity;
mod index;
pub(crate) mod load;
mod matcher;
mod ndg;

pub use entity::{Alias, CaseMode, Entity, Match, MatchOptions, DEFAULT_LABEL};
pub use ndg::{replace_trie, reseal, FORMAT_VERSION};

pub(crate) use columns::EntityValues;
use columns::{len32, AliasRecord, EntList, StrTable, NOT_SHORT_ASCII};
use index::{hash_of, HashIndex};
use matcher::Trie;

/// A collection of entities and the compiled matcher for their aliases.
///
/// `find` takes `&self` and the type is `Sync`: one gazetteer serves many threads. The
/// matcher is compiled on the first `find` (or `to_bytes`) after the last `add`, or
/// loaded ready-made by [`Gazetteer::from_bytes`].
///
/// Entities are stored column by column (ids, names, label numbers, attributes as JSON
/// text, alias ids), so that loading a large gazetteer allocates a few arrays rather
/// than a few objects per entity. [`entity`](Self::entity) builds an [`Entity`] from
/// them on first access and keeps it; [`entity_id`](Self::entity_id),
/// [`entity_name`](Self::entity_name) and [`entity_label`](Self::entity_label) read
/// the columns directly.
#[derive(Clone, Default)]
pub struct Gazetteer {
    ent_ids: StrTable,
    /// Names (whitespace-normalised).
    ent_names: StrTable,
    /// Label of each entity: an index into `labels`.
    ent_labels: Vec<u32>,
    /// The distinct labels, in order of first use.
    labels: StrTable,
    /// Label → index into `labels` (hashes only).
    label_index: HashIndex,
    /// Attributes of each entity as a JSON object, or "" for none.
    ent_attrs: StrTable,
    /// Entity id → index (hashes only; the ids live in `ent_ids`).
    ids: HashIndex,
    /// The alias ids of each entity's aliases besides its name: entity `i` has
    /// `ent_aliases[ent_alias_off[i]..ent_alias_off[i + 1]]` (`ent_alias_off[0] == 0`).
    ent_aliases: Vec<u32>,
    ent_alias_off: Vec<u32>,
    /// The alias texts (whitespace-normalised) back to back, in alias id order; each
    /// record knows where its text is.
    alias_texts: String,
    aliases: Vec<AliasRecord>,
    /// Entity lists of the aliases shared by several entities (`EntList::Many`).
    alias_many: Vec<Vec<u32>>,
    /// (text, case) → alias id; built when first needed by `add`.
    alias_index: Option<HashIndex>,
    /// The total length of the aliases' folded keys (what the trie's size depends on);
    /// kept up to date while `alias_index` is `Some`.
    key_bytes: usize,
    matcher: OnceLock<Trie>,
    /// The entities built by `entity` so far: one slot per entity, made on the first
    /// call.
    built: OnceLock<Vec<OnceLock<Box<Entity>>>>,
    /// Every entity's `gender` attribute, read on the first
    /// [`gender_attribute`](Self::gender_attribute) call.
    genders: OnceLock<EntityValues>,
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entities", &self.len())
            .field("aliases", &self.aliases.len())
            .field("compiled", &self.matcher.get().is_some())
            .finish()
    }
}

impl Gazetteer {
    /// Number of entities.
    pub fn len(&self) -> usize {
        self.ent_ids.len()
    }

    /// True when there are no entities.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entity at index `idx` (indices are assigned in order of addition).
    ///
    /// The [`Entity`] is built from the gazetteer's tables on the first call for `idx`
    /// and kept; to read only an entity's id, name or label, [`entity_id`](Self::entity_id),
    /// [`entity_name`](Self::entity_name) and [`entity_label`](Self::entity_label) are
    /// cheaper. Panics if `idx >= len()`, like slice indexing.
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("ny", "New  York", "GPE").alias("NYC").attribute("pop", 8)).unwrap();
    /// let e = g.entity(0);
    /// assert_eq!((e.id.as_str(), e.name.as_str()), ("ny", "New York"));
    /// assert_eq!(e.aliases[0].text, "NYC");
    /// assert_eq!(e.attributes["pop"], 8);
    /// ```
    pub fn entity(&self, idx: u32) -> &Entity {
        let built = self
            .built
            .get_or_init(|| (0..self.len()).map(|_| OnceLock::new()).collect());
        built[idx as usize].get_or_init(|| Box::new(self.build_entity(idx as usize)))
    }

    fn build_entity(&self, i: usize) -> Entity {
        let (a, b) = (
            self.ent_alias_off[i] as usize,
            self.ent_alias_off[i + 1] as usize,
        );
        let aliases = self.ent_aliases[a..b]
            .iter()
            .map(|&aid| Alias {
                text: self.alias_text(aid).to_string(),
                case: self.alias_case(aid),
            })
            .collect();
        let attributes = match self.ent_attrs.get(i) {
            "" => Map::new(),
            // Written by `add` or checked by `from_bytes`: always a JSON object.
            json => serde_json::from_str(json).unwrap_or_default(),
        };
        Entity {
            id: self.ent_ids.get(i).to_string(),
            name: self.ent_names.get(i).to_string(),
            label: self.entity_label(len32(i)).to_string(),
            aliases,
            attributes,
        }
    }

    /// The id of entity `idx`. Panics if `idx >= len()`.
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("ny", "New  York", "")).unwrap();
    /// assert_eq!(g.entity_id(0), "ny");
    /// assert_eq!(g.entity_name(0), "New York");
    /// assert_eq!(g.entity_label(0), "MISC");
    /// ```
    pub fn entity_id(&self, idx: u32) -> &str {
        self.ent_ids.get(idx as usize)
    }

    /// The canonical name of entity `idx` (whitespace-normalised). Panics if
    /// `idx >= len()`.
    pub fn entity_name(&self, idx: u32) -> &str {
        self.ent_names.get(idx as usize)
    }

    /// The label of entity `idx`. Panics if `idx >= len()`.
    pub fn entity_label(&self, idx: u32) -> &str {
        self.labels.get(self.ent_labels[idx as usize] as usize)
    }

    /// The attributes of entity `idx` as JSON object text, `""` when it has none
    /// (cheaper than [`entity`](Self::entity) to look at one attribute of many
    /// entities). Panics if `idx >= len()`.
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("a", "Ann", "PERSON").attribute("gender", "female")).unwrap();
    /// g.add(Entity::new("b", "Bonn", "GPE")).unwrap();
    /// assert_eq!(g.entity_attributes_json(0), r#"{"gender":"female"}"#);
    /// assert_eq!(g.entity_attributes_json(1), "");
    /// ```
    pub fn entity_attributes_json(&self, idx: u32) -> &str {
        self.ent_attrs.get(idx as usize)
    }

    /// The `gender` attribute of entity `idx` when it is a string (`None` too when
    /// `idx >= len()`). Every entity's is read from its JSON on the first call and
    /// kept, so linking, which asks once per mention, parses no JSON.
    pub(crate) fn gender_attribute(&self, idx: u32) -> Option<&str> {
        let genders = self.genders.get_or_init(|| EntityValues::genders(self));
        genders.get(idx).map(|g| &**g)
    }

    /// The entity with id `id`.
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("a", "Alpha", "ORG")).unwrap();
    /// assert_eq!(g.get("a").unwrap().name, "Alpha");
    /// assert!(g.get("b").is_none());
    /// ```
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.index_of(id).map(|i| self.entity(i))
    }

    /// The index of the entity with id `id`.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.ids.get(hash_of(id), |i| self.entity_id(i) == id)
    }

    /// All entities, in order of addition (each built on first access, see
    /// [`entity`](Self::entity)).
    pub fn entities(&self) -> impl Iterator<Item = &Entity> + '_ {
        (0..self.len()).map(|i| self.entity(len32(i)))
    }

    /// The distinct labels, sorted.
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("b", "Bonn", "GPE")).unwrap();
    /// g.add(Entity::new("a", "Ann", "PERSON")).unwrap();
    /// g.add(Entity::new("c", "Cork", "GPE")).unwrap();
    /// assert_eq!(g.labels(), vec!["GPE", "PERSON"]);
    /// ```
    pub fn labels(&self) -> Vec<&str> {
        let set: std::collections::BTreeSet<&str> =
            (0..self.labels.len()).map(|i| self.labels.get(i)).collect();
        set.into_iter().collect()
    }

    /// Number of distinct aliases (alias ids are `0..alias_count()`).
    pub fn alias_count(&self) -> usize {
        self.aliases.len()
    }

    /// The text of alias `alias` (whitespace-normalised, as written).
    pub fn alias_text(&self, alias: u32) -> &str {
        let r = &self.aliases[alias as usize];
        &self.alias_texts[r.start as usize..(r.start + r.len) as usize]
    }

    /// The case override of alias `alias`.
    pub fn alias_case(&self, alias: u32) -> Option<CaseMode> {
        self.aliases[alias as usize].case
    }

    /// The entities (indices) that have alias `alias`: the candidates of a match.
    pub fn alias_entities(&self, alias: u32) -> &[u32] {
        match &self.aliases[alias as usize].entities {
            EntList::One(e) => std::slice::from_ref(e),
            EntList::Many(m) => &self.alias_many[*m as usize],
        }
    }

    /// The candidates of a mention made of `matches` that share one span: the sorted,
    /// de-duplicated union of their [`alias_entities`](Self::alias_entities).
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer, MatchOptions};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("gw", "George Washington", "PERSON").alias("Washington")).unwrap();
    /// g.add(Entity::new("wa", "Washington", "GPE")).unwrap();
    /// let m = g.find("Washington said", &MatchOptions::default());
    /// assert_eq!(m.len(), 1);
    /// assert_eq!(g.candidates(&m), vec![0, 1]);
    /// ```
    pub fn candidates(&self, matches: &[Match]) -> Vec<u32> {
        let mut out: Vec<u32> = matches
            .iter()
            .flat_map(|m| self.alias_entities(m.alias).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn trie(&self) -> &Trie {
        self.matcher.get_or_init(|| {
            let texts = (0..self.aliases.len()).map(|i| self.alias_text(len32(i)));
            // `add` refuses keys past `matcher::MAX_KEY_BYTES`, so the build never fails
            // on a gazetteer that exists (a loaded trie is never rebuilt).
            Trie::build(texts).expect("add keeps the alias keys within the trie's limits")
        })
    }

    /// Compiles the matcher now (it is otherwise compiled by the first `find`).
    pub fn compile(&self) {
        let _ = self.trie();
    }

    /// Finds the aliases in `text`: byte offsets into `text`, sorted by
    /// `(start, end, alias)`. See the [module docs](self) for the rules.
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer, MatchOptions};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("ny", "New York", "GPE")).unwrap();
    /// g.add(Entity::new("nyc", "New York City", "GPE")).unwrap();
    /// let text = "New\u{a0}York City’s mayor, not New Yorkers";
    /// let m = g.find(text, &MatchOptions::default());
    /// assert_eq!(m.len(), 1);
    /// assert_eq!(&text[m[0].start..m[0].end], "New\u{a0}York City");
    /// let all = g.find(text, &MatchOptions { overlapping: true, ..Default::default() });
    /// assert_eq!(all.len(), 2);
    /// ```
    pub fn find(&self, text: &str, opts: &MatchOptions) -> Vec<Match> {
        if self.aliases.is_empty() || text.is_empty() {
            return Vec::new();
        }
        self.trie()
            .find(text, opts, &|aid, span| self.alias_ok(aid, span, opts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_is_sync_and_send() {
        fn check<T: Send + Sync>() {}
        check::<Gazetteer>();
    }
}
