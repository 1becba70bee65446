//! FNV-1a 64 over the bytes of a feature string, fed in parts so that no string is
//! built: `Fnv::new().str("w=").str(word).finish()` equals the hash of `"w=" + word`,
//! which is what `tools/reported/export.py` stores for the feature `w=<word>`.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// A running FNV-1a 64 hash.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    #[inline]
    pub fn new() -> Fnv {
        Fnv(OFFSET)
    }

    #[inline]
    pub fn bytes(mut self, data: &[u8]) -> Fnv {
        for &b in data {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
        self
    }

    #[inline]
    pub fn str(self, s: &str) -> Fnv {
        self.bytes(s.as_bytes())
    }

    #[inline]
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// The hash of one whole string.
pub(crate) fn fnv(s: &[u8]) -> u64 {
    Fnv::new().bytes(s).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_hash_like_the_whole() {
        assert_eq!(Fnv::new().str("w=").str("said").finish(), fnv(b"w=said"));
        // The published FNV-1a 64 test vectors.
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
