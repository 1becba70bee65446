//! Emission scores without feature lists: the very sums `viterbi::emissions` makes of
//! `features::para_features`'s hashes (integer sums, so the order does not matter),
//! regrouped so that most of them are looked up once instead of once per token.
//!
//! - A word's own features (`w=`, `sh=`, affixes, lexicon flags) and those it gives the
//!   tokens around it (`w-1=`, `pron-1`, `sh-1=`, ...) depend on the word alone: each
//!   distinct word gets its five rows summed once (`words.rs`).
//! - Features over small closed sets (distance buckets, commas, positions, neighbour
//!   cue flags, padding) are summed per value combination once per model ([`Tables`]).
//! - The rest (bigrams, mentions, quotes, multi-word cues) is hashed per token, the
//!   bigrams from FNV states the word entries keep ("bg-=" + word + "|" hashed once).
//!
//! Rows are fixed 12-lane [`Row`]s (whole vector adds); a model of
//! more labels has no [`Tables`] and is tagged from the feature lists.

use super::context::Para;
use super::features::{bucket_idx, h, BUCKETS, OFFSETS};
use super::lexicon::Lex;
use super::model::Model;
use super::words::{Local, Pending, Row, Words, LANES};

/// The sum of the model's rows of `keys`.
fn sum(model: &Model, keys: impl IntoIterator<Item = u64>) -> Row {
    let mut row = Row::default();
    for k in keys {
        if let Some(w) = model.row(k) {
            row.add_weights(w);
        }
    }
    row
}

/// The features over small closed sets, summed once per model.
#[derive(Debug)]
pub(crate) struct Tables {
    /// "cue{d}" for each set of offsets whose token is a cue (bit k: `OFFSETS[k]`),
    /// × 8 + "cm=" (commas 0..=3) × 2 + "thatafter".
    near: Vec<Row>,
    /// "cl=" and "cl_cue=" (left-distance bucket × 2 + the token is a cue), × 8 +
    /// "cr=" (right-distance bucket).
    dist: Vec<Row>,
    /// "b", "pos=", "rem=", "sstart", "send": position bucket × 8 + remaining bucket
    /// ("sstart" is position 0, "send" no token left in the sentence).
    place: Vec<Row>,
    /// "w{d}=<pad>" near the paragraph's edges: tokens before (0, 1, 2+) × 3 + tokens
    /// after (0, 1, 2+).
    pad: Vec<Row>,
}

impl Tables {
    /// The tables of `model`, if its labels fit a [`Row`].
    pub fn new(model: &Model) -> Option<Tables> {
        const COMMAS: [&str; 4] = ["0", "1", "2", "3"];
        if model.n_labels() > LANES {
            return None;
        }
        let near = |i: usize| {
            let (m, c, that) = (i / 8, i % 8 / 2, i % 2 == 1);
            let cues = (0..4).filter(move |k| m >> k & 1 == 1);
            let mut k: Vec<u64> = cues.map(|k| h(&["cue", OFFSETS[k].1])).collect();
            k.push(h(&["cm=", COMMAS[c]]));
            k.extend(that.then(|| h(&["thatafter"])));
            k
        };
        let dist = |i: usize| {
            let (l, c, r) = (BUCKETS[i / 16], i / 8 % 2 == 1, BUCKETS[i % 8]);
            let c = if c { "|c" } else { "" };
            vec![h(&["cl=", l]), h(&["cl_cue=", l, c]), h(&["cr=", r])]
        };
        let place = |i: usize| {
            let (p, r) = (BUCKETS[i / 8], BUCKETS[i % 8]);
            let mut k = vec![h(&["b"]), h(&["pos=", p]), h(&["rem=", r])];
            k.extend((p == "0").then(|| h(&["sstart"])));
            k.extend((r == "0").then(|| h(&["send"])));
            k
        };
        let pad = |i: usize| {
            let (before, after) = (i / 3, i % 3);
            let missing = [before < 2, before < 1, after < 1, after < 2];
            (0..4)
                .filter(|&k| missing[k])
                .map(|k| h(&["w", OFFSETS[k].1, "=<pad>"]))
                .collect::<Vec<_>>()
        };
        let build = |count: usize, keys: &dyn Fn(usize) -> Vec<u64>| {
            (0..count).map(|i| sum(model, keys(i))).collect()
        };
        Some(Tables {
            near: build(128, &near),
            dist: build(128, &dist),
            place: build(64, &place),
            pad: build(9, &pad),
        })
    }
}

/// Reusable buffers of [`emissions`].
#[derive(Default)]
pub(crate) struct EmitWork<'t> {
    /// The tagger's word memo, taken for the call.
    pub words: Words,
    local: Local<'t>,
    ids: Vec<u32>,
    /// Per token: the sum of its rows.
    tok: Vec<Row>,
    pending: Pending,
}

impl EmitWork<'_> {
    /// Sizes the per-call word map for a text of `text_len` bytes.
    pub fn expect(&mut self, text_len: usize) {
        self.local.expect(text_len);
    }
}

/// Fills `em` (token-major, one score per label) for the paragraph `p`.
pub(crate) fn emissions<'t>(
    (model, tab, lex): (&Model, &Tables, &Lex),
    p: &Para<'t>,
    work: &mut EmitWork<'t>,
    em: &mut Vec<f32>,
) {
    let (n, l) = (p.words.len(), model.n_labels());
    let words = (&p.words[..], &p.low[..]);
    work.local
        .ids(&mut work.words, (model, lex), words, &mut work.ids);
    for i in 0..n {
        token_keys(p, &work.words, &work.ids, i, &mut work.pending);
    }
    work.tok.clear();
    work.tok.resize(n, Row::default());
    work.pending.resolve(model, &mut work.tok);
    em.clear();
    em.resize(n * l, 0.0);
    for (i, (tok, e)) in work.tok.iter().zip(em.chunks_exact_mut(l)).enumerate() {
        // one accumulator per token, kept in registers through all its adds
        let mut acc = *tok;
        word_sums(&work.words, &work.ids, i, &mut acc);
        table_sums(tab, p, i, &mut acc);
        // all lanes converted (a fixed width keeps the accumulator in vector
        // registers), then the model's labels kept
        let mut f = [0f32; LANES];
        for (f, &a) in f.iter_mut().zip(&acc.0) {
            *f = a as f32 * model.scale;
        }
        e.copy_from_slice(&f[..l]);
        e[model.o] += model.obias;
    }
}

/// Adds token `i`'s word rows: its word's own row and row 1 + k of the word at
/// `OFFSETS[k]` from it.
#[inline]
fn word_sums(words: &Words, ids: &[u32], i: usize, acc: &mut Row) {
    let n = ids.len();
    acc.add(&words.entry(ids[i]).rows[0]);
    if i >= 2 {
        acc.add(&words.entry(ids[i - 2]).rows[1]);
    }
    if i >= 1 {
        acc.add(&words.entry(ids[i - 1]).rows[2]);
    }
    if i + 1 < n {
        acc.add(&words.entry(ids[i + 1]).rows[3]);
    }
    if i + 2 < n {
        acc.add(&words.entry(ids[i + 2]).rows[4]);
    }
}

/// Adds token `i`'s rows of the per-model tables to `acc`.
#[inline]
fn table_sums(tab: &Tables, p: &Para, i: usize, acc: &mut Row) {
    let n = p.words.len();
    let mut near = 0;
    for (k, &(d, _)) in OFFSETS.iter().enumerate() {
        if let Some(j) = i.checked_add_signed(d).filter(|&j| j < n) {
            near |= usize::from(p.cue_any[j]) << k;
        }
    }
    let comma = p.comma[i].min(3) * 2 + usize::from(p.that_after[i]);
    acc.add(&tab.near[near * 8 + comma]);
    let left = bucket_idx(p.left[i]) * 2 + usize::from(p.cue_any[i]);
    acc.add(&tab.dist[left * 8 + bucket_idx(p.right[i])]);
    let rem = p.sent_len[p.sent[i] as usize] - p.pos[i] - 1;
    acc.add(&tab.place[bucket_idx(Some(p.pos[i])) * 8 + bucket_idx(Some(rem))]);
    let (before, after) = (i.min(2), (n - 1 - i).min(2));
    if (before, after) != (2, 2) {
        acc.add(&tab.pad[before * 3 + after]);
    }
}

/// Token `i`'s keys over open sets: bigrams, neighbour mentions, multi-word cue,
/// mention, quote.
fn token_keys(p: &Para, words: &Words, ids: &[u32], i: usize, out: &mut Pending) {
    let n = p.words.len();
    for &(d, ds) in &OFFSETS {
        let Some(j) = i.checked_add_signed(d).filter(|&j| j < n) else {
            continue;
        };
        if let Some((_, label, _)) = p.ent[j] {
            out.push(h(&["ent", ds, "=", label]), i);
        }
    }
    if i > 0 {
        let f = words.entry(ids[i - 1]).bigram[0];
        out.push(f.str(&p.low[i]).finish(), i);
    }
    if i + 1 < n {
        let f = words.entry(ids[i]).bigram[1];
        out.push(f.str(&p.low[i + 1]).finish(), i);
    }
    if let Some((first, tier)) = p.mw[i] {
        out.push(h(&["mw=", if first { "B" } else { "I" }, tier]), i);
    }
    if let Some((first, label, source)) = p.ent[i] {
        let bi = if first { "B-" } else { "I-" };
        out.push(h(&["ent=", bi, label, ":", source]), i);
        out.push(h(&["entb=", bi, label]), i);
    }
    if let Some(kind) = p.inq[i] {
        out.push(h(&["inq=", kind]), i);
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::{EntSpan, QuoteSpan};
    use super::super::{features, tokens, viterbi};
    use super::*;

    /// The regrouped sums equal the sums over the feature lists, paragraph by
    /// paragraph, with mentions, quotes, multi-word cues, edges and a one-token line.
    #[test]
    fn fast_emissions_equal_the_feature_sums() {
        let model = Model::embedded().unwrap();
        let lex = Lex::new();
        let tab = Tables::new(&model).unwrap();
        let text = "The senator said on Monday that the bill would pass, according to two \
                    aides.\n“We have the votes,” she told reporters. Sen. Warren, however, \
                    warned it could fail.\nOK\n\nThe senator said so.";
        let at = |s: &str| text.find(s).unwrap();
        let ents = [
            EntSpan {
                start: at("senator"),
                end: at("senator") + 7,
                label: "PERSON",
                source: "gazetteer",
            },
            EntSpan {
                start: at("Warren"),
                end: at("Warren") + 6,
                label: "PERSON",
                source: "linked",
            },
        ];
        let (q0, q1) = (at("“"), at("”") + "”".len());
        let quotes = [QuoteSpan {
            start: q0,
            end: q1,
            kind: "direct",
        }];
        let mut toks = Vec::new();
        tokens::tokenize(text, &mut toks);
        let mut work = EmitWork::default();
        let mut scratch = features::Scratch::default();
        for para in toks.chunk_by(|a, b| a.para == b.para) {
            let mut p = Para::default();
            p.fill(text, para, &lex, &ents, &quotes);
            let (mut fast, mut slow, mut feats, mut starts) = (vec![], vec![], vec![], vec![]);
            emissions((&model, &tab, &lex), &p, &mut work, &mut fast);
            features::para_features(&p, &lex, &mut scratch, &mut feats, &mut starts);
            viterbi::emissions(&model, &feats, &starts, &mut slow);
            assert_eq!(fast, slow, "{:?}", p.words);
        }
    }
}
