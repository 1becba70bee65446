"""Portable inference: weights dumped from crfsuite into dicts, Viterbi in plain numpy
(the Rust port does the same with hashed features). obias: added to O's emission score."""
import numpy as np
import pycrfsuite


class Model:
    def __init__(self, path):
        tg = pycrfsuite.Tagger()
        tg.open(path)
        info = tg.info()
        self.labels = sorted(set(lab for (_, lab) in info.state_features) | set(a for a, _ in info.transitions))
        self.li = {lab: i for i, lab in enumerate(self.labels)}
        L = len(self.labels)
        self.trans = np.zeros((L, L))
        for (a, b), w in info.transitions.items():
            self.trans[self.li[a], self.li[b]] = w
        self.w = {}
        for (attr, lab), wt in info.state_features.items():
            self.w.setdefault(attr, np.zeros(L))[self.li[lab]] = wt
        self.n_attr = len(self.w)
        self.n_weights = len(info.state_features)

    def tag(self, xseq, obias=0.0, bias=None):
        L = len(self.labels)
        n = len(xseq)
        em = np.zeros((n, L))
        for i, fs in enumerate(xseq):
            for a in fs:
                v = self.w.get(a)
                if v is not None:
                    em[i] += v
        em[:, self.li["O"]] += obias
        if bias:
            for lab, b in bias.items():
                if lab in self.li:
                    em[:, self.li[lab]] += b
        score = em[0].copy()
        back = np.zeros((n, L), dtype=int)
        for i in range(1, n):
            cand = score[:, None] + self.trans
            back[i] = cand.argmax(0)
            score = cand.max(0) + em[i]
        best = [int(score.argmax())]
        for i in range(n - 1, 0, -1):
            best.append(int(back[i, best[-1]]))
        return [self.labels[k] for k in reversed(best)]
