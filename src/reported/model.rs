//! The tagger's weights: `data/model/reported.bin`, embedded with `include_bytes!`,
//! validated when loaded (a malformed file is an error, never a panic). The format is
//! documented in `tools/reported/export.py` and docs/reported.md.

use std::fmt;

use super::hash::fnv;
use super::slots::{FirstProbe, Slots};

const MAGIC: &[u8; 8] = b"NDRPTD\x00\x01";

/// The embedded model file.
pub(crate) static EMBEDDED: &[u8] = include_bytes!("../../data/model/reported.bin");

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "reported-speech model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

fn err<T>(msg: impl Into<String>) -> Result<T, ModelError> {
    Err(ModelError(msg.into()))
}

/// A little-endian reader that fails instead of panicking.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        match self.pos.checked_add(n).filter(|&e| e <= self.data.len()) {
            Some(end) => {
                let s = &self.data[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => err(format!("truncated at byte {}", self.pos)),
        }
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        self.array().map(u32::from_le_bytes)
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        let v = self.array().map(f32::from_le_bytes)?;
        if v.is_finite() {
            Ok(v)
        } else {
            err(format!("a non-finite number at byte {}", self.pos - 4))
        }
    }
}

/// A loaded model: labels, transitions and an open-addressing table of weight rows.
#[derive(Debug)]
pub struct Model {
    pub(crate) labels: Vec<String>,
    /// `trans[a * L + b]`: score of label `a` followed by `b`.
    pub(crate) trans: Vec<f32>,
    pub(crate) scale: f32,
    pub(crate) obias: f32,
    /// The index of label "O".
    pub(crate) o: usize,
    /// The slot table ([`Slots`]): each key beside its weights, so that a feature
    /// found costs one cache line, not a slot and then a row elsewhere.
    slots: Slots,
    /// Two bits in one word per key (`filter_of`): most features of a text (bigrams
    /// above all) are not in the model, and this 64 KB filter, unlike the 3.9 MB of
    /// slots, mostly stays in cache, so that they are turned away without a probe.
    filter: Vec<u64>,
}

/// The most labels a model may have (Viterbi back-pointers are bytes).
pub(crate) const MAX_LABELS: usize = 64;

/// Words of the key filter, as a power of two (2^13 words: 64 KB). With two bits per
/// key in one word, about 4% of absent keys pass at 60,668 keys; on PolNeAR train this
/// missed the cache (1 MB simulated) 35% less often than one bit per key in 256 KB (3%
/// passing), and as often as 32 KB.
const FILTER_WORD_BITS: u32 = 13;

/// A key's filter word and the two bits it sets there (other bits of another product
/// than the slots').
#[inline]
fn filter_of(key: u64) -> (usize, u64) {
    let p = key.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    let word = (p >> (64 - FILTER_WORD_BITS)) as usize;
    (word, 1 << (p & 63) | 1 << (p >> 6 & 63))
}

impl Model {
    /// Parses and validates a model file.
    pub fn parse(data: &[u8]) -> Result<Model, ModelError> {
        if data.len() < MAGIC.len() + 8 || &data[..MAGIC.len()] != MAGIC {
            return err("not a namedrop reported-speech model (bad magic)");
        }
        let (body, sum) = data.split_at(data.len() - 8);
        let mut want = [0u8; 8];
        want.copy_from_slice(sum);
        if fnv(body) != u64::from_le_bytes(want) {
            return err("checksum mismatch (the file is damaged)");
        }
        let mut r = Reader {
            data: body,
            pos: MAGIC.len(),
        };
        let l = r.u32()? as usize;
        let n = r.u32()? as usize;
        let (scale, obias) = (r.f32()?, r.f32()?);
        let bits = r.u32()?;
        if !(1..=MAX_LABELS).contains(&l) {
            return err(format!("{l} labels (1..={MAX_LABELS} allowed)"));
        }
        if bits != 16 && bits != 8 {
            return err(format!("{bits}-bit weights (8 or 16 allowed)"));
        }
        let labels = (0..l)
            .map(|_| {
                let len = r.take(1)?[0] as usize;
                String::from_utf8(r.take(len)?.to_vec())
                    .map_err(|_| ModelError("label not UTF-8".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let Some(o) = labels.iter().position(|x| x == "O") else {
            return err("no label \"O\"");
        };
        let trans = (0..l * l).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let keys = r.take(
            n.checked_mul(8)
                .ok_or_else(|| ModelError("too many rows".into()))?,
        )?;
        let weights = read_weights(&mut r, n * l, bits)?;
        if r.pos != body.len() {
            return err(format!("{} bytes after the weights", body.len() - r.pos));
        }
        let slots = Slots::build(keys, &weights, l)?;
        let mut filter = vec![0u64; 1 << FILTER_WORD_BITS];
        for k in slots.keys() {
            let (word, bits) = filter_of(k);
            filter[word] |= bits;
        }
        Ok(Model {
            labels,
            trans,
            scale,
            obias,
            o,
            slots,
            filter,
        })
    }

    /// The embedded model.
    pub fn embedded() -> Result<Model, ModelError> {
        Model::parse(EMBEDDED)
    }

    /// The number of labels.
    pub fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// The slot of each of `keys` (`None`: not in the model), in `out` (cleared). The
    /// first probes are independent loads made in one pass, so that their cache misses
    /// overlap instead of waiting for one another as one lookup after another do.
    pub(crate) fn find_many(
        &self,
        keys: impl Iterator<Item = u64> + Clone,
        out: &mut Vec<Option<u32>>,
    ) {
        // a slot no table reaches (its keys alone would take 32 GB): "probe on"
        const PROBE: Option<u32> = Some(u32::MAX);
        out.clear();
        out.extend(keys.clone().map(|k| {
            if !self.may_have(k) {
                return None;
            }
            match self.slots.first_probe(k) {
                FirstProbe::Found(slot) => Some(slot),
                FirstProbe::Absent => None,
                FirstProbe::Occupied => PROBE,
            }
        }));
        for (k, r) in keys.zip(out.iter_mut()) {
            if *r == PROBE {
                *r = self.slots.find(k);
            }
        }
    }

    /// The weights of slot `slot` (one `find_many` gave): one per label, then zeros.
    #[inline]
    pub(crate) fn weights_of(&self, slot: u32) -> &[i16] {
        self.slots.weights(slot)
    }

    /// Whether `key` may be in the model (false: it is not).
    #[inline]
    fn may_have(&self, key: u64) -> bool {
        let (word, bits) = filter_of(key);
        self.filter[word] & bits == bits
    }

    /// The weight row of a feature hash, if the model has one: one weight per label,
    /// then zeros to the slot's end.
    #[inline]
    pub(crate) fn row(&self, key: u64) -> Option<&[i16]> {
        if !self.may_have(key) {
            return None;
        }
        self.slots.find(key).map(|slot| self.slots.weights(slot))
    }
}

fn read_weights(r: &mut Reader, count: usize, bits: u32) -> Result<Vec<i16>, ModelError> {
    let width = if bits == 16 { 2 } else { 1 };
    let raw = r.take(
        count
            .checked_mul(width)
            .ok_or_else(|| ModelError("too many weights".into()))?,
    )?;
    Ok(if bits == 16 {
        raw.chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect()
    } else {
        raw.iter().map(|&b| i16::from(b as i8)).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_loads() {
        let m = Model::embedded().unwrap();
        assert_eq!(m.n_labels(), 10);
        assert_eq!(m.labels[m.o], "O");
        assert!(m.row(fnv(b"b")).is_some(), "the bias feature has weights");
        assert!(m.row(fnv(b"w=no such word ever")).is_none());
    }

    #[test]
    fn damaged_files_are_errors() {
        let good = EMBEDDED;
        assert!(Model::parse(&good[..100]).is_err());
        assert!(Model::parse(b"nonsense").is_err());
        let mut bad = good.to_vec();
        bad[40] ^= 1;
        assert!(Model::parse(&bad).unwrap_err().0.contains("checksum"));
    }

    /// A file with a valid checksum but an impossible header is refused, not a panic.
    #[test]
    fn impossible_headers_are_errors() {
        let mut body = MAGIC.to_vec();
        body.extend(200u32.to_le_bytes());
        body.extend(u32::MAX.to_le_bytes());
        body.extend(1f32.to_le_bytes());
        body.extend(0f32.to_le_bytes());
        body.extend(16u32.to_le_bytes());
        let sum = fnv(&body);
        body.extend(sum.to_le_bytes());
        assert!(Model::parse(&body).unwrap_err().0.contains("labels"));
    }
}
