//! Emission scores from feature hashes and first-order Viterbi: what
//! `tools/reported/viterbi.py` computes (the model's weights summed per label, the O
//! bias added to O, ties resolved towards the lower label index as numpy's argmax).

use super::model::{Model, MAX_LABELS};

/// Reusable buffers of the tagger.
#[derive(Default)]
pub(crate) struct Lattice {
    /// Emission scores, token-major, one per label (filled by `emit::emissions`).
    pub em: Vec<f32>,
    /// Back-pointers (models of more than `W` labels).
    back: Vec<u8>,
    /// The scores after each token (models of up to `W` labels).
    scores: Vec<[f32; W]>,
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

/// Lanes of the fixed-width path: models of up to 16 labels (the shipped one has 10;
/// four 4-lane vectors, a width the compiler keeps in registers).
const W: usize = 16;

/// One forward step of models of up to `W` labels: `next[b]` = max over a of
/// `score[a] + trans[a][b]`, plus b's emission. Only the maxima: which a gave them is
/// found again for the one label the backtrace follows (`best_prev`), so the step is
/// an add and a max per lane, in fixed-width vectors (lanes past the labels unread).
#[inline]
fn step_w(trans: &[[f32; W]; W], score: &[f32; W], em: &[f32], next: &mut [f32; W]) {
    let mut best = [f32::NEG_INFINITY; W];
    for a in 0..em.len() {
        let s = score[a];
        for b in 0..W {
            let v = s + trans[a][b];
            best[b] = if v > best[b] { v } else { best[b] };
        }
    }
    *next = best;
    for (n, &e) in next.iter_mut().zip(em) {
        *n += e;
    }
}

/// The previous label of label `b` after `score`: the first a (`>`, as numpy's
/// argmax) maximising `score[a] + trans[a][b]`, the very sums `step_w` compared.
fn best_prev(trans: &[[f32; W]; W], score: &[f32; W], l: usize, b: usize) -> usize {
    let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
    for a in 0..l {
        let v = score[a] + trans[a][b];
        if v > best {
            (best, arg) = (v, a);
        }
    }
    arg
}

/// One step of any model, with its back-pointers.
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

/// The first label of the best score.
fn argmax(score: &[f32]) -> usize {
    let mut arg = 0;
    for a in 1..score.len() {
        if score[a] > score[arg] {
            arg = a;
        }
    }
    arg
}

/// The best label sequence (label indices) for the emissions in `lat.em`.
pub(crate) fn tag(model: &Model, lat: &mut Lattice, out: &mut Vec<u8>) {
    let l = model.n_labels();
    let n = lat.em.len() / l;
    out.clear();
    if n == 0 {
        return;
    }
    out.resize(n, 0);
    if l <= W {
        tag_w(model, lat, out);
    } else {
        tag_any(model, lat, out);
    }
}

/// `tag` for any model: back-pointers kept at every step.
fn tag_any(model: &Model, lat: &mut Lattice, out: &mut [u8]) {
    let (l, n) = (model.n_labels(), out.len());
    lat.back.clear();
    lat.back.resize(n * l, 0);
    let mut score = [0f32; MAX_LABELS];
    score[..l].copy_from_slice(&lat.em[..l]);
    let steps = lat
        .em
        .chunks_exact(l)
        .zip(lat.back.chunks_exact_mut(l))
        .skip(1);
    for (em, back) in steps {
        step_any(l, &model.trans, &mut score, em, back);
    }
    let mut arg = argmax(&score[..l]);
    out[n - 1] = arg as u8;
    for t in (1..n).rev() {
        arg = lat.back[t * l + arg] as usize;
        out[t - 1] = arg as u8;
    }
}

/// `tag` for models of up to `W` labels: the scores of every step are kept, and the
/// backtrace finds each previous label from them.
fn tag_w(model: &Model, lat: &mut Lattice, out: &mut [u8]) {
    let (l, n) = (model.n_labels(), out.len());
    let mut trans = [[0f32; W]; W];
    for (a, row) in trans.iter_mut().enumerate().take(l) {
        row[..l].copy_from_slice(&model.trans[a * l..(a + 1) * l]);
    }
    lat.scores.clear();
    lat.scores.resize(n, [f32::NEG_INFINITY; W]);
    lat.scores[0][..l].copy_from_slice(&lat.em[..l]);
    for t in 1..n {
        let (done, next) = lat.scores.split_at_mut(t);
        step_w(
            &trans,
            &done[t - 1],
            &lat.em[t * l..(t + 1) * l],
            &mut next[0],
        );
    }
    let mut arg = argmax(&lat.scores[n - 1][..l]);
    out[n - 1] = arg as u8;
    for t in (1..n).rev() {
        arg = best_prev(&trans, &lat.scores[t - 1], l, arg);
        out[t - 1] = arg as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixed-width path (lazy back-pointers) and the general one agree, ties
    /// included (emissions on a coarse grid make many).
    #[test]
    fn both_paths_pick_the_same_labels() {
        let model = Model::embedded().unwrap();
        let l = model.n_labels();
        let mut x = 12345u64;
        for n in [1, 2, 3, 50, 400] {
            let em = (0..n * l)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((x >> 60) as f32 - 8.0) * 0.5
                })
                .collect();
            let mut lat = Lattice {
                em,
                ..Lattice::default()
            };
            let (mut a, mut b) = (vec![0; n], vec![0; n]);
            tag_w(&model, &mut lat, &mut a);
            tag_any(&model, &mut lat, &mut b);
            assert_eq!(a, b, "{n} tokens");
        }
    }
}
