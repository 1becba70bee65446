//! Reported speech (issue 13): a linear-chain CRF tags each token O or B-/I- of a
//! source (SRC), a cue (CUE) or content (CONa after its cue, CONb before it, CON
//! without one); pairing rules turn the runs into items (content, cue, source).
//!
//! The stage runs after linking and before speakers: its features read namedrop's
//! linked mentions (label and source) and the quotes attribution found (kind), besides
//! its own tokens and word lists. [`crate::Extractor`] runs it unless
//! `ExtractOptions::indirect` is off; its items become quotes of kind
//! [`Indirect`](crate::QuoteKind::Indirect). The model is trained by `tools/reported/`
//! (docs/reported.md) and embedded.
//!
//! ```
//! use namedrop::reported::ReportedSpeech;
//! let rs = ReportedSpeech::new().unwrap();
//! let text = "The senator said the bill would pass next week.";
//! let items = rs.extract(text, &[], &[]);
//! assert!(!items.is_empty());
//! ```

mod attrs;
mod backstop;
mod context;
mod decode;
mod emit;
mod features;
mod hash;
mod items;
mod lexicon;
mod model;
mod slots;
mod sources;
mod tokens;
mod viterbi;
mod words;

pub(crate) use attrs::reported_attrs;
pub use context::{EntSpan, QuoteSpan};
pub use items::ReportedItem;
pub use model::{Model, ModelError};

use crate::Document;
use context::{quoted_through, Para};
use decode::{Pair, Role, Run};
use emit::{EmitWork, Tables};
use features::Scratch;
use lexicon::Lex;
use std::sync::Mutex;
use tokens::RTok;
use viterbi::Lattice;
use words::Words;

/// The reported-speech tagger: word lists and model, loaded once.
#[derive(Debug)]
pub struct ReportedSpeech {
    lex: Lex,
    model: Model,
    /// The model's rows summed over small value sets (fast emissions; `None`: a
    /// model of too many labels, tagged from the feature lists).
    tables: Option<Tables>,
    /// Each label's run role, parsed from the model's label names.
    roles: Vec<Option<(bool, Role)>>,
    /// The word rows of earlier calls (`words::Words`) and their lowercase buffers: a
    /// call takes one memo from the pool (or starts from none) and puts it back when
    /// it ends, so that calls on several threads each keep a memo of their own (one
    /// shared memo, taken by whichever call came first, left the other threads
    /// without one).
    memos: Mutex<Vec<Memo>>,
}

/// What a call hands on to the next: the word memo, and the strings that held the
/// lowercase forms of its tokens (a new call would allocate them again, one per token
/// of its longest paragraph).
#[derive(Debug, Default)]
struct Memo {
    words: Words,
    low: Vec<String>,
}

/// [`ReportedSpeech::extract`] leaves untagged a paragraph with at most this many
/// words outside quoted spans ([`quoted_through`]).
const MAX_WORDS_OUTSIDE_QUOTES: usize = 4;

/// The most word memos the tagger keeps (one per thread that calls it at once; each
/// holds at most `words::MAX_WORDS` words and one call's new ones, ~5 MB).
const MAX_MEMOS: usize = 16;

/// One paragraph's tokens and their labels, as [`ReportedSpeech::tag`] returns them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// Byte spans of the tagger's tokens, in text order.
    pub tokens: Vec<(usize, usize)>,
    /// The label of each token ("O", "B-SRC", ...).
    pub labels: Vec<&'static str>,
}

/// The spans of a document's mentions and quoted spans (every kind but
/// [`Indirect`](crate::QuoteKind::Indirect)), as the features read them.
pub fn spans_of(doc: &Document) -> (Vec<EntSpan<'_>>, Vec<QuoteSpan<'_>>) {
    let ents = doc.entities.iter().map(EntSpan::from).collect();
    // the tagger reads the quoted spans only, never its own earlier output
    let quotes = doc
        .quotes
        .iter()
        .filter(|q| q.kind != crate::QuoteKind::Indirect)
        .map(|q| QuoteSpan {
            start: q.start,
            end: q.end,
            kind: q.kind.as_str(),
        })
        .collect();
    (ents, quotes)
}

/// Buffers reused from paragraph to paragraph.
#[derive(Default)]
struct Work<'t> {
    toks: Vec<RTok>,
    para: Para<'t>,
    emit: EmitWork<'t>,
    scratch: Scratch,
    feats: Vec<u64>,
    starts: Vec<u32>,
    lattice: Lattice,
    tags: Vec<u8>,
}

impl ReportedSpeech {
    /// The tagger with the embedded model.
    pub fn new() -> Result<ReportedSpeech, ModelError> {
        ReportedSpeech::with_model(Model::embedded()?)
    }

    /// The tagger with another model (for example one read from a file).
    pub fn with_model(model: Model) -> Result<ReportedSpeech, ModelError> {
        let roles = model
            .labels
            .iter()
            .map(|l| decode::parse_label(l).map_err(ModelError))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ReportedSpeech {
            lex: Lex::new(),
            tables: Tables::new(&model),
            model,
            roles,
            memos: Mutex::default(),
        })
    }

    /// Runs `f` on each paragraph after tagging it.
    fn each_paragraph<'t, F>(
        &'t self,
        text: &'t str,
        (ents, quotes): (&[EntSpan<'t>], &[QuoteSpan<'t>]),
        skip_quoted: bool,
        mut f: F,
    ) where
        F: FnMut(&Work<'t>, &[RTok]),
    {
        let mut w = Work::default();
        if let Some(memo) = self.memos.lock().ok().and_then(|mut pool| pool.pop()) {
            w.emit.words = memo.words;
            w.para.low = memo.low;
        }
        w.emit.expect(text.len());
        // one line (paragraph) at a time: the stage holds the tokens of one line, not
        // of the document
        let mut toks = std::mem::take(&mut w.toks);
        for (n, (base, line)) in tokens::lines(text).enumerate() {
            toks.clear();
            tokens::tokenize_line(line, base, n as u32, &mut toks);
            self.tag_line(text, &toks, (ents, quotes), skip_quoted, &mut w, &mut f);
        }
        w.emit.words.bound();
        let memo = Memo {
            words: w.emit.words,
            low: w.para.take_low(),
        };
        if let Ok(mut pool) = self.memos.lock() {
            // a memo per call running at once; past the bound a memo is dropped
            if pool.len() < MAX_MEMOS {
                pool.push(memo);
            }
        }
    }

    /// Tags the sequences of one line's tokens and runs `f` on each (with
    /// `skip_quoted`, not on a quotation with at most a short attribution:
    /// [`quoted_through`]).
    fn tag_line<'t, F>(
        &'t self,
        text: &'t str,
        toks: &[RTok],
        (ents, quotes): (&[EntSpan<'t>], &[QuoteSpan<'t>]),
        skip_quoted: bool,
        w: &mut Work<'t>,
        f: &mut F,
    ) where
        F: FnMut(&Work<'t>, &[RTok]),
    {
        for para in tokens::sequences(text, toks) {
            if skip_quoted && quoted_through(text, para, quotes, MAX_WORDS_OUTSIDE_QUOTES) {
                continue;
            }
            w.para.fill(text, para, &self.lex, ents, quotes);
            if let Some(tab) = &self.tables {
                let ctx = (&self.model, tab, &self.lex);
                emit::emissions(ctx, &w.para, &mut w.emit, &mut w.lattice.em);
            } else {
                let (feats, starts) = (&mut w.feats, &mut w.starts);
                features::para_features(&w.para, &self.lex, &mut w.scratch, feats, starts);
                viterbi::emissions(&self.model, feats, starts, &mut w.lattice.em);
            }
            viterbi::tag(&self.model, &mut w.lattice, &mut w.tags);
            f(w, para);
        }
    }

    /// The label of every token.
    pub fn tag<'t>(
        &'t self,
        text: &'t str,
        ents: &[EntSpan<'t>],
        quotes: &[QuoteSpan<'t>],
    ) -> Tagged {
        let mut out = Tagged {
            tokens: Vec::new(),
            labels: Vec::new(),
        };
        let names: Vec<&'static str> = self.model.labels.iter().map(|l| static_label(l)).collect();
        self.each_paragraph(text, (ents, quotes), false, |w, para| {
            out.tokens.extend(para.iter().map(|t| (t.start, t.end)));
            out.labels.extend(w.tags.iter().map(|&t| names[t as usize]));
        });
        out
    }

    /// The feature hashes of every token (for checking against the training code).
    pub fn features<'t>(
        &'t self,
        text: &'t str,
        ents: &[EntSpan<'t>],
        quotes: &[QuoteSpan<'t>],
    ) -> Vec<Vec<u64>> {
        let mut out = Vec::new();
        let (mut toks, mut p) = (Vec::new(), Para::default());
        let (mut scratch, mut feats, mut starts) = (Scratch::default(), Vec::new(), Vec::new());
        tokens::tokenize(text, &mut toks);
        for para in tokens::sequences(text, &toks) {
            p.fill(text, para, &self.lex, ents, quotes);
            features::para_features(&p, &self.lex, &mut scratch, &mut feats, &mut starts);
            out.extend(
                starts
                    .windows(2)
                    .map(|s| feats[s[0] as usize..s[1] as usize].to_vec()),
            );
        }
        out
    }

    /// Reported-speech items in text order.
    pub fn extract<'t>(
        &'t self,
        text: &'t str,
        ents: &[EntSpan<'t>],
        quotes: &[QuoteSpan<'t>],
    ) -> Vec<ReportedItem> {
        let mut out = Vec::new();
        let (mut tags, mut runs, mut pairs, mut cand) = (
            Vec::new(),
            Vec::<Run>::new(),
            Vec::<Pair>::new(),
            Vec::new(),
        );
        self.each_paragraph(text, (ents, quotes), true, |w, para| {
            tags.clear();
            tags.extend(w.tags.iter().map(|&t| self.roles[t as usize]));
            decode::runs(&tags, &mut runs);
            for r in runs.iter_mut() {
                *r = decode::cut(*r, &w.para.sent);
            }
            // items come from content runs only, and most paragraphs have none
            if !runs.iter().any(|r| matches!(r.role, Role::Con(_))) {
                return;
            }
            let far_subject = |cue: Run| items::far_subject_cue(&w.para.low, cue);
            // the fallback source reads the candidates only for a far-subject cue, which
            // most paragraphs lack; only the mentions that overlap the paragraph can
            // overlap its tokens
            cand.clear();
            if runs.iter().any(|&r| r.role == Role::Cue && far_subject(r)) {
                let here = &w.para.ents_here;
                items::source_candidates(para, &w.para.low, &self.lex, here, &mut cand);
            }
            decode::pair(&runs, &w.para.sent, &cand, far_subject, &mut pairs);
            decode::split_coordinated(&mut pairs, &w.para.low, &self.lex);
            items::items(text, para, &w.para.low, &pairs, quotes, &mut out);
        });
        out
    }
}

/// The tagger with the embedded model, parsed and checked once per process and
/// shared by every extractor; an error when the embedded model is refused (a build
/// that shipped a damaged `data/model/reported.bin`).
///
/// ```
/// let rs = namedrop::reported::shared().unwrap();
/// assert!(std::ptr::eq(rs, namedrop::reported::shared().unwrap()));
/// ```
pub fn shared() -> crate::Result<&'static ReportedSpeech> {
    static SHARED: std::sync::OnceLock<Result<ReportedSpeech, ModelError>> =
        std::sync::OnceLock::new();
    SHARED
        .get_or_init(ReportedSpeech::new)
        .as_ref()
        .map_err(|e| {
            let io = std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string());
            crate::Error::io("data/model/reported.bin (embedded)", &io)
        })
}

/// The model's labels are a fixed small set; unknown ones never reach here (checked by
/// `parse_label` when the tagger is built).
fn static_label(l: &str) -> &'static str {
    const ALL: [&str; 11] = [
        "O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON", "B-CONa", "I-CONa", "B-CONb",
        "I-CONb",
    ];
    ALL.iter().copied().find(|&a| a == l).unwrap_or("O")
}
