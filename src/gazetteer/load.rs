//! Loading gazetteers from records, JSON Lines, JSON, CSV and TSV.

use std::path::Path;

use serde_json::{Map, Value};

use super::{Alias, CaseMode, Entity, Gazetteer, DEFAULT_LABEL};
use crate::error::{Error, Result};

/// Turns one record (a JSON object) into an entity.
///
/// Keys: `id` (string or integer, required), `name` (string, required), `label`
/// (string, default [`DEFAULT_LABEL`]), `aliases` (a list of strings or
/// `{"text": ..., "case": ...}` objects, or one string of aliases joined by `|`);
/// every other key is an attribute (`null` values are left out).
pub(crate) fn record_to_entity(record: Value) -> Result<Entity> {
    let Value::Object(map) = record else {
        return Err(Error::gazetteer(format!(
            "expected an object with \"id\" and \"name\", found {}",
            kind_of(&record)
        )));
    };
    let mut id = None;
    let mut name = None;
    let mut label = None;
    let mut aliases = Vec::new();
    let mut attributes = Map::new();
    for (k, v) in map {
        match k.as_str() {
            "id" => {
                id = Some(match v {
                    Value::String(s) => s,
                    Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
                    other => return Err(wrong_type("\"id\"", "a string", &other)),
                })
            }
            "name" => match v {
                Value::String(s) => name = Some(s),
                other => return Err(wrong_type("\"name\"", "a string", &other)),
            },
            "label" => match v {
                Value::String(s) => label = Some(s),
                Value::Null => {}
                other => return Err(wrong_type("\"label\"", "a string", &other)),
            },
            "aliases" => aliases = parse_aliases(v)?,
            _ => {
                if !v.is_null() {
                    attributes.insert(k, v);
                }
            }
        }
    }
    let id = id.ok_or_else(|| Error::gazetteer("missing \"id\""))?;
    let name = name.ok_or_else(|| Error::gazetteer(format!("entity {id:?}: missing \"name\"")))?;
    Ok(Entity {
        id,
        name,
        label: label.unwrap_or_else(|| DEFAULT_LABEL.to_string()),
        aliases,
        attributes,
    })
}

/// "`what` must be `expected`, found a number" (and so on for `found`).
fn wrong_type(what: &str, expected: &str, found: &Value) -> Error {
    Error::gazetteer(format!(
        "{what} must be {expected}, found {}",
        kind_of(found)
    ))
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn parse_aliases(v: Value) -> Result<Vec<Alias>> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => split_aliases(&s),
        Value::Array(items) => items.into_iter().map(parse_alias).collect(),
        other => Err(wrong_type("\"aliases\"", "a list", &other)),
    }
}

pub(crate) fn parse_alias(v: Value) -> Result<Alias> {
    match v {
        Value::String(text) => Ok(Alias { text, case: None }),
        Value::Object(mut m) => {
            let text = match m.remove("text") {
                Some(Value::String(s)) => s,
                _ => {
                    return Err(Error::gazetteer(
                        "an alias object needs a string \"text\"".to_string(),
                    ))
                }
            };
            let case =
                match m.remove("case") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(c)) => Some(c.parse::<CaseMode>().map_err(|e| {
                        Error::gazetteer(format!("alias {text:?}: {}", e.message()))
                    })?),
                    Some(other) => {
                        return Err(wrong_type(
                            &format!("alias {text:?}: \"case\""),
                            "a string",
                            &other,
                        ))
                    }
                };
            if let Some(k) = m.keys().next() {
                return Err(Error::gazetteer(format!(
                    "alias {text:?}: unknown key {k:?} (expected \"text\" and \"case\")"
                )));
            }
            Ok(Alias { text, case })
        }
        other => Err(wrong_type("an alias", "a string or an object", &other)),
    }
}

/// Splits a `|`-joined alias cell. An empty cell has no aliases; an empty piece in a
/// non-empty cell ("a||b") is an error rather than a silent drop.
fn split_aliases(s: &str) -> Result<Vec<Alias>> {
    if s.trim().is_empty() {
        return Ok(Vec::new());
    }
    s.split('|')
        .map(|piece| {
            if piece.trim().is_empty() {
                Err(Error::gazetteer(format!(
                    "empty alias in {s:?} (aliases are joined by \"|\")"
                )))
            } else {
                Ok(Alias::from(piece.trim()))
            }
        })
        .collect()
}

/// Fails on a column name used twice (after trimming): which cell would count is a
/// guess, and the other would be dropped silently.
fn check_unique_columns(headers: &csv::StringRecord) -> Result<()> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (k, h) in headers.iter().enumerate() {
        if let Some(first) = seen.insert(h.trim(), k) {
            return Err(Error::gazetteer(format!(
                "duplicate column {:?} (columns {} and {})",
                h.trim(),
                first + 1,
                k + 1
            )));
        }
    }
    Ok(())
}

impl Gazetteer {
    /// Builds a gazetteer from records (JSON objects): `id`, `name`, `label` (default
    /// [`DEFAULT_LABEL`]), `aliases` (strings or
    /// `{"text", "case"}` objects); other keys become attributes. Errors name the
    /// record, 1-based ("record 3: duplicate id \"x\"").
    ///
    /// ```
    /// use namedrop::gazetteer::Gazetteer;
    /// use serde_json::json;
    /// let g = Gazetteer::from_records(vec![
    ///     json!({"id": "us", "name": "United States", "label": "GPE",
    ///            "aliases": ["U.S.", {"text": "US", "case": "exact"}]}),
    ///     json!({"id": "obama", "name": "Barack Obama", "gender": "male"}),
    /// ]).unwrap();
    /// assert_eq!(g.len(), 2);
    /// assert_eq!(g.get("obama").unwrap().label, "MISC");
    /// let err = Gazetteer::from_records(vec![json!({"id": "x"})]).unwrap_err();
    /// assert_eq!(err.message(), "record 1: entity \"x\": missing \"name\"");
    /// ```
    pub fn from_records(records: impl IntoIterator<Item = Value>) -> Result<Self> {
        let mut g = Gazetteer::new();
        for (i, rec) in records.into_iter().enumerate() {
            record_to_entity(rec)
                .and_then(|e| g.add(e))
                .map_err(|e| Error::gazetteer(format!("record {}: {}", i + 1, e.message())))?;
        }
        Ok(g)
    }

    /// Builds a gazetteer from JSON Lines text (one record per line, blank lines
    /// skipped); errors carry `origin` as the path and the line number.
    ///
    /// ```
    /// let src = "{\"id\": \"a\", \"name\": \"Alpha\"}\n\n{\"id\": \"a\", \"name\": \"A\"}\n";
    /// let err = namedrop::gazetteer::Gazetteer::from_jsonl_str(src, "g.jsonl").unwrap_err();
    /// assert_eq!(err.to_string(), "g.jsonl:3: duplicate id \"a\"");
    /// ```
    pub fn from_jsonl_str(s: &str, origin: &str) -> Result<Self> {
        let mut g = Gazetteer::new();
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        for (i, line) in s.lines().enumerate() {
            let lineno = Some(i as u64 + 1);
            if line.trim().is_empty() {
                continue;
            }
            let value: Value = serde_json::from_str(line)
                .map_err(|e| Error::gazetteer(format!("malformed JSON: {e}")).at(origin, lineno))?;
            record_to_entity(value)
                .and_then(|e| g.add(e))
                .map_err(|e| Error::gazetteer(e.message()).at(origin, lineno))?;
        }
        Ok(g)
    }

    /// Builds a gazetteer from a JSON array of records; errors carry `origin` and the
    /// line where the offending record starts.
    pub fn from_json_str(s: &str, origin: &str) -> Result<Self> {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        let raw: Vec<&serde_json::value::RawValue> = serde_json::from_str(s).map_err(|e| {
            Error::gazetteer(format!("malformed JSON (expected a list of records): {e}"))
                .at(origin, Some(e.line() as u64))
        })?;
        let base = s.as_ptr() as usize;
        let mut g = Gazetteer::new();
        for r in raw {
            let offset = (r.get().as_ptr() as usize)
                .saturating_sub(base)
                .min(s.len());
            let line = Some(s[..offset].matches('\n').count() as u64 + 1);
            let value: Value = serde_json::from_str(r.get())
                .map_err(|e| Error::gazetteer(format!("malformed JSON: {e}")).at(origin, line))?;
            record_to_entity(value)
                .and_then(|e| g.add(e))
                .map_err(|e| Error::gazetteer(e.message()).at(origin, line))?;
        }
        Ok(g)
    }

    /// Builds a gazetteer from CSV (`delimiter` `b','`) or TSV (`b'\t'`, no quoting)
    /// text with a header row. Required columns: `id`, `name`; optional: `label`
    /// (default [`DEFAULT_LABEL`]) and `aliases` (joined by `|`);
    /// other columns become string attributes, empty cells are left out.
    ///
    /// ```
    /// use namedrop::gazetteer::Gazetteer;
    /// let csv = "id,name,label,aliases,party\nobama,Barack Obama,PERSON,Obama|President Obama,D\n";
    /// let g = Gazetteer::from_delimited_str(csv, b',', "people.csv").unwrap();
    /// assert_eq!(g.get("obama").unwrap().aliases.len(), 2);
    /// let err = Gazetteer::from_delimited_str("id,label\nx,GPE\n", b',', "p.csv").unwrap_err();
    /// assert_eq!(err.to_string(), "p.csv:1: missing required column \"name\"");
    /// let err = Gazetteer::from_delimited_str("id,name,name\nx,A,B\n", b',', "p.csv").unwrap_err();
    /// assert_eq!(err.to_string(), "p.csv:1: duplicate column \"name\" (columns 2 and 3)");
    /// ```
    pub fn from_delimited_str(s: &str, delimiter: u8, origin: &str) -> Result<Self> {
        let s = s.strip_prefix('\u{feff}').unwrap_or(s);
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(delimiter != b'\t')
            .has_headers(true)
            .from_reader(s.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| Error::gazetteer(format!("malformed header: {e}")).at(origin, Some(1)))?
            .clone();
        check_unique_columns(&headers).map_err(|e| e.at(origin, Some(1)))?;
        let col = |name: &str| headers.iter().position(|h| h.trim() == name);
        let id_col = col("id").ok_or_else(|| {
            Error::gazetteer("missing required column \"id\"").at(origin, Some(1))
        })?;
        let name_col = col("name").ok_or_else(|| {
            Error::gazetteer("missing required column \"name\"").at(origin, Some(1))
        })?;
        let label_col = col("label");
        let alias_col = col("aliases");
        let mut g = Gazetteer::new();
        let mut record = csv::StringRecord::new();
        loop {
            let line_before = rdr.position().line();
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(line_before);
                    return Err(
                        Error::gazetteer(format!("malformed row: {e}")).at(origin, Some(line))
                    );
                }
            }
            let line = Some(record.position().map(|p| p.line()).unwrap_or(line_before));
            let cell = |c: usize| record.get(c).unwrap_or("");
            let mut entity = Entity::new(cell(id_col).trim(), cell(name_col), "");
            if let Some(c) = label_col {
                entity.label = cell(c).trim().to_string();
            }
            if let Some(c) = alias_col {
                entity.aliases = split_aliases(cell(c)).map_err(|e| e.at(origin, line))?;
            }
            for (k, h) in headers.iter().enumerate() {
                if Some(k) == label_col || Some(k) == alias_col || k == id_col || k == name_col {
                    continue;
                }
                let v = cell(k);
                if !v.is_empty() {
                    entity
                        .attributes
                        .insert(h.trim().to_string(), Value::String(v.to_string()));
                }
            }
            g.add(entity)
                .map_err(|e| Error::gazetteer(e.message()).at(origin, line))?;
        }
        Ok(g)
    }

    /// A gazetteer from the rows of a table (a DataFrame's records): as
    /// [`from_records`](Self::from_records), except that a missing cell (`null`) is
    /// skipped and an `aliases` cell that is a string is `|`-joined, as in CSV files
    /// (an empty piece, "A||B", is an error as it is there).
    ///
    /// ```
    /// use namedrop::gazetteer::Gazetteer;
    /// use serde_json::json;
    /// let g = Gazetteer::from_table_records(vec![
    ///     json!({"id": "us", "name": "United States", "aliases": "U.S.|USA", "gender": null}),
    /// ]).unwrap();
    /// assert_eq!(g.get("us").unwrap().aliases.len(), 2);
    /// assert!(Gazetteer::from_table_records(vec![json!({"id": "x", "name": "X", "aliases": "A||B"})]).is_err());
    /// ```
    pub fn from_table_records(records: impl IntoIterator<Item = Value>) -> Result<Self> {
        let rows = records
            .into_iter()
            .enumerate()
            .map(|(i, mut row)| {
                if let Value::Object(map) = &mut row {
                    map.retain(|_, v| !v.is_null());
                    if let Some(Value::String(joined)) = map.get("aliases") {
                        let split = split_aliases(joined).map_err(|e| {
                            Error::gazetteer(format!("record {}: {}", i + 1, e.message()))
                        })?;
                        let texts = split.into_iter().map(|a| Value::String(a.text)).collect();
                        map.insert("aliases".into(), Value::Array(texts));
                    }
                }
                Ok(row)
            })
            .collect::<Result<Vec<Value>>>()?;
        Self::from_records(rows)
    }

    /// Loads a gazetteer file, by extension: `.jsonl`/`.ndjson` (JSON Lines), `.json`
    /// (a list of records), `.csv`, `.tsv`, or `.ndg` (see [`Gazetteer::load`]).
    /// Errors name the file and, where it applies, the line.
    pub fn from_path(path: &Path) -> Result<Self> {
        let origin = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        if ext == "ndg" {
            return Self::load(path);
        }
        if !matches!(ext.as_str(), "jsonl" | "ndjson" | "json" | "csv" | "tsv") {
            return Err(Error::gazetteer(format!(
                "unknown gazetteer file type {:?} (expected .jsonl, .json, .csv, .tsv or .ndg)",
                if ext.is_empty() {
                    "(none)".to_string()
                } else {
                    format!(".{ext}")
                }
            ))
            .at(origin, None));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(origin.clone(), &e))?;
        let s = String::from_utf8(bytes).map_err(|e| {
            let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1;
            Error::gazetteer("not valid UTF-8").at(origin.clone(), Some(line))
        })?;
        match ext.as_str() {
            "jsonl" | "ndjson" => Self::from_jsonl_str(&s, &origin),
            "json" => Self::from_json_str(&s, &origin),
            "csv" => Self::from_delimited_str(&s, b',', &origin),
            _ => Self::from_delimited_str(&s, b'\t', &origin),
        }
    }
}
