//! Runs the language-neutral quote table `tests/cases/quotes.json` (also used by the
//! Python tests): every attribution pattern id claimed and the traps H1–H9, with the
//! expected quotes in code points, kind, speaker text and rule.

use namedrop::{run, Lexicons, LinkOptions, NoEntities};
use serde_json::Value;

fn cp(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[test]
fn quote_table() {
    let data = include_str!("cases/quotes.json");
    let cases: Vec<Value> = serde_json::from_str(data).expect("valid JSON");
    let lex = Lexicons::default();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let doc = run(text, vec![], &NoEntities, &lex, &LinkOptions::default());
        let got: Vec<Value> = doc
            .quotes
            .iter()
            .map(|q| {
                let speaker = q.speaker.map(|i| {
                    let m = &doc.speakers[i as usize];
                    text[m.start..m.end].to_string()
                });
                serde_json::json!({
                    "start": cp(text, q.start),
                    "end": cp(text, q.end),
                    "kind": q.kind.as_str(),
                    "speaker": speaker,
                    "rule": q.rule,
                })
            })
            .collect();
        let expected = case["quotes"].as_array().unwrap();
        if &got != expected {
            failures.push(format!(
                "{name}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn table_covers_claimed_patterns() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("cases/quotes.json")).unwrap();
    let patterns: std::collections::HashSet<&str> = cases
        .iter()
        .map(|c| c["pattern"].as_str().unwrap())
        .collect();
    for id in [
        "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "B1",
        "B2", "B3", "B4", "B5", "B7", "C1", "C2", "C3", "C4", "C5", "D1", "D2", "D3", "F1", "H1",
        "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9",
    ] {
        assert!(patterns.contains(id), "no case for pattern {id}");
    }
}
