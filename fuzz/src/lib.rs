//! The fuzz harness of namedrop: one function per target, each taking the raw fuzz
//! input, and the invariants they check.
//!
//! Inputs are decoded by a small byte reader of our own (no `arbitrary`), so that
//! `tests/fuzz_regressions.rs` in the main crate includes this file and replays every
//! saved crash input in plain `cargo test`, with exactly the fuzzer's decoding.
//!
//! Invariants, for every document produced: no panic; every span of a mention,
//! speaker, quote and cue is non-empty where it must be, in bounds and on char
//! boundaries, and maps to code-point offsets that cut the same text (what Python
//! users get as `text[start:end]`); every index (entity, candidate, cluster, speaker)
//! is in range; the same call gives the same output twice; a gazetteer written with
//! `to_bytes` reads back to the same bytes and the same results.

use std::sync::{Arc, OnceLock};

use namedrop::gazetteer::{
    replace_trie, reseal, Alias, CaseMode, Entity, Gazetteer, Match, MatchOptions,
};
use namedrop::{Document, ExtractOptions, Extractor, Mention};

/// Reads the fuzz input front to back; past the end every read gives zeros / "".
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    /// A reader over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Input { data }
    }

    /// The next byte (0 past the end).
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// A string of up to 63 bytes: a length byte, then the bytes (invalid UTF-8
    /// replaced).
    pub fn short_str(&mut self) -> String {
        let n = (self.byte() % 64) as usize;
        let n = n.min(self.data.len());
        let (s, rest) = self.data.split_at(n);
        self.data = rest;
        String::from_utf8_lossy(s).into_owned()
    }

    /// Everything left, as text.
    pub fn rest_str(&mut self) -> String {
        let s = String::from_utf8_lossy(self.data).into_owned();
        self.data = &[];
        s
    }

    /// Everything left, as bytes.
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.data)
    }
}

/// Byte offset → code-point offset of each char start (and of the end).
struct CodePoints {
    starts: Vec<usize>,
}

impl CodePoints {
    fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CodePoints { starts }
    }

    /// Checks that `start..end` is a valid span and that the code-point offsets Python
    /// sees cut the same text.
    fn check_span(&self, text: &str, start: usize, end: usize, what: &str) {
        assert!(
            start <= end && end <= text.len(),
            "{what}: span {start}..{end} out of bounds ({} bytes)",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{what}: span {start}..{end} not on char boundaries"
        );
        let cps = namedrop::text::to_char_offsets(text, &[start, end]);
        let (cs, ce) = (cps[0], cps[1]);
        assert_eq!(self.starts[cs], start, "{what}: code-point start {cs}");
        assert_eq!(self.starts[ce], end, "{what}: code-point end {ce}");
        let by_chars: String = text[self.starts[cs]..].chars().take(ce - cs).collect();
        assert_eq!(by_chars, &text[start..end], "{what}: text differs");
    }
}

/// `None`, or an index below `n`.
fn in_range(index: Option<u32>, n: usize) -> bool {
    index.map_or(true, |i| (i as usize) < n)
}

fn check_mention(
    text: &str,
    cp: &CodePoints,
    g: &Gazetteer,
    doc: &Document,
    m: &Mention,
    what: &str,
) {
    cp.check_span(text, m.start, m.end, what);
    assert!(m.start < m.end, "{what}: empty span at {}", m.start);
    let n = g.len() as u32;
    assert!(
        in_range(m.entity, g.len()),
        "{what}: entity {:?} out of range",
        m.entity
    );
    assert!(
        m.candidates.iter().all(|&c| c < n),
        "{what}: candidate out of range"
    );
    assert!(
        in_range(m.cluster, doc.clusters.len()),
        "{what}: cluster {:?} out of range",
        m.cluster
    );
}

/// Every invariant of one document of `text`.
pub fn check_document(text: &str, g: &Gazetteer, doc: &Document) {
    let cp = CodePoints::new(text);
    for (i, m) in doc.entities.iter().enumerate() {
        check_mention(text, &cp, g, doc, m, &format!("entity {i}"));
    }
    assert!(
        doc.entities.windows(2).all(|w| w[0].start <= w[1].start),
        "entities out of text order"
    );
    for (i, m) in doc.speakers.iter().enumerate() {
        check_mention(text, &cp, g, doc, m, &format!("speaker {i}"));
    }
    for (i, q) in doc.quotes.iter().enumerate() {
        cp.check_span(text, q.start, q.end, &format!("quote {i}"));
        assert!(q.start < q.end, "quote {i}: empty");
        if let Some((cs, ce)) = q.cue {
            cp.check_span(text, cs, ce, &format!("cue of quote {i}"));
            assert!(cs < ce, "cue of quote {i}: empty");
        }
        assert!(
            in_range(q.speaker, doc.speakers.len()),
            "quote {i}: speaker {:?} out of range",
            q.speaker
        );
    }
    assert!(
        doc.quotes.windows(2).all(|w| w[0].start <= w[1].start),
        "quotes out of text order"
    );
    for c in &doc.clusters {
        assert!(in_range(c.entity, g.len()), "cluster entity out of range");
    }
}

/// Every invariant of the matches of `text`.
pub fn check_matches(text: &str, g: &Gazetteer, found: &[Match]) {
    let cp = CodePoints::new(text);
    for m in found {
        cp.check_span(text, m.start, m.end, "match");
        assert!(m.start < m.end, "empty match");
        assert!(
            (m.alias as usize) < g.alias_count(),
            "alias id out of range"
        );
        assert!(g
            .alias_entities(m.alias)
            .iter()
            .all(|&e| (e as usize) < g.len()));
    }
    assert!(found.windows(2).all(|w| w[0] <= w[1]), "matches not sorted");
}

/// Decodes the options of `ExtractOptions` from one byte (every combination).
pub fn options(bits: u8, extra_cues: Vec<String>) -> ExtractOptions {
    let case = match bits & 3 {
        1 => CaseMode::Exact,
        2 => CaseMode::Insensitive,
        _ => CaseMode::Smart,
    };
    ExtractOptions {
        matching: MatchOptions {
            case,
            overlapping: bits & 4 != 0,
            fold_diacritics: bits & 8 != 0,
        },
        link: bits & 16 != 0,
        discover: bits & 32 != 0,
        quotes: bits & 64 != 0,
        indirect: bits & 128 != 0,
        extra_cues,
        ..ExtractOptions::default()
    }
}

/// Runs an extractor twice on `text` and checks both documents.
pub fn extract_and_check(g: &Arc<Gazetteer>, opts: ExtractOptions, text: &str) -> Option<Document> {
    let ex = Extractor::new(Arc::clone(g), opts).ok()?;
    let doc = ex.extract(text);
    check_document(text, g, &doc);
    assert_eq!(doc, ex.extract(text), "a second run differs");
    Some(doc)
}

/// Checks a gazetteer that loaded: it round-trips through `.ndg` bytes, every entity
/// builds, and matching and extraction on `text` keep every invariant.
pub fn check_gazetteer(g: Gazetteer, text: &str) {
    let bytes = g.to_bytes();
    let back = Gazetteer::from_bytes(&bytes).expect("to_bytes output must load");
    assert_eq!(back.to_bytes(), bytes, "to_bytes after from_bytes differs");
    for e in 0..g.len() as u32 {
        let ent = g.entity(e);
        assert_eq!(g.index_of(&ent.id), Some(e), "entity id index");
    }
    for bits in [0u8, 0x7F, 0x55, 0x2A] {
        let o = options(bits, Vec::new()).matching;
        let found = g.find(text, &o);
        check_matches(text, &g, &found);
        assert_eq!(
            found,
            back.find(text, &o),
            "a reloaded gazetteer matches differently"
        );
    }
    let g = Arc::new(g);
    for bits in [0x7Fu8, 0x58] {
        extract_and_check(&g, options(bits, Vec::new()), text);
    }
}

/// Text made of a gazetteer's alias texts, with quote marks and cues between them, so
/// matching and attribution have something to work on.
fn text_of_aliases(g: &Gazetteer, extra: &str) -> String {
    let mut text = String::new();
    for a in 0..g.alias_count().min(64) as u32 {
        text.push_str(g.alias_text(a));
        text.push_str(if a % 2 == 0 {
            " said “Yes.” "
        } else {
            ", “No,” she said. "
        });
    }
    text.push_str(extra);
    text
}

/// Target `ndg`: `.ndg` bytes with a valid checksum. First byte even: the rest is a
/// payload (the header is made for it); odd: the rest is a trie (`u32` words: the
/// first says how many are nodes, the others are the outputs) spliced into a small
/// valid gazetteer.
pub fn ndg(data: &[u8]) {
    let mut input = Input::new(data);
    let mode = input.byte();
    let body = input.rest();
    let bytes = if mode % 2 == 0 {
        with_payload(body)
    } else {
        let words: Vec<u32> = body
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let split = words
            .first()
            .map_or(0, |&w| w as usize % words.len().max(1));
        let rest = words.get(1..).unwrap_or(&[]);
        let split = split.min(rest.len());
        match replace_trie(base_ndg(), &rest[..split], &rest[split..]) {
            Some(b) => b,
            None => return,
        }
    };
    if let Ok(g) = Gazetteer::from_bytes(&bytes) {
        let text = text_of_aliases(&g, " 京都 Zürich ab AB.");
        check_gazetteer(g.clone(), &text);
        // A loaded gazetteer keeps growing like a built one.
        let mut grown = g;
        if grown
            .add(Entity::new("fuzz-new", "Fuzz Newname", "PERSON"))
            .is_ok()
        {
            let text = format!("{text} Fuzz Newname said.");
            check_gazetteer(grown, &text);
        }
    }
}

/// A header for `payload` (right length, valid checksum), then the payload.
pub fn with_payload(payload: &[u8]) -> Vec<u8> {
    let mut v = Gazetteer::new().to_bytes();
    v.truncate(40);
    v[16..24].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    v.extend_from_slice(payload);
    reseal(&v)
}

/// The gazetteer the trie mode splices tries into.
fn base_ndg() -> &'static [u8] {
    static BASE: OnceLock<Vec<u8>> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut g = Gazetteer::new();
        let people = [
            ("kyoto", "京都", "GPE"),
            ("ab", "ab", "MISC"),
            ("z", "Zürich", "GPE"),
        ];
        for (id, name, label) in people {
            g.add(Entity::new(id, name, label).alias(Alias::with_case("AB", CaseMode::Exact)))
                .expect("a valid entity");
        }
        g.to_bytes()
    })
}

/// Target `extract`: a gazetteer from arbitrary records, then extraction on arbitrary
/// text under the options of one byte (every combination of case mode, overlapping,
/// fold_diacritics, link, discover, quotes), with extra cues; read whole and in windows.
pub fn extract(data: &[u8]) {
    let mut input = Input::new(data);
    let bits = input.byte();
    let n_records = input.byte() % 8;
    let mut g = Gazetteer::new();
    for i in 0..n_records {
        let name = input.short_str();
        let mut e = Entity::new(
            format!("e{i}"),
            name,
            ["PERSON", "GPE", "ORG", ""][input.byte() as usize % 4],
        );
        match input.byte() % 3 {
            1 => e = e.attribute("gender", "female"),
            2 => e = e.attribute("gender", "male"),
            _ => {}
        }
        for _ in 0..input.byte() % 4 {
            let text = input.short_str();
            let case = match input.byte() % 4 {
                1 => Some(CaseMode::Smart),
                2 => Some(CaseMode::Exact),
                3 => Some(CaseMode::Insensitive),
                _ => None,
            };
            e.aliases.push(Alias { text, case });
        }
        // Invalid records are refused with an error; the rest of the input goes on.
        let _ = g.add(e);
    }
    let cues: Vec<String> = (0..input.byte() % 3).map(|_| input.short_str()).collect();
    let text = input.rest_str();
    let g = Arc::new(g);
    let Some(doc) = extract_and_check(&g, options(bits, cues.clone()), &text) else {
        return;
    };
    // The same text read in windows (two or more once it is longer than ~50 bytes)
    // keeps every invariant too.
    let windowed = ExtractOptions {
        window_bytes: 16 + text.len() / 3,
        ..options(bits, cues.clone())
    };
    extract_and_check(&g, windowed, &text);
    // The same gazetteer read back from its `.ndg` bytes gives the same document.
    let back = Arc::new(Gazetteer::from_bytes(&g.to_bytes()).expect("to_bytes output must load"));
    let again = extract_and_check(&back, options(bits, cues), &text).expect("same options");
    assert_eq!(doc, again, "the reloaded gazetteer gives another document");
}

/// Target `loaders`: the gazetteer file formats. First byte: 0 JSON Lines, 1 JSON, 2
/// CSV, 3 TSV; the rest is the file's text.
pub fn loaders(data: &[u8]) {
    let mut input = Input::new(data);
    let format = input.byte() % 4;
    let text = input.rest_str();
    let loaded = match format {
        0 => Gazetteer::from_jsonl_str(&text, "fuzz.jsonl"),
        1 => Gazetteer::from_json_str(&text, "fuzz.json"),
        2 => Gazetteer::from_delimited_str(&text, b',', "fuzz.csv"),
        _ => Gazetteer::from_delimited_str(&text, b'\t', "fuzz.tsv"),
    };
    match loaded {
        Ok(g) => {
            // Every alias is found in a text that is just the alias.
            let all = MatchOptions {
                overlapping: true,
                ..MatchOptions::default()
            };
            for a in 0..g.alias_count() as u32 {
                let t = g.alias_text(a);
                let found = g.find(t, &all);
                assert!(
                    found
                        .iter()
                        .any(|m| m.alias == a && m.start == 0 && m.end == t.len()),
                    "alias {t:?} is not found in its own text"
                );
            }
            let text = text_of_aliases(&g, "");
            check_gazetteer(g, &text);
        }
        Err(e) => {
            assert!(!e.message().is_empty(), "an error without a message");
            assert_eq!(
                e.path(),
                Some(["fuzz.jsonl", "fuzz.json", "fuzz.csv", "fuzz.tsv"][format as usize]),
                "{e}"
            );
        }
    }
}
