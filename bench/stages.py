"""Articles/s of each option set (the stages it runs), for one or more builds.

Option sets: full (every default on), indirect=False (no reported-speech stage),
link=False, quotes=False, matcher-only (link=False, quotes=False). A build without an
option (indirect= came with the reported-speech stage) gets no row for that set.
Each uses the default gazetteer on the PolNeAR train and
dev articles, one `ex(text)` call per article on one thread, after a warm-up pass.
Given several interpreters (e.g. a venv with the build before a change and one
after), rounds interleave them: before, after, before, after, ... so that machine
load falls on both alike; the table reports the median of the rounds.

Run:  python bench/stages.py --python BEFORE/bin/python --python AFTER/bin/python \
          --rounds 5 --seconds 2 [--label before --label after]
      python bench/stages.py            (the current interpreter only)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

OPTION_SETS = {
    "full": {},
    "indirect=False": {"indirect": False},
    "link=False": {"link": False},
    "quotes=False": {"quotes": False},
    "matcher-only": {"link": False, "quotes": False},
}


def measure(seconds: float) -> dict[str, float]:
    """One round in this process: articles/s per option set."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus
    from pipeline import repeat_for

    import namedrop as nd

    texts = corpus.articles("train") + corpus.articles("dev")
    g = nd.Gazetteer.default()
    out = {}
    for name, options in OPTION_SETS.items():
        try:
            ex = nd.Extractor(g, **options)
        except TypeError:  # an older build without this option
            continue
        for t in texts:  # warm-up
            ex(t)
        done, secs = repeat_for(ex, texts, seconds)
        out[name] = done / secs
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", action="append", help="interpreter with namedrop installed")
    ap.add_argument("--label", action="append", help="a name per --python")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(measure(a.seconds)))
        return
    pythons = a.python or [sys.executable]
    labels = a.label or [Path(p).parent.parent.name for p in pythons]
    results: dict[str, list[dict[str, float]]] = {label: [] for label in labels}
    for r in range(a.rounds):
        for python, label in zip(pythons, labels, strict=True):
            cmd = [python, __file__, "--child", "--seconds", str(a.seconds)]
            res = json.loads(subprocess.run(cmd, check=True, capture_output=True).stdout)
            results[label].append(res)
            print(f"round {r + 1} {label}: " + ", ".join(f"{k} {v:.0f}" for k, v in res.items()),
                  file=sys.stderr)
    print("| option set | " + " | ".join(f"{lab} (articles/s)" for lab in labels) + " |")
    print("|---|" + "---|" * len(labels))
    for name in OPTION_SETS:
        cells = [
            f"{statistics.median(r[name] for r in results[lab]):.0f}"
            if all(name in r for r in results[lab]) else "–"
            for lab in labels
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(json.dumps({lab: results[lab] for lab in labels}))


if __name__ == "__main__":
    main()
