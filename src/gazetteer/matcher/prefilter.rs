//! The Bloom prefilters that reject most start positions before a walk: rebuilt from
//! the node array after a build and after loading, never stored.

use super::{is_run_byte, last_space, packed_byte, Trie, NONE, NTRANS, PATH, PATH_SHIFT, TERMINAL};

/// The run prefilter is a blocked Bloom filter of 64-bit blocks, two bits per run in
/// one block (one memory access per test). Its size grows with the gazetteer: at least
/// 2^MIN_WORD_BLOCKS blocks (128 KiB, ~3% false positives for ~100k distinct first
/// runs), about one block per 16 keys, at most 2^MAX_WORD_BLOCKS.
const MIN_WORD_BLOCKS: u32 = 14;
const MAX_WORD_BLOCKS: u32 = 20;
/// Runs are hashed on their first RUN_CAP bytes, plus whether they are longer.
pub(super) const RUN_CAP: usize = 24;

/// Hash of a run, eight bytes at a time (most words take one multiplication).
#[inline]
pub(super) fn run_hash(run: &[u8], long: bool) -> u64 {
    let mut h = run_seed(run.len(), long);
    let mut chunks = run.chunks_exact(8);
    for c in &mut chunks {
        h = run_mix(h, u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Byte by byte: a copy into a buffer would call memcpy for every word.
        let w = rest
            .iter()
            .enumerate()
            .fold(0u64, |w, (k, &b)| w | (b as u64) << (8 * k));
        h = run_mix(h, w);
    }
    run_finish(h)
}

/// `run_hash` of the run `fb[i..j]` (at most eight bytes) from one eight-byte load
/// masked to the run, where the text has eight bytes from `i`: the same value as the
/// byte-by-byte remainder, without its loop of a branch per byte.
#[inline]
fn short_run_hash(fb: &[u8], i: usize, j: usize) -> Option<u64> {
    let len = j - i;
    if len == 0 || len > 8 {
        return None;
    }
    let chunk = fb.get(i..i + 8)?;
    let w = u64::from_le_bytes(chunk.try_into().ok()?);
    // A run is never empty, so the shift is at most 56.
    let mask = u64::MAX >> (64 - 8 * len as u32);
    Some(run_finish(run_mix(run_seed(len, false), w & mask)))
}

#[inline]
fn run_seed(len: usize, long: bool) -> u64 {
    0x243F_6A88_85A3_08D3 ^ (len as u64) ^ ((long as u64) << 40)
}

#[inline]
fn run_mix(h: u64, w: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    (h ^ w).wrapping_mul(K).rotate_left(29)
}

#[inline]
pub(super) fn run_finish(mut h: u64) -> u64 {
    h ^= h >> 32;
    h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
}

/// Block index and two-bit mask of a run hash.
#[inline]
pub(super) fn run_bits(h: u64, shift: u32) -> (usize, u64) {
    let block = (h >> shift) as usize;
    let mask = 1u64 << (h & 63) | 1u64 << ((h >> 6) & 63);
    (block, mask)
}

const PRE_BITS: u32 = 17;

#[inline]
fn pre_hash(b0: u8, b1: u8, b2: u8) -> usize {
    ((b0 as u32 | (b1 as u32) << 8 | (b2 as u32) << 16).wrapping_mul(0x9E37_79B1)
        >> (32 - PRE_BITS)) as usize
}
impl Trie {
    /// Fills the dense root table from the root node's transitions.
    pub(crate) fn fill_root(&mut self) {
        let mut root = vec![NONE; 256];
        if let Some(&h) = self.nodes.first() {
            let n = (h & NTRANS) as usize;
            let words = &self.nodes[1..];
            let nb = n.div_ceil(4);
            for k in 0..n {
                root[packed_byte(words, k) as usize] = words[nb + k];
            }
        }
        self.root = root;
        self.pre = vec![0u64; 1 << (PRE_BITS - 6)];
        self.short = vec![false; 256];
        // `outs` holds a count and the alias ids of every terminal: about two words a key.
        let keys = self.outs.len() / 2;
        let log2 = (keys / 16)
            .max(1)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(MIN_WORD_BLOCKS, MAX_WORD_BLOCKS);
        self.words = vec![0u64; 1 << log2];
        self.loose = vec![0u64; 1 << log2];
        self.pairs = vec![0u64; 1 << log2];
        self.word_shift = 64 - log2;
        let mut prefix = Vec::with_capacity(RUN_CAP);
        for b0 in 0..256usize {
            if self.root[b0] != NONE {
                prefix.clear();
                prefix.push(b0 as u8);
                self.collect_prefixes(self.root[b0] as usize, &mut prefix);
                if is_run_byte(b0 as u8) {
                    self.collect_runs(self.root[b0] as usize, &mut prefix);
                }
            }
        }
    }

    /// Adds a key's first run to the run prefilter; returns its hash.
    fn add_run(&mut self, run: &[u8], long: bool) -> u64 {
        let h = run_hash(run, long);
        let (block, mask) = run_bits(h, self.word_shift);
        self.words[block] |= mask;
        h
    }

    /// The hash of the letter/digit run `fb[i..j]` at a word start, as `add_run` made
    /// it for a key's first run.
    #[inline]
    pub(super) fn first_run_hash(&self, fb: &[u8], i: usize, j: usize) -> u64 {
        let run = &fb[i..j];
        if let Some(h) = short_run_hash(fb, i, j) {
            h
        } else if run.len() > RUN_CAP {
            run_hash(&run[..RUN_CAP], true)
        } else {
            run_hash(run, false)
        }
    }

    /// False when no key starts with the letter/digit run hashed `h` (the whole run of
    /// the text at a word start): the prefilter's answer, never wrong in that direction.
    #[inline]
    pub(super) fn run_may_start(&self, h: u64) -> bool {
        let (block, mask) = run_bits(h, self.word_shift);
        self.words[block] & mask == mask
    }

    /// Records the first letter/digit run of every key below `node`, reached by the
    /// run `prefix` (at most RUN_CAP bytes).
    fn collect_runs(&mut self, node: usize, prefix: &mut Vec<u8>) {
        let h = self.nodes[node];
        let mut p = node + 1;
        if h & TERMINAL != 0 {
            let h1 = self.add_run(prefix, false);
            self.add_loose(h1);
            p += 1;
        }
        let before = prefix.len();
        if h & PATH != 0 {
            let len = (h >> PATH_SHIFT) as usize;
            let nb = len.div_ceil(4);
            let mut ended = false;
            for k in 0..len {
                let c = packed_byte(&self.nodes[p..p + nb], k);
                if !is_run_byte(c) {
                    let h1 = self.add_run(prefix, false);
                    self.after_first_run(h1, c, node, k + 1);
                    ended = true;
                    break;
                }
                if prefix.len() == RUN_CAP {
                    let h1 = self.add_run(prefix, true);
                    self.add_loose(h1);
                    ended = true;
                    break;
                }
                prefix.push(c);
            }
            if !ended {
                let child = self.nodes[p + nb] as usize;
                self.collect_runs(child, prefix);
            }
        } else {
            let n = (h & NTRANS) as usize;
            let nb = n.div_ceil(4);
            for k in 0..n {
                let c = packed_byte(&self.nodes[p..p + nb], k);
                if !is_run_byte(c) {
                    let h1 = self.add_run(prefix, false);
                    self.after_first_run(h1, c, self.nodes[p + nb + k] as usize, 0);
                } else if prefix.len() == RUN_CAP {
                    let h1 = self.add_run(prefix, true);
                    self.add_loose(h1);
                } else {
                    let child = self.nodes[p + nb + k] as usize;
                    prefix.push(c);
                    self.collect_runs(child, prefix);
                    prefix.truncate(before);
                }
            }
        }
        prefix.truncate(before);
    }

    /// Records the 3-byte prefixes reachable from `node` (reached by `prefix`).
    fn collect_prefixes(&mut self, node: usize, prefix: &mut Vec<u8>) {
        if prefix.len() >= 3 {
            let h = pre_hash(prefix[0], prefix[1], prefix[2]);
            self.pre[h / 64] |= 1 << (h % 64);
            return;
        }
        let h = self.nodes[node];
        let mut p = node + 1;
        if h & TERMINAL != 0 {
            self.short[prefix[0] as usize] = true;
            p += 1;
        }
        if h & PATH != 0 {
            let len = (h >> PATH_SHIFT) as usize;
            let nb = len.div_ceil(4);
            let take = len.min(3 - prefix.len());
            let before = prefix.len();
            for k in 0..take {
                let b = packed_byte(&self.nodes[p..p + nb], k);
                prefix.push(b);
            }
            if prefix.len() >= 3 {
                self.collect_prefixes(node, prefix);
            } else {
                let child = self.nodes[p + nb] as usize;
                self.collect_prefixes(child, prefix);
            }
            prefix.truncate(before);
        } else {
            let n = (h & NTRANS) as usize;
            let nb = n.div_ceil(4);
            for k in 0..n {
                let b = packed_byte(&self.nodes[p..p + nb], k);
                let child = self.nodes[p + nb + k] as usize;
                prefix.push(b);
                self.collect_prefixes(child, prefix);
                prefix.pop();
            }
        }
    }

    /// False when no key can start at folded offset `i` (first byte `b`, not an ASCII
    /// letter or digit: see `run_may_start` for those): the prefilter's answer, never
    /// wrong in that direction.
    #[inline]
    pub(super) fn may_start(&self, fb: &[u8], i: usize, b: u8) -> bool {
        if self.short[b as usize] {
            return true;
        }
        if i + 2 >= fb.len() {
            return false;
        }
        let b1 = fb[i + 1];
        // A whitespace run is one space in the keys.
        let k = last_space(fb, i + 1) + 1;
        if k >= fb.len() {
            return false;
        }
        let h = pre_hash(b, b1, fb[k]);
        self.pre[h / 64] & (1 << (h % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-load hash of a short run equals the byte-by-byte hash the filter was
    /// built with, for every run length and position.
    #[test]
    fn short_run_hash_equals_run_hash() {
        let fb = b"abcdefghijklmnop0123456789";
        for i in 0..fb.len() {
            for j in i + 1..=fb.len() {
                let fast = short_run_hash(fb, i, j);
                if j - i <= 8 && i + 8 <= fb.len() {
                    assert_eq!(fast, Some(run_hash(&fb[i..j], false)), "{i}..{j}");
                } else {
                    assert_eq!(fast, None, "{i}..{j}");
                }
            }
        }
    }
}
