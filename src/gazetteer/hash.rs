//! A fast non-cryptographic hasher for the gazetteer's id and alias tables.
//!
//! SipHash dominated building a million-alias gazetteer. Keys come from the user's own
//! gazetteer files, so hash flooding is not a concern here.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Hashes one value with [`FastHasher`].
pub(crate) fn hash_of<T: std::hash::Hash + ?Sized>(v: &T) -> u64 {
    let mut h = FastHasher::default();
    v.hash(&mut h);
    h.finish()
}

/// An index from keys to `u32` that stores only 64-bit key hashes: the keys themselves
/// live elsewhere (entity ids, alias texts), and callers confirm a hit with `eq`. Keys
/// whose hash collides with another key's go to a small overflow list.
#[derive(Debug, Clone, Default)]
pub(crate) struct HashIndex {
    primary: FastMap<u64, u32>,
    overflow: Vec<(u64, u32)>,
}

impl HashIndex {
    pub(crate) fn with_capacity(n: usize) -> Self {
        let mut primary = FastMap::default();
        primary.reserve(n);
        HashIndex {
            primary,
            overflow: Vec::new(),
        }
    }

    /// The value stored for a key with hash `h` for which `eq(value)` holds.
    pub(crate) fn get(&self, h: u64, eq: impl Fn(u32) -> bool) -> Option<u32> {
        match self.primary.get(&h) {
            Some(&v) if eq(v) => Some(v),
            Some(_) => self
                .overflow
                .iter()
                .find(|&&(oh, v)| oh == h && eq(v))
                .map(|&(_, v)| v),
            None => None,
        }
    }

    /// Inserts a key known to be absent.
    pub(crate) fn insert(&mut self, h: u64, v: u32) {
        if let std::collections::hash_map::Entry::Vacant(e) = self.primary.entry(h) {
            e.insert(v);
        } else {
            self.overflow.push((h, v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_hashes_go_to_overflow() {
        let keys = ["a", "b", "c"];
        let mut ix = HashIndex::default();
        for (i, _) in keys.iter().enumerate() {
            ix.insert(42, i as u32); // all with the same hash
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(ix.get(42, |v| keys[v as usize] == *k), Some(i as u32));
        }
        assert_eq!(ix.get(42, |_| false), None);
        assert_eq!(ix.get(7, |_| true), None);
        assert_ne!(hash_of("abc"), hash_of("abd"));
    }
}
