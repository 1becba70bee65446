"""Columnar results: every match delivered as Arrow columns, and DataFrames built from
them, against flashtext2 (which returns every match too) and today's list-built frame.

One system per process (bench/run.py --suite columnar), all on one thread, the
benchmark gazetteer and the matcher Extractor (case="insensitive", no linking,
discovery or quotes), the corpus cycled to --mb:

- flashtext2: `extract_keywords_with_span` per article (as in peers.py);
- namedrop-arrow: `pa.table(ex.entities_arrow(texts, n_threads=1))`, every column of
  every match in one pyarrow Table;
- namedrop-polars: `pl.DataFrame(ex.entities_arrow(texts, n_threads=1))`;
- namedrop-frame: `ex.entities_frame(texts, n_threads=1)` as this checkout builds it;
- namedrop-frame-lists: the frame as main built it before the Arrow columns (chunks of
  `_core.entities_columns` dicts of lists joined, then `pd.DataFrame`).

MB/s counts the corpus bytes; rows/s the entity rows. Peak RSS is the child's (run.py);
`--mb 49.2` gives about 1M entity rows for the memory target.

Run:  bench/.venv-peers/bin/python bench/run.py --suite columnar --rounds 5
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from typing import Any

import corpus
from common import CACHE, namedrop_extractor_or_skip, rss_mib

SYSTEMS = [
    "flashtext2",
    "namedrop-arrow",
    "namedrop-polars",
    "namedrop-frame",
    "namedrop-frame-lists",
]


def frame_from_lists(ex: Any, texts: list[str]) -> Any:
    """entities_frame as main built it (commit 6811150): 2048-text chunks of Rust
    dict-of-lists columns, joined, then one pandas DataFrame with an object doc_id."""
    import pandas as pd

    cols: dict[str, list[Any]] = {}
    for first in range(0, max(len(texts), 1), 2048):
        part = ex._core.entities_columns(texts[first : first + 2048], 1)
        part["doc"] = [first + d for d in part["doc"]]
        for name, values in part.items():
            cols.setdefault(name, []).extend(values)
    doc_index = cols.pop("doc")
    frame = pd.DataFrame(cols)
    ids = pd.Series(list(range(len(texts))), dtype=object)
    frame.insert(0, "doc_id", ids.take(doc_index).to_numpy())
    return frame


def runner(system: str) -> Any:
    """A function texts -> number of matches delivered, after the build."""
    if system == "flashtext2":
        from peers import build_flashtext2

        with open(CACHE / "aliases.txt", encoding="utf-8") as f:
            run, _ = build_flashtext2((ln.rstrip("\n") for ln in f), CACHE / "aliases.jsonl")
        return lambda texts: sum(len(r) for r in run(texts))
    need = "entities_arrow" if system != "namedrop-frame-lists" else "entities_frame"
    ex = namedrop_extractor_or_skip(system, False, need)
    if system == "namedrop-arrow":
        import pyarrow as pa

        return lambda texts: pa.table(ex.entities_arrow(texts, n_threads=1)).num_rows
    if system == "namedrop-polars":
        import polars as pl

        return lambda texts: pl.DataFrame(ex.entities_arrow(texts, n_threads=1)).height
    import pandas  # noqa: F401  (imported before timing)

    if system == "namedrop-frame":
        return lambda texts: len(ex.entities_frame(texts, n_threads=1))
    return lambda texts: len(frame_from_lists(ex, texts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", required=True, choices=SYSTEMS)
    ap.add_argument("--mb", type=float, default=20.0)
    a = ap.parse_args()
    texts = corpus.cycled(a.mb)
    res: dict = {"system": a.system, "articles": len(texts), "bytes": corpus.nbytes(texts)}
    res["rss_loaded_mib"] = rss_mib()
    t0 = time.perf_counter()
    run = runner(a.system)
    res["build_s"] = time.perf_counter() - t0
    run(texts[:20])  # warm-up: imports and first calls outside the timing
    gc.collect()
    t0 = time.perf_counter()
    rows = run(texts)
    res["match_s"] = time.perf_counter() - t0
    res["rows"] = rows
    res["mb_per_s"] = res["bytes"] / 1e6 / res["match_s"]
    res["rows_per_s"] = rows / res["match_s"]
    res["rss_peak_mib"] = rss_mib()
    print(json.dumps(res))


if __name__ == "__main__":
    main()
