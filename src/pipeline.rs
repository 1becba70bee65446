//! Composes the stages: tokens → attribution → linking → reported speech → speakers
//! → [`Document`].
//!
//! [`run`] and the [`Extractor`](crate::Extractor) are the only places that compose
//! stages; each option turns a stage off: without `quotes` no attribution runs (and no
//! reported speech), without `indirect` no reported-speech tagger, without `link` no
//! linking, and with neither `quotes` nor `link` the tokenizer does not run either.

use crate::attribution::surnames::mark_surnames;
use crate::attribution::tokens::{tokenize, MAX_TEXT_BYTES};
use crate::attribution::{attribute, Attribution};
use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::link::{link, EntityInfo, Facts, Known, LinkOptions};
use crate::quotes;
use crate::reported::{reported_attrs, ReportedSpeech};
use crate::{Document, Mention};

/// Which speech stages run: `quotes` the attribution and speakers stages, `reported`
/// (with `quotes`) the reported-speech tagger.
#[derive(Clone, Copy)]
pub(crate) struct Speech<'a> {
    pub quotes: bool,
    pub reported: Option<&'a ReportedSpeech>,
}

/// Whether the stages after the matcher can take `text` (see [`MAX_TEXT_BYTES`]).
pub(crate) fn fits_tokenizer(text: &str) -> bool {
    text.len() <= MAX_TEXT_BYTES
}

/// The error for a text the tokenizer cannot take.
pub(crate) fn too_long(text: &str) -> Error {
    Error::input(format!(
        "a text of {} bytes of UTF-8 is longer than the {MAX_TEXT_BYTES} that linking and \
         attribution take (split it, or pass quotes=False and link=False)",
        text.len()
    ))
}

/// Runs linking and quote extraction (reported speech included) on one text, given
/// the gazetteer matcher's mentions (byte offsets), and returns the [`Document`].
///
/// ```
/// use namedrop::{run, Lexicons, LinkOptions, NoEntities, QuoteKind};
/// let text = "U.S. Trade Representative Michael Froman spoke.\n\n“We concluded a year of work,” Froman said.";
/// let doc = run(text, vec![], &NoEntities, &Lexicons::default(), &LinkOptions::default());
/// assert_eq!(doc.quotes.len(), 1);
/// assert_eq!(doc.quotes[0].kind, QuoteKind::Direct);
/// let sp = &doc.speakers[doc.quotes[0].speaker.unwrap() as usize];
/// assert_eq!(doc.clusters[sp.cluster.unwrap() as usize].name, "Michael Froman");
/// ```
///
/// # Panics
///
/// When `text` is 4 GiB or longer (the tokenizer's offsets are `u32`); the
/// [`Extractor`](crate::Extractor)'s `try_extract` and batch methods return an error
/// instead.
pub fn run(
    text: &str,
    gazetteer_mentions: Vec<Mention>,
    info: &dyn EntityInfo,
    lex: &Lexicons,
    opts: &LinkOptions,
) -> Document {
    compose(
        text,
        gazetteer_mentions,
        info,
        &Facts::default(),
        lex,
        opts,
        Speech {
            quotes: true,
            // the embedded model is checked by the crate's tests; were it refused,
            // the direct quotes still come out
            reported: crate::reported::shared().ok(),
        },
    )
}

/// The stages after the matcher, as the options choose them: `speech` the
/// attribution, reported-speech and speakers stages, `opts.link` the linking stage
/// (otherwise mentions are grouped by entity only). `facts` are what linking knows of the
/// gazetteer's entities beyond `info` (places' kinds and countries, people's offices).
pub(crate) fn compose(
    text: &str,
    gazetteer_mentions: Vec<Mention>,
    info: &dyn EntityInfo,
    facts: &Facts,
    lex: &Lexicons,
    opts: &LinkOptions,
    speech: Speech,
) -> Document {
    let quotes = speech.quotes;
    assert!(
        fits_tokenizer(text) || !(opts.link || quotes),
        "{}",
        too_long(text)
    );
    let tokens = if opts.link || quotes {
        let mut tokens = tokenize(text);
        mark_surnames(text, &mut tokens, lex);
        tokens
    } else {
        Vec::new()
    };
    let attribution = if quotes {
        attribute(text, &tokens, lex)
    } else {
        Attribution::default()
    };
    let attrs = &attribution.quotes;
    let mut linked = link(
        text,
        &tokens,
        attrs,
        gazetteer_mentions,
        Known { info, facts },
        lex,
        opts,
    );
    let reported = match speech.reported {
        Some(rs) if quotes => reported_attrs(rs, text, &tokens, attrs, &linked.entities, lex),
        _ => Vec::new(),
    };
    let (quotes, speakers) = if quotes {
        quotes::resolve(text, &tokens, attrs, &reported, &mut linked, lex)
    } else {
        (Vec::new(), Vec::new())
    };
    Document {
        entities: linked.entities,
        speakers,
        quotes,
        clusters: linked.clusters,
    }
}
