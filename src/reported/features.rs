//! The feature templates of `tools/reported/feats.py`, as FNV-1a hashes of the very
//! strings the training code builds ("w=said", "cue-1", "bg-=he|said", ...): the model
//! file stores the hashes of the trained attributes, and a feature string the model
//! never saw hashes to a key that is not in it.

use super::context::Para;
use super::hash::Fnv;
use super::lexicon::Lex;

/// The values of `feats.bucket`, indexed by [`bucket_idx`].
pub(crate) const BUCKETS: [&str; 8] = ["none", "0", "1", "2", "3", "4-6", "7-12", "13+"];

/// The index in [`BUCKETS`] of `feats.bucket(d)` (the fast emissions index tables with it).
pub(crate) fn bucket_idx(d: Option<usize>) -> usize {
    match d {
        None => 0,
        Some(d) if d <= 3 => d + 1,
        Some(d) if d <= 6 => 5,
        Some(d) if d <= 12 => 6,
        Some(_) => 7,
    }
}

/// `feats.bucket`.
fn bucket(d: Option<usize>) -> &'static str {
    BUCKETS[bucket_idx(d)]
}

/// `feats.shape`: runs of A-Z -> X, a-z -> x, 0-9 -> d, other characters kept; the
/// first four characters.
pub(crate) fn shape(w: &str, out: &mut String) {
    out.clear();
    let mut prev = '\0';
    let mut count = 0;
    for c in w.chars() {
        let (class, mapped) = match c {
            'A'..='Z' => ('X', true),
            'a'..='z' => ('x', true),
            '0'..='9' => ('d', true),
            _ => (c, false),
        };
        let run = mapped && class == prev;
        prev = if mapped { class } else { '\0' };
        if run {
            continue;
        }
        if count == 4 {
            break;
        }
        out.push(class);
        count += 1;
    }
}

/// The last `n` characters.
pub(crate) fn suffix(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// The first `n` characters.
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Reusable buffers of the feature computation.
#[derive(Default)]
pub(crate) struct Scratch {
    shapes: Vec<String>,
}

pub(crate) const OFFSETS: [(isize, &str); 4] = [(-2, "-2"), (-1, "-1"), (1, "1"), (2, "2")];

/// The hash of the concatenation of `parts`.
pub(crate) fn h(parts: &[&str]) -> u64 {
    parts.iter().fold(Fnv::new(), |f, p| f.str(p)).finish()
}

/// Appends the feature hashes of token `i` of `p` to `out`.
fn token_features(p: &Para, lex: &Lex, shapes: &[String], i: usize, out: &mut Vec<u64>) {
    let (w, lw) = (p.words[i], p.low[i].as_str());
    out.push(h(&["b"]));
    out.push(h(&["w=", lw]));
    out.push(h(&["sh=", &shapes[i]]));
    out.push(h(&["s3=", suffix(lw, 3)]));
    out.push(h(&["s2=", suffix(lw, 2)]));
    out.push(h(&["p2=", prefix(lw, 2)]));
    if w.chars().next().is_some_and(char::is_uppercase) {
        out.push(h(&["cap"]));
    }
    if let Some(c) = p.cue[i] {
        out.push(h(&["cue=", c]));
    }
    if let Some((first, tier)) = p.mw[i] {
        out.push(h(&["mw=", if first { "B" } else { "I" }, tier]));
    }
    if lex.pronouns.contains_key(lw) {
        out.push(h(&["pron"]));
    }
    if lex.titles.contains_key(lw) || lex.titles.contains_key(&format!("{lw}.")) {
        out.push(h(&["title"]));
    }
    if lex.roles.contains_key(lw) {
        out.push(h(&["role"]));
    }
    for g in lex.grammar.get(lw).into_iter().flatten() {
        out.push(h(&["g=", g]));
    }
    if let Some((first, label, source)) = p.ent[i] {
        let bi = if first { "B-" } else { "I-" };
        out.push(h(&["ent=", bi, label, ":", source]));
        out.push(h(&["entb=", bi, label]));
    }
    if let Some(kind) = p.inq[i] {
        out.push(h(&["inq=", kind]));
    }
    sentence_features(p, i, out);
    neighbour_features(p, lex, shapes, i, out);
}

fn sentence_features(p: &Para, i: usize, out: &mut Vec<u64>) {
    const COMMAS: [&str; 4] = ["0", "1", "2", "3"];
    let n = p.words.len();
    out.push(h(&["cl=", bucket(p.left[i])]));
    out.push(h(&["cr=", bucket(p.right[i])]));
    out.push(h(&["cm=", COMMAS[p.comma[i].min(3)]]));
    out.push(h(&["pos=", bucket(Some(p.pos[i]))]));
    let rem = p.sent_len[p.sent[i] as usize] - p.pos[i] - 1;
    out.push(h(&["rem=", bucket(Some(rem))]));
    if p.that_after[i] {
        out.push(h(&["thatafter"]));
    }
    if p.pos[i] == 0 {
        out.push(h(&["sstart"]));
    }
    if i + 1 == n || p.sent[i + 1] != p.sent[i] {
        out.push(h(&["send"]));
    }
}

fn neighbour_features(p: &Para, lex: &Lex, shapes: &[String], i: usize, out: &mut Vec<u64>) {
    let n = p.words.len();
    for (d, ds) in OFFSETS {
        let Some(j) = i.checked_add_signed(d).filter(|&j| j < n) else {
            out.push(h(&["w", ds, "=<pad>"]));
            continue;
        };
        out.push(h(&["w", ds, "=", &p.low[j]]));
        if p.cue_any[j] {
            out.push(h(&["cue", ds]));
        }
        if let Some((_, label, _)) = p.ent[j] {
            out.push(h(&["ent", ds, "=", label]));
        }
        if lex.pronouns.contains_key(p.low[j].as_str()) {
            out.push(h(&["pron", ds]));
        }
        out.push(h(&["sh", ds, "=", &shapes[j]]));
    }
    if i > 0 {
        out.push(h(&["bg-=", &p.low[i - 1], "|", &p.low[i]]));
    }
    if i + 1 < n {
        out.push(h(&["bg+=", &p.low[i], "|", &p.low[i + 1]]));
    }
    let c = if p.cue_any[i] { "|c" } else { "" };
    out.push(h(&["cl_cue=", bucket(p.left[i]), c]));
}

/// The features of every token of `p`: token `i`'s hashes are
/// `feats[starts[i]..starts[i + 1]]`.
pub(crate) fn para_features(
    p: &Para,
    lex: &Lex,
    scratch: &mut Scratch,
    feats: &mut Vec<u64>,
    starts: &mut Vec<u32>,
) {
    let n = p.words.len();
    scratch.shapes.resize_with(n, String::new);
    for (w, s) in p.words.iter().zip(scratch.shapes.iter_mut()) {
        shape(w, s);
    }
    feats.clear();
    starts.clear();
    for i in 0..n {
        starts.push(feats.len() as u32);
        token_features(p, lex, &scratch.shapes, i, feats);
    }
    starts.push(feats.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_like_the_regex_substitutions() {
        let mut s = String::new();
        for (w, want) in [
            ("McDonald", "XxXx"),
            ("U.S", "X.X"),
            ("1990s", "dx"),
            ("“", "“"),
            ("éa", "éx"),
            ("AbCdEf", "XxXx"),
            ("exit", "x"),
            ("Xx-x", "Xx-x"),
            ("SiriusXM", "XxX"),
        ] {
            shape(w, &mut s);
            assert_eq!(s, want, "{w}");
        }
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(suffix("said", 3), "aid");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(suffix("naïve", 2), "ve");
        assert_eq!(prefix("ñu", 2), "ñu");
        assert_eq!(prefix("a", 2), "a");
    }

    #[test]
    fn buckets() {
        let got: Vec<_> = [None, Some(0), Some(3), Some(4), Some(12), Some(13)]
            .into_iter()
            .map(bucket)
            .collect();
        assert_eq!(got, ["none", "0", "3", "4-6", "7-12", "13+"]);
    }
}
