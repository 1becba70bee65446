//! Runs the shared table tests/cases/linking.json (who is who, issue 14; also read by
//! pytest): every case marked "ok" must pass, and a case marked "todo" that starts to
//! pass must be marked "ok" (so the table always says what the code does).

use std::sync::Arc;

use namedrop::text::to_char_offsets;
use namedrop::{default_gazetteer, Document, ExtractOptions, Extractor, Mention};
use serde_json::Value;

const TABLE: &str = include_str!("cases/linking.json");

/// What the document gets wrong against the case (empty when it passes).
fn failures(ex: &Extractor, case: &Value) -> Vec<String> {
    let text = case["text"].as_str().unwrap();
    let doc = ex.extract(text);
    let g = ex.gazetteer();
    let span = |m: &Mention| {
        let c = to_char_offsets(text, &[m.start, m.end]);
        assert_eq!(
            text.chars()
                .skip(c[0])
                .take(c[1] - c[0])
                .collect::<String>(),
            &text[m.start..m.end]
        );
        (c[0] as u64, c[1] as u64)
    };
    let find = |want: &Value| {
        let s = (
            want["span"][0].as_u64().unwrap(),
            want["span"][1].as_u64().unwrap(),
        );
        doc.entities.iter().find(|m| span(m) == s)
    };
    let mut problems = Vec::new();
    for want in case["expected"].as_array().unwrap() {
        let Some(m) = find(want) else {
            problems.push(format!("missing {}", want["text"]));
            continue;
        };
        let id = m.entity.map(|e| g.entity_id(e));
        if *m.label != *want["label"].as_str().unwrap()
            || id != want["entity_id"].as_str()
            || m.source.as_str() != want["source"].as_str().unwrap()
        {
            problems.push(format!(
                "{}: got {} {id:?} {}",
                want["text"],
                m.label,
                m.source.as_str()
            ));
        }
        let cluster = m.cluster.map(|c| &doc.clusters[c as usize]);
        let gender = cluster.and_then(|c| c.gender).map(|g| g.as_str());
        let evidence = cluster.and_then(|c| c.gender_evidence.as_deref());
        for (field, got) in [("gender", gender), ("gender_evidence", evidence)] {
            if let Some(w) = want.get(field) {
                if got != w.as_str() {
                    problems.push(format!("{}: {field} {got:?}", want["text"]));
                }
            }
        }
    }
    for unwanted in case["absent"].as_array().unwrap() {
        if find(unwanted).is_some() {
            problems.push(format!("unexpected {}", unwanted["text"]));
        }
    }
    for want in case["speakers"].as_array().into_iter().flatten() {
        problems.extend(speaker_problem(text, &doc, g, want));
    }
    problems
}

fn speaker_problem(
    text: &str,
    doc: &Document,
    g: &namedrop::Gazetteer,
    want: &Value,
) -> Option<String> {
    let quote = want["quote"].as_str().unwrap();
    let Some(q) = doc
        .quotes
        .iter()
        .find(|q| text[q.start..q.end].contains(quote))
    else {
        return Some(format!("no quote {quote:?}"));
    };
    let sp = q.speaker.map(|s| &doc.speakers[s as usize]);
    let got = sp.map(|s| &text[s.start..s.end]);
    if got != want["speaker"].as_str() {
        return Some(format!("speaker {got:?}"));
    }
    let id = sp.and_then(|s| s.entity).map(|e| g.entity_id(e));
    match want.get("speaker_entity_id") {
        Some(w) if id != w.as_str() => Some(format!("speaker entity {id:?}")),
        _ => None,
    }
}

#[test]
fn linking_table_says_what_the_code_does() {
    let table: Value = serde_json::from_str(TABLE).unwrap();
    let ex = Extractor::new(
        Arc::clone(&default_gazetteer().unwrap()),
        ExtractOptions::default(),
    )
    .unwrap();
    let mut wrong = Vec::new();
    for case in table["cases"].as_array().unwrap() {
        assert_eq!(case["gazetteer"], "default");
        let problems = failures(&ex, case);
        match (case["status"].as_str().unwrap(), problems.is_empty()) {
            ("ok", false) => wrong.push(format!("{}: {}", case["name"], problems.join("; "))),
            ("todo", true) => wrong.push(format!("{}: passes now, mark it ok", case["name"])),
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn who_is_who_rules_on_a_long_text_without_sentence_ends() {
    // every rule of issue 14 fires on every repetition, and no sentence ends: the
    // look-backs are bounded (a quadratic rule would take minutes here)
    let n = 20_000;
    let text =
        "Paris Hilton met Sen. Warren near Italy's Supreme Court as Boston won and ".repeat(n);
    let ex = Extractor::new(
        Arc::clone(&default_gazetteer().unwrap()),
        ExtractOptions::default(),
    )
    .unwrap();
    let doc = ex.extract(&text);
    let count = |want: &str| {
        doc.entities
            .iter()
            .filter(|m| &text[m.start..m.end] == want)
            .count()
    };
    assert_eq!(count("Paris Hilton"), n);
    assert_eq!(count("Sen. Warren"), n);
    assert_eq!(count("Boston"), 0);
    assert!(doc
        .entities
        .iter()
        .filter(|m| &text[m.start..m.end] == "Supreme Court")
        .all(|m| m.entity.is_none()));
}
