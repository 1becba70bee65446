//! Deterministic patterns for the sentences the tagger leaves without an item: the
//! two commonest shapes of news attribution, which a sequence model trained on one
//! corpus misses on plain sentences ("The vote will be close, Mara Voss said.").
//!
//! - R2: `CONTENT, SPEAKER CUE [SETTING].` or `CONTENT, CUE SPEAKER.` (or followed
//!   by a trailing clause: `…, Graham said, since …`): a speech-verb cue (tier
//!   `speech` or `communication` of data/lexicon/cues.tsv) in the segment after a
//!   comma that ends the sentence or precedes a clause word, a speaker phrase of at
//!   most six words and no clause word, a setting of at most five words opening with
//!   a word of `setting_openers` ("on Monday", "in a statement") or after "told"
//!   (data/lexicon/reported.txt) before the segment's end.
//! - R3: `According to SOURCE, CONTENT.` and `CONTENT, according to SOURCE.`
//! - R2, interposed: `BEFORE, SPEAKER CUE [SETTING], AFTER.` ("The goal, he said, is
//!   a truce."): the same segment between two commas inside the sentence (the
//!   speaker may be a subject pronoun); both parts are content, as two items.
//!
//! The content is the sentence up to the comma (or after it, for a leading "according
//! to") and holds at least three words and no quote mark. Sentences with a quoted
//! span are left to the tagger; where a pattern matches, its item replaces the
//! tagger's items of the sentence (measured on PolNeAR dev: see docs/reported.md),
//! except the interposed pattern, whose parts are added only where the tagger left
//! them without an item (it often finds one part, rarely both).

use crate::attribution::tokens::{Tok, Token};
use crate::attribution::{cue_at, lower_into, Attr, Who};
use crate::lexicon::{grammar, reported_words, CueTier, Lexicons};
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
        let (who, cue) = self.segment(comma, end, false)?;
        self.attr(s, comma, who, cue, Rule::R2)
    }

    /// The speaker and cue token ranges of the segment `(comma, end)` when it is
    /// `SPEAKER CUE [SETTING]` or `CUE SPEAKER`. The setting must open with a word of
    /// `setting_openers` (data/lexicon/reported.txt) or follow a cue of
    /// `recipient_cues`: other words after the cue are its object (", Otten called
    /// the plan a fraud,"). Inside a sentence (`interposed`) the speaker may also be a
    /// subject pronoun ("The goal, he said, is …"; at a sentence end the tagger finds
    /// those).
    fn segment(
        &mut self,
        comma: usize,
        end: usize,
        interposed: bool,
    ) -> Option<((usize, usize), (usize, usize))> {
        if comma + 1 >= end || self.is(comma + 1, "according") {
            return None;
        }
        let speaker = |cx: &mut Self, a: usize, b: usize| {
            cx.speaker_phrase(a, b)
                || interposed && b == a + 1 && grammar().subject_pronouns.contains(&cx.lower(a))
        };
        for c in comma + 2..end {
            let Some(ce) = self.speech_cue(c, end) else {
                continue;
            };
            let setting = ce..end;
            if speaker(self, comma + 1, c)
                && setting.len() <= MAX_SETTING
                && self.toks[setting].iter().all(|t| t.kind == Tok::Word)
                && self.setting_may_follow((c, ce), end)
            {
                return Some(((comma + 1, c), (c, ce)));
            }
            break;
        }
        // inverted: ", said SPEAKER." (not a participle: ", saying the vote …")
        let ce = self.speech_cue(comma + 1, end)?;
        if self.lower(comma + 1).ends_with("ing") {
            return None;
        }
        speaker(self, ce, end).then_some(((ce, end), (comma + 1, ce)))
    }

    /// Whether the words from the end of cue `(c, ce)` to `end` can be its setting
    /// (none, "on Monday", or anything after "told").
    fn setting_may_follow(&mut self, (c, ce): (usize, usize), end: usize) -> bool {
        let r = reported_words();
        ce == end
            || r.setting_openers.contains(&self.lower(ce))
            || r.recipient_cues.contains(&self.lower(c))
            || r.recipient_cues.contains(&self.lower(ce - 1))
    }

    /// `BEFORE, SPEAKER CUE [SETTING], AFTER.` (or `…, CUE SPEAKER, …`) in `[s, e)`:
    /// an attribution set between two commas inside its sentence ("The goal, he said,
    /// is a truce."). The content is both parts, as two fragments of one statement
    /// (PolNeAR annotates them so): the part before it, unless it is only an opener
    /// ("Still, he said, …"), and the part after it (at least three words, not an
    /// appositive of the speaker).
    fn interposed(&mut self, s: usize, e: usize) -> Option<(Option<Attr>, Attr)> {
        let stop = e - usize::from(self.toks[e - 1].kind == Tok::Punct);
        let commas: Vec<usize> = (s..stop)
            .filter(|&k| is_comma(self.text, &self.toks[k]))
            .collect();
        for pair in commas.windows(2) {
            let (c1, c2) = (pair[0], pair[1]);
            // what follows the second comma may be the speaker's appositive (", said
            // Ed Rendell, who …"), not the rest of the content
            let appositive = reported_words()
                .appositive_openers
                .contains(&self.lower(c2 + 1));
            if c1 == s || appositive || words(&self.toks[c2 + 1..stop]) < MIN_CONTENT {
                continue;
            }
            let Some((who, cue)) = self.segment(c1, c2, true) else {
                continue;
            };
            let Some(second) = self.attr(c2 + 1, stop, who, cue, Rule::R2) else {
                continue;
            };
            let opener_only = words(&self.toks[s..c1]) == 1
                && grammar().sentence_openers.contains(&self.lower(s));
            let first = (!opener_only)
                .then(|| self.attr_of(s, c1, who, cue, (Rule::R2, 1)))
                .flatten();
            return Some((first, second));
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

    /// The item: content tokens `[cs, ce)` of at least [`MIN_CONTENT`] words, speaker
    /// and cue token ranges.
    fn attr(
        &self,
        cs: usize,
        ce: usize,
        who: (usize, usize),
        cue: (usize, usize),
        rule: Rule,
    ) -> Option<Attr> {
        self.attr_of(cs, ce, who, cue, (rule, MIN_CONTENT))
    }

    /// [`Cx::attr`] with its rule and the fewest words the content must have.
    fn attr_of(
        &self,
        cs: usize,
        ce: usize,
        who: (usize, usize),
        cue: (usize, usize),
        (rule, min_words): (Rule, usize),
    ) -> Option<Attr> {
        let content = &self.toks[cs..ce];
        let marked = content
            .iter()
            .any(|t| matches!(t.kind, Tok::Double | Tok::Single));
        if words(content) < min_words || marked || who.0 >= who.1 {
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
    let mut split = Vec::new();
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
        } else if let Some((first, second)) = cx.interposed(s, e) {
            split.extend(first);
            split.push(second);
        }
    }
    if added.is_empty() && split.is_empty() {
        return items;
    }
    // a pattern's item replaces the tagger's items of its sentence
    items.retain(|x| {
        let i = added.partition_point(|&(_, b, _)| b <= x.span.start);
        !matches!(added.get(i), Some(&(a, _, _)) if x.span.end > a)
    });
    // the fragments of an interposed attribution only fill what the tagger left
    // (its items of the sentence stay)
    split.retain(|x| !taken(&items, x.span.start, x.span.end));
    items.extend(added.into_iter().map(|(_, _, x)| x));
    items.extend(split);
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
    }

    #[test]
    fn an_attribution_between_commas_splits_its_content_in_two() {
        let two = |a: &str, b: &str, speaker: &str| {
            vec![
                (a.to_owned(), speaker.to_owned(), "R2"),
                (b.to_owned(), speaker.to_owned(), "R2"),
            ]
        };
        let t = "The plan, Mara Voss said on Monday, is dead in the water.";
        assert_eq!(
            found(t),
            two("The plan", "is dead in the water", "Mara Voss")
        );
        // a pronoun speaker; a recipient after "told"
        let t = "In a merger, he said, most of the jobs would go.";
        assert_eq!(
            found(t),
            two("In a merger", "most of the jobs would go", "he")
        );
        let t = "The ferries, Otten told the Harbour Courier, would run all winter.";
        assert_eq!(
            found(t),
            two("The ferries", "would run all winter", "Otten")
        );
        // an opener alone is no content of its own
        let t = "Still, she said, the ferries will run.";
        assert_eq!(found(t), one("the ferries will run", "she", "R2"));
    }

    #[test]
    fn commas_around_an_object_or_before_an_appositive_are_no_attribution() {
        // "called" has an object, not a setting: the commas enclose a clause
        let t = "At the time, Karl Otten called the plan a fraud, and then he left.";
        assert_eq!(found(t), vec![], "{t}");
        // after ", said Ed Rendell," comes his appositive, not the rest of the content
        assert!(
            found("The plan, said Ed Rendell, who chairs the board, was never funded.").is_empty()
        );
        // too little after the second comma
        assert!(found("The plan, Voss said, died.").is_empty());
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
