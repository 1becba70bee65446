//! Character classes: combining marks, CJK, whitespace, and the word-boundary classes
//! the matcher tests folded characters with.

use super::tables;

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
    super::range_containing(tables::MARKS, cp, |&r| r).is_some()
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
