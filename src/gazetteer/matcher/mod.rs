//! The compiled matcher: a radix trie over folded alias keys in one flat `u32` array.
//!
//! Matching walks the trie *anchored* at each possible start in the folded text (a
//! word start, or any non-word character), so no failure links are needed. A walk
//! reads at most as many text bytes as the longest key (plus the extra spaces of
//! whitespace runs, which it skips), so the work is O(text × longest alias), linear in
//! the text for a given gazetteer. The arrays serialise as they are (see `gazetteer/ndg`),
//! so loading is a validated copy.
//!
//! Before a walk, Bloom bitsets (rebuilt from the trie on load, in milliseconds)
//! reject most start positions without touching the node array: for a start on an
//! ASCII letter or digit, the text's letter/digit run there must be the first run of
//! some key (matches start and end on word boundaries, so the runs are equal), and
//! when every such key goes on with a space and a second run, the text's next run
//! must be one of theirs (`pairs.rs`); for other starts, the first three key bytes
//! must be some key's prefix.
//!
//! The node layout and the shared pieces are here; `trie.rs` builds the node array,
//! `prefilter.rs` and `pairs.rs` derive the Bloom bitsets from it, `scan.rs` runs a
//! text through it and `validate.rs` checks one read from a file.

mod pairs;
mod prefilter;
mod scan;
mod trie;
mod validate;

pub(crate) use trie::{fits, MAX_KEY_BYTES};

use crate::NONE;

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
    /// Second prefilter for those starts (`pairs.rs`), in blocks like `words`: the
    /// first runs of keys that go on other than with one space and a second run.
    pub(crate) loose: Vec<u64>,
    /// The (first run, second run) pairs of the keys that go on with one space and a
    /// second run ("white house", "new york city").
    pub(crate) pairs: Vec<u64>,
    /// `64 - log2(words.len())`: a run hash's top bits pick its block.
    pub(crate) word_shift: u32,
}

#[inline]
fn is_run_byte(b: u8) -> bool {
    b < 0x80 && ASCII_WORD[b as usize]
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

/// The last space of the run of spaces that starts at folded offset `j` (`j` itself
/// when there is no space there): one space of a key matches the whole run.
#[inline]
fn last_space(fb: &[u8], mut j: usize) -> usize {
    if fb[j] == b' ' {
        while j + 1 < fb.len() && fb[j + 1] == b' ' {
            j += 1;
        }
    }
    j
}

#[inline]
fn packed_byte(words: &[u32], k: usize) -> u8 {
    (words[k / 4] >> ((k % 4) * 8)) as u8
}
