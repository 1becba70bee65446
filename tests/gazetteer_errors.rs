//! Gazetteer validation, loader errors (file and line), and the binary format's
//! defences against corrupted, truncated and foreign data.

use std::path::{Path, PathBuf};

use namedrop::gazetteer::{CaseMode, Entity, Gazetteer, MatchOptions};
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

/// A richer gazetteer for the binary form: shared aliases, case overrides, attributes
/// of every JSON kind, non-ASCII text and an entity with no attributes.
fn varied() -> Gazetteer {
    let mut g = sample();
    g.add(
        Entity::new("zh", "Zürich", "GPE")
            .alias("Zurich")
            .alias(namedrop::gazetteer::Alias::with_case("ZH", CaseMode::Exact))
            .attribute("pop", 421_878)
            .attribute("area", 87.88)
            .attribute("tags", json!(["city", {"canton": "ZH"}, null, true])),
    )
    .unwrap();
    g.add(Entity::new("w2", "Washington", "").alias("Wash."))
        .unwrap();
    g
}

fn tmp_bytes(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("namedrop-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn binary_round_trip_keeps_every_field_and_alias() {
    let g = varied();
    let h = Gazetteer::from_bytes(&g.to_bytes()).unwrap();
    assert_eq!(h.len(), g.len());
    assert_eq!(h.alias_count(), g.alias_count());
    assert_eq!(h.labels(), g.labels());
    for i in 0..g.len() as u32 {
        assert_eq!(h.entity(i), g.entity(i));
        assert_eq!(h.entity_id(i), g.entity(i).id);
        assert_eq!(h.entity_name(i), g.entity(i).name);
        assert_eq!(h.entity_label(i), g.entity(i).label);
    }
    for a in 0..g.alias_count() as u32 {
        assert_eq!(h.alias_text(a), g.alias_text(a));
        assert_eq!(h.alias_case(a), g.alias_case(a));
        assert_eq!(h.alias_entities(a), g.alias_entities(a));
    }
    let zh = h.get("zh").unwrap();
    assert_eq!(zh.attributes["tags"][1]["canton"], "ZH");
    assert_eq!(zh.attributes["area"], json!(87.88));
    assert_eq!(zh.aliases[1].case, Some(CaseMode::Exact));
    assert!(h.get("w2").unwrap().attributes.is_empty());
    assert_eq!(h.get("w2").unwrap().label, "MISC");
    // "Washington" is the name of two entities and an alias of a third.
    let wa = (0..h.alias_count() as u32)
        .find(|&a| h.alias_text(a) == "Washington")
        .unwrap();
    assert_eq!(h.alias_entities(wa), &[1, 2, 4]);
    let text = "Zurich, ZH, zh and Zürich; Wash. and Washington.";
    let o = MatchOptions::default();
    assert_eq!(h.find(text, &o), g.find(text, &o));
    assert_eq!(h.to_bytes(), g.to_bytes());
    // Without any attributes too (their offsets are left out of the file).
    let mut plain = Gazetteer::new();
    plain.add(Entity::new("a", "Alpha", "ORG")).unwrap();
    let back = Gazetteer::from_bytes(&plain.to_bytes()).unwrap();
    assert_eq!(back.entity(0), plain.entity(0));
    assert_eq!(back.to_bytes(), plain.to_bytes());
    let empty = Gazetteer::from_bytes(&Gazetteer::new().to_bytes()).unwrap();
    assert!(empty.is_empty() && empty.find("Alpha", &o).is_empty());
}

#[test]
fn a_loaded_gazetteer_grows_like_a_built_one() {
    let built = {
        let mut g = varied();
        g.add(Entity::new("wa3", "Washington", "GPE").attribute("x", 1))
            .unwrap();
        g
    };
    let mut h = Gazetteer::from_bytes(&varied().to_bytes()).unwrap();
    let _ = h.entity(0); // entities built before an add stay right after it
    h.add(Entity::new("wa3", "Washington", "GPE").attribute("x", 1))
        .unwrap();
    let e = h.add(Entity::new("zh", "Z", "GPE")).unwrap_err();
    assert_eq!(e.message(), "duplicate id \"zh\"");
    assert_eq!(h.len(), built.len());
    for (a, b) in h.entities().zip(built.entities()) {
        assert_eq!(a, b);
    }
    assert_eq!(h.to_bytes(), built.to_bytes());
    assert_eq!(h.index_of("wa3"), Some(5));
}

#[test]
fn load_reads_the_file_with_the_checks_of_from_bytes() {
    let bytes = varied().to_bytes();
    let p = tmp_bytes("varied.ndg", &bytes);
    let h = Gazetteer::load(&p).unwrap();
    assert_eq!(h.to_bytes(), bytes);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("magic", bytes[..7].to_vec()),
        ("header", bytes[..39].to_vec()),
        ("payload", bytes[..bytes.len() - 1].to_vec()),
        ("trailing", [&bytes[..], b"x"].concat()),
        ("flip", {
            let mut v = bytes.clone();
            v[60] ^= 0x10;
            v
        }),
        ("resealed", {
            let mut v = bytes.clone();
            v[44] ^= 0x01; // the alias count
            namedrop::gazetteer::reseal(&v)
        }),
    ];
    for (name, v) in cases {
        let p = tmp_bytes(&format!("{name}.ndg"), &v);
        let from_file = Gazetteer::load(&p).unwrap_err();
        let from_bytes = Gazetteer::from_bytes(&v).unwrap_err();
        assert_eq!(from_file.kind(), ErrorKind::Gazetteer, "{name}");
        assert_eq!(from_file.message(), from_bytes.message(), "{name}");
        assert_eq!(from_file.path(), Some(p.display().to_string().as_str()));
    }
}

#[test]
fn other_format_versions_are_refused_by_name() {
    let mut v = sample().to_bytes();
    assert_eq!(namedrop::gazetteer::FORMAT_VERSION, 3);
    // version 2 is the last format before trie keys became NFD
    v[8..12].copy_from_slice(&2u32.to_le_bytes());
    let e = Gazetteer::load(&tmp_bytes("v2.ndg", &v)).unwrap_err();
    assert_eq!(
        e.message(),
        "namedrop gazetteer format version 2 unsupported (this build reads version 3); \
         rebuild it from its source files"
    );
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
    /// are still rejected or loaded without panicking, and finding, reading entities
    /// and adding never panic.
    #[test]
    fn validated_payload_never_panics(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let bytes = varied().to_bytes();
        let mut v = bytes.clone();
        for (i, x) in &flips {
            let k = 40 + i.index(v.len() - 40);
            v[k] ^= x;
        }
        if let Ok(mut g) = Gazetteer::from_bytes(&namedrop::gazetteer::reseal(&v)) {
            let _ = g.find("The US and Washington, George Washington in Zürich", &MatchOptions::default());
            let _: Vec<_> = g.entities().collect();
            let _ = g.labels();
            let _ = g.add(Entity::new("new", "Washington", "GPE").alias("US"));
            let _ = g.to_bytes();
        }
    }

    /// A file loads exactly as its bytes do: the same gazetteer or the same error.
    #[test]
    fn load_agrees_with_from_bytes(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
                                   reseal in any::<bool>(), cut in any::<prop::sample::Index>()) {
        let bytes = varied().to_bytes();
        let mut v = bytes.clone();
        for (i, x) in &flips {
            let k = i.index(v.len());
            v[k] ^= x;
        }
        if reseal {
            v = namedrop::gazetteer::reseal(&v);
        }
        if flips.is_empty() {
            v.truncate(cut.index(v.len() + 1));
        }
        let p = tmp_bytes("prop.ndg", &v);
        match (Gazetteer::load(&p), Gazetteer::from_bytes(&v)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a.to_bytes(), b.to_bytes()),
            (Err(a), Err(b)) => prop_assert_eq!(a.message(), b.message()),
            (a, b) => prop_assert!(false, "load {:?} but from_bytes {:?}", a.err(), b.err()),
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

#[test]
fn alias_entity_lists_out_of_order_are_rejected() {
    // Entities 300 and 302 share an alias: its list is [300, 302] in the file (a pair
    // that the offset columns, which count up by one, do not contain).
    let mut g = Gazetteer::new();
    for i in 0..300 {
        g.add(Entity::new(format!("f{i}"), format!("Filler{i}"), "GPE"))
            .unwrap();
    }
    g.add(Entity::new("a", "Alpha", "PERSON").alias("Shared"))
        .unwrap();
    g.add(Entity::new("m", "Middle", "PERSON")).unwrap();
    g.add(Entity::new("b", "Beta", "PERSON").alias("Shared"))
        .unwrap();
    let bytes = g.to_bytes();
    let pair = [300u32.to_le_bytes(), 302u32.to_le_bytes()].concat();
    let at = bytes
        .windows(8)
        .position(|w| w == pair.as_slice())
        .expect("the shared alias's entity list is in the file");
    let mut v = bytes.clone();
    v[at..at + 8].copy_from_slice(&[302u32.to_le_bytes(), 300u32.to_le_bytes()].concat());
    let err = Gazetteer::from_bytes(&namedrop::gazetteer::reseal(&v)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Gazetteer);
    assert!(err.message().contains("out of order"), "{}", err.message());
    assert!(Gazetteer::from_bytes(&bytes).is_ok());
}
