//! Builders of one batch's columns: dictionary-encoded strings for values that repeat
//! (labels, ids, names, kinds), plain strings and int32 code-point offsets.

use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, StringBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, DictionaryArray, Int32Array};
use arrow_buffer::NullBufferBuilder;

/// A `dictionary<int32, utf8>` column: each distinct string is stored once per batch.
pub(crate) struct DictColumn<'a> {
    keys: Vec<i32>,
    nulls: NullBufferBuilder,
    values: StringBuilder,
    /// Key of each distinct string (the crate's one fast hasher: looked up once per row).
    index: crate::FastMap<&'a str, i32>,
    /// Key of each gazetteer entity seen (`push_entity`): a u32 hashes faster.
    entities: crate::FastMap<u32, i32>,
    /// The last string pushed and its key: runs of one value (a label, a source, the
    /// mentions of one name) skip the hash.
    last: Option<(&'a str, i32)>,
}

impl<'a> DictColumn<'a> {
    pub(crate) fn with_capacity(rows: usize) -> Self {
        DictColumn {
            keys: Vec::with_capacity(rows),
            nulls: NullBufferBuilder::new(rows),
            values: StringBuilder::new(),
            index: crate::FastMap::default(),
            entities: crate::FastMap::default(),
            last: None,
        }
    }

    /// Appends `value` (`None`: a null row).
    pub(crate) fn push(&mut self, value: Option<&'a str>) {
        let Some(s) = value else {
            self.push_null();
            return;
        };
        let key = match self.last {
            Some((l, k)) if std::ptr::eq(l, s) => k,
            _ => {
                let next = self.values.len() as i32;
                let values = &mut self.values;
                let key = *self.index.entry(s).or_insert_with(|| {
                    values.append_value(s);
                    next
                });
                self.last = Some((s, key));
                key
            }
        };
        self.push_key(key);
    }

    /// Appends the string of gazetteer entity `entity` (`None`: a null row), looked up
    /// by index; `text` gives the string of an entity not seen yet. Use one of `push`
    /// and `push_entity` per column.
    pub(crate) fn push_entity(&mut self, entity: Option<u32>, text: impl FnOnce(u32) -> &'a str) {
        let Some(e) = entity else {
            self.push_null();
            return;
        };
        let next = self.values.len() as i32;
        let values = &mut self.values;
        let key = *self.entities.entry(e).or_insert_with(|| {
            values.append_value(text(e));
            next
        });
        self.push_key(key);
    }

    fn push_key(&mut self, key: i32) {
        self.keys.push(key);
        self.nulls.append_non_null();
    }

    fn push_null(&mut self) {
        self.keys.push(0);
        self.nulls.append_null();
    }

    pub(crate) fn finish(mut self) -> ArrayRef {
        let keys = Int32Array::new(self.keys.into(), self.nulls.finish());
        let values = Arc::new(self.values.finish());
        // Keys index `values` by construction.
        Arc::new(DictionaryArray::<Int32Type>::new(keys, values))
    }
}

/// A non-null `int32` column (code-point offsets, counts).
pub(crate) struct IntColumn(Vec<i32>);

impl IntColumn {
    pub(crate) fn with_capacity(rows: usize) -> Self {
        IntColumn(Vec::with_capacity(rows))
    }

    /// Appends `v`. Offsets fit: texts are shorter than `u32::MAX / 4` code points
    /// (checked where they come from Python).
    pub(crate) fn push(&mut self, v: usize) {
        self.0.push(v as i32);
    }

    pub(crate) fn finish(self) -> ArrayRef {
        Arc::new(Int32Array::from(self.0))
    }
}
