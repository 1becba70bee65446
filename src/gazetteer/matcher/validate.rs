//! Structural checks of a trie read from a file.
//!
//! The `.ndg` checksum only catches accidental damage: anyone can write a file whose
//! checksum matches. These checks are what make loading an untrusted file safe. After
//! them, every walk of the trie stays in bounds, visits each node at most once per
//! start, and stops on a UTF-8 character boundary. All checks are linear in the size of
//! the trie:
//!
//! - the node array splits into whole nodes, with well-formed headers;
//! - starting from the root, every node is reached exactly once (so no child offset is
//!   shared, no cycle exists, and no node is left unreachable): the nodes form a tree;
//! - the bytes on every path from the root are valid UTF-8 as far as they go, and every
//!   key (terminal node) ends on a whole character, so a match never ends inside one;
//! - a branch node's transition bytes strictly increase, and a node without children
//!   is terminal (except an empty root);
//! - the output lists are read in order, back to back, and cover `outs` exactly; each
//!   list is non-empty and strictly increasing, and each alias id is in range and in at
//!   most one list.

use super::{packed_byte, Trie, NTRANS, PATH, PATH_SHIFT, TERMINAL};

/// Where a UTF-8 sequence stands after some bytes: how many continuation bytes are
/// still due and the range the next one must be in.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Utf8State {
    due: u8,
    lo: u8,
    hi: u8,
}

const CHAR_START: Utf8State = Utf8State {
    due: 0,
    lo: 0,
    hi: 0,
};

impl Utf8State {
    /// The state after byte `b`, or `None` if `b` cannot come next in UTF-8.
    fn step(self, b: u8) -> Option<Utf8State> {
        let cont = |due, lo, hi| Some(Utf8State { due, lo, hi });
        if self.due > 0 {
            if b < self.lo || b > self.hi {
                return None;
            }
            if self.due == 1 {
                return Some(CHAR_START);
            }
            return cont(self.due - 1, 0x80, 0xBF);
        }
        match b {
            0x00..=0x7F => Some(CHAR_START),
            0xC2..=0xDF => cont(1, 0x80, 0xBF),
            0xE0 => cont(2, 0xA0, 0xBF),
            0xED => cont(2, 0x80, 0x9F),
            0xE1..=0xEC | 0xEE..=0xEF => cont(2, 0x80, 0xBF),
            0xF0 => cont(3, 0x90, 0xBF),
            0xF1..=0xF3 => cont(3, 0x80, 0xBF),
            0xF4 => cont(3, 0x80, 0x8F),
            _ => None,
        }
    }
}

/// One node as laid out in the array.
struct Node {
    terminal: bool,
    /// Label bytes (path node) or transition bytes (branch node).
    bytes_at: usize,
    n_bytes: usize,
    path: bool,
    /// The word range of its child offsets.
    children: (usize, usize),
}

/// Reads the node header at `pos` (bounds are checked by the caller's first pass).
fn node_at(nodes: &[u32], pos: usize) -> Node {
    let h = nodes[pos];
    let terminal = h & TERMINAL != 0;
    let bytes_at = pos + 1 + terminal as usize;
    if h & PATH != 0 {
        let len = (h >> PATH_SHIFT) as usize;
        let child = bytes_at + len.div_ceil(4);
        Node {
            terminal,
            bytes_at,
            n_bytes: len,
            path: true,
            children: (child, child + 1),
        }
    } else {
        let n = (h & NTRANS) as usize;
        let first = bytes_at + n.div_ceil(4);
        Node {
            terminal,
            bytes_at,
            n_bytes: n,
            path: false,
            children: (first, first + n),
        }
    }
}

fn bit(set: &[u64], i: usize) -> bool {
    set[i / 64] & (1 << (i % 64)) != 0
}

fn set_bit(set: &mut [u64], i: usize) {
    set[i / 64] |= 1 << (i % 64);
}

impl Trie {
    /// Checks that the node and output arrays form a well-formed trie over
    /// `n_aliases` aliases (see the module docs); the error says what is wrong.
    pub(crate) fn validate(&self, n_aliases: usize) -> Result<(), String> {
        let is_start = self.check_layout(n_aliases)?;
        self.check_tree(&is_start)
    }

    /// First pass, front to back: whole nodes with sane headers, and the output lists.
    /// Returns the set of node start offsets.
    fn check_layout(&self, n_aliases: usize) -> Result<Vec<u64>, String> {
        let nodes = &self.nodes;
        let Some(&h0) = nodes.first() else {
            return Err("empty trie".into());
        };
        if h0 & !NTRANS != 0 {
            return Err("trie root is not a plain branch node".into());
        }
        let mut is_start = vec![0u64; nodes.len().div_ceil(64)];
        let mut alias_seen = vec![0u64; n_aliases.div_ceil(64)];
        let mut outs_at = 0usize; // where the next terminal's output list must start
        let mut pos = 0usize;
        while pos < nodes.len() {
            set_bit(&mut is_start, pos);
            let h = nodes[pos];
            if h & PATH != 0 {
                if h >> PATH_SHIFT == 0 || h & NTRANS != 0 {
                    return Err(format!("trie node {pos}: bad path header"));
                }
            } else if h >> PATH_SHIFT != 0 || (h & NTRANS) > 256 {
                return Err(format!("trie node {pos}: bad branch header"));
            }
            let node = node_at(nodes, pos);
            if node.children.1 > nodes.len() {
                return Err(format!(
                    "trie node {pos}: runs past the end of the node array"
                ));
            }
            if node.terminal {
                let idx = nodes[pos + 1] as usize;
                if idx != outs_at {
                    return Err(format!(
                        "trie node {pos}: output list at {idx}, expected {outs_at} (lists must be back to back)"
                    ));
                }
                outs_at = self.check_outputs(idx, n_aliases, &mut alias_seen)?;
            }
            pos = node.children.1;
        }
        if outs_at != self.outs.len() {
            return Err(format!(
                "trie outputs: {} of {} words used by no node",
                self.outs.len() - outs_at,
                self.outs.len()
            ));
        }
        Ok(is_start)
    }

    /// Checks the output list at `idx`; returns the index just past it.
    fn check_outputs(
        &self,
        idx: usize,
        n_aliases: usize,
        alias_seen: &mut [u64],
    ) -> Result<usize, String> {
        let cnt = *self.outs.get(idx).ok_or("trie output list out of range")? as usize;
        let end = idx
            .checked_add(1 + cnt)
            .filter(|&e| cnt > 0 && e <= self.outs.len())
            .ok_or_else(|| format!("trie output list at {idx}: bad length {cnt}"))?;
        let list = &self.outs[idx + 1..end];
        if list.windows(2).any(|w| w[0] >= w[1]) {
            return Err(format!(
                "trie output list at {idx}: alias ids not increasing"
            ));
        }
        for &a in list {
            let a = a as usize;
            if a >= n_aliases {
                return Err(format!(
                    "trie output list at {idx}: alias id {a} out of range ({n_aliases} aliases)"
                ));
            }
            if bit(alias_seen, a) {
                return Err(format!("trie: alias id {a} is the output of two keys"));
            }
            set_bit(alias_seen, a);
        }
        Ok(end)
    }

    /// Second pass, from the root: every node reached exactly once, keys on whole
    /// UTF-8 characters, sorted transitions.
    fn check_tree(&self, is_start: &[u64]) -> Result<(), String> {
        let nodes = &self.nodes;
        let mut reached = vec![0u64; is_start.len()];
        let (mut n_nodes, mut n_reached) = (0usize, 0usize);
        for w in is_start {
            n_nodes += w.count_ones() as usize;
        }
        let mut stack: Vec<(usize, Utf8State)> = vec![(0, CHAR_START)];
        while let Some((pos, state)) = stack.pop() {
            if bit(&reached, pos) {
                return Err(format!(
                    "trie node {pos} is reached twice (shared or cyclic child offsets)"
                ));
            }
            set_bit(&mut reached, pos);
            n_reached += 1;
            let node = node_at(nodes, pos);
            if node.terminal && state != CHAR_START {
                return Err(format!(
                    "trie node {pos}: a key ends inside a UTF-8 character"
                ));
            }
            let bytes = &nodes[node.bytes_at..node.children.0];
            let child_at = |k: usize| -> Result<usize, String> {
                let c = nodes[node.children.0 + k] as usize;
                if c == 0 || c >= nodes.len() || !bit(is_start, c) {
                    return Err(format!("trie node {pos}: bad child offset {c}"));
                }
                Ok(c)
            };
            let bad_byte = |b: u8| format!("trie node {pos}: byte {b:#04x} breaks UTF-8");
            if node.path {
                let mut s = state;
                for k in 0..node.n_bytes {
                    let b = packed_byte(bytes, k);
                    s = s.step(b).ok_or_else(|| bad_byte(b))?;
                }
                stack.push((child_at(0)?, s));
            } else {
                if node.n_bytes == 0 && !node.terminal && pos != 0 {
                    return Err(format!("trie node {pos}: a leaf that ends no key"));
                }
                let mut prev: Option<u8> = None;
                for k in 0..node.n_bytes {
                    let b = packed_byte(bytes, k);
                    if prev.is_some_and(|p| p >= b) {
                        return Err(format!("trie node {pos}: transition bytes not increasing"));
                    }
                    prev = Some(b);
                    let s = state.step(b).ok_or_else(|| bad_byte(b))?;
                    stack.push((child_at(k)?, s));
                }
            }
        }
        if n_reached != n_nodes {
            return Err(format!(
                "trie: {} of {n_nodes} nodes are not reachable from the root",
                n_nodes - n_reached
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes_ok(bytes: &[u8]) -> bool {
        let mut s = CHAR_START;
        for &b in bytes {
            match s.step(b) {
                Some(n) => s = n,
                None => return false,
            }
        }
        s == CHAR_START
    }

    #[test]
    fn utf8_state_agrees_with_std() {
        let samples: &[&[u8]] = &[
            b"abc",
            "é".as_bytes(),
            "€".as_bytes(),
            "😀".as_bytes(),
            "\u{10FFFF}".as_bytes(),
            b"\xC0\x80",
            b"\xED\xA0\x80", // a surrogate
            b"\xE0\x80\x80", // overlong
            b"\xF4\x90\x80\x80",
            b"\xF0\x8F\xBF\xBF",
            b"\xC3",
            b"\x80",
            b"\xFF",
        ];
        for s in samples {
            assert_eq!(bytes_ok(s), std::str::from_utf8(s).is_ok(), "{s:?}");
        }
        // Every two-byte sequence.
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let v = [a, b];
                assert_eq!(bytes_ok(&v), std::str::from_utf8(&v).is_ok(), "{v:?}");
            }
        }
    }
}
