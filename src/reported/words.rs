//! The per-word part of the emissions: a word's own features (`w=`, `sh=`, affixes,
//! lexicon flags) and those it gives the tokens around it (`w-1=`, `pron-1`, `sh-1=`,
//! ...) depend on the word alone, so each distinct word gets its `WORD_ROWS` rows
//! summed once and kept ([`Words`], across calls, bounded); a call finds its words
//! through a small map of its own in front ([`Local`]).

use std::fmt;

use super::features::{h, prefix, shape, suffix, OFFSETS};
use super::hash::Fnv;
use super::lexicon::Lex;
use super::model::Model;
use crate::FastMap;

/// Rows per word entry: its own features, then those it gives the tokens 2 and 1
/// after it ("w-2=", "w-1=" of them) and 1 and 2 before it ("w1=", "w2="), in
/// `OFFSETS` order.
pub(crate) const WORD_ROWS: usize = 5;

/// Past this many words [`Words`] drops those not seen for longest (4 MB of entries):
/// a bound on the memory, far above the distinct words of any one news article.
const MAX_WORDS: usize = 1 << 14;

/// The words [`Words::bound`] keeps: the three quarters seen most recently. A stream
/// of articles brings new words without end (PolNeAR train alone has 32,504); keeping
/// the recent ones keeps the frequent ones, and on train made a quarter fewer new
/// entries per pass than starting over (simulated: 62,683 to 38,226 at 16,384 words).
const KEPT_WORDS: usize = MAX_WORDS / 4 * 3;

/// Lanes of a [`Row`]: the labels of the models the fast emissions take (the
/// embedded model has 10). Twelve make an [`Entry`] four cache lines: most of the
/// tagger's time is cache misses, and sixteen lanes made it six.
pub(crate) const LANES: usize = 12;

/// Summed weights, one lane per label, added in whole vectors.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(16))]
pub(crate) struct Row(pub [i32; LANES]);

impl Row {
    #[inline(always)]
    pub fn add(&mut self, other: &Row) {
        for (a, &b) in self.0.iter_mut().zip(&other.0) {
            *a += b;
        }
    }

    /// Adds a model row (its first `LANES` weights at most).
    #[inline]
    pub fn add_weights(&mut self, w: &[i16]) {
        // a slot's row is padded with zeros to `LANES` or more: one fixed-width add
        if let Some(w) = w.first_chunk::<LANES>() {
            for (a, &b) in self.0.iter_mut().zip(w) {
                *a += i32::from(b);
            }
            return;
        }
        for (a, &b) in self.0.iter_mut().zip(w) {
            *a += i32::from(b);
        }
    }
}

/// What the memo keeps of a word, in four cache lines.
#[derive(Clone, Copy)]
#[repr(align(64))]
pub(crate) struct Entry {
    /// Its own row, then those of `OFFSETS` (see [`WORD_ROWS`]).
    pub rows: [Row; WORD_ROWS],
    /// FNV states after "bg-=" + lowercase + "|" and after "bg+=" + lowercase + "|"
    /// (here, not in an array of their own: one cache miss fewer per token).
    pub bigram: [Fnv; 2],
}

/// Feature hashes waiting for their model rows, each with the row it adds to.
#[derive(Default)]
pub(crate) struct Pending {
    keys: Vec<(u64, u32)>,
    found: Vec<Option<u32>>,
}

impl Pending {
    #[inline]
    pub fn push(&mut self, key: u64, dest: usize) {
        self.keys.push((key, dest as u32));
    }

    /// Adds each key's model row to its destination row of `rows`.
    pub fn resolve(&mut self, model: &Model, rows: &mut [Row]) {
        self.resolve_with(model, |dest, w| rows[dest].add_weights(w));
    }

    /// Looks the keys up (the first probes of all of them in one pass), gives each
    /// found key's destination and model row to `add`, and clears the keys.
    fn resolve_with(&mut self, model: &Model, mut add: impl FnMut(usize, &[i16])) {
        model.find_many(self.keys.iter().map(|k| k.0), &mut self.found);
        for (&(_, dest), &found) in self.keys.iter().zip(&self.found) {
            if let Some(r) = found {
                add(dest as usize, model.weights_of(r));
            }
        }
        self.keys.clear();
    }
}

/// The words seen so far and their summed rows, kept by the tagger across calls: most
/// words of a text have been seen before, and a new word costs ~17 lookups in the
/// model's tables (cache misses mostly).
#[derive(Default)]
pub(crate) struct Words {
    /// Words of up to 15 bytes, packed (`packed`): found without reading a string on
    /// the heap (a cache miss of its own, one per new word of a call).
    short: FastMap<[u8; 16], u32>,
    index: FastMap<Box<str>, u32>,
    entries: Vec<Entry>,
    /// Per entry: the call that last looked it up (`calls` then).
    seen: Vec<u32>,
    /// Calls ended so far (counted by `bound`).
    calls: u32,
    /// Entries of words `bound` dropped, for new words to take.
    free: Vec<u32>,
    shape: String,
    /// The keys of the words new since the last `resolve`.
    pending: Pending,
}

impl fmt::Debug for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Words({})", self.entries.len())
    }
}

impl Words {
    /// Ends a call: past the bound, keeps only the `KEPT_WORDS` seen most recently
    /// (between calls only: the ids of a call stay valid through it); the others'
    /// entries are reused by new words, nothing is moved. Linear in the memo's size,
    /// once every `MAX_WORDS - KEPT_WORDS` new words at most.
    pub fn bound(&mut self) {
        self.calls = self.calls.wrapping_add(1);
        let live = self.short.len() + self.index.len();
        if live <= MAX_WORDS {
            return;
        }
        // the call stamp at the cut: every newer word is kept, and words of that very
        // stamp while there is room (any of them is as recent as any other)
        let seen = &self.seen;
        let mut stamps: Vec<u32> = self
            .short
            .values()
            .chain(self.index.values())
            .map(|&id| seen[id as usize])
            .collect();
        let cut = *stamps.select_nth_unstable(live - KEPT_WORDS).1;
        let mut ties = KEPT_WORDS - stamps.iter().filter(|&&s| s > cut).count();
        let free = &mut self.free;
        let mut keep = |id: &mut u32| {
            let stamp = seen[*id as usize];
            let kept = stamp > cut || stamp == cut && ties > 0;
            if kept {
                ties -= usize::from(stamp == cut);
            } else {
                free.push(*id);
            }
            kept
        };
        self.short.retain(|_, id| keep(id));
        self.index.retain(|_, id| keep(id));
    }

    /// The entry of `w` (lowercase `lw`), made on first sight; its rows are filled by
    /// [`Words::resolve`].
    fn id(&mut self, lex: &Lex, w: &str, lw: &str) -> u32 {
        let key = packed(w);
        let found = match &key {
            Some(k) => self.short.get(k),
            None => self.index.get(w),
        };
        if let Some(&id) = found {
            self.seen[id as usize] = self.calls;
            return id;
        }
        let pre = |p: &str| Fnv::new().str(p).str(lw).str("|");
        let entry = Entry {
            rows: [Row::default(); WORD_ROWS],
            bigram: [pre("bg-="), pre("bg+=")],
        };
        let id = match self.free.pop() {
            Some(id) => {
                self.entries[id as usize] = entry;
                self.seen[id as usize] = self.calls;
                id
            }
            None => {
                self.entries.push(entry);
                self.seen.push(self.calls);
                (self.entries.len() - 1) as u32
            }
        };
        shape(w, &mut self.shape);
        let first = id as usize * WORD_ROWS;
        word_keys(lex, w, lw, &self.shape, first, &mut self.pending);
        match key {
            Some(k) => self.short.insert(k, id),
            None => self.index.insert(w.into(), id),
        };
        id
    }

    /// Fills the rows of the entries made since the last call.
    fn resolve(&mut self, model: &Model) {
        let entries = &mut self.entries;
        self.pending.resolve_with(model, |dest, w| {
            entries[dest / WORD_ROWS].rows[dest % WORD_ROWS].add_weights(w);
        });
    }

    /// The words in the memo.
    #[cfg(test)]
    fn live(&self) -> usize {
        self.short.len() + self.index.len()
    }

    /// The rows of entry `id`.
    #[inline]
    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }
}

/// A word of up to 15 bytes as 16: its bytes, zeros, its length last (distinct words,
/// distinct keys).
fn packed(w: &str) -> Option<[u8; 16]> {
    let mut k = [0u8; 16];
    k.get_mut(..w.len())
        .filter(|_| w.len() < 16)?
        .copy_from_slice(w.as_bytes());
    k[15] = w.len() as u8;
    Some(k)
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

/// One call's words: a small map in front of [`Words`]'s (keyed by the text's own
/// slices, so that a word seen before in the call is found without the big table).
#[derive(Default)]
pub(crate) struct Local<'t> {
    index: FastMap<&'t str, u32>,
}

impl<'t> Local<'t> {
    /// Room for the distinct words of a text of `text_len` bytes (one in 11 bytes,
    /// the median of PolNeAR train's articles, 5.6 to 26 among them), so that the map
    /// is not rehashed several times as the text's paragraphs come; at most
    /// `MAX_WORDS`, so that a long text reserves no more than the memo's bound.
    pub fn expect(&mut self, text_len: usize) {
        self.index.reserve((text_len / 10).min(MAX_WORDS));
    }

    /// The [`Words`] entry of each token of a paragraph (`words`, `low`: their forms)
    /// in `ids`, with its rows filled.
    pub fn ids(
        &mut self,
        global: &mut Words,
        (model, lex): (&Model, &Lex),
        (words, low): (&[&'t str], &[String]),
        ids: &mut Vec<u32>,
    ) {
        ids.clear();
        // room for every token being new: no growing while the paragraph is read
        self.index.reserve(words.len());
        for (&w, lw) in words.iter().zip(low) {
            let id = *self.index.entry(w).or_insert_with(|| global.id(lex, w, lw));
            ids.push(id);
        }
        global.resolve(model);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_keys_are_distinct_and_short_only() {
        assert_ne!(packed("a"), packed("a\0"));
        assert_ne!(packed("ab"), packed("ba"));
        assert!(packed("fifteen-bytes-x").is_some());
        assert!(packed("sixteen-bytes-xx").is_none());
        assert_eq!(packed("é").unwrap()[..3], [0xc3, 0xa9, 0]);
    }

    /// Past the bound the memo keeps the words of recent calls, with the rows a fresh
    /// memo gives them.
    #[test]
    fn a_full_memo_keeps_the_recent_words_and_their_rows() {
        let (model, lex) = (Model::embedded().unwrap(), Lex::new());
        let words: Vec<String> = (0..=MAX_WORDS).map(|i| format!("w{i}")).collect();
        let recent = ["said", "Senator", "told", "w7"];
        let mut memo = Words::default();
        let mut ids = Vec::new();
        let mut call = |memo: &mut Words, ws: &[&str]| {
            let low: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
            Local::default().ids(memo, (&model, &lex), (ws, &low), &mut ids);
            memo.bound();
            ids.clone()
        };
        let filler: Vec<&str> = words.iter().map(String::as_str).collect();
        let (old, new) = filler.split_at(MAX_WORDS - 10);
        call(&mut memo, old);
        assert_eq!(memo.live(), MAX_WORDS - 10, "not past the bound yet");
        call(&mut memo, &[&recent[..], new].concat());
        assert_eq!(memo.live(), KEPT_WORDS);
        let made = memo.entries.len();
        let mut fresh = Words::default();
        let got = call(&mut memo, &recent);
        let want = call(&mut fresh, &recent);
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(
                memo.entry(*g).rows.map(|r| r.0),
                fresh.entry(*w).rows.map(|r| r.0)
            );
        }
        assert_eq!(memo.live(), KEPT_WORDS, "the recent words were kept");
        call(&mut memo, &["one", "more"]);
        assert_eq!(memo.live(), KEPT_WORDS + 2);
        assert_eq!(memo.entries.len(), made, "new words take dropped entries");
    }
}
