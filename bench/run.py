"""Run benchmark systems in subprocesses, interleaved; save JSON and print a markdown table.

Each (round, system) is a fresh child process, so its peak RSS (from os.wait4) is its
own. Rounds rotate the system order; the table shows medians over rounds.

Run from the repo root (after bash bench/setup.sh and installing namedrop into
bench/.venv-peers):
    bench/.venv-peers/bin/python bench/run.py                      # matchers, 3 rounds
    bench/.venv-peers/bin/python bench/run.py --suite pipeline     # namedrop vs textacy
    bench/.venv-peers/bin/python bench/run.py --suite threads      # ex.pipe 1 vs 2 threads
    bench/.venv-peers/bin/python bench/run.py --suite frames       # entities_frame rows/s
    bench/.venv-peers/bin/python bench/run.py --suite million      # 1M-alias gazetteer
    bench/.venv-peers/bin/python bench/run.py --suite columnar     # Arrow columns, frames
Options: --systems a,b  --rounds N  --mb 20  --dump (spans into bench/.cache/ for
diff_matches.py). Results: bench/results/<suite>.json; --table FILE re-prints one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import CACHE, HERE, REPO

SUITES = {
    "matchers": (
        "peers.py",
        [
            "namedrop",
            "namedrop-pipe",
            "namedrop-nofold",
            "namedrop-objects",
            "flashtext",
            "flashtext2",
            "pyahocorasick",
            "spacy",
            "ahocorasick-raw",
        ],
    ),
    "pipeline": ("pipeline.py", ["namedrop", "textacy"]),
    "threads": ("pipe_threads.py", ["namedrop"]),
    "frames": ("frames.py", ["namedrop"]),
    "million": ("million.py", ["namedrop"]),
    "columnar": (
        "columnar.py",
        [
            "flashtext2",
            "namedrop-arrow",
            "namedrop-polars",
            "namedrop-frame",
            "namedrop-frame-lists",
        ],
    ),
}
# column title, result key, format
COLUMNS = {
    "matchers": [
        ("build s", "build_s", "{:.2f}"),
        ("MB/s", "mb_per_s", "{:.2f}"),
        ("MB/s range", "mb_per_s_range", "{}"),
        ("peak RSS MiB", "rss_peak_mib", "{:.0f}"),
        ("RSS before build MiB", "rss_loaded_mib", "{:.0f}"),
        ("matches", "matches", "{:,}"),
    ],
    "pipeline": [
        ("build s", "build_s", "{:.2f}"),
        ("articles/s", "articles_per_s", "{:.1f}"),
        ("peak RSS MiB", "rss_peak_mib", "{:.0f}"),
        ("quotes", "quotes", "{:,}"),
        ("entities", "entities", "{:,}"),
    ],
    "threads": [
        ("MB/s 1 thread", "mb_per_s_1", "{:.2f}"),
        ("MB/s 2 threads", "mb_per_s_2", "{:.2f}"),
        ("speed-up", "speedup", "{:.2f}x"),
        ("peak RSS MiB", "rss_peak_mib", "{:.0f}"),
    ],
    "frames": [
        ("rows", "rows", "{:,}"),
        ("entities_frame rows/s", "frame_rows_per_s", "{:,.0f}"),
        ("from doc.entities rows/s", "objects_rows_per_s", "{:,.0f}"),
        ("ratio", "ratio", "{:.2f}x"),
        ("peak RSS MiB", "rss_peak_mib", "{:.0f}"),
    ],
    "columnar": [
        ("MB/s", "mb_per_s", "{:.2f}"),
        ("MB/s range", "mb_per_s_range", "{}"),
        ("rows", "rows", "{:,}"),
        ("rows/s", "rows_per_s", "{:,.0f}"),
        ("peak RSS MiB", "rss_peak_mib", "{:.0f}"),
    ],
    "million": [
        ("entities", "entities", "{:,}"),
        ("build s", "build_s", "{:.2f}"),
        (".save MB", "save_mb", "{:.1f}"),
        (".load s", "load_s", "{:.3f}"),
        ("peak RSS MiB", "rss_peak_mib", "{:.0f}"),
    ],
}


def sh(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def machine() -> dict:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in sh(["lscpu"]).splitlines()
            if ln.startswith("Model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            ln.split()[1]
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        ),
        "0",
    )
    osr = dict(
        ln.split("=", 1) for ln in Path("/etc/os-release").read_text().splitlines() if "=" in ln
    )
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(int(mem) / 2**20, 1),
        "os": osr.get("PRETTY_NAME", "").strip('"'),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "commit": sh(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
    }


def run_child(cmd: list[str]) -> dict:
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile("w+") as fo, tempfile.TemporaryFile("w+") as fe:
        p = subprocess.Popen(cmd, stdout=fo, stderr=fe, text=True)
        _, status, ru = os.wait4(p.pid, 0)  # the child's own rusage: its peak RSS
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        out, err = fo.read(), fe.read()
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    res = json.loads(lines[-1]) if lines else {"error": (err or out).strip()[-500:]}
    res["load1_before"] = round(load, 2)
    res["rss_peak_mib"] = ru.ru_maxrss / 1024
    return res


def median_row(runs: list[dict]) -> dict:
    ok = [r for r in runs if "skipped" not in r and "error" not in r]
    if not ok:
        return runs[0]
    row = dict(ok[0])
    for k, v in ok[0].items():
        if isinstance(v, float) and all(isinstance(r.get(k), (int, float)) for r in ok):
            row[k] = statistics.median(r[k] for r in ok)
    if "match_s" in row:
        row["mb_per_s"] = row["bytes"] / 1e6 / row["match_s"]
        speeds = [r["bytes"] / 1e6 / r["match_s"] for r in ok]
        row["mb_per_s_range"] = f"{min(speeds):.2f}-{max(speeds):.2f}"
    # ratios from the medians, so that a row reads consistently
    if "mb_per_s_1" in row:
        row["speedup"] = row["mb_per_s_2"] / row["mb_per_s_1"]
    if "frame_rows_per_s" in row:
        row["ratio"] = row["frame_rows_per_s"] / row["objects_rows_per_s"]
    row["rounds"] = len(ok)
    return row


def table(suite: str, rows: dict[str, dict]) -> str:
    cols = COLUMNS[suite]
    out = ["| system | " + " | ".join(c[0] for c in cols) + " |", "|---|" + "---:|" * len(cols)]
    for name, r in rows.items():
        if "skipped" in r or "error" in r:
            why = r.get("skipped") or r.get("error", "").splitlines()[-1]
            cells = [f"pending: {why}"] + [""] * (len(cols) - 1)
        else:
            cells = [fmt.format(r[k]) if r.get(k) is not None else "n/a" for _, k, fmt in cols]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def report(res: dict, out: Path) -> None:
    """Summarise the runs (medians), save everything to `out`, print the table."""
    runs, info = res["runs"], res["machine"]
    res["summary"] = {s: median_row(r) for s, r in runs.items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1) + "\n")
    loads = [r["load1_before"] for v in runs.values() for r in v]
    print(
        f"{res['suite']}: {info['date']}, {info['cpu']}, {info['cores']} cores, "
        f"{info['ram_gib']} GiB, {info['os']}, Python {info['python']}, "
        f"load {min(loads):.2f}-{max(loads):.2f}"
    )
    print(table(res["suite"], res["summary"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", choices=sorted(SUITES), default="matchers")
    ap.add_argument("--systems", help="comma-separated subset")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--python", default=sys.executable, help="interpreter for the children")
    ap.add_argument("--dump", action="store_true", help="round 1 writes spans to bench/.cache")
    ap.add_argument("--out", type=Path)
    ap.add_argument("child_args", nargs="*", help="extra arguments after --, for every child")
    ap.add_argument("--table", type=Path, help="re-summarise a saved results file, no runs")
    a = ap.parse_args()
    if a.table:
        res = json.loads(a.table.read_text())
        report({k: v for k, v in res.items() if k != "summary"}, a.table)
        return
    script, systems = SUITES[a.suite]
    if a.systems:
        systems = a.systems.split(",")
    if not (CACHE / "aliases.txt").exists():
        subprocess.run([a.python, str(HERE / "build_aliases.py")], check=True)
    info = machine()
    runs: dict[str, list[dict]] = {s: [] for s in systems}
    for rnd in range(a.rounds):
        k = rnd % len(systems)
        for name in systems[k:] + systems[:k]:
            if runs[name] and "skipped" in runs[name][0]:
                continue
            cmd = [a.python, str(HERE / script), "--system", name, "--mb", str(a.mb), *a.child_args]
            if a.dump and rnd == 0 and a.suite == "matchers":
                cmd += ["--dump", str(CACHE / f"spans-{name}.json")]
            res = run_child(cmd)
            runs[name].append(res)
            brief = (
                res.get("skipped")
                or res.get("error")
                or {k: res.get(k) for k in ("build_s", "mb_per_s", "articles_per_s", "matches")}
            )
            print(f"round {rnd + 1} {name}: {brief}", file=sys.stderr, flush=True)
    info["load1_after"] = round(os.getloadavg()[0], 2)
    out = a.out or HERE / "results" / f"{a.suite}.json"
    report({"suite": a.suite, "machine": info, "rounds": a.rounds, "mb": a.mb, "runs": runs}, out)
    print(f"saved {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
