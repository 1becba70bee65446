//! The reported-speech tagger over texts, for the checks in `tools/reported/`: reads a
//! JSON array of texts on stdin, runs the default-gazetteer extractor (what
//! `nd.Extractor(nd.Gazetteer.default())` runs) and then the tagger, and prints one
//! JSON object per text (code-point offsets):
//!
//! - `ents`: `[start, end, label, source]` of `doc.entities`
//! - `quotes`: `[start, end, kind, speaker_start, speaker_end]` of `doc.quotes`
//! - `tokens`, `labels`: the tagger's tokens and their labels
//! - `items`: `[content_start, content_end, source_start, source_end]` (source `null`)
//! - `features` (with `--features`): the feature hashes of each token
//!
//! `--timing N` instead prints the tagger's time per token over N passes.
//!
//! ```text
//! cargo build --release --example reported_dump
//! echo '["Officials said the plan is dead."]' | target/release/examples/reported_dump
//! ```

use std::io::Read;

use namedrop::reported::{spans_of, ReportedSpeech};
use namedrop::{default_gazetteer, CharIndex, ExtractOptions, Extractor};
use serde_json::{json, Value};

fn dump(ex: &Extractor, rs: &ReportedSpeech, text: &str, with_features: bool) -> Value {
    let doc = ex.extract(text);
    let (ents, quotes) = spans_of(&doc);
    let index = CharIndex::new(text);
    let map = |b: usize| index.char_offset(b);
    let span = |s: Option<(usize, usize)>| match s {
        Some((a, b)) => json!([map(a), map(b)]),
        None => json!([null, null]),
    };
    let tagged = rs.tag(text, &ents, &quotes);
    let items: Vec<Value> = rs
        .extract(text, &ents, &quotes)
        .iter()
        .map(|it| {
            let (s, e) = (span(it.source)[0].clone(), span(it.source)[1].clone());
            json!([map(it.content.0), map(it.content.1), s, e])
        })
        .collect();
    let mut out = json!({
        "ents": ents.iter().map(|e| json!([map(e.start), map(e.end), e.label, e.source])).collect::<Vec<_>>(),
        "quotes": doc.quotes.iter().map(|q| {
            let sp = span(q.speaker.map(|i| {
                let m = &doc.speakers[i as usize];
                (m.start, m.end)
            }));
            json!([map(q.start), map(q.end), q.kind.as_str(), sp[0], sp[1]])
        }).collect::<Vec<_>>(),
        "tokens": tagged.tokens.iter().map(|&(a, b)| json!([map(a), map(b)])).collect::<Vec<_>>(),
        "labels": tagged.labels,
        "items": items,
    });
    if with_features {
        out["features"] = json!(rs.features(text, &ents, &quotes));
    }
    out
}

fn timing(ex: &Extractor, rs: &ReportedSpeech, texts: &[String], n: usize) {
    let docs: Vec<_> = texts.iter().map(|t| ex.extract(t)).collect();
    let spans: Vec<_> = docs.iter().map(spans_of).collect();
    let t = std::time::Instant::now();
    let mut tokens = 0usize;
    for _ in 0..n {
        for (text, (ents, quotes)) in texts.iter().zip(&spans) {
            tokens += rs.tag(text, ents, quotes).tokens.len();
            std::hint::black_box(rs.extract(text, ents, quotes));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} docs x {n}: tag + extract {:.1} ns/token ({:.0} docs/s)",
        texts.len(),
        secs * 1e9 / tokens as f64,
        (texts.len() * n) as f64 / secs
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let texts: Vec<String> = serde_json::from_str(&input)?;
    // the quoted spans alone: this tool runs the tagger itself, on their output
    let opts = ExtractOptions {
        indirect: false,
        ..ExtractOptions::default()
    };
    let ex = Extractor::new(default_gazetteer()?, opts)?;
    let rs = ReportedSpeech::new()?;
    let args: Vec<String> = std::env::args().collect();
    if args.len() > 2 && args[1] == "--timing" {
        timing(&ex, &rs, &texts, args[2].parse().unwrap_or(3));
        return Ok(());
    }
    let with_features = args.iter().any(|a| a == "--features");
    let out: Vec<Value> = texts
        .iter()
        .map(|t| dump(&ex, &rs, t, with_features))
        .collect();
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}
