//! Speech cues: is there a cue phrase at a token, and is it a verb there (not a noun,
//! a passive or a bare base form)?

use super::tokens::{Tok, Token};
use super::words::{grammar, in_list, is_word, lower_into};
use crate::lexicon::{CueTier, Lexicons};

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
    if t.cap() && !t.sent_start() && k > 0 {
        // "Read said": a capitalised word inside a sentence is a name, not a cue
        return None;
    }
    if !lex.may_start_cue(t.text(text)) {
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
        if words.len() == 1 && !verb_reading(text, toks, k, w, buf) {
            continue;
        }
        return Some((j, *tier));
    }
    None
}

/// Is the one-word cue `w` at token `k` a verb there? Not a noun reading ("the
/// report", "his calls"), a gerund used as a noun ("the warning"), a passive ("was
/// said to be"), or a base form ("call", "note") without a pronoun or auxiliary.
fn verb_reading(text: &str, toks: &[Token], k: usize, w: &str, buf: &mut String) -> bool {
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
    let noun_form =
        !(w.ends_with("ing") || w.ends_with("ed") || in_list(&grammar().verb_only_cues, w));
    if noun_form && (prev_possessive || in_list(&grammar().noun_before, &prev_lower)) {
        return false;
    }
    // a gerund used as a noun ("Moss's warning", "the warning")
    if w.ends_with("ing")
        && (prev_possessive || in_list(&grammar().gerund_determiners, &prev_lower))
    {
        return false;
    }
    // a passive ("was said to be", "was asked"): the subject is not the speaker
    if in_list(&grammar().be_forms, prev_lower.as_str())
        && in_list(&grammar().passive_cues, w)
        && !(w == "quoted"
            && toks
                .get(k + 1)
                .is_some_and(|n| n.text(text).eq_ignore_ascii_case("as")))
    {
        return false;
    }
    if is_weak_form(w) {
        // a base form ("call", "report", "note") counts only after a pronoun or auxiliary
        let to_say = prev_lower == "to" && in_list(&grammar().to_cues, w);
        let ok = to_say || in_list(&grammar().base_form_subjects, &prev_lower);
        if !ok {
            return false;
        }
    }
    true
}

fn is_weak_form(w: &str) -> bool {
    !(w.ends_with('s')
        || w.ends_with("ed")
        || w.ends_with("ing")
        || in_list(&grammar().strong_cue_forms, w))
}
