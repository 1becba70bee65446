"""Tokenise PolNeAR docs, run namedrop, build gold role tags; cache to pickle.

    python prep.py train dev      (needs namedrop importable: the Python API built from this branch)
"""
import os
import pickle
import re
import sys

from paths import SHARED, cache, require_shared

require_shared()
import polnear_attrib_eval as pae  # noqa: E402
import polnear_eval as pe  # noqa: E402

ROOT = os.path.join(SHARED, "data", "polnear")
TOK = re.compile(r"\w+(?:[’'.\-]\w+)*|[“”\"‘’']|[^\w\s]")


def tokenize(text):
    """-> list of (start, end, paragraph_index)"""
    out, para, pos = [], 0, 0
    for p in text.split("\n"):
        for m in TOK.finditer(p):
            out.append((pos + m.start(), pos + m.end(), para))
        pos += len(p) + 1
        para += 1
    return out


def gold_tags(text, toks, relations, spans, side=False):
    """Flat role tags, outer relation wins: SRC / CUE / CON with B-/I-."""
    rels = []
    for rel in relations:
        frags = {"CON": [], "CUE": [], "SRC": []}
        for role, t in rel.items():
            if t not in spans:
                continue
            key = "CON" if role.startswith("Content") else "CUE" if role.startswith("Cue") else \
                "SRC" if role.startswith("Source") else None
            if key:
                frags[key] += spans[t][1]
        if not frags["CON"]:
            continue
        size = sum(b - a for a, b in frags["CON"])
        rels.append((size, frags))
    rels.sort(key=lambda r: -r[0])
    lab = [None] * len(toks)
    rid = [None] * len(toks)
    for ri, (_, frags) in enumerate(rels):
        # tokens of this relation
        cells = []
        for key in ("CON", "CUE", "SRC"):
            for a, b in frags[key]:
                for i, (s, e, _) in enumerate(toks):
                    if s < b and e > a:
                        cells.append((i, key))
        if any(lab[i] is not None for i, _ in cells):
            # nested inside an outer relation: only the outer is tagged
            continue
        sfx = ""
        if side and frags["CUE"]:
            sfx = "a" if min(frags["CON"])[0] >= min(frags["CUE"])[0] else "b"
        for i, key in cells:
            lab[i] = key + (sfx if key == "CON" else "")
            rid[i] = ri
    tags = []
    for i in range(len(toks)):
        if lab[i] is None:
            tags.append("O")
        else:
            prev_same = i > 0 and lab[i - 1] == lab[i] and rid[i - 1] == rid[i] and toks[i - 1][2] == toks[i][2]
            tags.append(("I-" if prev_same else "B-") + lab[i])
    return tags


def run(split):
    import namedrop as nd

    ex = nd.Extractor(nd.Gazetteer.default(), indirect=False)
    docs = pae.load(split, ROOT)
    out = []
    for d in docs:
        text = d["text"]
        anns = sorted([os.path.join(ROOT, split, "attributions", f) for f in
                       os.listdir(os.path.join(ROOT, split, "attributions"))
                       if f == d["name"] + ".ann" or f.startswith(d["name"] + "_")])
        spans, relations = pe.parse_ann(anns[0]) if anns else ({}, [])
        toks = tokenize(text)
        doc = ex(text)
        ents = [(m.start, m.end, m.label, m.source) for m in doc.entities]
        quotes = []
        for q in doc.quotes:
            sp = q.speaker
            quotes.append((q.start, q.end, q.kind, sp.start if sp else None, sp.end if sp else None,
                           q.cue_start, q.cue_end))
        out.append({"name": d["name"], "text": text, "toks": toks, "tags": gold_tags(text, toks, relations, spans),
                    "tags_side": gold_tags(text, toks, relations, spans, side=True),
                    "ents": ents, "quotes": quotes})
    with open(cache(f"{split}.pkl"), "wb") as f:
        pickle.dump(out, f)
    print(split, len(out), sum(len(d["toks"]) for d in out))


if __name__ == "__main__":
    for s in sys.argv[1:]:
        run(s)
