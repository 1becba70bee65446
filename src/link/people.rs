//! People the gazetteer's places stand for, and the people role nominals name (issue
//! 14, causes 2 and 4).
//!
//! - **Places that are people**: a place inside a person's name ("Paris Hilton",
//!   "Mark Dayton": spans from [`super::embedded`]), a one-word place after a title
//!   ("Gov. Dayton"), and a one-word city (not a capital, which may stand for its
//!   government: "Moscow said") that is a quote's whole speaker ("“…,” Dayton said")
//!   are people: the place mention gives way to the discovered name.
//! - **Role nominals**: a speaker phrase "the" + office ("the president", "the
//!   governor": `offices.tsv`) names the one person of the document before it whose
//!   title in the text names that office ("President Biden"); when the text gives no
//!   such title, the one person named before it whose gazetteer `roles` hold it.
//!   Several or none: no link.

use crate::attribution::tokens::{Tok, Token};
use crate::attribution::{Attr, Who};
use crate::lexicon::Lexicons;
use crate::{Mention, MentionSource, PERSON};

use super::clusters::Built;
use super::context::{GPE, LOC};
use super::discover::NameFound;
use super::facts::{Facts, Kind};

/// Drops the place mentions that are people (see the module docs) and adds the
/// person spans of `spans` (byte spans) to `found` (kept sorted, one per start).
pub(super) fn places_that_are_people(
    toks: &[Token],
    mentions: &mut Vec<Mention>,
    found: &mut Vec<NameFound>,
    spans: &[(usize, usize)],
    facts: &Facts,
) {
    for &(bs, be) in spans {
        let s = toks.partition_point(|t| t.start() < bs);
        let e = toks.partition_point(|t| t.end() <= be);
        if s < e && toks[s].start() == bs && toks[e - 1].end() == be {
            found.push(NameFound {
                s,
                e,
                gender: None,
                title: None,
            });
        }
    }
    found.sort_by_key(|f| (f.s, std::cmp::Reverse(f.e)));
    found.dedup_by_key(|f| f.s);
    let is_place =
        |m: &Mention| m.source == MentionSource::Gazetteer && matches!(&*m.label, GPE | LOC);
    let person_word = |m: &Mention| {
        let s = toks.partition_point(|t| t.start() < m.start);
        let f = found
            .binary_search_by_key(&s, |f| f.s)
            .ok()
            .map(|i| &found[i])?;
        let one = f.e == f.s + 1 && toks[f.s].start() == m.start && toks[f.s].end() == m.end;
        if !one {
            return None;
        }
        let city = m
            .candidates
            .iter()
            .all(|&c| facts.kind(c) == Kind::City && !facts.is_capital(c));
        (f.title.is_some() || city).then_some(())
    };
    mentions.retain(|m| !(is_place(m) && person_word(m).is_some()));
}

/// The role nominal speakers of `attrs` and the cluster each names (see the module
/// docs): (byte start of the phrase, cluster).
pub(super) fn role_nominals(
    text: &str,
    toks: &[Token],
    attrs: &[Attr],
    built: &Built,
    facts: &Facts,
    lex: &Lexicons,
) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    for a in attrs {
        let Who::Np(s, e) = a.who else { continue };
        if e - s < 2 || e - s > 3 || toks[s..e].iter().any(|t| t.kind != Tok::Word) {
            continue;
        }
        if !toks[s].text(text).eq_ignore_ascii_case("the") {
            continue;
        }
        let phrase = text[toks[s + 1].start()..toks[e - 1].end()].to_lowercase();
        let Some(office) = lex.office(&phrase) else {
            continue;
        };
        let at = toks[s].start();
        if let Some(c) = holder(at, office, built, facts) {
            out.push((at, c));
        }
    }
    out
}

/// The one cluster named before byte `at` that holds `office`: by a title in the
/// text, else by its gazetteer roles.
fn holder(at: usize, office: &str, built: &Built, facts: &Facts) -> Option<u32> {
    let one = |mut it: Box<dyn Iterator<Item = u32> + '_>| {
        let first = it.next()?;
        it.all(|c| c == first).then_some(first)
    };
    let titled = || {
        built
            .offices
            .iter()
            .filter(move |(p, _, o)| *p < at && o == office)
            .map(|&(_, c, _)| c)
    };
    if titled().next().is_some() {
        return one(Box::new(titled()));
    }
    let by_roles = built
        .entities
        .iter()
        .take_while(|m| m.start < at)
        .filter(|m| &*m.label == PERSON)
        .filter(|m| m.entity.is_some_and(|e| facts.holds(e, office)))
        .filter_map(|m| m.cluster);
    one(Box::new(by_roles))
}
