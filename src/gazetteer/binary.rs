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
//!   trie            u32s nodes, u32s outs (see trie.rs)
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
//! the trie passes `Trie::validate` (trie/validate.rs): a tree in which every node is
//! reached from the root exactly once, with keys ending on whole UTF-8 characters and
//! each alias the output of at most one key. All of it runs in time linear in the
//! file, so a bad file is an error naming the problem, never a panic or a hang.
//! (What the file cannot be checked for is meaning: a crafted trie may map a key to
//! any alias, as a crafted gazetteer may contain any alias.)
//!
//! [`Gazetteer::load`] reads the file section by section straight into the arrays the
//! gazetteer keeps (computing the checksum on the way), so the file is never held in
//! memory as a whole; the entity part, the alias part and the trie are then checked
//! and indexed in parallel.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::hash::{hash_of, HashIndex};
use super::trie::Trie;
use super::{len32, AliasRecord, CaseMode, EntList, Gazetteer, StrTable};
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"\x89NDG\r\n\x1a\n";
/// The binary format version written by this build.
///
/// Version 2 stores entities and aliases column by column; files of another version
/// are refused with a message that says to rebuild them.
///
/// ```
/// assert_eq!(namedrop::gazetteer::FORMAT_VERSION, 2);
/// ```
pub const FORMAT_VERSION: u32 = 2;
const HEADER: usize = 40;

const P1: u64 = 0x9E37_79B9_7F4A_7C15;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// A fast 64-bit checksum (not cryptographic): four independent lanes of
/// xor-multiply-rotate over 8-byte words, so any single changed word changes the sum.
/// Fed in pieces, it gives the same sum as over the whole data at once.
struct Checksum {
    lanes: [u64; 4],
    /// The bytes of an incomplete 32-byte block.
    pending: [u8; 32],
    n_pending: usize,
    total: u64,
}

impl Checksum {
    fn new() -> Self {
        Checksum {
            lanes: [P1, P2, P1 ^ P2, P1.rotate_left(32)],
            pending: [0; 32],
            n_pending: 0,
            total: 0,
        }
    }

    #[inline]
    fn block(&mut self, c: &[u8]) {
        for (l, lane) in self.lanes.iter_mut().enumerate() {
            let w = u64::from_le_bytes(c[l * 8..l * 8 + 8].try_into().unwrap_or([0; 8]));
            *lane = (*lane ^ w).wrapping_mul(P1).rotate_left(29);
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        self.total += data.len() as u64;
        if self.n_pending > 0 {
            let k = data.len().min(32 - self.n_pending);
            self.pending[self.n_pending..self.n_pending + k].copy_from_slice(&data[..k]);
            self.n_pending += k;
            data = &data[k..];
            if self.n_pending < 32 {
                return;
            }
            let block = self.pending;
            self.block(&block);
            self.n_pending = 0;
        }
        let mut chunks = data.chunks_exact(32);
        for c in &mut chunks {
            self.block(c);
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.n_pending = rest.len();
    }

    fn finish(mut self) -> u64 {
        // The last (possibly empty) block, zero-padded.
        let mut tail = [0u8; 32];
        tail[..self.n_pending].copy_from_slice(&self.pending[..self.n_pending]);
        self.block(&tail);
        let fmix = |mut x: u64| {
            x ^= x >> 33;
            x = x.wrapping_mul(P2);
            x ^= x >> 29;
            x
        };
        let h = self.lanes;
        // Each term is a bijection of its lane, so one changed lane changes the sum.
        fmix(h[0])
            .wrapping_add(fmix(h[1]).rotate_left(17))
            .wrapping_add(fmix(h[2]).rotate_left(31))
            .wrapping_add(fmix(h[3]).rotate_left(47))
            ^ self.total.wrapping_mul(P2)
    }
}

/// The checksum of `data` in one go.
fn checksum(data: &[u8]) -> u64 {
    let mut c = Checksum::new();
    c.update(data);
    c.finish()
}

struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(len32(s.len()));
        self.buf.extend_from_slice(s.as_bytes());
    }
    fn u32s(&mut self, v: &[u32]) {
        self.u32(len32(v.len()));
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    fn strs(&mut self, t: &StrTable) {
        self.str(&t.text);
        self.u32s(&t.off);
    }
}

/// Bytes written by `Writer::strs`.
fn strs_size(t: &StrTable) -> usize {
    8 + t.text.len() + 4 * t.off.len()
}

fn case_code(c: Option<CaseMode>) -> u8 {
    match c {
        None => 0,
        Some(CaseMode::Smart) => 1,
        Some(CaseMode::Exact) => 2,
        Some(CaseMode::Insensitive) => 3,
    }
}

/// The case mode of a code checked to be at most 3.
fn case_from(code: u8) -> Option<CaseMode> {
    match code {
        1 => Some(CaseMode::Smart),
        2 => Some(CaseMode::Exact),
        3 => Some(CaseMode::Insensitive),
        _ => None,
    }
}

fn truncated() -> Error {
    Error::gazetteer("not a valid namedrop gazetteer: truncated or corrupt data")
}

fn corrupt(what: &str) -> Error {
    Error::gazetteer(format!(
        "not a valid namedrop gazetteer: corrupt data ({what})"
    ))
}

fn checksum_mismatch() -> Error {
    Error::gazetteer("not a valid namedrop gazetteer: checksum mismatch (the file is corrupted)")
}

/// What the header says about the payload.
struct Header {
    len: usize,
    sum: u64,
}

/// Checks the header, given the first `min(40, total)` of `total` bytes.
fn parse_header(head: &[u8], total: u64) -> Result<Header> {
    if head.len() < 8 || &head[..8] != MAGIC {
        return Err(Error::gazetteer(
            "not a namedrop gazetteer (wrong magic bytes; expected a file written by save())",
        ));
    }
    if head.len() < HEADER {
        return Err(Error::gazetteer(
            "not a valid namedrop gazetteer: truncated header",
        ));
    }
    let u32_at = |o: usize| u32::from_le_bytes([head[o], head[o + 1], head[o + 2], head[o + 3]]);
    let u64_at = |o: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&head[o..o + 8]);
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
    let available = total.saturating_sub(HEADER as u64);
    if available < len {
        return Err(Error::gazetteer(format!(
            "not a valid namedrop gazetteer: truncated ({available} of {len} payload bytes)"
        )));
    }
    if available != len {
        return Err(corrupt("trailing bytes after the payload"));
    }
    Ok(Header {
        len: usize::try_from(len).map_err(|_| corrupt("payload length"))?,
        sum: u64_at(24),
    })
}

#[inline]
fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// Where a payload is read from, front to back.
trait Source {
    /// Reads exactly `buf.len()` more bytes.
    fn read(&mut self, buf: &mut [u8]) -> Result<()>;
    /// The number of bytes not read yet.
    fn left(&self) -> usize;

    fn u32(&mut self) -> Result<u32> {
        let mut b = [0u8; 4];
        self.read(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    /// A count of items of `size` bytes each, bounded by what is left, so a corrupt
    /// count cannot make us allocate wildly.
    fn count(&mut self, size: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(size) > self.left() {
            return Err(truncated());
        }
        Ok(n)
    }
    fn bytes(&mut self) -> Result<Vec<u8>> {
        let n = self.count(1)?;
        let mut v = vec![0; n];
        self.read(&mut v)?;
        Ok(v)
    }
    fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.count(4)?;
        let mut out = Vec::with_capacity(n);
        // Through a small buffer that stays in the cache.
        let mut chunk = [0u8; 1 << 14];
        let mut left = n * 4;
        while left > 0 {
            let k = left.min(chunk.len());
            self.read(&mut chunk[..k])?;
            out.extend(chunk[..k].chunks_exact(4).map(le_u32));
            left -= k;
        }
        Ok(out)
    }
    fn strs(&mut self) -> Result<RawStrs> {
        Ok(RawStrs {
            text: self.bytes()?,
            off: self.u32s()?,
        })
    }
}

/// A payload in memory (its checksum already checked).
struct SliceSource<'a> {
    data: &'a [u8],
}

impl Source for SliceSource<'_> {
    fn read(&mut self, buf: &mut [u8]) -> Result<()> {
        if buf.len() > self.data.len() {
            return Err(truncated());
        }
        let (head, rest) = self.data.split_at(buf.len());
        buf.copy_from_slice(head);
        self.data = rest;
        Ok(())
    }
    fn left(&self) -> usize {
        self.data.len()
    }
    fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.count(4)?;
        let (head, rest) = self.data.split_at(n * 4);
        self.data = rest;
        Ok(head.chunks_exact(4).map(le_u32).collect())
    }
}

/// A payload read from a file, checksummed on the way.
struct FileSource {
    reader: BufReader<File>,
    left: usize,
    sum: Checksum,
    origin: String,
}

impl FileSource {
    /// Reads (and checksums) whatever a failed read of the sections left.
    fn drain(&mut self) -> Result<()> {
        let mut chunk = vec![0u8; 1 << 16];
        while self.left > 0 {
            let k = self.left.min(chunk.len());
            self.read(&mut chunk[..k])?;
        }
        Ok(())
    }
}

impl Source for FileSource {
    fn read(&mut self, buf: &mut [u8]) -> Result<()> {
        if buf.len() > self.left {
            return Err(truncated());
        }
        self.reader.read_exact(buf).map_err(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                truncated() // the file shrank after its size was read
            } else {
                Error::io(self.origin.clone(), &e)
            }
        })?;
        self.sum.update(buf);
        self.left -= buf.len();
        Ok(())
    }
    fn left(&self) -> usize {
        self.left
    }
}

/// A `strs` section, not yet checked.
struct RawStrs {
    text: Vec<u8>,
    off: Vec<u32>,
}

/// The entity sections of a payload, not yet checked.
struct EntitySections {
    n_ent: usize,
    n_al: usize,
    ids: RawStrs,
    names: RawStrs,
    labels: RawStrs,
    ent_labels: Vec<u32>,
    attrs: RawStrs,
    ent_alias_off: Vec<u32>,
    ent_aliases: Vec<u32>,
}

/// The alias sections of a payload, not yet checked.
struct AliasSections {
    n_ent: usize,
    n_al: usize,
    texts: RawStrs,
    cases: Vec<u8>,
    ent_off: Vec<u32>,
    ents: Vec<u32>,
}

/// The trie sections of a payload, not yet checked.
struct TrieSections {
    n_al: usize,
    nodes: Vec<u32>,
    outs: Vec<u32>,
}

type Sections = (EntitySections, AliasSections, TrieSections);

/// Reads the whole payload into its sections.
fn read_sections(src: &mut impl Source) -> Result<Sections> {
    let (ents, aliases) = read_front(src)?;
    let trie = TrieSections {
        n_al: aliases.n_al,
        nodes: src.u32s()?,
        outs: src.u32s()?,
    };
    if src.left() != 0 {
        return Err(corrupt("trailing data"));
    }
    Ok((ents, aliases, trie))
}

/// Reads the sections before the trie.
fn read_front(src: &mut impl Source) -> Result<(EntitySections, AliasSections)> {
    let total = src.left();
    let (n_ent, n_al) = (src.u32()? as usize, src.u32()? as usize);
    // Every entity and alias takes at least 4 bytes: a corrupt count fails here,
    // before anything is allocated for it.
    if n_ent.max(n_al) > total / 4 {
        return Err(corrupt("counts"));
    }
    let ents = EntitySections {
        n_ent,
        n_al,
        ids: src.strs()?,
        names: src.strs()?,
        labels: src.strs()?,
        ent_labels: src.u32s()?,
        attrs: src.strs()?,
        ent_alias_off: src.u32s()?,
        ent_aliases: src.u32s()?,
    };
    let aliases = AliasSections {
        n_ent,
        n_al,
        texts: src.strs()?,
        cases: src.bytes()?,
        ent_off: src.u32s()?,
        ents: src.u32s()?,
    };
    Ok((ents, aliases))
}

/// Checks that `off` splits `len` items into `count` runs: `count + 1` offsets that
/// start at 0, never decrease and end at `len`.
fn check_offsets(off: &[u32], count: usize, len: usize, what: &str) -> Result<()> {
    if off.len() != count + 1 || off[0] != 0 || off[count] as usize != len {
        return Err(corrupt(what));
    }
    if off.windows(2).any(|w| w[0] > w[1]) {
        return Err(corrupt(what));
    }
    Ok(())
}

/// A [`StrTable`] of `count` strings (`None`: any number), fully checked.
fn str_table(raw: RawStrs, count: Option<usize>, what: &str) -> Result<StrTable> {
    let text = String::from_utf8(raw.text)
        .map_err(|_| corrupt(&format!("invalid UTF-8 in the {what}")))?;
    let off = raw.off;
    let count = match count {
        Some(c) => c,
        None => off.len().checked_sub(1).ok_or_else(|| corrupt(what))?,
    };
    check_offsets(&off, count, text.len(), what)?;
    if off.iter().any(|&o| !text.is_char_boundary(o as usize)) {
        return Err(corrupt(what));
    }
    Ok(StrTable { text, off })
}

/// The hash index of the strings of `t`; fails if two are equal.
fn index_strings(t: &StrTable) -> Option<HashIndex> {
    let entries: Vec<(u64, u32)> = (0..t.len())
        .into_par_iter()
        .with_min_len(1 << 14)
        .map(|i| (hash_of(t.get(i)), len32(i)))
        .collect();
    HashIndex::build(&entries, |a, b| t.get(a as usize) == t.get(b as usize)).ok()
}

/// The entity columns of a gazetteer.
struct EntityPart {
    ids: StrTable,
    names: StrTable,
    labels: StrTable,
    label_index: HashIndex,
    ent_labels: Vec<u32>,
    attrs: StrTable,
    id_index: HashIndex,
    ent_aliases: Vec<u32>,
    ent_alias_off: Vec<u32>,
}

fn decode_entities(s: EntitySections) -> Result<EntityPart> {
    let n = s.n_ent;
    let ids = str_table(s.ids, Some(n), "entity ids")?;
    let names = str_table(s.names, Some(n), "entity names")?;
    let labels = str_table(s.labels, None, "labels")?;
    let label_index = index_strings(&labels).ok_or_else(|| corrupt("duplicate label"))?;
    let ent_labels = s.ent_labels;
    if ent_labels.len() != n || ent_labels.iter().any(|&l| l as usize >= labels.len()) {
        return Err(corrupt("entity labels"));
    }
    let attrs = if s.attrs.text.is_empty() && s.attrs.off.is_empty() {
        StrTable {
            text: String::new(),
            off: vec![0; n + 1],
        }
    } else {
        let t = str_table(s.attrs, Some(n), "attributes")?;
        let bad = (0..n).into_par_iter().with_min_len(1 << 10).any(|i| {
            let a = t.get(i);
            // One JSON value that starts with "{" is an object.
            !a.is_empty()
                && (!a.starts_with('{')
                    || serde_json::from_str::<serde::de::IgnoredAny>(a).is_err())
        });
        if bad {
            return Err(corrupt("attributes"));
        }
        t
    };
    let (ent_alias_off, ent_aliases) = (s.ent_alias_off, s.ent_aliases);
    check_offsets(&ent_alias_off, n, ent_aliases.len(), "entity aliases")?;
    if ent_aliases.iter().any(|&a| a as usize >= s.n_al) {
        return Err(corrupt("alias index"));
    }
    let id_index = index_strings(&ids).ok_or_else(|| corrupt("duplicate id"))?;
    Ok(EntityPart {
        ids,
        names,
        labels,
        label_index,
        ent_labels,
        attrs,
        id_index,
        ent_aliases,
        ent_alias_off,
    })
}

/// The alias columns of a gazetteer.
struct AliasPart {
    texts: String,
    records: Vec<AliasRecord>,
    many: Vec<Vec<u32>>,
}

fn decode_aliases(s: AliasSections) -> Result<AliasPart> {
    let n = s.n_al;
    let texts = str_table(s.texts, Some(n), "alias texts")?;
    if s.cases.len() != n || s.cases.iter().any(|&c| c > 3) {
        return Err(corrupt("alias cases"));
    }
    let (ent_off, ents) = (s.ent_off, s.ents);
    check_offsets(&ent_off, n, ents.len(), "alias entities")?;
    if ents.iter().any(|&e| e as usize >= s.n_ent) {
        return Err(corrupt("entity index"));
    }
    // The aliases of several entities, in order; every alias has at least one.
    let mut shared = Vec::new();
    for (i, w) in ent_off.windows(2).enumerate() {
        match w[1] - w[0] {
            0 => return Err(corrupt("alias without entities")),
            1 => {}
            _ => {
                // Entities are added in index order: a list is strictly increasing (the
                // matcher relies on it for a mention's candidates).
                let list = &ents[w[0] as usize..w[1] as usize];
                if list.windows(2).any(|p| p[0] >= p[1]) {
                    return Err(corrupt("alias entities out of order"));
                }
                shared.push(i);
            }
        }
    }
    let mut records: Vec<AliasRecord> = (0..n)
        .into_par_iter()
        .with_min_len(1 << 14)
        .map(|i| {
            let first = EntList::One(ents[ent_off[i] as usize]);
            AliasRecord::new(texts.get(i), texts.off[i], case_from(s.cases[i]), first)
        })
        .collect();
    let mut many = Vec::with_capacity(shared.len());
    for i in shared {
        records[i].entities = EntList::Many(len32(many.len()));
        many.push(ents[ent_off[i] as usize..ent_off[i + 1] as usize].to_vec());
    }
    Ok(AliasPart {
        texts: texts.text,
        records,
        many,
    })
}

fn decode_trie(s: TrieSections) -> Result<Trie> {
    let mut trie = Trie {
        nodes: s.nodes,
        outs: s.outs,
        ..Trie::default()
    };
    trie.validate(s.n_al).map_err(|e| corrupt(&e))?;
    trie.fill_root();
    Ok(trie)
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
        let n_ent = self.len();
        let ent_alias_off: &[u32] = if self.ent_alias_off.is_empty() {
            &[0]
        } else {
            &self.ent_alias_off
        };
        let mut alias_ent_off = Vec::with_capacity(self.aliases.len() + 1);
        alias_ent_off.push(0u32);
        // At most one entry per (alias, entity) pair: bounded by `add`'s limits.
        let mut n_pairs = 0;
        for a in 0..self.aliases.len() {
            n_pairs += self.alias_entities(len32(a)).len();
            alias_ent_off.push(len32(n_pairs));
        }
        let n_alias_ents = alias_ent_off[alias_ent_off.len() - 1] as usize;
        // No attributes at all: their offsets (all 0) are left out.
        let attr_offs = if self.ent_attrs.text.is_empty() {
            0
        } else {
            self.ent_attrs.off.len()
        };
        // The exact size, so the buffer is never reallocated (peak memory).
        let size = HEADER
            + 8
            + strs_size(&self.ent_ids)
            + strs_size(&self.ent_names)
            + strs_size(&self.labels)
            + 4
            + 4 * n_ent
            + 8
            + self.ent_attrs.text.len()
            + 4 * attr_offs
            + 8
            + 4 * (ent_alias_off.len() + self.ent_aliases.len())
            + 8
            + self.alias_texts.len()
            + 4 * (self.aliases.len() + 1)
            + 4
            + self.aliases.len()
            + 8
            + 4 * (alias_ent_off.len() + n_alias_ents)
            + 8
            + 4 * (trie.nodes.len() + trie.outs.len());
        let mut w = Writer {
            buf: Vec::with_capacity(size),
        };
        w.buf.resize(HEADER, 0);
        w.u32(len32(n_ent));
        w.u32(len32(self.aliases.len()));
        w.strs(&self.ent_ids);
        w.strs(&self.ent_names);
        w.strs(&self.labels);
        w.u32s(&self.ent_labels);
        w.str(&self.ent_attrs.text);
        w.u32s(&self.ent_attrs.off[..attr_offs]);
        w.u32s(ent_alias_off);
        w.u32s(&self.ent_aliases);
        // As strs: the texts, then each alias's start and the end of the last.
        w.str(&self.alias_texts);
        w.u32(len32(self.aliases.len() + 1));
        for a in &self.aliases {
            w.u32(a.start);
        }
        w.u32(len32(self.alias_texts.len()));
        w.u32(len32(self.aliases.len())); // bytes: one case code per alias
        w.buf.extend(self.aliases.iter().map(|a| case_code(a.case)));
        w.u32s(&alias_ent_off);
        w.u32(len32(n_alias_ents));
        for a in 0..self.aliases.len() {
            for e in self.alias_entities(len32(a)) {
                w.buf.extend_from_slice(&e.to_le_bytes());
            }
        }
        w.u32s(&trie.nodes);
        w.u32s(&trie.outs);
        debug_assert_eq!(w.buf.len(), size);
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
        let header = parse_header(&bytes[..bytes.len().min(HEADER)], bytes.len() as u64)?;
        let payload = &bytes[HEADER..];
        if checksum(payload) != header.sum {
            return Err(checksum_mismatch());
        }
        let sections = read_sections(&mut SliceSource { data: payload })?;
        Self::decode(sections)
    }

    /// Checks the sections and builds the gazetteer: the entity part, the alias part
    /// and the trie in parallel.
    fn decode((ents, aliases, trie): Sections) -> Result<Self> {
        let (trie, (ents, als)) = rayon::join(
            move || decode_trie(trie),
            move || {
                rayon::join(
                    move || decode_entities(ents),
                    move || decode_aliases(aliases),
                )
            },
        );
        let (trie, ents, als) = (trie?, ents?, als?);
        let matcher = OnceLock::new();
        let _ = matcher.set(trie);
        Ok(Gazetteer {
            ent_ids: ents.ids,
            ent_names: ents.names,
            ent_labels: ents.ent_labels,
            labels: ents.labels,
            label_index: ents.label_index,
            ent_attrs: ents.attrs,
            ids: ents.id_index,
            ent_aliases: ents.ent_aliases,
            ent_alias_off: ents.ent_alias_off,
            alias_texts: als.texts,
            aliases: als.records,
            alias_many: als.many,
            alias_index: None,
            key_bytes: 0, // counted with the alias index, on the first `add`
            matcher,
            built: OnceLock::new(),
        })
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

/// Replaces the trie of `.ndg` bytes by the arrays `nodes` and `outs` (see trie.rs),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_in_pieces_is_the_checksum_of_the_whole() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        for cuts in [vec![], vec![0, 1], vec![5, 32, 33, 64], vec![31, 500, 999]] {
            let mut c = Checksum::new();
            let mut at = 0;
            for &cut in &cuts {
                c.update(&data[at..cut]);
                at = cut;
            }
            c.update(&data[at..]);
            assert_eq!(c.finish(), checksum(&data), "cuts {cuts:?}");
        }
        assert_ne!(checksum(&data[..999]), checksum(&data));
    }
}
