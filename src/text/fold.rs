//! Folding to strings: one character ([`fold_char`]) and whole comparison keys
//! ([`fold_key`]). The folded view of a document with its offset map is in `view.rs`.

use super::canonical::{self, CanonicalOrder};
use super::is_space;

/// True for a character the matcher removes when folding diacritics: a combining mark
/// of the diacritic blocks (Latin/Greek/Cyrillic), a Hebrew point or an Arabic haraka.
/// Only assigned marks: an unassigned code point of those blocks (U+20FA) is kept, as
/// the gazetteer's alias checks, which know only assigned marks, expect (a fuzz
/// finding: an alias starting with U+20FA lost it when folded and matched without it).
fn is_diacritic_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5
        | 0x05C7 | 0x064B..=0x065F | 0x0670)
        && super::is_mark(c)
}

/// Default-ignorable characters dropped by folding.
fn is_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x180B..=0x180F | 0x200C..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFE00..=0xFE0F | 0xFEFF | 0xE0100..=0xE01EF)
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

/// Folds one non-space character: calls `emit` for every folded character.
///
/// `lower`: apply the case folding; `strip`: remove diacritics. Whitespace is the
/// caller's business (see [`fold`](super::fold)); apostrophes and dashes are
/// normalised, ignorables dropped, and the result is the full canonical decomposition
/// (Hangul syllables into jamo included). Marks of *consecutive* characters are put in
/// canonical order by [`fold_key`] and [`fold`](super::fold), not here.
///
/// ```
/// let mut out = String::new();
/// namedrop::text::fold_char('Ü', true, false, &mut |c| out.push(c));
/// assert_eq!(out, "u\u{308}");
/// out.clear();
/// namedrop::text::fold_char('’', true, true, &mut |c| out.push(c));
/// assert_eq!(out, "'");
/// out.clear();
/// namedrop::text::fold_char('한', true, true, &mut |c| out.push(c));
/// assert_eq!(out, "\u{1112}\u{1161}\u{11ab}");
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
    if canonical::is_hangul_syllable(c) {
        // Caseless and never an apostrophe, dash or ignorable: straight to the jamo.
        canonical::decompose(c, emit);
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
    let mut finish = |d: char| {
        canonical::decompose(d, &mut |p| {
            if !(strip && is_diacritic_mark(p)) {
                emit(if strip { unstroke(p) } else { p });
            }
        })
    };
    if lower {
        lower_into(c, &mut finish);
    } else {
        finish(c);
    }
}

/// Folds a whole string into a comparison key: [`fold_char`] on every character, the
/// combining marks put in canonical order (so the key is NFD), every whitespace run
/// becomes one space, leading and trailing whitespace is removed.
///
/// ```
/// use namedrop::text::fold_key;
/// assert_eq!(fold_key(" New\u{a0}\u{a0}York\n", true, true), "new york");
/// assert_eq!(fold_key("Zürich", false, true), "Zurich");
/// assert_eq!(fold_key("Zürich", true, false), "zu\u{308}rich");
/// // ê + dot below and ệ are canonically equal: one key
/// assert_eq!(fold_key("Vi\u{ea}\u{323}t", true, false), fold_key("Việt", true, false));
/// ```
pub fn fold_key(s: &str, lower: bool, strip: bool) -> String {
    let mut out = String::with_capacity(s.len());
    fold_key_into(s, lower, strip, &mut out);
    out
}

/// Like [`fold_key`], appending to `out` (which is not cleared).
///
/// ```
/// let mut key = String::from("x ");
/// namedrop::text::fold_key_into("서울", true, true, &mut key);
/// assert_eq!(key, "x \u{1109}\u{1165}\u{110b}\u{116e}\u{11af}");
/// ```
pub fn fold_key_into(s: &str, lower: bool, strip: bool, out: &mut String) {
    let base = out.len();
    let mut pending_space = false;
    let mut order = CanonicalOrder::default();
    for c in s.chars() {
        if is_space(c) {
            pending_space = out.len() > base;
            continue;
        }
        let before = out.len();
        if pending_space {
            order.before(out, ' ');
            out.push(' ');
        }
        let mark = out.len();
        fold_char(c, lower, strip, &mut |d| {
            order.before(out, d);
            out.push(d);
        });
        if out.len() == mark {
            // Nothing emitted (an ignorable or a stripped mark): keep the space pending.
            out.truncate(before);
        } else {
            pending_space = false;
        }
    }
    order.finish(out);
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
    fn keys_are_in_canonical_order() {
        // marks of two characters, in either order, and across a dropped ignorable
        let want = "vie\u{323}\u{302}t";
        for spelling in [
            "Việt",
            "Vi\u{ea}\u{323}t",
            "Vie\u{302}\u{323}t",
            "Vie\u{302}\u{200d}\u{323}t",
        ] {
            assert_eq!(fold_key(spelling, true, false), want, "{spelling:?}");
        }
        // a space ends a run: nothing moves across it
        assert_eq!(
            fold_key("e\u{302} \u{323}", true, false),
            "e\u{302} \u{323}"
        );
        assert_eq!(
            fold_key("\u{915}\u{94d}\u{93c}", true, true),
            "\u{915}\u{93c}\u{94d}"
        );
        assert_eq!(
            fold_key("서울", false, false),
            fold_key("\u{1109}\u{1165}\u{110b}\u{116e}\u{11af}", false, false)
        );
    }
}
