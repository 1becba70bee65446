//! Discovered names: people the gazetteer does not know, found from title and role
//! cues, quote speaker slots, speech-cue subjects and person appositives.

use crate::attribution::tokens::{Tok, Token};
use crate::attribution::{cue_at, is_adverb_like, Attr, Who};
use crate::lexicon::{link_words, Lexicons};
use crate::Gender;

use super::names::{is_name_token, name_run, run_from, title_at};

/// A discovered name candidate: token range and the gender of its title, if any.
pub(super) struct NameFound {
    pub s: usize,
    pub e: usize,
    pub gender: Option<(Gender, String)>,
    /// The first token of the title before the name, when a title cue found it.
    pub title: Option<usize>,
}

/// A speech cue right after the name ending before token `e`: `NAME said`, `NAME
/// later told`, `NAME (D-Ohio) said`, `NAME, APPOSITIVE, said`.
fn cue_follows(toks: &[Token], text: &str, e: usize, lex: &Lexicons, buf: &mut String) -> bool {
    let skip = |mut j: usize, buf: &mut String| {
        let lim = j + 3;
        while j < toks.len() && j < lim && toks[j].kind == Tok::Word && !toks[j].cap() && {
            buf.clear();
            buf.push_str(&toks[j].text(text).to_lowercase());
            is_adverb_like(buf)
        } {
            j += 1;
        }
        j
    };
    let cue = |j: usize, buf: &mut String| {
        toks.get(j).is_some_and(|t| {
            !t.text(text).eq_ignore_ascii_case("according")
                && cue_at(text, toks, j, toks.len(), lex, buf).is_some()
        })
    };
    let mut j = e;
    // a party-state parenthetical
    if toks
        .get(j)
        .is_some_and(|t| t.kind == Tok::Punct && t.text(text) == "(")
    {
        if let Some(c) = (j + 1..toks.len().min(j + 8)).find(|&c| toks[c].text(text) == ")") {
            j = c + 1;
        }
    }
    let j = skip(j, buf);
    if cue(j, buf) {
        return true;
    }
    if !toks
        .get(j)
        .is_some_and(|t| t.kind == Tok::Punct && t.text(text) == ",")
    {
        return false;
    }
    // NAME, APPOSITIVE, said
    for m in j + 1..toks.len().min(j + 25) {
        let t = &toks[m];
        if t.term() || t.kind == Tok::Double || t.para() != toks[j].para() {
            break;
        }
        if t.kind == Tok::Punct && t.text(text) == "," {
            let c = skip(m + 1, buf);
            if cue(c, buf) {
                return true;
            }
        }
    }
    false
}

/// A person appositive after the name ending before token `e`: `, a spokeswoman,`,
/// `, the chairwoman of Y,`, `, a congressman from Ohio,`. Returns the gender of its
/// head noun and the head as written.
fn appositive_after(
    toks: &[Token],
    text: &str,
    e: usize,
    lex: &Lexicons,
    buf: &mut String,
) -> Option<(Option<Gender>, String)> {
    let comma = toks.get(e)?;
    if comma.kind != Tok::Punct || comma.text(text) != "," {
        return None;
    }
    let mut j = e + 1;
    let mut head = None;
    while j < toks.len() && j < e + 9 {
        let t = &toks[j];
        if t.para() != comma.para() {
            break;
        }
        match t.kind {
            Tok::Word => {
                let w = t.text(text).to_lowercase();
                if link_words().appositive_stops.contains(&w.as_str())
                    || (!t.cap() && cue_at(text, toks, j, toks.len(), lex, buf).is_some())
                {
                    break;
                }
                head = Some(j);
                j += 1;
            }
            // possessive ’s ("the agency’s director") and hyphens
            Tok::Single if toks.get(j + 1).is_some_and(|n| n.text(text) == "s") => j += 2,
            Tok::Punct if t.text(text) == "-" => j += 1,
            _ => break,
        }
    }
    let h = head?;
    if !appositive_closes(toks, text, j, comma.para(), lex, buf) {
        return None;
    }
    let ht = toks[h].text(text);
    lex.person_noun(&ht.to_lowercase())
        .map(|g| (g, ht.to_string()))
}

/// Does the appositive that stops at token `j` end there: at a comma, a sentence end,
/// or a phrase up to one with no cue in it (`, the president said` is a clause, not
/// an appositive)?
fn appositive_closes(
    toks: &[Token],
    text: &str,
    j: usize,
    para: u32,
    lex: &Lexicons,
    buf: &mut String,
) -> bool {
    let stop = toks.get(j);
    // what ends the appositive: a comma, a sentence end, or a phrase up to one with
    // no cue in it (`, the president said` is a clause, not an appositive)
    let is_close =
        |t: &Token| t.term() || (t.kind == Tok::Punct && matches!(t.text(text), "," | ")" | ";"));
    match stop {
        None => true,
        Some(t) if is_close(t) => true,
        Some(t) if t.kind == Tok::Word => {
            let w = t.text(text).to_lowercase();
            let mut closed = false;
            if link_words().appositive_stops.contains(&w.as_str()) && w != "and" {
                for m in j..toks.len().min(j + 12) {
                    let tm = &toks[m];
                    if tm.para() != para || tm.kind == Tok::Double {
                        break;
                    }
                    if is_close(tm) {
                        closed = true;
                        break;
                    }
                    if tm.kind == Tok::Word
                        && !tm.cap()
                        && cue_at(text, toks, m, toks.len(), lex, buf).is_some()
                    {
                        break;
                    }
                }
            }
            closed
        }
        _ => false,
    }
}

/// Discovery from the sentence itself: a capitalised name of two to four words that
/// starts a name (see [`run_from`]) and is the subject of a speech cue, or is followed
/// by a person appositive (whose head noun, if gendered, gives the gender).
///
/// Guards (organisations are the risk: "Northlink Rail said"): no organisation word
/// in the name (`orgwords.txt`, which lists company words such as Rail, Airlines,
/// Holdings), not after "the" or a place preposition, no overlap with a gazetteer
/// mention (checked when clusters are built: a gazetteer ORG or GPE wins), and, for a
/// cue subject without an appositive, no word after the first one that the document
/// also uses in lowercase (a common noun: "Acme Freight said … freight trains").
fn discover_subjects(
    text: &str,
    toks: &[Token],
    lex: &Lexicons,
    found: &mut Vec<NameFound>,
    appositives: &mut Vec<(usize, Gender, String)>,
    buf: &mut String,
) {
    // the text's lowercase words, borrowed from it unless a capital inside needs a copy
    let mut lower_words: Option<crate::FastSet<std::borrow::Cow<str>>> = None;
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        // a gendered appositive after any word (the mention before it may be a
        // gazetteer or linked one)
        if t.kind == Tok::Punct
            && t.text(text) == ","
            && k > 0
            && toks[k - 1].kind == Tok::Word
            && toks[k - 1].cap()
        {
            if let Some((Some(g), head)) = appositive_after(toks, text, k, lex, buf) {
                appositives.push((toks[k - 1].end(), g, format!("appositive:{head}")));
            }
        }
        let Some((s, e)) = run_from(toks, text, k, lex) else {
            k += 1;
            continue;
        };
        if toks.get(e).is_some_and(|n| n.kind == Tok::Word && n.cap()) {
            k = e;
            continue;
        }
        // a person appositive after the name, or a name set off after a person noun:
        // "A spokeswoman, Renee Batiste, said", "The spokesman, John Smith, said"
        // (issue 14, cause 4); the noun's gender is the person's
        let apposed = appositive_after(toks, text, e, lex, buf)
            .or_else(|| appositive_before(toks, text, s, e, lex));
        if let Some((g, head)) = apposed {
            found.push(NameFound {
                s,
                e,
                gender: g.map(|g| (g, format!("appositive:{head}"))),
                title: None,
            });
            k = e;
            continue;
        }
        if cue_follows(toks, text, e, lex, buf) {
            let lw = lower_words.get_or_insert_with(|| {
                toks.iter()
                    .filter(|t| t.kind == Tok::Word && !t.cap())
                    .map(|t| lowercase(t.text(text)))
                    .collect()
            });
            let common = (s + 1..e).any(|j| lw.contains(&*lowercase(toks[j].text(text))));
            if !common {
                found.push(NameFound {
                    s,
                    e,
                    gender: None,
                    title: None,
                });
            }
        }
        k = e;
    }
}

/// A gendered appositive: the byte end of the name before its comma, the gender and
/// the evidence (`appositive:spokeswoman`).
pub(super) type Appositive = (usize, Gender, String);

/// Every discovered name candidate (token ranges, sorted, one per start) and the
/// gendered appositives of the document: title and role cues, the names at the start
/// of quote speaker phrases, cue subjects and person appositives.
pub(super) fn discover(
    text: &str,
    toks: &[Token],
    attrs: &[Attr],
    lex: &Lexicons,
) -> (Vec<NameFound>, Vec<Appositive>) {
    let mut buf = String::new();
    let mut found = after_titles(text, toks, lex, &mut buf);
    speaker_slots(text, toks, attrs, lex, &mut found, &mut buf);
    // the subject of a speech cue ("Claire Dubois said …", "Claire Dubois, the
    // agency's director, told …") and a name with a person appositive ("Claire
    // Dubois, a spokeswoman,"): see `discover_subjects`
    let mut appositives = Vec::new();
    discover_subjects(text, toks, lex, &mut found, &mut appositives, &mut buf);
    found.sort_by_key(|f| (f.s, f.e));
    found.dedup_by_key(|f| f.s);
    (found, appositives)
}

/// Names after a title or role cue ("Commerce Secretary Penny Pritzker"), and one
/// name word after a capitalised title ("Sen. Warren", "Ms. Batiste": issue 14,
/// cause 4; linking decides whether it is someone named before, a gazetteer person
/// or a new one). A title in lowercase before one word is a common noun phrase ("the
/// president Tuesday"), and a word followed by another capitalised word is not a
/// surname alone ("Gen. Motors Co.").
fn after_titles(text: &str, toks: &[Token], lex: &Lexicons, buf: &mut String) -> Vec<NameFound> {
    let mut found = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if let Some((te, g)) = title_at(toks, text, k, lex, buf) {
            let title = text[toks[k].start()..toks[te - 1].end()].to_string();
            let gender = g.map(|g| (g, format!("title:{title}")));
            if let Some((s, e)) = name_run(toks, text, te, lex) {
                found.push(NameFound {
                    s,
                    e,
                    gender,
                    title: Some(k),
                });
                k = e;
                continue;
            }
            if toks[k].cap()
                && surname_title(&title, g.is_some(), lex)
                && one_name_word(toks, text, te, lex)
            {
                found.push(NameFound {
                    s: te,
                    e: te + 1,
                    gender,
                    title: Some(k),
                });
                k = te + 1;
                continue;
            }
            k = te;
            continue;
        }
        k += 1;
    }
    found
}

/// A title that may stand before a surname alone: an abbreviation ("Sen.", "Lt."), a
/// gendered honorific ("Mrs.", "Sir") or an office (`offices.tsv`: "Senator",
/// "President"). Not a title that also starts company names ("General Electric",
/// "Major League").
fn surname_title(title: &str, gendered: bool, lex: &Lexicons) -> bool {
    title.ends_with('.') || gendered || lex.office(&title.to_lowercase()).is_some()
}

/// Is token `k` a name word standing alone (no capitalised word glued or next to it,
/// not an initial)?
fn one_name_word(toks: &[Token], text: &str, k: usize, lex: &Lexicons) -> bool {
    let Some(t) = toks.get(k) else {
        return false;
    };
    if !is_name_token(t, text, lex) || t.text(text).ends_with('.') {
        return false;
    }
    let w = t.text(text);
    let lower = w.to_lowercase();
    // an acronym is an organisation ("NASA"); pronouns and role nouns are no names
    if !w.chars().any(char::is_lowercase)
        || lex.pronoun(&lower).is_some()
        || lex.role(&lower).is_some()
        || lex.is_name_breaker(w)
        || lex.head_label(w).is_some()
    {
        return false;
    }
    !toks
        .get(k + 1)
        .is_some_and(|n| n.para() == t.para() && (n.glued() || (n.kind == Tok::Word && n.cap())))
}

/// A person noun phrase and a comma right before the name at tokens [s, e), and a
/// comma after it: "A spokeswoman, Renee Batiste, said". Returns the noun's gender and
/// the noun as written.
fn appositive_before(
    toks: &[Token],
    text: &str,
    s: usize,
    e: usize,
    lex: &Lexicons,
) -> Option<(Option<Gender>, String)> {
    let comma = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.kind == Tok::Punct && t.text(text) == ",")
    };
    if s < 2 || !comma(s - 1) || !comma(e) {
        return None;
    }
    let noun = &toks[s - 2];
    if noun.kind != Tok::Word || noun.para() != toks[s].para() {
        return None;
    }
    let w = noun.text(text);
    let lower = w.to_lowercase();
    let g = lex
        .person_noun(&lower)
        .or_else(|| lex.role(&lower).map(|r| r.gender))?;
    // after a determiner within the phrase: "A spokeswoman", "the agency's spokesman"
    let det = (s.saturating_sub(6)..s - 2).rev().any(|i| {
        toks[i].kind == Tok::Word
            && link_words()
                .appositive_determiners
                .contains(&toks[i].text(text).to_lowercase().as_str())
    });
    det.then(|| (g, w.to_string()))
}

/// Speaker slots: a name at the start of a quote's speaker phrase (after titles).
fn speaker_slots(
    text: &str,
    toks: &[Token],
    attrs: &[Attr],
    lex: &Lexicons,
    found: &mut Vec<NameFound>,
    buf: &mut String,
) {
    for a in attrs {
        let Who::Np(s, e) = a.who else { continue };
        let mut k = s;
        while k < e && title_at(toks, text, k, lex, buf).is_some() {
            k = title_at(toks, text, k, lex, buf).map_or(k + 1, |(te, _)| te);
        }
        let e = if k < e && is_name_token(&toks[k], text, lex) {
            e
        } else {
            k
        };
        while k < e {
            if is_name_token(&toks[k], text, lex) {
                if let Some((ns, ne)) = name_run(toks, text, k, lex) {
                    if ne <= e {
                        found.push(NameFound {
                            s: ns,
                            e: ne,
                            gender: None,
                            title: None,
                        });
                    }
                    k = ne;
                    continue;
                }
                // the speaker is one name word: "Schumer said:", "“…,” Warren said"
                // (issue 14, cause 4)
                if k + 1 == e && s == k && one_name_word(toks, text, k, lex) {
                    found.push(NameFound {
                        s: k,
                        e: k + 1,
                        gender: None,
                        title: None,
                    });
                }
            }
            k += 1;
        }
    }
}

/// `w` lowercased, borrowed when it is ASCII without a capital.
fn lowercase(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(w.to_lowercase())
    }
}
