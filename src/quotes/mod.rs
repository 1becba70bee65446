//! Speakers: the attribution stage's speaker phrases become speaker mentions.
//!
//! The quoted spans, their kinds and rules come from the attribution stage
//! (`crate::attribution`: marks, cues and speaker phrases; the rules are in
//! docs/attribution.md); this stage gives each attributed quote its speaker.
//!
//! - Kinds: `direct` (own cue; the quote starts its sentence or follows an
//!   introduction ending in `:` or `,`), `partial` (a fragment embedded in a reported
//!   sentence with a cue), `continuation` (no cue of its own; inherits the speaker of
//!   an earlier quote: C1–C5), `other` (no cue: scare quotes, titles, nicknames).
//! - Speakers are [`Mention`]s in [`Document::speakers`](crate::Document): the entity
//!   mention inside the speaker phrase when there is one (gazetteer, linked or
//!   discovered), a resolved pronoun (source `Pronoun`), or the phrase itself (source
//!   `Nominal`: "a police spokeswoman", "officials").
//!
//! A relative "who" speaker (`Ruth Adeyemi, who chairs the union, said …`) resolves to the
//! mention right before it. Pronouns (he, she) resolve to the most recent person of
//! matching gender before them; mentions inside quotes are skipped; a quote by another
//! speaker in between blocks everyone but that speaker; a more recent person of
//! unknown gender makes the pronoun ambiguous and leaves it unresolved; an
//! unidentified capitalised name (a possible person, see the linking stage) between
//! the candidate and the pronoun leaves it unresolved. With no person of matching
//! gender, the nearest person of unknown gender is taken when it is the only
//! candidate, or when it is in the pronoun's paragraph with no other person between
//! (`Ortega said … “…,” she said.`); the pronoun then becomes that person's gender
//! evidence (`pronoun:she`). "they", "we", "I" stay unresolved.

mod pronouns;
mod speakers;

pub(crate) use speakers::resolve;
