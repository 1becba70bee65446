//! The [`Extractor`]: runs the matcher, then the stages its options choose (see
//! [`crate::pipeline`]), and produces a [`Document`]. Batches run in parallel on rayon.

use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::gazetteer::{EntityValues, Gazetteer, MatchOptions};
use crate::lexicon::Lexicons;
use crate::link::{EntityInfo, Facts, LinkOptions};
use crate::pipeline::{compose, fits_tokenizer, too_long, Speech};
use crate::reported::ReportedSpeech;
use crate::{
    Candidates, Cluster, Document, Error, FastMap, Gender, Mention, MentionSource, Result,
};

/// What an [`Extractor`] does. `Default` is what `nd.Extractor(g)` does.
///
/// ```
/// let opts = namedrop::ExtractOptions::default();
/// assert!(opts.link && opts.discover && opts.quotes && opts.indirect);
/// ```
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Case mode, overlap mode and diacritic folding of the matcher.
    pub matching: MatchOptions,
    /// The linking stage: resolve ambiguous aliases, link short forms ("Mr. Froman")
    /// to entities named earlier in the document, discover names. Off: mentions are
    /// the matcher's, grouped by entity; with `quotes` off too no tokenizer runs.
    pub link: bool,
    /// Discover names that are not in the gazetteer (title cues, speaker slots):
    /// part of linking, so it needs `link`.
    pub discover: bool,
    /// The attribution and speakers stages: quotes and their speakers. Off: no
    /// attribution runs, so no name is discovered from a quote's speaker slot and no
    /// pronoun gives a cluster its gender.
    pub quotes: bool,
    /// The reported-speech stage: speech without quote marks ("Voss said the plan
    /// was dead") as quotes of kind [`QuoteKind::Indirect`](crate::QuoteKind). Needs
    /// `quotes`; off: only quoted speech.
    pub indirect: bool,
    /// Speech cues added to the built-in lexicon ("opined", "let slip").
    pub extra_cues: Vec<String>,
    /// The longest text that linking and attribution read whole (bytes of UTF-8); a
    /// longer one is read in windows of paragraphs of about this size, so that a call's
    /// working memory stays that of one window. Names link and quotes are attributed
    /// within a window; clusters of one entity (or name) are merged across windows.
    /// Default 1 MiB, more than any news article. See [`crate::windows`] for where the
    /// cuts fall.
    pub window_bytes: usize,
}

/// The default [`ExtractOptions::window_bytes`].
pub const DEFAULT_WINDOW_BYTES: usize = 1 << 20;

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            matching: MatchOptions::default(),
            link: true,
            discover: true,
            quotes: true,
            indirect: true,
            extra_cues: Vec::new(),
            window_bytes: DEFAULT_WINDOW_BYTES,
        }
    }
}

/// Finds gazetteer entities, links them within the document, and extracts quotes.
///
/// ```
/// use std::sync::Arc;
/// use namedrop::gazetteer::{Entity, Gazetteer};
/// use namedrop::{ExtractOptions, Extractor};
///
/// let mut g = Gazetteer::new();
/// g.add(Entity::new("dw", "Dana Whitfield", "PERSON").attribute("gender", "female")).unwrap();
/// let ex = Extractor::new(Arc::new(g), ExtractOptions::default()).unwrap();
/// let text = "“We expect the bridge to reopen by March,” Dana Whitfield said.";
/// let doc = ex.extract(text);
/// assert_eq!(&text[doc.entities[0].start..doc.entities[0].end], "Dana Whitfield");
/// let speaker = &doc.speakers[doc.quotes[0].speaker.unwrap() as usize];
/// assert_eq!(speaker.entity, Some(0));
/// ```
#[derive(Debug)]
pub struct Extractor {
    gazetteer: Arc<Gazetteer>,
    options: ExtractOptions,
    lexicons: Lexicons,
    labels: EntityValues,
    /// Places' kinds and countries, people's offices (read by linking).
    facts: Facts,
    /// The entity lists of aliases with more than two entities, shared by every
    /// mention of them (see [`Candidates`]).
    shared_candidates: FastMap<u32, Arc<[u32]>>,
    /// The reported-speech tagger, when `indirect` and `quotes` are on.
    reported: Option<&'static ReportedSpeech>,
}

impl EntityInfo for Gazetteer {
    fn name(&self, entity: u32) -> &str {
        self.entity_name(entity)
    }
    fn label(&self, entity: u32) -> &str {
        self.entity_label(entity)
    }
    fn gender(&self, entity: u32) -> Option<&str> {
        self.gender_attribute(entity)
    }
}

impl Extractor {
    /// An extractor over a gazetteer (compiled here, once).
    pub fn new(gazetteer: Arc<Gazetteer>, options: ExtractOptions) -> Result<Self> {
        let cues: Vec<&str> = options.extra_cues.iter().map(String::as_str).collect();
        if let Some(bad) = cues.iter().find(|c| c.trim().is_empty()) {
            return Err(Error::input(format!("empty speech cue {bad:?}")));
        }
        gazetteer.compile();
        // Read every gender once now rather than on the first document.
        let _ = gazetteer.gender_attribute(0);
        let shared_candidates = (0..gazetteer.alias_count() as u32)
            .filter(|&a| gazetteer.alias_entities(a).len() > 2)
            .map(|a| (a, Arc::from(gazetteer.alias_entities(a))))
            .collect();
        let reported = if options.indirect && options.quotes {
            Some(crate::reported::shared()?)
        } else {
            None
        };
        Ok(Extractor {
            reported,
            shared_candidates,
            labels: EntityValues::labels(&gazetteer),
            facts: Facts::new(
                gazetteer.len(),
                |e| gazetteer.entity_name(e),
                |e| gazetteer.entity_label(e),
                |e| gazetteer.entity_attributes_json(e),
            ),
            gazetteer,
            lexicons: Lexicons::with_extra_cues(&cues),
            options,
        })
    }

    /// The gazetteer this extractor matches.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The options this extractor was built with.
    pub fn options(&self) -> &ExtractOptions {
        &self.options
    }

    /// The matcher's results as mentions: one per span, its candidates the union of
    /// the entities of every alias valid there.
    fn gazetteer_mentions(&self, text: &str) -> Vec<Mention> {
        let g = &*self.gazetteer;
        let matches = g.find(text, &self.options.matching);
        // Unions of several aliases' entities, made once per document and shared.
        let mut unions: FastMap<Vec<u32>, Candidates> = FastMap::default();
        matches
            .chunk_by(|a, b| (a.start, a.end) == (b.start, b.end))
            .map(|group| {
                let candidates = match group {
                    // One alias (the usual case): its entities are already sorted.
                    [m] => match self.shared_candidates.get(&m.alias) {
                        Some(shared) => Candidates::from(Arc::clone(shared)),
                        None => Candidates::from(g.alias_entities(m.alias)),
                    },
                    _ => unions
                        .entry(group.iter().map(|m| m.alias).collect())
                        .or_insert_with(|| Candidates::from(g.candidates(group)))
                        .clone(),
                };
                Mention {
                    start: group[0].start,
                    end: group[0].end,
                    // Every entity has a label; the fallback keeps this free of panics.
                    label: match self.labels.get(candidates[0]) {
                        Some(label) => Arc::clone(label),
                        None => Arc::from(g.entity_label(candidates[0])),
                    },
                    entity: (candidates.len() == 1).then(|| candidates[0]),
                    candidates,
                    cluster: None,
                    source: MentionSource::Gazetteer,
                }
            })
            .collect()
    }

    /// The matcher alone: gazetteer mentions, one cluster per resolved entity.
    fn matches_only(&self, text: &str) -> Document {
        let g = &*self.gazetteer;
        let mut entities = self.gazetteer_mentions(text);
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut index: FastMap<u32, u32> = FastMap::default();
        for m in &mut entities {
            let Some(e) = m.entity else { continue };
            let c = *index.entry(e).or_insert_with(|| {
                // the gender attribute as linking reads it: "female", "F", ... parsed
                let gender = g.gender_attribute(e).and_then(Gender::parse);
                clusters.push(Cluster {
                    name: g.entity_name(e).to_owned(),
                    label: Arc::clone(&m.label),
                    entity: Some(e),
                    gender,
                    gender_evidence: gender.map(|_| "gazetteer".to_owned()),
                    mentions: 0,
                    quotes: 0,
                    indirect_quotes: 0,
                });
                (clusters.len() - 1) as u32
            });
            clusters[c as usize].mentions += 1;
            m.cluster = Some(c);
        }
        Document {
            entities,
            clusters,
            ..Document::default()
        }
    }

    /// Runs the matcher and the stages the options choose on one text, or an
    /// [`ErrorKind::Input`](crate::ErrorKind::Input) error when linking or attribution
    /// is on and the text is 4 GiB or longer (their token offsets are `u32`).
    ///
    /// ```
    /// use std::sync::Arc;
    /// use namedrop::{gazetteer::Gazetteer, ExtractOptions, Extractor};
    /// let ex = Extractor::new(Arc::new(Gazetteer::new()), ExtractOptions::default()).unwrap();
    /// let doc = ex.try_extract("“Yes,” Ana Ruiz said.").unwrap();
    /// assert_eq!(doc.quotes.len(), 1);
    /// ```
    pub fn try_extract(&self, text: &str) -> Result<Document> {
        self.check_length(text)?;
        Ok(self.extract(text))
    }

    /// An error when linking or attribution is on and `text` is too long for the
    /// tokenizer (the matcher alone takes any length).
    fn check_length(&self, text: &str) -> Result<()> {
        let stages_after_matcher = self.options.link || self.options.quotes;
        if stages_after_matcher && !fits_tokenizer(text) {
            return Err(too_long(text));
        }
        Ok(())
    }

    /// Runs the matcher and the stages the options choose on one text; a text longer
    /// than [`ExtractOptions::window_bytes`] in windows (see [`crate::windows`]).
    ///
    /// ```
    /// use namedrop::{default_gazetteer, ExtractOptions, Extractor};
    /// let opts = ExtractOptions { window_bytes: 20, ..ExtractOptions::default() };
    /// let ex = Extractor::new(default_gazetteer().unwrap(), opts).unwrap();
    /// let text = "Barack Obama spoke in Chicago.\n\nLater Barack Obama flew to Ohio.";
    /// let doc = ex.extract(text);
    /// // two windows, one cluster for the one entity, offsets into the whole text
    /// assert_eq!(&text[doc.entities[2].start..doc.entities[2].end], "Barack Obama");
    /// assert_eq!(doc.entities[0].cluster, doc.entities[2].cluster);
    /// ```
    ///
    /// # Panics
    ///
    /// When linking or attribution is on and the text is 4 GiB or longer; see
    /// [`try_extract`](Self::try_extract).
    pub fn extract(&self, text: &str) -> Document {
        if !self.options.link && !self.options.quotes {
            return self.matches_only(text);
        }
        if text.len() <= self.options.window_bytes {
            return self.extract_whole(text);
        }
        let mut doc = Document::default();
        doc.clusters = self.extract_parts(text, &mut |part| {
            doc.entities.extend(part.entities);
            doc.speakers.extend(part.speakers);
            doc.quotes.extend(part.quotes);
        });
        doc
    }

    /// Runs the matcher and the stages the options choose on `text` window by window
    /// (see [`crate::windows`]): hands each window's entities, speakers and quotes to
    /// `part` as soon as they are made (offsets into `text`, speaker and cluster
    /// numbers of the whole document, no clusters), and returns the clusters of the
    /// whole document. The parts concatenated, with these clusters, are
    /// [`extract`](Self::extract)'s document; a caller that converts each part as it
    /// comes never holds the whole core document.
    ///
    /// ```
    /// use namedrop::{default_gazetteer, ExtractOptions, Extractor};
    /// let opts = ExtractOptions { window_bytes: 20, ..ExtractOptions::default() };
    /// let ex = Extractor::new(default_gazetteer().unwrap(), opts).unwrap();
    /// let text = "Barack Obama spoke in Chicago.\n\nLater Barack Obama flew to Ohio.";
    /// let mut parts = 0;
    /// let clusters = ex.extract_parts(text, &mut |_| parts += 1);
    /// assert_eq!((parts, clusters.len()), (2, 3));
    /// ```
    pub fn extract_parts(&self, text: &str, part: &mut dyn FnMut(Document)) -> Vec<Cluster> {
        if !self.options.link && !self.options.quotes {
            let mut doc = self.matches_only(text);
            let clusters = std::mem::take(&mut doc.clusters);
            part(doc);
            return clusters;
        }
        let mut merged = crate::windows::Merger::default();
        for window in crate::windows::windows(text, self.options.window_bytes) {
            let doc = self.extract_whole(&text[window.clone()]);
            part(merged.add(text, window, doc));
        }
        merged.finish()
    }

    /// [`extract`](Self::extract) with linking or attribution on, of a text read whole.
    fn extract_whole(&self, text: &str) -> Document {
        let mentions = self.gazetteer_mentions(text);
        let opts = LinkOptions {
            link: self.options.link,
            discover: self.options.discover,
        };
        let speech = Speech {
            quotes: self.options.quotes,
            reported: self.reported,
        };
        let g = &*self.gazetteer;
        let mut doc = compose(
            text,
            mentions,
            g,
            &self.facts,
            &self.lexicons,
            &opts,
            speech,
        );
        // Text order: by start, then shorter first (as the matcher reports them).
        doc.entities.sort_by_key(|m| (m.start, m.end));
        doc
    }

    /// Runs every stage on many texts in parallel and maps each result with `f`
    /// (still on the worker thread). `None` texts give `None`. `threads`: `None` uses
    /// every core, `Some(n)` a pool of `n` threads (at most one per core, see `pool`).
    pub fn extract_batch_with<S, T, F>(
        &self,
        texts: &[Option<S>],
        threads: Option<usize>,
        f: F,
    ) -> Result<Vec<Option<T>>>
    where
        S: AsRef<str> + Sync,
        T: Send,
        F: Fn(&str, Document) -> T + Sync,
    {
        self.map_batch(texts, threads, |t| f(t, self.extract(t)))
    }

    /// Calls `f` on each text in parallel, as [`extract_batch_with`] runs the stages:
    /// for a caller whose `f` calls [`extract_parts`](Self::extract_parts) (or
    /// `extract`) itself. Every text is checked first as `try_extract` checks it.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use namedrop::{gazetteer::Gazetteer, ExtractOptions, Extractor};
    /// let ex = Extractor::new(Arc::new(Gazetteer::new()), ExtractOptions::default()).unwrap();
    /// let counts = ex.map_batch(&[Some("“Yes,” Ana Ruiz said."), None], None, |t| {
    ///     ex.extract(t).quotes.len()
    /// });
    /// assert_eq!(counts.unwrap(), [Some(1), None]);
    /// ```
    ///
    /// [`extract_batch_with`]: Self::extract_batch_with
    pub fn map_batch<S, T, F>(
        &self,
        texts: &[Option<S>],
        threads: Option<usize>,
        f: F,
    ) -> Result<Vec<Option<T>>>
    where
        S: AsRef<str> + Sync,
        T: Send,
        F: Fn(&str) -> T + Sync,
    {
        let one = |t: &Option<S>| t.as_ref().map(|t| f(t.as_ref()));
        let parallel = || texts.par_iter().map(one).collect();
        for t in texts.iter().flatten() {
            self.check_length(t.as_ref())?;
        }
        match threads {
            Some(0) => Err(Error::input("n_threads must be at least 1")),
            Some(1) => Ok(texts.iter().map(one).collect()),
            _ if texts.len() < 2 => Ok(texts.iter().map(one).collect()),
            None => Ok(parallel()),
            Some(n) => Ok(pool(n)?.install(parallel)),
        }
    }

    /// Runs every stage on many texts in parallel, in order.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use namedrop::{gazetteer::Gazetteer, ExtractOptions, Extractor};
    /// let ex = Extractor::new(Arc::new(Gazetteer::new()), ExtractOptions::default()).unwrap();
    /// let docs = ex.extract_batch(&[Some("a"), None], None).unwrap();
    /// assert!(docs[0].is_some() && docs[1].is_none());
    /// ```
    pub fn extract_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[Option<S>],
        threads: Option<usize>,
    ) -> Result<Vec<Option<Document>>> {
        self.extract_batch_with(texts, threads, |_, doc| doc)
    }
}

/// How many sized pools stay cached. A caller uses one or two sizes; one that tries
/// many (a sweep over `n_threads`) must not keep a pool, and its threads, per size
/// forever: the least recently used pool is dropped, and its threads end once the
/// batches running on it finish.
const CACHED_POOLS: usize = 4;

/// A rayon pool of `n` threads, at most one per core: the work is CPU-bound, so more
/// threads than cores only add switching. Built once per size and reused; with the
/// global pool this bounds the threads namedrop starts to `(CACHED_POOLS + 1) * cores`.
fn pool(n: usize) -> Result<Arc<rayon::ThreadPool>> {
    static CORES: OnceLock<usize> = OnceLock::new();
    // Most recently used last.
    static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |c| c.get()));
    let n = n.min(cores);
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = pools.iter().position(|(size, _)| *size == n) {
        let hit = pools.remove(i);
        let p = Arc::clone(&hit.1);
        pools.push(hit);
        return Ok(p);
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("namedrop-{i}"))
        .build()
        .map_err(|e| Error::input(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(p);
    if pools.len() == CACHED_POOLS {
        pools.remove(0);
    }
    pools.push((n, Arc::clone(&p)));
    Ok(p)
}
