//! Emission scores from feature hashes and first-order Viterbi: what
//! `tools/reported/viterbi.py` computes (the model's weights summed per label, the O
//! bias added to O, ties resolved towards the lower label index as numpy's argmax).

use super::model::{Model, MAX_LABELS};

/// Reusable buffers of the tagger.
#[derive(Default)]
pub(crate) struct Lattice {
    /// Emission scores, token-major, one per label (filled by `emit::emissions`).
    pub em: Vec<f32>,
    back: Vec<u8>,
}

/// Fills `em` (token-major, L per token) from the features of each token: the
/// definition `emit::emissions` computes faster (the tests compare the two), and the
/// way of models too wide for it.
pub(crate) fn emissions(model: &Model, feats: &[u64], starts: &[u32], em: &mut Vec<f32>) {
    let l = model.n_labels();
    let n = starts.len().saturating_sub(1);
    em.clear();
    em.resize(n * l, 0.0);
    let mut acc = [0i32; MAX_LABELS];
    for t in 0..n {
        acc[..l].fill(0);
        for &k in &feats[starts[t] as usize..starts[t + 1] as usize] {
            if let Some(row) = model.row(k) {
                for (a, &w) in acc[..l].iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
        let e = &mut em[t * l..(t + 1) * l];
        for (e, &a) in e.iter_mut().zip(&acc[..l]) {
            *e = a as f32 * model.scale;
        }
        e[model.o] += model.obias;
    }
}

/// Lanes of the fixed-width step: models of up to 16 labels (the shipped one has 10;
/// four 4-lane vectors: a width the compiler keeps in registers, where 12 lanes made
/// it shuffle).
const W: usize = 16;

/// One step of models of up to `W` labels: every next label b at once for each
/// previous label a in order; `>` keeps the first best a, as numpy's argmax. The
/// lanes are fixed (those past the labels are never read) and both selects are
/// same-width lane masks: the inner loop compiles to vector code.
#[inline]
fn step_w(trans: &[[f32; W]; W], score: &mut [f32; W], em: &[f32], back: &mut [u8]) {
    let mut best = [f32::NEG_INFINITY; W];
    let mut arg = [0f32; W];
    for a in 0..em.len() {
        let (s, af) = (score[a], a as f32);
        for b in 0..W {
            let v = s + trans[a][b];
            let m = v > best[b];
            best[b] = if m { v } else { best[b] };
            arg[b] = if m { af } else { arg[b] };
        }
    }
    for (b, (&e, bp)) in em.iter().zip(back.iter_mut()).enumerate() {
        score[b] = best[b] + e;
        *bp = arg[b] as u8;
    }
}

/// One step of any model.
fn step_any(l: usize, trans: &[f32], score: &mut [f32], em: &[f32], back: &mut [u8]) {
    let mut next = [0f32; MAX_LABELS];
    for (b, (nx, bp)) in next[..l].iter_mut().zip(back.iter_mut()).enumerate() {
        let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
        for (a, &s) in score[..l].iter().enumerate() {
            let v = s + trans[a * l + b];
            if v > best {
                (best, arg) = (v, a);
            }
        }
        *nx = best + em[b];
        *bp = arg as u8;
    }
    score[..l].copy_from_slice(&next[..l]);
}

/// The best label sequence (label indices) for the emissions in `lat.em`.
pub(crate) fn tag(model: &Model, lat: &mut Lattice, out: &mut Vec<u8>) {
    let l = model.n_labels();
    let n = lat.em.len() / l;
    out.clear();
    if n == 0 {
        return;
    }
    lat.back.clear();
    lat.back.resize(n * l, 0);
    let mut score = [0f32; MAX_LABELS];
    score[..l].copy_from_slice(&lat.em[..l]);
    let mut wide = [[0f32; W]; W];
    let mut lanes = [f32::NEG_INFINITY; W];
    if l <= W {
        for (a, row) in wide.iter_mut().enumerate().take(l) {
            row[..l].copy_from_slice(&model.trans[a * l..(a + 1) * l]);
        }
        lanes[..l].copy_from_slice(&score[..l]);
    }
    let steps = lat
        .em
        .chunks_exact(l)
        .zip(lat.back.chunks_exact_mut(l))
        .skip(1);
    for (em, back) in steps {
        if l <= W {
            step_w(&wide, &mut lanes, em, back);
        } else {
            step_any(l, &model.trans, &mut score, em, back);
        }
    }
    if l <= W {
        score[..l].copy_from_slice(&lanes[..l]);
    }
    let mut arg = 0;
    for a in 1..l {
        if score[a] > score[arg] {
            arg = a;
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg as u8;
    for t in (1..n).rev() {
        arg = lat.back[t * l + arg] as usize;
        out[t - 1] = arg as u8;
    }
}
