"""`namedrop extract` end to end: MB/s on a 50 MB JSONL and a 50 MB Parquet file of
PolNeAR articles, and the output size per input MB of each output format.

The inputs are made at run time from ../shared into bench/.cache (never committed).
Each run is a fresh `namedrop extract` process (default gazetteer, every core, --quiet)
timed by wall clock, its peak RSS from `os.wait4`; the table shows medians of
`--rounds`. Use a release build (not the test venv's debug build), e.g.

    python -m venv bench/.cache/venv-cli
    bench/.cache/venv-cli/bin/pip install dist/namedrop-*.whl pyarrow
    bench/.cache/venv-cli/bin/python bench/cli_io.py --namedrop bench/.cache/venv-cli/bin/namedrop

Results: bench/results/cli_io.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from common import CACHE, HERE
from corpus import cycled

TABLES = ("entities", "quotes", "clusters", "docs")


def make_inputs(mb: float) -> dict[str, Path]:
    """The JSONL and Parquet inputs (same articles, ids and an outlet field)."""
    CACHE.mkdir(exist_ok=True)
    jsonl, parquet = CACHE / f"cli_{mb:g}mb.jsonl", CACHE / f"cli_{mb:g}mb.parquet"
    if not jsonl.exists() or not parquet.exists():
        texts = cycled(mb)
        rows = [{"id": f"a{i}", "outlet": "polnear", "text": t} for i, t in enumerate(texts)]
        with jsonl.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), parquet)
    return {"jsonl": jsonl, "parquet": parquet}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err}")
    return wall, usage.ru_maxrss / 1024


def out_size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--namedrop", default=shutil.which("namedrop") or "namedrop")
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    inputs = make_inputs(a.mb)
    work = CACHE / "cli_out"
    work.mkdir(exist_ok=True)
    speed: list[dict[str, Any]] = []
    for fmt, src in inputs.items():
        mb = src.stat().st_size / 1e6
        runs = [timed([a.namedrop, "extract", "--quiet", str(src), "-o", str(work / "o.jsonl")])
                for _ in range(a.rounds)]
        wall = statistics.median(r[0] for r in runs)
        speed.append({"input": fmt, "input_mb": round(mb, 2), "seconds": round(wall, 2),
                      "mb_per_s": round(mb / wall, 2),
                      "peak_rss_mib": round(max(r[1] for r in runs), 1),
                      "runs": [round(r[0], 3) for r in runs]})
        print(speed[-1], flush=True)
    src = inputs["jsonl"]
    in_mb = src.stat().st_size / 1e6
    sizes: dict[str, float] = {}
    for fmt in ("jsonl", "csv", "parquet"):
        dest = work / f"all_{fmt}"
        shutil.rmtree(dest, ignore_errors=True)
        timed([a.namedrop, "extract", "--quiet", str(src), "--format", fmt, "--output-dir",
               str(dest)])
        for t in TABLES:
            sizes[f"{fmt} {t}"] = round(out_size(dest / f"{t}.{fmt}") / 1e6 / in_mb, 4)
        doc = work / "docs.jsonl"
        if fmt == "jsonl":
            timed([a.namedrop, "extract", "--quiet", str(src), "-o", str(doc)])
            sizes["jsonl documents"] = round(out_size(doc) / 1e6 / in_mb, 4)
    print(sizes)
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "speed": speed,
        "output_mb_per_input_mb": sizes,
    }
    (HERE / "results" / "cli_io.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
