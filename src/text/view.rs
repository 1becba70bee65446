//! The folded view of a document: the folded text plus a map from every folded byte
//! back to the original byte offset it came from.

use super::canonical::{CanonicalOrder, Utf8Buf};
use super::{fold_char, is_space};

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
    Small(Segments<u32>),
    Large(Segments<usize>),
}

/// One piece of the folded → original map, from folded byte `f` to the next piece.
#[derive(Debug, Clone, Copy)]
struct Segment<T> {
    f: T,
    o: T,
    /// Folded byte `f + k` comes from original byte `o + k` (a run of ASCII); otherwise
    /// every byte of the piece comes from the character at `o`.
    slope: bool,
}

/// The folded → original map as pieces: a run of ASCII is one piece and a non-ASCII
/// character one more, so news text with curly quotes needs a few bytes per quote
/// mark, not four bytes per byte of text (a 100 MB document would need 400 MB).
/// Lookups are binary searches.
#[derive(Debug, Clone)]
struct Segments<T> {
    pieces: Vec<Segment<T>>,
    /// Folded length: the map is defined on `0..=len`, `len` maps to the original length.
    len: usize,
}

impl<T: Off> Segments<T> {
    fn new() -> Self {
        Segments {
            pieces: Vec::new(),
            len: 0,
        }
    }

    /// Folded bytes `len..len + n` come from original bytes `o..o + n`.
    fn push_run(&mut self, o: usize, n: usize) {
        let extends = self
            .pieces
            .last()
            .is_some_and(|p| p.slope && p.o.get() + (self.len - p.f.get()) == o);
        if !extends {
            self.push(o, true);
        }
        self.len += n;
    }

    /// Folded bytes `len..len + n` all come from the character at original byte `o`.
    fn push_char(&mut self, o: usize, n: usize) {
        let extends = self
            .pieces
            .last()
            .is_some_and(|p| !p.slope && p.o.get() == o);
        if !extends && n > 0 {
            self.push(o, false);
        }
        self.len += n;
    }

    fn push(&mut self, o: usize, slope: bool) {
        self.pieces.push(Segment {
            f: T::from_usize(self.len),
            o: T::from_usize(o),
            slope,
        });
    }

    /// Folded bytes `from..len` (the tail) now all map to where byte `from` came from.
    fn merge_tail(&mut self, from: usize) {
        let v = self.value(from);
        let i = self.piece(from);
        let keep = if self.pieces[i].f.get() == from {
            i
        } else {
            i + 1
        };
        self.pieces.truncate(keep);
        self.pieces.push(Segment {
            f: T::from_usize(from),
            o: T::from_usize(v),
            slope: false,
        });
    }

    /// Index of the piece that holds folded byte `fs`.
    fn piece(&self, fs: usize) -> usize {
        self.pieces
            .partition_point(|p| p.f.get() <= fs)
            .saturating_sub(1)
    }

    fn value_in(&self, i: usize, fs: usize) -> usize {
        let p = self.pieces[i];
        if p.slope {
            p.o.get() + (fs - p.f.get())
        } else {
            p.o.get()
        }
    }

    fn value(&self, fs: usize) -> usize {
        self.value_in(self.piece(fs), fs)
    }

    /// Original start of the unit holding folded byte `fs` (`len` for the end).
    fn start(&self, fs: usize, original_len: usize) -> usize {
        if fs >= self.len || self.pieces.is_empty() {
            return original_len;
        }
        self.value(fs)
    }

    /// Original offset where the unit holding folded byte `fe - 1` ends: the start of
    /// the next unit with another origin.
    fn end(&self, fe: usize, original_len: usize) -> usize {
        if self.pieces.is_empty() || fe >= self.len {
            return original_len;
        }
        if fe == 0 {
            return self.value(0);
        }
        let i = self.piece(fe - 1);
        let prev = self.value_in(i, fe - 1);
        if self.pieces[i].slope {
            // the next byte of the run, or the next piece (whose origin differs)
            return match self.pieces.get(i + 1) {
                Some(next) if next.f.get() <= fe => next.o.get(),
                _ => prev + 1,
            };
        }
        self.pieces[i + 1..]
            .iter()
            .map(|p| p.o.get())
            .find(|&o| o != prev)
            .unwrap_or(original_len)
    }
}

/// A folded view of a text with a map from folded bytes back to the original.
///
/// Made by [`fold`]. Unlike [`fold_key`](super::fold_key), every whitespace character
/// becomes one space (runs are not collapsed, so ASCII text keeps its offsets and needs
/// no map); the matcher treats a run of spaces as one space.
///
/// The text is NFD: a run of combining marks is in canonical order even when the
/// original had them in another order, and then the whole run maps back to the
/// original span of all its marks (no offset falls inside it).
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
///
/// // ê + dot below: the dot below (class 220) goes before the circumflex (230)
/// let text = "Vi\u{ea}\u{323}t";
/// let f = namedrop::text::fold(text, false);
/// assert_eq!(f.as_str(), "vie\u{323}\u{302}t");
/// let (s, e) = f.original_range(0, f.as_str().len() - 1);
/// assert_eq!(&text[s..e], "Vi\u{ea}\u{323}");
/// ```
pub fn fold(text: &str, strip_diacritics: bool) -> Folded {
    if text.is_ascii() {
        let mut bytes = Vec::with_capacity(text.len());
        super::swar::fold_ascii(text.as_bytes(), &ASCII_FOLD, &mut bytes);
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

fn fold_mapped<T: Off>(text: &str, strip: bool) -> (String, Segments<T>) {
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 8);
    let mut map: Segments<T> = Segments::new();
    let mut order = CanonicalOrder::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII bytes, in bulk (ASCII characters are starters: any run of
        // marks before them is complete).
        if bytes[i] < 0x80 {
            if let Some(r) = order.finish(&mut out) {
                map.merge_tail(r.start);
            }
            let run = super::swar::fold_ascii(&bytes[i..], &ASCII_FOLD, &mut out);
            map.push_run(i, run);
            i += run;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let at = i;
        let mut put = |d: char| {
            if let Some(r) = order.before(&mut out, d) {
                map.merge_tail(r.start);
            }
            let before = out.len();
            out.put(d);
            map.push_char(at, out.len() - before);
        };
        if is_space(c) {
            put(' ');
        } else {
            fold_char(c, true, strip, &mut put);
        }
        i += c.len_utf8();
    }
    if let Some(r) = order.finish(&mut out) {
        // A run of marks put in canonical order mixes the marks of several original
        // characters: all of it maps to where its first character starts, so it maps
        // back to the span of the whole run.
        map.merge_tail(r.start);
    }
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
            OffsetMap::Small(m) => m.start(fs, self.original_len),
            OffsetMap::Large(m) => m.start(fs, self.original_len),
        }
    }

    /// Original byte offset where the unit holding folded byte `fe - 1` ends (the start
    /// of the next unit, so dropped marks and ignorables after it are included).
    #[inline]
    pub fn original_end(&self, fe: usize) -> usize {
        match &self.map {
            OffsetMap::Identity => fe,
            OffsetMap::Small(m) => m.end(fe, self.original_len),
            OffsetMap::Large(m) => m.end(fe, self.original_len),
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_reordered_run_maps_to_all_its_marks() {
        // folded: x, space, k, nukta, virama, a, space; the run comes from two chars
        let text = "x \u{915}\u{94d}\u{93c}a ";
        let f = fold(text, true);
        assert_eq!(f.as_str(), "x \u{915}\u{93c}\u{94d}a ");
        let run = 2 + 3..2 + 9; // the two marks in the folded text
        assert_eq!(f.original_start(run.start), 5);
        assert_eq!(f.original_start(run.start + 3), 5);
        assert_eq!(f.original_end(run.end), 11);
        assert_eq!(f.original_end(run.start + 3), 11); // never inside the run
        let (s, e) = f.original_range(2, run.end);
        assert_eq!(&text[s..e], "\u{915}\u{94d}\u{93c}");
    }

    #[test]
    fn hangul_jamo_map_to_their_syllable() {
        let text = "서울 시";
        let f = fold(text, true);
        assert_eq!(f.as_str().chars().count(), 5 + 1 + 2);
        assert_eq!(f.original_range(0, 15), (0, 6)); // the five jamo of 서울
        assert_eq!(f.original_end(6), 3); // after the two jamo of 서
        assert_eq!(f.original_end(3), 3); // inside 서: to its end
        assert_eq!(f.original_start(16), 7); // 시
    }
}
