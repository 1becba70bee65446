//! The gazetteer's public value types: entities, aliases, case modes, match options
//! and matches.

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

// The docs below link to the gazetteer's methods.
#[cfg(doc)]
use super::Gazetteer;

/// The label given to entities that do not have one.
pub const DEFAULT_LABEL: &str = "MISC";

/// How an alias's letter case is compared with the text.
///
/// ```
/// use namedrop::gazetteer::CaseMode;
/// assert_eq!("smart".parse::<CaseMode>().unwrap(), CaseMode::Smart);
/// assert!("loud".parse::<CaseMode>().is_err());
/// assert_eq!(CaseMode::Exact.as_str(), "exact");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CaseMode {
    /// Capitals in the alias must be capitals in the text (or the text is all capitals);
    /// an all-lowercase alias matches any case.
    #[default]
    Smart,
    /// Case-sensitive comparison.
    Exact,
    /// Case is ignored.
    Insensitive,
}

impl CaseMode {
    /// The mode's name: `"smart"`, `"exact"` or `"insensitive"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseMode::Smart => "smart",
            CaseMode::Exact => "exact",
            CaseMode::Insensitive => "insensitive",
        }
    }
}

impl FromStr for CaseMode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "smart" => Ok(CaseMode::Smart),
            "exact" => Ok(CaseMode::Exact),
            "insensitive" => Ok(CaseMode::Insensitive),
            other => Err(Error::input(format!(
                "unknown case mode {other:?} (expected \"smart\", \"exact\" or \"insensitive\")"
            ))),
        }
    }
}

impl fmt::Display for CaseMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One alias of an entity, with an optional case mode that overrides the matcher's.
///
/// ```
/// use namedrop::gazetteer::{Alias, CaseMode};
/// let a = Alias::from("Obama");
/// assert_eq!(a.case, None);
/// let us = Alias::with_case("US", CaseMode::Exact);
/// assert_eq!(us.text, "US");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alias {
    /// The alias as written.
    pub text: String,
    /// The case mode for this alias; `None` uses the matcher's mode.
    pub case: Option<CaseMode>,
}

impl Alias {
    /// An alias with its own case mode.
    pub fn with_case(text: impl Into<String>, case: CaseMode) -> Self {
        Alias {
            text: text.into(),
            case: Some(case),
        }
    }
}

impl From<&str> for Alias {
    fn from(text: &str) -> Self {
        Alias {
            text: text.to_string(),
            case: None,
        }
    }
}

impl From<String> for Alias {
    fn from(text: String) -> Self {
        Alias { text, case: None }
    }
}

/// A gazetteer entity: a unique id, a canonical name, a label, aliases and attributes.
///
/// The name is always an alias; [`Gazetteer::add`] keeps in `aliases` only the other
/// aliases (whitespace-normalised and de-duplicated).
///
/// ```
/// use namedrop::gazetteer::Entity;
/// let e = Entity::new("pritzker", "Penny Pritzker", "PERSON")
///     .alias("Penny Sue Pritzker")
///     .attribute("gender", "female");
/// assert_eq!(e.aliases.len(), 1);
/// assert_eq!(e.attributes["gender"], "female");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Unique id.
    pub id: String,
    /// Canonical name (always matched as an alias).
    pub name: String,
    /// Label such as PERSON, GPE, ORG ([`DEFAULT_LABEL`] when empty).
    pub label: String,
    /// Other aliases.
    pub aliases: Vec<Alias>,
    /// Any other data (for example `gender`).
    pub attributes: Map<String, Value>,
}

impl Entity {
    /// An entity with no aliases besides its name and no attributes.
    pub fn new(id: impl Into<String>, name: impl Into<String>, label: impl Into<String>) -> Self {
        Entity {
            id: id.into(),
            name: name.into(),
            label: label.into(),
            aliases: Vec::new(),
            attributes: Map::new(),
        }
    }

    /// Adds an alias (builder style).
    pub fn alias(mut self, alias: impl Into<Alias>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// Sets an attribute (builder style).
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.attributes.insert(key.into(), value.into());
        self
    }
}

/// Options of [`Gazetteer::find`].
///
/// ```
/// let o = namedrop::gazetteer::MatchOptions::default();
/// assert!(o.fold_diacritics && !o.overlapping);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchOptions {
    /// Case mode for aliases without their own.
    pub case: CaseMode,
    /// Return every valid match instead of leftmost-longest non-overlapping ones.
    pub overlapping: bool,
    /// Ignore diacritics ("Zurich" matches "Zürich").
    pub fold_diacritics: bool,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            case: CaseMode::Smart,
            overlapping: false,
            fold_diacritics: true,
        }
    }
}

/// One alias found in a text: byte offsets into the original text and the alias id.
///
/// Results of [`Gazetteer::find`] are sorted by `(start, end, alias)`. When two
/// different aliases (say "US" with `case: exact` on one entity and "us" on another)
/// are valid at the same span, there is one `Match` per alias with the same span; the
/// mention's candidates are the union of their [`Gazetteer::alias_entities`] (see
/// [`Gazetteer::candidates`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Match {
    /// Byte offset of the first byte (on a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte (on a char boundary).
    pub end: usize,
    /// The alias id: see [`Gazetteer::alias_text`] and [`Gazetteer::alias_entities`].
    pub alias: u32,
}
