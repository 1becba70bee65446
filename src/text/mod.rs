//! Text normalisation ("folding") for matching, and byte ↔ code-point offsets.
//!
//! The matcher never compares raw text. Both aliases and documents are *folded*:
//!
//! * Unicode lowercase, with full case folding where lowercase is not enough:
//!   `ß`/`ẞ` → `ss`, the ligatures `ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ` → their letters, final sigma
//!   `ς` → `σ`, `İ` → `i` (so "Straße" = "Strasse", "İstanbul" = "Istanbul");
//! * apostrophe variants `’ ‘ ‛ ` ´ ＇` → `'`; dash variants (U+2010–U+2015 including
//!   the non-breaking hyphen U+2011, `−` U+2212, `﹘ ﹣ －`, `⸺ ⸻`) → `-`;
//! * every whitespace character (White_Space, plus the zero-width space U+200B) → a
//!   space; the matcher treats a run of spaces as one space;
//! * diacritics removed (canonical decomposition, then combining marks of the
//!   Latin/Greek/Cyrillic diacritic blocks, Hebrew points and Arabic harakat dropped;
//!   `ł ø đ ħ ŧ` lose their stroke). Marks of other scripts (Devanagari vowel signs …)
//!   are kept: removing them would merge different words;
//! * default-ignorable characters (soft hyphen, ZWJ/ZWNJ, word joiner, variation
//!   selectors, BOM, bidi controls) are dropped.
//!
//! Every folded byte maps back to the original *unit* it came from (a character plus
//! the dropped marks and ignorables after it), so a match in the folded view always
//! maps to original offsets on character boundaries that never split a base character
//! from its combining marks.
//!
//! ```
//! let f = namedrop::text::fold("Zu\u{308}rich\u{a0}Straße", true);
//! assert_eq!(f.as_str(), "zurich strasse");
//! // folded "strasse" is bytes 7..14; in the original it is "Straße".
//! let (s, e) = f.original_range(7, 14);
//! assert_eq!(&"Zu\u{308}rich\u{a0}Straße"[s..e], "Straße");
//! ```

mod tables;

/// True for a combining mark (general category Mn, Mc or Me).
///
/// ```
/// assert!(namedrop::text::is_mark('\u{301}'));
/// assert!(!namedrop::text::is_mark('e'));
/// ```
pub fn is_mark(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x300 {
        return false;
    }
    in_ranges(tables::MARKS, cp)
}

fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .binary_search_by(|&(a, b)| {
            if b < cp {
                std::cmp::Ordering::Less
            } else if a > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// True for Han, Hiragana and Katakana characters. Each of them is a word of its own
/// for the word-boundary rule, so a CJK alias matches inside unspaced CJK text.
///
/// ```
/// assert!(namedrop::text::is_cjk('東'));
/// assert!(namedrop::text::is_cjk('カ'));
/// assert!(!namedrop::text::is_cjk('한'));
/// ```
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // CJK radicals, Kangxi radicals
        | 0x3005..=0x3007    // 々 〆 〇
        | 0x3021..=0x3029    // Hangzhou numerals
        | 0x3031..=0x3035
        | 0x3038..=0x303C
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // Extension A
        | 0x4E00..=0x9FFF    // Unified ideographs
        | 0xF900..=0xFAFF    // Compatibility ideographs
        | 0xFF66..=0xFF9F    // Halfwidth Katakana
        | 0x1B000..=0x1B16F  // Kana supplement / extended
        | 0x20000..=0x3134F) // Extensions B..G
}

/// True for a character the matcher removes when folding diacritics: a combining mark
/// of the diacritic blocks (Latin/Greek/Cyrillic), a Hebrew point or an Arabic haraka.
fn is_diacritic_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5
        | 0x05C7 | 0x064B..=0x065F | 0x0670)
}

/// Default-ignorable characters dropped by folding.
fn is_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x180B..=0x180F | 0x200C..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFE00..=0xFE0F | 0xFEFF | 0xE0100..=0xE01EF)
}

/// True for a character folded to a space (Unicode White_Space or U+200B).
///
/// ```
/// assert!(namedrop::text::is_space('\u{a0}'));
/// assert!(namedrop::text::is_space('\r'));
/// assert!(!namedrop::text::is_space('x'));
/// ```
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}'
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{201B}' | '`' | '\u{B4}' | '\u{FF07}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(
        c as u32,
        0x2D | 0x2010
            ..=0x2015 | 0x2212 | 0xFE58 | 0xFE63 | 0xFF0D | 0x2E3A | 0x2E3B | 0xFE31 | 0xFE32
    )
}

fn decompose(c: char) -> Option<&'static str> {
    if (c as u32) < 0xC0 {
        return None;
    }
    tables::DECOMP
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| tables::DECOMP[i].1)
}

fn unstroke(c: char) -> char {
    match c {
        'ł' => 'l',
        'Ł' => 'L',
        'ø' => 'o',
        'Ø' => 'O',
        'đ' => 'd',
        'Đ' => 'D',
        'ħ' => 'h',
        'Ħ' => 'H',
        'ŧ' => 't',
        'Ŧ' => 'T',
        _ => c,
    }
}

/// Lowercase with the full case folding the matcher needs, calling `emit` per char.
fn lower_into(c: char, emit: &mut impl FnMut(char)) {
    let s: &str = match c {
        'ß' | 'ẞ' => "ss",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        'İ' => "i",
        'ς' => "σ",
        _ => {
            for l in c.to_lowercase() {
                emit(l);
            }
            return;
        }
    };
    s.chars().for_each(emit);
}

/// The character class used by the word-boundary rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// A letter or digit (Unicode alphanumeric) outside CJK: part of a word.
    Word,
    /// A combining mark kept by folding: it belongs to the character before it.
    Mark,
    /// Anything else (space, punctuation, symbol, emoji, CJK character).
    Other,
}

/// Classifies a (folded) character for the word-boundary rule.
///
/// ```
/// use namedrop::text::{char_class, CharClass};
/// assert_eq!(char_class('a'), CharClass::Word);
/// assert_eq!(char_class('7'), CharClass::Word);
/// assert_eq!(char_class('\''), CharClass::Other);
/// assert_eq!(char_class('京'), CharClass::Other);
/// assert_eq!(char_class('\u{94d}'), CharClass::Mark);
/// ```
#[inline]
pub fn char_class(c: char) -> CharClass {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            CharClass::Word
        } else {
            CharClass::Other
        };
    }
    if is_mark(c) {
        CharClass::Mark
    } else if c.is_alphanumeric() && !is_cjk(c) {
        CharClass::Word
    } else {
        CharClass::Other
    }
}

/// Folds one non-space character: calls `emit` for every folded character.
///
/// `lower`: apply the case folding; `strip`: remove diacritics. Whitespace is the
/// caller's business (see [`fold`]); apostrophes and dashes are normalised, ignorables
/// dropped, and the result is in canonical decomposed form (NFD, Hangul kept whole).
///
/// ```
/// let mut out = String::new();
/// namedrop::text::fold_char('Ü', true, false, &mut |c| out.push(c));
/// assert_eq!(out, "u\u{308}");
/// out.clear();
/// namedrop::text::fold_char('’', true, true, &mut |c| out.push(c));
/// assert_eq!(out, "'");
/// ```
pub fn fold_char(c: char, lower: bool, strip: bool, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        emit(match c {
            '`' => '\'',
            _ if lower => c.to_ascii_lowercase(),
            _ => c,
        });
        return;
    }
    if is_apostrophe(c) {
        emit('\'');
        return;
    }
    if is_dash(c) {
        emit('-');
        return;
    }
    if is_ignorable(c) {
        return;
    }
    let mut finish = |d: char| match decompose(d) {
        Some(parts) => {
            for p in parts.chars() {
                if strip && is_diacritic_mark(p) {
                    continue;
                }
                emit(if strip { unstroke(p) } else { p });
            }
        }
        None => {
            if !(strip && is_diacritic_mark(d)) {
                emit(if strip { unstroke(d) } else { d });
            }
        }
    };
    if lower {
        lower_into(c, &mut finish);
    } else {
        finish(c);
    }
}

/// Folds a whole string into a comparison key: [`fold_char`] on every character, every
/// whitespace run becomes one space, leading and trailing whitespace is removed.
///
/// ```
/// use namedrop::text::fold_key;
/// assert_eq!(fold_key(" New\u{a0}\u{a0}York\n", true, true), "new york");
/// assert_eq!(fold_key("Zürich", false, true), "Zurich");
/// assert_eq!(fold_key("Zürich", true, false), "zu\u{308}rich");
/// ```
pub fn fold_key(s: &str, lower: bool, strip: bool) -> String {
    let mut out = String::with_capacity(s.len());
    fold_key_into(s, lower, strip, &mut out);
    out
}

/// Like [`fold_key`], appending to `out` (which is not cleared).
pub fn fold_key_into(s: &str, lower: bool, strip: bool, out: &mut String) {
    let base = out.len();
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = out.len() > base;
            continue;
        }
        let before = out.len();
        if pending_space {
            out.push(' ');
        }
        let mark = out.len();
        fold_char(c, lower, strip, &mut |d| out.push(d));
        if out.len() == mark {
            // Nothing emitted (an ignorable or a stripped mark): keep the space pending.
            out.truncate(before);
        } else {
            pending_space = false;
        }
    }
}

/// Offset integers of the folded → original map (u32 for texts under 4 GiB).
trait Off: Copy + PartialEq {
    fn from_usize(v: usize) -> Self;
    fn get(self) -> usize;
}
impl Off for u32 {
    #[inline]
    fn from_usize(v: usize) -> Self {
        v as u32
    }
    #[inline]
    fn get(self) -> usize {
        self as usize
    }
}
impl Off for usize {
    #[inline]
    fn from_usize(v: usize) -> Self {
        v
    }
    #[inline]
    fn get(self) -> usize {
        self
    }
}

#[derive(Debug, Clone)]
enum OffsetMap {
    /// ASCII text: folded byte i is original byte i.
    Identity,
    Small(Vec<u32>),
    Large(Vec<usize>),
}

/// A folded view of a text with a map from folded bytes back to the original.
///
/// Made by [`fold`]. Unlike [`fold_key`], every whitespace character becomes one space
/// (runs are not collapsed, so ASCII text keeps its offsets and needs no map); the
/// matcher treats a run of spaces as one space.
#[derive(Debug, Clone)]
pub struct Folded {
    text: String,
    map: OffsetMap,
    original_len: usize,
}

/// Folds `text` for matching (lowercase, punctuation, whitespace, and diacritics when
/// `strip_diacritics`), keeping a map back to original byte offsets.
///
/// ```
/// let f = namedrop::text::fold("O’Rourke\tsaid", true);
/// assert_eq!(f.as_str(), "o'rourke said");
/// assert_eq!(f.original_range(0, 8), (0, 10)); // ’ is 3 bytes
/// ```
pub fn fold(text: &str, strip_diacritics: bool) -> Folded {
    if text.is_ascii() {
        let mut bytes = text.as_bytes().to_vec();
        for b in bytes.iter_mut() {
            *b = ASCII_FOLD[*b as usize];
        }
        // Safety net without unsafe: ASCII in, ASCII out.
        let folded = String::from_utf8(bytes).unwrap_or_default();
        return Folded {
            text: folded,
            map: OffsetMap::Identity,
            original_len: text.len(),
        };
    }
    if text.len() < u32::MAX as usize {
        let (t, m) = fold_mapped::<u32>(text, strip_diacritics);
        Folded {
            text: t,
            map: OffsetMap::Small(m),
            original_len: text.len(),
        }
    } else {
        let (t, m) = fold_mapped::<usize>(text, strip_diacritics);
        Folded {
            text: t,
            map: OffsetMap::Large(m),
            original_len: text.len(),
        }
    }
}

static ASCII_FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = match b {
            b'A'..=b'Z' => b + 32,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => b' ',
            b'`' => b'\'',
            _ => b,
        };
        i += 1;
    }
    t
};

fn fold_mapped<T: Off>(text: &str, strip: bool) -> (String, Vec<T>) {
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 8);
    let mut map: Vec<T> = Vec::with_capacity(text.len() + 9);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut buf = [0u8; 4];
    while i < bytes.len() {
        // A run of ASCII bytes, in bulk.
        let run = bytes[i..]
            .iter()
            .position(|&b| b >= 0x80)
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            out.extend(bytes[i..i + run].iter().map(|&b| ASCII_FOLD[b as usize]));
            map.extend((i..i + run).map(T::from_usize));
            i += run;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if is_space(c) {
            out.push(b' ');
            map.push(T::from_usize(i));
        } else {
            let before = out.len();
            fold_char(c, true, strip, &mut |d| {
                out.extend_from_slice(d.encode_utf8(&mut buf).as_bytes())
            });
            for _ in before..out.len() {
                map.push(T::from_usize(i));
            }
        }
        i += len;
    }
    map.push(T::from_usize(text.len()));
    // Folding maps whole characters to whole characters, so this is valid UTF-8.
    (String::from_utf8(out).unwrap_or_default(), map)
}

impl Folded {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the original text in bytes.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Original byte offset where the unit holding folded byte `fs` starts.
    #[inline]
    pub fn original_start(&self, fs: usize) -> usize {
        match &self.map {
            OffsetMap::Identity => fs,
            OffsetMap::Small(m) => start_in(m, fs),
            OffsetMap::Large(m) => start_in(m, fs),
        }
    }

    /// Original byte offset where the unit holding folded byte `fe - 1` ends (the start
    /// of the next unit, so dropped marks and ignorables after it are included).
    #[inline]
    pub fn original_end(&self, fe: usize) -> usize {
        match &self.map {
            OffsetMap::Identity => fe,
            OffsetMap::Small(m) => end_in(m, fe, self.original_len),
            OffsetMap::Large(m) => end_in(m, fe, self.original_len),
        }
    }

    /// The original byte range of the folded range `fs..fe` (`fs < fe`).
    ///
    /// ```
    /// let f = namedrop::text::fold("ﬁne", true);
    /// assert_eq!(f.as_str(), "fine");
    /// assert_eq!(f.original_range(0, 4), (0, 5));
    /// ```
    pub fn original_range(&self, fs: usize, fe: usize) -> (usize, usize) {
        (self.original_start(fs), self.original_end(fe))
    }
}

#[inline]
fn start_in<T: Off>(m: &[T], fs: usize) -> usize {
    m[fs.min(m.len() - 1)].get()
}

#[inline]
fn end_in<T: Off>(m: &[T], fe: usize, len: usize) -> usize {
    let last = m.len() - 1; // sentinel index
    if fe == 0 {
        return m[0].get();
    }
    if fe >= last {
        return len;
    }
    let prev = m[fe - 1];
    let mut j = fe;
    while j < last && m[j] == prev {
        j += 1;
    }
    m[j].get()
}

/// Counts the code points in `bytes` (the bytes that do not continue a UTF-8 sequence).
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -64).count()
}

const BLOCK: usize = 256;

/// Converts byte offsets of one text to code-point offsets, in any order, each in
/// O(1) after an O(n) index build (constant time for ASCII text).
///
/// A byte offset inside a UTF-8 sequence counts the characters that start before it.
///
/// ```
/// let text = "🇺🇸 Zürich";
/// let idx = namedrop::text::CharIndex::new(text);
/// assert_eq!(idx.char_offset(text.len()), 9);
/// assert_eq!(idx.char_offset(9), 3); // "Z" is byte 9, code point 3
/// ```
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a [u8],
    /// Code points before each BLOCK-byte block; empty for ASCII text.
    blocks: Vec<usize>,
    ascii: bool,
}

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return CharIndex {
                text: bytes,
                blocks: Vec::new(),
                ascii: true,
            };
        }
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut total = 0;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(total);
            total += count_chars(chunk);
        }
        CharIndex {
            text: bytes,
            blocks,
            ascii: false,
        }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text length).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        let b = byte / BLOCK;
        if b >= self.blocks.len() {
            // byte == len on a block boundary
            return self.blocks.last().copied().unwrap_or(0)
                + count_chars(&self.text[(self.blocks.len().saturating_sub(1)) * BLOCK..byte]);
        }
        self.blocks[b] + count_chars(&self.text[b * BLOCK..byte])
    }
}

/// Converts byte offsets of one text to code-point offsets by walking from the last
/// offset converted: O(distance) per call, so offsets in text order cost O(n) in total
/// with no index to build (constant time for ASCII text). For offsets in any order use
/// [`CharIndex`].
///
/// ```
/// let text = "Zürich’s mayor";
/// let mut at = namedrop::text::CharCursor::new(text);
/// assert_eq!(at.char_offset(7), 6); // "’" starts at byte 7, code point 6
/// assert_eq!(at.char_offset(3), 2); // going back works too ("r")
/// assert_eq!(at.char_offset(text.len()), 14);
/// ```
#[derive(Debug, Clone)]
pub struct CharCursor<'a> {
    text: &'a [u8],
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            text: text.as_bytes(),
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text length).
    #[inline]
    pub fn char_offset(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        if byte >= self.byte {
            self.chars += count_chars(&self.text[self.byte..byte]);
        } else {
            self.chars -= count_chars(&self.text[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }
}

/// Converts byte offsets into `text` to code-point offsets. Sorted input is converted
/// in one forward pass (O(n) in total); unsorted input goes through a [`CharIndex`].
/// ASCII text returns the offsets unchanged.
///
/// ```
/// let text = "Zürich’s mayor";
/// assert_eq!(namedrop::text::to_char_offsets(text, &[0, 7, text.len()]), vec![0, 6, 14]);
/// ```
pub fn to_char_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    if bytes.is_ascii() {
        return byte_offsets.iter().map(|&b| b.min(bytes.len())).collect();
    }
    if byte_offsets.windows(2).all(|w| w[0] <= w[1]) {
        let mut out = Vec::with_capacity(byte_offsets.len());
        let (mut pos, mut chars) = (0usize, 0usize);
        for &b in byte_offsets {
            let b = b.min(bytes.len());
            chars += count_chars(&bytes[pos..b]);
            pos = b;
            out.push(chars);
        }
        return out;
    }
    let idx = CharIndex::new(text);
    byte_offsets.iter().map(|&b| idx.char_offset(b)).collect()
}

/// Converts code-point offsets to byte offsets (the inverse of [`to_char_offsets`]);
/// offsets past the end map to the text length.
///
/// ```
/// assert_eq!(namedrop::text::to_byte_offsets("Zürich", &[2, 6]), vec![3, 7]);
/// ```
pub fn to_byte_offsets(text: &str, char_offsets: &[usize]) -> Vec<usize> {
    let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    starts.push(text.len());
    char_offsets
        .iter()
        .map(|&c| starts[c.min(starts.len() - 1)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_punctuation_and_diacritics() {
        assert_eq!(fold_key("İstanbul", true, true), "istanbul");
        assert_eq!(fold_key("STRAẞE", true, true), "strasse");
        assert_eq!(fold_key("ΟΔΥΣΣΕΎΣ", true, true), "οδυσσευσ");
        assert_eq!(fold_key("οδυσσευς", true, true), "οδυσσευσ");
        assert_eq!(fold_key("Saint\u{2011}Denis", true, true), "saint-denis");
        assert_eq!(fold_key("Łódź", true, true), "lodz");
        assert_eq!(fold_key("a\u{ad}b", true, true), "ab");
        assert_eq!(fold_key("a \u{301} b", true, true), "a b");
    }

    #[test]
    fn folded_view_maps_back_to_units() {
        let text = "x Zu\u{308}rich\u{fe0f}!";
        let f = fold(text, true);
        assert_eq!(f.as_str(), "x zurich!");
        let (s, e) = f.original_range(2, 8);
        assert_eq!(&text[s..e], "Zu\u{308}rich\u{fe0f}");
        let f = fold("\u{301}ab", true);
        assert_eq!(f.as_str(), "ab");
        assert_eq!(f.original_range(0, 2), (2, 4));
    }

    #[test]
    fn char_index_matches_naive() {
        let text = "ab🇺🇸ü".repeat(100);
        let idx = CharIndex::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(bi), ci);
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
        let offs: Vec<usize> = text.char_indices().map(|(i, _)| i).rev().collect();
        let got = to_char_offsets(&text, &offs);
        let want: Vec<usize> = (0..text.chars().count()).rev().collect();
        assert_eq!(got, want);
        // The cursor agrees in any order, forwards and backwards.
        let mut at = CharCursor::new(&text);
        for (&b, &c) in offs
            .iter()
            .zip(&want)
            .chain(offs.iter().rev().zip(want.iter().rev()))
        {
            assert_eq!(at.char_offset(b), c);
        }
    }
}
