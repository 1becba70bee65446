//! Writing a gazetteer and its compiled matcher as `.ndg` bytes, section by section in
//! the order of the format (see the module docs), into a buffer sized exactly once.

use super::layout::{case_code, strs_size, Writer};
use super::{checksum, FORMAT_VERSION, HEADER, MAGIC};
use crate::gazetteer::matcher::Trie;
use crate::gazetteer::{len32, Gazetteer};

/// The arrays that the file stores but the gazetteer does not keep as they are.
struct Derived<'g> {
    /// The entity alias offsets (`[0]` for a gazetteer that never had an entity).
    ent_alias_off: &'g [u32],
    /// Where each alias's entity list starts in the flat list of all of them, and the
    /// end of the last.
    alias_ent_off: Vec<u32>,
    /// How many attribute offsets are stored: none when no entity has attributes.
    attr_offs: usize,
}

impl Gazetteer {
    /// Serialises the gazetteer and its compiled matcher (see the format in
    /// `src/gazetteer/ndg/mod.rs`); [`Gazetteer::from_bytes`] reads it back.
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
        let derived = self.derived();
        let size = self.encoded_size(&derived, trie);
        let mut w = Writer {
            buf: Vec::with_capacity(size),
        };
        w.buf.resize(HEADER, 0);
        self.write_entities(&mut w, &derived);
        self.write_aliases(&mut w, &derived);
        w.u32s(&trie.nodes);
        w.u32s(&trie.outs);
        debug_assert_eq!(w.buf.len(), size);
        write_header(&mut w.buf);
        w.buf
    }

    fn derived(&self) -> Derived<'_> {
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
        // No attributes at all: their offsets (all 0) are left out.
        let attr_offs = if self.ent_attrs.text.is_empty() {
            0
        } else {
            self.ent_attrs.off.len()
        };
        Derived {
            ent_alias_off,
            alias_ent_off,
            attr_offs,
        }
    }

    /// The exact size of the file, so the buffer is never reallocated (peak memory).
    fn encoded_size(&self, d: &Derived<'_>, trie: &Trie) -> usize {
        let n_alias_ents = d.alias_ent_off[d.alias_ent_off.len() - 1] as usize;
        let entities = strs_size(&self.ent_ids)
            + strs_size(&self.ent_names)
            + strs_size(&self.labels)
            + 4
            + 4 * self.len()
            + 8
            + self.ent_attrs.text.len()
            + 4 * d.attr_offs
            + 8
            + 4 * (d.ent_alias_off.len() + self.ent_aliases.len());
        let aliases = 8
            + self.alias_texts.len()
            + 4 * (self.aliases.len() + 1)
            + 4
            + self.aliases.len()
            + 8
            + 4 * (d.alias_ent_off.len() + n_alias_ents);
        let matcher = 8 + 4 * (trie.nodes.len() + trie.outs.len());
        HEADER + 8 + entities + aliases + matcher
    }

    /// The counts and the entity sections.
    fn write_entities(&self, w: &mut Writer, d: &Derived<'_>) {
        w.u32(len32(self.len()));
        w.u32(len32(self.aliases.len()));
        w.strs(&self.ent_ids);
        w.strs(&self.ent_names);
        w.strs(&self.labels);
        w.u32s(&self.ent_labels);
        w.str(&self.ent_attrs.text);
        w.u32s(&self.ent_attrs.off[..d.attr_offs]);
        w.u32s(d.ent_alias_off);
        w.u32s(&self.ent_aliases);
    }

    /// The alias sections: texts, case codes and entity lists.
    fn write_aliases(&self, w: &mut Writer, d: &Derived<'_>) {
        // As strs: the texts, then each alias's start and the end of the last.
        w.str(&self.alias_texts);
        w.u32(len32(self.aliases.len() + 1));
        for a in &self.aliases {
            w.u32(a.start);
        }
        w.u32(len32(self.alias_texts.len()));
        w.u32(len32(self.aliases.len())); // bytes: one case code per alias
        w.buf.extend(self.aliases.iter().map(|a| case_code(a.case)));
        w.u32s(&d.alias_ent_off);
        w.u32(d.alias_ent_off[d.alias_ent_off.len() - 1]);
        for a in 0..self.aliases.len() {
            for e in self.alias_entities(len32(a)) {
                w.buf.extend_from_slice(&e.to_le_bytes());
            }
        }
    }
}

/// Fills the header in front of a written payload: magic, version, flags, payload
/// length and checksum.
fn write_header(buf: &mut [u8]) {
    let payload_len = (buf.len() - HEADER) as u64;
    let sum = checksum(&buf[HEADER..]);
    let mut h = Vec::with_capacity(HEADER);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    h.extend_from_slice(&0u32.to_le_bytes());
    h.extend_from_slice(&payload_len.to_le_bytes());
    h.extend_from_slice(&sum.to_le_bytes());
    h.extend_from_slice(&0u64.to_le_bytes());
    buf[..HEADER].copy_from_slice(&h);
}
