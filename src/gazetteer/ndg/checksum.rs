//! The `.ndg` payload checksum: fast, not cryptographic (see the module docs on trust).

pub(super) const P1: u64 = 0x9E37_79B9_7F4A_7C15;
pub(super) const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;

/// A fast 64-bit checksum (not cryptographic): four independent lanes of
/// xor-multiply-rotate over 8-byte words, so any single changed word changes the sum.
/// Fed in pieces, it gives the same sum as over the whole data at once.
pub(super) struct Checksum {
    lanes: [u64; 4],
    /// The bytes of an incomplete 32-byte block.
    pending: [u8; 32],
    n_pending: usize,
    total: u64,
}

impl Checksum {
    pub(super) fn new() -> Self {
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

    pub(super) fn update(&mut self, mut data: &[u8]) {
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

    pub(super) fn finish(mut self) -> u64 {
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
pub(super) fn checksum(data: &[u8]) -> u64 {
    let mut c = Checksum::new();
    c.update(data);
    c.finish()
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
