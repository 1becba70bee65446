//! The `.ndg` binary format: a compiled gazetteer that loads without rebuilding.
//!
//! ```text
//! header (40 bytes, little-endian)
//!   magic     8  b"\x89NDG\r\n\x1a\n"
//!   version   u32 (FORMAT_VERSION)
//!   flags     u32 (0)
//!   length    u64 payload bytes
//!   checksum  u64 of the payload (4-lane multiply-rotate hash)
//!   reserved  u64 (0)
//! payload
//!   entities  u32 n; per entity: id, name, label (str), attributes (str: JSON object
//!             or empty), u32 k + k alias ids (the aliases besides the name)
//!   aliases   u32 n; per alias: text (str), case u8 (0 none, 1 smart, 2 exact,
//!             3 insensitive), u32 k + k entity indices
//!   trie      two u32 arrays (u32 n + n values): nodes, outs (see trie.rs)
//! str = u32 byte length + UTF-8 bytes
//! ```
//!
//! Loading checks the magic, version, length and checksum, then every index, so a
//! corrupted, truncated or foreign file is an error, never a panic.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::hash::{hash_of, HashIndex};
use super::trie::Trie;
use super::{Alias, AliasRecord, CaseMode, EntList, Entity, Gazetteer};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"\x89NDG\r\n\x1a\n";
/// The binary format version written by this build.
pub const FORMAT_VERSION: u32 = 1;
const HEADER: usize = 40;

/// A fast 64-bit checksum (not cryptographic): four independent lanes of
/// xor-multiply-rotate over 8-byte words, so any single changed word changes the sum.
pub(crate) fn checksum(data: &[u8]) -> u64 {
    const P1: u64 = 0x9E37_79B9_7F4A_7C15;
    const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
    let mut h = [P1, P2, P1 ^ P2, P1.rotate_left(32)];
    let mut chunks = data.chunks_exact(32);
    for c in &mut chunks {
        for (l, lane) in h.iter_mut().enumerate() {
            let w = u64::from_le_bytes(c[l * 8..l * 8 + 8].try_into().unwrap_or([0; 8]));
            *lane = (*lane ^ w).wrapping_mul(P1).rotate_left(29);
        }
    }
    let rest = chunks.remainder();
    let mut tail = [0u8; 32];
    tail[..rest.len()].copy_from_slice(rest);
    for (l, lane) in h.iter_mut().enumerate() {
        let w = u64::from_le_bytes(tail[l * 8..l * 8 + 8].try_into().unwrap_or([0; 8]));
        *lane = (*lane ^ w).wrapping_mul(P1).rotate_left(29);
    }
    let fmix = |mut x: u64| {
        x ^= x >> 33;
        x = x.wrapping_mul(P2);
        x ^= x >> 29;
        x
    };
    // Each term is a bijection of its lane, so one changed lane changes the sum.
    fmix(h[0])
        .wrapping_add(fmix(h[1]).rotate_left(17))
        .wrapping_add(fmix(h[2]).rotate_left(31))
        .wrapping_add(fmix(h[3]).rotate_left(47))
        ^ (data.len() as u64).wrapping_mul(P2)
}

struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

fn truncated() -> Error {
    Error::gazetteer("not a valid namedrop gazetteer: truncated or corrupt data")
}

fn corrupt(what: &str) -> Error {
    Error::gazetteer(format!(
        "not a valid namedrop gazetteer: corrupt data ({what})"
    ))
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or_else(truncated)?;
        let s = self.data.get(self.pos..end).ok_or_else(truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn str(&mut self) -> Result<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| corrupt("invalid UTF-8"))
    }
    fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.u32()? as usize;
        let raw = self.take(n.checked_mul(4).ok_or_else(truncated)?)?;
        Ok(raw
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
    /// A count of items that each take at least `min_bytes`: bounded by what is left,
    /// so a corrupt count cannot make us allocate wildly.
    fn count(&mut self, min_bytes: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes) > self.data.len() - self.pos {
            return Err(truncated());
        }
        Ok(n)
    }
}

fn case_code(c: Option<CaseMode>) -> u8 {
    match c {
        None => 0,
        Some(CaseMode::Smart) => 1,
        Some(CaseMode::Exact) => 2,
        Some(CaseMode::Insensitive) => 3,
    }
}

fn case_from(code: u8) -> Result<Option<CaseMode>> {
    Ok(match code {
        0 => None,
        1 => Some(CaseMode::Smart),
        2 => Some(CaseMode::Exact),
        3 => Some(CaseMode::Insensitive),
        _ => return Err(corrupt("case mode")),
    })
}

impl Gazetteer {
    /// Serialises the gazetteer and its compiled matcher (see the format in
    /// `src/gazetteer/binary.rs`); [`Gazetteer::from_bytes`] reads it back.
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer, MatchOptions};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("nyc", "New York City", "GPE").alias("NYC")).unwrap();
    /// let bytes = g.to_bytes();
    /// let h = Gazetteer::from_bytes(&bytes).unwrap();
    /// assert_eq!(h.find("NYC!", &MatchOptions::default()).len(), 1);
    /// let err = Gazetteer::from_bytes(b"hello").unwrap_err();
    /// assert!(err.message().contains("not a namedrop gazetteer"));
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let trie = self.trie();
        // Alias ids of each entity's aliases (besides the name).
        // Exact size except attributes, so the buffer is not reallocated (peak memory).
        let size = HEADER
            + 8
            + self
                .entities
                .iter()
                .map(|e| 20 + e.id.len() + e.name.len() + e.label.len())
                .sum::<usize>()
            + 4 * self.ent_aliases.len()
            + self
                .aliases
                .iter()
                .map(|a| 9 + a.text.len() + 4 * a.entities.as_slice().len())
                .sum::<usize>()
            + 8
            + 4 * (trie.nodes.len() + trie.outs.len());
        let mut w = Writer {
            buf: Vec::with_capacity(size),
        };
        w.buf.resize(HEADER, 0);
        w.u32(self.entities.len() as u32);
        for (i, e) in self.entities.iter().enumerate() {
            w.str(&e.id);
            w.str(&e.name);
            w.str(&e.label);
            if e.attributes.is_empty() {
                w.str("");
            } else {
                w.str(&serde_json::to_string(&e.attributes).unwrap_or_default());
            }
            let (a, b) = (
                self.ent_alias_off[i] as usize,
                self.ent_alias_off[i + 1] as usize,
            );
            w.u32s(&self.ent_aliases[a..b]);
        }
        w.u32(self.aliases.len() as u32);
        for a in &self.aliases {
            w.str(&a.text);
            w.u8(case_code(a.case));
            w.u32s(a.entities.as_slice());
        }
        w.u32s(&trie.nodes);
        w.u32s(&trie.outs);
        let payload_len = (w.buf.len() - HEADER) as u64;
        let sum = checksum(&w.buf[HEADER..]);
        let mut h = Vec::with_capacity(HEADER);
        h.extend_from_slice(MAGIC);
        h.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        h.extend_from_slice(&0u32.to_le_bytes());
        h.extend_from_slice(&payload_len.to_le_bytes());
        h.extend_from_slice(&sum.to_le_bytes());
        h.extend_from_slice(&0u64.to_le_bytes());
        w.buf[..HEADER].copy_from_slice(&h);
        w.buf
    }

    /// Reads a gazetteer written by [`Gazetteer::to_bytes`]. Foreign data, another
    /// format version, truncation and any corruption give an
    /// [`ErrorKind::Gazetteer`](crate::ErrorKind::Gazetteer) error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(Error::gazetteer(
                "not a namedrop gazetteer (wrong magic bytes; expected a file written by save())",
            ));
        }
        if bytes.len() < HEADER {
            return Err(Error::gazetteer(
                "not a valid namedrop gazetteer: truncated header",
            ));
        }
        let u32_at =
            |o: usize| u32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
        let u64_at = |o: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[o..o + 8]);
            u64::from_le_bytes(b)
        };
        let version = u32_at(8);
        if version != FORMAT_VERSION {
            return Err(Error::gazetteer(format!(
                "namedrop gazetteer format version {version} unsupported (this build reads version {FORMAT_VERSION}); rebuild it from its source files"
            )));
        }
        if u32_at(12) != 0 || u64_at(32) != 0 {
            return Err(corrupt("unknown header flags"));
        }
        let len = u64_at(16);
        let payload = &bytes[HEADER..];
        if (payload.len() as u64) < len {
            return Err(Error::gazetteer(format!(
                "not a valid namedrop gazetteer: truncated ({} of {len} payload bytes)",
                payload.len()
            )));
        }
        if payload.len() as u64 != len {
            return Err(corrupt("trailing bytes after the payload"));
        }
        if checksum(payload) != u64_at(24) {
            return Err(Error::gazetteer(
                "not a valid namedrop gazetteer: checksum mismatch (the file is corrupted)",
            ));
        }
        Self::decode(payload)
    }

    fn decode(payload: &[u8]) -> Result<Self> {
        let mut r = Reader {
            data: payload,
            pos: 0,
        };
        let n_ent = r.count(20)?;
        let mut entities: Vec<Entity> = Vec::with_capacity(n_ent);
        let mut ent_aliases: Vec<u32> = Vec::with_capacity(n_ent);
        let mut ent_alias_off: Vec<u32> = Vec::with_capacity(n_ent + 1);
        ent_alias_off.push(0);
        let mut ids = HashIndex::with_capacity(n_ent);
        for i in 0..n_ent {
            let id = r.str()?.to_string();
            let name = r.str()?.to_string();
            let label = r.str()?.to_string();
            let attrs = r.str()?;
            let attributes: Map<String, Value> = if attrs.is_empty() {
                Map::new()
            } else {
                serde_json::from_str(attrs).map_err(|_| corrupt("attributes"))?
            };
            let k = r.count(4)?;
            for _ in 0..k {
                ent_aliases.push(r.u32()?);
            }
            ent_alias_off.push(ent_aliases.len() as u32);
            let h = hash_of(id.as_str());
            if ids.get(h, |k| entities[k as usize].id == id).is_some() {
                return Err(corrupt("duplicate id"));
            }
            ids.insert(h, i as u32);
            entities.push(Entity {
                id,
                name,
                label,
                aliases: Vec::new(),
                attributes,
            });
        }
        let n_al = r.count(9)?;
        let mut aliases = Vec::with_capacity(n_al);
        for _ in 0..n_al {
            let text = r.str()?.to_string();
            let case = case_from(r.u8()?)?;
            let ents = r.u32s()?;
            if ents.iter().any(|&e| e as usize >= n_ent) {
                return Err(corrupt("entity index"));
            }
            aliases.push(AliasRecord::new(text, case, EntList::from_vec(ents)));
        }
        for (i, e) in entities.iter_mut().enumerate() {
            let (a, b) = (ent_alias_off[i] as usize, ent_alias_off[i + 1] as usize);
            e.aliases = ent_aliases[a..b]
                .iter()
                .map(|&a| {
                    aliases
                        .get(a as usize)
                        .map(|rec: &AliasRecord| Alias {
                            text: rec.text.clone(),
                            case: rec.case,
                        })
                        .ok_or_else(|| corrupt("alias index"))
                })
                .collect::<Result<_>>()?;
        }
        let mut trie = Trie {
            nodes: r.u32s()?,
            outs: r.u32s()?,
            ..Trie::default()
        };
        if r.pos != payload.len() {
            return Err(corrupt("trailing data"));
        }
        trie.validate(n_al).map_err(corrupt)?;
        trie.fill_root();
        let matcher = OnceLock::new();
        let _ = matcher.set(trie);
        Ok(Gazetteer {
            entities,
            ids,
            aliases,
            ent_aliases,
            ent_alias_off,
            alias_index: None,
            matcher,
        })
    }

    /// Writes [`to_bytes`](Self::to_bytes) to `path` (conventionally `.ndg`).
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path.display().to_string(), &e))
    }

    /// Reads a file written by [`save`](Self::save); errors name the file.
    pub fn load(path: &Path) -> Result<Self> {
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(origin.clone(), &e))?;
        Self::from_bytes(&bytes).map_err(|e| e.at(origin, None))
    }
}

/// Recomputes the header checksum of `.ndg` bytes. For tests that check that even a
/// payload with a valid checksum is fully validated; not needed by applications.
#[doc(hidden)]
pub fn reseal(bytes: &[u8]) -> Vec<u8> {
    let mut v = bytes.to_vec();
    if v.len() >= HEADER {
        let sum = checksum(&v[HEADER..]);
        v[24..32].copy_from_slice(&sum.to_le_bytes());
    }
    v
}
