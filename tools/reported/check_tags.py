"""Check the Rust tagger against the Python training code on PolNeAR (default: dev).

    python tools/reported/check_tags.py [--split dev] [--crfsuite MODEL] [--limit N]

Skips (exit 0, a SKIP line) when ../shared is absent. For every document it runs the
Rust example binary `reported_dump --features` and, from the same namedrop mentions
and quotes, the Python feature code (feats.py) and decoder (decode.py); it compares:

1. tokens (Rust tokens vs prep.tokenize),
2. feature hashes per token (as multisets),
3. tags: Rust vs the Python tagger over data/model/reported.bin (binmodel.py, same
   weights), and, with --crfsuite (needs python-crfsuite), vs the float crfsuite model,
4. items (content and source spans) and the polnear_attrib_eval scores of both.
With the Python API importable it also reports whether its mentions and quotes equal
the Rust binary's. Exit status 1 on any token, feature or quantised-tag mismatch.
"""
import argparse
import collections
import sys

from paths import require_shared

require_shared()

import decode  # noqa: E402
import feats  # noqa: E402
import polnear_attrib_eval as pae  # noqa: E402
import score  # noqa: E402
from binmodel import BinModel  # noqa: E402
from export import fnv  # noqa: E402
from prep import ROOT, tokenize  # noqa: E402
from rustdump import dump  # noqa: E402


def api_inputs(texts):
    try:
        import namedrop as nd
    except ImportError:
        return None
    ex = nd.Extractor(nd.Gazetteer.default(), indirect=False)
    out = []
    for t in texts:
        doc = ex(t)
        out.append(([[m.start, m.end, m.label, m.source] for m in doc.entities],
                    [[q.start, q.end, q.kind] for q in doc.quotes]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--crfsuite", help="the float crfsuite model to compare tags with")
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()
    docs = pae.load(a.split, ROOT)[:a.limit]
    texts = [d["text"] for d in docs]
    rust = dump(texts, features=True)
    api = api_inputs(texts)
    bm = BinModel()
    crf = None
    if a.crfsuite:
        import viterbi
        crf = viterbi.Model(a.crfsuite)
    c = collections.Counter()
    names, py_items, rs_items, crf_items = [], [], [], []
    for d, r, k in zip(docs, rust, range(len(docs)), strict=False):
        text = d["text"]
        pd = {"text": text, "toks": tokenize(text), "ents": [tuple(e) for e in r["ents"]],
              "quotes": [tuple(q[:3]) for q in r["quotes"]]}
        if api is not None:
            c["api_same_inputs"] += api[k] == (r["ents"], [q[:3] for q in r["quotes"]])
        c["tokens_same"] += [list(t[:2]) for t in pd["toks"]] == r["tokens"]
        paras = feats.doc_features(pd)
        flat = [f for _, fs, _ in paras for f in fs]
        for fs, rh in zip(flat, r["features"], strict=False):
            c["features_tok"] += 1
            c["features_same"] += sorted(fnv(x.encode()) for x in fs) == sorted(rh)
        tags = [bm.tag(fs) for _, fs, _ in paras]
        flat_tags = [t for ts in tags for t in ts]
        c["tags"] += len(flat_tags)
        c["tags_same_bin"] += sum(x == y for x, y in zip(flat_tags, r["labels"], strict=False))
        regions = [(q[0], q[1]) for q in pd["quotes"]]
        direct = [(q[0], q[1], q[3], q[4]) for q in r["quotes"] if q[2] != "other"]
        if crf is not None:
            ctags = [crf.tag(fs, -0.15) for _, fs, _ in paras]
            ft = [t for ts in ctags for t in ts]
            c["tags_same_crf"] += sum(x == y for x, y in zip(ft, r["labels"], strict=False))
            ci = decode.items(pd, ctags, paras, regions=regions)
            crf_items.append(sorted(ci + direct, key=lambda p: p[0]))
        pi = decode.items(pd, tags, paras, regions=regions)
        ri = [tuple(x) for x in r["items"]]
        c["items_py"] += len(pi)
        c["items_same_doc"] += sorted(pi) == sorted(ri)
        names.append(d["name"])
        py_items.append(sorted(pi + direct, key=lambda p: p[0]))
        rs_items.append(sorted(ri + direct, key=lambda p: p[0]))
    n = len(docs)
    print(f"{a.split}: {n} docs, {c['tags']} tokens")
    if api is not None:
        print(f"  Python API mentions+quotes equal the Rust binary's: {c['api_same_inputs']}/{n} docs")
    print(f"  tokens equal: {c['tokens_same']}/{n} docs")
    print(f"  features equal: {c['features_same']}/{c['features_tok']} tokens")
    print(f"  tags equal (Python over reported.bin): {c['tags_same_bin']}/{c['tags']}")
    if crf is not None:
        print(f"  tags equal (Python crfsuite float model): {c['tags_same_crf']}/{c['tags']} "
              f"({c['tags_same_crf'] / max(1, c['tags']):.5f})")
    print(f"  items equal: {c['items_same_doc']}/{n} docs ({c['items_py']} Python items)")
    score.report(a.split, names, py_items, "python")
    score.report(a.split, names, rs_items, "rust  ")
    if crf is not None:
        score.report(a.split, names, crf_items, "crfsuite float")
    ok = (c["tokens_same"] == n and c["features_same"] == c["features_tok"]
          and c["tags_same_bin"] == c["tags"] and c["items_same_doc"] == n)
    print("OK" if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
