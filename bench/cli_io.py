"""`namedrop extract` end to end: MB/s on a 50 MB JSONL and a 50 MB Parquet file of
PolNeAR articles, and the output size per input MB of each output format.

The inputs are made at run time from ../shared into bench/.cache (never committed).
Each run is a fresh `namedrop extract` process (default gazetteer, every core, --quiet)
timed by wall clock, its peak RSS from `os.wait4`; the table shows medians of
`--rounds`. Use a release build (not the test venv's debug build), e.g.

    python -m venv /tmp/venv-cli
    /tmp/venv-cli/bin/pip install ".[arrow]"          # a release build of this checkout
    /tmp/venv-cli/bin/python bench/cli_io.py --namedrop /tmp/venv-cli/bin/namedrop

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
from corpus import cycled, nbytes

TABLES = ("entities", "quotes", "clusters", "docs")


def make_inputs(cache: Path, mb: float) -> tuple[dict[str, Path], int]:
    """The JSONL and Parquet inputs (same articles, ids and an outlet field) and the
    UTF-8 bytes of their texts."""
    cache.mkdir(parents=True, exist_ok=True)
    jsonl, parquet = cache / f"cli_{mb:g}mb.jsonl", cache / f"cli_{mb:g}mb.parquet"
    meta = cache / f"cli_{mb:g}mb.meta.json"
    if not jsonl.exists() or not parquet.exists() or not meta.exists():
        texts = cycled(mb)
        meta.write_text(json.dumps({"text_bytes": nbytes(texts), "docs": len(texts)}))
        rows = [{"id": f"a{i}", "outlet": "polnear", "text": t} for i, t in enumerate(texts)]
        with jsonl.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), parquet)
    return {"jsonl": jsonl, "parquet": parquet}, json.loads(meta.read_text())["text_bytes"]


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one child process.
    CPU time is the fair figure on a shared machine, where wall time waits for cores."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def out_size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--namedrop", default=shutil.which("namedrop") or "namedrop")
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cache", type=Path, default=CACHE, help="where inputs and outputs go")
    a = ap.parse_args()
    inputs, text_bytes = make_inputs(a.cache, a.mb)
    text_mb = text_bytes / 1e6
    work = a.cache / "cli_out"
    work.mkdir(exist_ok=True)
    speed: list[dict[str, Any]] = []
    for fmt, src in inputs.items():
        mb = src.stat().st_size / 1e6
        runs = [timed([a.namedrop, "extract", "--quiet", str(src), "-o", str(work / "o.jsonl")])
                for _ in range(a.rounds)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        speed.append({"input": fmt, "file_mb": round(mb, 2), "text_mb": round(text_mb, 2),
                      "seconds": round(wall, 2), "file_mb_per_s": round(mb / wall, 2),
                      "text_mb_per_s": round(text_mb / wall, 2), "cpu_seconds": round(cpu, 2),
                      "text_mb_per_cpu_s": round(text_mb / cpu, 2),
                      "peak_rss_mib": round(max(r[2] for r in runs), 1),
                      "runs": [(round(r[0], 3), round(r[1], 3)) for r in runs]})
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
        "load_average": os.getloadavg(),
    "speed": speed,
        "output_mb_per_input_mb": sizes,
    }
    (HERE / "results" / "cli_io.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
