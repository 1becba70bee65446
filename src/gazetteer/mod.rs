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
use std::str::FromStr;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::text;

mod binary;
mod hash;
pub use binary::{replace_trie, reseal, FORMAT_VERSION};
pub(crate) mod load;
mod trie;

use hash::{hash_of, HashIndex};
use trie::Trie;

/// The label given to entities that do not have one.
pub const DEFAULT_LABEL: &str = "MISC";

/// How an alias's letter case is compared with the text.
///
/// ```
/// use namedrop::gazetteer::CaseMode;
/// assert_eq!("smart".parse::<CaseMode>().unwrap(), CaseMode::Smart);
/// assert!("loud".parse::<CaseMode>().is_err());
/// assert_eq!(CaseMode::Exact.as_str(), "exact");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CaseMode {
    /// Capitals in the alias must be capitals in the text (or the text is all capitals);
    /// an all-lowercase alias matches any case.
    #[default]
    Smart,
    /// Case-sensitive comparison.
    Exact,
    /// Case is ignored.
    Insensitive,
}

impl CaseMode {
    /// The mode's name: `"smart"`, `"exact"` or `"insensitive"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseMode::Smart => "smart",
            CaseMode::Exact => "exact",
            CaseMode::Insensitive => "insensitive",
        }
    }
}

impl FromStr for CaseMode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "smart" => Ok(CaseMode::Smart),
            "exact" => Ok(CaseMode::Exact),
            "insensitive" => Ok(CaseMode::Insensitive),
            other => Err(Error::input(format!(
                "unknown case mode {other:?} (expected \"smart\", \"exact\" or \"insensitive\")"
            ))),
        }
    }
}

impl fmt::Display for CaseMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One alias of an entity, with an optional case mode that overrides the matcher's.
///
/// ```
/// use namedrop::gazetteer::{Alias, CaseMode};
/// let a = Alias::from("Obama");
/// assert_eq!(a.case, None);
/// let us = Alias::with_case("US", CaseMode::Exact);
/// assert_eq!(us.text, "US");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alias {
    /// The alias as written.
    pub text: String,
    /// The case mode for this alias; `None` uses the matcher's mode.
    pub case: Option<CaseMode>,
}

impl Alias {
    /// An alias with its own case mode.
    pub fn with_case(text: impl Into<String>, case: CaseMode) -> Self {
        Alias {
            text: text.into(),
            case: Some(case),
        }
    }
}

impl From<&str> for Alias {
    fn from(text: &str) -> Self {
        Alias {
            text: text.to_string(),
            case: None,
        }
    }
}

impl From<String> for Alias {
    fn from(text: String) -> Self {
        Alias { text, case: None }
    }
}

/// A gazetteer entity: a unique id, a canonical name, a label, aliases and attributes.
///
/// The name is always an alias; [`Gazetteer::add`] keeps in `aliases` only the other
/// aliases (whitespace-normalised and de-duplicated).
///
/// ```
/// use namedrop::gazetteer::Entity;
/// let e = Entity::new("pritzker", "Penny Pritzker", "PERSON")
///     .alias("Penny Sue Pritzker")
///     .attribute("gender", "female");
/// assert_eq!(e.aliases.len(), 1);
/// assert_eq!(e.attributes["gender"], "female");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Unique id.
    pub id: String,
    /// Canonical name (always matched as an alias).
    pub name: String,
    /// Label such as PERSON, GPE, ORG ([`DEFAULT_LABEL`] when empty).
    pub label: String,
    /// Other aliases.
    pub aliases: Vec<Alias>,
    /// Any other data (for example `gender`).
    pub attributes: Map<String, Value>,
}

impl Entity {
    /// An entity with no aliases besides its name and no attributes.
    pub fn new(id: impl Into<String>, name: impl Into<String>, label: impl Into<String>) -> Self {
        Entity {
            id: id.into(),
            name: name.into(),
            label: label.into(),
            aliases: Vec::new(),
            attributes: Map::new(),
        }
    }

    /// Adds an alias (builder style).
    pub fn alias(mut self, alias: impl Into<Alias>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// Sets an attribute (builder style).
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.attributes.insert(key.into(), value.into());
        self
    }
}

/// Options of [`Gazetteer::find`].
///
/// ```
/// let o = namedrop::gazetteer::MatchOptions::default();
/// assert!(o.fold_diacritics && !o.overlapping);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchOptions {
    /// Case mode for aliases without their own.
    pub case: CaseMode,
    /// Return every valid match instead of leftmost-longest non-overlapping ones.
    pub overlapping: bool,
    /// Ignore diacritics ("Zurich" matches "Zürich").
    pub fold_diacritics: bool,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            case: CaseMode::Smart,
            overlapping: false,
            fold_diacritics: true,
        }
    }
}

/// One alias found in a text: byte offsets into the original text and the alias id.
///
/// Results of [`Gazetteer::find`] are sorted by `(start, end, alias)`. When two
/// different aliases (say "US" with `case: exact` on one entity and "us" on another)
/// are valid at the same span, there is one `Match` per alias with the same span; the
/// mention's candidates are the union of their [`Gazetteer::alias_entities`] (see
/// [`Gazetteer::candidates`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Match {
    /// Byte offset of the first byte (on a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte (on a char boundary).
    pub end: usize,
    /// The alias id: see [`Gazetteer::alias_text`] and [`Gazetteer::alias_entities`].
    pub alias: u32,
}

/// Strings back to back in one buffer: string `i` is `text[off[i]..off[i + 1]]`. One
/// allocation for any number of strings, and the `.ndg` form is the same two arrays.
#[derive(Debug, Clone)]
struct StrTable {
    text: String,
    /// `off[0] == 0`, non-decreasing, each on a char boundary, last `== text.len()`.
    off: Vec<u32>,
}

impl Default for StrTable {
    fn default() -> Self {
        StrTable {
            text: String::new(),
            off: vec![0],
        }
    }
}

impl StrTable {
    fn len(&self) -> usize {
        self.off.len() - 1
    }

    #[inline]
    fn get(&self, i: usize) -> &str {
        &self.text[self.off[i] as usize..self.off[i + 1] as usize]
    }

    /// Whether `extra` more bytes keep every offset within `u32`.
    fn has_room(&self, extra: usize) -> bool {
        self.text
            .len()
            .checked_add(extra)
            .is_some_and(|n| u32::try_from(n).is_ok())
    }

    /// Appends `s`; callers check [`has_room`](Self::has_room) first.
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.off.push(len32(self.text.len()));
    }
}

/// One distinct alias: where its text is, case override, smart-case data and
/// entities, shared by its entities.
#[derive(Debug, Clone)]
struct AliasRecord {
    /// The text is `Gazetteer::alias_texts[start..start + len]` (kept here rather than
    /// in an offset array: the exact-case check reads it for every candidate).
    start: u32,
    len: u32,
    case: Option<CaseMode>,
    has_upper: bool,
    /// For an ASCII alias of at most 64 bytes: its length and a bit mask of its
    /// capitals, so the smart-case check needs no second memory access.
    ascii_len: u8,
    upper_mask: u64,
    entities: EntList,
}

const NOT_SHORT_ASCII: u8 = u8::MAX;

impl AliasRecord {
    /// The record of `text`, found at `start` in `Gazetteer::alias_texts`.
    fn new(text: &str, start: u32, case: Option<CaseMode>, entities: EntList) -> Self {
        let (has_upper, ascii_len, upper_mask) = if !text.is_ascii() {
            (text.chars().any(char::is_uppercase), NOT_SHORT_ASCII, 0)
        } else if text.len() <= 64 {
            let mask = text
                .bytes()
                .enumerate()
                .fold(0u64, |m, (k, b)| m | (b.is_ascii_uppercase() as u64) << k);
            (mask != 0, text.len() as u8, mask) // at most 64
        } else {
            let upper = text.bytes().any(|b| b.is_ascii_uppercase());
            (upper, NOT_SHORT_ASCII, 0)
        };
        AliasRecord {
            start,
            len: len32(text.len()),
            case,
            has_upper,
            ascii_len,
            upper_mask,
            entities,
        }
    }

    /// The smart-case rule for this alias and an original span whose folded form
    /// equals the alias's; `text` gives the alias text (read only when needed).
    fn smart_ok<'a>(&self, span: &str, text: impl FnOnce() -> &'a str) -> bool {
        if !self.has_upper {
            return true;
        }
        if self.ascii_len != NOT_SHORT_ASCII && span.len() == self.ascii_len as usize {
            let (mut upper, mut lower) = (0u64, false);
            for (k, b) in span.bytes().enumerate() {
                upper |= (b.is_ascii_uppercase() as u64) << k;
                lower |= b.is_ascii_lowercase();
            }
            if span.is_ascii() {
                // ASCII folds byte for byte: compare positions directly.
                return !lower || self.upper_mask & !upper == 0;
            }
        }
        smart_case_ok(text(), span)
    }
}

/// The entities of one alias: almost always one, stored inline; otherwise an index
/// into `Gazetteer::alias_many`.
#[derive(Debug, Clone, Copy)]
enum EntList {
    One(u32),
    Many(u32),
}

/// The largest number of entities: indices are `u32`.
const MAX_ENTITIES: usize = u32::MAX as usize;

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
    if !trie::fits(s.key_bytes) {
        return Err(Error::gazetteer(format!(
            "gazetteer too large (the folded alias texts exceed {} bytes in total)",
            trie::MAX_KEY_BYTES
        )));
    }
    Ok(())
}

/// A length or index as a `u32`. Every table's size is bounded by `add`'s checks
/// (`has_room`, `MAX_ENTITIES`, [`check_limits`]), so this never fails on a
/// gazetteer that exists; were a bound wrong, it stops here rather than wrapping
/// into a wrong matcher or file.
#[inline]
fn len32(n: usize) -> u32 {
    u32::try_from(n).expect("gazetteer sizes are bounded by add's u32 limits")
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
        if id.trim().is_empty() {
            return Err(Error::gazetteer("entity has an empty id"));
        }
        if self.index_of(&id).is_some() {
            return Err(Error::gazetteer(format!("duplicate id {id:?}")));
        }
        let name = normalize_alias(&name);
        if name.is_empty() {
            return Err(Error::gazetteer(format!("entity {id:?} has an empty name")));
        }
        let label = match label.trim() {
            "" => DEFAULT_LABEL,
            l => l,
        };
        // Validate and de-duplicate: the name first, then the other aliases.
        let mut all: Vec<Alias> = Vec::with_capacity(aliases.len() + 1);
        all.push(Alias::from(name.clone()));
        for a in aliases {
            let text = normalize_alias(&a.text);
            let alias = Alias { text, case: a.case };
            if !all.contains(&alias) {
                all.push(alias);
            }
        }
        let mut key_lens = Vec::with_capacity(all.len());
        for a in &all {
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
            key_lens.push(key.len());
        }
        let attributes = if attributes.is_empty() {
            String::new()
        } else {
            Value::Object(attributes).to_string()
        };
        // Every check before the first change, so a failed add changes nothing.
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
        self.ensure_alias_index();
        // Counted as if every alias were new (an upper bound): the trie and the
        // `.ndg` form then never need an offset or count beyond `u32`.
        check_limits(&Sizes {
            memberships: self.len() + self.ent_aliases.len() + all.len(),
            key_bytes: self.key_bytes + key_lens.iter().sum::<usize>(),
        })?;
        let idx = len32(self.len());
        let index = self.alias_index.as_mut().expect("built above");
        for (k, a) in all.iter().enumerate() {
            let h = hash_of(&(a.text.as_str(), a.case));
            let (texts, aliases) = (&self.alias_texts, &self.aliases);
            let found = index.get(h, |v| {
                let r = &aliases[v as usize];
                r.case == a.case && texts[r.start as usize..(r.start + r.len) as usize] == a.text
            });
            let aid = match found {
                Some(aid) => {
                    let rec = &mut self.aliases[aid as usize];
                    match rec.entities {
                        EntList::One(first) => {
                            rec.entities = EntList::Many(len32(self.alias_many.len()));
                            self.alias_many.push(vec![first, idx]);
                        }
                        EntList::Many(m) => self.alias_many[m as usize].push(idx),
                    }
                    aid
                }
                None => {
                    let aid = len32(self.aliases.len());
                    let start = len32(self.alias_texts.len());
                    self.key_bytes += key_lens[k];
                    self.aliases
                        .push(AliasRecord::new(&a.text, start, a.case, EntList::One(idx)));
                    self.alias_texts.push_str(&a.text);
                    index.insert(h, aid);
                    aid
                }
            };
            if k > 0 {
                self.ent_aliases.push(aid);
            }
        }
        if self.ent_alias_off.is_empty() {
            self.ent_alias_off.push(0);
        }
        self.ent_alias_off.push(len32(self.ent_aliases.len()));
        let labels = &self.labels;
        let lh = hash_of(label);
        let label_id = match self
            .label_index
            .get(lh, |v| labels.get(v as usize) == label)
        {
            Some(l) => l,
            None => {
                let l = len32(self.labels.len());
                self.labels.push(label);
                self.label_index.insert(lh, l);
                l
            }
        };
        self.ids.insert(hash_of(id.as_str()), idx);
        self.ent_ids.push(&id);
        self.ent_names.push(&name);
        self.ent_labels.push(label_id);
        self.ent_attrs.push(&attributes);
        if let Some(built) = self.built.get_mut() {
            built.push(OnceLock::new());
        }
        self.matcher = OnceLock::new();
        Ok(())
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
            // `add` refuses keys past `trie::MAX_KEY_BYTES`, so the build never fails
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

    /// Case and diacritic checks of one alias against an original text span whose
    /// folded form equals the alias's folded key.
    fn alias_ok(&self, aid: u32, span: &str, opts: &MatchOptions) -> bool {
        let rec = &self.aliases[aid as usize];
        let mode = rec.case.unwrap_or(opts.case);
        match mode {
            CaseMode::Insensitive => {}
            CaseMode::Smart => {
                if !rec.smart_ok(span, || self.alias_text(aid)) {
                    return false;
                }
            }
            CaseMode::Exact => {
                return same_key(span, self.alias_text(aid), false, opts.fold_diacritics);
            }
        }
        if !opts.fold_diacritics {
            return same_key(span, self.alias_text(aid), true, false);
        }
        true
    }
}

/// `fold_key(a, lower, strip) == fold_key(b, lower, strip)`, with the keys folded into
/// buffers kept per thread (this runs for every match in exact-case or
/// diacritic-sensitive matching).
fn same_key(a: &str, b: &str, lower: bool, strip: bool) -> bool {
    thread_local! {
        static KEYS: std::cell::RefCell<(String, String)> = Default::default();
    }
    KEYS.with(|keys| match keys.try_borrow_mut() {
        Ok(mut keys) => {
            let (ka, kb) = &mut *keys;
            ka.clear();
            kb.clear();
            text::fold_key_into(a, lower, strip, ka);
            text::fold_key_into(b, lower, strip, kb);
            ka == kb
        }
        // Not reentrant in practice; fall back to fresh strings if it ever is.
        Err(_) => text::fold_key(a, lower, strip) == text::fold_key(b, lower, strip),
    })
}

/// The capitalisation pattern of `s` on its folded characters: one flag per folded char
/// (whitespace runs give one `false`).
fn case_pattern(s: &str, out: &mut Vec<bool>) {
    let mut pending_space = false;
    for c in s.chars() {
        if text::is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        let up = c.is_uppercase();
        let before = out.len();
        if pending_space {
            out.push(false);
        }
        let mark = out.len();
        text::fold_char(c, true, true, &mut |_| out.push(up));
        if out.len() == mark {
            out.truncate(before);
        } else {
            pending_space = false;
        }
    }
}

fn smart_case_ok(alias: &str, span: &str) -> bool {
    if alias.len() == span.len() && alias.is_ascii() && span.is_ascii() {
        // ASCII folds one byte to one byte: compare position by position.
        return !span.bytes().any(|c| c.is_ascii_lowercase())
            || alias
                .bytes()
                .zip(span.bytes())
                .all(|(a, t)| !a.is_ascii_uppercase() || t.is_ascii_uppercase());
    }
    if !span.chars().any(char::is_lowercase) {
        return true; // all capitals (or no cased letters)
    }
    let mut a = Vec::with_capacity(alias.len());
    let mut t = Vec::with_capacity(span.len());
    case_pattern(alias, &mut a);
    case_pattern(span, &mut t);
    a.len() == t.len() && a.iter().zip(&t).all(|(&au, &tu)| !au || tu)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_rules() {
        assert!(smart_case_ok("May", "May"));
        assert!(smart_case_ok("May", "MAY"));
        assert!(!smart_case_ok("May", "may"));
        assert!(!smart_case_ok("US", "us"));
        assert!(!smart_case_ok("US", "Us"));
        assert!(smart_case_ok("İstanbul", "Istanbul"));
        assert!(smart_case_ok("Straße", "Strasse"));
        assert!(smart_case_ok("New York", "New\u{a0}\u{a0}York"));
        assert!(!smart_case_ok("New York", "New york"));
    }

    #[test]
    fn limits_at_their_boundaries() {
        let at = |memberships, key_bytes| {
            check_limits(&Sizes {
                memberships,
                key_bytes,
            })
        };
        assert!(at(u32::MAX as usize, trie::MAX_KEY_BYTES).is_ok());
        let err = at(u32::MAX as usize + 1, 0).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Gazetteer);
        assert!(err.message().starts_with("gazetteer too large"), "{err}");
        let err = at(0, trie::MAX_KEY_BYTES + 1).unwrap_err();
        assert!(err.message().starts_with("gazetteer too large"), "{err}");
    }

    #[test]
    fn gazetteer_is_sync_and_send() {
        fn check<T: Send + Sync>() {}
        check::<Gazetteer>();
    }
}
