//! The compiled matcher: a radix trie over folded alias keys in one flat `u32` array.
//!
//! Matching walks the trie *anchored* at each possible start in the folded text (a
//! word start, or any non-word character), so no failure links are needed. A walk
//! reads at most as many text bytes as the longest key (plus the extra spaces of
//! whitespace runs, which it skips), so the work is O(text × longest alias), linear in
//! the text for a given gazetteer. The arrays serialise as they are (see `binary.rs`),
//! so loading is a validated copy.
//!
//! Before a walk, two Bloom bitsets (rebuilt from the trie on load, in milliseconds)
//! reject most start positions without touching the node array: for a start on an
//! ASCII letter or digit, the text's letter/digit run there must be the first run of
//! some key (matches start and end on word boundaries, so the runs are equal); for
//! other starts, the first three key bytes must be some key's prefix.

use super::{Match, MatchOptions};
use crate::error::{Error, Result};
use crate::text::{self, CharClass};

mod validate;

pub(crate) const NONE: u32 = u32::MAX;

/// Node header bits: transition count (branch nodes), flags, path length.
const NTRANS: u32 = 0x1FF;
const TERMINAL: u32 = 1 << 9;
const PATH: u32 = 1 << 10;
const PATH_SHIFT: u32 = 11;
const MAX_PATH: usize = (1 << (32 - PATH_SHIFT)) - 1;

/// The compiled trie. `nodes` holds every node as consecutive `u32` words, in
/// depth-first order (a node's first child follows it, so a chain of a unique suffix is
/// read sequentially):
///
/// ```text
/// header                 bits 0-8 transition count, bit 9 terminal, bit 10 path,
///                        bits 11-31 path length
/// [outs index]           if terminal: index into `outs` of [count, alias ids...]
/// branch node:           ceil(n/4) words of sorted transition bytes, n child offsets
/// path node:             ceil(len/4) words of label bytes, 1 child offset
/// ```
///
/// A path node stands for a chain of single-child, non-terminal states (radix-tree
/// compression), so unique alias suffixes cost about one byte per byte. The root is
/// always a branch node at offset 0; `root` is its dense 256-entry copy.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trie {
    pub(crate) nodes: Vec<u32>,
    pub(crate) outs: Vec<u32>,
    pub(crate) root: Vec<u32>,
    /// Prefilter: a one-hash Bloom bitset of the keys' first three bytes.
    pub(crate) pre: Vec<u64>,
    /// `short[b]`: some key starting with byte `b` is shorter than three bytes.
    pub(crate) short: Vec<bool>,
    /// Prefilter for starts on an ASCII letter or digit: a blocked Bloom filter (two
    /// bits in one 64-bit block per run) of the first run of ASCII letters and digits
    /// of every key that starts with one. A
    /// match must start and end on word boundaries, so the text's run at the start
    /// equals the key's run; most word starts are rejected without touching the trie.
    pub(crate) words: Vec<u64>,
    /// `64 - log2(words.len())`: a run hash's top bits pick its block.
    pub(crate) word_shift: u32,
}

/// The run prefilter is a blocked Bloom filter of 64-bit blocks, two bits per run in
/// one block (one memory access per test). Its size grows with the gazetteer: at least
/// 2^MIN_WORD_BLOCKS blocks (128 KiB, ~3% false positives for ~100k distinct first
/// runs), about one block per 16 keys, at most 2^MAX_WORD_BLOCKS.
const MIN_WORD_BLOCKS: u32 = 14;
const MAX_WORD_BLOCKS: u32 = 20;
/// Runs are hashed on their first RUN_CAP bytes, plus whether they are longer.
const RUN_CAP: usize = 24;

/// Hash of a run, eight bytes at a time (most words take one multiplication).
#[inline]
fn run_hash(run: &[u8], long: bool) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h: u64 = 0x243F_6A88_85A3_08D3 ^ (run.len() as u64) ^ ((long as u64) << 40);
    let mut chunks = run.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Byte by byte: a copy into a buffer would call memcpy for every word.
        let w = rest
            .iter()
            .enumerate()
            .fold(0u64, |w, (k, &b)| w | (b as u64) << (8 * k));
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    h ^= h >> 32;
    h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
}

/// Block index and two-bit mask of a run hash.
#[inline]
fn run_bits(h: u64, shift: u32) -> (usize, u64) {
    let block = (h >> shift) as usize;
    let mask = 1u64 << (h & 63) | 1u64 << ((h >> 6) & 63);
    (block, mask)
}

#[inline]
fn is_run_byte(b: u8) -> bool {
    b < 0x80 && ASCII_WORD[b as usize]
}

const PRE_BITS: u32 = 17;

#[inline]
fn pre_hash(b0: u8, b1: u8, b2: u8) -> usize {
    ((b0 as u32 | (b1 as u32) << 8 | (b2 as u32) << 16).wrapping_mul(0x9E37_79B1)
        >> (32 - PRE_BITS)) as usize
}

/// Class of ASCII bytes in folded text: true for letters and digits.
static ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

#[inline]
fn packed_byte(words: &[u32], k: usize) -> u8 {
    (words[k / 4] >> ((k % 4) * 8)) as u8
}

fn push_packed(nodes: &mut Vec<u32>, bytes: &[u8]) {
    for chunk in bytes.chunks(4) {
        let mut w = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            w |= (b as u32) << (i * 8);
        }
        nodes.push(w);
    }
}

/// The largest total length in bytes of the folded keys that [`Trie::build`] accepts.
///
/// A trie over keys of `n` bytes in total has at most `n + 1` nodes (one per distinct
/// prefix); a node takes a header word, an output index if terminal, and for each of
/// its transitions (or path bytes) at most one packed byte word and one child offset,
/// so the node array has at most `4n + 1` words. Offsets into it are `u32` with
/// `u32::MAX` reserved for "no node", and the output array (a count and an id per
/// key, at most `2n` words) is smaller, so `4n + 1 <= u32::MAX` is enough.
pub(crate) const MAX_KEY_BYTES: usize = (u32::MAX as usize - 1) / 4;

/// Whether keys of `key_bytes` bytes in total fit a trie (see [`MAX_KEY_BYTES`]).
pub(crate) fn fits(key_bytes: usize) -> bool {
    key_bytes <= MAX_KEY_BYTES
}

/// A position in the node or output array as a `u32`, never `NONE`.
fn offset(n: usize) -> Result<u32> {
    match u32::try_from(n) {
        Ok(v) if v != NONE => Ok(v),
        _ => Err(Error::gazetteer(
            "gazetteer too large (its matcher needs more than 2^32 - 1 words)",
        )),
    }
}

impl Trie {
    /// Builds the trie of the folded keys of the alias texts (alias id = position).
    ///
    /// Fails (rather than wrapping an offset) when the arrays would outgrow `u32`
    /// offsets; [`fits`] tells beforehand whether keys of a given size fit.
    pub(crate) fn build<'a>(aliases: impl Iterator<Item = &'a str>) -> Result<Trie> {
        let mut keys: Vec<(String, u32)> = Vec::new();
        for (i, a) in aliases.enumerate() {
            let key = text::fold_key(a, true, true);
            // Never empty from `add`; the root must not be terminal.
            if !key.is_empty() {
                keys.push((key, offset(i)?));
            }
        }
        keys.sort_unstable();
        Self::from_sorted(&keys)
    }

    fn from_sorted(keys: &[(String, u32)]) -> Result<Trie> {
        let mut t = Trie::default();
        // (lo, hi, depth, slot to patch with the node's offset)
        let mut stack: Vec<(usize, usize, usize, usize)> = vec![(0, keys.len(), 0, usize::MAX)];
        let mut groups: Vec<(u8, usize, usize)> = Vec::new();
        let mut bytes: Vec<u8> = Vec::new();
        while let Some((lo, hi, d, patch)) = stack.pop() {
            let at = t.nodes.len();
            if patch != usize::MAX {
                t.nodes[patch] = offset(at)?;
            }
            let mut k = lo;
            while k < hi && keys[k].0.len() == d {
                k += 1;
            }
            let mut header = 0u32;
            let outs_idx = if k > lo {
                header |= TERMINAL;
                let idx = offset(t.outs.len())?;
                t.outs.push(offset(k - lo)?);
                t.outs.extend(keys[lo..k].iter().map(|x| x.1));
                Some(idx)
            } else {
                None
            };
            groups.clear();
            let mut g = k;
            while g < hi {
                let b = keys[g].0.as_bytes()[d];
                let mut j = g + 1;
                while j < hi && keys[j].0.as_bytes()[d] == b {
                    j += 1;
                }
                groups.push((b, g, j));
                g = j;
            }
            if groups.len() == 1 && d > 0 {
                // A chain: the common prefix of the whole group, up to the next
                // terminal or branching state.
                let (first, last) = (keys[k].0.as_bytes(), keys[hi - 1].0.as_bytes());
                let mut l = d;
                while l < first.len() && l < last.len() && first[l] == last[l] && l - d < MAX_PATH {
                    l += 1;
                }
                // l - d <= MAX_PATH: the length fits its 21 header bits.
                header |= PATH | (((l - d) as u32) << PATH_SHIFT);
                t.nodes.push(header);
                if let Some(idx) = outs_idx {
                    t.nodes.push(idx);
                }
                push_packed(&mut t.nodes, &first[d..l]);
                t.nodes.push(0);
                let slot = t.nodes.len() - 1;
                stack.push((k, hi, l, slot));
                continue;
            }
            // At most 256 groups (one per byte value): fits NTRANS.
            header |= groups.len() as u32;
            t.nodes.push(header);
            if let Some(idx) = outs_idx {
                t.nodes.push(idx);
            }
            bytes.clear();
            bytes.extend(groups.iter().map(|g| g.0));
            push_packed(&mut t.nodes, &bytes);
            let first_slot = t.nodes.len();
            t.nodes.resize(first_slot + groups.len(), 0);
            for (n, &(_, a, b)) in groups.iter().enumerate().rev() {
                stack.push((a, b, d + 1, first_slot + n));
            }
        }
        // Both arrays are serialised with `u32` counts.
        offset(t.nodes.len())?;
        offset(t.outs.len())?;
        t.fill_root();
        Ok(t)
    }

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

    fn add_run(&mut self, run: &[u8], long: bool) {
        let (block, mask) = run_bits(run_hash(run, long), self.word_shift);
        self.words[block] |= mask;
    }

    /// False when no key starts with the letter/digit run `run` (the whole run of the
    /// text at a word start): the prefilter's answer, never wrong in that direction.
    #[inline]
    fn run_may_start(&self, run: &[u8]) -> bool {
        let h = if run.len() > RUN_CAP {
            run_hash(&run[..RUN_CAP], true)
        } else {
            run_hash(run, false)
        };
        let (block, mask) = run_bits(h, self.word_shift);
        self.words[block] & mask == mask
    }

    /// Records the first letter/digit run of every key below `node`, reached by the
    /// run `prefix` (at most RUN_CAP bytes).
    fn collect_runs(&mut self, node: usize, prefix: &mut Vec<u8>) {
        let h = self.nodes[node];
        let mut p = node + 1;
        if h & TERMINAL != 0 {
            self.add_run(prefix, false);
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
                    self.add_run(prefix, false);
                    ended = true;
                    break;
                }
                if prefix.len() == RUN_CAP {
                    self.add_run(prefix, true);
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
                    self.add_run(prefix, false);
                } else if prefix.len() == RUN_CAP {
                    self.add_run(prefix, true);
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
    fn may_start(&self, fb: &[u8], i: usize, b: u8) -> bool {
        if self.short[b as usize] {
            return true;
        }
        if i + 2 >= fb.len() {
            return false;
        }
        let b1 = fb[i + 1];
        let mut k = i + 2;
        if b1 == b' ' {
            // A whitespace run is one space in the keys.
            while k < fb.len() && fb[k] == b' ' {
                k += 1;
            }
            if k >= fb.len() {
                return false;
            }
        }
        let h = pre_hash(b, b1, fb[k]);
        self.pre[h / 64] & (1 << (h % 64)) != 0
    }

    #[inline]
    fn outputs(&self, idx: u32) -> &[u32] {
        let idx = idx as usize;
        let cnt = self.outs[idx] as usize;
        &self.outs[idx + 1..idx + 1 + cnt]
    }

    /// Walks the trie anchored at folded offset `i`, pushing (end, outs index) for
    /// every key that ends along the way, except inside an ASCII letter/digit run (an
    /// end there always fails the word-boundary rule). Extra spaces of a whitespace
    /// run are skipped.
    #[inline]
    fn walk(&self, fb: &[u8], i: usize, first: u32, ends: &mut Vec<(usize, u32)>) {
        let nodes = &self.nodes[..];
        let mut node = first as usize;
        let mut j = i + 1;
        loop {
            let h = nodes[node];
            let mut p = node + 1;
            if h & TERMINAL != 0 {
                if j == fb.len() || !is_run_byte(fb[j]) || !is_run_byte(fb[j - 1]) {
                    ends.push((j, nodes[p]));
                }
                p += 1;
            }
            if h & PATH != 0 {
                let len = (h >> PATH_SHIFT) as usize;
                let label = &nodes[p..p + len.div_ceil(4)];
                for k in 0..len {
                    if j >= fb.len() {
                        return;
                    }
                    let c = fb[j];
                    if c == b' ' {
                        while j + 1 < fb.len() && fb[j + 1] == b' ' {
                            j += 1;
                        }
                    }
                    if c != packed_byte(label, k) {
                        return;
                    }
                    j += 1;
                }
                node = nodes[p + len.div_ceil(4)] as usize;
            } else {
                let n = (h & NTRANS) as usize;
                if n == 0 || j >= fb.len() {
                    return;
                }
                let c = fb[j];
                if c == b' ' {
                    while j + 1 < fb.len() && fb[j + 1] == b' ' {
                        j += 1;
                    }
                }
                let words = &nodes[p..];
                let nb = n.div_ceil(4);
                // SWAR search of the packed transition bytes, four at a time.
                let pat = (c as u32).wrapping_mul(0x0101_0101);
                let mut found = None;
                for (wi, &w) in words[..nb].iter().enumerate() {
                    let x = w ^ pat;
                    let z = x.wrapping_sub(0x0101_0101) & !x & 0x8080_8080;
                    if z != 0 {
                        found = Some(wi * 4 + (z.trailing_zeros() / 8) as usize);
                        break;
                    }
                }
                let k = match found {
                    Some(k) if k < n => k,
                    _ => return,
                };
                node = words[nb + k] as usize;
                j += 1;
            }
        }
    }

    /// Finds the valid matches; `ok(alias, original_span)` checks case and diacritics.
    pub(crate) fn find<F>(&self, text: &str, opts: &MatchOptions, ok: &F) -> Vec<Match>
    where
        F: Fn(u32, &str) -> bool,
    {
        let folded = text::fold(text, true);
        let fb = folded.as_str().as_bytes();
        let fs = folded.as_str();
        let mut out = Vec::new();
        let mut ends: Vec<(usize, u32)> = Vec::new();
        let mut valid: Vec<u32> = Vec::new();
        let mut prev_word = false;
        let mut next_allowed = 0usize;
        let mut i = 0usize;
        while i < fb.len() {
            let b = fb[i];
            // Where scanning goes on after a start at i: past the whole letter/digit
            // run for an ASCII word character (no match starts inside a word).
            let (next, first);
            if b < 0x80 && ASCII_WORD[b as usize] {
                let mut j = i + 1;
                while j < fb.len() && is_run_byte(fb[j]) {
                    j += 1;
                }
                let start_ok = !prev_word && i >= next_allowed;
                prev_word = true;
                first = self.root[b as usize];
                if !start_ok || first == NONE || !self.run_may_start(&fb[i..j]) {
                    i = j;
                    continue;
                }
                next = j;
            } else {
                let (class, len) = if b < 0x80 {
                    (CharClass::Other, 1)
                } else {
                    let c = fs[i..].chars().next().unwrap_or(' ');
                    (text::char_class(c), c.len_utf8())
                };
                if class == CharClass::Mark {
                    i += len;
                    continue;
                }
                let word = class == CharClass::Word;
                let start_ok = !(prev_word && word);
                prev_word = word;
                if !start_ok || i < next_allowed {
                    i += len;
                    continue;
                }
                first = self.root[b as usize];
                if first == NONE || !self.may_start(fb, i, b) {
                    i += len;
                    continue;
                }
                next = i + len;
            }
            // Anchored walk from i, collecting every key end.
            ends.clear();
            self.walk(fb, i, first, &mut ends);
            if !ends.is_empty() {
                let take =
                    |&(fe, st): &(usize, u32), out: &mut Vec<Match>, valid: &mut Vec<u32>| {
                        if !end_ok(fs, i, fe) {
                            return false;
                        }
                        let (os, oe) = folded.original_range(i, fe);
                        let span = &text[os..oe];
                        valid.clear();
                        valid.extend(self.outputs(st).iter().copied().filter(|&a| ok(a, span)));
                        for &a in valid.iter() {
                            out.push(Match {
                                start: os,
                                end: oe,
                                alias: a,
                            });
                        }
                        !valid.is_empty()
                    };
                if opts.overlapping {
                    for e in &ends {
                        take(e, &mut out, &mut valid);
                    }
                } else {
                    for e in ends.iter().rev() {
                        if take(e, &mut out, &mut valid) {
                            next_allowed = e.0;
                            break;
                        }
                    }
                }
            }
            i = next;
        }
        out
    }
}

/// The end rule at folded offset `fe` of a match starting at `fs_start`: never before a
/// kept combining mark, and not between two word characters.
#[inline]
fn end_ok(folded: &str, start: usize, fe: usize) -> bool {
    let Some(next) = folded[fe..].chars().next() else {
        return true;
    };
    match text::char_class(next) {
        CharClass::Other => true,
        CharClass::Mark => false,
        CharClass::Word => {
            // The class of the last base character of the match.
            for c in folded[start..fe].chars().rev() {
                match text::char_class(c) {
                    CharClass::Mark => continue,
                    CharClass::Word => return false,
                    CharClass::Other => return true,
                }
            }
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn offsets_stop_below_none() {
        assert_eq!(offset(0).unwrap(), 0);
        assert_eq!(offset(u32::MAX as usize - 1).unwrap(), u32::MAX - 1);
        let err = offset(u32::MAX as usize).unwrap_err();
        assert!(err.message().contains("gazetteer too large"), "{err}");
        assert!(offset(u32::MAX as usize + 1).is_err());
    }

    #[test]
    fn key_limit_boundary() {
        assert!(fits(0));
        assert!(fits(MAX_KEY_BYTES));
        assert!(!fits(MAX_KEY_BYTES + 1));
        // At the limit the worst-case node array still has offsets below NONE.
        assert!(4 * MAX_KEY_BYTES < NONE as usize);
        assert!(4 * (MAX_KEY_BYTES + 1) + 1 > u32::MAX as usize);
    }

    proptest! {
        /// The bound behind `MAX_KEY_BYTES`: at most 4n + 1 node words and 2n output
        /// words for keys of n bytes in total.
        #[test]
        fn trie_size_is_bounded_by_key_bytes(
            keys in prop::collection::vec("[a-c é😀 ]{1,12}|[a-z]{20,80}", 0..40)
        ) {
            let t = Trie::build(keys.iter().map(String::as_str)).unwrap();
            let n: usize = keys.iter().map(|k| text::fold_key(k, true, true).len()).sum();
            prop_assert!(t.nodes.len() <= 4 * n + 1, "{} words for {n} key bytes", t.nodes.len());
            prop_assert!(t.outs.len() <= 2 * n);
            prop_assert!(t.validate(keys.len()).is_ok(), "{:?}", t.validate(keys.len()));
        }
    }
}
