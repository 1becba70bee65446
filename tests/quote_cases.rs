//! Runs the language-neutral quote table `tests/cases/quotes.json` (also used by the
//! Python tests): every attribution pattern id claimed and the traps H1–H9, with the
//! expected quotes in code points, kind, speaker text and rule.

use namedrop::{run, Lexicons, LinkOptions, NoEntities, Rule};
use serde_json::Value;

fn cp(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// The cases of tests/cases/quotes.json.
fn cases() -> Vec<Value> {
    serde_json::from_str(include_str!("cases/quotes.json")).expect("valid JSON")
}

#[test]
fn quote_table() {
    let cases = cases();
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
    let cases = cases();
    let patterns: std::collections::HashSet<&str> = cases
        .iter()
        .map(|c| c["pattern"].as_str().unwrap())
        .collect();
    for id in [
        "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "B1",
        "B2", "B3", "B4", "B5", "B7", "C1", "C2", "C3", "C4", "C5", "D1", "D2", "D3", "D4", "F1",
        "F2", "H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9",
    ] {
        assert!(patterns.contains(id), "no case for pattern {id}");
    }
}

/// Every rule the grammar has is exercised by at least one quote of the table (its
/// expected `rule`), so no rule goes untested.
#[test]
fn every_rule_has_a_case() {
    let cases = cases();
    let rules: std::collections::HashSet<&str> = cases
        .iter()
        .flat_map(|c| c["quotes"].as_array().unwrap())
        .map(|q| q["rule"].as_str().unwrap())
        .collect();
    for rule in Rule::ALL.iter().chain([&Rule::Unattributed]) {
        assert!(
            rules.contains(rule.as_str()),
            "no case in tests/cases/quotes.json expects rule {:?}",
            rule.as_str()
        );
    }
    // and every rule the table expects is one the grammar has
    for id in &rules {
        assert!(
            Rule::parse(id).is_some(),
            "unknown rule {id:?} in quotes.json"
        );
    }
}

/// The rule table in docs/attribution.md, as the enum says it is.
fn rule_table() -> String {
    let mut out = String::from("| id | kind | pattern | example |\n|---|---|---|---|\n");
    for r in Rule::ALL {
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            r.as_str(),
            r.kind(),
            r.pattern(),
            r.example()
        ));
    }
    out
}

/// docs/attribution.md holds the table generated from [`Rule`] between its markers;
/// `NAMEDROP_BLESS=1 cargo test --test quote_cases` rewrites it after a rule change.
#[test]
fn docs_rule_table_matches_the_enum() {
    const BEGIN: &str = "<!-- rules:begin (generated from namedrop::Rule) -->\n";
    const END: &str = "<!-- rules:end -->";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/attribution.md");
    let doc = std::fs::read_to_string(&path).expect("docs/attribution.md exists");
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/attribution.md lacks the rules markers");
    };
    let table = &doc[b + BEGIN.len()..e];
    let want = rule_table();
    if table != want && std::env::var_os("NAMEDROP_BLESS").is_some() {
        let fixed = format!("{}{want}{}", &doc[..b + BEGIN.len()], &doc[e..]);
        std::fs::write(&path, fixed).unwrap();
        return;
    }
    assert_eq!(
        table, want,
        "docs/attribution.md is out of date (NAMEDROP_BLESS=1)"
    );
}

/// The example of every rule in docs/attribution.md is attributed by that rule (`¶`
/// stands for a paragraph break).
#[test]
fn every_rule_example_is_attributed_by_its_rule() {
    let lex = Lexicons::default();
    let mut wrong = Vec::new();
    for rule in Rule::ALL {
        let text = rule.example().replace(" ¶ ", "\n\n");
        let doc = run(&text, vec![], &NoEntities, &lex, &LinkOptions::default());
        let rules: Vec<&str> = doc.quotes.iter().map(|q| q.rule.as_str()).collect();
        if !rules.contains(&rule.as_str()) {
            wrong.push(format!("{}: {text:?} gives {rules:?}", rule.as_str()));
        }
    }
    assert!(
        wrong.is_empty(),
        "examples not attributed by their rule:\n{}",
        wrong.join("\n")
    );
}
