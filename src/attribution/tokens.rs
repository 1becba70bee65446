//! A small, allocation-light word tokenizer shared by linking and quote attribution.
//!
//! One linear pass over the text. Words keep internal apostrophes, hyphens and
//! abbreviation periods ("O’Neill", "U.S.", "Mr."); a possessive "’s" is split off;
//! a word glued to the next one by scraping damage ("PritzkerPenny") is split, and the
//! split is marked as a hard boundary. Paragraphs are the non-blank lines of the text.

use std::iter::Peekable;
use std::str::CharIndices;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A word (letters, digits and internal ’ - .).
    Word,
    /// A double quote mark: “ ” „ « » " or ''.
    Double,
    /// A single quote mark not inside a word: ‘ ’ '.
    Single,
    /// Any other non-space character (punctuation, dashes, symbols).
    Punct,
}

/// One token: a byte span, its kind and a few flags.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Tok,
    /// Paragraph index (non-blank lines counted from 0).
    pub para: u32,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// First word of a sentence (paragraph start or after . ! ?).
    pub sent_start: bool,
    /// Glued to the previous word with no space (camel-case split): a hard boundary.
    pub glued: bool,
    /// A sentence terminator (. ! ? ;) not followed by a lowercase word, `,` or `)`.
    pub term: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "gen", "st", "jr", "sr", "inc", "corp",
    "co", "prof", "rev", "adm", "col", "capt", "sgt", "cmdr", "maj", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "no", "ltd", "mt", "ft", "dept",
    "gens", "reps", "sens", "messrs", "esq", "pres", "supt", "atty", "u.s", "d.c",
];

fn is_abbrev(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
        return true; // initials: "J." "B."
    }
    if w.contains('.') {
        return true; // "U.S", "a.m", "B.G"
    }
    ABBREV.iter().any(|a| a.eq_ignore_ascii_case(w))
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The end of the word whose first character `c` is at byte `i` (`it` is right after
/// `c`; it is advanced past the word): internal apostrophes, hyphens and abbreviation
/// periods stay inside, a possessive "’s" and a glued "end.Next" split off, and a
/// camel-case join ("PritzkerPenny") ends the word.
fn word_end(text: &str, it: &mut Peekable<CharIndices<'_>>, i: usize, c: char) -> usize {
    let cap = c.is_uppercase();
    let mut end = i + c.len_utf8();
    let mut seg_letters = 1usize; // letters since the word (or last split) started
    let mut prev = c;
    while let Some(&(j, d)) = it.peek() {
        if d.is_alphanumeric() {
            if d.is_uppercase() && prev.is_lowercase() && cap && seg_letters >= 4 {
                break;
            }
            it.next();
            end = j + d.len_utf8();
            seg_letters += 1;
            prev = d;
            continue;
        }
        let next_after = text[j + d.len_utf8()..].chars().next();
        if is_apos(d) {
            // possessive 's split off; other apostrophes inside words kept
            match next_after {
                Some(n) if n.is_alphanumeric() => {
                    let after2 = text[j + d.len_utf8() + n.len_utf8()..].chars().next();
                    if (n == 's' || n == 'S') && !after2.is_some_and(char::is_alphanumeric) {
                        break;
                    }
                    it.next();
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
                it.next();
                prev = d;
                continue;
            }
            if d == '.' && is_abbrev(&text[i..end]) {
                it.next();
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
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\n' {
            if line_has_token {
                para += 1;
            }
            line_has_token = false;
            sent_start = true;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        line_has_token = true;
        if c.is_alphanumeric() {
            // a word
            let cap = c.is_uppercase();
            let end = word_end(text, &mut it, i, c);
            out.push(Token {
                start: i,
                end,
                kind: Tok::Word,
                para,
                cap,
                sent_start,
                glued: false,
                term: false,
            });
            sent_start = false;
            continue;
        }
        // quote marks
        let kind;
        let mut end = i + c.len_utf8();
        match c {
            '“' | '”' | '„' | '«' | '»' | '"' => kind = Tok::Double,
            '\'' if bytes.get(i + 1) == Some(&b'\'') => {
                it.next();
                end = i + 2;
                kind = Tok::Double;
            }
            '‘' | '’' | '\'' => kind = Tok::Single,
            _ => kind = Tok::Punct,
        }
        let is_term = matches!(c, '.' | '!' | '?');
        out.push(Token {
            start: i,
            end,
            kind,
            para,
            cap: false,
            sent_start: false,
            glued: false,
            term: false,
        });
        if is_term {
            sent_start = true;
        } else if kind == Tok::Double && sent_start {
            // a mark after a terminator: the sentence start moves past it only for openers
            let after = text[end..].chars().next();
            if !after.is_some_and(|a| !a.is_whitespace()) {
                sent_start = false;
            }
        }
    }
    // the glue flag marks the token after a split
    fix_glue(text, &mut out);
    out
}

/// Marks words that start right where the previous word ended (camel-case splits).
fn fix_glue(text: &str, out: &mut [Token]) {
    for k in 0..out.len() {
        let t = out[k];
        if t.kind == Tok::Punct && matches!(&text[t.start..t.end], "." | "!" | "?" | ";") {
            out[k].term = match out.get(k + 1) {
                None => true,
                Some(n) => match n.kind {
                    Tok::Word => {
                        n.cap || !n.text(text).starts_with(char::is_lowercase) || n.para != t.para
                    }
                    Tok::Punct => !matches!(&text[n.start..n.end], "," | ")" | ";" | ":"),
                    _ => true,
                },
            };
        }
    }
    for k in 1..out.len() {
        if out[k].kind == Tok::Word
            && out[k - 1].kind == Tok::Word
            && out[k - 1].end == out[k].start
        {
            out[k].glued = true;
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
        assert!(toks[2].glued && !toks[1].glued);
        assert_eq!(
            words("''Yes,'' he said"),
            vec!["''", "Yes", ",", "''", "he", "said"]
        );
    }

    #[test]
    fn paragraphs_and_sentences() {
        let t = "One. Two\n\nThree";
        let toks = tokenize(t);
        assert!(toks[0].sent_start && toks[2].sent_start && toks[3].sent_start);
        assert!(toks[1].term);
        assert_eq!(toks[3].para, 1);
    }
}
