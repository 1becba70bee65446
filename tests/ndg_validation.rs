//! A `.ndg` file whose checksum matches is still checked structurally: crafted tries
//! (shared or cyclic child offsets, keys ending inside a UTF-8 character, bad output
//! lists) are a `Gazetteer` error on load, never a panic or a hang.

use namedrop::gazetteer::{replace_trie, Entity, Gazetteer, MatchOptions};
use namedrop::{ErrorKind, ExtractOptions, Extractor};
use std::sync::Arc;

const TERMINAL: u32 = 1 << 9;
const PATH: u32 = 1 << 10;

/// A one-entity gazetteer whose aliases have ids 0 and 1.
fn base() -> Vec<u8> {
    let mut g = Gazetteer::new();
    g.add(Entity::new("kyoto", "京都", "GPE").alias("ab"))
        .unwrap();
    g.to_bytes()
}

/// Transition or label bytes packed four to a word.
fn packed(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks(4)
        .map(|c| {
            c.iter()
                .enumerate()
                .fold(0, |w, (i, &b)| w | (b as u32) << (8 * i))
        })
        .collect()
}

/// A branch node: header, [outs index], packed bytes, child offsets.
fn branch(out: Option<u32>, bytes: &[u8], children: &[u32]) -> Vec<u32> {
    let mut v = vec![bytes.len() as u32 | if out.is_some() { TERMINAL } else { 0 }];
    v.extend(out);
    v.extend(packed(bytes));
    v.extend_from_slice(children);
    v
}

fn leaf(out: u32) -> Vec<u32> {
    branch(Some(out), &[], &[])
}

fn load_error(nodes: &[Vec<u32>], outs: &[u32]) -> String {
    let nodes: Vec<u32> = nodes.concat();
    let bytes = replace_trie(&base(), &nodes, outs).expect("the base file parses");
    let err = Gazetteer::from_bytes(&bytes).expect_err("a crafted trie must be refused");
    assert_eq!(err.kind(), ErrorKind::Gazetteer);
    // The file path goes through the same checks.
    // one file per call: the tests run in parallel, and two crafted tries can have
    // the same length
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let p = std::env::temp_dir().join(format!("namedrop-ndg-{}-{call}.ndg", std::process::id()));
    std::fs::write(&p, &bytes).unwrap();
    let from_file = Gazetteer::load(&p).unwrap_err();
    assert_eq!(from_file.message(), err.message());
    std::fs::remove_file(&p).unwrap();
    err.message().to_string()
}

#[test]
fn the_helper_rebuilds_a_valid_file() {
    // root: 'a' -> path "b" -> leaf(alias 1); 0xE4 -> path [BA AC E9 83 BD] -> leaf(alias 0)
    let path_ab = [PATH | 1 << 11, packed(b"b")[0], 7];
    let kyoto = "京都".as_bytes();
    let mut path_k = vec![PATH | 5 << 11];
    path_k.extend(packed(&kyoto[1..]));
    path_k.push(13);
    let nodes = [
        branch(None, &[b'a', kyoto[0]], &[4, 9]),
        path_ab.to_vec(),
        leaf(0),
        path_k,
        leaf(2),
    ];
    assert_eq!(nodes[..3].concat().len(), 9);
    assert_eq!(nodes[..4].concat().len(), 13);
    let bytes = replace_trie(&base(), &nodes.concat(), &[1, 1, 1, 0]).unwrap();
    assert!(
        Gazetteer::from_bytes(&bytes).is_ok(),
        "{:?}",
        Gazetteer::from_bytes(&bytes).err()
    );
    let g = Gazetteer::from_bytes(&bytes).unwrap();
    let text = "ab 京都";
    let found = g.find(text, &MatchOptions::default());
    let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(spans, ["ab", "京都"]);
}

#[test]
fn a_key_ending_inside_a_character_is_refused() {
    // 0xE4 (the first byte of 京) -> a terminal: a match would end inside the character.
    let msg = load_error(&[branch(None, &[0xE4], &[3]), leaf(0)], &[1, 0]);
    assert!(msg.contains("inside a UTF-8 character"), "{msg}");
}

#[test]
fn a_byte_that_breaks_utf8_is_refused() {
    let msg = load_error(&[branch(None, &[0xFF], &[3]), leaf(0)], &[1, 0]);
    assert!(msg.contains("breaks UTF-8"), "{msg}");
}

#[test]
fn shared_children_are_refused() {
    // 'a' and 'b' lead to the same leaf.
    let msg = load_error(&[branch(None, b"ab", &[4, 4]), leaf(0)], &[1, 0]);
    assert!(msg.contains("reached twice"), "{msg}");
}

#[test]
fn a_cycle_is_refused() {
    // root 'a' -> node 3, whose 'b' leads back to itself.
    let msg = load_error(
        &[branch(None, b"a", &[3]), branch(Some(0), b"b", &[3])],
        &[1, 0],
    );
    assert!(msg.contains("reached twice"), "{msg}");
}

#[test]
fn a_node_with_every_letter_looping_to_itself_loads_at_once() {
    // On a trie taken on trust this made the prefilter's walk (36 branches, 24 deep)
    // never return.
    let letters: Vec<u8> = (b'0'..=b'9').chain(b'a'..=b'z').collect();
    let node = branch(Some(0), &letters, &vec![3; letters.len()]);
    let msg = load_error(&[branch(None, b"a", &[3]), node], &[1, 0]);
    assert!(msg.contains("reached twice"), "{msg}");
}

#[test]
fn unreachable_nodes_and_unused_outputs_are_refused() {
    let msg = load_error(&[branch(None, b"a", &[3]), leaf(0), leaf(2)], &[1, 0, 1, 1]);
    assert!(msg.contains("not reachable"), "{msg}");
    let msg = load_error(&[branch(None, b"a", &[3]), leaf(0)], &[1, 0, 7]);
    assert!(msg.contains("used by no node"), "{msg}");
}

#[test]
fn bad_output_lists_are_refused() {
    let two_leaves =
        |outs: &[u32]| load_error(&[branch(None, b"ab", &[4, 6]), leaf(0), leaf(2)], outs);
    let msg = two_leaves(&[1, 0, 1, 0]);
    assert!(msg.contains("output of two keys"), "{msg}");
    let msg = two_leaves(&[1, 0, 1, 2]);
    assert!(msg.contains("out of range"), "{msg}");
    let msg = load_error(&[branch(None, b"a", &[3]), leaf(0)], &[2, 1, 0]);
    assert!(msg.contains("not increasing"), "{msg}");
    let msg = load_error(&[branch(None, b"a", &[3]), leaf(1)], &[0, 1, 0]);
    assert!(msg.contains("back to back"), "{msg}");
}

#[test]
fn unsorted_transitions_and_dead_ends_are_refused() {
    let msg = load_error(
        &[branch(None, b"ba", &[4, 6]), leaf(0), leaf(2)],
        &[1, 0, 1, 1],
    );
    assert!(msg.contains("not increasing"), "{msg}");
    let msg = load_error(&[branch(None, b"a", &[3]), branch(None, &[], &[])], &[]);
    assert!(msg.contains("ends no key"), "{msg}");
}

#[test]
fn every_saved_gazetteer_passes_the_checks_and_extracts() {
    let mut g = Gazetteer::new();
    for (i, name) in [
        "Zürich",
        "東京",
        "New York",
        "Ana Ruiz",
        "Dana 😀",
        "ab",
        "abc",
    ]
    .iter()
    .enumerate()
    {
        g.add(Entity::new(format!("e{i}"), *name, "MISC")).unwrap();
    }
    let h = Arc::new(Gazetteer::from_bytes(&g.to_bytes()).unwrap());
    let ex = Extractor::new(h, ExtractOptions::default()).unwrap();
    let text = "Zurich, 東京 and New  York; Ana Ruiz said “abc”.";
    let doc = ex.extract(text);
    assert!(doc.entities.len() >= 4);
    for m in &doc.entities {
        assert!(text.get(m.start..m.end).is_some());
    }
}
