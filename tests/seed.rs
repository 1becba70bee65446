//! The seed article (../shared/seed, when present): with a tiny gazetteer for China,
//! the United States and Barack Obama, Michael Froman and Penny Pritzker are discovered
//! as people, later surname mentions link to them, and "Xi Jinping" is found.

mod common;

use std::io::Write;

use common::{Entity, Table};
use namedrop::{run, Lexicons, LinkOptions, MentionSource};

fn seed_text() -> Option<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // ../shared next to the project; a git worktree may sit one level deeper
    let dir = ["../shared/seed", "../../shared/seed"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.exists())?;
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "txt"))?;
    std::fs::read_to_string(entry.path()).ok()
}

#[test]
fn seed_article_people() {
    let Some(text) = seed_text() else {
        // Written to the process's stderr, not through `eprintln!` (which the test
        // harness captures and shows only for failures), so a CI log shows the skip.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: seed_article_people: ../shared/seed is not present (the seed article \
             is not part of the project)"
        );
        return;
    };
    let t = Table(vec![
        Entity {
            name: "China",
            label: "GPE",
            gender: None,
            aliases: &["China"],
        },
        Entity {
            name: "United States",
            label: "GPE",
            gender: None,
            aliases: &["United States", "U.S."],
        },
        Entity {
            name: "Barack Obama",
            label: "PERSON",
            gender: Some("male"),
            aliases: &["Barack Obama", "Obama"],
        },
    ]);
    let d = run(
        &text,
        t.find(&text),
        &t,
        &Lexicons::default(),
        &LinkOptions::default(),
    );
    let cluster = |name: &str| {
        d.clusters
            .iter()
            .position(|c| c.name == name)
            .map(|i| i as u32)
    };
    for name in ["Penny Pritzker", "Michael Froman"] {
        let c = cluster(name).unwrap_or_else(|| panic!("{name} not discovered"));
        assert_eq!(d.clusters[c as usize].entity, None);
        assert_eq!(&*d.clusters[c as usize].label, "PERSON");
        let ms: Vec<_> = d.entities.iter().filter(|m| m.cluster == Some(c)).collect();
        assert_eq!(ms[0].source, MentionSource::Discovered, "{name}");
        let surname = name.split(' ').next_back().unwrap();
        assert!(
            ms.iter()
                .any(|m| m.source == MentionSource::Linked && &text[m.start..m.end] == surname),
            "{name}: no linked surname mention"
        );
    }
    assert!(d
        .entities
        .iter()
        .any(|m| &text[m.start..m.end] == "Xi Jinping" && m.source == MentionSource::Discovered));
    // Froman's two quotes are attributed to him
    let froman = cluster("Michael Froman").unwrap();
    assert!(d.clusters[froman as usize].quotes >= 2);
    // the quotes after "she said" are Pritzker's: the person of the paragraph before,
    // and no other person of compatible gender in reach (Xi Jinping is male)
    let pritzker = cluster("Penny Pritzker").unwrap();
    let she: Vec<_> = d
        .quotes
        .iter()
        .filter(|q| q.cue.is_some_and(|(s, e)| &text[s..e] == "said"))
        .filter(|q| {
            let m = &d.speakers[q.speaker.expect("every quote after a cue has a speaker") as usize];
            &text[m.start..m.end] == "she"
        })
        .collect();
    assert!(!she.is_empty(), "no quote attributed to \"she\"");
    for q in she {
        let m = &d.speakers[q.speaker.unwrap() as usize];
        assert_eq!(m.cluster, Some(pritzker), "{}", &text[q.start..q.end]);
    }
}
