//! Deterministic patterns for the sentences the tagger leaves without an item: the
//! two commonest shapes of news attribution, which a sequence model trained on one
//! corpus misses on plain sentences ("The vote will be close, Mara Voss said.").
//!
//! - R2: `CONTENT, SPEAKER CUE [SETTING].` or `CONTENT, CUE SPEAKER.` (or followed
//!   by a trailing clause: `…, Graham said, since …`): a speech-verb cue (tier
//!   `speech` or `communication` of data/lexicon/cues.tsv) in the segment after a
//!   comma that ends the sentence or precedes a clause word, a speaker phrase of at
//!   most six words and no clause word, a setting of at most five words ("on
//!   Monday", "in a statement") before the segment's end.
//! - R3: `According to SOURCE, CONTENT.` and `CONTENT, according to SOURCE.`
//!
//! The content is the sentence up to the comma (or after it, for a leading "according
//! to") and holds at least three words and no quote mark. Sentences with a quoted
//! span are left to the tagger; where a pattern matches, its item replaces the
//! tagger's items of the sentence (measured on PolNeAR dev: see docs/reported.md).

use crate::attribution::tokens::{Tok, Token};
use crate::attribution::{cue_at, lower_into, Attr, Who};
use crate::lexicon::{grammar, CueTier, Lexicons};
use crate::Rule;

use super::attrs::indirect_attr;

/// The longest speaker phrase and setting the patterns accept (in words).
const MAX_SPEAKER: usize = 6;
const MAX_SETTING: usize = 5;
/// The fewest words a content must have.
const MIN_CONTENT: usize = 3;

/// One sentence: token range `[s, e)`, its last token the final punctuation.
fn sentences(toks: &[Token]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut s = 0;
    (0..toks.len()).filter_map(move |k| {
        let ends =
            k + 1 == toks.len() || toks[k + 1].sent_start() || toks[k + 1].para() != toks[k].para();
        ends.then(|| {
            let out = (s, k + 1);
            s = k + 1;
            out
        })
    })
}

fn is_comma(text: &str, t: &Token) -> bool {
    t.kind == Tok::Punct && t.text(text) == ","
}

fn words(toks: &[Token]) -> usize {
    toks.iter().filter(|t| t.kind == Tok::Word).count()
}

/// What the patterns read.
struct Cx<'a> {
    text: &'a str,
    toks: &'a [Token],
    lex: &'a Lexicons,
    buf: String,
}

impl Cx<'_> {
    fn lower(&mut self, k: usize) -> &str {
        lower_into(&mut self.buf, self.toks[k].text(self.text))
    }

    /// Whether token `k` is `word` (lowercase ASCII without a "k": no other character
    /// lowercases to one of its letters, so no lowercase copy is needed; this runs
    /// over every token of every sentence).
    fn is(&self, k: usize, word: &str) -> bool {
        debug_assert!(word.bytes().all(|b| b.is_ascii_lowercase() && b != b'k'));
        self.toks[k].text(self.text).eq_ignore_ascii_case(word)
    }

    /// A speech cue of tier speech or communication at `k` (ending before `end`).
    fn speech_cue(&mut self, k: usize, end: usize) -> Option<usize> {
        match cue_at(self.text, self.toks, k, end, self.lex, &mut self.buf)? {
            (e, CueTier::Speech | CueTier::Communication) => Some(e),
            _ => None,
        }
    }

    /// A speaker phrase `[s, e)`: words only, capitalised or led by a determiner, no
    /// clause word (conjunction, complementiser, auxiliary).
    fn speaker_phrase(&mut self, s: usize, e: usize) -> bool {
        if s >= e || e - s > MAX_SPEAKER {
            return false;
        }
        let g = grammar();
        for k in s..e {
            if self.toks[k].kind != Tok::Word {
                // "the union’s secretary": an apostrophe token inside is fine
                if self.toks[k].kind != Tok::Single {
                    return false;
                }
                continue;
            }
            let w = self.lower(k);
            let clause_word = [&g.boundary, &g.coordinators, &g.aux, &g.be_forms];
            if clause_word.iter().any(|list| list.contains(&w)) {
                return false;
            }
        }
        let (cap, lex) = (self.toks[s].cap(), self.lex);
        let first = self.lower(s);
        cap || g.determiners.contains(&first) || lex.role(first).is_some()
    }

    /// `CONTENT, SPEAKER CUE [SETTING].` / `CONTENT, CUE SPEAKER.` in `[s, e)`, also
    /// with a trailing clause (`CONTENT, SPEAKER CUE, since …`): the attribution is
    /// the last segment between commas, or one followed by a clause conjunction.
    fn content_first(&mut self, s: usize, e: usize) -> Option<Attr> {
        let stop = e - usize::from(self.toks[e - 1].kind == Tok::Punct);
        let commas: Vec<usize> = (s..stop)
            .filter(|&k| is_comma(self.text, &self.toks[k]))
            .collect();
        for (n, &comma) in commas.iter().enumerate() {
            let end = commas.get(n + 1).copied().unwrap_or(stop);
            let trailing_clause = end < stop
                && grammar()
                    .trailing_clause_words
                    .contains(&self.lower(end + 1));
            if end == stop || trailing_clause {
                if let Some(found) = self.attribution_segment(s, comma, end) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// The segment `(comma, end)` as `SPEAKER CUE [SETTING]` or `CUE SPEAKER`, for the
    /// content `[s, comma)`.
    fn attribution_segment(&mut self, s: usize, comma: usize, end: usize) -> Option<Attr> {
        if comma + 1 >= end || self.is(comma + 1, "according") {
            return None;
        }
        for c in comma + 2..end {
            let Some(ce) = self.speech_cue(c, end) else {
                continue;
            };
            let setting = ce..end;
            if self.speaker_phrase(comma + 1, c)
                && setting.len() <= MAX_SETTING
                && self.toks[setting].iter().all(|t| t.kind == Tok::Word)
            {
                return self.attr(s, comma, (comma + 1, c), (c, ce), Rule::R2);
            }
            break;
        }
        // inverted: ", said SPEAKER." (not a participle: ", saying the vote …")
        let ce = self.speech_cue(comma + 1, end)?;
        if self.lower(comma + 1).ends_with("ing") {
            return None;
        }
        if self.speaker_phrase(ce, end) {
            return self.attr(s, comma, (ce, end), (comma + 1, ce), Rule::R2);
        }
        None
    }

    /// `According to SOURCE, CONTENT.` / `CONTENT, according to SOURCE.`
    fn according_to(&mut self, s: usize, e: usize) -> Option<Attr> {
        let stop = e - usize::from(self.toks[e - 1].kind == Tok::Punct);
        let at = (s..stop.saturating_sub(2))
            .find(|&k| self.is(k, "according") && self.is(k + 1, "to"))?;
        let cue = (at, at + 2);
        if at == s {
            let comma = (at + 2..stop).find(|&k| is_comma(self.text, &self.toks[k]))?;
            if comma - (at + 2) > MAX_SPEAKER + 2 {
                return None;
            }
            return self.attr(comma + 1, stop, (at + 2, comma), cue, Rule::R3);
        }
        let ends_source = stop - (at + 2) <= MAX_SPEAKER + 2;
        (at > s && is_comma(self.text, &self.toks[at - 1]) && ends_source)
            .then(|| self.attr(s, at - 1, (at + 2, stop), cue, Rule::R3))
            .flatten()
    }

    /// The item: content tokens `[cs, ce)`, speaker and cue token ranges.
    fn attr(
        &self,
        cs: usize,
        ce: usize,
        who: (usize, usize),
        cue: (usize, usize),
        rule: Rule,
    ) -> Option<Attr> {
        let content = &self.toks[cs..ce];
        let marked = content
            .iter()
            .any(|t| matches!(t.kind, Tok::Double | Tok::Single));
        if words(content) < MIN_CONTENT || marked || who.0 >= who.1 {
            return None;
        }
        let (start, end) = (content[0].start(), content[content.len() - 1].end());
        let who = Who::Np(who.0, who.1);
        Some(indirect_attr(
            self.toks,
            (cs, start, end),
            who,
            Some(cue),
            rule,
        ))
    }
}

/// Adds the patterns' items to `items` (the tagger's, in text order) for sentences
/// with no quoted span, replacing the tagger's items of those sentences; returns them
/// all in text order.
pub(crate) fn backstop(
    text: &str,
    toks: &[Token],
    quoted: &[Attr],
    lex: &Lexicons,
    mut items: Vec<Attr>,
) -> Vec<Attr> {
    let mut cx = Cx {
        text,
        toks,
        lex,
        buf: String::new(),
    };
    let mut added = Vec::new();
    let taken = |list: &[Attr], a: usize, b: usize| {
        // `list` is in text order and its spans do not overlap
        let i = list.partition_point(|x| x.span.end <= a);
        list.get(i).is_some_and(|x| x.span.start < b)
    };
    for (s, e) in sentences(toks) {
        let (a, b) = (toks[s].start(), toks[e - 1].end());
        if e - s < MIN_CONTENT + 3 || taken(quoted, a, b) {
            continue;
        }
        if let Some(found) = cx.according_to(s, e).or_else(|| cx.content_first(s, e)) {
            added.push((a, b, found));
        }
    }
    if added.is_empty() {
        return items;
    }
    // a pattern's item replaces the tagger's items of its sentence
    items.retain(|x| {
        let i = added.partition_point(|&(_, b, _)| b <= x.span.start);
        !matches!(added.get(i), Some(&(a, _, _)) if x.span.end > a)
    });
    items.extend(added.into_iter().map(|(_, _, x)| x));
    items.sort_by_key(|x| x.span.start);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::tokens::tokenize;

    fn found(text: &str) -> Vec<(String, String, &'static str)> {
        let toks = tokenize(text);
        let lex = Lexicons::default();
        backstop(text, &toks, &[], &lex, Vec::new())
            .iter()
            .map(|a| {
                let Who::Np(i, j) = a.who else {
                    panic!("a speaker")
                };
                let sp = &text[toks[i].start()..toks[j - 1].end()];
                (
                    text[a.span.start..a.span.end].to_owned(),
                    sp.to_owned(),
                    a.rule.as_str(),
                )
            })
            .collect()
    }

    fn one(
        content: &str,
        speaker: &str,
        rule: &'static str,
    ) -> Vec<(String, String, &'static str)> {
        vec![(content.to_owned(), speaker.to_owned(), rule)]
    }

    #[test]
    fn content_before_its_cue() {
        let t = "The vote will be close, Mara Voss said on Monday.";
        assert_eq!(found(t), one("The vote will be close", "Mara Voss", "R2"));
        let t = "The new line will open in June, said the transport minister.";
        assert_eq!(
            found(t),
            one(
                "The new line will open in June",
                "the transport minister",
                "R2"
            )
        );
        let t = "The bill would raise taxes, Mara Voss said, since most of it falls on the states.";
        assert_eq!(
            found(t),
            one("The bill would raise taxes", "Mara Voss", "R2")
        );
        // a parenthetical attribution inside the content is not this pattern
        assert!(found("The plan, Mara Voss said on Monday, is dead in the water.").is_empty());
    }

    #[test]
    fn according_to_either_side() {
        let t = "According to the ministry, the line will open in June.";
        assert_eq!(
            found(t),
            one("the line will open in June", "the ministry", "R3")
        );
        let t = "The line will open in June, according to two aides.";
        assert_eq!(
            found(t),
            one("The line will open in June", "two aides", "R3")
        );
    }

    #[test]
    fn clauses_and_short_or_quoted_content_are_not_reported_speech() {
        // a clause after the comma, not a speaker phrase
        assert!(found("The rain stopped, and the crowd said nothing.").is_empty());
        assert!(found("Yes, Voss said.").is_empty());
        assert!(found("Voss left early, saying the vote would be close.").is_empty());
        assert!(found("Rates rose, the bank said that week and then again.").is_empty());
    }
}
