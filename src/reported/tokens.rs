//! The tagger's tokens: the training code's tokenizer (`tools/reported/prep.py`), so
//! that every feature the model was trained on is computed over the same words.
//!
//! Per line of the text (`\n` only): `\w+(?:[’'.\-]\w+)*` (a word with internal
//! apostrophes, periods and hyphens: "China’s", "U.S", "well-known"), or one quote
//! mark `“ ” " ‘ ’ '`, or any other non-space character. `\w` and `\s` follow
//! Python's `re` (alphanumeric or `_`; Unicode white space plus U+001C..U+001F).
//!
//! Sentences (`sentences`) follow `feats.sentences`: `.` `!` `?` followed by a capital or
//! an opening mark ends one unless the word before is a title ("Sen.") or an initial;
//! `”` or `"` after `.` `!` `?` ends one before a capital.

use super::lexicon::Lex;

/// One token: a byte span and its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RTok {
    pub start: usize,
    pub end: usize,
    pub para: u32,
}

pub(crate) fn is_word_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '’' | '\'' | '.' | '-')
}

/// The end of the word starting at `start` (a word character there).
fn word_end(line: &str, start: usize) -> usize {
    let bytes = line.as_bytes();
    let (mut pos, mut end) = (start, start);
    while let Some(&b) = bytes.get(pos) {
        // ASCII decoded from its byte: most words are, and `chars()` costs per call
        let c = if b < 0x80 {
            b as char
        } else {
            line[pos..].chars().next().unwrap_or('\0')
        };
        let next = pos + c.len_utf8();
        if is_word_char(c) {
            (pos, end) = (next, next);
        } else if is_joiner(c)
            && end == pos
            && line[next..].chars().next().is_some_and(is_word_char)
        {
            // a joiner continues the word only when a word character follows it
            pos = next;
        } else {
            break;
        }
    }
    end
}

/// Appends the tokens of the whole text to `out` (cleared first).
pub(crate) fn tokenize(text: &str, out: &mut Vec<RTok>) {
    out.clear();
    for (para, (base, line)) in lines(text).enumerate() {
        tokenize_line(line, base, para as u32, out);
    }
}

/// The lines of `text` (the tagger's paragraphs) with their byte offsets.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut base = 0usize;
    text.split('\n').map(move |line| {
        let at = base;
        base += line.len() + 1;
        (at, line)
    })
}

/// Appends the tokens of one line, which starts at byte `base` of the text.
pub(crate) fn tokenize_line(line: &str, base: usize, para: u32, out: &mut Vec<RTok>) {
    let mut pos = 0usize;
    let bytes = line.as_bytes();
    while let Some(&b) = bytes.get(pos) {
        // ASCII decoded from its byte (as in `word_end`)
        let c = if b < 0x80 {
            b as char
        } else {
            line[pos..].chars().next().unwrap_or('\0')
        };
        let start = pos;
        pos = if is_word_char(c) {
            word_end(line, start)
        } else {
            start + c.len_utf8()
        };
        if is_space(c) {
            continue;
        }
        out.push(RTok {
            start: base + start,
            end: base + pos,
            para,
        });
    }
}

fn first_is_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Python's `str.isupper()`: some cased character and no lowercase one.
fn is_upper(w: &str) -> bool {
    let mut cased = false;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// Sentence id of each word of one paragraph (`words`: the token texts).
pub(crate) fn sentences(words: &[&str], lex: &Lex, out: &mut Vec<u32>) {
    out.clear();
    let n = words.len();
    let mut sid = 0u32;
    let mut key = String::new();
    for (i, &w) in words.iter().enumerate() {
        out.push(sid);
        if i + 1 >= n {
            continue;
        }
        let nxt = words[i + 1];
        if matches!(w, "." | "!" | "?") {
            if i > 0 {
                let prev = words[i - 1];
                key.clear();
                key.push_str(&prev.to_lowercase());
                key.push('.');
                if lex.titles.contains_key(&key) || (prev.chars().count() == 1 && is_upper(prev)) {
                    continue;
                }
            } else if lex.titles.contains_key("") {
                continue;
            }
            if first_is_upper(nxt) || matches!(nxt, "“" | "\"" | "‘" | "'") {
                sid += 1;
            }
        } else if matches!(w, "”" | "\"")
            && i > 0
            && matches!(words[i - 1], "." | "!" | "?")
            && first_is_upper(nxt)
        {
            sid += 1;
        }
    }
}

/// The most tokens the tagger takes as one sequence. A paragraph is one sequence;
/// a longer one (never in news: PolNeAR's longest is far shorter) is cut into pieces,
/// at a sentence end where there is one, so the stage's buffers stay bounded
/// whatever the input (a single 8 MB paragraph of quote marks once took 1.3 GB).
pub(crate) const MAX_SEQUENCE: usize = 2048;

/// The paragraphs of `toks` as tagger sequences of at most [`MAX_SEQUENCE`] tokens.
pub(crate) fn sequences<'a>(text: &'a str, toks: &'a [RTok]) -> impl Iterator<Item = &'a [RTok]> {
    toks.chunk_by(|a, b| a.para == b.para)
        .flat_map(move |para| {
            let mut rest = para;
            std::iter::from_fn(move || {
                if rest.is_empty() {
                    return None;
                }
                let mut n = rest.len().min(MAX_SEQUENCE);
                if n < rest.len() {
                    let ends = |t: &RTok| matches!(&text[t.start..t.end], "." | "!" | "?");
                    if let Some(k) = rest[..n].iter().rposition(ends) {
                        n = k + 1;
                    }
                }
                let (piece, tail) = rest.split_at(n);
                rest = tail;
                Some(piece)
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        toks.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends_into_bounded_sequences() {
        let text = format!("{}\nShort one.", "Yes it is. ".repeat(1000));
        let mut toks = Vec::new();
        tokenize(&text, &mut toks);
        let seqs: Vec<&[RTok]> = sequences(&text, &toks).collect();
        assert!(seqs.iter().all(|s| s.len() <= MAX_SEQUENCE));
        assert_eq!(seqs.iter().map(|s| s.len()).sum::<usize>(), toks.len());
        // every piece but a paragraph's last ends a sentence; the short paragraph is whole
        let last = seqs.len() - 1;
        assert!(seqs[..last - 1]
            .iter()
            .all(|s| &text[s[s.len() - 1].start..s[s.len() - 1].end] == "."));
        assert_eq!(seqs[last].len(), 3);
        // no sentence end at all: a hard cut
        let text = "word ".repeat(5000);
        tokenize(&text, &mut toks);
        assert_eq!(
            sequences(&text, &toks).map(<[RTok]>::len).max(),
            Some(MAX_SEQUENCE)
        );
    }

    #[test]
    fn words_keep_inner_joiners() {
        assert_eq!(
            words("China’s U.S. well-known 'a' x_y."),
            [
                "China’s",
                "U.S",
                ".",
                "well-known",
                "'",
                "a",
                "'",
                "x_y",
                "."
            ]
        );
        assert_eq!(
            words("end-- “Yes,”"),
            ["end", "-", "-", "“", "Yes", ",", "”"]
        );
    }

    #[test]
    fn lines_are_paragraphs_and_offsets_are_bytes() {
        let text = "é a\n\nb";
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let got: Vec<_> = toks.iter().map(|t| (t.start, t.end, t.para)).collect();
        assert_eq!(got, [(0, 2, 0), (3, 4, 0), (6, 7, 2)]);
    }

    #[test]
    fn sentence_ends_skip_titles_and_initials() {
        let lex = Lex::new();
        let mut sent = Vec::new();
        let w = words("Sen. Warren spoke. J. Doe left. “Go.” He went.");
        sentences(&w, &lex, &mut sent);
        let ends: Vec<_> = w
            .iter()
            .zip(&sent)
            .map(|(w, s)| format!("{w}{s}"))
            .collect();
        assert_eq!(
            ends.join(" "),
            "Sen0 .0 Warren0 spoke0 .0 J1 .1 Doe1 left1 .1 “2 Go2 .2 ”2 He3 went3 .3"
        );
    }
}
