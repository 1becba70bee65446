"""namedrop's spaCy component vs spaCy's EntityRuler with the same phrase patterns (issue 17).

Every system is spacy.blank("en") plus at most one component, run in its own process
over the same texts (PolNeAR train cycled to --mb MB, one Doc per article):

- tokenizer      spacy.blank("en") alone: the tokenizer-only time
- namedrop       nlp.add_pipe("namedrop", config={"gazetteer": aliases.jsonl,
                 "case": "insensitive", "quotes": False, "link": False,
                 "discover": False, "fold_diacritics": False}): the EntityRuler's job
                 (its LOWER attribute neither folds diacritics nor links names)
- namedrop-full  the component's defaults on the same gazetteer (case "smart", quotes,
                 speakers and clusters on doc._)
- entity-ruler   nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
                 with one phrase pattern {"label", "pattern", "id"} per alias of every
                 gazetteer entity (what the component's gazetteer holds)

Build time covers reading the gazetteer file and adding the component to a ready
spacy.blank("en"). The texts go
through the pipeline as nlp.pipe does (make_doc, then each component's pipe, in batches
of --batch docs), timing the two phases apart: "own" is the components' time, "pipeline"
tokenizer + own; both as wall-clock and as CPU seconds of the process (time.process_time:
on a shared, loaded machine the steadier of the two). The table also gives own by the
issue's subtraction: pipeline seconds minus the tokenizer system's pipeline seconds
(another process, same texts).

Run (from the repo root, namedrop installed in bench/.venv-peers, see bench/README.md):
    bench/.venv-peers/bin/python bench/spacy_component.py            # 3 rounds, table
    bench/.venv-peers/bin/python bench/spacy_component.py --system namedrop   # one child
Results: bench/results/spacy.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import corpus
from common import CACHE, HERE, rss_mib

SYSTEMS = ["tokenizer", "namedrop", "namedrop-full", "entity-ruler"]
GAZETTEER = CACHE / "aliases.jsonl"


def build(system: str, nlp):
    """Adds ``system``'s component to ``nlp`` (spacy.blank("en"))."""
    if system == "entity-ruler":
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        patterns = []
        with open(GAZETTEER, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                for alias in [r["name"], *r["aliases"]]:
                    patterns.append({"label": r["label"], "pattern": alias, "id": r["id"]})
        ruler.add_patterns(patterns)
    elif system.startswith("namedrop"):
        config = {"gazetteer": str(GAZETTEER)}
        if system == "namedrop":
            config.update(
                case="insensitive", quotes=False, link=False, discover=False, fold_diacritics=False
            )
        nlp.add_pipe("namedrop", config=config).initialize()  # reads the gazetteer now
    elif system != "tokenizer":
        raise SystemExit(f"unknown system {system!r}")


def measure(system: str, mb: float, batch: int) -> dict:
    import spacy

    texts = corpus.cycled(mb)
    nlp = spacy.blank("en")  # not timed: the import and the tokenizer are common to all
    rss_loaded = rss_mib()
    t0 = time.perf_counter()
    build(system, nlp)
    build_s = time.perf_counter() - t0
    tok_s = own_s = tok_cpu = own_cpu = 0.0
    ents = quotes = 0
    for first in range(0, len(texts), batch):
        t0, c0 = time.perf_counter(), time.process_time()
        docs = [nlp.make_doc(t) for t in texts[first : first + batch]]
        t1, c1 = time.perf_counter(), time.process_time()
        for _, proc in nlp.pipeline:
            docs = list(proc.pipe(docs, batch_size=batch))
        t2, c2 = time.perf_counter(), time.process_time()
        tok_s += t1 - t0
        own_s += t2 - t1
        tok_cpu += c1 - c0
        own_cpu += c2 - c1
        ents += sum(len(d.ents) for d in docs)
        if system == "namedrop-full":
            quotes += sum(len(d._.quotes) for d in docs)
    return {
        "system": system,
        "docs": len(texts),
        "bytes": corpus.nbytes(texts),
        "build_s": build_s,
        "tokenizer_s": tok_s,
        "own_s": own_s,
        "pipeline_s": tok_s + own_s,
        "tokenizer_cpu_s": tok_cpu,
        "own_cpu_s": own_cpu,
        "docs_per_s": len(texts) / (tok_s + own_s),
        "ents": ents,
        "quotes": quotes,
        "rss_loaded_mib": rss_loaded,
    }


def summarise(runs: dict[str, list[dict]]) -> dict[str, dict]:
    """Medians per system (run.py's rule), then the derived columns and ratios."""
    from run import median_row

    rows = {name: median_row(rs) for name, rs in runs.items()}
    tok = rows.get("tokenizer", {}).get("pipeline_s")
    for row in rows.values():
        if tok is not None and "pipeline_s" in row:
            row["own_by_subtraction_s"] = row["pipeline_s"] - tok
        if row.get("own_s"):
            row["own_mb_per_s"] = row["bytes"] / 1e6 / row["own_s"]
    er, nd = rows.get("entity-ruler", {}), rows.get("namedrop", {})
    if "own_s" in er and "own_s" in nd:
        nd["entity_ruler_own_ratio"] = er["own_s"] / nd["own_s"]
        nd["entity_ruler_own_cpu_ratio"] = er["own_cpu_s"] / nd["own_cpu_s"]
        if nd.get("own_by_subtraction_s", 0) > 0:
            nd["entity_ruler_subtraction_ratio"] = (
                er["own_by_subtraction_s"] / nd["own_by_subtraction_s"]
            )
    return rows


COLUMNS = [
    ("build s", "build_s", "{:.2f}"),
    ("docs/s", "docs_per_s", "{:,.0f}"),
    ("pipeline s", "pipeline_s", "{:.2f}"),
    ("tokenizer s", "tokenizer_s", "{:.2f}"),
    ("own s", "own_s", "{:.3f}"),
    ("own CPU s", "own_cpu_s", "{:.3f}"),
    ("own MB/s", "own_mb_per_s", "{:.1f}"),
    ("own by subtraction s", "own_by_subtraction_s", "{:.2f}"),
    ("peak RSS MiB", "rss_peak_mib", "{:.0f}"),
    ("ents", "ents", "{:,}"),
]


def orchestrate(a: argparse.Namespace) -> None:
    import run

    run.COLUMNS["spacy"] = COLUMNS  # run.py's table printer, with this suite's columns

    if not GAZETTEER.exists():
        subprocess.run([sys.executable, str(HERE / "build_aliases.py")], check=True)
    systems = a.systems.split(",") if a.systems else SYSTEMS
    info = run.machine()
    runs: dict[str, list[dict]] = {s: [] for s in systems}
    for rnd in range(a.rounds):
        k = rnd % len(systems)
        for name in systems[k:] + systems[:k]:
            cmd = [sys.executable, __file__, "--system", name, "--mb", str(a.mb)]
            res = run.run_child([*cmd, "--batch", str(a.batch)])
            runs[name].append(res)
            brief = res.get("error") or {
                k: round(res[k], 3) for k in ("build_s", "tokenizer_s", "own_s", "rss_peak_mib")
            }
            print(f"round {rnd + 1} {name}: {brief}", file=sys.stderr, flush=True)
    rows = summarise(runs)
    res = {"suite": "spacy", "machine": info, "rounds": a.rounds, "mb": a.mb, "runs": runs}
    res["summary"] = rows
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, indent=1) + "\n")
    loads = [r["load1_before"] for v in runs.values() for r in v]
    print(
        f"spacy: {info['date']}, {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB, "
        f"{info['os']}, Python {info['python']}, load {min(loads):.2f}-{max(loads):.2f}"
    )
    print(run.table("spacy", rows))
    nd = rows.get("namedrop", {})
    for key in (
        "entity_ruler_own_ratio",
        "entity_ruler_own_cpu_ratio",
        "entity_ruler_subtraction_ratio",
    ):
        if key in nd:
            print(f"{key}: {nd[key]:.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", choices=SYSTEMS, help="run one system in this process")
    ap.add_argument("--systems", help="comma-separated subset (orchestrator)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--batch", type=int, default=256, help="docs per nlp.pipe batch")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "spacy.json")
    a = ap.parse_args()
    if a.system:
        print(json.dumps(measure(a.system, a.mb, a.batch)))
    else:
        orchestrate(a)


if __name__ == "__main__":
    main()
