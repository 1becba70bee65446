//! Runs the shared table tests/cases/matching.json (also read by pytest).

use namedrop::gazetteer::{Gazetteer, MatchOptions};
use namedrop::text::to_char_offsets;
use serde_json::Value;

fn options(v: &Value) -> MatchOptions {
    MatchOptions {
        case: v["case"].as_str().unwrap_or("smart").parse().unwrap(),
        overlapping: v["overlapping"].as_bool().unwrap_or(false),
        fold_diacritics: v["fold_diacritics"].as_bool().unwrap_or(true),
    }
}

/// (code-point span, matched text, sorted candidate ids) per mention.
fn mentions(
    g: &Gazetteer,
    text: &str,
    opts: &MatchOptions,
) -> Vec<(usize, usize, String, Vec<String>)> {
    let found = g.find(text, opts);
    let mut out = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let mut j = i;
        while j < found.len() && (found[j].start, found[j].end) == (found[i].start, found[i].end) {
            j += 1;
        }
        let group = &found[i..j];
        let m = group[0];
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        let c = to_char_offsets(text, &[m.start, m.end]);
        let chars: Vec<char> = text.chars().collect();
        let by_chars: String = chars[c[0]..c[1]].iter().collect();
        assert_eq!(
            by_chars,
            &text[m.start..m.end],
            "char offsets disagree with byte offsets"
        );
        let mut ids: Vec<String> = g
            .candidates(group)
            .into_iter()
            .map(|e| g.entity(e).id.clone())
            .collect();
        ids.sort();
        out.push((c[0], c[1], by_chars, ids));
        i = j;
    }
    out
}

#[test]
fn matching_table() {
    let src = include_str!("cases/matching.json");
    let table: Value = serde_json::from_str(src).unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 40);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let g = Gazetteer::from_records(case["entities"].as_array().unwrap().iter().cloned())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let opts = options(&case["options"]);
        let text = case["text"].as_str().unwrap();
        let got = mentions(&g, text, &opts);
        let want: Vec<(usize, usize, String, Vec<String>)> = case["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let ids = e["ids"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect();
                (
                    e["span"][0].as_u64().unwrap() as usize,
                    e["span"][1].as_u64().unwrap() as usize,
                    e["text"].as_str().unwrap().to_string(),
                    ids,
                )
            })
            .collect();
        if got != want {
            failures.push(format!(
                "{name}:\n  text {text:?}\n  got  {got:?}\n  want {want:?}"
            ));
        }
        // The compiled form gives the same answers.
        let h = Gazetteer::from_bytes(&g.to_bytes()).unwrap();
        assert_eq!(
            mentions(&h, text, &opts),
            got,
            "{name}: after to_bytes/from_bytes"
        );
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
