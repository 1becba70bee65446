"""namedrop `ex.pipe(texts, n_threads=N)` on the 20 MB matcher corpus: 1 vs 2 threads.

The Extractor is the matcher benchmark's (case="insensitive", linking, discovery and
quotes off); --full uses the default pipeline instead. In each process the thread counts
alternate (1, 2, 2, 1, ...) over --repeats passes; the medians are reported.
Issue 6 target: 2 threads >= 1.8x one thread.

Run:  bench/.venv-peers/bin/python bench/pipe_threads.py [--mb 20] [--full]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import corpus
from common import namedrop_extractor_or_skip, rss_mib


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", default="namedrop", choices=["namedrop"])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--repeats", type=int, default=2, help="passes per thread count")
    ap.add_argument("--full", action="store_true", help="default Extractor (quotes, linking)")
    a = ap.parse_args()
    ex = namedrop_extractor_or_skip(a.system, a.full, "pipe")
    texts = corpus.cycled(a.mb)
    nbytes = corpus.nbytes(texts)
    secs: dict[int, list[float]] = {1: [], 2: []}
    counts: dict[int, int] = {}
    for i in range(a.repeats):
        for n in (1, 2) if i % 2 == 0 else (2, 1):
            t0 = time.perf_counter()
            counts[n] = sum(len(d.entities) for d in ex.pipe(texts, n_threads=n))
            secs[n].append(time.perf_counter() - t0)
    if counts[1] != counts[2]:
        raise SystemExit(f"1 and 2 threads disagree: {counts[1]} vs {counts[2]} mentions")
    one, two = (nbytes / 1e6 / statistics.median(secs[n]) for n in (1, 2))
    print(
        json.dumps(
            {
                "system": a.system,
                "bytes": nbytes,
                "articles": len(texts),
                "matches": counts[1],
                "mb_per_s_1": one,
                "mb_per_s_2": two,
                "speedup": two / one,
                "full": a.full,
                "rss_peak_mib": rss_mib(),
            }
        )
    )


if __name__ == "__main__":
    main()
