//! A small, allocation-light word tokenizer shared by linking and quote attribution.
//!
//! One linear pass over the text. Words keep internal apostrophes, hyphens and
//! abbreviation periods ("O’Neill", "U.S.", "Mr."); a possessive "’s" is split off;
//! a word glued to the next one by scraping damage ("PritzkerPenny") is split, and the
//! split is marked as a hard boundary. Paragraphs are the non-blank lines of the text.

use crate::text::swar;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A word (letters, digits and internal ’ - .).
    Word,
    /// A double quote mark: “ ” „ « » " or '', or a single mark that delimits a
    /// quote in a paragraph without double marks (see `single.rs`).
    Double,
    /// A single quote mark not inside a word: ‘ ’ '.
    Single,
    /// Any other non-space character (punctuation, dashes, symbols).
    Punct,
}

/// One token: a byte span, its kind, its paragraph and five flags, in 16 bytes.
///
/// Offsets are `u32` because a document holds one token per ~5 bytes and the token
/// array was the largest allocation of a call (32 bytes a token with `usize` offsets
/// and bool fields: 6.4 bytes of memory per byte of news text). Texts of 4 GiB or more
/// are refused before tokenizing (`MAX_TEXT_BYTES`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    lo: u32,
    hi: u32,
    par: u32,
    pub kind: Tok,
    flags: u8,
}

/// The longest text the tokenizer takes: offsets are `u32`.
pub(crate) const MAX_TEXT_BYTES: usize = u32::MAX as usize;

const CAP: u8 = 1;
const SENT_START: u8 = 2;
const GLUED: u8 = 4;
const TERM: u8 = 8;
const SURNAME: u8 = 16;

impl Token {
    fn new(start: usize, end: usize, kind: Tok, para: u32, flags: u8) -> Token {
        // `tokenize` is only called on texts shorter than MAX_TEXT_BYTES.
        debug_assert!(end <= MAX_TEXT_BYTES);
        Token {
            lo: start as u32,
            hi: end as u32,
            par: para,
            kind,
            flags,
        }
    }

    /// The first byte.
    #[inline]
    pub fn start(&self) -> usize {
        self.lo as usize
    }

    /// The byte after the last.
    #[inline]
    pub fn end(&self) -> usize {
        self.hi as usize
    }

    /// Paragraph index (non-blank lines counted from 0).
    #[inline]
    pub fn para(&self) -> u32 {
        self.par
    }

    /// Starts with an uppercase letter.
    #[inline]
    pub fn cap(&self) -> bool {
        self.flags & CAP != 0
    }

    /// First word of a sentence (paragraph start or after . ! ?).
    #[inline]
    pub fn sent_start(&self) -> bool {
        self.flags & SENT_START != 0
    }

    /// Glued to the previous word with no space (camel-case split): a hard boundary.
    #[inline]
    pub fn glued(&self) -> bool {
        self.flags & GLUED != 0
    }

    /// A sentence terminator (. ! ? ;) not followed by a lowercase word, `,` or `)`.
    #[inline]
    pub fn term(&self) -> bool {
        self.flags & TERM != 0
    }

    /// A function or calendar word this text uses as a surname ("May" of "Theresa
    /// May"), set by `surnames::mark_surnames`.
    #[inline]
    pub fn surname(&self) -> bool {
        self.flags & SURNAME != 0
    }

    /// Marks the token as a surname (see [`Token::surname`]).
    pub(crate) fn set_surname(&mut self) {
        self.set(SURNAME, true);
    }

    fn set(&mut self, flag: u8, on: bool) {
        if on {
            self.flags |= flag;
        } else {
            self.flags &= !flag;
        }
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start()..self.end()]
    }
}

fn is_abbrev(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
        return true; // initials: "J." "B."
    }
    if w.contains('.') {
        return true; // "U.S", "a.m", "B.G"
    }
    crate::lexicon::grammar()
        .abbreviations
        .iter()
        .any(|a| a.eq_ignore_ascii_case(w))
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The character at byte `i` (an ASCII byte without decoding), `None` at the end.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..)?.chars().next()
    }
}

/// The end of the word whose first character `c` is at byte `i`: internal apostrophes,
/// hyphens and abbreviation periods stay inside, a possessive "’s" and a glued
/// "end.Next" split off, and a camel-case join ("PritzkerPenny") ends the word.
fn word_end(text: &str, i: usize, c: char) -> usize {
    let cap = c.is_uppercase();
    let mut end = i + c.len_utf8();
    let mut seg_letters = 1usize; // letters since the word (or last split) started
    let mut prev = c;
    // the next character to read: `end`, or just past an inner apostrophe, hyphen,
    // period or ampersand (always followed by a letter or digit, which is read next)
    let mut j = end;
    let bytes = text.as_bytes();
    while let Some(d) = char_at(text, j) {
        if d.is_ascii_lowercase() || d.is_ascii_digit() {
            // The run of ASCII lowercase letters and digits in one step: none of them
            // can start a camel-case join (the common case: the rest of a word). The
            // run stops at a capital, which the loop below reads, so every byte is
            // read once ("ABAB…" stays linear).
            let run = swar::lowercase_or_digit_end(bytes, j);
            seg_letters += run - j;
            prev = bytes[run - 1] as char;
            j = run;
            end = run;
            continue;
        }
        if d.is_alphanumeric() {
            if d.is_uppercase() && prev.is_lowercase() && cap && seg_letters >= 4 {
                break;
            }
            j += d.len_utf8();
            end = j;
            seg_letters += 1;
            prev = d;
            continue;
        }
        let after = j + d.len_utf8();
        let next_after = char_at(text, after);
        if is_apos(d) {
            // possessive 's split off; other apostrophes inside words kept
            match next_after {
                Some(n) if n.is_alphanumeric() => {
                    let after2 = char_at(text, after + n.len_utf8());
                    if (n == 's' || n == 'S') && !after2.is_some_and(char::is_alphanumeric) {
                        break;
                    }
                    j = after;
                    prev = d;
                    continue;
                }
                _ => break,
            }
        }
        if d == '-' || d == '.' || d == '&' {
            if next_after.is_some_and(char::is_alphanumeric) {
                if d == '.' && seg_letters > 3 && !text[i..end].contains('.') {
                    break; // "end.Next": a sentence period glued to the next word
                }
                j = after;
                prev = d;
                continue;
            }
            if d == '.' && is_abbrev(&text[i..end]) {
                end = j + 1;
            }
            break;
        }
        break;
    }
    end
}

/// Splits `text` into tokens (linear time).
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5 + 8);
    let bytes = text.as_bytes();
    let mut para: u32 = 0;
    let mut line_has_token = false;
    let mut sent_start = true;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c == '\n' {
            if line_has_token {
                para += 1;
            }
            line_has_token = false;
            sent_start = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        line_has_token = true;
        if c.is_alphanumeric() {
            // a word
            let cap = c.is_uppercase();
            let end = word_end(text, i, c);
            let flags = if cap { CAP } else { 0 } | if sent_start { SENT_START } else { 0 };
            out.push(Token::new(i, end, Tok::Word, para, flags));
            sent_start = false;
            i = end;
            continue;
        }
        // quote marks
        let kind;
        let mut end = i + c.len_utf8();
        match c {
            '“' | '”' | '„' | '«' | '»' | '"' => kind = Tok::Double,
            '\'' if bytes.get(i + 1) == Some(&b'\'') => {
                end = i + 2;
                kind = Tok::Double;
            }
            '‘' | '’' | '\'' => kind = Tok::Single,
            _ => kind = Tok::Punct,
        }
        let is_term = matches!(c, '.' | '!' | '?');
        out.push(Token::new(i, end, kind, para, 0));
        if is_term {
            sent_start = true;
        } else if kind == Tok::Double && sent_start {
            // a mark after a terminator: the sentence start moves past it only for openers
            let after = text[end..].chars().next();
            if !after.is_some_and(|a| !a.is_whitespace()) {
                sent_start = false;
            }
        }
        i = end;
    }
    // the glue flag marks the token after a split
    fix_glue(text, &mut out);
    super::single::promote_single_quotes(text, &mut out);
    out
}

/// Marks words that start right where the previous word ended (camel-case splits).
fn fix_glue(text: &str, out: &mut [Token]) {
    for k in 0..out.len() {
        let t = out[k];
        if t.kind == Tok::Punct && matches!(t.text(text), "." | "!" | "?" | ";") {
            let term = match out.get(k + 1) {
                None => true,
                Some(n) => match n.kind {
                    Tok::Word => {
                        n.cap() || !n.text(text).starts_with(char::is_lowercase) || n.par != t.par
                    }
                    Tok::Punct => !matches!(n.text(text), "," | ")" | ";" | ":"),
                    _ => true,
                },
            };
            out[k].set(TERM, term);
        }
    }
    for k in 1..out.len() {
        if out[k].kind == Tok::Word && out[k - 1].kind == Tok::Word && out[k - 1].hi == out[k].lo {
            out[k].set(GLUED, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn words_and_marks() {
        assert_eq!(
            words("Mr. O’Neill said “U.S. firms’ costs” rose."),
            vec![
                "Mr.",
                "O’Neill",
                "said",
                "“",
                "U.S.",
                "firms",
                "’",
                "costs",
                "”",
                "rose",
                "."
            ]
        );
        assert_eq!(
            words("Xi Jinping’s visit"),
            vec!["Xi", "Jinping", "’", "s", "visit"]
        );
        let t = "Penny PritzkerPenny Sue";
        let toks = tokenize(t);
        assert_eq!(words(t), vec!["Penny", "Pritzker", "Penny", "Sue"]);
        assert!(toks[2].glued() && !toks[1].glued());
        assert_eq!(
            words("''Yes,'' he said"),
            vec!["''", "Yes", ",", "''", "he", "said"]
        );
    }

    /// The run of lowercase letters read in one step ends where the character loop
    /// would: at a capital that starts a camel-case join, at a possessive, at a glued
    /// sentence end, and inside non-ASCII words.
    #[test]
    fn words_with_inner_capitals_and_joins() {
        assert_eq!(
            words("McDonald and MacArthur use iPhones"),
            vec!["McDonald", "and", "MacArthur", "use", "iPhones"]
        );
        assert_eq!(
            words("Zürich’s AT&T rock-and-roll ended.Next"),
            vec![
                "Zürich",
                "’",
                "s",
                "AT&T",
                "rock-and-roll",
                "ended",
                ".",
                "Next"
            ]
        );
        assert_eq!(
            words("a WarrenPritzkerSmith and abcdefghijklmnopQrs"),
            vec![
                "a",
                "Warren",
                "Pritzker",
                "Smith",
                "and",
                "abcdefghijklmnopQrs"
            ]
        );
    }

    #[test]
    fn paragraphs_and_sentences() {
        let t = "One. Two\n\nThree";
        let toks = tokenize(t);
        assert!(toks[0].sent_start() && toks[2].sent_start() && toks[3].sent_start());
        assert!(toks[1].term());
        assert_eq!(toks[3].para(), 1);
        assert_eq!(std::mem::size_of::<Token>(), 16);
    }
}
