//! Document-level linking: short names, titles, discovered names, ambiguous aliases.
//!
//! [`link`] takes the gazetteer matcher's mentions and returns every entity mention of
//! the document in text order, with one [`Cluster`] per referent:
//!
//! - **Ambiguous aliases** (`entity == None` with several `candidates`) resolve to the
//!   candidate that the document has already named unambiguously (the most recent one
//!   when several were); otherwise they stay `None`.
//! - **Discovered names** (`discover = true`): a capitalised name of two to four words
//!   after a title or role word ("Commerce Secretary Penny Pritzker", "spokeswoman Jane
//!   Roe", "Rep. John Doe") or in a quote's speaker slot ("…,” Dana Whitfield said)
//!   becomes a document-local PERSON (`entity = None`, source `Discovered`). So does a
//!   name that is the subject of a speech cue ("Claire Dubois said …", "Claire Dubois,
//!   who runs the port, told …") or is followed by a person appositive ("Claire Dubois,
//!   a spokeswoman,", "X, the chairwoman of Y,", "X, a congressman from Ohio,"; head
//!   nouns in `appositives.tsv` or one-word titles). The rule for these (organisations
//!   are the risk: "Northlink Rail said"): the name starts a capitalised run (not after
//!   "the" or a place preposition such as "in"), has no organisation word
//!   (`orgwords.txt` lists company words: Rail, Airlines, Holdings, …), does not overlap
//!   a gazetteer mention (a gazetteer ORG or GPE wins), and, for a cue subject without
//!   a person appositive, no word after its first is used in lowercase elsewhere in the
//!   document (a common noun: "Acme Freight said … freight trains"). Guards:
//!   sentence-initial function words, months and days, organisation words
//!   ("Department", "Committee", "Party", "Post") and places already matched by the
//!   gazetteer never start or make a name.
//! - **Short forms**: once a person's full name has appeared, a later capitalised
//!   surname alone, or title/honorific + surname ("Mr. Froman", "Sen. Warren"), is a
//!   mention of it (source `Linked`). When two people share a surname the most recently
//!   named one wins. **A surname seen before the full name is not linked**: news names
//!   people in full first, and linking backwards would guess.
//! - **Gender** of a cluster comes from the gazetteer attribute `gender`, else from a
//!   gendered honorific or role word next to one of its mentions ("Ms. Roe",
//!   "spokeswoman Jane Roe"), or a gendered appositive head noun ("Claire Dubois, a
//!   spokeswoman," → `appositive:spokeswoman`, also for gazetteer and linked mentions),
//!   or, last, a he/she pronoun resolved to it (`pronoun:she`, set by the quotes
//!   stage); [`Cluster::gender_evidence`] says which.
//! - **Unidentified names**: capitalised names of two to four words that no mention
//!   covers are kept aside; a pronoun is never resolved across one of them.

use std::collections::HashMap;
use std::sync::Arc;

mod embedded;

use crate::lexicon::{Gender, Lexicons};
use crate::quotes::attrib::{attribute, cue_at, is_adverb_like, Attr, Who};
use crate::quotes::scan::scan;
use crate::tokens::{tokenize, Tok, Token};
use crate::{Candidates, Cluster, Mention, MentionSource};

/// What the linking stage needs to know about gazetteer entities.
///
/// The gazetteer implements it; tests use small tables.
///
/// ```
/// use namedrop::EntityInfo;
/// struct One;
/// impl EntityInfo for One {
///     fn name(&self, _: u32) -> &str { "Dana Whitfield" }
///     fn label(&self, _: u32) -> &str { "PERSON" }
///     fn gender(&self, _: u32) -> Option<&str> { Some("female") }
/// }
/// assert_eq!(One.label(0), "PERSON");
/// ```
pub trait EntityInfo {
    /// Canonical name of the entity.
    fn name(&self, entity: u32) -> &str;
    /// Label of the entity ("PERSON", "GPE", "ORG", ...).
    fn label(&self, entity: u32) -> &str;
    /// The `gender` attribute, if any ("female", "male").
    fn gender(&self, entity: u32) -> Option<&str>;
}

/// An [`EntityInfo`] that knows no entities (for running without a gazetteer).
///
/// ```
/// use namedrop::{EntityInfo, NoEntities};
/// assert_eq!(NoEntities.name(3), "");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEntities;

impl EntityInfo for NoEntities {
    fn name(&self, _: u32) -> &str {
        ""
    }
    fn label(&self, _: u32) -> &str {
        ""
    }
    fn gender(&self, _: u32) -> Option<&str> {
        None
    }
}

/// Options of the linking stage.
///
/// ```
/// assert!(namedrop::LinkOptions::default().discover);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkOptions {
    /// Resolve ambiguous aliases and link short forms (surnames, titles) to the
    /// people named before them. Off: every mention is the gazetteer matcher's, as
    /// it found it, and clusters group only resolved gazetteer mentions.
    pub link: bool,
    /// Discover names not in the gazetteer (from title cues and speaker slots).
    /// Discovery is part of linking: it runs only when `link` is on too.
    pub discover: bool,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            link: true,
            discover: true,
        }
    }
}

/// The output of [`link`]: entity mentions and clusters, plus what the quote stage
/// reuses (tokens and the raw quote attributions).
#[derive(Debug, Clone)]
pub struct Linked {
    /// All entity mentions in text order: gazetteer, linked and discovered.
    pub entities: Vec<Mention>,
    /// One cluster per referent; `Mention::cluster` indexes it.
    pub clusters: Vec<Cluster>,
    pub(crate) tokens: Vec<Token>,
    pub(crate) attrs: Vec<Attr>,
    /// Byte spans of capitalised two-to-four-word names that no entity mention covers
    /// (possible people the linking stage could not identify): a pronoun is not
    /// resolved across one of them.
    pub(crate) unknown_names: Vec<(usize, usize)>,
}

/// Cluster key while building.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Entity(u32),
    Local(usize),
}

struct Builder {
    keys: HashMap<Key, u32>,
    clusters: Vec<Cluster>,
}

impl Builder {
    fn cluster(&mut self, key: Key, make: impl FnOnce() -> Cluster) -> u32 {
        if let Some(&c) = self.keys.get(&key) {
            return c;
        }
        let c = self.clusters.len() as u32;
        self.clusters.push(make());
        self.keys.insert(key, c);
        c
    }

    fn set_gender(&mut self, c: u32, g: Gender, evidence: String) {
        let cl = &mut self.clusters[c as usize];
        if cl.gender.is_none() {
            cl.gender = Some(g.as_str().to_string());
            cl.gender_evidence = Some(evidence);
        }
    }
}

const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Last word of a name, skipping suffixes ("Martin Luther King Jr." -> "King").
fn surname(name: &str) -> Option<&str> {
    name.split_whitespace()
        .rev()
        .find(|w| !SUFFIXES.contains(w))
        .map(|w| w.trim_end_matches(','))
}

fn is_name_token(t: &Token, text: &str, lex: &Lexicons) -> bool {
    if t.kind != Tok::Word || !t.cap {
        return false;
    }
    let w = t.text(text);
    let mut low = [0u8; 24];
    if w.len() <= low.len() && w.is_ascii() {
        low[..w.len()].copy_from_slice(w.as_bytes());
        low[..w.len()].make_ascii_lowercase();
        if lex
            .titles_starting(std::str::from_utf8(&low[..w.len()]).unwrap_or(""))
            .is_some()
        {
            return false;
        }
    } else if lex.titles_starting(&w.to_lowercase()).is_some() {
        return false;
    }
    !(lex.is_stop_word(w) || lex.is_calendar(w) || lex.is_org_word(w))
        && w.chars().any(char::is_lowercase)
        || (w.len() <= 3 && w.ends_with('.') && w.chars().next().is_some_and(char::is_uppercase))
}

/// A title phrase starting at token `k`: returns its end and gender.
fn title_at(
    toks: &[Token],
    text: &str,
    k: usize,
    lex: &Lexicons,
    buf: &mut String,
) -> Option<(usize, Option<Gender>)> {
    let t = toks.get(k)?;
    if t.kind != Tok::Word {
        return None;
    }
    buf.clear();
    buf.extend(t.text(text).chars().flat_map(char::to_lowercase));
    let phrases = lex.titles_starting(buf)?;
    'p: for (words, g) in phrases {
        for (n, w) in words.iter().enumerate() {
            match toks.get(k + n) {
                Some(tk) if tk.kind == Tok::Word && tk.text(text).to_lowercase() == *w => {}
                _ => continue 'p,
            }
        }
        return Some((k + words.len(), *g));
    }
    None
}

/// A discovered name candidate: token range and the gender of its title, if any.
struct Found {
    s: usize,
    e: usize,
    gender: Option<(Gender, String)>,
}

/// Capitalised name run from `k`: 2..=4 name tokens; `None` if it runs into an
/// organisation word or is too short.
fn name_run(toks: &[Token], text: &str, k: usize, lex: &Lexicons) -> Option<(usize, usize)> {
    let mut e = k;
    while e < toks.len() && e < k + 5 {
        let t = &toks[e];
        if e > k && (t.glued || t.para != toks[k].para) {
            break;
        }
        if t.kind == Tok::Word && t.cap && lex.is_org_word(t.text(text)) {
            return None;
        }
        if !is_name_token(t, text, lex) {
            break;
        }
        e += 1;
    }
    // a trailing initial is not a name end
    while e > k
        && toks[e - 1].text(text).ends_with('.')
        && !SUFFIXES.contains(&toks[e - 1].text(text))
    {
        e -= 1;
    }
    if e - k >= 2 && e - k <= 4 {
        Some((k, e))
    } else {
        None
    }
}

/// Does a capitalised name start at token `k`, rather than continue one or follow a
/// word that makes it a place or an organisation ("the Northlink Rail", "in New
/// Carlisle")?
fn run_starts_at(toks: &[Token], text: &str, k: usize, lex: &Lexicons) -> bool {
    let Some(p) = k.checked_sub(1).map(|i| &toks[i]) else {
        return true;
    };
    if p.para != toks[k].para || p.kind != Tok::Word {
        return true;
    }
    let w = p.text(text);
    if p.cap {
        // a sentence-initial function word ("But", "And") starts nothing; "The" does
        return lex.is_stop_word(w) && !w.eq_ignore_ascii_case("the");
    }
    !matches!(
        w,
        "the" | "of" | "in" | "at" | "on" | "near" | "into" | "across" | "outside" | "inside"
    )
}

/// A speech cue right after the name ending before token `e`: `NAME said`, `NAME
/// later told`, `NAME (D-Ohio) said`, `NAME, APPOSITIVE, said`.
fn cue_follows(toks: &[Token], text: &str, e: usize, lex: &Lexicons, buf: &mut String) -> bool {
    let skip = |mut j: usize, buf: &mut String| {
        let lim = j + 3;
        while j < toks.len() && j < lim && toks[j].kind == Tok::Word && !toks[j].cap && {
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
        if t.term || t.kind == Tok::Double || t.para != toks[j].para {
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
    const STOPS: &[&str] = &[
        "of", "from", "in", "at", "for", "with", "on", "to", "who", "which", "and", "since",
        "until", "whose", "by", "under",
    ];
    let mut j = e + 1;
    let mut head = None;
    while j < toks.len() && j < e + 9 {
        let t = &toks[j];
        if t.para != comma.para {
            break;
        }
        match t.kind {
            Tok::Word => {
                let w = t.text(text).to_lowercase();
                if STOPS.contains(&w.as_str())
                    || (!t.cap && cue_at(text, toks, j, toks.len(), lex, buf).is_some())
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
    let stop = toks.get(j);
    // what ends the appositive: a comma, a sentence end, or a phrase up to one with
    // no cue in it (`, the president said` is a clause, not an appositive)
    let is_close =
        |t: &Token| t.term || (t.kind == Tok::Punct && matches!(t.text(text), "," | ")" | ";"));
    let ok = match stop {
        None => true,
        Some(t) if is_close(t) => true,
        Some(t) if t.kind == Tok::Word => {
            let w = t.text(text).to_lowercase();
            let mut closed = false;
            if STOPS.contains(&w.as_str()) && w != "and" {
                for m in j..toks.len().min(j + 12) {
                    let tm = &toks[m];
                    if tm.para != comma.para || tm.kind == Tok::Double {
                        break;
                    }
                    if is_close(tm) {
                        closed = true;
                        break;
                    }
                    if tm.kind == Tok::Word
                        && !tm.cap
                        && cue_at(text, toks, m, toks.len(), lex, buf).is_some()
                    {
                        break;
                    }
                }
            }
            closed
        }
        _ => false,
    };
    if !ok {
        return None;
    }
    let ht = toks[h].text(text);
    lex.person_noun(&ht.to_lowercase())
        .map(|g| (g, ht.to_string()))
}

/// Discovery from the sentence itself: a capitalised name of two to four words that
/// starts a name (see [`run_starts_at`]) and is the subject of a speech cue, or is
/// followed by a person appositive (whose head noun, if gendered, gives the gender).
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
    found: &mut Vec<Found>,
    appositives: &mut Vec<(usize, Gender, String)>,
    buf: &mut String,
) {
    let mut lower_words: Option<std::collections::HashSet<String>> = None;
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        // a gendered appositive after any word (the mention before it may be a
        // gazetteer or linked one)
        if t.kind == Tok::Punct
            && t.text(text) == ","
            && k > 0
            && toks[k - 1].kind == Tok::Word
            && toks[k - 1].cap
        {
            if let Some((Some(g), head)) = appositive_after(toks, text, k, lex, buf) {
                appositives.push((toks[k - 1].end, g, format!("appositive:{head}")));
            }
        }
        if !(is_name_token(t, text, lex) && run_starts_at(toks, text, k, lex)) {
            k += 1;
            continue;
        }
        let Some((s, e)) = name_run(toks, text, k, lex) else {
            k += 1;
            continue;
        };
        if toks.get(e).is_some_and(|n| n.kind == Tok::Word && n.cap) {
            k = e;
            continue;
        }
        if let Some((g, head)) = appositive_after(toks, text, e, lex, buf) {
            found.push(Found {
                s,
                e,
                gender: g.map(|g| (g, format!("appositive:{head}"))),
            });
            k = e;
            continue;
        }
        if cue_follows(toks, text, e, lex, buf) {
            let lw = lower_words.get_or_insert_with(|| {
                toks.iter()
                    .filter(|t| t.kind == Tok::Word && !t.cap)
                    .map(|t| t.text(text).to_lowercase())
                    .collect()
            });
            let common = (s + 1..e).any(|j| lw.contains(&toks[j].text(text).to_lowercase()));
            if !common {
                found.push(Found { s, e, gender: None });
            }
        }
        k = e;
    }
}

/// Capitalised names of two to four words that no entity mention covers (see
/// [`Linked::unknown_names`]).
fn unknown_names(
    text: &str,
    toks: &[Token],
    lex: &Lexicons,
    out: &[Mention],
) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = out.iter().map(|m| (m.start, m.end)).collect();
    spans.sort_unstable();
    let mut res = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        // after "for", a capitalised run names a body ("Center for Equitable Growth")
        let after_for = k > 0 && toks[k - 1].text(text) == "for";
        if after_for || !(is_name_token(t, text, lex) && run_starts_at(toks, text, k, lex)) {
            k += 1;
            continue;
        }
        let Some((s, e)) = name_run(toks, text, k, lex) else {
            k += 1;
            continue;
        };
        let (bs, be) = (toks[s].start, toks[e - 1].end);
        let i = spans.partition_point(|&(_, me)| me <= bs);
        let covered = spans[i..]
            .iter()
            .take_while(|&&(ms, _)| ms < be)
            .next()
            .is_some()
            || spans[..i]
                .iter()
                .rev()
                .take(8)
                .any(|&(ms, me)| ms < be && me > bs);
        if !covered {
            res.push((bs, be));
        }
        k = e;
    }
    res
}

/// The candidate the document named unambiguously most recently (its last position in
/// `last_seen`). Walks the shorter side: an alias shared by a million entities costs
/// the few entities the document has named, not a million lookups (`candidates` are
/// sorted).
fn last_named(candidates: &[u32], last_seen: &HashMap<u32, usize>) -> Option<(usize, u32)> {
    if candidates.len() <= last_seen.len() {
        candidates
            .iter()
            .filter_map(|c| last_seen.get(c).map(|&p| (p, *c)))
            .max()
    } else {
        last_seen
            .iter()
            .filter(|(c, _)| candidates.binary_search(c).is_ok())
            .map(|(&c, &p)| (p, c))
            .max()
    }
}

fn overlaps_any(ms: &[Mention], s: usize, e: usize) -> Option<&Mention> {
    // mentions sorted by start: binary search the first that ends after s
    let i = ms.partition_point(|m| m.end <= s);
    ms[i..].iter().take_while(|m| m.start < e).next()
}

/// Runs the linking stage (see the module docs).
///
/// `mentions` are the gazetteer matcher's mentions (any order; byte offsets).
///
/// ```
/// use namedrop::{link, LinkOptions, Lexicons, NoEntities};
/// let text = "Commerce Secretary Penny Pritzker arrived. Pritzker spoke.";
/// let l = link(text, vec![], &NoEntities, &Lexicons::default(), &LinkOptions::default());
/// let names: Vec<&str> = l.entities.iter().map(|m| &text[m.start..m.end]).collect();
/// assert_eq!(names, ["Penny Pritzker", "Pritzker"]);
/// assert_eq!(l.clusters[0].name, "Penny Pritzker");
/// ```
pub fn link(
    text: &str,
    mut mentions: Vec<Mention>,
    info: &dyn EntityInfo,
    lex: &Lexicons,
    opts: &LinkOptions,
) -> Linked {
    let toks = tokenize(text);
    let spans = scan(text, &toks);
    let attrs = attribute(text, &toks, &spans, lex);
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    if opts.link {
        mentions = embedded::resolve_embedded(text, mentions, lex, opts.discover);
    }
    let mut buf = String::new();

    // 1. ambiguous aliases
    let mut last_seen: HashMap<u32, usize> = HashMap::new();
    for m in mentions.iter_mut().filter(|_| opts.link) {
        if m.entity.is_none() && !m.candidates.is_empty() {
            let best = last_named(&m.candidates, &last_seen);
            if let Some((_, c)) = best {
                m.entity = Some(c);
                let l = info.label(c);
                if !l.is_empty() {
                    m.label = l.into();
                }
            }
        } else if let Some(e) = m.entity {
            if m.candidates.len() <= 1 {
                last_seen.insert(e, m.start);
            }
        }
    }

    // 2. discovered names
    let mut found: Vec<Found> = Vec::new();
    // gendered appositives: (byte end of the name before the comma, gender, evidence)
    let mut appositives: Vec<(usize, Gender, String)> = Vec::new();
    if opts.discover && opts.link {
        // title / role cues
        let mut k = 0;
        while k < toks.len() {
            if let Some((te, g)) = title_at(&toks, text, k, lex, &mut buf) {
                if let Some((s, e)) = name_run(&toks, text, te, lex) {
                    let title = text[toks[k].start..toks[te - 1].end].to_string();
                    found.push(Found {
                        s,
                        e,
                        gender: g.map(|g| (g, format!("title:{title}"))),
                    });
                    k = e;
                    continue;
                }
                k = te;
                continue;
            }
            k += 1;
        }
        // speaker slots: a name at the start of the speaker phrase (after titles)
        for a in &attrs {
            if let Who::Np(s, e) = a.who {
                let mut k = s;
                while k < e && title_at(&toks, text, k, lex, &mut buf).is_some() {
                    k = title_at(&toks, text, k, lex, &mut buf).map_or(k + 1, |(te, _)| te);
                }
                let e = if k < e && is_name_token(&toks[k], text, lex) {
                    e
                } else {
                    k
                };
                while k < e {
                    if is_name_token(&toks[k], text, lex) {
                        if let Some((ns, ne)) = name_run(&toks, text, k, lex) {
                            if ne <= e {
                                found.push(Found {
                                    s: ns,
                                    e: ne,
                                    gender: None,
                                });
                            }
                            k = ne;
                            continue;
                        }
                    }
                    k += 1;
                }
            }
        }
        // the subject of a speech cue ("Claire Dubois said …", "Claire Dubois, the
        // agency's director, told …") and a name with a person appositive ("Claire
        // Dubois, a spokeswoman,"): see `discover_subjects`
        discover_subjects(text, &toks, lex, &mut found, &mut appositives, &mut buf);
        found.sort_by_key(|f| (f.s, f.e));
        found.dedup_by_key(|f| f.s);
    }

    // 3. build clusters in text order, with surname linking
    let mut b = Builder {
        keys: HashMap::new(),
        clusters: Vec::new(),
    };
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len() + found.len() * 2);
    // surname -> cluster (the most recent full-name mention wins)
    let mut surnames: HashMap<String, u32> = HashMap::new();
    // first-name + surname token sequences of discovered people -> cluster
    let mut local_names: HashMap<String, u32> = HashMap::new();
    let mut local_keys: HashMap<String, usize> = HashMap::new();
    let mut local_firsts: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut mi = 0usize; // next gazetteer mention
    let mut fi = 0usize; // next discovered name
    let mut k = 0usize;
    let person: Arc<str> = Arc::from("PERSON");
    while k < toks.len() {
        let t = toks[k];
        // skip tokens covered by a gazetteer mention; emit the mention
        while mi < mentions.len() && mentions[mi].end <= t.start {
            let m = mentions[mi].clone();
            emit_gazetteer(m, info, &mut b, &mut out, &mut surnames, text);
            mi += 1;
        }
        if mi < mentions.len() && mentions[mi].start <= t.start {
            let m = mentions[mi].clone();
            let end = m.end;
            emit_gazetteer(m, info, &mut b, &mut out, &mut surnames, text);
            mi += 1;
            while k < toks.len() && toks[k].start < end {
                k += 1;
            }
            continue;
        }
        // a discovered name starting here
        while fi < found.len() && found[fi].s < k {
            fi += 1;
        }
        if fi < found.len() && found[fi].s == k {
            let f = &found[fi];
            let (s, e) = (toks[f.s].start, toks[f.e - 1].end);
            let blocked = overlaps_any(&mentions, s, e).is_some();
            if !blocked {
                let first = toks[f.s].text(text);
                let last = toks[f.e - 1].text(text);
                let key = format!("{first} {last}");
                let n = local_keys.len();
                let local = *local_keys.entry(key.clone()).or_insert(n);
                let name = text[s..e].to_string();
                let c = b.cluster(Key::Local(local), || Cluster {
                    name: name.clone(),
                    label: person.to_string(),
                    entity: None,
                    gender: None,
                    gender_evidence: None,
                    mentions: 0,
                    quotes: 0,
                });
                if name.len() > b.clusters[c as usize].name.len() {
                    b.clusters[c as usize].name = name;
                }
                if let Some((g, ev)) = &f.gender {
                    b.set_gender(c, *g, ev.clone());
                }
                b.clusters[c as usize].mentions += 1;
                out.push(Mention {
                    start: s,
                    end: e,
                    label: person.clone(),
                    entity: None,
                    candidates: Candidates::default(),
                    cluster: Some(c),
                    source: MentionSource::Discovered,
                });
                surnames.insert(last.to_string(), c);
                local_names.insert(key, c);
                local_firsts.insert(first.to_string());
                k = f.e;
                fi += 1;
                continue;
            }
        }
        if !opts.link {
            k += 1;
            continue;
        }
        // a known full local name again ("Penny Pritzker" after the title cue)
        if t.kind == Tok::Word && t.cap && k + 1 < toks.len() && local_firsts.contains(t.text(text))
        {
            let mut matched = None;
            for e in (k + 2..=(k + 4).min(toks.len())).rev() {
                if toks[e - 1].kind != Tok::Word {
                    continue;
                }
                let key = format!("{} {}", t.text(text), toks[e - 1].text(text));
                if let Some(&c) = local_names.get(&key) {
                    if (k..e).all(|j| {
                        toks[j].kind == Tok::Word && toks[j].cap && (j == k || !toks[j].glued)
                    }) {
                        matched = Some((e, c));
                        break;
                    }
                }
            }
            if let Some((e, c)) = matched {
                b.clusters[c as usize].mentions += 1;
                out.push(Mention {
                    start: t.start,
                    end: toks[e - 1].end,
                    label: person.clone(),
                    entity: None,
                    candidates: Candidates::default(),
                    cluster: Some(c),
                    source: MentionSource::Linked,
                });
                surnames.insert(toks[e - 1].text(text).to_string(), c);
                k = e;
                continue;
            }
        }
        // surname (with an optional title before it)
        if t.kind == Tok::Word && t.cap {
            if let Some(&c) = surnames.get(t.text(text)) {
                let next_org = toks
                    .get(k + 1)
                    .is_some_and(|n| n.kind == Tok::Word && n.cap && !n.glued);
                if !next_org {
                    // title before?
                    let mut start = t.start;
                    let mut gender = None;
                    for back in 1..=3usize {
                        if back > k {
                            break;
                        }
                        if let Some((te, g)) = title_at(&toks, text, k - back, lex, &mut buf) {
                            if te == k && toks[k - back].cap {
                                start = toks[k - back].start;
                                gender = g.map(|g| {
                                    (g, format!("title:{}", &text[start..toks[k - 1].end]))
                                });
                                break;
                            }
                        }
                    }
                    // drop the title part if an earlier emitted mention covers it
                    if out.last().is_some_and(|m| m.end > start) {
                        start = t.start;
                        gender = None;
                    }
                    if let Some((g, ev)) = gender {
                        b.set_gender(c, g, ev);
                    }
                    b.clusters[c as usize].mentions += 1;
                    let cl = &b.clusters[c as usize];
                    out.push(Mention {
                        start,
                        end: t.end,
                        label: cl.label.as_str().into(),
                        entity: cl.entity,
                        candidates: cl.entity.into_iter().collect(),
                        cluster: Some(c),
                        source: MentionSource::Linked,
                    });
                }
            }
        }
        k += 1;
    }
    while mi < mentions.len() {
        let m = mentions[mi].clone();
        emit_gazetteer(m, info, &mut b, &mut out, &mut surnames, text);
        mi += 1;
    }
    // gendered appositives give their gender to the person before them (discovered,
    // gazetteer or linked: "Beck, a congressman from Ohio,")
    for (end, g, ev) in appositives {
        if let Some(c) = out
            .iter()
            .rfind(|m| m.end == end)
            .filter(|m| &*m.label == "PERSON")
            .and_then(|m| m.cluster)
        {
            b.set_gender(c, g, ev);
        }
    }
    let unknown_names = if opts.discover && opts.link {
        unknown_names(text, &toks, lex, &out)
    } else {
        Vec::new()
    };
    Linked {
        entities: out,
        clusters: b.clusters,
        tokens: toks,
        attrs,
        unknown_names,
    }
}

fn emit_gazetteer(
    mut m: Mention,
    info: &dyn EntityInfo,
    b: &mut Builder,
    out: &mut Vec<Mention>,
    surnames: &mut HashMap<String, u32>,
    text: &str,
) {
    if let Some(e) = m.entity {
        let label = if info.label(e).is_empty() {
            m.label.to_string()
        } else {
            info.label(e).to_string()
        };
        let c = b.cluster(Key::Entity(e), || Cluster {
            name: if info.name(e).is_empty() {
                text[m.start..m.end].to_string()
            } else {
                info.name(e).to_string()
            },
            label: label.clone(),
            entity: Some(e),
            gender: None,
            gender_evidence: None,
            mentions: 0,
            quotes: 0,
        });
        if let Some(g) = info.gender(e).and_then(Gender::parse) {
            b.set_gender(c, g, "gazetteer".to_string());
        }
        b.clusters[c as usize].mentions += 1;
        m.cluster = Some(c);
        if label == "PERSON" && text[m.start..m.end].split_whitespace().count() >= 2 {
            let name = info.name(e);
            let name = if name.is_empty() {
                &text[m.start..m.end]
            } else {
                name
            };
            if let Some(s) = surname(name) {
                surnames.insert(s.to_string(), c);
            }
        }
    }
    out.push(m);
}
