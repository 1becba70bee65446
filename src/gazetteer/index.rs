//! A fast non-cryptographic hasher and the hash index of the gazetteer's id, label and
//! alias tables.
//!
//! SipHash dominated building a million-alias gazetteer. Keys come from the user's own
//! gazetteer files, so hash flooding is not a concern here.

use std::hash::Hasher;

/// Multiply-rotate hashing of 8-byte words (FxHash-like), with a final mix.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl FastHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(K).rotate_left(26);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 32;
        x = x.wrapping_mul(K);
        x ^ (x >> 29)
    }
}

/// Hashes one value with [`FastHasher`].
pub(crate) fn hash_of<T: std::hash::Hash + ?Sized>(v: &T) -> u64 {
    let mut h = FastHasher::default();
    v.hash(&mut h);
    h.finish()
}

/// An index from keys to `u32` values (below `u32::MAX`) that stores only key hashes:
/// the keys themselves live elsewhere (entity ids, alias texts), and callers confirm a
/// hit with `eq`.
///
/// Open addressing with linear probing, at most half full. A slot is one `u64`: the
/// top 32 bits of the key's hash (which also pick the slot, so the table can grow
/// without the keys) and `value + 1` (0 is an empty slot, so a new table is zeroed
/// memory). [`HashIndex::build`] fills a table in slot order, which keeps the writes
/// of a million-entry load within the cache.
#[derive(Debug, Clone, Default)]
pub(crate) struct HashIndex {
    slots: Vec<u64>,
    len: usize,
}

/// Fewest slots of a non-empty table.
const MIN_SLOTS: usize = 8;
/// Most slot bits: the tag is 32 bits.
const MAX_BITS: u32 = 32;

#[inline]
fn tag_of(h: u64) -> u64 {
    h >> 32
}

#[inline]
fn home(tag: u64, bits: u32) -> usize {
    (tag >> (32 - bits)) as usize
}

#[inline]
fn slot_value(s: u64) -> u32 {
    (s as u32).wrapping_sub(1)
}

impl HashIndex {
    /// An empty index with room for `n` entries.
    pub(crate) fn with_capacity(n: usize) -> Self {
        HashIndex {
            slots: vec![0; Self::slots_for(n)],
            len: 0,
        }
    }

    fn slots_for(n: usize) -> usize {
        n.saturating_mul(2)
            .next_power_of_two()
            .clamp(MIN_SLOTS, 1 << MAX_BITS)
    }

    fn bits(&self) -> u32 {
        self.slots.len().trailing_zeros()
    }

    /// An index of `entries` (hash, value), built in one pass in slot order. `same(a,
    /// b)` tells whether the keys of values `a` and `b` are equal; a value whose key
    /// is already in the index is an error `(earlier value, value)`.
    pub(crate) fn build(
        entries: &[(u64, u32)],
        same: impl Fn(u32, u32) -> bool,
    ) -> Result<Self, (u32, u32)> {
        let mut ix = Self::with_capacity(entries.len());
        // A counting sort on the top bits of the tags puts the entries in slot order,
        // give or take a few kilobytes of table.
        let group_bits = ix.bits().min(12);
        let group = |h: u64| home(tag_of(h), group_bits);
        let mut starts = vec![0usize; (1 << group_bits) + 1];
        for &(h, _) in entries {
            starts[group(h) + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut sorted = vec![(0u64, 0u32); entries.len()];
        for &(h, v) in entries {
            let g = group(h);
            sorted[starts[g]] = (h, v);
            starts[g] += 1;
        }
        for &(h, v) in &sorted {
            if let Some(old) = ix.insert_new(h, v, |o| same(o, v)) {
                return Err((old, v));
            }
        }
        Ok(ix)
    }

    /// The value stored for a key with hash `h` for which `eq(value)` holds.
    pub(crate) fn get(&self, h: u64, eq: impl Fn(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(tag_of(h), eq).ok()
    }

    /// Probes from the home slot of `tag`: the stored value for which `eq` holds, or
    /// the index of the empty slot that ends the probe (where the key would go; the
    /// load stays at most one half, so there is one).
    #[inline]
    fn probe(&self, tag: u64, eq: impl Fn(u32) -> bool) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = home(tag, self.bits());
        loop {
            let s = self.slots[i];
            if s == 0 {
                return Err(i);
            }
            if s >> 32 == tag && eq(slot_value(s)) {
                return Ok(slot_value(s));
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts `v` under hash `h` unless a value for which `eq` holds is already there,
    /// which is returned instead (one probe for a check and an insert).
    pub(crate) fn insert_new(&mut self, h: u64, v: u32, eq: impl Fn(u32) -> bool) -> Option<u32> {
        debug_assert!(v != u32::MAX);
        if (self.len + 1) * 2 > self.slots.len() && self.slots.len() < 1 << MAX_BITS {
            self.grow();
        }
        let tag = tag_of(h);
        let i = match self.probe(tag, eq) {
            Ok(old) => return Some(old),
            Err(empty) => empty,
        };
        self.slots[i] = tag << 32 | (v as u64 + 1);
        self.len += 1;
        None
    }

    /// Inserts a key known to be absent.
    pub(crate) fn insert(&mut self, h: u64, v: u32) {
        self.insert_new(h, v, |_| false);
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![0; (old.len() * 2).max(MIN_SLOTS)];
        let (bits, mask) = (self.bits(), self.slots.len() - 1);
        for s in old.into_iter().filter(|&s| s != 0) {
            let mut i = home(s >> 32, bits);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_hashes_probe_on() {
        // The slot and tag come from the top 32 bits of a hash.
        let (h, other, third) = (42u64 << 40, 7u64 << 33, 5u64 << 60);
        let keys = ["a", "b", "c"];
        let mut ix = HashIndex::default();
        for (i, _) in keys.iter().enumerate() {
            ix.insert(h, i as u32); // all with the same hash
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(ix.get(h, |v| keys[v as usize] == *k), Some(i as u32));
        }
        assert_eq!(ix.get(h, |_| false), None);
        assert_eq!(ix.get(other, |_| true), None);
        assert_eq!(ix.insert_new(h, 9, |v| keys[v as usize] == "b"), Some(1));
        assert_eq!(ix.insert_new(h, 3, |_| false), None);
        assert_eq!(ix.get(h, |v| v == 3), Some(3));
        assert_eq!(ix.insert_new(third, 4, |_| true), None);
        assert_eq!(ix.get(third, |_| true), Some(4));
        assert_ne!(hash_of("abc"), hash_of("abd"));
    }

    #[test]
    fn grows_and_builds_in_one_go() {
        let keys: Vec<String> = (0..5000).map(|i| format!("key{i}")).collect();
        let mut grown = HashIndex::default();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(
                grown.insert_new(hash_of(k.as_str()), i as u32, |_| false),
                None
            );
        }
        let entries: Vec<(u64, u32)> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (hash_of(k.as_str()), i as u32))
            .collect();
        let built = HashIndex::build(&entries, |a, b| keys[a as usize] == keys[b as usize])
            .expect("distinct keys");
        for ix in [&grown, &built] {
            for (i, k) in keys.iter().enumerate() {
                let h = hash_of(k.as_str());
                assert_eq!(ix.get(h, |v| keys[v as usize] == *k), Some(i as u32));
            }
            assert_eq!(
                ix.get(hash_of("nope"), |v| keys[v as usize] == "nope"),
                None
            );
        }
        let mut dup = entries.clone();
        dup.push(entries[17]);
        dup[5000].1 = 5000;
        let keys_of = |v: u32| &keys[if v == 5000 { 17 } else { v as usize }];
        assert_eq!(
            HashIndex::build(&dup, |a, b| keys_of(a) == keys_of(b)).unwrap_err(),
            (17, 5000)
        );
        assert!(HashIndex::build(&[], |_, _| true).is_ok());
    }
}
