//! Running a text through the trie: the folded text is scanned once; at each
//! position where a match may start (a word boundary the prefilters do not rule out)
//! the trie is walked anchored there, and each key end is checked against the word
//! boundary, case and diacritic rules.

use super::{is_run_byte, last_space, packed_byte, Trie, NONE, NTRANS, PATH, PATH_SHIFT, TERMINAL};
use crate::gazetteer::{Match, MatchOptions};
use crate::text::{self, swar, CharClass, Folded};

impl Trie {
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
                    j = last_space(fb, j);
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
                j = last_space(fb, j);
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
        let mut found = Found {
            text,
            folded: &folded,
            out: Vec::new(),
            valid: Vec::new(),
        };
        let mut ends: Vec<(usize, u32)> = Vec::new();
        let mut scan = Scan::default();
        let mut i = 0usize;
        while i < fb.len() {
            let (first, next) = match self.step_at(folded.as_str(), i, &mut scan) {
                Step::Skip(next) => {
                    i = next;
                    continue;
                }
                Step::Walk { first, next } => (first, next),
            };
            // Anchored walk from i, collecting every key end.
            ends.clear();
            self.walk(fb, i, first, &mut ends);
            if opts.overlapping {
                for &end in &ends {
                    found.take(self, i, end, ok);
                }
            } else {
                // Leftmost-longest: the longest end that passes every check.
                for &end in ends.iter().rev() {
                    if found.take(self, i, end, ok) {
                        scan.next_allowed = end.0;
                        break;
                    }
                }
            }
            i = next;
        }
        found.out
    }

    /// Whether a match may start at folded offset `i`, and where the scan goes on: past
    /// the whole letter/digit run for an ASCII word character (no match starts inside
    /// a word), else past the character. Updates the word-boundary state.
    #[inline]
    fn step_at(&self, fs: &str, i: usize, scan: &mut Scan) -> Step {
        let fb = fs.as_bytes();
        let b = fb[i];
        if is_run_byte(b) {
            let j = swar::alnum_end(fb, i + 1);
            let start_ok = !scan.prev_word && i >= scan.next_allowed;
            scan.prev_word = true;
            let first = self.root[b as usize];
            if !start_ok || first == NONE {
                return Step::Skip(j);
            }
            let h = self.first_run_hash(fb, i, j);
            if !self.run_may_start(h) || !self.rest_may_follow(fb, j, h) {
                return Step::Skip(j);
            }
            return Step::Walk { first, next: j };
        }
        let (class, len) = if b < 0x80 {
            (CharClass::Other, 1)
        } else {
            let c = fs[i..].chars().next().unwrap_or(' ');
            (text::char_class(c), c.len_utf8())
        };
        if class == CharClass::Mark {
            return Step::Skip(i + len);
        }
        let word = class == CharClass::Word;
        let start_ok = !(scan.prev_word && word);
        scan.prev_word = word;
        if !start_ok || i < scan.next_allowed {
            return Step::Skip(i + len);
        }
        let first = self.root[b as usize];
        if first == NONE || !self.may_start(fb, i, b) {
            return Step::Skip(i + len);
        }
        Step::Walk {
            first,
            next: i + len,
        }
    }
}

/// What the scan does at one folded offset.
enum Step {
    /// No match starts here: go on at this offset.
    Skip(usize),
    /// Walk from the root's child `first`, then go on at `next`.
    Walk { first: u32, next: usize },
}

/// The word-boundary state carried from one start position to the next.
#[derive(Default)]
struct Scan {
    /// The character before the current offset is a word character.
    prev_word: bool,
    /// Without `overlapping`, no match starts before the end of the last one.
    next_allowed: usize,
}

/// The matches found so far, and what checking a key end needs.
struct Found<'t> {
    text: &'t str,
    folded: &'t Folded,
    out: Vec<Match>,
    /// The aliases of one key end that pass `ok` (reused between ends).
    valid: Vec<u32>,
}

impl Found<'_> {
    /// Pushes one match per alias of the key end `(fe, outs index)` of a walk from
    /// folded offset `i` that passes the end rule and `ok`; true if there was one.
    #[inline]
    fn take<F>(&mut self, trie: &Trie, i: usize, (fe, outs): (usize, u32), ok: &F) -> bool
    where
        F: Fn(u32, &str) -> bool,
    {
        if !end_ok(self.folded.as_str(), i, fe) {
            return false;
        }
        let (start, end) = self.folded.original_range(i, fe);
        let span = &self.text[start..end];
        self.valid.clear();
        self.valid
            .extend(trie.outputs(outs).iter().copied().filter(|&a| ok(a, span)));
        self.out
            .extend(self.valid.iter().map(|&alias| Match { start, end, alias }));
        !self.valid.is_empty()
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
