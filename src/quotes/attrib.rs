//! Attribution: a lexical grammar over the tokens around each quoted span.
//!
//! For every span the attribution looks at the rest of its sentence outside the marks:
//! after the closing mark (`“Q,” NAME said`, `“Q,” said NAME`: patterns A1–A13, B4,
//! F1), before the opening mark (`NAME said: “Q”`, `According to NAME, “Q”`: B1–B5;
//! an embedded fragment `NAME said the plan was “Q”`: D1–D3), and, when the sentence
//! has no cue, at the quotes before it (continuations C1–C5, lead-in B7).
//! Results are token ranges; the quotes stage turns them into speaker mentions.

use crate::lexicon::{CueTier, Lexicons};
use crate::tokens::{Tok, Token};
use crate::QuoteKind;

use super::scan::Span;

/// How a quote's speaker is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// A speaker phrase: token range [start, end).
    Np(usize, usize),
    /// The same speaker as an earlier quote (index into the quote list).
    Inherit(usize),
    /// No speaker.
    Nobody,
}

/// The attribution of one quoted span.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr {
    pub span: Span,
    pub who: Who,
    /// Cue token range.
    pub cue: Option<(usize, usize)>,
    pub rule: &'static str,
    pub kind: QuoteKind,
}

fn is_word(t: &Token) -> bool {
    t.kind == Tok::Word
}

fn punct_is(text: &str, t: &Token, s: &str) -> bool {
    t.kind == Tok::Punct && &text[t.start..t.end] == s
}

fn is_terminator(_text: &str, t: &Token) -> bool {
    t.term
}

fn is_dash(text: &str, t: &Token) -> bool {
    t.kind == Tok::Punct && matches!(&text[t.start..t.end], "—" | "–" | "-" | "―")
}

fn lower_into<'a>(buf: &'a mut String, s: &str) -> &'a str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return buf.as_str();
    }
    for c in s.chars() {
        buf.extend(c.to_lowercase());
    }
    buf.as_str()
}

const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "would",
    "will",
    "could",
    "might",
    "may",
    "can",
    "did",
    "does",
    "do",
    "also",
    "later",
    "then",
    "again",
    "repeatedly",
    "once",
    "previously",
    "recently",
    "reportedly",
    "now",
    "still",
    "often",
    "frequently",
    "just",
    "further",
    "simply",
    "soon",
    "subsequently",
    "earlier",
    "similarly",
    "too",
    "yet",
    "already",
    "flatly",
    "ultimately",
    "finally",
    "first",
];

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "most",
    "his", "her", "their", "its", "our", "my", "your", "another", "both", "other", "these",
    "those", "this", "that", "each", "few", "all", "senior", "top", "former", "u.s.",
];

/// Determiners that can stand alone as a speaker ("another", "some", "many").
const GROUP_HEADS: &[&str] = &[
    "another", "others", "some", "many", "both", "several", "few", "most", "all", "one", "someone",
    "somebody", "everyone", "nobody", "none",
];

/// Verb-like words between a subject and its cue ("she began saying").
const PRE_CUE: &[&str] = &[
    "began",
    "begins",
    "begin",
    "started",
    "starts",
    "went",
    "goes",
    "continued",
    "continues",
    "tried",
    "tries",
    "wanted",
    "wants",
    "decided",
    "seemed",
    "seems",
    "appeared",
    "refused",
    "kept",
    "keeps",
    "used",
    "took",
    "to",
    "going",
    "not",
    "never",
    "n't",
    "didn",
    "doesn",
    "has",
    "have",
    "had",
    "would",
    "will",
    "also",
    "later",
    "once",
    "then",
    "only",
];

const BOUNDARY: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "when", "while", "if", "than", "where",
    "after", "before", "since", "although", "though", "whether", "what", "how", "why", "but", "so",
    "until", "unless", "whereas", "as",
];

/// Prepositions and time words that end a speaker phrase after an inverted cue.
const NP_STOP: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "last",
    "this",
    "when",
    "who",
    "which",
    "that",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "while",
    "as",
    "to",
    "about",
    "via",
    "through",
    "from",
    "into",
    "because",
    "and",
    "but",
];

fn in_list(list: &[&str], lower: &str) -> bool {
    list.contains(&lower)
}

pub(crate) fn is_adverb_like(lower: &str) -> bool {
    in_list(AUX, lower) || (lower.len() > 4 && lower.ends_with("ly") && lower != "only")
}

/// Is there a speech cue starting at token `k` (ending before `end`)? Returns the end
/// token (exclusive) and the tier.
pub(crate) fn cue_at(
    text: &str,
    toks: &[Token],
    k: usize,
    end: usize,
    lex: &Lexicons,
    buf: &mut String,
) -> Option<(usize, CueTier)> {
    let t = toks.get(k)?;
    if !is_word(t) || k >= end {
        return None;
    }
    if t.cap && !t.sent_start && k > 0 {
        // "Read said": a capitalised word inside a sentence is a name, not a cue
        return None;
    }
    let phrases = lex.cues_starting(lower_into(buf, t.text(text)))?;
    let w = phrases[0].0[0].as_str();
    'outer: for (words, tier) in phrases {
        let mut j = k;
        for word in words {
            if j >= end || !is_word(&toks[j]) {
                continue 'outer;
            }
            if !toks[j].text(text).eq_ignore_ascii_case(word) {
                // non-ASCII words compare through lowercase
                if lower_into(buf, toks[j].text(text)) != word {
                    continue 'outer;
                }
            }
            j += 1;
        }
        if words.len() == 1 {
            let prev = if k > 0 { Some(toks[k - 1]) } else { None };
            let prev_lower = prev
                .filter(is_word)
                .map(|p| lower_into(buf, p.text(text)).to_string())
                .unwrap_or_default();
            let prev_possessive = prev
                .is_some_and(|p| p.kind == Tok::Word && p.text(text).eq_ignore_ascii_case("s"))
                && k >= 2
                && toks[k - 2].kind == Tok::Single;
            // a noun reading ("the report", "his calls", "in remarks")
            let noun_form = !(w.ends_with("ing")
                || w.ends_with("ed")
                || matches!(w, "said" | "told" | "wrote"));
            if noun_form && (prev_possessive || in_list(NOUN_BEFORE, &prev_lower)) {
                continue;
            }
            // a gerund used as a noun ("Moss's warning", "the warning")
            if w.ends_with("ing")
                && (prev_possessive
                    || matches!(
                        prev_lower.as_str(),
                        "the"
                            | "a"
                            | "an"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "our"
                            | "my"
                            | "your"
                            | "this"
                    ))
            {
                continue;
            }
            // a passive ("was said to be", "was asked"): the subject is not the speaker
            if matches!(
                prev_lower.as_str(),
                "was" | "were" | "is" | "are" | "be" | "been" | "being"
            ) && matches!(
                w,
                "said"
                    | "reported"
                    | "asked"
                    | "called"
                    | "described"
                    | "told"
                    | "quoted"
                    | "named"
                    | "dubbed"
                    | "labeled"
                    | "branded"
                    | "accused"
                    | "criticized"
                    | "praised"
                    | "urged"
                    | "warned"
                    | "found"
                    | "shown"
                    | "cited"
            ) && !(w == "quoted"
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.text(text).eq_ignore_ascii_case("as")))
            {
                continue;
            }
            if is_weak_form(w) {
                // a base form ("call", "report", "note") counts only after a pronoun or auxiliary
                let to_say = prev_lower == "to"
                    && matches!(
                        w,
                        "say" | "tell" | "ask" | "add" | "write" | "declare" | "argue" | "insist"
                    );
                let ok = to_say
                    || matches!(
                        prev_lower.as_str(),
                        "i" | "we"
                            | "they"
                            | "you"
                            | "will"
                            | "would"
                            | "did"
                            | "do"
                            | "can"
                            | "could"
                            | "should"
                            | "might"
                            | "may"
                            | "officials"
                            | "experts"
                            | "critics"
                            | "analysts"
                            | "sources"
                            | "people"
                            | "not"
                            | "never"
                    );
                if !ok {
                    continue;
                }
            }
        }
        return Some((j, *tier));
    }
    None
}

/// How far (in tokens) a speaker phrase or cue is looked for from its anchor.
const WINDOW: usize = 60;

/// Nouns of saying that introduce a quote (`her remark that “…”`): pattern D4.
const SPEECH_NOUNS: &[&str] = &[
    "remark",
    "remarks",
    "statement",
    "comment",
    "comments",
    "words",
    "message",
    "warning",
    "promise",
    "pledge",
    "claim",
    "assertion",
    "argument",
    "slogan",
    "phrase",
    "tweet",
    "post",
    "letter",
    "email",
    "speech",
    "declaration",
    "vow",
    "quip",
    "retort",
    "response",
    "reply",
    "answer",
    "admission",
    "insistence",
    "accusation",
    "charge",
    "complaint",
    "plea",
    "demand",
    "prediction",
    "suggestion",
    "contention",
    "view",
    "verdict",
];

/// Words before a cue form that make it a noun ("the report", "in remarks").
const NOUN_BEFORE: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "in", "of", "for", "on", "with", "by", "from", "at", "no", "any", "public", "recent",
    "new", "whose", "such", "two", "three", "several", "many", "some",
];

fn is_weak_form(w: &str) -> bool {
    !(w.ends_with('s')
        || w.ends_with("ed")
        || w.ends_with("ing")
        || matches!(w, "said" | "told" | "wrote" | "according" | "went" | "read"))
}

/// The result of looking for a speaker phrase.
struct Found {
    np: (usize, usize),
    cue: (usize, usize),
    rule: &'static str,
}

pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub lex: &'a Lexicons,
    buf: String,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, toks: &'a [Token], lex: &'a Lexicons) -> Self {
        Ctx {
            text,
            toks,
            lex,
            buf: String::with_capacity(32),
        }
    }

    fn lower(&mut self, k: usize) -> &str {
        let t = self.toks[k];
        lower_into(&mut self.buf, &self.text[t.start..t.end])
    }

    fn word_in(&mut self, k: usize, list: &[&str]) -> bool {
        is_word(&self.toks[k]) && {
            let w = self.lower(k);
            in_list(list, w)
        }
    }

    fn adverb(&mut self, k: usize) -> bool {
        is_word(&self.toks[k]) && !self.toks[k].cap && {
            let w = self.lower(k);
            is_adverb_like(w)
        }
    }

    fn cue(&mut self, k: usize, end: usize) -> Option<(usize, CueTier)> {
        cue_at(self.text, self.toks, k, end, self.lex, &mut self.buf)
    }

    /// Is [s, e) a plausible speaker phrase?
    fn valid_np(&mut self, s: usize, e: usize) -> bool {
        if s >= e || e - s > 14 {
            return false;
        }
        let first = self.toks[s];
        if !is_word(&first) {
            return false;
        }
        let mut has_head = false;
        for k in s..e {
            let t = self.toks[k];
            if t.kind == Tok::Double {
                return false;
            }
            if !is_word(&t) {
                continue;
            }
            let w = self.lower(k).to_owned();
            if self.lex.pronoun(&w).is_some()
                || self.lex.role(&w).is_some()
                || (k == s && in_list(GROUP_HEADS, &w))
                || (k == s && e - s >= 2 && in_list(DETERMINERS, &w))
                || (t.cap
                    && !self.lex.is_stop_word(t.text(self.text))
                    && !self.lex.is_calendar(t.text(self.text)))
            {
                has_head = true;
            }
        }
        if !has_head {
            return false;
        }
        // a finite verb inside makes it a clause, not a phrase
        if (s + 1..e).any(|k| {
            self.word_in(
                k,
                &[
                    "is", "was", "were", "are", "has", "have", "had", "will", "would",
                ],
            )
        }) {
            return false;
        }
        // a lowercase first word must be a determiner, pronoun, role or adjective-like
        if !first.cap {
            let w = self.lower(s).to_owned();
            if in_list(BOUNDARY, &w)
                || (in_list(NP_STOP, &w) && !matches!(w.as_str(), "this" | "last"))
                || self.cue(s, e).is_some()
            {
                return false;
            }
        }
        true
    }

    /// A comma-separated segment that is a speaker phrase on its own: starts with a
    /// capitalised non-function word, a determiner or a pronoun.
    fn segment_np(&mut self, s: usize, e: usize) -> Option<(usize, usize)> {
        let mut s = s;
        while s < e
            && self.word_in(
                s,
                &[
                    "and", "but", "so", "yet", "then", "also", "still", "as", "like",
                ],
            )
        {
            s += 1;
        }
        if s >= e || !is_word(&self.toks[s]) {
            return None;
        }
        let t = self.toks[s];
        let w = self.lower(s).to_owned();
        if t.sent_start && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")) {
            return None; // "Alarmed by the unrest, ..."
        }
        let ok = (t.cap && !self.lex.is_stop_word(t.text(self.text)))
            || in_list(DETERMINERS, &w)
            || self.lex.pronoun(&w).is_some();
        if !ok || e - s > 8 {
            return None;
        }
        // a segment with a lowercase verb-like word after a name is a clause, not a name
        if (s + 1..e).any(|k| {
            let tk = self.toks[k];
            is_word(&tk) && !tk.cap && {
                let w = self.lower(k).to_owned();
                w.ends_with("ed") || in_list(AUX, &w)
            }
        }) {
            return None;
        }
        if self.valid_np(s, e) {
            Some((s, e))
        } else {
            None
        }
    }

    /// The subject of the clause that ends at `hi`: the nearest subject pronoun before
    /// it, else the leading noun phrase of the sentence.
    fn clause_subject(&mut self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let lo = lo.max(hi.saturating_sub(WINDOW));
        let mut k = hi;
        while k > lo {
            k -= 1;
            // a subject pronoun that starts a clause (not "said he was")
            if self.word_in(k, &["he", "she", "they", "we", "i"])
                && (k == lo
                    || punct_is(self.text, &self.toks[k - 1], ",")
                    || self.word_in(
                        k - 1,
                        &[
                            "and", "but", "so", "then", "yet", "while", "when", "because", "as",
                            "although", "though",
                        ],
                    ))
            {
                return Some((k, k + 1));
            }
        }
        self.leading_np(lo, hi)
    }

    /// The noun phrase that starts the sentence at `lo` (before `hi`).
    fn leading_np(&mut self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let mut s = lo;
        // skip an introductory phrase ending in a comma ("Later, ...", "In a statement, ...")
        // (the first comma followed by a name or pronoun ends it)
        let starts_np = |cx: &mut Self, k: usize| {
            k < hi && is_word(&cx.toks[k]) && {
                let w = cx.lower(k).to_owned();
                (cx.toks[k].cap && !cx.lex.is_stop_word(cx.toks[k].text(cx.text)))
                    || cx.lex.pronoun(&w).is_some()
                    || in_list(DETERMINERS, &w)
            }
        };
        if let Some(c) = (lo..hi.min(lo + 25))
            .find(|&m| punct_is(self.text, &self.toks[m], ",") && starts_np(self, m + 1))
        {
            let first = self.toks[lo].text(self.text).to_lowercase();
            let intro = self.lex.is_stop_word(self.toks[lo].text(self.text))
                || first.ends_with("ed")
                || first.ends_with("ing")
                || first.ends_with("ly");
            if c + 1 < hi && intro && !(self.lex.pronoun(&first).is_some() && c == lo + 1) {
                s = c + 1;
            }
        }
        while s < hi && self.word_in(s, &["and", "but", "so", "yet", "then", "also", "still"]) {
            s += 1;
        }
        let mut e = s;
        while e < hi {
            let t = self.toks[e];
            if t.kind == Tok::Word {
                let w = self.lower(e).to_owned();
                if e > s && (t.glued || in_list(BOUNDARY, &w) || in_list(NP_STOP, &w)) {
                    break;
                }
                if t.cap
                    || in_list(DETERMINERS, &w)
                    || self.lex.role(&w).is_some()
                    || self.lex.pronoun(&w).is_some()
                {
                    e += 1;
                    if self.lex.pronoun(&w).is_some() && e == s + 1 {
                        break;
                    }
                    continue;
                }
                if e > s
                    && e + 1 < hi
                    && (self.toks[e + 1].cap || {
                        let w = self.lower(e + 1).to_owned();
                        self.lex.role(&w).is_some()
                    })
                    && !w.ends_with("ed")
                {
                    e += 1; // an adjective inside the phrase ("former", "top")
                    continue;
                }
                if e == s + 1 && {
                    let d = self.lower(s).to_owned();
                    in_list(DETERMINERS, &d)
                } {
                    // a determiner and its words ("the ad", "the retired neurosurgeon"),
                    // up to an auxiliary, a clause word or a past-tense verb
                    let mut f = e;
                    while f < hi && f < e + 3 && is_word(&self.toks[f]) && !self.toks[f].cap {
                        let w = self.lower(f).to_owned();
                        if in_list(AUX, &w)
                            || in_list(BOUNDARY, &w)
                            || in_list(NP_STOP, &w)
                            || w.ends_with("ing")
                            || (f > e && w.ends_with("ed"))
                            || self.cue(f, hi).is_some()
                        {
                            break;
                        }
                        f += 1;
                    }
                    e = f;
                    break;
                }
                break;
            }
            if t.kind == Tok::Single
                && e + 1 < hi
                && self.toks[e + 1].text(self.text).eq_ignore_ascii_case("s")
            {
                e += 2;
                continue;
            }
            if t.kind == Tok::Punct && matches!(&self.text[t.start..t.end], "." | "-" | "&") {
                e += 1;
                continue;
            }
            break;
        }
        if e > s && self.valid_np(s, e) {
            Some((s, e))
        } else {
            None
        }
    }

    /// Forward speaker phrase from `s` (after an inverted cue): stops at punctuation,
    /// prepositions of setting, clause words and cues.
    fn np_forward(&mut self, s: usize, end: usize) -> Option<(usize, usize)> {
        let mut k = s;
        while k < end {
            let t = self.toks[k];
            if t.kind == Tok::Word {
                if k > s {
                    let w = self.lower(k).to_owned();
                    if in_list(NP_STOP, &w) || (!t.cap && self.cue(k, end).is_some()) {
                        break;
                    }
                    if t.glued {
                        break;
                    }
                }
                k += 1;
                continue;
            }
            // possessive ’s and hyphens inside the phrase
            if t.kind == Tok::Single && k + 1 < end && is_word(&self.toks[k + 1]) {
                let nx = self.toks[k + 1];
                if self.text[nx.start..nx.end].eq_ignore_ascii_case("s") {
                    k += 2;
                    continue;
                }
            }
            break;
        }
        if k > s && self.valid_np(s, k) {
            Some((s, k))
        } else {
            None
        }
    }

    /// Backward speaker phrase ending right before the cue at `c` (not before `lo`).
    fn np_backward(&mut self, lo: usize, c: usize) -> Option<(usize, usize)> {
        // a speaker phrase is near its cue: bounded work per cue keeps attribution linear
        let lo = lo.max(c.saturating_sub(WINDOW));
        // a participle ("a statement saying", "…, calling it"): the clause's subject,
        // unless it is a progressive ("he was saying")
        if self.toks[c].text(self.text).ends_with("ing")
            && !self.word_in(c, &["according"])
            && !(c > lo
                && self.word_in(
                    c - 1,
                    &[
                        "is", "was", "were", "are", "am", "been", "be", "keeps", "kept", "s",
                    ],
                ))
        {
            // `with NAME tweeting that …`: the phrase after "with"
            let mut w = c;
            while w > lo && c - w < 8 {
                w -= 1;
                if self.word_in(w, &["with"]) {
                    if w + 1 < c && self.valid_np(w + 1, c) && self.segment_np(w + 1, c).is_some() {
                        return Some((w + 1, c));
                    }
                    break;
                }
            }
            // `…, Spicer said, adding, “…”`: the subject of the cue before
            let mut k = c;
            while k > lo && c - k < 20 {
                k -= 1;
                if self.toks[k].term {
                    break;
                }
                if self.cue(k, c).is_some() && !self.toks[k].text(self.text).ends_with("ing") {
                    if let Some(np) = self.np_backward(lo, k) {
                        return Some(np);
                    }
                    break;
                }
            }
            return self.clause_subject(lo, c);
        }
        let mut j = c;
        while j > lo && (self.adverb(j - 1) || self.word_in(j - 1, PRE_CUE)) {
            j -= 1;
        }
        // a time phrase between the subject and the cue ("X, on Tuesday, called")
        while j > lo + 1
            && self.toks[j - 1].cap
            && self.lex.is_calendar(self.toks[j - 1].text(self.text))
        {
            j -= 1;
            while j > lo
                && self.word_in(
                    j - 1,
                    &["on", "last", "this", "next", "early", "late", "since"],
                )
            {
                j -= 1;
            }
            while j > lo && (self.adverb(j - 1) || self.word_in(j - 1, PRE_CUE)) {
                j -= 1;
            }
        }
        if j > lo && self.word_in(j - 1, &["who", "which", "that"]) {
            return Some((j - 1, j));
        }
        let participle = self.toks[c].text(self.text).ends_with("ing");
        if j > lo
            && (self.word_in(j - 1, &["and", "but", "or"])
                || ((j < c || participle) && punct_is(self.text, &self.toks[j - 1], ",")))
        {
            // a coordinated or participial cue: the subject of the clause
            return self.clause_subject(lo, j - 1);
        }
        if j > lo
            && (punct_is(self.text, &self.toks[j - 1], ",") || self.toks[j - 1].kind == Tok::Double)
        {
            // NAME, APPOSITIVE, said: the first comma-separated segment that is a name
            // (also after a quoted title: `As X, author of “Y,” put it`)
            // (prefer a segment that looks like a name: a title, two capitalised words
            // or a pronoun)
            let mut seg_start = lo;
            let mut first_ok = None;
            for m in lo..j {
                if m == j - 1 || punct_is(self.text, &self.toks[m], ",") {
                    if let Some(np) = self.segment_np(seg_start, m) {
                        let caps = (np.0..np.1).filter(|&k| self.toks[k].cap).count();
                        if caps >= 2 || self.is_pronoun(np) || self.starts_with_title(np.0, np.1) {
                            return Some(np);
                        }
                        first_ok.get_or_insert(np);
                    }
                    seg_start = m + 1;
                }
            }
            if let Some(np) = first_ok {
                return Some(np);
            }
            return self.clause_subject(lo, j - 1);
        }
        // NAME (PARTY-STATE) said
        if j > lo + 1 && punct_is(self.text, &self.toks[j - 1], ")") {
            let mut m = j - 1;
            while m > lo && !punct_is(self.text, &self.toks[m], "(") && j - m < 12 {
                m -= 1;
            }
            if punct_is(self.text, &self.toks[m], "(") {
                j = m;
            }
        }
        let end = j;
        let mut s = end;
        while s > lo {
            let t = self.toks[s - 1];
            if t.kind == Tok::Word {
                let w = self.lower(s - 1).to_owned();
                if in_list(BOUNDARY, &w) {
                    break;
                }
                if !t.cap && s < end && self.cue(s - 1, end).is_some() {
                    break;
                }
                if self.toks[s].glued && s < end {
                    break;
                }
                s -= 1;
                continue;
            }
            if t.kind == Tok::Single
                && s < end
                && self.toks[s].text(self.text).eq_ignore_ascii_case("s")
            {
                s -= 1;
                continue;
            }
            if (punct_is(self.text, &t, "-") || punct_is(self.text, &t, "&"))
                && s >= 2
                && self.toks[s - 2].end == t.start
            {
                s -= 1;
                continue;
            }
            break;
        }
        if end - s > 10 {
            s = end - 10;
        }
        // drop leading conjunctions and sentence adverbs
        while s < end && is_word(&self.toks[s]) {
            let w = self.lower(s).to_owned();
            if in_list(DETERMINERS, &w) || self.lex.pronoun(&w).is_some() {
                break;
            }
            if (self.lex.is_stop_word(self.toks[s].text(self.text)) && !self.toks[s].cap)
                || matches!(
                    w.as_str(),
                    "and"
                        | "but"
                        | "so"
                        | "yet"
                        | "then"
                        | "now"
                        | "also"
                        | "still"
                        | "however"
                        | "meanwhile"
                        | "later"
                        | "earlier"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "with"
                        | "of"
                        | "to"
                        | "by"
                        | "from"
                        | "or"
                        | "instead"
                        | "here"
                        | "there"
                )
            {
                s += 1;
                continue;
            }
            break;
        }
        if self.valid_np(s, end) {
            return Some((s, end));
        }
        // `a White House official who spoke anonymously said`: the phrase before "who"
        if s > lo + 1 && self.word_in(s - 1, &["who", "that", "which"]) {
            let end2 = s - 1;
            let mut s2 = end2;
            while s2 > lo && end2 - s2 < 8 && is_word(&self.toks[s2 - 1]) {
                let w = self.lower(s2 - 1).to_owned();
                if in_list(BOUNDARY, &w) || in_list(NP_STOP, &w) {
                    break;
                }
                s2 -= 1;
            }
            if self.valid_np(s2, end2) && self.segment_np(s2, end2).is_some() {
                return Some((s2, end2));
            }
        }
        None
    }

    /// After the closing mark: `“Q,” NAME said` / `“Q,” said NAME` / `— NAME` / `according to`.
    fn after(
        &mut self,
        lo: usize,
        hi: usize,
        inner_punct: bool,
        q_end_tok: usize,
        sent_end: bool,
    ) -> Option<Found> {
        let text = self.text;
        let mut i = lo;
        while i < hi && self.toks[i].kind == Tok::Single {
            i += 1;
        }
        if i >= hi {
            return None;
        }
        // F1: dash signature
        if is_dash(text, &self.toks[i]) && inner_punct {
            let s = i + 1;
            let mut e = s;
            while e < hi && is_word(&self.toks[e]) {
                e += 1;
            }
            if e > s && self.toks[s].cap {
                return Some(Found {
                    np: (s, e),
                    cue: (i, i + 1),
                    rule: "F1",
                });
            }
            return None;
        }
        if sent_end {
            // `“Q.” NAME said.` (a comma typed as a full stop): only a short, complete clause
            let short = hi - i <= 5 && hi < self.toks.len() && self.toks[hi].term;
            if !short {
                return None;
            }
            let k = (i + 1..hi).find(|&k| self.cue(k, hi).is_some())?;
            let (ce, _) = self.cue(k, hi)?;
            if ce == hi && self.valid_np(i, k) && self.segment_np(i, k).is_some() {
                return Some(Found {
                    np: (i, k),
                    cue: (k, ce),
                    rule: "A1",
                });
            }
            return None;
        }
        let comma_after = punct_is(text, &self.toks[i], ",");
        if comma_after {
            i += 1;
        }
        if !(inner_punct || comma_after) {
            return self.late(i, hi);
        }
        // “Q,” as NAME put it / as NAME said
        if i < hi && self.word_in(i, &["as"]) {
            i += 1;
        }
        let mut adv = false;
        let mut i2 = i;
        while i2 < hi && self.adverb(i2) {
            i2 += 1;
            adv = true;
        }
        let inverted = self
            .cue(i2, hi)
            .filter(|_| {
                !self.toks[i2].text(self.text).ends_with("ing")
                    || self.toks[i2]
                        .text(self.text)
                        .eq_ignore_ascii_case("according")
            })
            .and_then(|(ce, _)| {
                let mut j = ce;
                while j < hi && self.adverb(j) {
                    j += 1;
                }
                self.np_forward(j, hi).map(|np| (ce, j > ce, np))
            });
        if let Some((ce, adv2, np)) = inverted {
            // inversion: “Q,” said NAME  /  “Q,” according to NAME
            let according = self.word_in(i2, &["according"]);
            adv |= adv2;
            let rule = if according {
                "B4"
            } else if np.1 < hi && punct_is(text, &self.toks[np.1], ",") {
                "A4"
            } else if self.is_pronoun(np) {
                "A7"
            } else if adv {
                "A10"
            } else {
                "A2"
            };
            return Some(Found {
                np,
                cue: (i2, ce),
                rule,
            });
        }
        // NAME ... said
        let lim = hi.min(i + 40);
        let mut k = i;
        let mut cue = None;
        while k < lim {
            if let Some((ce, _)) = self.cue(k, hi) {
                cue = Some((k, ce));
                break;
            }
            k += 1;
        }
        let Some((cs, ce)) = cue else {
            return self.late(i, hi).or_else(|| self.bare_verb(i, hi));
        };
        let mut seg_end = cs;
        let mut aux = false;
        while seg_end > i && self.adverb(seg_end - 1) {
            seg_end -= 1;
            aux = true;
        }
        let mut comma = None;
        for m in i..seg_end {
            if punct_is(text, &self.toks[m], ",") {
                comma = Some(m);
                break;
            }
        }
        let mut np_end = comma.unwrap_or(seg_end);
        // NAME (PARTY-STATE) said
        if let Some(p) = (i + 1..np_end).find(|&m| punct_is(text, &self.toks[m], "(")) {
            np_end = p;
        }
        // no verbs inside the phrase: a cue-less clause between is not a speaker phrase
        // (a clause before the comma, `as his father dreamed, Mr. Turry said`, is not one)
        let clause = comma.is_some()
            && (i + 1..np_end).any(|m| {
                is_word(&self.toks[m]) && !self.toks[m].cap && self.lower(m).ends_with("ed")
            });
        if clause || !self.valid_np(i, np_end) || (comma.is_none() && np_end - i > 8) {
            return self.late(i, hi);
        }
        let cue_aux = self.adverb(cs) || (cs..ce).any(|m| self.word_in(m, &["quoted"]));
        let aux = aux || cue_aux;
        let has_aux = cue_aux
            || aux
                && (i..cs).any(|m| {
                    self.word_in(
                        m,
                        &[
                            "has", "have", "had", "would", "will", "was", "were", "is", "could",
                            "did",
                        ],
                    )
                });
        let rule = if self.word_in(cs, &["according"]) {
            "B4"
        } else if self.is_pronoun((i, np_end)) {
            "A7"
        } else if comma.is_some() {
            "A3"
        } else if has_aux || self.word_in(cs, &["quoted"]) {
            "A13"
        } else if aux {
            "A10"
        } else if self.question_or_bang(q_end_tok) {
            "A9"
        } else if self.starts_with_title(i, np_end) {
            "A5"
        } else if self.is_org((i, np_end)) {
            "A11"
        } else if self.is_nominal((i, np_end)) {
            if self.is_plural((i, np_end)) {
                "A12"
            } else {
                "A6"
            }
        } else if ce < hi && is_word(&self.toks[ce]) {
            "A8"
        } else {
            "A1"
        };
        Some(Found {
            np: (i, np_end),
            cue: (cs, ce),
            rule,
        })
    }

    /// A short Title Case quote after a preposition, a possessive or a genre noun.
    fn is_title(&mut self, lo: usize, sp: &Span) -> bool {
        let Some(close) = sp.close else { return false };
        if sp.open <= lo {
            return false;
        }
        let prev = sp.open - 1;
        let prev_ok = self.word_in(
            prev,
            &[
                "on",
                "in",
                "of",
                "with",
                "s",
                "film",
                "book",
                "show",
                "program",
                "programme",
                "song",
                "album",
                "movie",
                "documentary",
                "series",
                "titled",
                "entitled",
                "novel",
                "memoir",
                "play",
                "musical",
                "episode",
                "column",
                "essay",
                "op-ed",
                "headline",
                "segment",
                "podcast",
                "network",
                "channel",
                "magazine",
                "newspaper",
                "article",
            ],
        );
        // any Title Case fragment inside a sentence (after a word, not after `:` or `,`)
        // that does not exclaim or ask
        let last_inner = self.toks[close - 1];
        let exclaims = last_inner.kind == Tok::Punct
            && matches!(&self.text[last_inner.start..last_inner.end], "!" | "?");
        let mid_sentence = is_word(&self.toks[prev]) || self.toks[prev].kind == Tok::Single;
        if !(prev_ok || (mid_sentence && !exclaims)) {
            return false;
        }
        let mut words = 0;
        for k in sp.open + 1..close {
            let t = self.toks[k];
            match t.kind {
                Tok::Word => {
                    words += 1;
                    let w = self.lower(k).to_owned();
                    if !(t.cap
                        || t.text(self.text)
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_numeric())
                        || (words > 1
                            && matches!(
                                w.as_str(),
                                "the"
                                    | "of"
                                    | "and"
                                    | "a"
                                    | "an"
                                    | "in"
                                    | "on"
                                    | "for"
                                    | "to"
                                    | "with"
                                    | "at"
                                    | "by"
                                    | "s"
                            )))
                    {
                        return false;
                    }
                }
                Tok::Punct
                    if !matches!(
                        &self.text[t.start..t.end],
                        "." | ":" | "," | "!" | "?" | "&" | "-"
                    ) =>
                {
                    return false;
                }
                _ => {}
            }
        }
        (1..=7).contains(&words)
    }

    /// D4: a nominal cue before the quote: `her remark that “Q”`, `Moss’s warning
    /// that costs could “Q”`, `his catch phrase: “Q”`. The speaker is the possessor,
    /// else the subject of the clause.
    fn nominal_cue(&mut self, lo: usize, open: usize) -> Option<Found> {
        let mut k = open;
        while k > lo && open - k < 12 {
            k -= 1;
            if !self.word_in(k, SPEECH_NOUNS) {
                continue;
            }
            // the noun must lead to the quote: `NOUN that`, `NOUN:`, `NOUN,` or right before it
            let next = k + 1;
            let leads = next == open
                || self.word_in(next, &["that", "of", "for", "about"])
                || (self.toks[next].kind == Tok::Punct
                    && matches!(
                        &self.text[self.toks[next].start..self.toks[next].end],
                        ":" | ","
                    ));
            if !leads {
                return None;
            }
            // possessor: his/her/their/its, or NAME ’s, right before (adjectives allowed)
            let mut p = k;
            while p > lo
                && p + 3 > k
                && is_word(&self.toks[p - 1])
                && !self.toks[p - 1].cap
                && !(p >= 2 && self.toks[p - 2].kind == Tok::Single)
            {
                if self.word_in(p - 1, &["his", "her", "their", "its", "our", "my"]) {
                    return Some(Found {
                        np: (p - 1, p),
                        cue: (k, k + 1),
                        rule: "D4",
                    });
                }
                p -= 1;
            }
            if p >= lo + 2
                && self.toks[p - 1].text(self.text).eq_ignore_ascii_case("s")
                && self.toks[p - 2].kind == Tok::Single
            {
                let e = p - 2;
                let mut s = e;
                while s > lo && is_word(&self.toks[s - 1]) && self.toks[s - 1].cap {
                    s -= 1;
                }
                if s < e {
                    return Some(Found {
                        np: (s, e),
                        cue: (k, k + 1),
                        rule: "D4",
                    });
                }
            }
            return self.clause_subject(lo, k).map(|np| Found {
                np,
                cue: (k, k + 1),
                rule: "D4",
            });
        }
        None
    }

    /// `“Q,” NAME VERBed.` / `“Q,” VERBed NAME.` with a past-tense verb not in the cue
    /// lexicon ("he surmised", "the audience screamed back"): the slot itself says it
    /// is speech, when the clause is that short.
    fn bare_verb(&mut self, i: usize, hi: usize) -> Option<Found> {
        let is_verb = |cx: &mut Self, k: usize| {
            is_word(&cx.toks[k]) && !cx.toks[k].cap && {
                let w = cx.lower(k);
                w.len() > 4 && w.ends_with("ed") && !in_list(AUX, w)
            }
        };
        let tail_ok = |cx: &mut Self, k: usize| {
            (k..hi).all(|m| {
                cx.word_in(
                    m,
                    &[
                        "back", "out", "up", "again", "loudly", "angrily", "quietly", "later",
                    ],
                )
            })
        };
        if hi <= i || hi - i > 7 {
            return None;
        }
        // “Q,” VERBed NAME.
        if is_verb(self, i) {
            if let Some(np) = self.np_forward(i + 1, hi) {
                if (np.1 == hi || punct_is(self.text, &self.toks[np.1], ","))
                    && (self.toks[np.0].cap || self.is_nominal(np))
                {
                    return Some(Found {
                        np,
                        cue: (i, i + 1),
                        rule: "A2",
                    });
                }
            }
            return None;
        }
        // “Q,” NAME VERBed.
        let k = (i + 1..hi).find(|&k| is_verb(self, k))?;
        if tail_ok(self, k + 1) && self.valid_np(i, k) && self.segment_np(i, k).is_some() {
            let rule = if self.is_pronoun((i, k)) { "A7" } else { "A1" };
            return Some(Found {
                np: (i, k),
                cue: (k, k + 1),
                rule,
            });
        }
        None
    }

    /// `“Q” CLAUSE, NAME said.`: an attribution at a later comma of the sentence.
    fn late(&mut self, i: usize, hi: usize) -> Option<Found> {
        let text = self.text;
        let mut m = i;
        while m < hi {
            if !punct_is(text, &self.toks[m], ",") {
                m += 1;
                continue;
            }
            let j = m + 1;
            if let Some((ce, _)) = self.cue(j, hi) {
                if !self.word_in(j, &["according"]) {
                    if let Some(np) = self.np_forward(ce, hi) {
                        return Some(Found {
                            np,
                            cue: (j, ce),
                            rule: "D1",
                        });
                    }
                }
            }
            // NP (no comma, at most 6 tokens) then a cue
            let mut k = j;
            while k < hi && k < j + 7 && is_word(&self.toks[k]) {
                if k > j {
                    if let Some((ce, _)) = self.cue(k, hi) {
                        let mut e = k;
                        while e > j && self.adverb(e - 1) {
                            e -= 1;
                        }
                        if self.valid_np(j, e) && self.segment_np(j, e).is_some() {
                            // the cue must end the clause
                            let tail_ok = ce >= hi
                                || !is_word(&self.toks[ce])
                                || self.word_in(ce, NP_STOP)
                                || self.word_in(ce, &["of", "that"]);
                            if tail_ok {
                                return Some(Found {
                                    np: (j, e),
                                    cue: (k, ce),
                                    rule: "D1",
                                });
                            }
                        }
                        break;
                    }
                }
                k += 1;
            }
            m += 1;
        }
        None
    }

    /// The speaker reported by the sentence right before the mark at `open` (same
    /// paragraph, or the last sentence of the previous paragraph): `…, NAME said.` or
    /// `NAME said (that) …`. `None` when that sentence holds a quote or has no cue.
    fn prev_sentence_speaker(&mut self, open: usize) -> Option<Found> {
        if open == 0 {
            return None;
        }
        let term = self.toks[open - 1];
        if !term.term {
            return None;
        }
        if term.para + 1 < self.toks[open].para {
            return None;
        }
        let hi = open - 1;
        let mut lo = hi;
        while lo > 0 && !self.toks[lo - 1].term && self.toks[lo - 1].para == term.para {
            if self.toks[lo - 1].kind == Tok::Double {
                return None;
            }
            lo -= 1;
        }
        if let Some(f) = self.late(lo, hi) {
            return Some(f);
        }
        for c in lo..hi {
            if let Some((ce, _)) = self.cue(c, hi) {
                if self.word_in(c, &["according"]) {
                    continue;
                }
                if let Some(np) = self.np_backward(lo, c) {
                    return Some(Found {
                        np,
                        cue: (c, ce),
                        rule: "B7",
                    });
                }
            }
        }
        None
    }

    /// `H3` for a nickname (`Tomasz “Tom” Lind`, `known as “Big Mike”`), else `H2`.
    fn title_rule(&mut self, sp: &Span) -> &'static str {
        let prev_cap =
            sp.open > 0 && is_word(&self.toks[sp.open - 1]) && self.toks[sp.open - 1].cap;
        let next_cap = sp.close.is_some_and(|c| {
            c + 1 < self.toks.len() && is_word(&self.toks[c + 1]) && self.toks[c + 1].cap
        });
        let naming =
            sp.open > 0 && self.word_in(sp.open - 1, &["as", "nicknamed", "dubbed", "aka"]);
        if (prev_cap && next_cap) || naming {
            "H3"
        } else {
            "H2"
        }
    }

    fn question_or_bang(&self, close_tok: usize) -> bool {
        close_tok > 0 && {
            let t = self.toks[close_tok - 1];
            t.kind == Tok::Punct && matches!(&self.text[t.start..t.end], "?" | "!")
        }
    }

    fn is_pronoun(&mut self, np: (usize, usize)) -> bool {
        np.1 - np.0 == 1 && {
            let w = self.lower(np.0).to_owned();
            self.lex.pronoun(&w).is_some()
        }
    }

    fn starts_with_title(&mut self, s: usize, e: usize) -> bool {
        (s..e.min(s + 3)).any(|k| {
            let t = self.toks[k];
            t.cap && {
                let w = self.lower(k).to_owned();
                self.lex.titles_starting(&w).is_some() && k + 1 < e && self.toks[k + 1].cap
            }
        })
    }

    fn is_org(&mut self, np: (usize, usize)) -> bool {
        (np.0..np.1).any(|k| self.toks[k].cap && self.lex.is_org_word(self.toks[k].text(self.text)))
    }

    fn is_nominal(&mut self, np: (usize, usize)) -> bool {
        !self.toks[np.0].cap || {
            let w = self.lower(np.0).to_owned();
            in_list(DETERMINERS, &w)
        }
    }

    fn is_plural(&mut self, np: (usize, usize)) -> bool {
        // the head noun (last word) or a coordination
        let head = (np.0..np.1).rev().find(|&k| is_word(&self.toks[k]));
        head.is_some_and(|k| {
            let w = self.lower(k).to_owned();
            self.lex.role(&w).is_some_and(|r| r.plural)
        }) || (np.0..np.1).any(|k| {
            let w = self.lower(k).to_owned();
            w == "and"
        })
    }

    /// `a step officials in both countries called “Q”`, `a move he called “Q”`: a
    /// backward phrase that swallowed the object of a reduced relative clause. The
    /// speaker starts at the clause's subject: a pronoun or a capitalised name that
    /// ends the phrase, or a plural role noun after a singular determiner.
    fn trim_object(&mut self, np: (usize, usize)) -> (usize, usize) {
        let (s, e) = np;
        if e - s < 3 || !self.word_in(s, &["a", "an", "another", "one", "this", "that", "the"]) {
            return np;
        }
        let singular = !self.word_in(s, &["the"]);
        for k in s + 2..e {
            let (t, prev) = (self.toks[k], self.toks[k - 1]);
            if !is_word(&t) || !is_word(&prev) || prev.cap {
                break;
            }
            let pw = self.lower(k - 1).to_owned();
            if in_list(NP_STOP, &pw) || in_list(BOUNDARY, &pw) || pw == "of" || pw == "for" {
                break;
            }
            let w = self.lower(k).to_owned();
            let pronoun =
                k + 1 == e && matches!(w.as_str(), "he" | "she" | "they" | "we" | "i" | "you");
            let name = t.cap
                && !self.lex.is_stop_word(t.text(self.text))
                && (k..e).all(|m| is_word(&self.toks[m]) && self.toks[m].cap);
            let group = singular && !t.cap && self.lex.role(&w).is_some_and(|r| r.plural);
            if pronoun || name || group {
                return (k, e);
            }
        }
        np
    }

    /// Before the opening mark: `NAME said: “Q”`, `According to NAME, “Q”`, or an
    /// embedded fragment `NAME said the plan was “Q”`. Returns the finding and whether
    /// the quote is embedded in the sentence (partial).
    fn before(&mut self, lo: usize, open: usize) -> Option<(Found, bool)> {
        let text = self.text;
        let lo = lo.max(open.saturating_sub(2 * WINDOW));
        if lo >= open {
            return None;
        }
        let last = self.toks[open - 1];
        let intro = last.kind == Tok::Punct && matches!(&text[last.start..last.end], ":" | ",");
        let colon = intro && &text[last.start..last.end] == ":";
        // According to NAME, “Q”
        if self.word_in(lo, &["according"]) && lo + 1 < open && self.word_in(lo + 1, &["to"]) {
            let mut e = lo + 2;
            while e < open && !punct_is(text, &self.toks[e], ",") {
                e += 1;
            }
            if self.valid_np(lo + 2, e) {
                return Some((
                    Found {
                        np: (lo + 2, e),
                        cue: (lo, lo + 2),
                        rule: "B4",
                    },
                    !intro,
                ));
            }
        }
        // the last cue before the mark whose subject is found
        let mut c = open;
        let mut cue = None;
        let mut np_found = None;
        let mut bare = None;
        while c > lo {
            c -= 1;
            if let Some((ce, _)) = self.cue(c, open) {
                if self.word_in(c, &["according"]) {
                    cue = Some((c, ce));
                    break;
                }
                if let Some(np) = self.np_backward(lo, c) {
                    cue = Some((c, ce));
                    np_found = Some(np);
                    break;
                }
                if bare.is_none() || c == lo {
                    bare = Some((c, ce));
                }
            }
        }
        if cue.is_none() {
            if let Some(f) = self.nominal_cue(lo, open) {
                return Some((f, !intro));
            }
        }
        if cue.is_none() && intro {
            // `Said NAME, “Q”` / `explained NAME: “Q”`: an inverted cue
            if let Some((cs, ce)) = bare {
                if let Some(np) = self.np_forward(ce, open - 1) {
                    return Some((
                        Found {
                            np,
                            cue: (cs, ce),
                            rule: if colon { "B2" } else { "B1" },
                        },
                        false,
                    ));
                }
            }
        }
        if let Some((cs, ce)) = cue {
            if self.word_in(cs, &["according"]) {
                let mut e = ce;
                while e < open && !punct_is(text, &self.toks[e], ",") {
                    e += 1;
                }
                if self.valid_np(ce, e) {
                    return Some((
                        Found {
                            np: (ce, e),
                            cue: (cs, ce),
                            rule: "B4",
                        },
                        !intro,
                    ));
                }
                return None;
            }
            let np = match np_found {
                Some(np) if !intro => self.trim_object(np),
                Some(np) => np,
                None if intro => {
                    // inverted cue before the introduction: `said NAME: “Q”`
                    let np = self.np_forward(ce, open - 1)?;
                    return Some((
                        Found {
                            np,
                            cue: (cs, ce),
                            rule: if colon { "B2" } else { "B1" },
                        },
                        false,
                    ));
                }
                None => return None,
            };
            let rule = if intro {
                if colon {
                    if np.0 > lo {
                        "B3"
                    } else {
                        "B2"
                    }
                } else {
                    "B1"
                }
            } else if self.word_in(
                cs,
                &[
                    "call", "calls", "called", "calling", "dub", "dubbed", "dubs", "label",
                    "labels", "labeled", "labelled", "brand", "branded", "brands", "term",
                    "termed",
                ],
            ) {
                "D2"
            } else if self.word_in(cs, &["describe", "describes", "described", "describing"]) {
                "D3"
            } else {
                "D1"
            };
            return Some((
                Found {
                    np,
                    cue: (cs, ce),
                    rule,
                },
                !intro,
            ));
        }
        if colon {
            // B5: a colon introduction without a speech verb; the speaker is the leading
            // name of the last clause before the colon
            let mut s = open - 1;
            while s > lo
                && !punct_is(text, &self.toks[s - 1], ",")
                && !is_dash(text, &self.toks[s - 1])
            {
                s -= 1;
            }
            let mut e = s;
            while e < open - 1 && is_word(&self.toks[e]) && (self.toks[e].cap || e == s) {
                e += 1;
            }
            let w = self.lower(s).to_owned();
            if self.lex.pronoun(&w).is_some() && w != "it" && w != "who" {
                return Some((
                    Found {
                        np: (s, s + 1),
                        cue: (open - 1, open),
                        rule: "B5",
                    },
                    false,
                ));
            }
            let lower_single = e == s + 1 && !self.toks[s].cap;
            if e > s
                && !lower_single
                && self.valid_np(s, e)
                && !self.lex.is_stop_word(self.toks[s].text(text))
            {
                return Some((
                    Found {
                        np: (s, e),
                        cue: (open - 1, open),
                        rule: "B5",
                    },
                    false,
                ));
            }
            // `Senate Majority Leader X delivered a blunt message to Trump: “Q”`: the
            // subject of the sentence
            if let Some(np) = self.leading_np(lo, open - 1) {
                if np.1 - np.0 <= 8 {
                    return Some((
                        Found {
                            np,
                            cue: (open - 1, open),
                            rule: "B5",
                        },
                        false,
                    ));
                }
            }
        }
        None
    }
}

/// Attributes every span (in text order).
pub(crate) fn attribute(text: &str, toks: &[Token], spans: &[Span], lex: &Lexicons) -> Vec<Attr> {
    let mut cx = Ctx::new(text, toks, lex);
    let mut out: Vec<Attr> = Vec::with_capacity(spans.len());
    // paragraph -> first token index, computed on the fly
    let mut last_attributed: Option<usize> = None;
    for (qi, sp) in spans.iter().enumerate() {
        if qi > 0 && out[qi - 1].who != Who::Nobody {
            last_attributed = Some(qi - 1);
        }
        // the region before: back to a sentence end, the previous quote or the paragraph start
        let prev_close = if qi > 0 && spans[qi - 1].para == sp.para {
            spans[qi - 1].close.map(|c| c + 1)
        } else {
            None
        };
        let mut lo = sp.open;
        let mut pj = qi;
        loop {
            let pc = if pj > 0 && spans[pj - 1].para == sp.para {
                spans[pj - 1].close.map(|c| c + 1)
            } else {
                None
            };
            while lo > 0 {
                let t = toks[lo - 1];
                if t.para != sp.para || Some(lo) == pc || is_terminator(text, &t) {
                    break;
                }
                lo -= 1;
            }
            // look through an earlier unattributed quote of the same sentence (a title)
            if pc.is_some()
                && Some(lo) == pc
                && qi - pj < 3
                && out[pj - 1].who == Who::Nobody
                && !spans[pj - 1]
                    .close
                    .is_some_and(|c| ends_with_period(text, toks, c))
            {
                pj -= 1;
                lo = spans[pj].open;
                continue;
            }
            break;
        }
        let prev_ends_sentence = qi > 0
            && spans[qi - 1]
                .close
                .is_some_and(|c| ends_with_period(text, toks, c));
        let after_prev_quote =
            Some(lo) == prev_close && prev_close.is_some() && !prev_ends_sentence;
        // the region after: to a sentence end, the next quote or the paragraph end
        // an unclosed quote whose closing mark was typed as an opening one (`here,“ said`)
        let eff_close = sp.close.or_else(|| {
            (sp.open + 1..toks.len())
                .take_while(|&k| toks[k].para == sp.para)
                .find(|&k| {
                    toks[k].kind == Tok::Double
                        && toks[k - 1].kind == Tok::Punct
                        && matches!(&text[toks[k - 1].start..toks[k - 1].end], "," | "?" | "!")
                        && text[toks[k].end..].starts_with(char::is_whitespace)
                })
        });
        let (a_lo, a_hi) = match eff_close {
            Some(c) => {
                let mut hi = c + 1;
                while hi < toks.len() {
                    let t = toks[hi];
                    if t.para != sp.para || t.kind == Tok::Double || is_terminator(text, &t) {
                        break;
                    }
                    hi += 1;
                }
                (c + 1, hi)
            }
            None => (0, 0),
        };
        let inner_punct = eff_close.is_some_and(|c| {
            let mut c = c;
            while c > sp.open + 1 && toks[c - 1].kind == Tok::Single {
                c -= 1;
            }
            c > 0 && {
                let t = toks[c - 1];
                t.kind == Tok::Punct
                    && matches!(
                        &text[t.start..t.end],
                        "," | "." | "?" | "!" | "…" | ";" | ":" | "—" | "-"
                    )
            }
        });
        let sentence_start = lo == sp.open
            || (lo..sp.open).all(|k| {
                let t = toks[k];
                (t.kind == Tok::Punct && &text[t.start..t.end] == ",")
                    || (is_word(&t)
                        && cx.word_in(
                            k,
                            &[
                                "but", "and", "still", "yet", "so", "then", "again", "also",
                                "later", "now", "plus", "or",
                            ],
                        ))
            });
        let at_para_start = sp.open == 0 || toks[sp.open - 1].para != sp.para;

        // 0. titles of works (“Meet the Voters”) are not quotes
        if sp.close.is_some() && cx.is_title(lo, sp) {
            out.push(Attr {
                span: *sp,
                who: Who::Nobody,
                cue: None,
                rule: cx.title_rule(sp),
                kind: QuoteKind::Other,
            });
            continue;
        }
        // F2: a transcript speaker label opens the quote (`“PENCE: Well, look …`)
        {
            let mut k = sp.open + 1;
            while k < toks.len()
                && k < sp.open + 4
                && toks[k].para == sp.para
                && is_word(&toks[k])
                && toks[k].text(text).chars().count() >= 2
                && toks[k].text(text).chars().all(|c| !c.is_lowercase())
                && toks[k].text(text).chars().any(char::is_uppercase)
            {
                k += 1;
            }
            if k > sp.open + 1 && k < toks.len() && punct_is(text, &toks[k], ":") {
                out.push(Attr {
                    span: *sp,
                    who: Who::Np(sp.open + 1, k),
                    cue: Some((k, k + 1)),
                    rule: "F2",
                    kind: QuoteKind::Direct,
                });
                continue;
            }
        }
        // 0b. H9: the closing mark was lost and the attribution sits inside the unclosed
        // quote's last sentence (`"…, said Kessel.` to the paragraph end)
        if sp.close.is_none() && eff_close.is_none() {
            let mut hi = sp.open + 1;
            while hi < toks.len() && toks[hi].para == sp.para {
                hi += 1;
            }
            let end = if hi > sp.open + 1 && toks[hi - 1].term {
                hi - 1
            } else {
                hi
            };
            if let Some(f) = cx.late(sp.open + 1, end) {
                if !(f.cue.1..end).any(|k| toks[k].term)
                    && !(f.np.0..end).any(|k| toks[k].kind == Tok::Double)
                {
                    out.push(Attr {
                        span: *sp,
                        who: Who::Np(f.np.0, f.np.1),
                        cue: Some(f.cue),
                        rule: "H9",
                        kind: QuoteKind::Direct,
                    });
                    continue;
                }
            }
        }
        // 1. attribution after the quote
        if let Some(f) = if eff_close.is_some() {
            let sent_end = eff_close.is_some_and(|c| ends_with_period(text, toks, c));
            cx.after(a_lo, a_hi, inner_punct, eff_close.unwrap_or(0), sent_end)
        } else {
            None
        } {
            let kind =
                if sentence_start || (!after_prev_quote && ends_intro(text, toks, lo, sp.open)) {
                    QuoteKind::Direct
                } else if after_prev_quote {
                    QuoteKind::Continuation
                } else {
                    QuoteKind::Partial
                };
            out.push(Attr {
                span: *sp,
                who: Who::Np(f.np.0, f.np.1),
                cue: Some(f.cue),
                rule: f.rule,
                kind,
            });
            continue;
        }
        // 2. attribution before the quote (same sentence)
        if let Some((f, embedded)) = cx.before(lo, sp.open) {
            if after_prev_quote && !embedded {
                // C1: “Q1,” NAME said, “Q2.”: the second piece continues the first
                let pq = qi - 1;
                out.push(Attr {
                    span: *sp,
                    who: Who::Inherit(pq),
                    cue: Some(f.cue),
                    rule: "C1",
                    kind: QuoteKind::Continuation,
                });
                continue;
            }
            let kind = if embedded {
                QuoteKind::Partial
            } else {
                QuoteKind::Direct
            };
            out.push(Attr {
                span: *sp,
                who: Who::Np(f.np.0, f.np.1),
                cue: Some(f.cue),
                rule: f.rule,
                kind,
            });
            continue;
        }
        // 2b. format 2: the previous paragraph ends with a colon introduction
        if at_para_start && sp.open > 0 {
            let pl = sp.open - 1;
            let pt = toks[pl];
            if punct_is(text, &pt, ":") {
                let mut plo = pl;
                while plo > 0 {
                    let t = toks[plo - 1];
                    if t.para != pt.para || is_terminator(text, &t) || t.kind == Tok::Double {
                        break;
                    }
                    plo -= 1;
                }
                if let Some((f, _)) = cx.before(plo, sp.open) {
                    out.push(Attr {
                        span: *sp,
                        who: Who::Np(f.np.0, f.np.1),
                        cue: Some(f.cue),
                        rule: if f.rule == "B5" { "B5" } else { "B2" },
                        kind: QuoteKind::Direct,
                    });
                    continue;
                }
            }
        }
        // 2c. another quoted fragment of the same sentence: same speaker
        if after_prev_quote && out[qi - 1].who != Who::Nobody {
            let pa = out[qi - 1];
            out.push(Attr {
                span: *sp,
                who: Who::Inherit(qi - 1),
                cue: pa.cue,
                rule: pa.rule,
                kind: QuoteKind::Partial,
            });
            continue;
        }
        // 3a. B7: the sentence before reports the speaker ("Trump isn't a conservative,
        // he said. “He's a liberal!”"); not when that sentence holds a quote
        // a quote that is the subject of a longer sentence (`"Top secret" is the highest
        // level`) is a word used as a word (H4), not a continuation
        let standalone = !(sp.close.is_some()
            && a_lo < a_hi
            && cx.word_in(
                a_lo,
                &[
                    "is", "was", "means", "meant", "refers", "has", "became", "remains",
                ],
            )
            && sp
                .close
                .is_some_and(|c| (sp.open + 1..c).filter(|&k| is_word(&toks[k])).count() <= 3));
        if sentence_start && !sp.continues && standalone {
            if let Some(f) = cx.prev_sentence_speaker(sp.open) {
                out.push(Attr {
                    span: *sp,
                    who: Who::Np(f.np.0, f.np.1),
                    cue: None,
                    rule: "B7",
                    kind: QuoteKind::Continuation,
                });
                continue;
            }
        }
        // 3. no cue in the sentence: continuation of an earlier quote
        if sentence_start && (standalone || sp.continues) {
            // continue the last sentence-level quote, not a fragment embedded after it
            // (`asked X, referring to what he calls the “crooked” process. “…”`)
            let prev = last_attributed.map(|p| {
                let mut q = p;
                while q > 0
                    && out[q].kind == QuoteKind::Partial
                    && out[q - 1].span.para == out[p].span.para
                    && out[q - 1].who != Who::Nobody
                    && p - q < 4
                {
                    q -= 1;
                }
                if out[q].kind == QuoteKind::Partial {
                    p
                } else {
                    q
                }
            });
            if let Some(p) = prev {
                let pa = out[p];
                let same_para = pa.span.para == sp.para;
                if sp.continues && p + 1 == qi {
                    out.push(Attr {
                        span: *sp,
                        who: Who::Inherit(p),
                        cue: None,
                        rule: "C3",
                        kind: QuoteKind::Continuation,
                    });
                    continue;
                }
                if same_para {
                    out.push(Attr {
                        span: *sp,
                        who: Who::Inherit(p),
                        cue: None,
                        rule: "C2",
                        kind: QuoteKind::Continuation,
                    });
                    continue;
                }
                // (a one-word shout from the crowd does not continue a speaker's turn)
                let words = (sp.open + 1..sp.close.unwrap_or(sp.open + 1))
                    .filter(|&k| is_word(&toks[k]))
                    .take(2)
                    .count();
                if at_para_start
                    && pa.span.para + 1 == sp.para
                    && (words >= 2 || sp.close.is_none())
                {
                    // C5: an exchange: after a reply, the unattributed question goes back
                    // to the one who asked
                    let reply = pa.cue.is_some_and(|(cs, _)| {
                        cx.word_in(
                            cs,
                            &[
                                "replied",
                                "responded",
                                "answered",
                                "replies",
                                "responds",
                                "answers",
                            ],
                        )
                    });
                    if reply {
                        if let Some(pp) = out[p.saturating_sub(8)..p]
                            .iter()
                            .rposition(|a| matches!(a.who, Who::Np(..)))
                            .map(|i| i + p.saturating_sub(8))
                        {
                            out.push(Attr {
                                span: *sp,
                                who: Who::Inherit(pp),
                                cue: None,
                                rule: "C5",
                                kind: QuoteKind::Continuation,
                            });
                            continue;
                        }
                    }
                    out.push(Attr {
                        span: *sp,
                        who: Who::Inherit(p),
                        cue: None,
                        rule: "C4",
                        kind: QuoteKind::Continuation,
                    });
                    continue;
                }
            }
        }
        out.push(Attr {
            span: *sp,
            who: Who::Nobody,
            cue: None,
            rule: "",
            kind: QuoteKind::Other,
        });
    }
    // an unattributed fragment takes the speaker of the next quote of its sentence
    for qi in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (out[qi], out[qi + 1]);
        if a.who != Who::Nobody || a.rule == "H2" || a.span.para != b.span.para {
            continue;
        }
        let Some(close) = a.span.close else { continue };
        if ends_with_period(text, toks, close)
            || (close + 1..b.span.open).any(|k| is_terminator(text, &toks[k]))
        {
            continue;
        }
        if let Who::Np(s, e) = b.who {
            out[qi] = Attr {
                span: a.span,
                who: Who::Np(s, e),
                cue: b.cue,
                rule: b.rule,
                kind: QuoteKind::Partial,
            };
        }
    }
    out
}

/// Does the quote closed by mark `close` end with a full stop inside the marks?
fn ends_with_period(text: &str, toks: &[Token], close: usize) -> bool {
    close > 0 && {
        let t = toks[close - 1];
        t.kind == Tok::Punct && &text[t.start..t.end] == "."
            || (t.kind == Tok::Word
                && t.text(text).ends_with('.')
                && t.text(text).len() > 3
                && !t.text(text)[..t.text(text).len() - 1].contains('.'))
    }
}

fn ends_intro(text: &str, toks: &[Token], lo: usize, open: usize) -> bool {
    open > lo && {
        let t = toks[open - 1];
        t.kind == Tok::Punct && matches!(&text[t.start..t.end], ":" | ",")
    }
}
