//! Fixture tests for each linking rule: short forms, discovered names and their guards,
//! ambiguous aliases, pronoun resolution and gender evidence.

mod common;

use common::{Entity, Table};
use namedrop::{run, Document, Lexicons, LinkOptions, MentionSource, NoEntities};

fn table() -> Table {
    Table(vec![
        Entity {
            name: "George Washington",
            label: "PERSON",
            gender: Some("male"),
            aliases: &["George Washington", "Washington"],
        },
        Entity {
            name: "Washington",
            label: "GPE",
            gender: None,
            aliases: &["Washington", "Washington State"],
        },
        Entity {
            name: "Barack Obama",
            label: "PERSON",
            gender: Some("male"),
            aliases: &["Barack Obama"],
        },
        Entity {
            name: "Dana Whitfield",
            label: "PERSON",
            gender: Some("female"),
            aliases: &["Dana Whitfield"],
        },
        Entity {
            name: "Karl Otten",
            label: "PERSON",
            gender: Some("male"),
            aliases: &["Karl Otten"],
        },
        Entity {
            name: "Northland",
            label: "GPE",
            gender: None,
            aliases: &["Northland"],
        },
    ])
}

fn doc(text: &str) -> Document {
    let t = table();
    run(
        text,
        t.find(text),
        &t,
        &Lexicons::default(),
        &LinkOptions::default(),
    )
}

fn mentions<'a>(text: &'a str, d: &Document) -> Vec<(&'a str, Option<u32>, MentionSource)> {
    d.entities
        .iter()
        .map(|m| (&text[m.start..m.end], m.entity, m.source))
        .collect()
}

fn cluster_of<'a>(d: &'a Document, text: &str, mention: &str) -> Option<&'a namedrop::Cluster> {
    d.entities
        .iter()
        .rfind(|m| &text[m.start..m.end] == mention)
        .and_then(|m| m.cluster)
        .map(|c| &d.clusters[c as usize])
}

fn speaker<'a>(text: &'a str, d: &Document, q: usize) -> Option<&'a str> {
    d.quotes[q].speaker.map(|i| {
        let m = &d.speakers[i as usize];
        &text[m.start..m.end]
    })
}

#[test]
fn surname_after_full_name_links() {
    let text = "Dana Whitfield opened the bridge on Monday. Whitfield said it was safe.";
    let d = doc(text);
    assert_eq!(
        mentions(text, &d),
        vec![
            ("Dana Whitfield", Some(3), MentionSource::Gazetteer),
            ("Whitfield", Some(3), MentionSource::Linked)
        ]
    );
    assert_eq!(d.clusters[0].mentions, 2);
}

#[test]
fn surname_before_full_name_is_not_linked() {
    let text = "Whitfield arrived first. Later, Dana Whitfield opened the bridge.";
    let d = doc(text);
    assert_eq!(
        mentions(text, &d),
        vec![("Dana Whitfield", Some(3), MentionSource::Gazetteer)]
    );
}

#[test]
fn title_and_honorific_plus_surname_link() {
    let text = "Barack Obama spoke in Northland. President Obama then left, and Mr. Obama waved.";
    let d = doc(text);
    let m = mentions(text, &d);
    assert!(
        m.contains(&("President Obama", Some(2), MentionSource::Linked)),
        "{m:?}"
    );
    assert!(
        m.contains(&("Mr. Obama", Some(2), MentionSource::Linked)),
        "{m:?}"
    );
}

#[test]
fn discovered_from_each_cue_type() {
    let lex = Lexicons::default();
    for (text, name) in [
        (
            "Commerce Secretary Penny Pratt met traders. Pratt smiled.",
            "Penny Pratt",
        ),
        (
            "U.S. Trade Representative Michael Frome met traders. Frome smiled.",
            "Michael Frome",
        ),
        (
            "Chinese President Xu Jinlong met traders. Xu Jinlong smiled.",
            "Xu Jinlong",
        ),
        (
            "The city's spokeswoman Jane Roe met traders. Roe smiled.",
            "Jane Roe",
        ),
        ("Rep. John Doe met traders. Doe smiled.", "John Doe"),
        (
            "“We expect the bridge to reopen by March,” Dana Whitfield said. Whitfield smiled.",
            "Dana Whitfield",
        ),
        (
            "“The figures do not add up,” said Priya Raman. Raman smiled.",
            "Priya Raman",
        ),
    ] {
        let d = run(text, vec![], &NoEntities, &lex, &LinkOptions::default());
        let first = &d.entities[0];
        assert_eq!(&text[first.start..first.end], name, "{text}");
        assert_eq!(first.source, MentionSource::Discovered, "{text}");
        assert_eq!(first.entity, None);
        let c = &d.clusters[first.cluster.unwrap() as usize];
        assert_eq!(c.name, name);
        assert_eq!(c.label, "PERSON");
        // the later surname (or full name) links to the same cluster
        let last = d.entities.last().unwrap();
        assert_eq!(last.source, MentionSource::Linked, "{text}");
        assert_eq!(last.cluster, first.cluster, "{text}");
    }
}

#[test]
fn discovery_can_be_turned_off() {
    let text = "Commerce Secretary Penny Pratt met traders. Pratt smiled.";
    let d = run(
        text,
        vec![],
        &NoEntities,
        &Lexicons::default(),
        &LinkOptions { discover: false },
    );
    assert!(d.entities.is_empty());
}

#[test]
fn discovery_guards() {
    let lex = Lexicons::default();
    for text in [
        // organisation words
        "Commerce Secretary Post Office officials met traders.",
        "The Senator Judiciary Committee met.",
        // months and days
        "Secretary Monday March arrived.",
        // sentence-initial function words never start a name
        "He met the President. The Treaty Organization disagreed.",
        // a single word after a title is not a discovered name
        "Secretary Pratt met traders.",
    ] {
        let d = run(text, vec![], &NoEntities, &lex, &LinkOptions::default());
        assert!(d.entities.is_empty(), "{text}: {:?}", d.entities);
    }
    // places already matched by the gazetteer
    let text = "Governor Washington State officials met Governor Northland Smith.";
    let d = doc(text);
    assert!(
        d.entities
            .iter()
            .all(|m| m.source == MentionSource::Gazetteer),
        "{:?}",
        mentions(text, &d)
    );
}

#[test]
fn ambiguous_alias_with_and_without_earlier_candidate() {
    let text = "George Washington crossed the river. Washington never returned.";
    let d = doc(text);
    let m = mentions(text, &d);
    assert_eq!(m[1], ("Washington", Some(0), MentionSource::Gazetteer));
    let text = "Washington never returned.";
    let d = doc(text);
    assert_eq!(d.entities[0].entity, None);
    assert_eq!(d.entities[0].candidates, vec![0, 1]);
    assert_eq!(d.entities[0].cluster, None);
}

#[test]
fn pronoun_picks_the_person_of_matching_gender() {
    let text = "Dana Whitfield and Karl Otten met on Monday. “The talks went well,” he said. “We will meet again,” she said.";
    let d = doc(text);
    assert_eq!(speaker(text, &d, 0), Some("he"));
    let he = &d.speakers[d.quotes[0].speaker.unwrap() as usize];
    assert_eq!(he.source, MentionSource::Pronoun);
    assert_eq!(he.entity, Some(4));
    // Otten's quote blocks everyone but Otten: "she" stays unresolved rather than guessed
    let she = &d.speakers[d.quotes[1].speaker.unwrap() as usize];
    assert_eq!(she.source, MentionSource::Pronoun);
    assert_eq!(she.cluster, None);
    let text = "Dana Whitfield and Karl Otten met on Monday. “We will meet again,” she said.";
    let d = doc(text);
    let she = &d.speakers[d.quotes[0].speaker.unwrap() as usize];
    assert_eq!(she.entity, Some(3));
    let c = &d.clusters[she.cluster.unwrap() as usize];
    assert_eq!(c.gender.as_deref(), Some("female"));
    assert_eq!(c.gender_evidence.as_deref(), Some("gazetteer"));
    assert_eq!(c.quotes, 1);
}

#[test]
fn pronoun_right_after_another_speakers_quote_is_unresolved() {
    let text =
        "Karl Otten arrived late. “We are ready,” Dana Whitfield said. “It is done,” he said.";
    let d = doc(text);
    assert_eq!(speaker(text, &d, 1), Some("he"));
    let he = &d.speakers[d.quotes[1].speaker.unwrap() as usize];
    assert_eq!(he.cluster, None);
    // the same speaker continuing is fine
    let text =
        "Karl Otten arrived late. “We are ready,” Dana Whitfield said. “It is done,” she said.";
    let d = doc(text);
    let she = &d.speakers[d.quotes[1].speaker.unwrap() as usize];
    assert_eq!(she.entity, Some(3));
}

#[test]
fn gender_from_titles_and_role_nouns() {
    let lex = Lexicons::default();
    let text =
        "The agency's spokeswoman Jane Roe spoke first. “We are reviewing the footage,” she said.";
    let d = run(text, vec![], &NoEntities, &lex, &LinkOptions::default());
    let c = cluster_of(&d, text, "Jane Roe").unwrap();
    assert_eq!(c.gender.as_deref(), Some("female"));
    assert_eq!(c.gender_evidence.as_deref(), Some("title:spokeswoman"));
    let she = &d.speakers[d.quotes[0].speaker.unwrap() as usize];
    assert_eq!(d.clusters[she.cluster.unwrap() as usize].name, "Jane Roe");
    assert_eq!(c.quotes, 1);

    let text = "Rep. John Doe spoke. Later Mr. Doe left. “I am done,” he said.";
    let d = run(text, vec![], &NoEntities, &lex, &LinkOptions::default());
    let c = cluster_of(&d, text, "Mr. Doe").unwrap();
    assert_eq!(c.name, "John Doe");
    assert_eq!(c.gender.as_deref(), Some("male"));
    assert_eq!(c.gender_evidence.as_deref(), Some("title:Mr."));
}

#[test]
fn speaker_mentions_link_to_clusters() {
    let text =
        "Finance Minister Karl Ottensen met bankers. “The budget is balanced,” Ottensen said.";
    let d = run(
        text,
        vec![],
        &NoEntities,
        &Lexicons::default(),
        &LinkOptions::default(),
    );
    let sp = &d.speakers[d.quotes[0].speaker.unwrap() as usize];
    assert_eq!(&text[sp.start..sp.end], "Ottensen");
    assert_eq!(sp.source, MentionSource::Linked);
    assert_eq!(
        d.clusters[sp.cluster.unwrap() as usize].name,
        "Karl Ottensen"
    );
    assert_eq!(d.clusters[sp.cluster.unwrap() as usize].quotes, 1);
    // a nominal speaker keeps its text, no entity
    let text = "“We are reviewing the footage,” a police spokeswoman said.";
    let d = run(
        text,
        vec![],
        &NoEntities,
        &Lexicons::default(),
        &LinkOptions::default(),
    );
    let sp = &d.speakers[d.quotes[0].speaker.unwrap() as usize];
    assert_eq!(sp.source, MentionSource::Nominal);
    assert_eq!(sp.entity, None);
}

#[test]
fn user_cues_extend_the_lexicon() {
    let text = "“The plan is dead,” Lind harrumphs.";
    let d = run(
        text,
        vec![],
        &NoEntities,
        &Lexicons::default(),
        &LinkOptions::default(),
    );
    assert_eq!(d.quotes[0].kind, namedrop::QuoteKind::Other);
    let lex = Lexicons::with_extra_cues(&["harrumphs"]);
    let d = run(text, vec![], &NoEntities, &lex, &LinkOptions::default());
    assert_eq!(d.quotes[0].kind, namedrop::QuoteKind::Direct);
    assert_eq!(speaker(text, &d, 0), Some("Lind"));
}

#[test]
fn relative_who_speaker_resolves_to_its_antecedent() {
    let text = "The union backed Dana Whitfield, who said the bridge was “unsafe.”";
    let d = doc(text);
    assert_eq!(speaker(text, &d, 0), Some("who"));
    let who = &d.speakers[d.quotes[0].speaker.unwrap() as usize];
    assert_eq!(who.source, MentionSource::Pronoun);
    assert_eq!(who.entity, Some(3));
}
