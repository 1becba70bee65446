//! Times the matcher and the pipeline on a folder of text files, in Rust alone (the
//! figures beside bench/'s Python ones show what the binding costs):
//! `cargo run --release --example find_speed -- GAZETTEER TEXT_DIR [smart|exact|insensitive]`.
//! GAZETTEER is a gazetteer file, or `default` for the embedded default gazetteer.
//!
//! Stages: `fold`, `find` (the matcher), `extract` (a matcher-only Extractor), `noquotes`
//! (`quotes: false`: matcher and linking), `noindirect`
//! (default options with `indirect: false`) and `full` (default options). Environment:
//! `ROUNDS=n` repeats each measurement (default 3); `ONLY=stage` runs one stage only
//! (for `perf stat` / `perf record`); `THREADS=n` spreads the texts over a rayon pool
//! of `n` threads (default 1: a plain loop), the GIL-free baseline of `pipe`'s
//! `n_threads` figures.

use std::time::Instant;

use rayon::prelude::*;

use namedrop::{Gazetteer, MatchOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, gaz, dir, rest @ ..] = args.as_slice() else {
        return Err("usage: find_speed GAZETTEER TEXT_DIR [case]".into());
    };
    let t = Instant::now();
    let shared = if gaz == "default" {
        namedrop::default_gazetteer()?
    } else {
        std::sync::Arc::new(Gazetteer::from_path(gaz.as_ref())?)
    };
    let g: &Gazetteer = &shared;
    g.compile();
    println!(
        "build {:.2} s, {} entities",
        t.elapsed().as_secs_f64(),
        g.len()
    );
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        texts.push(std::fs::read_to_string(entry?.path())?);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let opts = MatchOptions {
        case: rest.first().map_or(Ok(Default::default()), |c| c.parse())?,
        ..Default::default()
    };
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let only = std::env::var("ONLY").unwrap_or_default();
    let threads: usize = std::env::var("THREADS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let time = |stage: &str, f: &(dyn Fn(&str) -> usize + Sync)| {
        if !only.is_empty() && only != stage {
            return;
        }
        for _ in 0..rounds {
            let t = Instant::now();
            let n: usize = if threads == 1 {
                texts.iter().map(|x| f(x)).sum()
            } else {
                pool.install(|| texts.par_iter().map(|x| f(x)).sum())
            };
            let s = t.elapsed().as_secs_f64();
            let per_s = texts.len() as f64 / s;
            println!(
                "{stage}: {:.1} MB/s, {per_s:.0} texts/s ({n})",
                bytes as f64 / s / 1e6
            );
        }
    };
    time("fold", &|x| namedrop::text::fold(x, true).as_str().len());
    time("find", &|x| g.find(x, &opts).len());
    let ex = namedrop::Extractor::new(
        shared.clone(),
        namedrop::ExtractOptions {
            matching: opts,
            link: false,
            discover: false,
            quotes: false,
            indirect: false,
            extra_cues: vec![],
            window_bytes: namedrop::DEFAULT_WINDOW_BYTES,
        },
    )?;
    time("extract", &|x| ex.extract(x).entities.len());
    let no_quotes = namedrop::ExtractOptions {
        matching: opts,
        quotes: false,
        indirect: false,
        ..Default::default()
    };
    let ex = namedrop::Extractor::new(shared.clone(), no_quotes)?;
    time("noquotes", &|x| ex.extract(x).entities.len());
    let no_indirect = namedrop::ExtractOptions {
        matching: opts,
        indirect: false,
        ..Default::default()
    };
    let ex = namedrop::Extractor::new(shared.clone(), no_indirect)?;
    time("noindirect", &|x| ex.extract(x).quotes.len());
    let full = namedrop::ExtractOptions {
        matching: opts,
        ..Default::default()
    };
    let ex = namedrop::Extractor::new(shared, full)?;
    time("full", &|x| ex.extract(x).quotes.len());
    Ok(())
}
