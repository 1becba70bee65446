"""Microseconds to build one Document: the frozen dataclass's __init__ against the
Extractor's fill of the instance dict (`namedrop._extractor._document`), interleaved
rounds in one process (the figure behind the GIL-held share of `pipe`, bench/README.md).

    python bench/document_build.py [--rounds 7] [--n 200000]
"""
import argparse
import statistics
import time

from namedrop._extractor import _document
from namedrop._types import Document


def per_call(build, n):
    t = time.perf_counter()
    for _ in range(n):
        build()
    return (time.perf_counter() - t) / n * 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--n", type=int, default=200_000)
    a = ap.parse_args()
    raw = ((), (), ())
    text = "A text of a few words."
    ways = {
        "dataclass __init__": lambda: Document(text, *raw),
        "dict fill (_document)": lambda: _document(text, raw),
    }
    times = {k: [] for k in ways}
    for r in range(a.rounds):
        order = list(ways) if r % 2 == 0 else list(reversed(ways))
        for k in order:
            times[k].append(per_call(ways[k], a.n))
    for k, ts in times.items():
        rounds = ", ".join(f"{t:.3f}" for t in ts)
        print(f"{k:24s} median {statistics.median(ts):.3f} us  (rounds {rounds})")


if __name__ == "__main__":
    main()
