//! The second prefilter for starts on an ASCII letter or digit: the text's next run.
//!
//! Most word starts that pass the first-run filter begin a common first word of some
//! longer key ("the", "new", "white"): on PolNeAR train with the default gazetteer,
//! 99k of the 130k walks found no key end at all. When every key that starts with the
//! text's first run goes on with one space and a second letter/digit run, a match must
//! have that second run too (matches start and end on word boundaries, and a key's
//! space matches a run of spaces), so the pair of runs is tested before a walk.
//!
//! Built with the other prefilters from the node array (`prefilter.rs` calls
//! [`Trie::after_first_run`] where a key's first run ends); never stored.

use super::prefilter::{run_bits, run_finish, run_hash, RUN_CAP};
use super::{is_run_byte, last_space, packed_byte, Trie, NTRANS, PATH, PATH_SHIFT, TERMINAL};
use crate::text::swar;

/// The hash of a (first run, second run) pair from the two runs' hashes.
#[inline]
fn pair_hash(h1: u64, h2: u64) -> u64 {
    run_finish(h1.rotate_left(23) ^ h2.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

impl Trie {
    /// False when no key that starts with the text's first run (hashed `h1`, ending at
    /// folded offset `j`) can start there: every such key goes on with a space and a
    /// second run, and the text's second run is none of theirs. Never wrong in that
    /// direction.
    #[inline]
    pub(super) fn rest_may_follow(&self, fb: &[u8], j: usize, h1: u64) -> bool {
        let (block, mask) = run_bits(h1, self.word_shift);
        if self.loose[block] & mask == mask {
            return true;
        }
        if fb.get(j) != Some(&b' ') {
            return false;
        }
        let k = last_space(fb, j) + 1;
        if !fb.get(k).is_some_and(|&b| is_run_byte(b)) {
            return false;
        }
        let e = swar::alnum_end(fb, k);
        if e - k >= RUN_CAP {
            return true; // keys with second runs this long are loose
        }
        let (block, mask) = run_bits(pair_hash(h1, run_hash(&fb[k..e], false)), self.word_shift);
        self.pairs[block] & mask == mask
    }

    /// Marks a first run (hashed `h1`) as loose: some key goes on after it with
    /// something other than one space and a second run, so only a walk can tell.
    pub(super) fn add_loose(&mut self, h1: u64) {
        let (block, mask) = run_bits(h1, self.word_shift);
        self.loose[block] |= mask;
    }

    /// Where a key's first run (hashed `h1`) ends at the byte `c`, which leads to the
    /// state `off` bytes into the label of `node` (0: the node itself): after a space,
    /// records the second runs below; after anything else, the first run is loose.
    pub(super) fn after_first_run(&mut self, h1: u64, c: u8, node: usize, off: usize) {
        if c == b' ' {
            self.collect_second(h1, node, off, &mut Vec::with_capacity(RUN_CAP));
        } else {
            self.add_loose(h1);
        }
    }

    /// A key goes on after "R1 " + `r2` with a byte that is no letter or digit, or ends
    /// there.
    fn end_second(&mut self, h1: u64, r2: &[u8]) {
        if r2.is_empty() {
            self.add_loose(h1); // "R1 " then punctuation or a non-ASCII letter
        } else {
            let (block, mask) = run_bits(pair_hash(h1, run_hash(r2, false)), self.word_shift);
            self.pairs[block] |= mask;
        }
    }

    /// The next byte `c` after "R1 " + `r2` leads to `(node, off)`: one more byte of
    /// the second run, its end, or a run too long for the filter (loose).
    fn second_step(&mut self, h1: u64, c: u8, next: (usize, usize), r2: &mut Vec<u8>) {
        if !is_run_byte(c) {
            self.end_second(h1, r2);
        } else if r2.len() == RUN_CAP {
            self.add_loose(h1);
        } else {
            r2.push(c);
            self.collect_second(h1, next.0, next.1, r2);
            r2.pop();
        }
    }

    /// Records the second runs of the keys below the state `off` bytes into the label
    /// of `node`, reached by "R1 " + `r2`.
    fn collect_second(&mut self, h1: u64, node: usize, off: usize, r2: &mut Vec<u8>) {
        let h = self.nodes[node];
        let mut p = node + 1;
        if h & TERMINAL != 0 {
            if off == 0 {
                self.end_second(h1, r2); // the key ends here
            }
            p += 1;
        }
        if h & PATH != 0 {
            let len = (h >> PATH_SHIFT) as usize;
            let nb = len.div_ceil(4);
            if off >= len {
                let child = self.nodes[p + nb] as usize;
                return self.collect_second(h1, child, 0, r2);
            }
            let c = packed_byte(&self.nodes[p..p + nb], off);
            self.second_step(h1, c, (node, off + 1), r2);
        } else {
            let n = (h & NTRANS) as usize;
            let nb = n.div_ceil(4);
            for k in 0..n {
                let c = packed_byte(&self.nodes[p..p + nb], k);
                let child = self.nodes[p + nb + k] as usize;
                self.second_step(h1, c, (child, 0), r2);
            }
        }
    }
}
