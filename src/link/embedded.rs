//! Gazetteer names inside longer proper names (issue 14, cause 1).
//!
//! "Toronto" in *Toronto Star*, "Texas" in *University of Texas Arlington*, "Vietnam" in
//! *the Vietnam War*: a match that is part of a longer run of capitalised words is not
//! that entity. The run is the match plus the capitalised words around it, joined by
//! single spaces or hyphens, and by "of", "for", "de" when a head word stands before
//! them ("University of", "Bank of", "Institute for"; never "and", which joins two
//! names: "NBC News and The Wall Street Journal"). A run that holds a
//! word no gazetteer mention covers makes every mention in it embedded: they are
//! dropped, and the run is reported instead as a `discovered` mention labelled by its
//! rightmost head word (`head_words.txt`: University → ORG, Airport → FAC, War →
//! EVENT …); with no head word nothing is reported.
//!
//! What keeps a name standing: a title between ("U.S. President Barack Obama", "Texas
//! Gov. Greg Abbott"), a comma ("Chicago, Illinois"), a run made only of gazetteer names
//! ("the U.S.-China talks", "Obama White House"), a party or time word beside it
//! (`name_breakers.txt`, `calendar.txt`: "Iowa Republicans", "Washington Monday"), a
//! function word that starts its sentence (`stopwords.txt`: "In Washington", "Today
//! China"), and headlines (a line of title-case words says nothing about names). A match glued to letters before it
//! ("SpreadingSantorum.com") or followed by a web domain is dropped with no report.
//!
//! Linear: each mention looks at most [`MAX_RUN_WORDS`] words to each side.

use std::sync::Arc;

use crate::lexicon::Lexicons;
use crate::{Candidates, Mention, MentionSource};

/// Words a run may extend on each side of a mention: longer names are rare, and the
/// bound keeps a text of 10^5 capitalised words linear.
pub(crate) const MAX_RUN_WORDS: usize = 8;

/// A word of the text: its byte span, and whether a hyphen (not a space) joins it to
/// the run.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    hyphen: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '\'' | '’')
}

/// The word that ends right before byte `pos` with only one space (or a hyphen) between.
fn word_before(text: &str, pos: usize) -> Option<Word> {
    let sep = text[..pos].chars().next_back()?;
    if sep != ' ' && sep != '-' {
        return None;
    }
    let end = pos - sep.len_utf8();
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some(Word {
        start,
        end,
        hyphen: sep == '-',
    })
}

/// The word that starts right after byte `pos` with only one space (or a hyphen)
/// between, without a sentence's final period or a possessive "’s".
fn word_after(text: &str, pos: usize) -> Option<Word> {
    let sep = text[pos..].chars().next()?;
    if sep != ' ' && sep != '-' {
        return None;
    }
    let start = pos + sep.len_utf8();
    let len: usize = text[start..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    let raw = &text[start..start + len];
    let word = raw.trim_end_matches('.');
    let word = if word.contains('.') { raw } else { word };
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    (!word.is_empty()).then_some(Word {
        start,
        end: start + word.len(),
        hyphen: sep == '-',
    })
}

/// A word on the left that cannot be part of the name after it: a possessive
/// ("Monday’s Iowa caucus"), a word ending a sentence or an abbreviation ("Wyoming. Hillary
/// Clinton"), an acronym ("NBC New Hampshire poll").
fn ends_left(word: &str) -> bool {
    let acronym = word.len() >= 2 && word.chars().all(|c| c.is_uppercase() || c == '.');
    word.ends_with('.') || word.ends_with("’s") || word.ends_with("'s") || acronym
}

/// What a neighbouring word does to a run.
enum Joins {
    /// A capitalised word that belongs to the name.
    Name,
    /// A connector ("of") that may join a head word to the name.
    Connector,
    /// Anything else ends the run.
    Stop,
}

fn classify(text: &str, w: Word, lex: &Lexicons) -> Joins {
    let s = &text[w.start..w.end];
    if crate::lexicon::grammar().name_connectors.contains(&s) {
        return Joins::Connector;
    }
    let capital = s.chars().next().is_some_and(char::is_uppercase);
    // one capital letter is no name word ("T-shirts", "A-list")
    let letter = s.chars().nth(1).is_none();
    let lower = s.to_lowercase();
    // "Sens." reaches here as "Sens" when it ends a sentence-like run
    let dotted = format!("{s}.");
    let breaks = lex.is_name_breaker(s)
        || lex.is_name_breaker(&dotted)
        || lex.is_calendar(s)
        || lex.titles_starting(&lower).is_some()
        || lex.titles_starting(&dotted.to_lowercase()).is_some()
        || is_role(lex, &lower)
        || lex.is_stop_word(s);
    if capital && !breaks && !letter {
        Joins::Name
    } else {
        Joins::Stop
    }
}

fn is_role(lex: &Lexicons, lower: &str) -> bool {
    lex.role(lower).is_some()
}

/// The byte span of the longer name around `m`, when there is one, and whether a
/// word in it is not covered by a gazetteer mention (`covered` answers for a span).
fn longer_run(
    text: &str,
    m: &Mention,
    lex: &Lexicons,
    covered: &dyn Fn(usize, usize) -> bool,
) -> Option<(usize, usize)> {
    let run = Run { text, lex, covered };
    // not leftwards for people, whose left neighbours are titles and roles ("Secretary
    // of State John Kerry"); not rightwards after a period, which may end the sentence
    // ("Bedminster, N.J. Roger Ailes")
    let (start, left_uncovered) = match &*m.label == crate::PERSON {
        true => (m.start, false),
        false => run.extend_left(m.start),
    };
    let (end, right_uncovered, right_run) = match text[..m.end].ends_with('.') {
        true => (m.end, false, false),
        false => run.extend_right(start, m.end),
    };
    // capitalised words before a role are the role's modifiers, unless they end in a
    // head word: "Clinton Communications Director" is Clinton's, "Senate Foreign
    // Relations Committee Chairman" names a committee
    if right_run && role_follows(text, end, lex) && !ends_in_head(&text[start..end], lex) {
        return None;
    }
    (left_uncovered || right_uncovered).then_some((start, end))
}

/// What extending a run needs to know.
struct Run<'a> {
    text: &'a str,
    lex: &'a Lexicons,
    covered: &'a dyn Fn(usize, usize) -> bool,
}

impl Run<'_> {
    /// Leftwards from `start`: capitalised words, or "Head of" before the name. Returns
    /// the new start and whether a word no mention covers joined.
    fn extend_left(&self, mut start: usize) -> (usize, bool) {
        let (text, covered) = (self.text, self.covered);
        let mut uncovered = false;
        for _ in 0..MAX_RUN_WORDS {
            let Some(w) = word_before(text, start) else {
                break;
            };
            if ends_left(&text[w.start..w.end]) {
                break;
            }
            match classify(text, w, self.lex) {
                // a hyphen joins names only ("U.S.-China"), never "R-Fla." or "Clinton-Kaine"
                Joins::Name if w.hyphen && !covered(w.start, w.end) => break,
                Joins::Name => {
                    uncovered |= !covered(w.start, w.end);
                    start = w.start;
                }
                Joins::Connector => {
                    let Some(head) = word_before(text, w.start) else {
                        break;
                    };
                    if self.lex.head_label(&text[head.start..head.end]).is_none() {
                        break;
                    }
                    uncovered = true;
                    start = head.start;
                }
                Joins::Stop => break,
            }
        }
        (start, uncovered)
    }

    /// Rightwards from `end`: capitalised words, and "of Name" after a head word.
    /// Returns the new end, whether a word no mention covers joined, and whether any
    /// word joined at all.
    fn extend_right(&self, start: usize, mut end: usize) -> (usize, bool, bool) {
        let (text, covered) = (self.text, self.covered);
        let (mut uncovered, mut joined) = (false, false);
        for _ in 0..MAX_RUN_WORDS {
            let Some(w) = word_after(text, end) else {
                break;
            };
            match classify(text, w, self.lex) {
                Joins::Name if w.hyphen && !covered(w.start, w.end) => break,
                Joins::Name => {
                    uncovered |= !covered(w.start, w.end);
                    end = w.end;
                    joined = true;
                }
                Joins::Connector if ends_in_head(&text[start..end], self.lex) => {
                    let Some(next) = word_after(text, w.end) else {
                        break;
                    };
                    if !matches!(classify(text, next, self.lex), Joins::Name) {
                        break;
                    }
                    uncovered |= !covered(next.start, next.end);
                    end = next.end;
                }
                _ => break,
            }
        }
        (end, uncovered, joined)
    }
}

fn role_follows(text: &str, end: usize, lex: &Lexicons) -> bool {
    word_after(text, end).is_some_and(|w| {
        let lower = text[w.start..w.end].to_lowercase();
        is_role(lex, &lower) || lex.titles_starting(&lower).is_some()
    })
}

fn ends_in_head(run: &str, lex: &Lexicons) -> bool {
    run.rsplit([' ', '-'])
        .next()
        .is_some_and(|w| lex.head_label(w).is_some())
}

/// A match glued to letters before it or followed by a web domain ("SpreadingSantorum.com").
fn glued(text: &str, m: &Mention) -> bool {
    let before = text[..m.start].chars().next_back();
    let after = &text[m.end..];
    before.is_some_and(char::is_alphanumeric)
        || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_lowercase()))
}

fn all_caps(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// A match in capitals beside a word in capitals ("NEW YORK ENDS TAMPON TAX"): shouted
/// text says nothing about where names end. Acronyms beside ordinary words ("U.S. Army")
/// are not shouted.
fn shouted(text: &str, m: &Mention) -> bool {
    let caps =
        |w: Option<Word>| w.is_some_and(|w| w.end - w.start > 1 && all_caps(&text[w.start..w.end]));
    all_caps(&text[m.start..m.end])
        && (caps(word_before(text, m.start)) || caps(word_after(text, m.end)))
}

/// Byte spans of headline lines: short lines where almost every longer word is
/// capitalised.
fn headlines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        // counted, not collected: this reads every line of every text
        let (mut long, mut lower) = (0usize, 0usize);
        for w in line.split_whitespace().filter(|w| w.len() > 3) {
            long += 1;
            lower += usize::from(w.starts_with(|c: char| c.is_lowercase()));
        }
        if (2..=25).contains(&long) && lower * 5 <= long {
            out.push((pos, pos + line.len()));
        }
        pos += line.len();
    }
    out
}

/// Drops gazetteer mentions that are part of a longer proper name and, when `discover`
/// is on, adds the longer names that have a head word (see the module docs).
/// `mentions` are sorted by start; so is the result. Also returns the byte spans of
/// the people among the longer names with no head word (see [`person_span`]).
pub(crate) fn resolve_embedded(
    text: &str,
    mentions: Vec<Mention>,
    lex: &Lexicons,
    discover: bool,
) -> (Vec<Mention>, Vec<(usize, usize)>) {
    let mut people = Vec::new();
    // the text's lowercase words, read once and only when a person span needs them
    let lower_words = std::cell::OnceCell::new();
    let lines = headlines(text);
    let spans: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    // a word is covered when a mention holds it; with overlapping matches the holder
    // may start a few mentions earlier ("New York" inside "New York City")
    let covered = |s: usize, e: usize| {
        let i = spans.partition_point(|&(ms, _)| ms <= s);
        spans[..i].iter().rev().take(8).any(|&(_, me)| e <= me)
    };
    let mut line = 0;
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        while line < lines.len() && lines[line].1 <= m.start {
            line += 1;
        }
        let in_headline = lines.get(line).is_some_and(|&(s, _)| s <= m.start);
        if m.source != MentionSource::Gazetteer || in_headline || shouted(text, &m) {
            out.push(m);
            continue;
        }
        if glued(text, &m) {
            continue;
        }
        let Some((s, e)) = longer_run(text, &m, lex, &covered) else {
            out.push(m);
            continue;
        };
        // the label of the rightmost head word: "Food Standards Australia" is ORG
        let run = &text[s..e];
        let head = run.rsplit([' ', '-']).find_map(|w| lex.head_label(w));
        if head.is_none() && matches!(&*m.label, "GPE" | "LOC") {
            let lower = || lower_words.get_or_init(|| lowercase_words(text));
            if let Some(p) = person_span(text, &m, (s, e), lex, &covered, &lower) {
                people.push(p);
                continue;
            }
        }
        if !discover || out.last().is_some_and(|p| p.end > s) {
            continue;
        }
        // a treaty named after a city is no event: "Geneva Convention", "Vienna
        // Convention" (a party's is "Republican National Convention")
        let treaty = (m.start, m.end) == (s, e.saturating_sub(" Convention".len()))
            && run.ends_with(" Convention");
        if treaty {
            continue;
        }
        if let Some(label) = head {
            out.push(Mention {
                start: s,
                end: e,
                label: Arc::clone(label),
                entity: None,
                candidates: Candidates::default(),
                cluster: None,
                source: MentionSource::Discovered,
            });
        }
    }
    (out, people)
}

/// A person's name around a place (issue 14, cause 2): the place is a given name
/// (`given_names.txt`) and a surname-like word follows it ("Paris Hilton", "Jordan
/// Peterson", "Georgia O'Keeffe"), or a given name stands right before the place
/// ("Mark Dayton", "Joe Madison"). The span of the name, in the run `run`.
fn person_span<'a>(
    text: &str,
    m: &Mention,
    run: (usize, usize),
    lex: &Lexicons,
    covered: &dyn Fn(usize, usize) -> bool,
    lower_words: &dyn Fn() -> &'a crate::FastSet<&'a str>,
) -> Option<(usize, usize)> {
    if lex.is_given_name(&text[m.start..m.end]) {
        if let Some(w) = word_after(text, m.end) {
            if !w.hyphen && w.end <= run.1 && surname_like(text, w, lex, covered, lower_words()) {
                return Some((m.start, w.end));
            }
        }
    }
    let w = word_before(text, m.start)?;
    let given = !w.hyphen
        && w.start >= run.0
        && !covered(w.start, w.end)
        && lex.is_given_name(&text[w.start..w.end]);
    // the place must end the name: "Mark Dayton Smith" is someone else's
    let next_name = word_after(text, m.end)
        .is_some_and(|n| n.end <= run.1 && matches!(classify(text, n, lex), Joins::Name));
    (given && !next_name).then_some((w.start, m.end))
}

/// The words of `text` that start with a lowercase letter.
fn lowercase_words(text: &str) -> crate::FastSet<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect()
}

/// A word that may be a surname: capitalised, not a word of names' structure (head
/// word, organisation word, party or time word, title, role), no gazetteer name, and
/// not used in lowercase in the text (a common noun: "Paris Opera … the opera").
fn surname_like(
    text: &str,
    w: Word,
    lex: &Lexicons,
    covered: &dyn Fn(usize, usize) -> bool,
    lower_words: &crate::FastSet<&str>,
) -> bool {
    let s = &text[w.start..w.end];
    if !matches!(classify(text, w, lex), Joins::Name)
        || covered(w.start, w.end)
        || lex.head_label(s).is_some()
        || lex.is_org_word(s)
        || !s.chars().any(char::is_lowercase)
    {
        return false;
    }
    !lower_words.contains(s.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Runs the rule on `text` with gazetteer mentions at each of `names`.
    /// (text, label, source) of each mention the rule leaves.
    type Found = Vec<(String, String, MentionSource)>;

    fn run(text: &str, names: &[&str]) -> Found {
        let mut ms: Vec<Mention> = names
            .iter()
            .flat_map(|n| {
                text.match_indices(n)
                    .map(|(i, _)| (i, i + n.len()))
                    .collect::<Vec<_>>()
            })
            .map(|(s, e)| Mention {
                start: s,
                end: e,
                label: Arc::from("GPE"),
                entity: Some(0),
                candidates: Candidates::from(vec![0]),
                cluster: None,
                source: MentionSource::Gazetteer,
            })
            .collect();
        ms.sort_by_key(|m| m.start);
        resolve_embedded(text, ms, &Lexicons::default(), true)
            .0
            .into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.label.to_string(),
                    m.source,
                )
            })
            .collect()
    }

    #[test]
    fn names_inside_longer_names_give_way_to_them() {
        use MentionSource::*;
        let g = |s: &str| (s.to_string(), "GPE".to_string(), Gazetteer);
        let d = |s: &str, l: &str| (s.to_string(), l.to_string(), Discovered);
        let cases: &[(&str, &[&str], Found)] = &[
            (
                "He writes for the Toronto Star now.",
                &["Toronto"],
                vec![d("Toronto Star", "ORG")],
            ),
            (
                "She studied at the University of Texas Arlington.",
                &["Texas"],
                vec![d("University of Texas Arlington", "ORG")],
            ),
            (
                "veterans of the Vietnam War spoke",
                &["Vietnam"],
                vec![d("Vietnam War", "EVENT")],
            ),
            (
                "a regulator, Food Standards Australia New Zealand, said",
                &["Australia", "New Zealand"],
                vec![d("Food Standards Australia New Zealand", "ORG")],
            ),
            (
                "residents of East Los Angeles said",
                &["Los Angeles"],
                vec![],
            ),
            (
                "the site SpreadingSantorum.com went up",
                &["Santorum"],
                vec![],
            ),
            (
                "U.S. President Barack Obama spoke",
                &["U.S.", "Barack Obama"],
                vec![g("U.S."), g("Barack Obama")],
            ),
            (
                "in Chicago, Illinois, on Monday",
                &["Chicago", "Illinois"],
                vec![g("Chicago"), g("Illinois")],
            ),
            (
                "the U.S.-China talks",
                &["U.S.", "China"],
                vec![g("U.S."), g("China")],
            ),
            ("Texas Gov. Greg Abbott said", &["Texas"], vec![g("Texas")]),
            (
                "In Washington on Monday, Iowa Republicans met.",
                &["Washington", "Iowa"],
                vec![g("Washington"), g("Iowa")],
            ),
            (
                "Obama Says Russia Must Pay\nThe rest.",
                &["Russia"],
                vec![g("Russia")],
            ),
        ];
        for (text, names, want) in cases {
            assert_eq!(&run(text, names), want, "{text}");
        }
    }
}
