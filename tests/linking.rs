//! Fixture tests for each linking rule: short forms, discovered names and their guards,
//! ambiguous aliases, pronoun resolution and gender evidence.

mod common;

use common::{Entity, Table};
use namedrop::{run, Document, Lexicons, LinkOptions, MentionSource, NoEntities, QuoteKind};

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

/// Quote `q` among the quoted spans (reported speech left out: these tests are about
/// the speakers of quotes in marks; the reported items are checked where named).
fn quoted(d: &Document, q: usize) -> &namedrop::Quote {
    d.quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Indirect)
        .nth(q)
        .expect("a quoted span")
}

fn speaker<'a>(text: &'a str, d: &Document, q: usize) -> Option<&'a str> {
    quoted(d, q).speaker.map(|i| {
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
        let d = plain(text);
        let first = &d.entities[0];
        assert_eq!(&text[first.start..first.end], name, "{text}");
        assert_eq!(first.source, MentionSource::Discovered, "{text}");
        assert_eq!(first.entity, None);
        let c = &d.clusters[first.cluster.unwrap() as usize];
        assert_eq!(c.name, name);
        assert_eq!(&*c.label, "PERSON");
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
        &LinkOptions {
            discover: false,
            ..LinkOptions::default()
        },
    );
    assert!(d.entities.is_empty());
}

#[test]
fn title_and_surname_is_a_person() {
    // issue 14, cause 4: a capitalised title and one name word are a person, the
    // title part of the mention and the gender evidence
    let text = "Secretary Pratt met traders. Later Ms. Okafor said Pratt left.";
    let d = plain(text);
    let spans: Vec<(&str, MentionSource)> = d
        .entities
        .iter()
        .map(|m| (&text[m.start..m.end], m.source))
        .collect();
    assert_eq!(
        spans,
        [
            ("Secretary Pratt", MentionSource::Discovered),
            ("Ms. Okafor", MentionSource::Discovered),
            ("Pratt", MentionSource::Linked),
        ]
    );
    let okafor = &d.clusters[d.entities[1].cluster.unwrap() as usize];
    assert_eq!(okafor.gender_evidence.as_deref(), Some("title:Ms."));
    assert_eq!(d.entities[0].cluster, d.entities[2].cluster);
}

#[test]
fn discovery_guards() {
    for text in [
        // organisation words
        "Commerce Secretary Post Office officials met traders.",
        "The Senator Judiciary Committee met.",
        // months and days
        "Secretary Monday March arrived.",
        // sentence-initial function words never start a name
        "He met the President. The Treaty Organization disagreed.",
        // a single word after a lowercase title is no name; nor an acronym after one
        "the secretary Pratt met traders.",
        "Secretary NASA met traders.",
    ] {
        let d = plain(text);
        assert!(d.entities.is_empty(), "{text}: {:?}", d.entities);
    }
    // places already matched by the gazetteer
    assert_only_gazetteer("Governor Washington State officials met Governor Northland Smith.");
}

/// Every mention of `text` is a gazetteer match: nothing was discovered or linked.
fn assert_only_gazetteer(text: &str) {
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
    assert_eq!(&*d.entities[0].candidates, &[0, 1]);
    assert_eq!(d.entities[0].cluster, None);
}

#[test]
fn pronoun_picks_the_person_of_matching_gender() {
    let text = "Dana Whitfield and Karl Otten met on Monday. “The talks went well,” he said. “We will meet again,” she said.";
    let d = doc(text);
    assert_eq!(speaker(text, &d, 0), Some("he"));
    let he = &d.speakers[quoted(&d, 0).speaker.unwrap() as usize];
    assert_eq!(he.source, MentionSource::Pronoun);
    assert_eq!(he.entity, Some(4));
    // Otten's quote blocks everyone but Otten: "she" stays unresolved rather than guessed
    let she = &d.speakers[quoted(&d, 1).speaker.unwrap() as usize];
    assert_eq!(she.source, MentionSource::Pronoun);
    assert_eq!(she.cluster, None);
    let text = "Dana Whitfield and Karl Otten met on Monday. “We will meet again,” she said.";
    let d = doc(text);
    let she = &d.speakers[quoted(&d, 0).speaker.unwrap() as usize];
    assert_eq!(she.entity, Some(3));
    let c = &d.clusters[she.cluster.unwrap() as usize];
    assert_eq!(c.gender.map(namedrop::Gender::as_str), Some("female"));
    assert_eq!(c.gender_evidence.as_deref(), Some("gazetteer"));
    assert_eq!(c.quotes, 1);
}

#[test]
fn pronoun_right_after_another_speakers_quote_is_unresolved() {
    let text =
        "Karl Otten arrived late. “We are ready,” Dana Whitfield said. “It is done,” he said.";
    let d = doc(text);
    assert_eq!(speaker(text, &d, 1), Some("he"));
    let he = &d.speakers[quoted(&d, 1).speaker.unwrap() as usize];
    assert_eq!(he.cluster, None);
    // the same speaker continuing is fine
    let text =
        "Karl Otten arrived late. “We are ready,” Dana Whitfield said. “It is done,” she said.";
    let d = doc(text);
    let she = &d.speakers[quoted(&d, 1).speaker.unwrap() as usize];
    assert_eq!(she.entity, Some(3));
}

#[test]
fn gender_from_titles_and_role_nouns() {
    let text =
        "The agency's spokeswoman Jane Roe spoke first. “We are reviewing the footage,” she said.";
    let d = plain(text);
    let c = cluster_of(&d, text, "Jane Roe").unwrap();
    assert_eq!(c.gender.map(namedrop::Gender::as_str), Some("female"));
    assert_eq!(c.gender_evidence.as_deref(), Some("title:spokeswoman"));
    let she = &d.speakers[quoted(&d, 0).speaker.unwrap() as usize];
    assert_eq!(d.clusters[she.cluster.unwrap() as usize].name, "Jane Roe");
    assert_eq!(c.quotes, 1);

    let text = "Rep. John Doe spoke. Later Mr. Doe left. “I am done,” he said.";
    let d = plain(text);
    let c = cluster_of(&d, text, "Mr. Doe").unwrap();
    assert_eq!(c.name, "John Doe");
    assert_eq!(c.gender.map(namedrop::Gender::as_str), Some("male"));
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
    let sp = &d.speakers[quoted(&d, 0).speaker.unwrap() as usize];
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
    let sp = &d.speakers[quoted(&d, 0).speaker.unwrap() as usize];
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
    assert_eq!(quoted(&d, 0).kind, namedrop::QuoteKind::Other);
    let lex = Lexicons::with_extra_cues(&["harrumphs"]);
    let d = run(text, vec![], &NoEntities, &lex, &LinkOptions::default());
    assert_eq!(quoted(&d, 0).kind, namedrop::QuoteKind::Direct);
    assert_eq!(speaker(text, &d, 0), Some("Lind"));
}

#[test]
fn relative_who_speaker_resolves_to_its_antecedent() {
    let text = "The union backed Dana Whitfield, who said the bridge was “unsafe.”";
    let d = doc(text);
    assert_eq!(speaker(text, &d, 0), Some("who"));
    let who = &d.speakers[quoted(&d, 0).speaker.unwrap() as usize];
    assert_eq!(who.source, MentionSource::Pronoun);
    assert_eq!(who.entity, Some(3));
}

fn plain(text: &str) -> Document {
    run(
        text,
        vec![],
        &NoEntities,
        &Lexicons::default(),
        &LinkOptions::default(),
    )
}

fn resolved(d: &Document, q: usize) -> Option<&str> {
    let sp = &d.speakers[quoted(d, q).speaker.unwrap() as usize];
    sp.cluster.map(|c| d.clusters[c as usize].name.as_str())
}

#[test]
fn subject_of_a_speech_cue_is_discovered() {
    // problem: "she" jumped over an undiscovered name to the older, titled person
    let text = "Minister Karl Ottensen spoke first. Claire Dumont said Ottawa was ready. “Our inspectors are trained,” she said.";
    let d = plain(text);
    let c = cluster_of(&d, text, "Claire Dumont").expect("discovered");
    assert_eq!(&*c.label, "PERSON");
    assert_eq!(resolved(&d, 0), Some("Claire Dumont"));
    // the pronoun is gender evidence for a person without any
    let c = cluster_of(&d, text, "Claire Dumont").unwrap();
    assert_eq!(c.gender.map(namedrop::Gender::as_str), Some("female"));
    assert_eq!(c.gender_evidence.as_deref(), Some("pronoun:she"));
    // with an appositive between the name and the cue, and an adverb
    for text in [
        "Claire Dumont, who runs the port, told reporters the gates were open.",
        "Claire Dumont later said the gates were open.",
        "Claire Dumont (D-Maine) said the gates were open.",
    ] {
        let d = plain(text);
        let m = &d.entities[0];
        assert_eq!(&text[m.start..m.end], "Claire Dumont", "{text}");
        assert_eq!(m.source, MentionSource::Discovered, "{text}");
    }
}

#[test]
fn organisations_are_not_discovered_as_cue_subjects() {
    for text in [
        // an organisation word in the name (orgwords.txt)
        "Northlink Rail said the line would reopen.",
        "Bluefin Airlines said the flights would resume.",
        // after "the"
        "The union and the Harbor Crane said the gates were open.",
        // a word the document also uses in lowercase is a common noun
        "Acme Freight said the freight trains would run again.",
        // a place preposition
        "Protests in New Carlisle said nothing.",
    ] {
        let d = plain(text);
        assert!(d.entities.is_empty(), "{text}: {:?}", d.entities);
    }
    // a gazetteer place or organisation wins
    assert_only_gazetteer("Washington State said the roads were open.");
}

#[test]
fn pronoun_is_not_resolved_across_an_unidentified_name() {
    // "Rose Green" is not discovered ("green" is a common word here), but it may be a
    // person: the pronoun stays unresolved rather than jumping to Ottensen
    let text = "Minister Karl Ottensen spoke first. Rose Green said the green lanes were ready. “Our inspectors are trained,” he said.";
    let d = plain(text);
    assert!(cluster_of(&d, text, "Rose Green").is_none());
    assert_eq!(speaker(text, &d, 0), Some("he"));
    assert_eq!(resolved(&d, 0), None);
    // without the name in between it resolves
    let text = "Minister Karl Ottensen spoke first. Mr. Ottensen said the lanes were ready. “Our inspectors are trained,” he said.";
    let d = plain(text);
    assert_eq!(resolved(&d, 0), Some("Karl Ottensen"));
}

#[test]
fn appositive_role_noun_gives_discovery_and_gender() {
    let text = "Claire Dumont, a spokeswoman, said Ottawa was ready. “Our inspectors are trained,” she said.";
    let d = plain(text);
    let c = cluster_of(&d, text, "Claire Dumont").expect("discovered");
    assert_eq!(&*c.label, "PERSON");
    assert_eq!(c.gender.map(namedrop::Gender::as_str), Some("female"));
    assert_eq!(c.gender_evidence.as_deref(), Some("appositive:spokeswoman"));
    assert_eq!(resolved(&d, 0), Some("Claire Dumont"));
    for (text, name, gender) in [
        (
            "Maria Lanza, the chairwoman of the port board, opened the session.",
            "Maria Lanza",
            Some("female"),
        ),
        (
            "Tom Reller, a congressman from Ohio, voted against it.",
            "Tom Reller",
            Some("male"),
        ),
        (
            "Tom Reller, the agency’s director, voted against it.",
            "Tom Reller",
            None,
        ),
    ] {
        let d = plain(text);
        let c = cluster_of(&d, text, name).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(c.gender.map(namedrop::Gender::as_str), gender, "{text}");
    }
    // a clause is not an appositive; a non-person head noun is not a person appositive
    for text in [
        "At Camp Hollow, the president said the talks were over.",
        "Claire Dumont, the operator of the line, spoke.",
    ] {
        let d = plain(text);
        assert!(d.entities.is_empty(), "{text}: {:?}", d.entities);
    }
}

#[test]
fn honorific_surname_gives_gender_to_a_discovered_person() {
    let text =
        "Transport Minister Claire Dumont arrived. Mrs. Dumont waved. “We are ready,” she said.";
    let d = plain(text);
    let c = cluster_of(&d, text, "Mrs. Dumont").unwrap();
    assert_eq!(c.name, "Claire Dumont");
    assert_eq!(c.gender.map(namedrop::Gender::as_str), Some("female"));
    assert_eq!(c.gender_evidence.as_deref(), Some("title:Mrs."));
    assert_eq!(resolved(&d, 0), Some("Claire Dumont"));
}

#[test]
fn salient_speaker_in_the_paragraph_wins_over_an_earlier_quote() {
    let text = "“We have asked for this for years,” said Luis Ferraz, a consultant.\n\nOrtiga said the first inspections would begin soon. “We will start small,” she said.";
    // Ortiga is a surname linked to a person named in full before
    let text = format!("Transport Secretary Marta Ortiga spoke first.\n\n{text}");
    let d = plain(&text);
    assert_eq!(resolved(&d, 1), Some("Marta Ortiga"));
}

#[test]
fn partial_quote_speaker_after_an_object_phrase() {
    let text = "The two countries agreed on Tuesday, a step officials in both countries called “overdue” after a year of delays.";
    let d = plain(text);
    assert_eq!(speaker(text, &d, 0), Some("officials in both countries"));
    let text = "The council passed the rule, a move Mr. Reller called “reckless.”";
    let d = plain(text);
    assert_eq!(speaker(text, &d, 0), Some("Mr. Reller"));
    let text = "The council rejected a plan she described as “unworkable.”";
    let d = plain(text);
    assert_eq!(speaker(text, &d, 0), Some("she"));
}

// A pronoun speaker with no person of its gender in reach goes to the salient person
// of unknown gender: the one of its paragraph or of the paragraph before, with nobody
// between (the seed article's "Pritzker insisted … ¶ “…,” she said.").

/// The name of the cluster of quote `i`'s speaker, if resolved.
fn speaker_cluster(d: &Document, i: usize) -> Option<String> {
    let sp = &d.speakers[quoted(d, i).speaker? as usize];
    Some(d.clusters[sp.cluster? as usize].name.clone())
}

#[test]
fn the_person_of_the_paragraph_before_is_in_reach() {
    // Reyes is a second candidate of unknown gender, but Marsh is the person of the
    // paragraph right before the quote (and Karl Otten is male)
    let text = "Karl Otten and Deputy Minister Sam Reyes met Commerce Secretary Lena Marsh.\n\
                Marsh insisted that talks were the better route.\n\
                “A steady partnership is worth more than a quick deal,” she said.";
    let d = doc(text);
    // the reported speech of the second line, and the quote
    let kinds: Vec<QuoteKind> = d.quotes.iter().map(|q| q.kind).collect();
    assert_eq!(kinds, [QuoteKind::Indirect, QuoteKind::Direct]);
    let reported = &d.speakers[d.quotes[0].speaker.unwrap() as usize];
    assert_eq!(&text[reported.start..reported.end], "Marsh");
    assert_eq!(speaker_cluster(&d, 0).as_deref(), Some("Lena Marsh"));
}

#[test]
fn a_whole_paragraph_between_puts_the_person_out_of_reach() {
    // Marsh and Reyes (both of unknown gender) are candidates; Marsh's paragraph is
    // two paragraphs back, so "she" stays unresolved rather than guessed
    let text = "Commerce Secretary Lena Marsh met Deputy Minister Sam Reyes.\n\
                Marsh insisted that talks were the better route.\n\
                The two sides met again on Friday.\n\
                “A steady partnership is worth more than a quick deal,” she said.";
    let d = doc(text);
    assert_eq!(
        d.quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .count(),
        1
    );
    assert_eq!(speaker_cluster(&d, 0), None);
}
