//! Gazetteer validation, loader errors (file and line), and the binary format's
//! defences against corrupted, truncated and foreign data.

use std::path::{Path, PathBuf};

use namedrop::gazetteer::{Entity, Gazetteer, MatchOptions};
use namedrop::ErrorKind;
use proptest::prelude::*;
use serde_json::json;

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("namedrop-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn err_of(path: &Path) -> namedrop::Error {
    Gazetteer::from_path(path).unwrap_err()
}

#[test]
fn add_validates() {
    let mut g = Gazetteer::new();
    g.add(Entity::new("a", "Alpha", "ORG")).unwrap();
    let e = g.add(Entity::new("a", "Alpha 2", "ORG")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Gazetteer);
    assert_eq!(e.message(), "duplicate id \"a\"");
    let e = g.add(Entity::new("b", "  ", "ORG")).unwrap_err();
    assert!(e.message().contains("empty name"), "{e}");
    let e = g
        .add(Entity::new("c", "Gamma", "ORG").alias(" \u{a0}\t"))
        .unwrap_err();
    assert!(
        e.message().contains("\"c\"") && e.message().contains("empty"),
        "{e}"
    );
    let e = g
        .add(Entity::new("d", "Delta", "ORG").alias("“—”"))
        .unwrap_err();
    assert!(
        e.message().contains("\"d\"") && e.message().contains("punctuation"),
        "{e}"
    );
    assert!(e.message().contains("“—”"), "names the alias: {e}");
    let e = g.add(Entity::new("", "Nameless", "ORG")).unwrap_err();
    assert!(e.message().contains("empty id"));
    // Failed adds leave the gazetteer unchanged.
    assert_eq!(g.len(), 1);
    assert_eq!(g.find("Alpha and Delta", &MatchOptions::default()).len(), 1);
}

#[test]
fn aliases_are_deduplicated_and_label_defaults() {
    let mut g = Gazetteer::new();
    g.add(
        Entity::new("ny", "New York", "")
            .alias("New  York")
            .alias("NYC")
            .alias("NYC"),
    )
    .unwrap();
    let e = g.get("ny").unwrap();
    assert_eq!(e.label, "MISC");
    assert_eq!(e.aliases.len(), 1);
    assert_eq!(g.alias_count(), 2);
    assert_eq!(g.labels(), vec!["MISC"]);
}

#[test]
fn jsonl_errors_name_file_and_line() {
    let p = tmp("dup.jsonl", "{\"id\":\"a\",\"name\":\"A\"}\n{\"id\":\"b\",\"name\":\"B\"}\n{\"id\":\"a\",\"name\":\"C\"}\n");
    let e = err_of(&p);
    assert_eq!(e.line(), Some(3));
    assert_eq!(e.path(), Some(p.display().to_string().as_str()));
    assert!(e.message().contains("duplicate id \"a\""));

    let p = tmp(
        "bad.jsonl",
        "{\"id\":\"a\",\"name\":\"A\"}\n{\"id\": \"b\", \"name\": \n",
    );
    let e = err_of(&p);
    assert_eq!(e.line(), Some(2));
    assert!(e.message().contains("malformed JSON"), "{e}");

    let p = tmp(
        "alias.jsonl",
        "\n{\"id\":\"a\",\"name\":\"A\",\"aliases\":[\"...\"]}\n",
    );
    let e = err_of(&p);
    assert_eq!(e.line(), Some(2));
    assert!(e.message().contains("punctuation"), "{e}");

    let p = tmp(
        "case.jsonl",
        "{\"id\":\"a\",\"name\":\"A\",\"aliases\":[{\"text\":\"AA\",\"case\":\"loud\"}]}\n",
    );
    let e = err_of(&p);
    assert!(e.message().contains("unknown case mode"), "{e}");
}

#[test]
fn json_array_errors_name_the_line_of_the_record() {
    let p = tmp(
        "g.json",
        "[\n  {\"id\": \"a\", \"name\": \"A\"},\n  {\"id\": \"a\",\n   \"name\": \"B\"}\n]\n",
    );
    let e = err_of(&p);
    assert_eq!(e.line(), Some(3));
    assert!(e.message().contains("duplicate id"));
    let p = tmp("bad.json", "[{\"id\": \"a\", \"name\": \"A\"},\n {oops}]");
    let e = err_of(&p);
    assert_eq!(e.line(), Some(2));
    let g = Gazetteer::from_path(&tmp(
        "ok.json",
        "[{\"id\": 7, \"name\": \"Seven\", \"x\": [1]}]",
    ))
    .unwrap();
    assert_eq!(g.get("7").unwrap().attributes["x"], json!([1]));
}

#[test]
fn csv_and_tsv() {
    let p = tmp(
        "people.csv",
        "id,name,label,aliases,gender,party\n\
         obama,Barack Obama,PERSON,Obama|President Obama,male,\n\
         \"biden\",\"Biden, Joe\",PERSON,,male,D\n",
    );
    let g = Gazetteer::from_path(&p).unwrap();
    assert_eq!(g.len(), 2);
    let o = g.get("obama").unwrap();
    assert_eq!(o.aliases.len(), 2);
    assert_eq!(o.attributes.get("gender"), Some(&json!("male")));
    assert!(
        !o.attributes.contains_key("party"),
        "empty cells are omitted"
    );
    assert_eq!(g.get("biden").unwrap().name, "Biden, Joe");

    let p = tmp("dup.csv", "id,name\na,A\nb,B\na,C\n");
    let e = err_of(&p);
    assert_eq!((e.line(), e.message()), (Some(4), "duplicate id \"a\""));

    let p = tmp("nocol.csv", "id,label\na,GPE\n");
    let e = err_of(&p);
    assert_eq!(e.line(), Some(1));
    assert!(e.message().contains("missing required column \"name\""));

    let p = tmp("ragged.csv", "id,name\na,A\nb,B,extra\n");
    let e = err_of(&p);
    assert_eq!(e.line(), Some(3));
    assert!(e.message().contains("malformed row"), "{e}");

    let p = tmp("emptyalias.tsv", "id\tname\taliases\na\tA\tAa||Ab\n");
    let e = err_of(&p);
    assert_eq!(e.line(), Some(2));
    assert!(e.message().contains("empty alias"), "{e}");

    let p = tmp(
        "ok.tsv",
        "\u{feff}id\tname\tlabel\n\"q\"\t\"Quoted\" Name\tORG\n",
    );
    let g = Gazetteer::from_path(&p).unwrap();
    assert_eq!(g.get("\"q\"").unwrap().name, "\"Quoted\" Name");
}

#[test]
fn unknown_extension_and_missing_file() {
    let p = tmp("g.xlsx", "x");
    let e = err_of(&p);
    assert_eq!(e.kind(), ErrorKind::Gazetteer);
    assert!(
        e.message()
            .contains("unknown gazetteer file type \".xlsx\""),
        "{e}"
    );
    let e = Gazetteer::from_path(Path::new("/nonexistent/g.csv")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
}

#[test]
fn records_errors_name_the_record() {
    let e = Gazetteer::from_records(vec![
        json!({"id": "a", "name": "A"}),
        json!({"id": "b", "name": "B"}),
        json!({"id": "c", "name": "C", "aliases": [""]}),
    ])
    .unwrap_err();
    assert!(e.message().starts_with("record 3: "), "{e}");
    let e = Gazetteer::from_records(vec![json!("just a string")]).unwrap_err();
    assert!(
        e.message().starts_with("record 1: expected an object"),
        "{e}"
    );
}

fn sample() -> Gazetteer {
    Gazetteer::from_records(vec![
        json!({"id": "us", "name": "United States", "label": "GPE",
               "aliases": ["U.S.", {"text": "US", "case": "exact"}], "iso": "US"}),
        json!({"id": "gw", "name": "George Washington", "label": "PERSON",
               "aliases": ["Washington"], "gender": "male"}),
        json!({"id": "wa", "name": "Washington", "label": "GPE"}),
    ])
    .unwrap()
}

#[test]
fn save_and_load_round_trip() {
    let g = sample();
    let dir = std::env::temp_dir().join(format!("namedrop-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("g.ndg");
    g.save(&p).unwrap();
    let h = Gazetteer::load(&p).unwrap();
    let h2 = Gazetteer::from_path(&p).unwrap();
    assert_eq!(h2.len(), 3);
    assert_eq!(h.len(), g.len());
    for (a, b) in g.entities().zip(h.entities()) {
        assert_eq!(a, b);
    }
    let text = "The US and the U.S. under Washington, not us.";
    let o = MatchOptions::default();
    assert_eq!(g.find(text, &o), h.find(text, &o));
    assert_eq!(h.to_bytes(), g.to_bytes());
    // A loaded gazetteer can still grow.
    let mut h = h;
    h.add(Entity::new("uk", "United Kingdom", "GPE")).unwrap();
    assert!(h.add(Entity::new("us", "X", "GPE")).is_err());
    assert_eq!(h.find("United Kingdom and US", &o).len(), 2);
}

#[test]
fn foreign_truncated_and_corrupted_bytes() {
    let bytes = sample().to_bytes();
    let msg = |b: &[u8]| Gazetteer::from_bytes(b).unwrap_err().message().to_string();
    assert!(msg(b"").contains("not a namedrop gazetteer"));
    assert!(msg(b"PK\x03\x04 a zip file").contains("not a namedrop gazetteer"));
    assert!(msg(&bytes[..20]).contains("truncated"));
    assert!(msg(&bytes[..bytes.len() - 1]).contains("truncated"));
    let mut v = bytes.clone();
    v[8] = 99;
    assert!(msg(&v).contains("version 99 unsupported"), "{}", msg(&v));
    let mut v = bytes.clone();
    let k = v.len() - 10;
    v[k] ^= 0x40;
    assert!(msg(&v).contains("checksum mismatch"));
    let mut v = bytes.clone();
    v.push(0);
    assert!(Gazetteer::from_bytes(&v).is_err());
    let e = Gazetteer::load(Path::new("/nonexistent/g.ndg")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Random byte flips, truncations and garbage never panic.
    #[test]
    fn from_bytes_never_panics(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
                               cut in any::<prop::sample::Index>(), garbage in prop::collection::vec(any::<u8>(), 0..64)) {
        let bytes = sample().to_bytes();
        let mut v = bytes.clone();
        for (i, x) in &flips {
            let k = i.index(v.len());
            v[k] ^= x;
        }
        let _ = Gazetteer::from_bytes(&v);
        let _ = Gazetteer::from_bytes(&v[..cut.index(v.len() + 1)]);
        let mut w = bytes[..40].to_vec();
        w.extend_from_slice(&garbage);
        let _ = Gazetteer::from_bytes(&w);
        if flips.iter().any(|(_, x)| *x != 0) && v != bytes {
            prop_assert!(Gazetteer::from_bytes(&v).is_err());
        }
    }

    /// Corrupted payloads with a *recomputed* checksum (a buggy or hostile writer)
    /// are still rejected or loaded without panicking, and finding never panics.
    #[test]
    fn validated_payload_never_panics(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let bytes = sample().to_bytes();
        let mut v = bytes.clone();
        for (i, x) in &flips {
            let k = 40 + i.index(v.len() - 40);
            v[k] ^= x;
        }
        if let Ok(g) = Gazetteer::from_bytes(&namedrop::gazetteer::reseal(&v)) {
            let _ = g.find("The US and Washington, George Washington", &MatchOptions::default());
        }
    }
}

#[test]
fn alias_that_folds_to_nothing_is_rejected() {
    // U+1ABF is an alphabetic combining mark: it folds away with the diacritics.
    let mut g = Gazetteer::new();
    let e = g
        .add(Entity::new("m", "M", "MISC").alias("\u{1abf}"))
        .unwrap_err();
    assert!(e.message().contains("punctuation"), "{e}");
    g.add(Entity::new("a", "a", "MISC")).unwrap();
    assert_eq!(g.find("a b", &MatchOptions::default()).len(), 1);
}
