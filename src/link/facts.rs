//! What linking knows about gazetteer entities beyond name, label and gender: the kind
//! of a place (city, country, state), its country and state codes, the offices a
//! person holds (`roles`), and the gazetteer people by surname. Read once per
//! extractor from the entities' attributes (issue 14, causes 3 and 4).

use serde_json::Value;

use crate::FastMap;

use super::names::surname;

/// The kind of a gazetteer place, from its `kind` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Kind {
    #[default]
    Other,
    City,
    Country,
    /// A first-level division: a US state, a province, a UK nation.
    State,
}

/// One entity's facts (two-letter codes as bytes, `[0, 0]` for none).
#[derive(Debug, Clone, Copy, Default)]
struct Fact {
    kind: Kind,
    capital: bool,
    country: [u8; 2],
    state: [u8; 2],
}

/// Per-entity facts and the surname index of gazetteer people.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    facts: Vec<Fact>,
    /// entity -> its `roles` (lowercase), for the entities that have some
    roles: FastMap<u32, Vec<String>>,
    /// surname -> the PERSON entities with it (sorted)
    surnames: FastMap<String, Vec<u32>>,
}

fn code(v: Option<&Value>) -> [u8; 2] {
    match v.and_then(Value::as_str).map(str::as_bytes) {
        Some(&[a, b]) => [a.to_ascii_uppercase(), b.to_ascii_uppercase()],
        _ => [0, 0],
    }
}

impl Facts {
    /// Reads the facts of entities `0..n`: `name`, `label` and the attributes' JSON
    /// text of each. Entities without any of the attributes cost a substring search.
    pub(crate) fn new<'a>(
        n: usize,
        name: impl Fn(u32) -> &'a str,
        label: impl Fn(u32) -> &'a str,
        attributes_json: impl Fn(u32) -> &'a str,
    ) -> Facts {
        let mut out = Facts {
            facts: vec![Fact::default(); n],
            ..Facts::default()
        };
        for e in 0..n as u32 {
            if label(e) == crate::PERSON {
                if let Some(s) = surname(name(e)) {
                    out.surnames.entry(s.to_string()).or_default().push(e);
                }
            }
            let json = attributes_json(e);
            if ![
                "\"kind\"",
                "\"country_code\"",
                "\"roles\"",
                "\"state_code\"",
            ]
            .iter()
            .any(|k| json.contains(k))
            {
                continue;
            }
            let Ok(Value::Object(a)) = serde_json::from_str::<Value>(json) else {
                continue;
            };
            let kind = match a.get("kind").and_then(Value::as_str) {
                Some("city") => Kind::City,
                Some("country") => Kind::Country,
                Some("us_state" | "state" | "province" | "uk_nation") => Kind::State,
                _ => Kind::Other,
            };
            out.facts[e as usize] = Fact {
                kind,
                capital: a.contains_key("capital_of"),
                country: code(a.get("country_code")),
                state: code(a.get("state_code")),
            };
            if let Some(Value::Array(rs)) = a.get("roles") {
                let rs: Vec<String> = rs
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_lowercase)
                    .collect();
                if !rs.is_empty() {
                    out.roles.insert(e, rs);
                }
            }
        }
        out
    }

    fn fact(&self, e: u32) -> Fact {
        self.facts.get(e as usize).copied().unwrap_or_default()
    }

    pub(crate) fn kind(&self, e: u32) -> Kind {
        self.fact(e).kind
    }

    /// A capital city (`capital_of`): named for its government ("Moscow said").
    pub(crate) fn is_capital(&self, e: u32) -> bool {
        self.fact(e).capital
    }

    pub(crate) fn country(&self, e: u32) -> Option<[u8; 2]> {
        Some(self.fact(e).country).filter(|c| c[0] != 0)
    }

    pub(crate) fn state(&self, e: u32) -> Option<[u8; 2]> {
        Some(self.fact(e).state).filter(|c| c[0] != 0)
    }

    /// Does entity `e` hold the office `office` (an office key of `offices.tsv`:
    /// "senator", "governor")? A role matches when it is the office, the office "of"
    /// somewhere ("governor of Texas"), or an associate/chief one ("associate justice
    /// of the Supreme Court").
    pub(crate) fn holds(&self, e: u32, office: &str) -> bool {
        self.roles.get(&e).is_some_and(|rs| {
            rs.iter().any(|r| {
                let r = r
                    .strip_prefix("associate ")
                    .or_else(|| r.strip_prefix("chief "))
                    .unwrap_or(r);
                r == office
                    || r.strip_prefix(office)
                        .is_some_and(|rest| rest.starts_with(" of "))
            })
        })
    }

    /// Gazetteer people whose name ends in `surname`.
    pub(crate) fn people_named(&self, surname: &str) -> &[u32] {
        self.surnames.get(surname).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_from_attributes() {
        let names = ["Elizabeth Warren", "Warren", "Texas", "Greg Abbott"];
        let labels = ["PERSON", "GPE", "GPE", "PERSON"];
        let attrs = [
            r#"{"roles": ["senator"]}"#,
            r#"{"kind": "city", "country_code": "us", "state_code": "MI"}"#,
            r#"{"kind": "us_state", "country_code": "US"}"#,
            r#"{"roles": ["governor of Texas"]}"#,
        ];
        let f = Facts::new(
            4,
            |e| names[e as usize],
            |e| labels[e as usize],
            |e| attrs[e as usize],
        );
        assert_eq!(f.people_named("Warren"), &[0]);
        assert!(f.holds(0, "senator") && !f.holds(0, "governor"));
        assert!(f.holds(3, "governor"));
        assert_eq!(f.kind(1), Kind::City);
        assert_eq!(f.country(1), Some(*b"US"));
        assert_eq!(f.state(1), Some(*b"MI"));
        assert_eq!(f.kind(2), Kind::State);
        assert_eq!(f.country(3), None);
    }
}
