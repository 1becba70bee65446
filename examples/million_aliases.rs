//! Builds a synthetic gazetteer of 1,000,000 multi-word aliases (500,000 entities) and
//! reports build time, `.ndg` size and load time. Run under `/usr/bin/time -v` for the
//! peak RSS.
//!
//! cargo run --release --example million_aliases [-- ENTITIES]

use std::time::Instant;

use namedrop::gazetteer::{Gazetteer, MatchOptions};

#[path = "../benches/support/synth.rs"]
mod synth;

fn main() {
    let entities: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500_000);
    let path = std::env::temp_dir().join(format!("namedrop-million-{}.ndg", std::process::id()));
    let sample = {
        let t = Instant::now();
        let (g, sample) = synth::gazetteer(entities, 1, 50);
        let added = t.elapsed().as_secs_f64();
        let t = Instant::now();
        g.compile();
        let compiled = t.elapsed().as_secs_f64();
        println!(
            "entities {} aliases {} (distinct {})",
            g.len(),
            2 * g.len(),
            g.alias_count()
        );
        println!(
            "build: add {added:.2} s + compile {compiled:.2} s = {:.2} s",
            added + compiled
        );
        let t = Instant::now();
        let bytes = g.to_bytes();
        println!(
            "to_bytes: {:.1} MB in {:.2} s",
            bytes.len() as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        std::fs::write(&path, &bytes).expect("write");
        sample
    };
    let bytes = std::fs::read(&path).expect("read");
    let t = Instant::now();
    let h = Gazetteer::from_bytes(&bytes).expect("from_bytes");
    println!("from_bytes: {:.2} s", t.elapsed().as_secs_f64());
    drop((h, bytes));
    let t = Instant::now();
    let h = Gazetteer::load(&path).expect("load");
    println!(
        "load (read file + from_bytes): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let text = synth::news(&sample, 4 << 20, 3, true);
    let t = Instant::now();
    let found = h.find(&text, &MatchOptions::default());
    let secs = t.elapsed().as_secs_f64();
    println!(
        "find on {:.1} MB: {} matches, {:.0} MB/s",
        text.len() as f64 / 1e6,
        found.len(),
        text.len() as f64 / 1e6 / secs
    );
    let _ = std::fs::remove_file(&path);
}
