//! A text longer than `ExtractOptions::window_bytes` is read in windows of paragraphs:
//! offsets, paragraphs, speakers and clusters of the merged document are those of the
//! whole text. On a text of self-contained stories (each names its people in full),
//! reading it in windows gives the document that reading it whole gives.

use std::sync::Arc;

use namedrop::gazetteer::{Entity, Gazetteer};
use namedrop::{Document, ExtractOptions, Extractor, QuoteKind};

fn gazetteer() -> Arc<Gazetteer> {
    let mut g = Gazetteer::new();
    g.add(Entity::new("dw", "Dana Whitfield", "PERSON").attribute("gender", "female"))
        .unwrap();
    g.add(Entity::new("ko", "Karl Otten", "PERSON").attribute("gender", "male"))
        .unwrap();
    g.add(Entity::new("lv", "Lisbon", "GPE")).unwrap();
    Arc::new(g)
}

/// Stories that name every speaker in full, so no link or pronoun reaches back into
/// an earlier story.
const STORIES: &[&str] = &[
    "Dana Whitfield opened the new tram line in Lisbon on Monday.\n\n\
     “We kept our promise,” Dana Whitfield said.\n\n\
     Karl Otten said the fares would rise next year.",
    "Karl Otten told reporters in Lisbon that the budget was short.\n\n\
     “It is a hard winter,” said Karl Otten.",
    "Secretary Mira Solberg visited the depot.\n\n\
     “The trains are late,” Mira Solberg said, adding that she would ask for a report.",
];

fn text() -> String {
    let mut parts = Vec::new();
    for i in 0..12 {
        parts.push(STORIES[i % STORIES.len()]);
    }
    parts.join("\n\n")
}

fn extract(text: &str, window_bytes: usize) -> Document {
    let opts = ExtractOptions {
        window_bytes,
        ..ExtractOptions::default()
    };
    Extractor::new(gazetteer(), opts).unwrap().extract(text)
}

#[test]
fn self_contained_stories_read_in_windows_give_the_whole_document() {
    let text = text();
    let whole = extract(&text, 1 << 20);
    assert!(whole.quotes.iter().any(|q| q.kind == QuoteKind::Indirect));
    for window in [200, 333, 1000] {
        let parts = extract(&text, window);
        assert_eq!(parts.entities, whole.entities, "window {window}");
        assert_eq!(parts.quotes, whole.quotes, "window {window}");
        assert_eq!(parts.speakers, whole.speakers, "window {window}");
        assert_eq!(parts.clusters, whole.clusters, "window {window}");
    }
}

#[test]
fn windows_merge_clusters_and_number_paragraphs_from_the_start() {
    let text = text();
    let doc = extract(&text, 200);
    for m in doc.entities.iter().chain(&doc.speakers) {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    for q in &doc.quotes {
        let para = text[..q.start]
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .count()
            - usize::from(!text[..q.start].ends_with('\n'));
        assert_eq!(q.paragraph as usize, para, "{:?}", &text[q.start..q.end]);
    }
    let named = |name: &str| doc.clusters.iter().filter(|c| c.name == name).count();
    // one cluster each across twelve stories: by entity, and by name for the
    // discovered Mira Solberg
    assert_eq!(named("Dana Whitfield"), 1);
    assert_eq!(named("Mira Solberg"), 1);
    let otten = doc
        .clusters
        .iter()
        .find(|c| c.name == "Karl Otten")
        .unwrap();
    let in_text = doc
        .entities
        .iter()
        .filter(|m| &text[m.start..m.end] == "Karl Otten")
        .count();
    assert_eq!(otten.mentions as usize, in_text);
}

#[test]
fn a_quote_is_cut_from_the_whole_text() {
    let text = text();
    let doc = extract(&text, 150);
    let q = doc
        .quotes
        .iter()
        .rfind(|q| q.kind == QuoteKind::Direct)
        .unwrap();
    assert_eq!(&text[q.start..q.end], "“The trains are late,”");
    let speaker = &doc.speakers[q.speaker.unwrap() as usize];
    assert_eq!(&text[speaker.start..speaker.end], "Mira Solberg");
    let (cs, ce) = q.cue.unwrap();
    assert_eq!(&text[cs..ce], "said");
}
