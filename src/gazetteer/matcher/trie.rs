//! Building the trie from the alias texts: keys folded and sorted, then laid out
//! depth first in one pass over the sorted keys.

use super::{Trie, MAX_PATH, NONE, PATH, PATH_SHIFT, TERMINAL};
use crate::error::{Error, Result};
use crate::text;

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
