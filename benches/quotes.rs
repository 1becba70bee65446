//! Linking + quotes throughput, and linear time on adversarial inputs: each input is
//! measured at size n and 2n (the time should double, not quadruple).
//!
//! `cargo bench --bench quotes`; with `../shared/data/polnear/train` present it also
//! measures the PolNeAR train texts (no gazetteer mentions: the matcher is benched
//! separately).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use namedrop::{run, Lexicons, LinkOptions, NoEntities};

fn adversarial(c: &mut Criterion) {
    let lex = Lexicons::default();
    let opts = LinkOptions::default();
    let mut g = c.benchmark_group("adversarial");
    g.sample_size(10);
    for mb in [5usize, 10] {
        let n = mb * 1_000_000;
        let inputs = [
            ("opening_marks", "“a ".repeat(n / "“a ".len())),
            (
                "alternating",
                "“a” \"b\" ”c“ ".repeat(n / "“a” \"b\" ”c“ ".len()),
            ),
            (
                "attributed",
                "“We lost,” Lind said, “and we left.” ".repeat(n / 40),
            ),
        ];
        for (name, text) in &inputs {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(*name, format!("{mb}MB")), text, |b, t| {
                b.iter(|| run(t, vec![], &NoEntities, &lex, &opts).quotes.len())
            });
        }
    }
    g.finish();
}

fn polnear(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(dir) = [
        "../shared/data/polnear/train/text",
        "../../shared/data/polnear/train/text",
    ]
    .iter()
    .map(|p| dir.join(p))
    .find(|p| p.exists()) else {
        eprintln!("skipped: ../shared/data/polnear is not present");
        return;
    };
    let texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let lex = Lexicons::default();
    let opts = LinkOptions::default();
    let mut g = c.benchmark_group("polnear_train");
    g.sample_size(10);
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("link+quotes", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| run(t, vec![], &NoEntities, &lex, &opts).quotes.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, adversarial, polnear);
criterion_main!(benches);
