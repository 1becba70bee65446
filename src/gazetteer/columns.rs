//! The column storage behind a [`Gazetteer`](super::Gazetteer): strings back to back
//! in one buffer, and one compact record per distinct alias.

use std::borrow::Cow;
use std::sync::Arc;

use super::{CaseMode, Gazetteer};
use crate::{FastMap, NONE};

/// Strings back to back in one buffer: string `i` is `text[off[i]..off[i + 1]]`. One
/// allocation for any number of strings, and the `.ndg` form is the same two arrays.
#[derive(Debug, Clone)]
pub(super) struct StrTable {
    pub(super) text: String,
    /// `off[0] == 0`, non-decreasing, each on a char boundary, last `== text.len()`.
    pub(super) off: Vec<u32>,
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
    pub(super) fn len(&self) -> usize {
        self.off.len() - 1
    }

    #[inline]
    pub(super) fn get(&self, i: usize) -> &str {
        &self.text[self.off[i] as usize..self.off[i + 1] as usize]
    }

    /// Whether `extra` more bytes keep every offset within `u32`.
    pub(super) fn has_room(&self, extra: usize) -> bool {
        self.text
            .len()
            .checked_add(extra)
            .is_some_and(|n| u32::try_from(n).is_ok())
    }

    /// Appends `s`; callers check [`has_room`](Self::has_room) first.
    pub(super) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.off.push(len32(self.text.len()));
    }
}

/// One distinct alias: where its text is, case override, smart-case data and
/// entities, shared by its entities.
#[derive(Debug, Clone)]
pub(super) struct AliasRecord {
    /// The text is `Gazetteer::alias_texts[start..start + len]` (kept here rather than
    /// in an offset array: the exact-case check reads it for every candidate).
    pub(super) start: u32,
    pub(super) len: u32,
    pub(super) case: Option<CaseMode>,
    pub(super) has_upper: bool,
    /// For an ASCII alias of at most 64 bytes: its length and a bit mask of its
    /// capitals, so the smart-case check needs no second memory access.
    pub(super) ascii_len: u8,
    pub(super) upper_mask: u64,
    pub(super) entities: EntList,
}

pub(super) const NOT_SHORT_ASCII: u8 = u8::MAX;

impl AliasRecord {
    /// The record of `text`, found at `start` in `Gazetteer::alias_texts`.
    pub(super) fn new(text: &str, start: u32, case: Option<CaseMode>, entities: EntList) -> Self {
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
}

/// The entities of one alias: almost always one, stored inline; otherwise an index
/// into `Gazetteer::alias_many`.
#[derive(Debug, Clone, Copy)]
pub(super) enum EntList {
    One(u32),
    Many(u32),
}

/// A length or index as a `u32`. Every table's size is bounded by `add`'s checks
/// (`has_room`, `MAX_ENTITIES`, [`check_limits`]), so this never fails on a
/// gazetteer that exists; were a bound wrong, it stops here rather than wrapping
/// into a wrong matcher or file.
#[inline]
pub(super) fn len32(n: usize) -> u32 {
    u32::try_from(n).expect("gazetteer sizes are bounded by add's u32 limits")
}

/// One string value per entity (its label, its gender attribute), read once and
/// interned: a gazetteer has a handful of distinct ones, so a mention's label is a
/// shared string and linking's gender lookups parse no JSON.
#[derive(Debug, Clone)]
pub(crate) struct EntityValues {
    /// Index into `distinct`, or [`NONE`] for none.
    of_entity: Vec<u32>,
    distinct: Vec<Arc<str>>,
}

impl EntityValues {
    fn new<'g>(g: &'g Gazetteer, value: impl Fn(u32) -> Option<Cow<'g, str>>) -> Self {
        let mut index: FastMap<Arc<str>, u32> = FastMap::default();
        let mut distinct: Vec<Arc<str>> = Vec::new();
        let of_entity = (0..len32(g.len()))
            .map(|e| {
                let Some(v) = value(e) else {
                    return NONE;
                };
                if let Some(&i) = index.get(&*v) {
                    return i;
                }
                let shared: Arc<str> = Arc::from(&*v);
                distinct.push(Arc::clone(&shared));
                index.insert(shared, len32(distinct.len() - 1));
                len32(distinct.len() - 1)
            })
            .collect();
        EntityValues {
            of_entity,
            distinct,
        }
    }

    /// Every entity's label.
    pub(crate) fn labels(g: &Gazetteer) -> Self {
        Self::new(g, |e| Some(Cow::Borrowed(g.entity_label(e))))
    }

    /// Every entity's `gender` attribute, when it is a string.
    pub(super) fn genders(g: &Gazetteer) -> Self {
        #[derive(serde::Deserialize)]
        struct Gendered {
            gender: Option<serde_json::Value>,
        }
        Self::new(g, |e| {
            let json = g.entity_attributes_json(e);
            if !json.contains("\"gender\"") {
                return None;
            }
            match serde_json::from_str::<Gendered>(json).ok()?.gender? {
                serde_json::Value::String(v) => Some(Cow::Owned(v)),
                _ => None,
            }
        })
    }

    /// The value of `entity`, if it has one.
    pub(crate) fn get(&self, entity: u32) -> Option<&Arc<str>> {
        let i = *self.of_entity.get(entity as usize)?;
        self.distinct.get(i as usize)
    }
}
