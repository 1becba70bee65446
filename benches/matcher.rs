//! Criterion benchmark of `Gazetteer::find` on synthetic news-like text with a
//! synthetic gazetteer of ~150,000 aliases (see benches/support/synth.rs).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use namedrop::gazetteer::{CaseMode, MatchOptions};
use std::hint::black_box;

#[path = "support/synth.rs"]
mod synth;

fn bench_find(c: &mut Criterion) {
    let (g, aliases) = synth::gazetteer(75_000, 42, 1);
    g.compile();
    let mut group = c.benchmark_group("find");
    for (name, typographic) in [("ascii", false), ("typographic", true)] {
        let text = synth::news(&aliases, 1 << 20, 7, typographic);
        group.throughput(Throughput::Bytes(text.len() as u64));
        for (mode, case) in [
            ("smart", CaseMode::Smart),
            ("insensitive", CaseMode::Insensitive),
        ] {
            let opts = MatchOptions {
                case,
                ..MatchOptions::default()
            };
            group.bench_function(format!("{name}/{mode}"), |b| {
                b.iter(|| black_box(g.find(black_box(&text), &opts)).len())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_find);
criterion_main!(benches);
