"""Read data/model/reported.bin in Python (the format of export.py) and tag with it:
the same weights and arithmetic as the Rust tagger, for checks without crfsuite."""
import struct

import numpy as np
from export import MAGIC, fnv
from paths import MODEL_BIN


class BinModel:
    def __init__(self, path=MODEL_BIN):
        data = open(path, "rb").read()
        assert data[:8] == MAGIC, "bad magic"
        assert fnv(data[:-8]) == struct.unpack("<Q", data[-8:])[0], "checksum"
        L, N, self.scale, self.obias, bits = struct.unpack_from("<IIffI", data, 8)
        p = 28
        self.labels = []
        for _ in range(L):
            n = data[p]
            self.labels.append(data[p + 1:p + 1 + n].decode())
            p += 1 + n
        self.trans = np.array(struct.unpack_from(f"<{L * L}f", data, p), dtype=np.float32).reshape(L, L)
        p += 4 * L * L
        keys = struct.unpack_from(f"<{N}Q", data, p)
        p += 8 * N
        dt = np.int16 if bits == 16 else np.int8
        w = np.frombuffer(data, dtype=dt, count=N * L, offset=p).reshape(N, L).astype(np.int32)
        self.rows = dict(zip(keys, w, strict=False))
        self.o = self.labels.index("O")

    def tag(self, xseq):
        """xseq: per token, a list of feature strings."""
        L = len(self.labels)
        em = np.zeros((len(xseq), L), dtype=np.float32)
        for i, fs in enumerate(xseq):
            acc = np.zeros(L, dtype=np.int32)
            for a in fs:
                r = self.rows.get(fnv(a.encode("utf-8")))
                if r is not None:
                    acc += r
            em[i] = acc.astype(np.float32) * np.float32(self.scale)
        em[:, self.o] += np.float32(self.obias)
        score = em[0].copy()
        back = np.zeros((len(xseq), L), dtype=int)
        for i in range(1, len(xseq)):
            cand = score[:, None] + self.trans
            back[i] = cand.argmax(0)
            score = cand.max(0) + em[i]
        best = [int(score.argmax())]
        for i in range(len(xseq) - 1, 0, -1):
            best.append(int(back[i, best[-1]]))
        return [self.labels[k] for k in reversed(best)]
