//! The sections of a payload in file order: the writer's primitives, the header, and
//! the readers that take a payload apart (from memory or from a file) before any
//! check of its contents.

use std::fs::File;
use std::io::{BufReader, Read};

use super::{corrupt, truncated, Checksum, FORMAT_VERSION, HEADER, MAGIC};
use crate::error::{Error, Result};
use crate::gazetteer::{len32, CaseMode, StrTable};

pub(super) struct Writer {
    pub(super) buf: Vec<u8>,
}

impl Writer {
    pub(super) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn str(&mut self, s: &str) {
        self.u32(len32(s.len()));
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub(super) fn u32s(&mut self, v: &[u32]) {
        self.u32(len32(v.len()));
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub(super) fn strs(&mut self, t: &StrTable) {
        self.str(&t.text);
        self.u32s(&t.off);
    }
}

/// Bytes written by `Writer::strs`.
pub(super) fn strs_size(t: &StrTable) -> usize {
    8 + t.text.len() + 4 * t.off.len()
}

pub(super) fn case_code(c: Option<CaseMode>) -> u8 {
    match c {
        None => 0,
        Some(CaseMode::Smart) => 1,
        Some(CaseMode::Exact) => 2,
        Some(CaseMode::Insensitive) => 3,
    }
}

/// The case mode of a code checked to be at most 3.
pub(super) fn case_from(code: u8) -> Option<CaseMode> {
    match code {
        1 => Some(CaseMode::Smart),
        2 => Some(CaseMode::Exact),
        3 => Some(CaseMode::Insensitive),
        _ => None,
    }
}

/// What the header says about the payload.
pub(super) struct Header {
    pub(super) len: usize,
    pub(super) sum: u64,
}

/// Checks the header, given the first `min(40, total)` of `total` bytes.
pub(super) fn parse_header(head: &[u8], total: u64) -> Result<Header> {
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
pub(super) fn le_u32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

/// Where a payload is read from, front to back.
pub(super) trait Source {
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
pub(super) struct SliceSource<'a> {
    pub(super) data: &'a [u8],
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
pub(super) struct FileSource {
    pub(super) reader: BufReader<File>,
    pub(super) left: usize,
    pub(super) sum: Checksum,
    pub(super) origin: String,
}

impl FileSource {
    /// Reads (and checksums) whatever a failed read of the sections left.
    pub(super) fn drain(&mut self) -> Result<()> {
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
pub(super) struct RawStrs {
    pub(super) text: Vec<u8>,
    pub(super) off: Vec<u32>,
}

/// The entity sections of a payload, not yet checked.
pub(super) struct EntitySections {
    pub(super) n_ent: usize,
    pub(super) n_al: usize,
    pub(super) ids: RawStrs,
    pub(super) names: RawStrs,
    pub(super) labels: RawStrs,
    pub(super) ent_labels: Vec<u32>,
    pub(super) attrs: RawStrs,
    pub(super) ent_alias_off: Vec<u32>,
    pub(super) ent_aliases: Vec<u32>,
}

/// The alias sections of a payload, not yet checked.
pub(super) struct AliasSections {
    pub(super) n_ent: usize,
    pub(super) n_al: usize,
    pub(super) texts: RawStrs,
    pub(super) cases: Vec<u8>,
    pub(super) ent_off: Vec<u32>,
    pub(super) ents: Vec<u32>,
}

/// The trie sections of a payload, not yet checked.
pub(super) struct TrieSections {
    pub(super) n_al: usize,
    pub(super) nodes: Vec<u32>,
    pub(super) outs: Vec<u32>,
}

pub(super) type Sections = (EntitySections, AliasSections, TrieSections);

/// Reads the whole payload into its sections.
pub(super) fn read_sections(src: &mut impl Source) -> Result<Sections> {
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
pub(super) fn read_front(src: &mut impl Source) -> Result<(EntitySections, AliasSections)> {
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
