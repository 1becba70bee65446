//! Property tests: `Gazetteer::find` against a brute-force reference matcher written
//! here, over random aliases and random Unicode text from a small, nasty alphabet.
//!
//! The reference folds character by character with its own table (for this alphabet
//! only), tries every alias at every position, checks the boundary and case rules, and
//! then selects leftmost-longest.

use namedrop::gazetteer::{Alias, CaseMode, Entity, Gazetteer, MatchOptions};
use proptest::prelude::*;

/// Pieces of text: letters that case-fold in interesting ways, precomposed and
/// decomposed accents, apostrophes, dashes, whitespace, emoji, flags, CJK, a
/// Devanagari letter with a (kept) vowel sign, digits and punctuation.
const PIECES: &[&str] = &[
    "a", "b", "A", "B", "s", "S", "i", "é", "É", "e\u{301}", "ß", "ẞ", "İ", " ", "\u{a0}", "\n",
    "\r\n", "’", "'", "-", "\u{2011}", "–", ".", ",", "🇺🇸", "😀", "東", "京", "क", "\u{93f}", "1",
    "2",
];

fn is_cjk(c: char) -> bool {
    c == '東' || c == '京'
}
fn is_mark(c: char) -> bool {
    c == '\u{93f}' || c == '\u{301}' || c == '\u{307}'
}
fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\n' | '\r')
}
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Primary fold of one char (lowercase, diacritics removed).
fn fold_primary(c: char) -> String {
    match c {
        'A'..='Z' => c.to_ascii_lowercase().to_string(),
        'é' | 'É' => "e".into(),
        '\u{301}' => "".into(),
        'ß' | 'ẞ' => "ss".into(),
        'İ' => "i".into(),
        '’' => "'".into(),
        '\u{2011}' | '–' => "-".into(),
        _ => c.to_string(),
    }
}

/// Case-preserving fold (`exact`), with or without diacritics.
fn fold_exact(c: char, strip: bool) -> String {
    match (c, strip) {
        ('é', true) => "e".into(),
        ('É', true) => "E".into(),
        ('é', false) => "e\u{301}".into(),
        ('É', false) => "E\u{301}".into(),
        ('İ', true) => "I".into(),
        ('İ', false) => "I\u{307}".into(),
        ('\u{301}', true) => "".into(),
        ('’', _) => "'".into(),
        ('\u{2011}' | '–', _) => "-".into(),
        _ => c.to_string(),
    }
}

/// Lowercase fold keeping diacritics (decomposed).
fn fold_lower_marks(c: char) -> String {
    match c {
        'A'..='Z' => c.to_ascii_lowercase().to_string(),
        'é' | 'É' => "e\u{301}".into(),
        'ß' | 'ẞ' => "ss".into(),
        'İ' => "i".into(),
        '’' => "'".into(),
        '\u{2011}' | '–' => "-".into(),
        _ => c.to_string(),
    }
}

/// Folds a string with `f`, collapsing and trimming whitespace.
fn fold_str(s: &str, f: impl Fn(char) -> String) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if is_ws(c) {
            space = !out.is_empty();
            continue;
        }
        let piece = f(c);
        if piece.is_empty() {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push_str(&piece);
    }
    out
}

/// Folded characters of `s` with their source's capitalisation.
fn pattern(s: &str) -> Vec<(char, bool)> {
    let mut out = Vec::new();
    let mut space = false;
    for c in s.chars() {
        if is_ws(c) {
            space = !out.is_empty();
            continue;
        }
        let piece = fold_primary(c);
        if piece.is_empty() {
            continue;
        }
        if space {
            out.push((' ', false));
            space = false;
        }
        out.extend(piece.chars().map(|d| (d, c.is_uppercase())));
    }
    out
}

#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
    chars: Vec<char>,
}

/// Splits the text into units: one per character (whitespace runs: one unit), with
/// the characters that fold to nothing attached to the unit before them.
fn units(text: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_ws(c) {
            if let Some(u) = out.last_mut() {
                if u.chars == [' '] {
                    u.end = end;
                    continue;
                }
            }
            out.push(Unit {
                start: i,
                end,
                chars: vec![' '],
            });
            continue;
        }
        let f = fold_primary(c);
        if f.is_empty() {
            if let Some(u) = out.last_mut() {
                u.end = end;
            }
            continue;
        }
        out.push(Unit {
            start: i,
            end,
            chars: f.chars().collect(),
        });
    }
    out
}

struct RefAlias {
    text: String,
    case: Option<CaseMode>,
}

fn reference(aliases: &[RefAlias], text: &str, opts: &MatchOptions) -> Vec<(usize, usize, String)> {
    let us = units(text);
    // Folded chars with their unit.
    let f: Vec<(char, usize)> = us
        .iter()
        .enumerate()
        .flat_map(|(k, u)| u.chars.iter().map(move |&c| (c, k)))
        .collect();
    let class_before = |p: usize| -> bool {
        // word-ness of the nearest non-mark char before p
        f[..p]
            .iter()
            .rev()
            .find(|(c, _)| !is_mark(*c))
            .is_some_and(|(c, _)| is_word(*c))
    };
    // candidates[(p, e)] = valid alias indices
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (ai, a) in aliases.iter().enumerate() {
        let key: Vec<char> = fold_str(&a.text, fold_primary).chars().collect();
        if key.is_empty() {
            continue;
        }
        for p in 0..f.len() {
            let e = p + key.len();
            if e > f.len() || f[p..e].iter().map(|x| x.0).ne(key.iter().copied()) {
                continue;
            }
            if is_mark(f[p].0) || (class_before(p) && is_word(f[p].0)) {
                continue;
            }
            if e < f.len() {
                let next = f[e].0;
                if is_mark(next) || (class_before(e) && is_word(next)) {
                    continue;
                }
            }
            let (os, oe) = (us[f[p].1].start, us[f[e - 1].1].end);
            let span = &text[os..oe];
            let mode = a.case.unwrap_or(opts.case);
            let ok = match mode {
                CaseMode::Insensitive => true,
                CaseMode::Exact => {
                    fold_str(span, |c| fold_exact(c, opts.fold_diacritics))
                        == fold_str(&a.text, |c| fold_exact(c, opts.fold_diacritics))
                }
                CaseMode::Smart => {
                    let ap = pattern(&a.text);
                    let tp = pattern(span);
                    !ap.iter().any(|x| x.1)
                        || !span.chars().any(char::is_lowercase)
                        || ap.iter().zip(&tp).all(|(x, y)| !x.1 || y.1)
                }
            };
            let ok = ok
                && (opts.fold_diacritics
                    || mode == CaseMode::Exact
                    || fold_str(span, fold_lower_marks) == fold_str(&a.text, fold_lower_marks));
            if ok {
                cands.push((p, e, ai));
            }
        }
    }
    cands.sort();
    let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
    if opts.overlapping {
        chosen = cands;
    } else {
        let mut next = 0;
        let mut k = 0;
        while k < cands.len() {
            let p = cands[k].0;
            let group_end = cands[k..].iter().take_while(|c| c.0 == p).count() + k;
            if p >= next {
                let e = cands[group_end - 1].1;
                chosen.extend(cands[k..group_end].iter().filter(|c| c.1 == e));
                next = e;
            }
            k = group_end;
        }
    }
    let mut out: Vec<(usize, usize, String)> = chosen
        .into_iter()
        .map(|(p, e, ai)| {
            (
                us[f[p].1].start,
                us[f[e - 1].1].end,
                aliases[ai].text.clone(),
            )
        })
        .collect();
    out.sort();
    out
}

fn piece_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

fn alias_strategy() -> impl Strategy<Value = (String, Option<CaseMode>)> {
    let case = prop::sample::select(vec![
        None,
        None,
        None,
        Some(CaseMode::Smart),
        Some(CaseMode::Exact),
        Some(CaseMode::Insensitive),
    ]);
    (piece_string(5), case)
}

fn normalize(s: &str) -> String {
    s.split(is_ws)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn build(raw: Vec<(String, Option<CaseMode>)>) -> (Gazetteer, Vec<RefAlias>) {
    let mut g = Gazetteer::new();
    let mut refs: Vec<RefAlias> = Vec::new();
    for (i, (text, case)) in raw.into_iter().enumerate() {
        let text = normalize(&text);
        if !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        if refs.iter().any(|r| r.text == text && r.case == case) {
            continue;
        }
        // The name never occurs in the texts (no '9' in PIECES).
        let e = Entity::new(format!("e{i}"), format!("99{i}"), "MISC").alias(Alias {
            text: text.clone(),
            case,
        });
        if g.add(e).is_err() {
            continue;
        }
        refs.push(RefAlias { text, case });
    }
    (g, refs)
}

fn check(g: &Gazetteer, refs: &[RefAlias], text: &str) -> Result<(), TestCaseError> {
    for case in [CaseMode::Smart, CaseMode::Exact, CaseMode::Insensitive] {
        for overlapping in [false, true] {
            for fold_diacritics in [true, false] {
                let opts = MatchOptions {
                    case,
                    overlapping,
                    fold_diacritics,
                };
                let found = g.find(text, &opts);
                for m in &found {
                    prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                    prop_assert!(m.start < m.end);
                }
                prop_assert!(found
                    .windows(2)
                    .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
                let mut got: Vec<(usize, usize, String)> = found
                    .iter()
                    .map(|m| (m.start, m.end, g.alias_text(m.alias).to_string()))
                    .collect();
                got.sort();
                let want = reference(refs, text, &opts);
                prop_assert_eq!(got, want, "text {:?} opts {:?}", text, opts);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn find_equals_reference(
        raw in prop::collection::vec(alias_strategy(), 1..8),
        text in piece_string(40),
    ) {
        let (g, refs) = build(raw);
        check(&g, &refs, &text)?;
    }

    /// Texts made of the aliases themselves, so that matches are frequent.
    #[test]
    fn find_equals_reference_dense(
        raw in prop::collection::vec(alias_strategy(), 1..6),
        picks in prop::collection::vec((0usize..6, piece_string(3)), 0..12),
    ) {
        let (g, refs) = build(raw);
        let mut text = String::new();
        for (k, glue) in picks {
            if let Some(r) = refs.get(k % refs.len().max(1)) {
                text.push_str(&r.text.to_uppercase());
                text.push_str(&glue);
                text.push_str(&r.text);
            }
            text.push_str(&glue);
        }
        check(&g, &refs, &text)?;
    }
}

/// Arbitrary Unicode: aliases cut from the text itself, any characters at all.
mod arbitrary_unicode {
    use super::*;
    use namedrop::text::{fold_key, to_char_offsets, CharIndex};

    fn cut(text: &str, a: prop::sample::Index, len: usize) -> String {
        let chars: Vec<char> = text.chars().collect();
        if chars.is_empty() {
            return String::new();
        }
        let s = a.index(chars.len());
        chars[s..(s + len).min(chars.len())].iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn invariants_hold_on_any_text(
            text in "\\PC{0,60}",
            cuts in prop::collection::vec((any::<prop::sample::Index>(), 1usize..8), 1..6),
        ) {
            let mut g = Gazetteer::new();
            for (k, (a, len)) in cuts.into_iter().enumerate() {
                let alias = cut(&text, a, len);
                let _ = g.add(Entity::new(format!("e{k}"), alias, "MISC"));
            }
            for case in [CaseMode::Smart, CaseMode::Insensitive, CaseMode::Exact] {
                for fold_diacritics in [true, false] {
                    let base = MatchOptions { case, overlapping: false, fold_diacritics };
                    let one = g.find(&text, &base);
                    let all = g.find(&text, &MatchOptions { overlapping: true, ..base });
                    for m in &all {
                        prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                        let span = &text[m.start..m.end];
                        prop_assert_eq!(
                            fold_key(span, true, true),
                            fold_key(g.alias_text(m.alias), true, true)
                        );
                    }
                    for m in &one {
                        prop_assert!(all.contains(m));
                    }
                    prop_assert!(one.windows(2).all(|w| w[0].end <= w[1].start || w[0].start == w[1].start && w[0].end == w[1].end));
                }
            }
        }

        #[test]
        fn char_offsets_agree_with_naive(text in "\\PC{0,80}") {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let want: Vec<usize> = (0..bounds.len()).collect();
            prop_assert_eq!(to_char_offsets(&text, &bounds), want.clone());
            let rev: Vec<usize> = bounds.iter().rev().copied().collect();
            let want_rev: Vec<usize> = want.iter().rev().copied().collect();
            prop_assert_eq!(to_char_offsets(&text, &rev), want_rev);
            let idx = CharIndex::new(&text);
            for (c, &b) in bounds.iter().enumerate() {
                prop_assert_eq!(idx.char_offset(b), c);
            }
        }
    }
}

/// `find` takes `&self` and is used from rayon threads.
#[test]
fn find_is_usable_from_many_threads() {
    use rayon::prelude::*;
    let mut g = Gazetteer::new();
    g.add(Entity::new("ny", "New York", "GPE")).unwrap();
    g.add(Entity::new("zh", "Zürich", "GPE")).unwrap();
    let texts: Vec<String> = (0..200)
        .map(|i| format!("{i}: New York and Zu\u{301}rich, not Zurichs {i}"))
        .collect();
    let o = MatchOptions::default();
    let counts: Vec<usize> = texts.par_iter().map(|t| g.find(t, &o).len()).collect();
    assert!(counts.iter().all(|&c| c == 2), "{counts:?}");
}

/// Long letter runs around the prefilter's 24-byte cap, against the reference.
#[test]
fn long_runs_match_reference() {
    let a = |n: usize| "a".repeat(n);
    let raw: Vec<(String, Option<CaseMode>)> = vec![
        (a(23), None),
        (a(24), None),
        (a(25), None),
        (format!("{}b", a(24)), None),
        (format!("{} b", a(30)), None),
        (format!("{}-{}", a(24), a(3)), None),
    ];
    let (g, refs) = build(raw);
    for n in [22, 23, 24, 25, 26, 30] {
        for tail in ["", " ", "b", " b", "-aaa", "’s", "é"] {
            let text = format!("x {}{} y", a(n), tail);
            check(&g, &refs, &text).unwrap();
        }
    }
}
