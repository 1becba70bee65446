//! Every input the fuzz targets (fuzz/, see fuzz/README.md) ever crashed on, replayed
//! through the fuzzers' own harness in plain `cargo test`. The files are under
//! `tests/fuzz_cases/<target>/`; a new crash is kept by copying its artifact there.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_cases")
        .join(target);
    let mut n = 0;
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        let data = std::fs::read(&p).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "fuzz case {} fails again", p.display());
        n += 1;
    }
    n
}

#[test]
fn ndg_cases() {
    replay("ndg", harness::ndg);
}

#[test]
fn extract_cases() {
    replay("extract", harness::extract);
}

#[test]
fn loaders_cases() {
    replay("loaders", harness::loaders);
}

#[test]
fn the_harness_accepts_its_seeds() {
    // The seed corpora are valid inputs: the harness must run them without a finding.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for (target, run) in [
        ("ndg", harness::ndg as fn(&[u8])),
        ("extract", harness::extract),
        ("loaders", harness::loaders),
    ] {
        let dir = seeds.join(target);
        let mut n = 0;
        for e in std::fs::read_dir(&dir).unwrap() {
            run(&std::fs::read(e.unwrap().path()).unwrap());
            n += 1;
        }
        assert!(n > 0, "no seeds in {}", dir.display());
    }
}

#[test]
fn a_crafted_trie_through_the_harness_is_refused_not_crashed() {
    // Mode 1 (trie words): a root whose two transitions share one child.
    let words: [u32; 7] = [
        6,
        2,
        u32::from_le_bytes([b'a', b'b', 0, 0]),
        4,
        4,
        1 << 9,
        0,
    ];
    let mut data = vec![1u8];
    for w in words {
        data.extend_from_slice(&w.to_le_bytes());
    }
    data.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0]);
    harness::ndg(&data);
}

/// Writes the seed corpus of the `ndg` target (payloads of real gazetteers): run with
/// `cargo test --test fuzz_regressions -- --ignored write_ndg_seeds`.
#[test]
#[ignore]
fn write_ndg_seeds() {
    use namedrop::gazetteer::{Alias, CaseMode, Entity, Gazetteer};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/ndg");
    std::fs::create_dir_all(&dir).unwrap();
    let mut g = Gazetteer::new();
    let rows = [
        ("dw", "Dana Whitfield", "PERSON", vec!["Ms. Whitfield"]),
        ("z", "Zürich", "GPE", vec!["Zurich", "ZRH"]),
        ("k", "京都", "GPE", vec!["Kyoto"]),
        ("gw", "George Washington", "PERSON", vec!["Washington"]),
        ("wa", "Washington", "GPE", vec![]),
    ];
    for (id, name, label, aliases) in rows {
        let mut e = Entity::new(id, name, label).attribute("gender", "female");
        e.aliases = aliases.into_iter().map(Alias::from).collect();
        g.add(e).unwrap();
    }
    g.add(Entity::new("us", "United States", "GPE").alias(Alias::with_case("US", CaseMode::Exact)))
        .unwrap();
    let bytes = g.to_bytes();
    std::fs::write(dir.join("payload"), [&[0u8][..], &bytes[40..]].concat()).unwrap();
    let empty = Gazetteer::new().to_bytes();
    std::fs::write(dir.join("empty"), [&[0u8][..], &empty[40..]].concat()).unwrap();
    // Trie mode: the small base gazetteer's own trie is not known here, so a seed of
    // a valid two-leaf trie over its aliases 0 and 1.
    let words: [u32; 13] = [
        8,
        2,
        u32::from_le_bytes([b'a', b'b', 0, 0]),
        4,
        6,
        1 << 9,
        0,
        1 << 9,
        2,
        1,
        0,
        1,
        1,
    ];
    let mut trie = vec![1u8];
    for w in words {
        trie.extend_from_slice(&w.to_le_bytes());
    }
    std::fs::write(dir.join("trie"), trie).unwrap();
}
