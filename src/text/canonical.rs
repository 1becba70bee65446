//! Canonical decomposition and canonical ordering (Unicode §3.11–3.12): the two steps
//! that make folded text NFD, so canonically equal spellings fold alike.
//!
//! Decomposition is per character (a table, plus the Hangul syllable algorithm).
//! Ordering is over the folded output: a run of non-starters (combining class > 0) is
//! stably sorted by class once the run ends, so a run of any length is sorted once, in
//! O(k log k) for k marks. Runs that are already in order (nearly all real text) cost
//! one comparison per mark and are never copied.

use std::ops::Range;

use super::tables;

/// Hangul syllables: `S = 0xAC00 + (L * 21 + V) * 28 + T` (Unicode §3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = 19 * N_COUNT;

/// Code points below this are screened by [`MAY_COMBINE`].
const SCREENED: u32 = 0x20000;

/// One bit per 256-code-point block below [`SCREENED`]: set when some character of the
/// block has a non-zero combining class. Most scripts' letters (Hangul, CJK, Cyrillic
/// …) are in blocks without, so their lookup is one bit test, not a binary search.
static MAY_COMBINE: [u64; (SCREENED / 256 / 64) as usize] = {
    let mut bits = [0u64; (SCREENED / 256 / 64) as usize];
    let t = tables::COMBINING_CLASS;
    let mut i = 0;
    while i < t.len() {
        let (first, last) = (t[i].0, t[i].1);
        let mut block = first / 256;
        while block <= last / 256 && block < SCREENED / 256 {
            bits[(block / 64) as usize] |= 1 << (block % 64);
            block += 1;
        }
        i += 1;
    }
    bits
};

/// The canonical combining class of `c` (0 for starters).
#[inline]
pub(crate) fn combining_class(c: char) -> u8 {
    let cp = c as u32;
    if cp < 0x300 {
        return 0;
    }
    if cp < SCREENED {
        let block = cp / 256;
        if MAY_COMBINE[(block / 64) as usize] & (1 << (block % 64)) == 0 {
            return 0;
        }
    }
    super::range_containing(tables::COMBINING_CLASS, cp, |&(a, b, _)| (a, b)).map_or(0, |r| r.2)
}

/// True for a precomposed Hangul syllable (no case, no marks: decomposed by algorithm).
#[inline]
pub(crate) fn is_hangul_syllable(c: char) -> bool {
    (c as u32).wrapping_sub(S_BASE) < S_COUNT
}

/// Calls `emit` with each character of the full canonical decomposition of `c` (`c`
/// itself when it has none). The parts of one character are in canonical order.
#[inline]
pub(crate) fn decompose(c: char, emit: &mut impl FnMut(char)) {
    let cp = c as u32;
    if cp < 0xC0 {
        emit(c);
        return;
    }
    let s = cp.wrapping_sub(S_BASE);
    if s < S_COUNT {
        // Jamo are starters: L V, plus T when the syllable has a final consonant.
        let jamo = [
            L_BASE + s / N_COUNT,
            V_BASE + (s % N_COUNT) / T_COUNT,
            T_BASE + s % T_COUNT,
        ];
        let n = if s % T_COUNT == 0 { 2 } else { 3 };
        for &j in &jamo[..n] {
            emit(char::from_u32(j).unwrap_or(c));
        }
        return;
    }
    match tables::DECOMP.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => tables::DECOMP[i].1.chars().for_each(emit),
        Err(_) => emit(c),
    }
}

/// A growing UTF-8 buffer that a run of marks can be re-sorted in.
pub(crate) trait Utf8Buf {
    /// Byte length.
    fn byte_len(&self) -> usize;
    /// The text from byte `from` (a char boundary) to the end.
    fn tail(&self, from: usize) -> &str;
    /// Cuts the buffer to `len` bytes (a char boundary).
    fn cut(&mut self, len: usize);
    /// Appends one character.
    fn put(&mut self, c: char);
}

impl Utf8Buf for String {
    fn byte_len(&self) -> usize {
        self.len()
    }
    fn tail(&self, from: usize) -> &str {
        &self[from..]
    }
    fn cut(&mut self, len: usize) {
        self.truncate(len);
    }
    fn put(&mut self, c: char) {
        self.push(c);
    }
}

/// Bytes that are valid UTF-8 by construction (the folded view is built as bytes).
impl Utf8Buf for Vec<u8> {
    fn byte_len(&self) -> usize {
        self.len()
    }
    fn tail(&self, from: usize) -> &str {
        // Only whole characters are ever appended, so this never fails.
        std::str::from_utf8(&self[from..]).unwrap_or_default()
    }
    fn cut(&mut self, len: usize) {
        self.truncate(len);
    }
    fn put(&mut self, c: char) {
        self.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes());
    }
}

/// Puts the marks appended to a buffer into canonical order: call
/// [`before`](Self::before) with every character just before appending it, and
/// [`finish`](Self::finish) after the last one.
#[derive(Debug, Default)]
pub(crate) struct CanonicalOrder {
    /// Byte offset of the current run of non-starters.
    start: usize,
    /// Class of the run's last mark; 0 when no run is open.
    last: u8,
    /// Some mark of the run has a lower class than the one before it.
    unsorted: bool,
    /// Sort keys of a run being reordered: `class << 24 | code point`, kept for reuse.
    scratch: Vec<u32>,
}

impl CanonicalOrder {
    /// Notes that `c` is about to be appended to `out`. When `c` is a starter that
    /// ends an out-of-order run, the run is sorted in place first and its byte range is
    /// returned (its bytes now come from several original characters in a new order).
    #[inline]
    pub(crate) fn before(&mut self, out: &mut impl Utf8Buf, c: char) -> Option<Range<usize>> {
        let class = combining_class(c);
        if class == 0 {
            return self.finish(out);
        }
        if self.last == 0 {
            self.start = out.byte_len();
            self.unsorted = false;
        } else if class < self.last {
            self.unsorted = true;
        }
        self.last = class;
        None
    }

    /// Ends the current run (the text ends, or a starter is appended without
    /// [`before`](Self::before)); returns the range it reordered, if any.
    #[inline]
    pub(crate) fn finish(&mut self, out: &mut impl Utf8Buf) -> Option<Range<usize>> {
        let open = self.last != 0;
        self.last = 0;
        if !(open && self.unsorted) {
            return None;
        }
        let start = self.start;
        self.scratch.clear();
        self.scratch.extend(
            out.tail(start)
                .chars()
                .map(|m| (u32::from(combining_class(m)) << 24) | m as u32),
        );
        // Stable: marks of one class keep their order (they do not commute).
        self.scratch.sort_by_key(|&k| k >> 24);
        out.cut(start);
        for &k in &self.scratch {
            out.put(char::from_u32(k & 0x00FF_FFFF).unwrap_or('\u{FFFD}'));
        }
        Some(start..out.byte_len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nfd(s: &str) -> String {
        let mut out = String::new();
        let mut order = CanonicalOrder::default();
        for c in s.chars() {
            decompose(c, &mut |d| {
                order.before(&mut out, d);
                out.push(d);
            });
        }
        order.finish(&mut out);
        out
    }

    #[test]
    fn hangul_syllables_decompose_to_jamo() {
        assert_eq!(nfd("서울"), "\u{1109}\u{1165}\u{110b}\u{116e}\u{11af}");
        assert_eq!(nfd("\u{ac00}"), "\u{1100}\u{1161}");
        assert_eq!(nfd("\u{d7a3}"), "\u{1112}\u{1175}\u{11c2}");
    }

    #[test]
    fn marks_sort_by_class_and_keep_order_within_a_class() {
        // dot below (220) goes before circumflex (230) whichever is typed first
        assert_eq!(nfd("e\u{302}\u{323}"), "e\u{323}\u{302}");
        assert_eq!(nfd("\u{ea}\u{323}"), "e\u{323}\u{302}");
        assert_eq!(nfd("\u{1ec7}"), "e\u{323}\u{302}");
        // acute and grave are both 230: they do not commute
        assert_eq!(nfd("a\u{301}\u{300}"), "a\u{301}\u{300}");
        assert_eq!(nfd("a\u{300}\u{301}"), "a\u{300}\u{301}");
        // a starter ends a run: nothing moves across it
        assert_eq!(nfd("a\u{302}b\u{323}"), "a\u{302}b\u{323}");
        // nukta (7) before virama (9)
        assert_eq!(nfd("\u{915}\u{94d}\u{93c}"), "\u{915}\u{93c}\u{94d}");
        assert_eq!(nfd("\u{958}\u{94d}"), "\u{915}\u{93c}\u{94d}");
    }

    #[test]
    fn combining_classes_from_the_table() {
        assert_eq!(combining_class('a'), 0);
        assert_eq!(combining_class('\u{301}'), 230);
        assert_eq!(combining_class('\u{323}'), 220);
        assert_eq!(combining_class('\u{93c}'), 7);
        assert_eq!(combining_class('\u{94d}'), 9);
        assert_eq!(combining_class('\u{93f}'), 0); // a spacing vowel sign is a starter
        assert_eq!(combining_class('\u{1d165}'), 216); // above the screened planes
        assert_eq!(combining_class('\u{1e94a}'), 7); // Adlam nukta
        assert_eq!(combining_class('\u{3099}'), 8); // kana voicing, among CJK blocks
        assert_eq!(combining_class('\u{ac00}'), 0);
        // The screen agrees with the table on every code point.
        for cp in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                let listed = tables::COMBINING_CLASS
                    .iter()
                    .find(|&&(a, b, _)| a <= cp && cp <= b)
                    .map_or(0, |r| r.2);
                assert_eq!(combining_class(c), listed, "U+{cp:04X}");
            }
        }
    }
}
