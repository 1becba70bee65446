//! The quote-mark scanner: pairs double quote marks per paragraph in one pass.
//!
//! Only double marks (“ ” „ « » " and the wire-copy '') delimit quotes, and the
//! single marks (‘ ’ ') that the tokenizer turned into quote marks in paragraphs
//! without double marks (British and headline style, `single.rs`); other single marks
//! are ignored here, so apostrophes and primes ("people’s", "the ’90s", "O’Neill",
//! "5′9″") never open or close a quote, and single-quoted speech inside a double quote
//! stays inside it. A straight mark is an opener when it follows
//! a space, the paragraph start or an opening bracket/dash and is followed by a
//! non-space; otherwise it closes. Nesting uses a stack: only outermost spans are
//! reported. A quote still open at the end of its paragraph ends there; when the next
//! paragraph opens with a mark, the quote continues there (`continues = true`).
//!
//! Every mark is pushed and popped at most once: the scan is linear in the input.

use super::tokens::{Tok, Token};

/// One outermost quoted span, as token indices and byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark (`None` when the quote runs to the paragraph end).
    pub close: Option<usize>,
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset past the closing mark, or the end of the paragraph's last token.
    pub end: usize,
    /// Paragraph index.
    pub para: u32,
    /// The previous paragraph ended inside a quote and this one opens with a mark.
    pub continues: bool,
}

/// Is the double mark token `k` an opening mark?
pub(crate) fn is_opener(text: &str, toks: &[Token], k: usize) -> bool {
    let t = toks[k];
    let s = &text[t.start()..t.end()];
    if s == "“" || s == "„" || s == "«" {
        return true;
    }
    if s == "»" {
        return false;
    }
    // straight marks and ” (as the evaluation's gold regions do): by context
    let before = text[..t.start()].chars().next_back();
    let after = text[t.end()..].chars().next();
    let before_ok = match before {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/".contains(c),
    };
    before_ok && after.is_some_and(|c| !c.is_whitespace())
}

/// Pairs the double marks of `toks` (see the module docs).
pub(crate) fn scan(text: &str, toks: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut para = u32::MAX;
    let mut last_in_para = 0usize; // token index of the last token of the current paragraph
    let mut prev_unclosed = false;
    let mut para_first = true;
    let mut cont_tok: Option<usize> = None;
    for (k, t) in toks.iter().enumerate() {
        if t.para() != para {
            // flush the previous paragraph
            prev_unclosed = false;
            if let Some(&first) = stack.first() {
                out.push(unclosed(toks, first, last_in_para, para, cont_tok));
                prev_unclosed = true;
                stack.clear();
            }
            para = t.para();
            para_first = true;
        }
        last_in_para = k;
        let first_tok = para_first;
        para_first = false;
        if t.kind != Tok::Double {
            continue;
        }
        // „…“ pairs, and a closing mark typed as “ after a word (`not,“ he said`,
        // `“Frozen“ and`): “ closes an open quote when glued to the text before it and
        // followed by a space, punctuation or the end
        let mark = &text[t.start()..t.end()];
        let low_high = mark == "“"
            && stack.last().is_some_and(|&o| {
                &text[toks[o].start()..toks[o].end()] == "„" || {
                    let before = text[..t.start()].chars().next_back();
                    let after = text[t.end()..].chars().next();
                    before.is_some_and(|c| !c.is_whitespace() && !"([{—–-/".contains(c))
                        && after.map_or(true, |c| c.is_whitespace() || ",.;:!?)".contains(c))
                }
            });
        if !low_high && is_opener(text, toks, k) {
            if first_tok && prev_unclosed {
                cont_tok = Some(k);
            }
            stack.push(k);
        } else if let Some(open) = stack.pop() {
            if stack.is_empty() {
                out.push(Span {
                    open,
                    close: Some(k),
                    start: toks[open].start(),
                    end: t.end(),
                    para,
                    continues: cont_tok == Some(open),
                });
            }
        }
    }
    if let Some(&first) = stack.first() {
        out.push(unclosed(toks, first, last_in_para, para, cont_tok));
    }
    out
}

/// A quote still open at the end of its paragraph: it ends with the paragraph's last
/// token (`continues` when it opened the paragraph after another unclosed quote).
fn unclosed(toks: &[Token], first: usize, last: usize, para: u32, cont: Option<usize>) -> Span {
    Span {
        open: first,
        close: None,
        start: toks[first].start(),
        end: toks[last].end(),
        para,
        continues: cont == Some(first),
    }
}

/// The quoted spans of `text`, as text (for the tests of this stage).
#[cfg(test)]
pub(crate) fn quoted_spans(text: &str) -> Vec<&str> {
    let toks = super::tokens::tokenize(text);
    scan(text, &toks)
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::quoted_spans as spans;
    use super::*;
    use crate::attribution::tokens::tokenize;

    #[test]
    fn marks_table_matches_the_scanner() {
        // every double mark of data/lexicon/marks.tsv delimits a quote; single marks never do
        for line in crate::lexicon::MARKS
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let (mark, class) = (cols[0], cols[2]);
            let close = match mark {
                "„" => "“",
                "«" => "»",
                "“" => "”",
                "‘" => "’",
                m => m,
            };
            if cols[1] == "close" {
                continue;
            }
            // beside a double-quoted span, single marks are nested or apostrophes
            // (single marks delimit only where a paragraph has no double mark: single.rs)
            let text = format!("“a” x {mark}yes{close} y");
            let got = spans(&text);
            if class == "double" {
                assert_eq!(
                    got,
                    vec!["“a”".to_string(), format!("{mark}yes{close}")],
                    "{mark}"
                );
            } else {
                assert_eq!(got, vec!["“a”"], "{mark}");
            }
        }
    }

    #[test]
    fn nesting_apostrophes_and_paragraphs() {
        assert_eq!(
            spans("“He said, ‘Get out,’” Lind recalled."),
            vec!["“He said, ‘Get out,’”"]
        );
        assert_eq!(spans("the ’90s, O’Neill’s 5′9″ “ok”"), vec!["“ok”"]);
        assert_eq!(spans("“a “b” c” d"), vec!["“a “b” c”"]);
        let text = "“One.\n\n“Two.”\nThree “four";
        let toks = tokenize(text);
        let s = scan(text, &toks);
        assert_eq!(s.len(), 3);
        assert!(!s[0].continues && s[1].continues && !s[2].continues);
        assert_eq!(&text[s[2].start..s[2].end], "“four");
    }
}
