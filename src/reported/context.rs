//! Per-paragraph context of the tagger's features (`feats.para_features` up to the
//! feature list): lowercase forms, lexicon flags, namedrop mentions and quotes per
//! token, sentence ids, distances to the nearest cue word, commas, positions.

use super::lexicon::Lex;
use super::tokens::{is_word_char, sentences, RTok};

/// A namedrop mention as the features see it.
#[derive(Debug, Clone, Copy)]
pub struct EntSpan<'a> {
    /// First byte.
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// "PERSON", "ORG", ...
    pub label: &'a str,
    /// "gazetteer", "linked", "discovered", ... ([`crate::MentionSource::as_str`]).
    pub source: &'a str,
}

impl<'a> From<&'a crate::Mention> for EntSpan<'a> {
    /// The mention's span, label and source, as the features read them.
    fn from(m: &'a crate::Mention) -> Self {
        EntSpan {
            start: m.start,
            end: m.end,
            label: &m.label,
            source: m.source.as_str(),
        }
    }
}

/// A namedrop quote (any kind) as the features see it.
#[derive(Debug, Clone, Copy)]
pub struct QuoteSpan<'a> {
    /// Byte of the opening mark.
    pub start: usize,
    /// Byte after the closing mark.
    pub end: usize,
    /// "direct", "partial", ... ([`crate::QuoteKind::as_str`]).
    pub kind: &'a str,
}

/// The context of one paragraph's tokens.
#[derive(Default)]
pub(crate) struct Para<'t> {
    pub words: Vec<&'t str>,
    pub low: Vec<String>,
    /// Lowercase buffers of longer paragraphs, kept for the next long one.
    spare: Vec<String>,
    pub sent: Vec<u32>,
    pub cue: Vec<Option<&'t str>>,
    /// Multi-word cue: (first word, tier).
    pub mw: Vec<Option<(bool, &'t str)>>,
    /// Mention: (first token in this paragraph, label, source).
    pub ent: Vec<Option<(bool, &'t str, &'t str)>>,
    pub inq: Vec<Option<&'t str>>,
    /// The mentions that overlap the paragraph (what its tokens can overlap).
    pub ents_here: Vec<EntSpan<'t>>,
    pub cue_any: Vec<bool>,
    pub left: Vec<Option<usize>>,
    pub right: Vec<Option<usize>>,
    pub comma: Vec<usize>,
    pub pos: Vec<usize>,
    pub that_after: Vec<bool>,
    pub sent_len: Vec<usize>,
}

/// The largest lowercase buffer a call hands on (most words are far shorter).
const KEPT_BUFFER_BYTES: usize = 64;

fn lower_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        // a copy lowercased in place: whole-buffer operations, not a push per byte
        out.push_str(w);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&w.to_lowercase());
    }
}

/// The spans of `all` (sorted by start) that may overlap bytes `a..b`: those starting
/// before `b`, from the first one that ends after `a` among the ones starting before
/// `a` (a span runs over a line break rarely, so the walk back is short). Each
/// paragraph reads only its own spans: the stage stays linear in the text.
fn overlapping<T>(all: &[T], a: usize, b: usize, span: impl Fn(&T) -> (usize, usize)) -> &[T] {
    let hi = all.partition_point(|x| span(x).0 < b);
    let mut lo = all[..hi].partition_point(|x| span(x).0 < a);
    while lo > 0 && span(&all[lo - 1]).1 > a {
        lo -= 1;
    }
    &all[lo..hi]
}

/// Does the sequence `toks` hold at most `limit` words outside quoted spans (spans
/// of kind "other", titles and scare quotes, do not count)? Such a paragraph is a
/// quotation with at most a short attribution ("“…,” she said."), where there is no
/// reported speech to find: on PolNeAR train, 8.8% of the tokens are in such
/// paragraphs (at a limit of 4), and skipping them removed 7 of 11,291 items.
pub(crate) fn quoted_through(
    text: &str,
    toks: &[RTok],
    quotes: &[QuoteSpan<'_>],
    limit: usize,
) -> bool {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return true;
    };
    let here = overlapping(quotes, first.start, last.end, |q| (q.start, q.end));
    // the farthest end of the quoted spans that start at or before the token
    let (mut next, mut covered) = (0, 0);
    let mut outside = 0;
    for t in toks {
        if !text[t.start..].starts_with(is_word_char) {
            continue;
        }
        while let Some(q) = here.get(next).filter(|q| q.start <= t.start) {
            if q.kind != "other" {
                covered = covered.max(q.end);
            }
            next += 1;
        }
        if t.end > covered {
            outside += 1;
            if outside > limit {
                return false;
            }
        }
    }
    true
}

impl<'t> Para<'t> {
    /// Fills the context of `toks` (one paragraph) of `text`.
    pub fn fill(
        &mut self,
        text: &'t str,
        toks: &[RTok],
        lex: &'t Lex,
        ents: &[EntSpan<'t>],
        quotes: &[QuoteSpan<'t>],
    ) {
        let n = toks.len();
        self.words.clear();
        self.words
            .extend(toks.iter().map(|t| &text[t.start..t.end]));
        // the buffers move between `low` and `spare`, never freed between paragraphs
        while self.low.len() > n {
            self.spare.extend(self.low.pop());
        }
        while self.low.len() < n {
            self.low.push(self.spare.pop().unwrap_or_default());
        }
        for (w, l) in self.words.iter().zip(self.low.iter_mut()) {
            lower_into(w, l);
        }
        sentences(&self.words, lex, &mut self.sent);
        self.fill_cues(lex);
        self.fill_spans(toks, ents, quotes);
        self.cue_any.clear();
        self.cue_any
            .extend((0..n).map(|i| self.cue[i].is_some() || self.mw[i].is_some()));
        self.fill_distances();
        self.fill_counts();
    }

    /// The lowercase buffers, for the next call: at most a sequence's worth, and none
    /// that a long word made large (a bound on what a pooled memo holds).
    pub fn take_low(&mut self) -> Vec<String> {
        let mut all = std::mem::take(&mut self.low);
        all.append(&mut self.spare);
        all.retain(|s| s.capacity() <= KEPT_BUFFER_BYTES);
        all.truncate(super::tokens::MAX_SEQUENCE);
        all
    }

    /// One-word cue tiers and multi-word cues (one lexicon lookup per token for both).
    fn fill_cues(&mut self, lex: &'t Lex) {
        let n = self.low.len();
        self.cue.clear();
        self.mw.clear();
        self.mw.resize(n, None);
        for i in 0..n {
            let word = lex.cue_word(&self.low[i]);
            self.cue.push(word.and_then(|c| c.tier.as_deref()));
            for (k, v) in word.iter().flat_map(|c| &c.starts).map(|&c| &lex.cue_mw[c]) {
                let hit = i + k.len() <= n && k.iter().zip(&self.low[i..]).all(|(a, b)| a == b);
                if hit {
                    for j in i..i + k.len() {
                        self.mw[j] = Some((j == i, v.as_str()));
                    }
                }
            }
        }
    }

    fn fill_spans(&mut self, toks: &[RTok], ents: &[EntSpan<'t>], quotes: &[QuoteSpan<'t>]) {
        let n = toks.len();
        self.ent.clear();
        self.ent.resize(n, None);
        self.inq.clear();
        self.inq.resize(n, None);
        self.ents_here.clear();
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            return;
        };
        // the first token that ends after `at`
        let from = |at: usize| toks.partition_point(|t| t.end <= at);
        let (a, b) = (first.start, last.end);
        self.ents_here.extend(
            overlapping(ents, a, b, |e| (e.start, e.end))
                .iter()
                .filter(|e| e.start < b && e.end > a),
        );
        for e in &self.ents_here {
            let mut head = true;
            for (i, t) in toks.iter().enumerate().skip(from(e.start)) {
                if t.start >= e.end {
                    break;
                }
                self.ent[i] = Some((head, e.label, e.source));
                head = false;
            }
        }
        for q in overlapping(quotes, a, b, |q| (q.start, q.end))
            .iter()
            .filter(|q| q.start < b && q.end > a)
        {
            for (i, t) in toks.iter().enumerate().skip(from(q.start)) {
                if t.start >= q.end {
                    break;
                }
                if t.start >= q.start && t.end <= q.end {
                    self.inq[i] = Some(q.kind);
                }
            }
        }
    }

    /// Distance to the nearest cue word before / after each token in its sentence.
    fn fill_distances(&mut self) {
        let n = self.low.len();
        self.left.clear();
        self.left.resize(n, None);
        self.right.clear();
        self.right.resize(n, None);
        let mut last: Option<usize> = None;
        for i in 0..n {
            if i == 0 || self.sent[i] != self.sent[i - 1] {
                last = None;
            }
            self.left[i] = last.map(|l| i - l);
            if self.cue_any[i] {
                last = Some(i);
            }
        }
        last = None;
        for i in (0..n).rev() {
            if i + 1 == n || self.sent[i] != self.sent[i + 1] {
                last = None;
            }
            self.right[i] = last.map(|l| l - i);
            if self.cue_any[i] {
                last = Some(i);
            }
        }
    }

    /// Commas so far, position in the sentence, "that" after a cue, sentence lengths.
    fn fill_counts(&mut self) {
        let n = self.low.len();
        self.comma.clear();
        self.pos.clear();
        self.that_after.clear();
        let (mut c, mut p, mut ta) = (0, 0, false);
        for i in 0..n {
            if i == 0 || self.sent[i] != self.sent[i - 1] {
                (c, p, ta) = (0, 0, false);
            }
            self.comma.push(c);
            self.pos.push(p);
            self.that_after.push(ta);
            if matches!(self.low[i].as_str(), "," | ";" | "—" | "–" | ":") {
                c += 1;
            }
            if self.low[i] == "that" && self.left[i].is_some_and(|d| d <= 4) {
                ta = true;
            }
            p += 1;
        }
        let sents = self.sent.last().map_or(0, |&s| s as usize + 1);
        self.sent_len.clear();
        self.sent_len.resize(sents, 0);
        for &s in &self.sent {
            self.sent_len[s as usize] += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    /// The words outside quoted spans of `text`, whose spans are the `(start, end,
    /// kind)` of each pair of curly marks, as `quoted_through` counts them (limit 4).
    fn through(text: &str, kinds: &[&'static str]) -> bool {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let opens = text.match_indices('“').map(|(i, _)| i);
        let closes = text.match_indices('”').map(|(i, m)| i + m.len());
        let quotes: Vec<QuoteSpan> = opens
            .zip(closes)
            .zip(kinds)
            .map(|((start, end), &kind)| QuoteSpan { start, end, kind })
            .collect();
        quoted_through(text, &toks, &quotes, 4)
    }

    #[test]
    fn a_quotation_with_a_short_attribution_is_quoted_through() {
        assert!(through(
            "“We will win the vote on Monday,” she said.",
            &["direct"]
        ));
        assert!(through(
            "“We will win.” “And then we rest.”",
            &["direct", "direct"]
        ));
        assert!(through("Voss said so.", &[]));
    }

    #[test]
    fn words_outside_the_quotes_or_in_titles_count() {
        let long = "“We will win,” the senator from Ohio said after the vote.";
        assert!(!through(long, &["direct"]));
        // a title in marks ("other") is no quotation: its words count
        assert!(!through("She read “The Long Road Home” aloud.", &["other"]));
        assert!(!through("Voss said the plan would fail next year.", &[]));
    }
}
