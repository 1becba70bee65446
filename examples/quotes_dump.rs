//! Reads a JSON array of texts on stdin, runs linking + quotes with no gazetteer, and
//! prints one JSON array per text: `[quote_start, quote_end, speaker_start,
//! speaker_end, kind, rule]` in code points (speaker `null` when unknown).
//! `--timing N` instead prints the throughput of N passes over the texts.
//!
//! ```text
//! echo '["“Yes,” she said."]' | cargo run --example quotes_dump
//! ```
//!
//! Scoring on PolNeAR before the Python package exists: build with
//! `cargo build --release --example quotes_dump`, put this adapter (outside the repo)
//! in `adapter.py` and run
//! `PYTHONPATH=. python ../shared/tools/polnear_eval.py --split dev --system adapter:extract`.
//!
//! ```text
//! import json, subprocess
//! BIN = "target/release/examples/quotes_dump"
//! def extract(texts):
//!     out = subprocess.run([BIN], input=json.dumps(texts), capture_output=True,
//!                          text=True, check=True).stdout
//!     return [[tuple(q[:4]) for q in doc if q[4] != "other"] for doc in json.loads(out)]
//! ```

use std::io::Read;

use namedrop::{run, Lexicons, LinkOptions, NoEntities};

fn cp_map(text: &str) -> Vec<usize> {
    // byte offset -> code point offset (for every byte offset)
    let mut map = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for b in 0..c.len_utf8() {
            map[i + b] = n;
        }
        n += 1;
    }
    map[text.len()] = n;
    map
}

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin");
    let texts: Vec<String> = serde_json::from_str(&input).expect("a JSON array of strings");
    let lex = Lexicons::default();
    let opts = LinkOptions::default();
    let args: Vec<String> = std::env::args().collect();
    if args.len() > 2 && args[1] == "--timing" {
        let n: usize = args[2].parse().unwrap_or(10);
        let t = std::time::Instant::now();
        let mut q = 0usize;
        for _ in 0..n {
            for text in &texts {
                q += run(text, vec![], &NoEntities, &lex, &opts).quotes.len();
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let bytes: usize = texts.iter().map(String::len).sum::<usize>() * n;
        println!(
            "{} docs in {:.3}s: {:.0} docs/s, {:.1} MB/s ({} quotes)",
            texts.len() * n,
            secs,
            (texts.len() * n) as f64 / secs,
            bytes as f64 / secs / 1e6,
            q
        );
        return;
    }
    let mut out = Vec::new();
    for text in &texts {
        let doc = run(text, vec![], &NoEntities, &lex, &opts);
        let map = cp_map(text);
        let qs: Vec<serde_json::Value> = doc
            .quotes
            .iter()
            .map(|q| {
                let sp = q.speaker.map(|i| &doc.speakers[i as usize]);
                serde_json::json!([
                    map[q.start],
                    map[q.end],
                    sp.map(|s| map[s.start]),
                    sp.map(|s| map[s.end]),
                    q.kind.as_str(),
                    q.rule
                ])
            })
            .collect();
        out.push(serde_json::Value::Array(qs));
    }
    println!("{}", serde_json::Value::Array(out));
}
