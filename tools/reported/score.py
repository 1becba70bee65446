"""Score predictions with the shared scorers (same functions, same gold)."""
import os

from paths import SHARED, require_shared

require_shared()
import polnear_attrib_eval as pae  # noqa: E402

ROOT = os.path.join(SHARED, "data", "polnear")
_GOLD = {}


def gold(split):
    if split not in _GOLD:
        _GOLD[split] = {d["name"]: d for d in pae.load(split, ROOT)}
    return _GOLD[split]


def report(split, names, preds, label=""):
    g = gold(split)
    docs = [g[n] for n in names]
    res = {v: pae.score_view(docs, preds, v) for v in ("indirect", "all")}
    for v in ("indirect", "all"):
        r = res[v]
        print(f"{label} {v.upper():8s} P {r['P']:.3f} R {r['R']:.3f} F1 {r['F1']:.3f} source {r['attr_acc']:.3f} "
              f"e2e P {r['e2e_P']:.3f} R {r['e2e_R']:.3f} F1 {r['e2e_F1']:.3f} ({r['counts']['pred']} pred, {r['counts']['gold']} gold)")
    return res
