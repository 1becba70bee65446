//! Emission scores without feature lists: the very sums `viterbi::emissions` makes of
//! `features::para_features`'s hashes (integer sums, so the order does not matter),
//! regrouped so that most of them are looked up once instead of once per token.
//!
//! - A word's own features (`w=`, `sh=`, affixes, lexicon flags) and those it gives the
//!   tokens around it (`w-1=`, `pron-1`, `sh-1=`, ...) depend on the word alone: each
//!   distinct word of a call gets its five rows summed once ([`Words`]).
//! - Features over small closed sets (distance buckets, commas, positions, neighbour
//!   cue flags, padding) are summed per value combination once per model ([`Tables`]).
//! - The rest (bigrams, mentions, quotes, multi-word cues) is hashed per token, the
//!   bigrams from FNV states the word entries keep ("bg-=" + word + "|" hashed once).

use super::context::Para;
use super::features::{bucket_idx, h, prefix, shape, suffix, BUCKETS, OFFSETS};
use super::hash::Fnv;
use super::lexicon::Lex;
use super::model::Model;
use crate::FastMap;
use std::fmt;

/// Rows are padded to whole 4-lane groups so that the adds vectorise.
fn stride_of(labels: usize) -> usize {
    labels.div_ceil(4) * 4
}

#[inline]
fn add(acc: &mut [i32], row: &[i32]) {
    for (a, &b) in acc.iter_mut().zip(row) {
        *a += b;
    }
}

/// Adds the model's row of `key`, if it has one.
#[inline]
fn add_key(model: &Model, key: u64, acc: &mut [i32]) {
    if let Some(row) = model.row(key) {
        for (a, &w) in acc.iter_mut().zip(row) {
            *a += i32::from(w);
        }
    }
}

/// A table of summed rows, one per value combination.
#[derive(Debug)]
struct Rows {
    stride: usize,
    data: Vec<i32>,
}

impl Rows {
    /// `count` rows, row `i` the sum of the model's rows of `keys(i)`.
    fn build(model: &Model, count: usize, keys: impl Fn(usize) -> Vec<u64>) -> Rows {
        let stride = stride_of(model.n_labels());
        let mut data = vec![0; count * stride];
        for (i, row) in data.chunks_exact_mut(stride).enumerate() {
            for k in keys(i) {
                add_key(model, k, row);
            }
        }
        Rows { stride, data }
    }

    #[inline]
    fn get(&self, i: usize) -> &[i32] {
        &self.data[i * self.stride..(i + 1) * self.stride]
    }
}

/// The features over small closed sets, summed once per model.
#[derive(Debug)]
pub(crate) struct Tables {
    stride: usize,
    /// "b".
    bias: Rows,
    /// "w{d}=<pad>", per offset of `OFFSETS`.
    pad: Rows,
    /// "cue{d}" for each set of offsets whose token is a cue (bit k: `OFFSETS[k]`).
    cue_near: Rows,
    /// "cl=" and "cl_cue=": left-distance bucket × 2 + the token is a cue.
    left: Rows,
    /// "cr=": right-distance bucket.
    right: Rows,
    /// "cm=" and "thatafter": commas (0..=3) × 2 + "that" after a cue.
    comma: Rows,
    /// "pos=", "rem=", "sstart", "send": position bucket × 8 + remaining bucket
    /// ("sstart" is position 0, "send" no token left in the sentence).
    place: Rows,
}

impl Tables {
    /// The tables of `model`.
    pub fn new(model: &Model) -> Tables {
        const COMMAS: [&str; 4] = ["0", "1", "2", "3"];
        let cue_near = |m: usize| {
            (0..4)
                .filter(|k| m >> k & 1 == 1)
                .map(|k| h(&["cue", OFFSETS[k].1]))
                .collect()
        };
        let left = |i: usize| {
            let (b, c) = (BUCKETS[i / 2], if i % 2 == 1 { "|c" } else { "" });
            vec![h(&["cl=", b]), h(&["cl_cue=", b, c])]
        };
        let comma = |i: usize| {
            let mut k = vec![h(&["cm=", COMMAS[i / 2]])];
            k.extend((i % 2 == 1).then(|| h(&["thatafter"])));
            k
        };
        let place = |i: usize| {
            let (p, r) = (BUCKETS[i / 8], BUCKETS[i % 8]);
            let mut k = vec![h(&["pos=", p]), h(&["rem=", r])];
            k.extend((p == "0").then(|| h(&["sstart"])));
            k.extend((r == "0").then(|| h(&["send"])));
            k
        };
        Tables {
            stride: stride_of(model.n_labels()),
            bias: Rows::build(model, 1, |_| vec![h(&["b"])]),
            pad: Rows::build(model, 4, |k| vec![h(&["w", OFFSETS[k].1, "=<pad>"])]),
            cue_near: Rows::build(model, 16, cue_near),
            left: Rows::build(model, 16, left),
            right: Rows::build(model, 8, |i| vec![h(&["cr=", BUCKETS[i]])]),
            comma: Rows::build(model, 8, comma),
            place: Rows::build(model, 64, place),
        }
    }
}

/// Rows per word entry: its own features, then those of the tokens 2 and 1 after it
/// ("w-2=", "w-1=" of them) and 1 and 2 before it ("w1=", "w2="), in `OFFSETS` order.
const WORD_ROWS: usize = 5;

/// Feature hashes waiting for their model rows, each with the row it adds to.
#[derive(Default)]
struct Pending {
    keys: Vec<(u64, u32)>,
    found: Vec<Option<u32>>,
}

impl Pending {
    #[inline]
    fn push(&mut self, key: u64, dest: usize) {
        self.keys.push((key, dest as u32));
    }

    /// Adds each key's model row to its destination row of `rows` (rows of `stride`).
    fn resolve(&mut self, model: &Model, rows: &mut [i32], stride: usize) {
        model.find_many(self.keys.iter().map(|k| k.0), &mut self.found);
        for (&(_, dest), &found) in self.keys.iter().zip(&self.found) {
            if let Some(r) = found {
                let at = dest as usize * stride;
                for (a, &w) in rows[at..at + stride].iter_mut().zip(model.weights_of(r)) {
                    *a += i32::from(w);
                }
            }
        }
        self.keys.clear();
    }
}

/// Past this many words [`Words`] starts over (about 8 MB of rows at 10 labels): a
/// bound on the memory, far above the distinct words of any one news article.
const MAX_WORDS: usize = 1 << 15;

/// The words seen so far and their summed rows. Kept by the tagger across calls: the
/// rows depend on the word alone, and most words of a text have been seen before, so
/// that a word's ~17 lookups in the model's tables (cache misses mostly) are made once.
#[derive(Default)]
pub(crate) struct Words {
    index: FastMap<Box<str>, u32>,
    rows: Vec<i32>,
    /// FNV states after "bg-=" + lowercase + "|" and after "bg+=" + lowercase + "|".
    bigram: Vec<[Fnv; 2]>,
    shape: String,
    /// The keys of the words new in this paragraph.
    pending: Pending,
}

impl fmt::Debug for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Words({})", self.index.len())
    }
}

impl Words {
    /// Starts over if the memo has grown past its bound (between calls only: the ids
    /// of a call stay valid through it).
    pub fn bound(&mut self) {
        if self.index.len() > MAX_WORDS {
            self.index.clear();
            self.rows.clear();
            self.bigram.clear();
        }
    }

    /// The entry of `w` (lowercase `lw`), made on first sight; its rows are filled by
    /// `pending.resolve`.
    fn id(&mut self, lex: &Lex, stride: usize, w: &str, lw: &str) -> u32 {
        if let Some(&id) = self.index.get(w) {
            return id;
        }
        let id = self.bigram.len() as u32;
        self.rows.resize(self.rows.len() + WORD_ROWS * stride, 0);
        shape(w, &mut self.shape);
        let first = id as usize * WORD_ROWS;
        word_keys(lex, w, lw, &self.shape, first, &mut self.pending);
        let pre = |p: &str| Fnv::new().str(p).str(lw).str("|");
        self.bigram.push([pre("bg-="), pre("bg+=")]);
        self.index.insert(w.into(), id);
        id
    }

    #[inline]
    fn row(&self, id: u32, k: usize, stride: usize) -> &[i32] {
        let at = (id as usize * WORD_ROWS + k) * stride;
        &self.rows[at..at + stride]
    }
}

/// The keys of one word's `WORD_ROWS` rows (`first`: the index of its first row).
fn word_keys(lex: &Lex, w: &str, lw: &str, sh: &str, first: usize, out: &mut Pending) {
    let pron = lex.pronouns.contains_key(lw);
    out.push(h(&["w=", lw]), first);
    out.push(h(&["sh=", sh]), first);
    out.push(h(&["s3=", suffix(lw, 3)]), first);
    out.push(h(&["s2=", suffix(lw, 2)]), first);
    out.push(h(&["p2=", prefix(lw, 2)]), first);
    if w.chars().next().is_some_and(char::is_uppercase) {
        out.push(h(&["cap"]), first);
    }
    if let Some(c) = lex.cue(lw) {
        out.push(h(&["cue=", c]), first);
    }
    if pron {
        out.push(h(&["pron"]), first);
    }
    if lex.titles.contains_key(lw) || lex.titles.contains_key(&format!("{lw}.")) {
        out.push(h(&["title"]), first);
    }
    if lex.roles.contains_key(lw) {
        out.push(h(&["role"]), first);
    }
    for g in lex.grammar.get(lw).into_iter().flatten() {
        out.push(h(&["g=", g]), first);
    }
    for (k, (_, ds)) in OFFSETS.iter().enumerate() {
        out.push(h(&["w", ds, "=", lw]), first + 1 + k);
        out.push(h(&["sh", ds, "=", sh]), first + 1 + k);
        if pron {
            out.push(h(&["pron", ds]), first + 1 + k);
        }
    }
}

/// Reusable buffers of [`emissions`].
#[derive(Default)]
pub(crate) struct EmitWork {
    pub words: Words,
    ids: Vec<u32>,
    /// Per token: the rows of its per-token keys (bigrams, mentions, quotes).
    tok: Vec<i32>,
    pending: Pending,
}

/// Fills `em` (token-major, one score per label) for the paragraph `p`.
pub(crate) fn emissions(
    model: &Model,
    tab: &Tables,
    lex: &Lex,
    p: &Para,
    work: &mut EmitWork,
    em: &mut Vec<f32>,
) {
    let (n, l, stride) = (p.words.len(), model.n_labels(), tab.stride);
    work.ids.clear();
    for (&w, lw) in p.words.iter().zip(&p.low) {
        let id = work.words.id(lex, stride, w, lw);
        work.ids.push(id);
    }
    let words = &mut work.words;
    words.pending.resolve(model, &mut words.rows, stride);
    for i in 0..n {
        token_keys(p, words, &work.ids, i, &mut work.pending);
    }
    work.tok.clear();
    work.tok.resize(n * stride, 0);
    work.pending.resolve(model, &mut work.tok, stride);
    em.clear();
    em.resize(n * l, 0.0);
    for (i, acc) in work.tok.chunks_exact_mut(stride).enumerate() {
        add(acc, tab.bias.get(0));
        token_sum(tab, p, &work.words, &work.ids, i, acc);
        let e = &mut em[i * l..(i + 1) * l];
        for (e, &a) in e.iter_mut().zip(&acc[..l]) {
            *e = a as f32 * model.scale;
        }
        e[model.o] += model.obias;
    }
}

/// Adds token `i`'s summed rows (words and tables) to `acc`.
fn token_sum(tab: &Tables, p: &Para, words: &Words, ids: &[u32], i: usize, acc: &mut [i32]) {
    let (n, stride) = (p.words.len(), tab.stride);
    add(acc, words.row(ids[i], 0, stride));
    let mut near = 0;
    for (k, &(d, _)) in OFFSETS.iter().enumerate() {
        let Some(j) = i.checked_add_signed(d).filter(|&j| j < n) else {
            add(acc, tab.pad.get(k));
            continue;
        };
        add(acc, words.row(ids[j], 1 + k, stride));
        near |= usize::from(p.cue_any[j]) << k;
    }
    add(acc, tab.cue_near.get(near));
    add(
        acc,
        tab.left
            .get(bucket_idx(p.left[i]) * 2 + usize::from(p.cue_any[i])),
    );
    add(acc, tab.right.get(bucket_idx(p.right[i])));
    add(
        acc,
        tab.comma
            .get(p.comma[i].min(3) * 2 + usize::from(p.that_after[i])),
    );
    let rem = p.sent_len[p.sent[i] as usize] - p.pos[i] - 1;
    add(
        acc,
        tab.place
            .get(bucket_idx(Some(p.pos[i])) * 8 + bucket_idx(Some(rem))),
    );
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
        let f = words.bigram[ids[i - 1] as usize][0];
        out.push(f.str(&p.low[i]).finish(), i);
    }
    if i + 1 < n {
        let f = words.bigram[ids[i] as usize][1];
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
