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
//! payload (column by column, so loading copies whole arrays)
//!   counts          u32 entities n, u32 aliases m
//!   entity ids      strs (n)
//!   entity names    strs (n)
//!   labels          strs (the distinct labels)
//!   entity labels   u32s (n indices into labels)
//!   attributes      strs (n JSON objects or empty; the offsets are `u32s` of length 0
//!                   when every entity has none)
//!   entity aliases  u32s (n + 1 offsets into:) u32s (alias ids; the aliases besides
//!                   the name)
//!   alias texts     strs (m)
//!   alias cases     bytes (m: 0 none, 1 smart, 2 exact, 3 insensitive)
//!   alias entities  u32s (m + 1 offsets into:) u32s (entity indices, at least one per
//!                   alias)
//!   trie            u32s nodes, u32s outs (see matcher/mod.rs)
//! u32s  = u32 count + count u32 values
//! bytes = u32 count + count bytes
//! strs  = bytes (UTF-8 strings back to back) + u32s (count + 1 offsets: 0, the end of
//!         each string; on char boundaries)
//! ```
//!
//! Loading checks the magic, version, length and checksum, then every offset, index and
//! string, so a corrupted, truncated or foreign file is an error, never a panic. The
//! trie's Bloom prefilters are not stored: they are rebuilt from the (validated) trie,
//! so a damaged file can never make the matcher skip a match silently.
//!
//! # Trust
//!
//! The checksum guards against accidental corruption only: it is not a signature, and
//! a crafted file carries a valid one ([`reseal`] computes it). The structural checks
//! are what make loading an untrusted file safe: every count, offset and index is in
//! range, strings are UTF-8 cut on char boundaries, alias entity lists are sorted, and
//! the trie passes `Trie::validate` (matcher/validate.rs): a tree in which every node is
//! reached from the root exactly once, with keys ending on whole UTF-8 characters and
//! each alias the output of at most one key. All of it runs in time linear in the
//! file, so a bad file is an error naming the problem, never a panic or a hang.
//! (What the file cannot be checked for is meaning: a crafted trie may map a key to
//! any alias, as a crafted gazetteer may contain any alias.)
//!
//! [`Gazetteer::load`] reads the file section by section straight into the arrays the
//! gazetteer keeps (computing the checksum on the way), so the file is never held in
//! memory as a whole; the entity part, the alias part and the trie are then checked
//!
//! Here: the header and the public entry points; `layout.rs` reads and writes the
//! sections, `encode.rs` writes a gazetteer, `decode.rs` checks and rebuilds one, and
//! `checksum.rs` is the payload checksum.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::Gazetteer;
use crate::error::{Error, Result};

mod checksum;
mod decode;
mod encode;
mod layout;

use checksum::{checksum, Checksum};
use layout::{parse_header, read_front, read_sections, FileSource, SliceSource, Source, Writer};

const MAGIC: &[u8; 8] = b"\x89NDG\r\n\x1a\n";
/// The binary format version written by this build.
///
/// Version 2 stores entities and aliases column by column; version 3 has the same
/// layout with trie keys folded to NFD (Hangul decomposed, marks in canonical order,
/// Unicode [`UNICODE_VERSION`](crate::text::UNICODE_VERSION)), so version 2 keys would no
/// longer match. Files of another version are refused with a message that says to
/// rebuild them.
///
/// ```
/// assert_eq!(namedrop::gazetteer::FORMAT_VERSION, 3);
/// ```
pub const FORMAT_VERSION: u32 = 3;
const HEADER: usize = 40;

pub(super) fn truncated() -> Error {
    Error::gazetteer("not a valid namedrop gazetteer: truncated or corrupt data")
}

pub(super) fn corrupt(what: &str) -> Error {
    Error::gazetteer(format!(
        "not a valid namedrop gazetteer: corrupt data ({what})"
    ))
}

pub(super) fn checksum_mismatch() -> Error {
    Error::gazetteer("not a valid namedrop gazetteer: checksum mismatch (the file is corrupted)")
}

impl Gazetteer {
    /// Reads a gazetteer written by [`Gazetteer::to_bytes`]. Foreign data, another
    /// format version, truncation and any corruption give an
    /// [`ErrorKind::Gazetteer`](crate::ErrorKind::Gazetteer) error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let header = parse_header(&bytes[..bytes.len().min(HEADER)], bytes.len() as u64)?;
        let payload = &bytes[HEADER..];
        if checksum(payload) != header.sum {
            return Err(checksum_mismatch());
        }
        let sections = read_sections(&mut SliceSource { data: payload })?;
        Self::decode(sections)
    }

    /// Writes [`to_bytes`](Self::to_bytes) to `path` (conventionally `.ndg`).
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path.display().to_string(), &e))
    }

    /// Reads a file written by [`save`](Self::save); errors name the file. The checks
    /// are those of [`from_bytes`](Self::from_bytes); the file is read section by
    /// section into the gazetteer's arrays, never held in memory as a whole.
    ///
    /// ```
    /// use namedrop::gazetteer::{Entity, Gazetteer};
    /// let mut g = Gazetteer::new();
    /// g.add(Entity::new("nyc", "New York City", "GPE").alias("NYC")).unwrap();
    /// let path = std::env::temp_dir().join(format!("namedrop-doc-{}.ndg", std::process::id()));
    /// g.save(&path).unwrap();
    /// assert_eq!(Gazetteer::load(&path).unwrap().get("nyc").unwrap().aliases[0].text, "NYC");
    /// std::fs::write(&path, b"hello").unwrap();
    /// let err = Gazetteer::load(&path).unwrap_err();
    /// assert_eq!(err.path(), Some(path.display().to_string().as_str()));
    /// assert!(err.message().contains("not a namedrop gazetteer"));
    /// # std::fs::remove_file(&path).unwrap();
    /// ```
    pub fn load(path: &Path) -> Result<Self> {
        let origin = path.display().to_string();
        let io = |e: std::io::Error| Error::io(origin.clone(), &e);
        let file = File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let mut head = Vec::with_capacity(HEADER);
        reader
            .by_ref()
            .take(HEADER as u64)
            .read_to_end(&mut head)
            .map_err(io)?;
        let header = parse_header(&head, size.max(head.len() as u64))
            .map_err(|e| e.at(origin.clone(), None))?;
        let mut src = FileSource {
            reader,
            left: header.len,
            sum: Checksum::new(),
            origin: origin.clone(),
        };
        let sections = read_sections(&mut src);
        // Damage that also broke a section's layout is still reported as a checksum
        // mismatch, as by `from_bytes`: the checksum covers every byte first.
        src.drain().map_err(|e| e.at(origin.clone(), None))?;
        if src.sum.finish() != header.sum {
            return Err(checksum_mismatch().at(origin, None));
        }
        sections
            .and_then(Self::decode)
            .map_err(|e| e.at(origin, None))
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

/// Replaces the trie of `.ndg` bytes by the arrays `nodes` and `outs` (see matcher/mod.rs),
/// fixing the header's length and checksum; `None` if the part before the trie does
/// not parse. For tests and fuzzing of the trie checks; not needed by applications.
#[doc(hidden)]
pub fn replace_trie(bytes: &[u8], nodes: &[u32], outs: &[u32]) -> Option<Vec<u8>> {
    let payload = bytes.get(HEADER..)?;
    let mut src = SliceSource { data: payload };
    read_front(&mut src).ok()?;
    let at = bytes.len() - src.left();
    let mut w = Writer {
        buf: bytes[..at].to_vec(),
    };
    w.u32s(nodes);
    w.u32s(outs);
    let len = (w.buf.len() - HEADER) as u64;
    w.buf[16..24].copy_from_slice(&len.to_le_bytes());
    Some(reseal(&w.buf))
}
