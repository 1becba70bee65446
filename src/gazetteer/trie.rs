//! The compiled matcher: a byte trie over folded alias keys in flat arrays.
//!
//! States are numbered breadth-first. State `s` has the transitions
//! `trans_byte[trans_off[s]..trans_off[s+1]]` (sorted) to `trans_next[..]`, and the
//! alias ids `outs[out_off[s]..out_off[s+1]]` whose folded key ends at `s`. The root's
//! transitions are also kept in a dense 256-entry table. Matching walks the trie
//! *anchored* at each possible start in the folded text, so no failure links are
//! needed; a walk is at most as long as the longest key (plus extra spaces of
//! whitespace runs, which are skipped), so the work is linear in the text for a given
//! gazetteer. The arrays serialise as they are (see `binary.rs`).

use std::collections::VecDeque;

use super::{AliasRecord, Match, MatchOptions};
use crate::text::{self, CharClass};

pub(crate) const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Default)]
pub(crate) struct Trie {
    pub(crate) root: Vec<u32>,
    pub(crate) trans_off: Vec<u32>,
    pub(crate) trans_byte: Vec<u8>,
    pub(crate) trans_next: Vec<u32>,
    pub(crate) out_off: Vec<u32>,
    pub(crate) outs: Vec<u32>,
}

/// Class of ASCII bytes in folded text: 0 other, 1 word.
static ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

impl Trie {
    /// Builds the trie of the folded keys of `aliases`.
    pub(crate) fn build(aliases: &[AliasRecord]) -> Trie {
        let mut keys: Vec<(String, u32)> = aliases
            .iter()
            .enumerate()
            .map(|(i, a)| (text::fold_key(&a.text, true, true), i as u32))
            .collect();
        keys.sort_unstable();
        Self::from_sorted(&keys)
    }

    fn from_sorted(keys: &[(String, u32)]) -> Trie {
        let mut t = Trie {
            trans_off: vec![0],
            out_off: vec![0],
            ..Default::default()
        };
        let mut next_id: u32 = 1;
        let mut queue: VecDeque<(u32, u32, u32)> = VecDeque::new();
        queue.push_back((0, keys.len() as u32, 0));
        while let Some((lo, hi, depth)) = queue.pop_front() {
            let (lo, hi, d) = (lo as usize, hi as usize, depth as usize);
            let mut k = lo;
            while k < hi && keys[k].0.len() == d {
                t.outs.push(keys[k].1);
                k += 1;
            }
            t.out_off.push(t.outs.len() as u32);
            while k < hi {
                let b = keys[k].0.as_bytes()[d];
                let mut j = k + 1;
                while j < hi && keys[j].0.as_bytes()[d] == b {
                    j += 1;
                }
                t.trans_byte.push(b);
                t.trans_next.push(next_id);
                next_id += 1;
                queue.push_back((k as u32, j as u32, depth + 1));
                k = j;
            }
            t.trans_off.push(t.trans_byte.len() as u32);
        }
        t.fill_root();
        t
    }

    /// Fills the dense root table from state 0's transitions.
    pub(crate) fn fill_root(&mut self) {
        let mut root = vec![NONE; 256];
        if self.trans_off.len() >= 2 {
            let (a, b) = (self.trans_off[0] as usize, self.trans_off[1] as usize);
            for k in a..b {
                root[self.trans_byte[k] as usize] = self.trans_next[k];
            }
        }
        self.root = root;
    }

    pub(crate) fn states(&self) -> usize {
        self.trans_off.len().saturating_sub(1)
    }

    #[inline]
    fn next(&self, s: u32, b: u8) -> u32 {
        let s = s as usize;
        let (a, z) = (self.trans_off[s] as usize, self.trans_off[s + 1] as usize);
        let bytes = &self.trans_byte[a..z];
        if bytes.len() <= 8 {
            for (k, &x) in bytes.iter().enumerate() {
                if x == b {
                    return self.trans_next[a + k];
                }
            }
            NONE
        } else {
            match bytes.binary_search(&b) {
                Ok(k) => self.trans_next[a + k],
                Err(_) => NONE,
            }
        }
    }

    #[inline]
    fn outputs(&self, s: u32) -> &[u32] {
        let s = s as usize;
        &self.outs[self.out_off[s] as usize..self.out_off[s + 1] as usize]
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
            let (class, len) = if b < 0x80 {
                let w = ASCII_WORD[b as usize];
                (if w { CharClass::Word } else { CharClass::Other }, 1)
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
            let first = self.root[b as usize];
            if first == NONE {
                i += len;
                continue;
            }
            // Anchored walk from i, collecting every key end.
            ends.clear();
            let mut s = first;
            let mut j = i + 1;
            loop {
                if self.out_off[s as usize] != self.out_off[s as usize + 1] {
                    ends.push((j, s));
                }
                if j >= fb.len() {
                    break;
                }
                let mut c = fb[j];
                if c == b' ' {
                    // A whitespace run folds to one space.
                    while j + 1 < fb.len() && fb[j + 1] == b' ' {
                        j += 1;
                    }
                    c = b' ';
                }
                let t = self.next(s, c);
                if t == NONE {
                    break;
                }
                s = t;
                j += 1;
            }
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
            i += len;
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
