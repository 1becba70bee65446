"""Export a crfsuite model to data/model/reported.bin, the file the Rust core embeds.

    python export.py MODEL.crfsuite [OUT.bin] [--bits 16|8] [--obias -0.15]

Format (all little-endian; docs/reported.md has the same table):

    magic      8 bytes  b"NDRPTD\\x00\\x01"
    L          u32      number of labels
    N          u32      number of feature rows
    scale      f32      weight = quantised * scale
    obias      f32      added to the emission score of label "O"
    bits       u32      16 (i16 weights) or 8 (i8 weights)
    labels     L x (u8 length, UTF-8 bytes)   e.g. "B-SRC", "O"
    trans      L*L f32  trans[a*L + b]: score of label a followed by label b
    keys       N u64    FNV-1a 64 of each feature string (UTF-8), strictly ascending
    weights    N*L i16 (or i8)   row k: the weights of keys[k] for each label
    checksum   u64      FNV-1a 64 of every byte before it

No feature strings are stored: the Rust tagger hashes its own feature strings
(src/reported/features.rs) and looks the hashes up. Rows whose quantised weights are
all zero are dropped.
"""
import argparse
import os
import struct

import numpy as np
import viterbi
from paths import MODEL_BIN

MAGIC = b"NDRPTD\x00\x01"


def fnv(data):
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def export(model_path, out, bits=16, obias=-0.15):
    m = viterbi.Model(model_path)
    L = len(m.labels)
    qmax = 32767 if bits == 16 else 127
    top = max(float(np.abs(v).max()) for v in m.w.values())
    scale = top / qmax
    rows = {}
    for attr, v in m.w.items():
        q = np.round(v / scale).astype(np.int32)
        if not q.any():
            continue
        k = fnv(attr.encode("utf-8"))
        if k in rows:
            raise SystemExit(f"hash collision on {attr!r}")
        rows[k] = q
    keys = sorted(rows)
    body = bytearray(MAGIC)
    body += struct.pack("<IIffI", L, len(keys), scale, obias, bits)
    for lab in m.labels:
        b = lab.encode()
        body += struct.pack("<B", len(b)) + b
    body += struct.pack(f"<{L * L}f", *m.trans.flatten())
    body += struct.pack(f"<{len(keys)}Q", *keys)
    fmt = "h" if bits == 16 else "b"
    for k in keys:
        body += struct.pack(f"<{L}{fmt}", *rows[k])
    body += struct.pack("<Q", fnv(body))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        f.write(body)
    print(f"{out}: {L} labels, {len(keys)} rows of {len(m.w)} attributes, {bits}-bit, "
          f"scale {scale:.3g}, {len(body) / 1e6:.2f} MB")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("out", nargs="?", default=MODEL_BIN)
    ap.add_argument("--bits", type=int, default=16, choices=(8, 16))
    ap.add_argument("--obias", type=float, default=-0.15)
    a = ap.parse_args()
    export(a.model, a.out, a.bits, a.obias)
