"""`ex.pipe(texts, n_threads=2)` against `n_threads=1`, gated by a control job.

On a shared machine a second core is not always free, so each round first runs a
control: SHA-256 over 8 MiB buffers (hashlib releases the GIL), on one thread and then
the same work on two. Then, in the same round, `pipe` with 1 and 2 threads for the full
default pipeline and for the matcher options (link=False, quotes=False), on PolNeAR
train + dev articles cycled to `--mb` MB, default gazetteer. The table gives the median
2-thread/1-thread ratio over every round (ungated) and over the rounds whose control
ratio is at least `--gate` (gated: a second core was free). Issue 18 target: >= 1.85x.

Run:  python bench/threads_gated.py [--rounds 7] [--mb 4] [--gate 1.9]
(an interpreter with a release build of namedrop; `--out FILE` saves the rounds)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

BUFFER = bytes(8 << 20)


def _hash(times: int) -> None:
    for _ in range(times):
        hashlib.sha256(BUFFER).digest()


def control(work: int = 24) -> float:
    """The control's 2-thread speed-up: 1.0 when no second core is free, ~2.0 when one
    is."""
    t0 = time.perf_counter()
    _hash(work)
    one = time.perf_counter() - t0
    threads = [threading.Thread(target=_hash, args=(work // 2,)) for _ in range(2)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return one / (time.perf_counter() - t0)


def pipe_seconds(ex, texts: list[str], n_threads: int) -> float:
    t0 = time.perf_counter()
    for _ in ex.pipe(texts, n_threads=n_threads):
        pass
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--gate", type=float, default=1.9)
    ap.add_argument("--out", type=Path)
    a = ap.parse_args()
    import namedrop as nd

    g = nd.Gazetteer.default()
    extractors = {
        "full": nd.Extractor(g),
        "matcher options": nd.Extractor(g, link=False, quotes=False),
    }
    texts = corpus.cycled(a.mb, corpus.polnear_dir("train"))
    mb = corpus.nbytes(texts) / 1e6
    for ex in extractors.values():
        pipe_seconds(ex, texts[:200], 2)  # warm up: pools, caches
    rounds = []
    for r in range(a.rounds):
        row: dict[str, float] = {"control": control()}
        for name, ex in extractors.items():
            one = pipe_seconds(ex, texts, 1)
            two = pipe_seconds(ex, texts, 2)
            row[f"{name} 1t MB/s"] = mb / one
            row[name] = one / two
        rounds.append(row)
        print(f"round {r + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in row.items()), flush=True)
    gated = [r for r in rounds if r["control"] >= a.gate]
    print(f"\n{mb:.1f} MB, {a.rounds} rounds, {len(gated)} with control >= {a.gate}")
    print("| configuration | 1 thread MB/s | 2/1 ungated | 2/1 gated |")
    print("|---|---:|---:|---:|")
    for name in extractors:
        med = statistics.median(r[name] for r in rounds)
        gmed = f"{statistics.median(r[name] for r in gated):.2f}x" if gated else "–"
        speed = statistics.median(r[f"{name} 1t MB/s"] for r in rounds)
        print(f"| {name} | {speed:.1f} | {med:.2f}x | {gmed} |")
    if a.out:
        a.out.write_text(json.dumps({"mb": mb, "gate": a.gate, "rounds": rounds}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
