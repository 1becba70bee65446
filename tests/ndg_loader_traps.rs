//! Gazetteer inputs that used to load with a wrong meaning: a duplicated CSV/TSV
//! column (one of the two cells silently lost) and an alias that starts with a
//! combining mark (it can never match on a word boundary).

use namedrop::gazetteer::{Entity, Gazetteer, MatchOptions};
use namedrop::ErrorKind;
use serde_json::json;

fn tmp(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("namedrop-traps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn a_duplicated_column_is_an_error_naming_column_and_file() {
    let p = tmp(
        "people.csv",
        "id,name,label,name\nana,Ana Ruiz,PERSON,Ana R.\n",
    );
    let err = Gazetteer::from_path(&p).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Gazetteer);
    assert_eq!(err.path(), Some(p.display().to_string().as_str()));
    assert_eq!(err.line(), Some(1));
    assert_eq!(err.message(), "duplicate column \"name\" (columns 2 and 4)");

    // Any column, in TSV too, and also when only the spacing differs.
    let p = tmp(
        "people.tsv",
        "id\tname\tparty\t party \nana\tAna Ruiz\tD\tR\n",
    );
    let err = Gazetteer::from_path(&p).unwrap_err();
    assert_eq!(
        err.message(),
        "duplicate column \"party\" (columns 3 and 4)"
    );
    assert!(
        err.to_string().starts_with(&format!("{}:1: ", p.display())),
        "{err}"
    );

    // Distinct columns still load.
    let p = tmp("ok.csv", "id,name,party\nana,Ana Ruiz,D\n");
    let g = Gazetteer::from_path(&p).unwrap();
    assert_eq!(g.get("ana").unwrap().attributes["party"], "D");
}

#[test]
fn an_alias_starting_with_a_combining_mark_is_an_error_naming_it() {
    let p = tmp("marks.jsonl", "{\"id\": \"a\", \"name\": \"Ana\"}\n{\"id\": \"b\", \"name\": \"Bo\", \"aliases\": [\"\u{301}Bo\"]}\n");
    let err = Gazetteer::from_path(&p).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Gazetteer);
    assert_eq!(err.line(), Some(2));
    // Named visibly: a lone mark would render onto the quote before it.
    assert!(err.message().contains(r#"alias "\u{301}Bo""#), "{err}");
    assert!(err.message().contains("combining mark U+0301"), "{err}");

    let p = tmp("marks.csv", "id,name,aliases\nv,\u{94d}Vana,Vana\n");
    let err = Gazetteer::from_path(&p).unwrap_err();
    assert!(err.message().contains("combining mark U+094D"), "{err}");

    let err = Gazetteer::from_records(vec![
        json!({"id": "x", "name": "X", "aliases": ["\u{308}X"]}),
    ])
    .unwrap_err();
    assert!(
        err.message().starts_with("record 1: entity \"x\": alias"),
        "{err}"
    );

    // A mark after the first character is part of the word and matches.
    let mut g = Gazetteer::new();
    g.add(Entity::new("z", "Zu\u{308}rich", "GPE")).unwrap();
    assert_eq!(g.find("in Zürich", &MatchOptions::default()).len(), 1);
}

#[test]
fn an_alias_with_a_combining_mark_after_a_space_is_an_error_naming_it() {
    // the mark belongs to no letter: folding drops it with the space, and a match of
    // the alias would stop short of it
    let p = tmp(
        "marks2.jsonl",
        "{\"id\": \"b\", \"name\": \"Bo Lind \u{305}\"}\n",
    );
    let err = Gazetteer::from_path(&p).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Gazetteer);
    assert_eq!(err.line(), Some(1));
    assert!(
        err.message()
            .contains("combining mark U+0305 after a space"),
        "{err}"
    );
    // a mark on a letter is fine anywhere
    let p = tmp(
        "marks3.jsonl",
        "{\"id\": \"b\", \"name\": \"Bo\u{305} Lind\u{301}\"}\n",
    );
    assert!(Gazetteer::from_path(&p).is_ok());
}
