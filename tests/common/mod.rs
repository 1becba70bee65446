//! Shared fixtures: a tiny gazetteer table and a naive exact-match matcher.
#![allow(dead_code)]

use namedrop::{EntityInfo, Mention, MentionSource};

/// One fixture entity: name, label, gender, aliases.
pub struct Entity {
    pub name: &'static str,
    pub label: &'static str,
    pub gender: Option<&'static str>,
    pub aliases: &'static [&'static str],
}

/// A fixture gazetteer.
pub struct Table(pub Vec<Entity>);

impl EntityInfo for Table {
    fn name(&self, e: u32) -> &str {
        self.0[e as usize].name
    }
    fn label(&self, e: u32) -> &str {
        self.0[e as usize].label
    }
    fn gender(&self, e: u32) -> Option<&str> {
        self.0[e as usize].gender
    }
}

fn boundary(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl Table {
    /// Naive matcher: exact, case-sensitive aliases on word boundaries, leftmost-longest;
    /// an alias of several entities gives `entity: None` with all candidates.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut hits: Vec<(usize, usize, &str)> = Vec::new();
        for ent in &self.0 {
            for &a in ent.aliases {
                let mut from = 0;
                while let Some(i) = text[from..].find(a) {
                    let s = from + i;
                    let e = s + a.len();
                    if boundary(text, s, e) {
                        hits.push((s, e, a));
                    }
                    from = s + a.len().max(1);
                }
            }
        }
        hits.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        hits.dedup_by_key(|h| (h.0, h.1));
        let mut out: Vec<Mention> = Vec::new();
        for (s, e, a) in hits {
            if out.last().is_some_and(|m| m.end > s) {
                continue;
            }
            let candidates: Vec<u32> = (0..self.0.len() as u32)
                .filter(|&i| self.0[i as usize].aliases.contains(&a))
                .collect();
            let entity = if candidates.len() == 1 {
                Some(candidates[0])
            } else {
                None
            };
            let label = entity.map_or("", |i| self.0[i as usize].label).to_string();
            out.push(Mention {
                start: s,
                end: e,
                label: label.into(),
                entity,
                candidates: candidates.into(),
                cluster: None,
                source: MentionSource::Gazetteer,
            });
        }
        out
    }
}
