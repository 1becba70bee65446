//! Builders of one batch's columns: dictionary-encoded strings for values that repeat
//! (labels, ids, names, kinds), plain strings and int32 code-point offsets.

use std::collections::HashMap;
use std::sync::Arc;

use ahash::RandomState;
use arrow_array::builder::StringBuilder;
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, DictionaryArray, Int32Array};
use arrow_buffer::NullBufferBuilder;

/// A `dictionary<int32, utf8>` column: each distinct string is stored once per batch.
pub(crate) struct DictColumn<'a> {
    keys: Vec<i32>,
    nulls: NullBufferBuilder,
    values: StringBuilder,
    /// Key of each distinct string (ahash: the column is looked up once per row).
    index: HashMap<&'a str, i32, RandomState>,
}

impl<'a> DictColumn<'a> {
    pub(crate) fn with_capacity(rows: usize) -> Self {
        DictColumn {
            keys: Vec::with_capacity(rows),
            nulls: NullBufferBuilder::new(rows),
            values: StringBuilder::new(),
            index: HashMap::default(),
        }
    }

    /// Appends `value` (`None`: a null row).
    pub(crate) fn push(&mut self, value: Option<&'a str>) {
        let Some(s) = value else {
            self.keys.push(0);
            self.nulls.append_null();
            return;
        };
        let next = self.index.len() as i32;
        let key = *self.index.entry(s).or_insert_with(|| {
            self.values.append_value(s);
            next
        });
        self.keys.push(key);
        self.nulls.append_non_null();
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
