//! Byte <-> code-point offsets: the core works in UTF-8 bytes, Python in code points.

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
