//! The document's context chooses between a name's entities, or refuses them (issue 14,
//! causes 3 and 4). Prefer a `None` that looks wrong to a confident wrong id.
//!
//! - **City, state** ("Exeter, N.H.", "St. Petersburg, Fla."): a city followed by ", "
//!   and a state or country keeps only the candidates in it; with none left the city
//!   stays ambiguous (`entity = None`, candidates kept).
//! - **Datelines** ("WASHINGTON —", "MIAMI (AP) —"): a place in capitals that opens a
//!   paragraph before a dash is the story's city: of several candidates the one city.
//! - **Another country's body** ("Italy's Supreme Court", "In Hong Kong, the
//!   Democratic Party said"): an organisation of one country (its `country_code`) with
//!   a place of another country named before it in the same sentence, or right after
//!   it ("the Supreme Court of Italy"), is left ambiguous; so is a national body right
//!   after a state or city, or after the word "state" ("the Wisconsin Supreme Court",
//!   "the state Supreme Court").
//! - **Teams**: a city in a sports result ("as Boston won", "led Miami with 27
//!   points", "beat Brighton 3-1") is the team, not the city: no mention.

use crate::lexicon::link_words;
use crate::{Mention, MentionSource, ORG};

/// The label of places with a government (the gazetteer's countries, states, cities).
pub(super) const GPE: &str = "GPE";
/// The label of other places (continents, seas, regions).
pub(super) const LOC: &str = "LOC";

use super::facts::{Facts, Kind};

/// Applies the city-state rule (before ambiguous aliases resolve, so that a later
/// bare "Manchester" is the one named with its state). `mentions` are sorted by start.
pub(super) fn places(text: &str, mentions: &mut [Mention], facts: &Facts) {
    for i in 0..mentions.len() {
        if mentions[i].source != MentionSource::Gazetteer || &*mentions[i].label != GPE {
            continue;
        }
        if let Some(j) = state_after(text, mentions, i, facts) {
            let region = mentions[j].clone();
            city_in(&mut mentions[i], &region, facts);
        }
    }
}

/// Applies the dateline rule (after ambiguous aliases resolve: the dateline's city
/// says nothing about a later bare "Washington", which may be the state).
pub(super) fn datelines(text: &str, mentions: &mut [Mention], facts: &Facts) {
    for m in mentions.iter_mut() {
        if m.source != MentionSource::Gazetteer || &*m.label != GPE {
            continue;
        }
        if m.entity.is_none() && m.candidates.len() > 1 && dateline(text, m) {
            let mut cities = m
                .candidates
                .iter()
                .copied()
                .filter(|&c| facts.kind(c) == Kind::City);
            if let (Some(c), None) = (cities.next(), cities.next()) {
                m.entity = Some(c);
            }
        }
    }
}

/// The mention right after mention `i` and ", " that is a state or a country.
fn state_after(text: &str, ms: &[Mention], i: usize, facts: &Facts) -> Option<usize> {
    let m = &ms[i];
    let j = i + 1;
    let n = ms.get(j)?;
    let gap = text.get(m.end..n.start)?;
    let is_region = |c: u32| matches!(facts.kind(c), Kind::State | Kind::Country);
    (gap == ", "
        && !n.candidates.is_empty()
        && n.candidates.iter().all(|&c| is_region(c))
        && m.candidates.iter().any(|&c| facts.kind(c) == Kind::City))
    .then_some(j)
}

/// Keeps the candidates of city mention `m` that lie in `region` (a state or country
/// mention); the one left is the entity, none or several leave it ambiguous.
fn city_in(m: &mut Mention, region: &Mention, facts: &Facts) {
    let inside = |c: u32| {
        region.candidates.iter().any(|&r| match facts.kind(r) {
            Kind::State => {
                facts.state(r).is_some()
                    && facts.state(c) == facts.state(r)
                    && facts.country(c) == facts.country(r)
            }
            _ => facts.country(r).is_some() && facts.country(c) == facts.country(r),
        })
    };
    let mut kept = m.candidates.iter().copied().filter(|&c| inside(c));
    match (kept.next(), kept.next()) {
        (Some(c), None) => m.entity = Some(c),
        _ => m.entity = None,
    }
}

/// A dateline: the mention opens its line, is written in capitals, and a dash follows
/// it (after an optional ", State" and "(AP)").
fn dateline(text: &str, m: &Mention) -> bool {
    // only spaces between the line start and the name (no scan of the whole text)
    let before = text[..m.start].trim_end_matches([' ', '\t']);
    if !(before.is_empty() || before.ends_with('\n')) {
        return false;
    }
    let name = &text[m.start..m.end];
    if name.chars().any(char::is_lowercase) {
        return false;
    }
    let rest = &text[m.end..];
    let mut cut = rest.len().min(40);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &rest[..cut];
    let Some(dash) = rest.find(['—', '–']).or_else(|| rest.find(" - ")) else {
        return false;
    };
    // only spaces, a ", State" and a parenthesised agency before the dash
    let between = rest[..dash].trim();
    !rest[..dash].contains('\n')
        && (between.is_empty() || between.starts_with(',') || between.starts_with('('))
}

/// Drops cities that are sports teams in a result (issue 14, cause 3): a one-city
/// mention right after a result word ("beat", "led", "against") or right before one
/// ("won", "drew", ", which drew"). The team is no gazetteer entity, and the city is
/// not what the sentence names.
pub(super) fn teams(text: &str, mentions: &mut Vec<Mention>, facts: &Facts) {
    let word_before = |m: &Mention| {
        let before = text[..m.start].strip_suffix(' ')?;
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        Some(&before[start..])
    };
    let word_after = |m: &Mention| {
        let after = text[m.end..]
            .strip_prefix(", which ")
            .or_else(|| text[m.end..].strip_prefix(' '))?;
        let end = after
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(after.len(), |(i, _)| i);
        Some(&after[..end])
    };
    let words = link_words();
    mentions.retain(|m| {
        let city = m.source == MentionSource::Gazetteer
            && !m.candidates.is_empty()
            && m.candidates.iter().all(|&c| facts.kind(c) == Kind::City);
        !(city
            && (word_before(m).is_some_and(|w| words.team_before.contains(&w))
                || word_after(m).is_some_and(|w| words.team_after.contains(&w))))
    });
}

/// How far back the another-country rule looks for the start of a sentence.
const SENTENCE_BYTES: usize = 400;

/// Applies the another-country rule (after ambiguous aliases resolve).
pub(super) fn foreign_bodies(text: &str, mentions: &mut [Mention], facts: &Facts) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        let Some(e) = m.entity else { continue };
        if m.source != MentionSource::Gazetteer || &*m.label != ORG {
            continue;
        }
        let Some(home) = facts.country(e) else {
            continue;
        };
        if another_country_near(text, mentions, i, home, facts) {
            mentions[i].entity = None;
        }
    }
}

/// The country all of a mention's candidates share, when it is a place.
fn place_country(m: &Mention, facts: &Facts) -> Option<[u8; 2]> {
    if &*m.label != GPE || m.candidates.is_empty() {
        return None;
    }
    let c = facts.country(m.candidates[0])?;
    m.candidates
        .iter()
        .all(|&x| facts.country(x) == Some(c))
        .then_some(c)
}

/// Does the sentence of mention `i` name, before it, a place of another country than
/// `home` (or a state or city right before it, or "state")?
fn another_country_near(
    text: &str,
    ms: &[Mention],
    i: usize,
    home: [u8; 2],
    facts: &Facts,
) -> bool {
    let m = &ms[i];
    // the sentence start, looked for at most SENTENCE_BYTES back (linear in the text)
    let mut floor = m.start.saturating_sub(SENTENCE_BYTES);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let sentence_start = text[floor..m.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '.' | '!' | '?' | '\n' | '“' | '"'))
        .map_or(floor, |(p, c)| floor + p + c.len_utf8());
    let before = text[sentence_start..m.start].trim_end();
    // "the state Supreme Court", "state Department of Transportation"
    if before.ends_with(" state") || before == "state" || before.ends_with("State") {
        return true;
    }
    for p in ms[..i].iter().rev() {
        if p.end <= sentence_start {
            break;
        }
        let Some(c) = place_country(p, facts) else {
            continue;
        };
        if c != home {
            return true;
        }
        // a state or city of the same country right before a national body
        let Some(gap) = text.get(p.end..m.start) else {
            continue;
        };
        let gap = gap.trim_start_matches(['’', '\'', 's']);
        let adjacent = gap.trim().is_empty();
        let sub_national = p
            .candidates
            .iter()
            .all(|&x| matches!(facts.kind(x), Kind::State | Kind::City));
        if adjacent && sub_national {
            return true;
        }
    }
    // right after it: "the Supreme Court of Italy", "the Democratic Party in Hong Kong"
    if let Some(n) = ms.get(i + 1) {
        let gap = text.get(m.end..n.start).unwrap_or("");
        if matches!(gap, " of " | " in " | " of the ") {
            if let Some(c) = place_country(n, facts) {
                return c != home;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Candidates, Label};

    fn mention(text: &str, name: &str, label: &str, cands: &[u32]) -> Mention {
        let s = text.find(name).unwrap();
        Mention {
            start: s,
            end: s + name.len(),
            label: Label::from(label),
            entity: (cands.len() == 1).then(|| cands[0]),
            candidates: Candidates::from(cands.to_vec()),
            cluster: None,
            source: MentionSource::Gazetteer,
        }
    }

    fn facts() -> Facts {
        // 0 Washington DC (city), 1 Washington state, 2 Manchester (GB city),
        // 3 New Hampshire (US state), 4 US Supreme Court, 5 Italy, 6 Wisconsin
        let names = [
            "Washington",
            "Washington",
            "Manchester",
            "New Hampshire",
            "Supreme Court",
            "Italy",
            "Wisconsin",
        ];
        let labels = ["GPE", "GPE", "GPE", "GPE", "ORG", "GPE", "GPE"];
        let attrs = [
            r#"{"kind": "city", "country_code": "US", "state_code": "DC"}"#,
            r#"{"kind": "us_state", "country_code": "US", "state_code": "WA"}"#,
            r#"{"kind": "city", "country_code": "GB"}"#,
            r#"{"kind": "us_state", "country_code": "US", "state_code": "NH"}"#,
            r#"{"kind": "us_federal", "country_code": "US"}"#,
            r#"{"kind": "country", "country_code": "IT"}"#,
            r#"{"kind": "us_state", "country_code": "US", "state_code": "WI"}"#,
        ];
        Facts::new(
            7,
            |e| names[e as usize],
            |e| labels[e as usize],
            |e| attrs[e as usize],
        )
    }

    #[test]
    fn datelines_and_city_state() {
        let f = facts();
        let t = "WASHINGTON — The Senate adjourned.";
        let mut ms = vec![mention(t, "WASHINGTON", "GPE", &[0, 1])];
        datelines(t, &mut ms, &f);
        assert_eq!(ms[0].entity, Some(0));
        let t = "He lives in Washington now.";
        let mut ms = vec![mention(t, "Washington", "GPE", &[0, 1])];
        datelines(t, &mut ms, &f);
        assert_eq!(ms[0].entity, None);
        let t = "a rally in Manchester, New Hampshire, on Monday";
        let mut ms = vec![
            mention(t, "Manchester", "GPE", &[2]),
            mention(t, "New Hampshire", "GPE", &[3]),
        ];
        places(t, &mut ms, &f);
        assert_eq!(ms[0].entity, None);
        assert_eq!(ms[0].candidates.len(), 1);
    }

    #[test]
    fn cities_in_sports_results_are_teams() {
        let f = facts();
        for (t, kept) in [
            ("as Manchester won its fifth straight game", false),
            ("Rice beat Manchester 3-1 on Sunday", false),
            ("Manchester, which drew 1-1, dropped", false),
            ("The team plays in Manchester on Tuesday", true),
        ] {
            let mut ms = vec![mention(t, "Manchester", "GPE", &[2])];
            teams(t, &mut ms, &f);
            assert_eq!(ms.len() == 1, kept, "{t}");
        }
    }

    #[test]
    fn another_countrys_body_is_left_ambiguous() {
        let f = facts();
        for (t, place, cands, want) in [
            ("Italy's Supreme Court upheld it.", "Italy", 5u32, None),
            ("The Wisconsin Supreme Court ruled.", "Wisconsin", 6, None),
            (
                "In Wisconsin, the Supreme Court ruled.",
                "Wisconsin",
                6,
                Some(4),
            ),
        ] {
            let mut ms = vec![
                mention(t, place, "GPE", &[cands]),
                mention(t, "Supreme Court", "ORG", &[4]),
            ];
            foreign_bodies(t, &mut ms, &f);
            assert_eq!(ms[1].entity, want, "{t}");
        }
        let t = "the state Supreme Court ruled";
        let mut ms = vec![mention(t, "Supreme Court", "ORG", &[4])];
        foreign_bodies(t, &mut ms, &f);
        assert_eq!(ms[0].entity, None);
    }
}
