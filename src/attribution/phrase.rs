//! Speaker phrases: the noun phrase before or after a cue, and the predicates on a
//! phrase (pronoun, title, organisation, nominal, plural).

use super::tokens::Tok;
use super::walk::{Dir, Stops};
use super::words::*;
use super::Ctx;
use crate::lexicon::is_intro_word;

impl Ctx<'_> {
    /// Is [s, e) a plausible speaker phrase?
    pub(super) fn valid_np(&mut self, s: usize, e: usize) -> bool {
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
                || (k == s && in_list(&grammar().group_heads, &w))
                || (k == s && e - s >= 2 && in_list(&grammar().determiners, &w))
                || (t.cap()
                    && !self.lex.is_stop_word(t.text(self.text))
                    && !self.lex.is_calendar(t.text(self.text)))
                || self.surname(k)
            {
                has_head = true;
            }
        }
        if !has_head {
            return false;
        }
        // a finite verb inside makes it a clause, not a phrase
        if (s + 1..e).any(|k| self.word_in(k, &grammar().np_aux)) {
            return false;
        }
        // a lowercase first word must be a determiner, pronoun, role or adjective-like
        if !first.cap() {
            let w = self.lower(s).to_owned();
            if in_list(&grammar().boundary, &w)
                || (in_list(&grammar().np_stop, &w)
                    && !in_list(&grammar().np_stop_exceptions, w.as_str()))
                || self.cue(s, e).is_some()
            {
                return false;
            }
        }
        true
    }

    /// A comma-separated segment that is a speaker phrase on its own: starts with a
    /// capitalised non-function word, a determiner or a pronoun.
    pub(super) fn segment_np(&mut self, s: usize, e: usize) -> Option<(usize, usize)> {
        let mut s = s;
        while s < e && self.word_in(s, &grammar().np_leading_words) {
            s += 1;
        }
        if s >= e || !is_word(&self.toks[s]) {
            return None;
        }
        let t = self.toks[s];
        let w = self.lower(s).to_owned();
        if t.sent_start() && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")) {
            return None; // "Alarmed by the unrest, ..."
        }
        // a time phrase, not a name: "Tuesday at Baldwin Wallace University, …" (but
        // "April Ryan")
        if self.lex.is_calendar(t.text(self.text))
            && (s + 1 == e || !self.toks[s + 1].cap())
            && !self.surname(s)
        {
            return None;
        }
        let ok = self.name_word(s)
            || in_list(&grammar().determiners, &w)
            || self.lex.pronoun(&w).is_some();
        if !ok || e - s > 8 {
            return None;
        }
        // a segment with a lowercase verb-like word after a name is a clause, not a name
        if (s + 1..e).any(|k| {
            let tk = self.toks[k];
            is_word(&tk) && !tk.cap() && {
                let w = self.lower(k).to_owned();
                w.ends_with("ed") || in_list(&grammar().aux, &w)
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
    pub(super) fn clause_subject(&mut self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let lo = lo.max(hi.saturating_sub(WINDOW));
        let mut k = hi;
        while k > lo {
            k -= 1;
            // a subject pronoun that starts a clause (not "said he was")
            if self.word_in(k, &grammar().subject_pronouns)
                && (k == lo
                    || punct_is(self.text, &self.toks[k - 1], ",")
                    || self.word_in(k - 1, &grammar().clause_conjunctions))
            {
                return Some((k, k + 1));
            }
        }
        self.leading_np(lo, hi)
    }

    /// The noun phrase that starts the sentence at `lo` (before `hi`).
    pub(super) fn leading_np(&mut self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let start = self.skip_dateline(lo, hi);
        let mut s = self.skip_intro(start, hi);
        while s < hi && self.word_in(s, &grammar().leading_conjunctions) {
            s += 1;
        }
        let mut e = s;
        while e < hi {
            let t = self.toks[e];
            if t.kind == Tok::Word {
                let w = self.lower(e).to_owned();
                if e > s
                    && (t.glued()
                        || in_list(&grammar().boundary, &w)
                        || in_list(&grammar().np_stop, &w))
                {
                    break;
                }
                if t.cap()
                    || in_list(&grammar().determiners, &w)
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
                    && (self.toks[e + 1].cap() || {
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
                    in_list(&grammar().determiners, &d)
                } {
                    e = self.determiner_words(e, hi);
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
            if t.kind == Tok::Punct && matches!(&self.text[t.start()..t.end()], "." | "-" | "&") {
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

    /// Past a dateline that opens the paragraph at `lo` ("WASHINGTON —", "MIAMI, Dec.
    /// 8 (AP) —"): a word in capitals, then only capitalised words, numbers and
    /// `, . ( )` up to a dash. The dateline is no part of the sentence, so never its
    /// subject.
    fn skip_dateline(&self, lo: usize, hi: usize) -> usize {
        let opens_paragraph = lo == 0 || self.toks[lo - 1].para() != self.toks[lo].para();
        let word = self.toks[lo].text(self.text);
        let capitals = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word.chars().any(char::is_lowercase);
        if !(opens_paragraph && capitals && self.toks[lo].kind == Tok::Word) {
            return lo;
        }
        for k in lo + 1..hi.min(lo + 12) {
            let t = self.toks[k];
            let text = t.text(self.text);
            match t.kind {
                Tok::Punct if is_dash(self.text, &t) => return k + 1,
                Tok::Punct if matches!(text, "," | "." | "(" | ")") => {}
                Tok::Word if t.cap() || text.starts_with(|c: char| c.is_ascii_digit()) => {}
                _ => return lo,
            }
        }
        lo
    }

    /// The start of the sentence's subject: past an introductory phrase ending in a
    /// comma ("Later, ...", "In a statement, ..."; the first comma followed by a name
    /// or pronoun ends it).
    fn skip_intro(&mut self, lo: usize, hi: usize) -> usize {
        let mut s = lo;
        let starts_np = |cx: &mut Self, k: usize| {
            k < hi && is_word(&cx.toks[k]) && {
                let w = cx.lower(k).to_owned();
                cx.name_word(k)
                    || cx.lex.pronoun(&w).is_some()
                    || in_list(&grammar().determiners, &w)
            }
        };
        if let Some(c) = (lo..hi.min(lo + 25))
            .find(|&m| punct_is(self.text, &self.toks[m], ",") && starts_np(self, m + 1))
        {
            let first = self.toks[lo].text(self.text).to_lowercase();
            let intro = self.lex.is_stop_word(self.toks[lo].text(self.text))
                || is_intro_word(&first)
                || first.ends_with("ed")
                || first.ends_with("ing")
                || first.ends_with("ly");
            if c + 1 < hi && intro && !(self.lex.pronoun(&first).is_some() && c == lo + 1) {
                s = c + 1;
            }
        }
        s
    }

    /// The end of a determiner's words ("the ad", "the retired neurosurgeon") from
    /// token `e`: up to an auxiliary, a clause word or a past-tense verb.
    fn determiner_words(&mut self, e: usize, hi: usize) -> usize {
        // a determiner and its words ("the ad", "the retired neurosurgeon"),
        // up to an auxiliary, a clause word or a past-tense verb
        let mut f = e;
        while f < hi && f < e + 3 && is_word(&self.toks[f]) && !self.toks[f].cap() {
            let w = self.lower(f).to_owned();
            if in_list(&grammar().aux, &w)
                || in_list(&grammar().boundary, &w)
                || in_list(&grammar().np_stop, &w)
                || w.ends_with("ing")
                || (f > e && w.ends_with("ed"))
                || self.cue(f, hi).is_some()
            {
                break;
            }
            f += 1;
        }
        f
    }

    /// Forward speaker phrase from `s` (after an inverted cue, before `end`): the words
    /// a forward walk takes ([`Stops::forward`]), if they make a phrase.
    pub(super) fn np_forward(&mut self, s: usize, end: usize) -> Option<(usize, usize)> {
        let k = self.walk(Dir::Forward, s, end, &Stops::forward());
        (k > s && self.valid_np(s, k)).then_some((s, k))
    }

    /// Is token `k` capitalised and no function word (a word a name can start with),
    /// or a function word this text uses as a surname ("May" of "Theresa May")?
    pub(super) fn name_word(&self, k: usize) -> bool {
        let t = self.toks[k];
        t.cap() && (!self.lex.is_stop_word(t.text(self.text)) || self.surname(k))
    }

    /// Is token `k` a function or calendar word the text uses as a surname
    /// ([`mark_surnames`](super::surnames::mark_surnames))?
    pub(super) fn surname(&self, k: usize) -> bool {
        self.toks[k].surname()
    }

    pub(super) fn is_pronoun(&mut self, np: (usize, usize)) -> bool {
        np.1 - np.0 == 1 && {
            let w = self.lower(np.0).to_owned();
            self.lex.pronoun(&w).is_some()
        }
    }

    pub(super) fn starts_with_title(&mut self, s: usize, e: usize) -> bool {
        (s..e.min(s + 3)).any(|k| {
            let t = self.toks[k];
            t.cap() && {
                let w = self.lower(k).to_owned();
                self.lex.titles_starting(&w).is_some() && k + 1 < e && self.toks[k + 1].cap()
            }
        })
    }

    pub(super) fn is_org(&mut self, np: (usize, usize)) -> bool {
        (np.0..np.1)
            .any(|k| self.toks[k].cap() && self.lex.is_org_word(self.toks[k].text(self.text)))
    }

    pub(super) fn is_nominal(&mut self, np: (usize, usize)) -> bool {
        !self.toks[np.0].cap() || {
            let w = self.lower(np.0).to_owned();
            in_list(&grammar().determiners, &w)
        }
    }

    pub(super) fn is_plural(&mut self, np: (usize, usize)) -> bool {
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
    pub(super) fn trim_object(&mut self, np: (usize, usize)) -> (usize, usize) {
        let (s, e) = np;
        if e - s < 3 || !self.word_in(s, &grammar().object_determiners) {
            return np;
        }
        let singular = !self.word_in(s, &["the"]);
        for k in s + 2..e {
            let (t, prev) = (self.toks[k], self.toks[k - 1]);
            if !is_word(&t) || !is_word(&prev) || prev.cap() {
                break;
            }
            let pw = self.lower(k - 1).to_owned();
            if in_list(&grammar().np_stop, &pw)
                || in_list(&grammar().boundary, &pw)
                || pw == "of"
                || pw == "for"
            {
                break;
            }
            let w = self.lower(k).to_owned();
            let pronoun = k + 1 == e && in_list(&grammar().personal_pronouns, w.as_str());
            let name =
                self.name_word(k) && (k..e).all(|m| is_word(&self.toks[m]) && self.toks[m].cap());
            let group = singular && !t.cap() && self.lex.role(&w).is_some_and(|r| r.plural);
            if pronoun || name || group {
                return (k, e);
            }
        }
        np
    }
}
