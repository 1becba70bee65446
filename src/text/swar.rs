//! Eight bytes at a time: byte-class tests on a `u64` of text bytes ("SWAR"), for the
//! loops that run over every byte of a document (the ASCII fold, the matcher's word
//! runs). A byte loop there pays a branch per byte and mispredicts at each word end.

/// The high bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `x` in `lo..=hi` (`hi < 0x80`); bytes >= 0x80 never
/// count.
///
/// Per byte b <= 0x7f, b + (0x80 - lo) has its high bit set iff b >= lo, and never
/// carries into the next byte.
#[inline]
pub(crate) fn within(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & LOW7;
    let at_least = |lo: u8| low.wrapping_add(u64::from(0x80 - lo) * ONES);
    at_least(lo) & !at_least(hi + 1) & !x & HIGH
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
pub(crate) fn alphanumeric(x: u64) -> u64 {
    within(x, b'0', b'9') | within(x, b'A', b'Z') | within(x, b'a', b'z')
}

/// The high bit of each byte of `x` that is an ASCII lowercase letter or digit.
#[inline]
pub(crate) fn lowercase_or_digit(x: u64) -> u64 {
    within(x, b'0', b'9') | within(x, b'a', b'z')
}

/// The end of the run of ASCII letters and digits from byte `j`: eight bytes at a time
/// (a word is ~6 bytes, so one step usually finds its end; a byte loop mispredicted
/// its exit once a word), then byte by byte near the end of `bytes`.
#[inline]
pub(crate) fn alnum_end(bytes: &[u8], j: usize) -> usize {
    class_end(bytes, j, alphanumeric)
}

/// The end of the run of ASCII lowercase letters and digits from byte `j`, as
/// [`alnum_end`].
#[inline]
pub(crate) fn lowercase_or_digit_end(bytes: &[u8], j: usize) -> usize {
    class_end(bytes, j, lowercase_or_digit)
}

/// The end of the run from byte `j` of the bytes that `class` (a test above) marks.
#[inline]
fn class_end(bytes: &[u8], mut j: usize, class: impl Fn(u64) -> u64) -> usize {
    while let Some(x) = load(bytes, j) {
        let other = !class(x) & HIGH;
        if other != 0 {
            return j + (other.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    // one byte at a time: the other seven bytes are 0, which no class holds
    while j < bytes.len() && class(u64::from(bytes[j])) != 0 {
        j += 1;
    }
    j
}

/// The eight bytes at `i`, or `None` when fewer than eight remain.
#[inline]
pub(crate) fn load(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..i + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().ok()?))
}

/// Appends the fold of the ASCII bytes at the start of `bytes` (`table` gives each
/// byte's fold) up to the first byte >= 0x80, and returns how many it took.
///
/// Eight bytes at a time: a chunk of letters, digits, spaces and punctuation only
/// needs its capitals lowered (plus 0x20); a chunk with a byte the table changes
/// otherwise (control characters, the backtick) goes through the table. (Copying the
/// run first and folding it in place measured slower.)
pub(crate) fn fold_ascii(bytes: &[u8], table: &[u8; 256], out: &mut Vec<u8>) -> usize {
    let mut i = 0;
    while let Some(x) = load(bytes, i) {
        if x & HIGH != 0 {
            break;
        }
        if within(x, 0, b' ' - 1) | within(x, b'`', b'`') != 0 {
            out.extend(bytes[i..i + 8].iter().map(|&b| table[b as usize]));
        } else {
            out.extend_from_slice(&(x + (within(x, b'A', b'Z') >> 2)).to_le_bytes());
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 {
        out.push(table[bytes[i] as usize]);
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_matches_the_byte_test() {
        for b in 0..=255u8 {
            // the byte among seven '#', which no range here holds
            let x = (u64::from(b'#') * ONES) & !(0xff << 24) | u64::from(b) << 24;
            for (lo, hi) in [(b'0', b'9'), (b'A', b'Z'), (0, 31), (b'`', b'`')] {
                let expect = (lo..=hi).contains(&b);
                assert_eq!(within(x, lo, hi) != 0, expect, "{b:#x} in {lo}..={hi}");
            }
            assert_eq!(alphanumeric(x) != 0, b.is_ascii_alphanumeric(), "{b:#x}");
        }
    }

    /// The eight-byte run ends equal the byte loop's, for every byte value at every
    /// position of and after the first chunk.
    #[test]
    fn run_ends_equal_the_byte_loop() {
        for b in 0..=255u8 {
            for pos in 1..16 {
                let mut fb = b"abcdefgh0123XYZq".to_vec();
                fb[pos] = b;
                let slow = (1..fb.len())
                    .find(|&j| !fb[j].is_ascii_alphanumeric())
                    .unwrap_or(fb.len());
                assert_eq!(alnum_end(&fb, 1), slow, "byte {b:#x} at {pos}");
                let mut fb = b"abcdefgh0123xyzq".to_vec();
                fb[pos] = b;
                let slow = (1..fb.len())
                    .find(|&j| !(fb[j].is_ascii_lowercase() || fb[j].is_ascii_digit()))
                    .unwrap_or(fb.len());
                assert_eq!(lowercase_or_digit_end(&fb, 1), slow, "byte {b:#x} at {pos}");
            }
        }
        assert_eq!(alnum_end(b"ab", 2), 2);
        assert_eq!(lowercase_or_digit_end(b"abC", 0), 2);
    }

    #[test]
    fn fold_ascii_equals_the_table() {
        let mut table = [0u8; 256];
        for (i, t) in table.iter_mut().enumerate() {
            *t = (i as u8).to_ascii_lowercase();
        }
        table[b'\n' as usize] = b' ';
        table[b'`' as usize] = b'\'';
        let text = b"Hello World, THE `Quick`\nBrown fox: 42 Z@[ az{}~\x7f\x01\xc3\xa9 x";
        for start in 0..text.len() {
            let mut out = Vec::new();
            let n = fold_ascii(&text[start..], &table, &mut out);
            let run = text[start..].iter().take_while(|&&b| b < 0x80).count();
            assert_eq!(n, run, "from {start}");
            let expect: Vec<u8> = text[start..start + run]
                .iter()
                .map(|&b| table[b as usize])
                .collect();
            assert_eq!(out, expect, "from {start}");
        }
    }
}
