"""A 1M-alias gazetteer: namedrop build time, peak RSS, `.save` size and `.load` time.

Synthetic multi-word names (2-3 words from seeded syllables, deterministic, all
distinct) are written once to bench/.cache/million.jsonl: 500,000 PERSON entities with
a name and one alias each. Issue 3 targets: build <= 5 s, peak <= 600 MB, load <= 0.5 s.

Run:  bench/.venv-peers/bin/python bench/million.py      (or run.py --suite million)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from common import CACHE, rss_mib

SYLLABLES = [c + v for c in "bdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def generate(path: Path, n_aliases: int = 1_000_000) -> None:
    rng = random.Random(20261130)
    seen: set[str] = set()
    with open(path, "w", encoding="utf-8") as f:
        i = 0
        while len(seen) < n_aliases:
            names = []
            while len(names) < 2:
                name = " ".join(word(rng) for _ in range(rng.randint(2, 3)))
                if name not in seen:
                    seen.add(name)
                    names.append(name)
            rec = {"id": f"syn{i}", "name": names[0], "label": "PERSON", "aliases": names[1:]}
            f.write(json.dumps(rec) + "\n")
            i += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", default="namedrop", choices=["namedrop"])
    ap.add_argument("--mb", type=float, help="ignored (run.py passes it to every suite)")
    a = ap.parse_args()
    path = CACHE / "million.jsonl"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        generate(path)
    try:
        import namedrop as nd

        nd.Gazetteer.from_file, nd.Gazetteer.load  # noqa: B018  (AttributeError until the API exists)
    except (ImportError, AttributeError) as e:
        print(json.dumps({"system": a.system, "skipped": f"{type(e).__name__}: {e}"}))
        sys.exit(3)
    base = rss_mib()
    t0 = time.perf_counter()
    g = nd.Gazetteer.from_file(str(path))
    build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "million.ndg"
        g.save(str(saved))
        size = saved.stat().st_size
        n = len(g)
        del g
        t0 = time.perf_counter()
        g = nd.Gazetteer.load(str(saved))
        load = time.perf_counter() - t0
    assert len(g) == n
    print(
        json.dumps(
            {
                "system": a.system,
                "entities": n,
                "build_s": build,
                "save_mb": size / 1e6,
                "load_s": load,
                "rss_before_mib": base,
                "rss_peak_mib": rss_mib(),
            }
        )
    )


if __name__ == "__main__":
    main()
