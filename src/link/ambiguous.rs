//! Ambiguous aliases: a mention with several candidates resolves to the candidate the
//! document has already named unambiguously (the most recent one).

use crate::FastMap;

use super::EntityInfo;
use crate::{Label, Mention};

/// Resolves the ambiguous mentions of `mentions` (sorted by start) in place.
pub(super) fn resolve(mentions: &mut [Mention], info: &dyn EntityInfo) {
    let mut last_seen: FastMap<u32, usize> = FastMap::default();
    for m in mentions.iter_mut() {
        if m.entity.is_none() && !m.candidates.is_empty() {
            if let Some((_, c)) = last_named(&m.candidates, &last_seen) {
                m.entity = Some(c);
                let l = info.label(c);
                if !l.is_empty() {
                    m.label = Label::from(l);
                }
            }
        } else if let Some(e) = m.entity {
            if m.candidates.len() <= 1 {
                last_seen.insert(e, m.start);
            }
        }
    }
}

/// The candidate the document named unambiguously most recently (its last position in
/// `last_seen`). Walks the shorter side: an alias shared by a million entities costs
/// the few entities the document has named, not a million lookups (`candidates` are
/// sorted).
fn last_named(candidates: &[u32], last_seen: &FastMap<u32, usize>) -> Option<(usize, u32)> {
    if candidates.len() <= last_seen.len() {
        candidates
            .iter()
            .filter_map(|c| last_seen.get(c).map(|&p| (p, *c)))
            .max()
    } else {
        last_seen
            .iter()
            .filter(|(c, _)| candidates.binary_search(c).is_ok())
            .map(|(&c, &p)| (p, c))
            .max()
    }
}
