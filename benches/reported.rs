//! The reported-speech tagger per token: `cargo bench --bench reported`.
//!
//! Inputs: the PolNeAR train texts when `../shared/data/polnear/train/text` is present
//! (their default-gazetteer mentions and quotes computed once, outside the timing),
//! else a synthetic news paragraph repeated. Throughput is in tokens of the tagger.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use namedrop::reported::{spans_of, ReportedSpeech};
use namedrop::{default_gazetteer, Document, ExtractOptions, Extractor};

fn texts() -> Vec<String> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/polnear/train/text"
    );
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            let mut paths: Vec<_> = d.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            paths.truncate(200);
            paths
                .iter()
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect()
        })
        .unwrap_or_default();
    if out.is_empty() {
        let para = "The senator said on Monday that the bill would pass next week, \
                    according to two aides. “We have the votes,” she told reporters. \
                    Officials, however, warned that the plan could still fail.\n";
        out.push(para.repeat(50));
    }
    out
}

fn bench(c: &mut Criterion) {
    let ex = Extractor::new(default_gazetteer().unwrap(), ExtractOptions::default()).unwrap();
    let rs = ReportedSpeech::new().unwrap();
    let texts = texts();
    let docs: Vec<Document> = texts.iter().map(|t| ex.extract(t)).collect();
    let spans: Vec<_> = docs.iter().map(spans_of).collect();
    let tokens: usize = texts
        .iter()
        .zip(&spans)
        .map(|(t, (e, q))| rs.tag(t, e, q).tokens.len())
        .sum();
    let mut g = c.benchmark_group("reported");
    g.sample_size(10);
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("tag", |b| {
        b.iter(|| {
            for (t, (e, q)) in texts.iter().zip(&spans) {
                std::hint::black_box(rs.tag(t, e, q));
            }
        })
    });
    g.bench_function("features", |b| {
        b.iter(|| {
            for (t, (e, q)) in texts.iter().zip(&spans) {
                std::hint::black_box(rs.features(t, e, q));
            }
        })
    });
    g.bench_function("extract", |b| {
        b.iter(|| {
            for (t, (e, q)) in texts.iter().zip(&spans) {
                std::hint::black_box(rs.extract(t, e, q));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
