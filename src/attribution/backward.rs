//! The backward speaker phrase: the one that ends right before a cue.

use super::tokens::Tok;
use super::walk::{Dir, Stops};
use super::words::*;
use super::Ctx;

impl Ctx<'_> {
    /// Backward speaker phrase ending right before the cue at `c` (not before `lo`).
    pub(super) fn np_backward(&mut self, lo: usize, c: usize) -> Option<(usize, usize)> {
        // a speaker phrase is near its cue: bounded work per cue keeps attribution linear
        let lo = lo.max(c.saturating_sub(WINDOW));
        // a participle ("a statement saying", "…, calling it"): the clause's subject,
        // unless it is a progressive ("he was saying")
        if self.toks[c].text(self.text).ends_with("ing")
            && !self.word_in(c, &["according"])
            && !(c > lo && self.word_in(c - 1, &grammar().backward_verbs))
        {
            return self.participle_subject(lo, c);
        }
        let mut j = self.cue_prefix_start(lo, c);
        if j > lo && self.word_in(j - 1, &grammar().relative_pronouns) {
            return Some((j - 1, j));
        }
        let participle = self.toks[c].text(self.text).ends_with("ing");
        if j > lo
            && (self.word_in(j - 1, &grammar().coordinators)
                || ((j < c || participle) && punct_is(self.text, &self.toks[j - 1], ",")))
        {
            // a coordinated or participial cue: the subject of the clause
            return self
                .coordinated_pronoun(lo, j)
                .or_else(|| self.clause_subject(lo, j - 1));
        }
        if j > lo
            && (punct_is(self.text, &self.toks[j - 1], ",") || self.toks[j - 1].kind == Tok::Double)
        {
            return self.comma_segments(lo, j);
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
        let s = self.walk(Dir::Backward, lo, end, &Stops::backward());
        let s = self.drop_leading(s, end);
        if self.valid_np(s, end) {
            return Some((s, end));
        }
        self.before_relative(lo, s)
    }

    /// `… at the mention of email she laughed and admitted “Q”`: a subject pronoun, one
    /// verb and the coordinator right before the cue (which starts at `j`) make that
    /// pronoun the subject of both verbs, whatever clause the sentence opened with;
    /// not the pronoun of a clause another cue reports (`Lee said they lied and added`,
    /// `Lee told reporters they failed and admitted`: a cue among the three words
    /// before it).
    fn coordinated_pronoun(&mut self, lo: usize, j: usize) -> Option<(usize, usize)> {
        let (p, verb) = (j.checked_sub(3)?, j - 2);
        let coordinated = p >= lo
            && self.word_in(j - 1, &grammar().coordinators)
            && self.word_in(p, &grammar().subject_pronouns)
            && is_word(&self.toks[verb])
            && !self.toks[verb].cap();
        let reported =
            coordinated && (p.saturating_sub(3).max(lo)..p).any(|m| self.cue(m, p).is_some());
        (coordinated && !reported).then_some((p, p + 1))
    }

    /// The subject of a participial cue at `c`: the phrase after "with", the subject
    /// of a cue before it, else the clause's subject.
    fn participle_subject(&mut self, lo: usize, c: usize) -> Option<(usize, usize)> {
        // `with NAME (recently) tweeting that …`: the phrase after "with"
        let mut e = c;
        while e > lo && self.adverb(e - 1) {
            e -= 1;
        }
        let mut w = e;
        while w > lo && c - w < 8 {
            w -= 1;
            if self.word_in(w, &["with"]) {
                if w + 1 < e && self.valid_np(w + 1, e) && self.segment_np(w + 1, e).is_some() {
                    return Some((w + 1, e));
                }
                break;
            }
        }
        // `…, Spicer said, adding, “…”`: the subject of the cue before
        let mut k = c;
        while k > lo && c - k < 20 {
            k -= 1;
            if self.toks[k].term() {
                break;
            }
            // a clause of its own in between (`although he thanked …, he sounded a
            // note, saying`): the participle is that clause's
            if punct_is(self.text, &self.toks[k], ",") && k + 1 < c {
                if let Some(np) = self.clause_opening(k + 1, c) {
                    return Some(np);
                }
            }
            if self.cue(k, c).is_some() && !self.toks[k].text(self.text).ends_with("ing") {
                if let Some(np) = self.np_backward(lo, k) {
                    return Some(np);
                }
                break;
            }
        }
        self.clause_subject(lo, c)
    }

    /// The subject of a clause that opens at token `k` (after a comma, before `c`): a
    /// subject pronoun or a name, then a lowercase word (its verb). Not a possessive
    /// (`, Mr. Trump's private club,`), which is an appositive.
    fn clause_opening(&mut self, k: usize, c: usize) -> Option<(usize, usize)> {
        let opens = self.word_in(k, &grammar().subject_pronouns)
            || (is_word(&self.toks[k]) && self.name_word(k));
        if !opens {
            return None;
        }
        let np = self.leading_np(k, c)?;
        let verb_next = np.1 < c && is_word(&self.toks[np.1]) && !self.toks[np.1].cap();
        let possessive = self.toks[np.1 - 1]
            .text(self.text)
            .eq_ignore_ascii_case("s")
            && np.1 - np.0 >= 2
            && self.toks[np.1 - 2].kind == Tok::Single;
        (verb_next && !possessive).then_some(np)
    }

    /// The first token of the adverbs, pre-cue verbs and time phrases right before the
    /// cue at `c` ("has repeatedly", "began", "on Tuesday").
    fn cue_prefix_start(&mut self, lo: usize, c: usize) -> usize {
        let mut j = c;
        while j > lo && (self.adverb(j - 1) || self.word_in(j - 1, &grammar().pre_cue)) {
            j -= 1;
        }
        // a time phrase between the subject and the cue ("X, on Tuesday, called")
        while j > lo + 1
            && self.toks[j - 1].cap()
            && self.lex.is_calendar(self.toks[j - 1].text(self.text))
            && !self.surname(j - 1)
        {
            j -= 1;
            while j > lo && self.word_in(j - 1, &grammar().time_prefixes) {
                j -= 1;
            }
            while j > lo && (self.adverb(j - 1) || self.word_in(j - 1, &grammar().pre_cue)) {
                j -= 1;
            }
        }
        j
    }

    /// `NAME, APPOSITIVE, said`: the first comma-separated segment before token `j`
    /// that is a name (also after a quoted title: `As X, author of “Y,” put it`),
    /// preferring one that looks like a name (a title, two capitalised words or a
    /// pronoun); else the subject of the clause.
    fn comma_segments(&mut self, lo: usize, j: usize) -> Option<(usize, usize)> {
        let mut seg_start = lo;
        let mut first_ok = None;
        for m in lo..j {
            if m == j - 1 || punct_is(self.text, &self.toks[m], ",") {
                if let Some(np) = self.segment_np(seg_start, m) {
                    let caps = (np.0..np.1).filter(|&k| self.toks[k].cap()).count();
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
        self.clause_subject(lo, j - 1)
    }

    /// `s` moved past leading conjunctions, prepositions and sentence adverbs.
    fn drop_leading(&mut self, mut s: usize, end: usize) -> usize {
        while s < end && is_word(&self.toks[s]) {
            let w = self.lower(s).to_owned();
            if in_list(&grammar().determiners, &w) || self.lex.pronoun(&w).is_some() {
                break;
            }
            if (self.lex.is_stop_word(self.toks[s].text(self.text)) && !self.toks[s].cap())
                || in_list(&grammar().dropped_leading_words, w.as_str())
            {
                s += 1;
                continue;
            }
            break;
        }
        s
    }

    /// `a White House official who spoke anonymously said`: the phrase before "who"
    /// (ending before token `s`).
    fn before_relative(&mut self, lo: usize, s: usize) -> Option<(usize, usize)> {
        if s > lo + 1 && self.word_in(s - 1, &grammar().relative_pronouns) {
            let end2 = s - 1;
            let mut s2 = end2;
            while s2 > lo && end2 - s2 < 8 && is_word(&self.toks[s2 - 1]) {
                let w = self.lower(s2 - 1).to_owned();
                if in_list(&grammar().boundary, &w) || in_list(&grammar().np_stop, &w) {
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
}
