"""Train the reported-speech tagger (CRF, python-crfsuite) on PolNeAR train, evaluate,
and export data/model/reported.bin.

  python prep.py train dev                  # tokens, namedrop mentions/quotes, gold tags
  python train.py --eval dev --export       # the shipped model: all 840 train docs
  python train.py --name m1 --train-docs 0:700 --eval train:700:840   # a held-out split
"""
import argparse
import os
import pickle
import time

import decode
import export
import feats
import pycrfsuite
import score
from paths import cache

ap = argparse.ArgumentParser()
ap.add_argument("--name", default="reported")
ap.add_argument("--train-docs", default="0:840")
ap.add_argument("--eval", action="append", default=[])
ap.add_argument("--algo", default="lbfgs")
ap.add_argument("--c1", type=float, default=0.8)
ap.add_argument("--c2", type=float, default=0.2)
ap.add_argument("--iters", type=int, default=100)
ap.add_argument("--minfreq", type=int, default=2)
ap.add_argument("--no-train", action="store_true")
ap.add_argument("--tagkey", default="tags_side")
ap.add_argument("--obias", type=float, default=-0.15)
ap.add_argument("--export", action="store_true", help="write data/model/reported.bin")
args = ap.parse_args()

def load(split):
    return pickle.load(open(cache(f"{split}.pkl"), "rb"))

model = cache(f"{args.name}.crfsuite")
if not args.no_train:
    a, b = map(int, args.train_docs.split(":"))
    docs = load("train")[a:b]
    t = time.time()
    tr = pycrfsuite.Trainer(algorithm=args.algo, verbose=False)
    n = 0
    for d in docs:
        for idx, f, _ in feats.doc_features(d):
            tr.append(f, [d[args.tagkey][i] for i in idx])
            n += len(idx)
    print(f"features {time.time()-t:.0f}s, {n} tokens", flush=True)
    params = {"max_iterations": args.iters, "feature.minfreq": args.minfreq}
    if args.algo == "lbfgs":
        params.update({"c1": args.c1, "c2": args.c2})
    tr.set_params(params)
    t = time.time()
    tr.train(model)
    print(f"trained {time.time()-t:.0f}s, {os.path.getsize(model)/1e6:.1f} MB", flush=True)

import viterbi  # noqa: E402  (after training: it opens the trained model)

tg = viterbi.Model(model)
for spec in args.eval:
    parts = spec.split(":")
    split = parts[0]
    docs = load(split)
    if len(parts) == 3:
        docs = docs[int(parts[1]):int(parts[2])]
    names, preds, predsall = [], [], []
    t = time.time()
    ntok = 0
    for d in docs:
        paras = feats.doc_features(d)
        tags = [tg.tag(f, args.obias) for _, f, _ in paras]
        ntok += len(d["toks"])
        regions = [(q[0], q[1]) for q in d["quotes"]]  # any quote namedrop found
        it = decode.items(d, tags, paras, regions=regions)
        direct = [(q[0], q[1], q[3], q[4]) for q in d["quotes"] if q[2] != "other"]
        names.append(d["name"])
        preds.append(it)
        predsall.append(it + direct)
    print(f"tagged {len(docs)} docs in {time.time()-t:.1f}s")
    score.report(split, names, predsall, f"{args.name} {spec}")
    pickle.dump((names, predsall), open(cache(f"{args.name}.{spec.replace(':','_')}.pred.pkl"), "wb"))
if args.export:
    export.export(model, export.MODEL_BIN, 16, args.obias)
