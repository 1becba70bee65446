//! The convenience entry point: linking then quotes, as one call.

use crate::lexicon::Lexicons;
use crate::link::{link, EntityInfo, LinkOptions};
use crate::quotes::extract_quotes;
use crate::{Document, Mention};

/// Runs linking and quote extraction on one text, given the gazetteer matcher's
/// mentions (byte offsets), and returns the [`Document`].
///
/// ```
/// use namedrop::{run, Lexicons, LinkOptions, NoEntities};
/// let text = "U.S. Trade Representative Michael Froman spoke.\n\n“We concluded a year of work,” Froman said.";
/// let doc = run(text, vec![], &NoEntities, &Lexicons::default(), &LinkOptions::default());
/// assert_eq!(doc.quotes.len(), 1);
/// let sp = &doc.speakers[doc.quotes[0].speaker.unwrap() as usize];
/// assert_eq!(doc.clusters[sp.cluster.unwrap() as usize].name, "Michael Froman");
/// ```
pub fn run(
    text: &str,
    gazetteer_mentions: Vec<Mention>,
    info: &dyn EntityInfo,
    lex: &Lexicons,
    opts: &LinkOptions,
) -> Document {
    let mut linked = link(text, gazetteer_mentions, info, lex, opts);
    let (quotes, speakers) = extract_quotes(text, &mut linked, lex);
    Document {
        entities: linked.entities,
        speakers,
        quotes,
        clusters: linked.clusters,
    }
}
