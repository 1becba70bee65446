//! Whatever the options, a document is consistent with itself: every cluster counts
//! exactly the mentions in `entities` that point at it and the quotes whose speaker
//! belongs to it, every index points at something that exists, and a stage that is
//! off leaves no trace (no linked or discovered mention without linking, no quote
//! without the quote stage). Also the regressions of issue 11 in the speaker stage.

use std::sync::Arc;

use namedrop::gazetteer::{Entity, Gazetteer};
use namedrop::{
    CaseMode, Document, ExtractOptions, Extractor, MatchOptions, MentionSource, QuoteKind,
};
use proptest::prelude::*;

fn gazetteer() -> Arc<Gazetteer> {
    let mut g = Gazetteer::new();
    let people = [
        ("dw", "Dana Whitfield", "female"),
        ("ko", "Karl Otten", "male"),
        ("gw", "George Washington", "male"),
    ];
    for (id, name, gender) in people {
        g.add(Entity::new(id, name, "PERSON").attribute("gender", gender))
            .unwrap();
    }
    g.add(Entity::new("wa", "Washington", "GPE")).unwrap();
    g.add(Entity::new("nr", "Northlink Rail", "ORG").alias("Northlink"))
        .unwrap();
    // an alias two entities share: ambiguous until linking picks one
    g.add(Entity::new("gw2", "Washington", "PERSON")).unwrap();
    Arc::new(g)
}

const PIECES: &[&str] = &[
    "Dana Whitfield",
    "Karl Otten",
    "Whitfield",
    "Otten",
    "Washington",
    "George Washington",
    "Northlink",
    "Secretary",
    "Sen.",
    "Ms.",
    "Claire Dubois",
    "Dubois",
    " said",
    " told",
    " she",
    " he",
    "She",
    "He",
    "“",
    "”",
    "\"",
    ",",
    ".",
    ":",
    " ",
    " ",
    "\n\n",
    "a spokesman",
    "according to",
    "officials",
    " the ",
    "Yes",
    "We will",
    " Bob Jones ",
    "who",
    "added",
    // reported speech: content without marks after a cue, and before one
    " that the line would reopen",
    "The plan is dead, ",
    " warned the fares would rise",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn check_consistent(text: &str, doc: &Document, opts: &ExtractOptions) -> Result<(), String> {
    for (i, c) in doc.clusters.iter().enumerate() {
        let mentions = doc
            .entities
            .iter()
            .filter(|m| m.cluster == Some(i as u32))
            .count();
        if mentions as u32 != c.mentions {
            return Err(format!(
                "cluster {i} {:?} counts {} mentions, has {mentions}",
                c.name, c.mentions
            ));
        }
        // the cluster's quotes, and its reported ones
        let of_cluster: Vec<QuoteKind> = doc
            .quotes
            .iter()
            .filter(|q| q.speaker.and_then(|s| doc.speakers[s as usize].cluster) == Some(i as u32))
            .map(|q| q.kind)
            .collect();
        let indirect = of_cluster
            .iter()
            .filter(|&&k| k == QuoteKind::Indirect)
            .count();
        if (of_cluster.len() as u32, indirect as u32) != (c.quotes, c.indirect_quotes) {
            return Err(format!(
                "cluster {i} counts {} quotes ({} indirect), has {} ({indirect})",
                c.quotes,
                c.indirect_quotes,
                of_cluster.len()
            ));
        }
    }
    if doc.quotes.windows(2).any(|w| w[0].start > w[1].start) {
        return Err("quotes are not in text order".into());
    }
    let has_indirect = doc.quotes.iter().any(|q| q.kind == QuoteKind::Indirect);
    if !(opts.indirect && opts.quotes) && has_indirect {
        return Err("indirect=false but the document has reported speech".into());
    }
    for m in doc.entities.iter().chain(&doc.speakers) {
        if m.cluster.is_some_and(|c| c as usize >= doc.clusters.len()) {
            return Err(format!("mention {m:?} points at a missing cluster"));
        }
        if !(m.start <= m.end && text.is_char_boundary(m.start) && text.is_char_boundary(m.end)) {
            return Err(format!("mention {m:?} is not a span of the text"));
        }
    }
    for q in &doc.quotes {
        if q.speaker.is_some_and(|s| s as usize >= doc.speakers.len()) {
            return Err(format!("quote {q:?} points at a missing speaker"));
        }
    }
    if !opts.link {
        let linked = |m: &namedrop::Mention| {
            matches!(m.source, MentionSource::Linked | MentionSource::Discovered)
        };
        if let Some(m) = doc.entities.iter().chain(&doc.speakers).find(|m| linked(m)) {
            return Err(format!("link=false but {m:?} came from linking"));
        }
    }
    let quoteless = doc.quotes.is_empty() && doc.speakers.is_empty();
    if !opts.quotes && !quoteless {
        return Err("quotes=false but the document has quotes".into());
    }
    Ok(())
}

fn every_option_set() -> Vec<ExtractOptions> {
    let mut out = Vec::new();
    for bits in 0..32u8 {
        for case in [CaseMode::Smart, CaseMode::Insensitive] {
            out.push(ExtractOptions {
                matching: MatchOptions {
                    case,
                    overlapping: bits & 8 != 0,
                    fold_diacritics: true,
                },
                link: bits & 1 != 0,
                discover: bits & 2 != 0,
                quotes: bits & 4 != 0,
                indirect: bits & 16 != 0,
                extra_cues: Vec::new(),
                window_bytes: namedrop::DEFAULT_WINDOW_BYTES,
            });
        }
    }
    // the smart-case sets again, read in windows of ~24 bytes (several per text),
    // whose documents are merged
    let windowed: Vec<ExtractOptions> = out
        .iter()
        .filter(|o| o.matching.case == CaseMode::Smart)
        .map(|o| ExtractOptions {
            window_bytes: 24,
            ..o.clone()
        })
        .collect();
    out.extend(windowed);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn documents_are_consistent_under_every_option_set(text in text_strategy()) {
        let g = gazetteer();
        for opts in every_option_set() {
            let ex = Extractor::new(Arc::clone(&g), opts.clone()).unwrap();
            let doc = ex.extract(&text);
            if let Err(e) = check_consistent(&text, &doc, &opts) {
                return Err(TestCaseError::fail(format!("{e}\noptions {opts:?}\ntext {text:?}")));
            }
        }
    }
}

#[test]
fn reported_speech_counts_in_clusters_and_goes_with_its_option() {
    let text = "Dana Whitfield said the line would reopen in March. \
                “We are ready,” Whitfield said.";
    let on = Extractor::new(gazetteer(), ExtractOptions::default()).unwrap();
    let doc = on.extract(text);
    let kinds: Vec<QuoteKind> = doc.quotes.iter().map(|q| q.kind).collect();
    assert_eq!(kinds, [QuoteKind::Indirect, QuoteKind::Direct]);
    let q = &doc.quotes[0];
    assert_eq!(&text[q.start..q.end], "the line would reopen in March");
    assert_eq!(doc.clusters[0].name, "Dana Whitfield");
    assert_eq!(
        (doc.clusters[0].quotes, doc.clusters[0].indirect_quotes),
        (2, 1)
    );
    check_consistent(text, &doc, on.options()).unwrap();
    let opts = ExtractOptions {
        indirect: false,
        ..ExtractOptions::default()
    };
    let off = Extractor::new(gazetteer(), opts).unwrap().extract(text);
    assert_eq!(off.quotes.len(), 1);
    let speaker =
        |d: &Document, i: usize| d.quotes[i].speaker.map(|s| d.speakers[s as usize].clone());
    assert_eq!(
        (off.quotes[0].start, off.quotes[0].rule),
        (doc.quotes[1].start, doc.quotes[1].rule)
    );
    assert_eq!(speaker(&off, 0), speaker(&doc, 1));
    assert_eq!(
        doc.speakers.len(),
        2,
        "speakers in the order of their quotes"
    );
    assert_eq!(
        (off.clusters[0].quotes, off.clusters[0].indirect_quotes),
        (1, 0)
    );
}

#[test]
fn link_off_keeps_only_the_matchers_mentions_and_consistent_clusters() {
    let text = "Dana Whitfield spoke. Whitfield left. “We will,” Claire Dubois said.";
    let opts = ExtractOptions {
        link: false,
        ..ExtractOptions::default()
    };
    let doc = Extractor::new(gazetteer(), opts.clone())
        .unwrap()
        .extract(text);
    let found: Vec<&str> = doc.entities.iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(found, ["Dana Whitfield"]);
    assert_eq!(doc.clusters.len(), 1);
    assert_eq!(doc.clusters[0].mentions, 1);
    check_consistent(text, &doc, &opts).unwrap();
    // the quote is still there; its speaker is the phrase, not a discovered person
    let sp = &doc.speakers[doc.quotes[0].speaker.unwrap() as usize];
    assert_eq!(
        (&text[sp.start..sp.end], sp.source),
        ("Claire Dubois", MentionSource::Nominal)
    );
}

#[test]
fn a_gazetteer_name_over_a_pronoun_is_no_antecedent_and_does_not_panic() {
    // Issue 11: the alias "to She added" contains the pronoun "She".
    let mut g = Gazetteer::new();
    g.add(Entity::new("a", "to She added", "PERSON")).unwrap();
    g.add(Entity::new("b", "Ana Ruiz", "PERSON")).unwrap();
    let ex = Extractor::new(Arc::new(g), ExtractOptions::default()).unwrap();
    for text in [
        "Ana Ruiz, to She added “",
        "Ana Ruiz, to She added “Yes,” she said.",
    ] {
        let doc = ex.extract(text);
        check_consistent(text, &doc, ex.options()).unwrap();
    }
    let docs = ex.extract_batch(&[Some("Ana Ruiz, to She added “"), Some("x")], Some(2));
    assert_eq!(docs.unwrap().len(), 2);
}

#[test]
fn pronouns_after_quoted_names_resolve_to_the_person_outside_the_quotes() {
    // Names inside quotes (Bob Jones) are no referents and do not block resolution;
    // the same text repeated is the doubling benchmark's pronoun family.
    let text = String::from("Secretary Dana Whitfield spoke. ")
        + &"“Yes, Bob Jones is right,” she said. ".repeat(300);
    let doc = Extractor::new(gazetteer(), ExtractOptions::default())
        .unwrap()
        .extract(&text);
    assert_eq!(doc.quotes.len(), 300);
    for q in &doc.quotes {
        let sp = &doc.speakers[q.speaker.expect("every quote has a speaker") as usize];
        assert_eq!(&text[sp.start..sp.end], "she");
        let c = &doc.clusters[sp.cluster.expect("she is resolved") as usize];
        assert_eq!(c.name, "Dana Whitfield");
    }
}

#[test]
fn mentions_of_an_alias_many_entities_share_one_candidate_list() {
    let mut g = Gazetteer::new();
    for i in 0..20_000 {
        g.add(Entity::new(format!("js{i}"), "John Smith", "PERSON"))
            .unwrap();
    }
    let ex = Extractor::new(Arc::new(g), ExtractOptions::default()).unwrap();
    let text = "John Smith met John Smith. ".repeat(50);
    let doc = ex.extract(&text);
    assert_eq!(doc.entities.len(), 100);
    let first = &*doc.entities[0].candidates;
    assert_eq!(first.len(), 20_000);
    for m in &doc.entities {
        assert_eq!(m.entity, None, "ambiguous: no entity chosen");
        assert!(
            std::ptr::eq(&*m.candidates, first),
            "candidates are shared, not copied"
        );
    }
}
