//! Single quote marks as quote marks: British and headline style (`‘We will appeal,’
//! he said.`, `Otten: ‘I will not resign’`).
//!
//! A paragraph that has a double mark keeps double marks as its quote marks: single
//! marks there are nested speech (`“He said, ‘Get out,’” Lind recalled.`) or
//! apostrophes. In a paragraph with no double mark, a single mark that can only be a
//! quote mark becomes one (its token's kind turns to [`Tok::Double`], so the scanner
//! and every rule read it as a quote mark):
//!
//! - an opener is `‘` or `'` after the paragraph start, a space, a bracket, a dash or
//!   a colon, before a letter or digit, and not an apostrophe of an elision (`'n'`,
//!   `'em`, `'til`: the grammar class `elisions`) or a decade or year (`'90s`, `'08`);
//! - its closer is the next `’` or `'` in the paragraph after a non-space and before
//!   a space, punctuation or the paragraph end, and not a plural possessive (`the
//!   players’ union`: after an `s` and before a lowercase word);
//! - an opener with no closer becomes a quote mark only when it opens the paragraph
//!   (a quote that runs on into the next paragraph).
//!
//! Apostrophes inside words (`O’Rourke`, `people’s`) are part of the word token and are
//! never marks. One pass over each paragraph: linear in the text.

use super::tokens::{Tok, Token};
use crate::lexicon::grammar;

/// Turns the single marks that delimit quotes in paragraphs without double marks into
/// quote-mark tokens (see the module docs).
pub(crate) fn promote_single_quotes(text: &str, toks: &mut [Token]) {
    let mut lo = 0;
    while lo < toks.len() {
        let para = toks[lo].para();
        let hi = lo + toks[lo..].iter().take_while(|t| t.para() == para).count();
        if !toks[lo..hi].iter().any(|t| t.kind == Tok::Double) {
            promote_in_paragraph(text, toks, lo, hi);
        }
        lo = hi;
    }
}

/// Pairs openers with the next closer in tokens [lo, hi) of one paragraph.
fn promote_in_paragraph(text: &str, toks: &mut [Token], lo: usize, hi: usize) {
    let mut k = lo;
    while k < hi {
        if !(toks[k].kind == Tok::Single && is_single_opener(text, toks, k, lo)) {
            k += 1;
            continue;
        }
        match (k + 1..hi).find(|&j| toks[j].kind == Tok::Single && is_single_closer(text, toks, j))
        {
            Some(close) => {
                toks[k].kind = Tok::Double;
                toks[close].kind = Tok::Double;
                k = close + 1;
            }
            None => {
                if k == lo {
                    toks[k].kind = Tok::Double;
                }
                return;
            }
        }
    }
}

fn is_single_opener(text: &str, toks: &[Token], k: usize, para_start: usize) -> bool {
    let t = toks[k];
    if !matches!(t.text(text), "‘" | "'") {
        return false;
    }
    let before = text[..t.start()].chars().next_back();
    let opens_after =
        k == para_start || before.map_or(true, |c| c.is_whitespace() || "([{—–-/:".contains(c));
    let Some(next) = toks
        .get(k + 1)
        .filter(|n| n.start() == t.end() && n.kind == Tok::Word)
    else {
        return false;
    };
    let word = next.text(text);
    let lower = word.to_lowercase();
    opens_after && !grammar().elisions.contains(&lower.as_str()) && !is_decade_or_year(word)
}

/// `90s`, `08`, `60’s`: what follows a leading apostrophe in a decade or year.
fn is_decade_or_year(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits == 2 && matches!(&word[2..], "" | "s")
}

fn is_single_closer(text: &str, toks: &[Token], j: usize) -> bool {
    let t = toks[j];
    if !matches!(t.text(text), "’" | "'") {
        return false;
    }
    let before = text[..t.start()].chars().next_back();
    let after = text[t.end()..].chars().next();
    if before.map_or(true, char::is_whitespace) || after.is_some_and(char::is_alphanumeric) {
        return false;
    }
    // "the players’ union": a plural possessive, not the end of a quote
    let plural_possessive = before.is_some_and(|c| c == 's')
        && text[t.end()..]
            .strip_prefix(' ')
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_lowercase);
    !plural_possessive
}

#[cfg(test)]
mod tests {
    use crate::attribution::marks::quoted_spans as spans;

    #[test]
    fn single_marks_quote_where_no_double_mark_does() {
        assert_eq!(
            spans("‘We will appeal,’ he said."),
            vec!["‘We will appeal,’"]
        );
        assert_eq!(
            spans("'We will appeal,' he said."),
            vec!["'We will appeal,'"]
        );
        assert_eq!(
            spans("The minister said: ‘We will appeal.’"),
            vec!["‘We will appeal.’"]
        );
        assert_eq!(
            spans("Otten: ‘I will not resign’"),
            vec!["‘I will not resign’"]
        );
        assert_eq!(
            spans("‘The players’ union will appeal,’ she said."),
            vec!["‘The players’ union will appeal,’"]
        );
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        for text in [
            "The ’90s and '08 were years of rock 'n' roll and ’em.",
            "O’Rourke’s plan and the people’s choice, the players’ union.",
            "Bring 'em home, he said of the troops 'til the end.",
        ] {
            assert!(spans(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn double_marks_keep_single_marks_nested() {
        assert_eq!(
            spans("“He said, ‘Get out,’” Lind recalled."),
            vec!["“He said, ‘Get out,’”"]
        );
        assert_eq!(spans("“Yes,” she said of ‘the plan’."), vec!["“Yes,”"]);
    }

    #[test]
    fn an_opener_without_closer_runs_on_only_from_the_paragraph_start() {
        let text = "‘First paragraph.\n\n‘And the second,’ Tanaka said.";
        assert_eq!(spans(text), vec!["‘First paragraph.", "‘And the second,’"]);
        assert!(spans("He called it ‘odd and left").is_empty());
    }
}
