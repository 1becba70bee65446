"""`ex.pipe(texts, n_threads=2)` against `n_threads=1`, gated by a control job.

On a shared machine a second core is not always free, so each measurement is bracketed
by a control: SHA-256 over 8 MiB buffers (hashlib releases the GIL), on one thread and
then the same work on two. Between the two controls `pipe` runs with 1 and 2 threads
(the order alternating by round) for the full default pipeline and for the matcher
options (link=False, quotes=False), on PolNeAR train articles cycled to `--mb` MB,
default gazetteer. One `pipe` call streams the list `reps` times over, so that each
timing lasts about `--seconds` (the matcher runs ~20x faster than the full pipeline,
and a timing of a tenth of a second is mostly noise). The table gives the median
2-thread/1-thread ratio over every round (ungated) and over the rounds whose lower
control ratio is at least `--gate` (gated: a second core was free before and after).
Issue 18 target: >= 1.85x.

Run:  python bench/threads_gated.py [--rounds 7] [--mb 4] [--seconds 1] [--gate 1.9]
(an interpreter with a release build of namedrop; `--out FILE` saves the rounds)
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
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


def pipe_seconds(ex, texts: list[str], n_threads: int, reps: int = 1) -> float:
    """One `pipe` call over a stream of `reps` passes of `texts` (as a user streams a
    large corpus: a call per pass would time the pipeline's fill and drain each time,
    with a 4 MB pass only ~3 batches of the matcher long)."""
    stream = itertools.chain.from_iterable(itertools.repeat(texts, reps))
    t0 = time.perf_counter()
    for _ in ex.pipe(stream, n_threads=n_threads):
        pass
    return time.perf_counter() - t0


def measure(ex, texts: list[str], reps: int, one_first: bool) -> dict[str, float]:
    """One bracketed pair: the lower of the controls around it, and both timings."""
    before = control()
    if one_first:
        one = pipe_seconds(ex, texts, 1, reps)
        two = pipe_seconds(ex, texts, 2, reps)
    else:
        two = pipe_seconds(ex, texts, 2, reps)
        one = pipe_seconds(ex, texts, 1, reps)
    return {"control": min(before, control()), "one": one, "two": two}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--gate", type=float, default=1.9)
    ap.add_argument("--seconds", type=float, default=1.0, help="length of one timing")
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
    reps = {}
    for name, ex in extractors.items():
        pipe_seconds(ex, texts[:200], 2)  # warm up: pools, caches
        reps[name] = max(1, math.ceil(a.seconds / pipe_seconds(ex, texts, 1)))
    rounds = []
    for r in range(a.rounds):
        row: dict[str, float] = {}
        for name, ex in extractors.items():
            m = measure(ex, texts, reps[name], one_first=r % 2 == 0)
            row[f"{name} control"] = m["control"]
            row[f"{name} 1t MB/s"] = mb * reps[name] / m["one"]
            row[name] = m["one"] / m["two"]
        rounds.append(row)
        print(f"round {r + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in row.items()), flush=True)
    print(f"\n{mb:.1f} MB x reps {reps}, {a.rounds} rounds, gate: both controls >= {a.gate}")
    print("| configuration | 1 thread MB/s | 2/1 ungated | 2/1 gated | gated rounds |")
    print("|---|---:|---:|---:|---:|")
    for name in extractors:
        gated = [r for r in rounds if r[f"{name} control"] >= a.gate]
        med = statistics.median(r[name] for r in rounds)
        gmed = f"{statistics.median(r[name] for r in gated):.2f}x" if gated else "–"
        speed = statistics.median(r[f"{name} 1t MB/s"] for r in rounds)
        print(f"| {name} | {speed:.1f} | {med:.2f}x | {gmed} | {len(gated)} |")
    if a.out:
        a.out.write_text(
            json.dumps({"mb": mb, "reps": reps, "gate": a.gate, "rounds": rounds}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
