//! The model's feature table: open addressing with linear probing, each slot a key and
//! its weight row side by side. Most lookups of a text miss the cache (the table is
//! megabytes); with the row beside its key, a feature found costs one cache line
//! instead of a slot here and a row in another array.

use super::model::ModelError;

/// Lanes of a slot that hold its key (a `u64` as four `u16`, low half first).
const KEY_LANES: usize = 4;

/// Slots per 7 keys: a load of 0.5. On PolNeAR train a load of 0.7 made the table
/// smaller but ran 2% more instructions and 6% more cache misses (longer probes for
/// the absent keys the filter lets through); 0.35 gained nothing more.
const SLOTS_PER_7_KEYS: usize = 14;

/// The table: slot `i` is `stride` lanes from `base + i * stride`, its key first
/// (0: empty; model keys are never 0), then `labels` weights.
#[derive(Debug)]
pub(crate) struct Slots {
    lanes: Vec<i16>,
    /// The first slot's lane: the lanes start 64-byte aligned, so that no slot of
    /// up to 32 lanes straddles two cache lines.
    base: usize,
    stride: usize,
    cap: usize,
}

/// The first probe of a key: its row, an empty slot (the key is absent), or another
/// key (probe on).
pub(crate) enum FirstProbe {
    Found(u32),
    Absent,
    Occupied,
}

impl Slots {
    /// The table of `keys` (little-endian `u64`s, non-zero, strictly ascending) and
    /// their rows of `weights` (`labels` per key, row-major).
    pub fn build(keys: &[u8], weights: &[i16], labels: usize) -> Result<Slots, ModelError> {
        let n = keys.len() / 8;
        let too_many = || ModelError(format!("{n} feature keys are too many"));
        let cap = (n.checked_mul(SLOTS_PER_7_KEYS).ok_or_else(too_many)? / 7).max(16);
        let stride = (KEY_LANES + labels).next_power_of_two();
        let len = cap.checked_mul(stride).ok_or_else(too_many)? + 32;
        let mut t = Slots {
            lanes: vec![0; len],
            base: 0,
            stride,
            cap,
        };
        // a 64-byte boundary is at most 31 lanes in (a `Vec<i16>` is 2-aligned)
        t.base = t.lanes.as_ptr().align_offset(64).min(31);
        let mut prev = 0u64;
        for (row, (k, w)) in keys
            .chunks_exact(8)
            .zip(weights.chunks_exact(labels))
            .enumerate()
        {
            let mut b = [0u8; 8];
            b.copy_from_slice(k);
            let key = u64::from_le_bytes(b);
            if key <= prev {
                return Err(ModelError(format!(
                    "feature keys not strictly ascending at row {row}"
                )));
            }
            prev = key;
            let mut i = t.home(key);
            while t.key_at(i) != 0 {
                i = t.next(i);
            }
            let at = t.base + i * stride;
            for (j, lane) in t.lanes[at..at + KEY_LANES].iter_mut().enumerate() {
                *lane = (key >> (16 * j)) as u16 as i16;
            }
            t.lanes[at + KEY_LANES..at + KEY_LANES + labels].copy_from_slice(w);
        }
        Ok(t)
    }

    /// The slot a key's probe starts at: the high bits of its product with the
    /// table's size (no power of two needed).
    #[inline]
    fn home(&self, key: u64) -> usize {
        let mixed = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        ((u128::from(mixed) * self.cap as u128) >> 64) as usize
    }

    #[inline]
    fn next(&self, i: usize) -> usize {
        if i + 1 == self.cap {
            0
        } else {
            i + 1
        }
    }

    /// The key in slot `i` (0: empty).
    #[inline]
    fn key_at(&self, i: usize) -> u64 {
        let at = self.base + i * self.stride;
        let Some(&[a, b, c, d]) = self.lanes.get(at..at + KEY_LANES) else {
            return 0;
        };
        let lane = |l: i16, j: u32| u64::from(l as u16) << (16 * j);
        lane(a, 0) | lane(b, 1) | lane(c, 2) | lane(d, 3)
    }

    /// The first probe of `key` alone (for batches of independent loads).
    #[inline]
    pub fn first_probe(&self, key: u64) -> FirstProbe {
        let i = self.home(key);
        match self.key_at(i) {
            k if k == key => FirstProbe::Found(i as u32),
            0 => FirstProbe::Absent,
            _ => FirstProbe::Occupied,
        }
    }

    /// The slot of `key`, if it is in the table.
    pub fn find(&self, key: u64) -> Option<u32> {
        let mut i = self.home(key);
        loop {
            match self.key_at(i) {
                k if k == key => return Some(i as u32),
                0 => return None,
                _ => i = self.next(i),
            }
        }
    }

    /// The weights of slot `slot` (one `find` or `first_probe` gave): one per label,
    /// then zeros to the slot's end (a caller may add them in a fixed width).
    #[inline]
    pub fn weights(&self, slot: u32) -> &[i16] {
        let at = self.base + slot as usize * self.stride;
        &self.lanes[at + KEY_LANES..at + self.stride]
    }

    /// The keys in the table, in slot order.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        (0..self.cap).map(|i| self.key_at(i)).filter(|&k| k != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ks: &[u64]) -> Vec<u8> {
        ks.iter().flat_map(|k| k.to_le_bytes()).collect()
    }

    #[test]
    fn every_key_finds_its_own_row() {
        let ks: Vec<u64> = (1..=500u64).map(|i| i * 0x1234_5678_9abc).collect();
        let w: Vec<i16> = (0..ks.len() * 3)
            .map(|i| (i % 30_000) as i16 - 15_000)
            .collect();
        let t = Slots::build(&keys(&ks), &w, 3).unwrap();
        for (row, &k) in ks.iter().enumerate() {
            let slot = t.find(k).unwrap();
            assert_eq!(t.weights(slot)[..3], w[row * 3..row * 3 + 3]);
            assert!(t.weights(slot)[3..].iter().all(|&z| z == 0));
        }
        assert_eq!(t.find(7), None);
        assert_eq!(t.keys().count(), ks.len());
        // keys with the top bit set survive the split into lanes
        let t = Slots::build(&keys(&[5, u64::MAX]), &[1, 2], 1).unwrap();
        assert_eq!(t.weights(t.find(u64::MAX).unwrap())[0], 2);
    }

    #[test]
    fn unsorted_keys_are_an_error() {
        assert!(Slots::build(&keys(&[3, 2]), &[0, 0], 1).is_err());
        assert!(Slots::build(&keys(&[0]), &[0], 1).is_err());
    }
}
