"""Dump or compare namedrop's full output on PolNeAR train and dev.

A refactor that must not change results is checked with two dumps: one made before
the change and one after. Each dump is a folder with one JSON-lines file per option
set; each line is one article's `doc.to_dict()` (every mention, quote, speaker, cue,
rule and cluster) under its split and file name.

Run:
  python tools/compare_outputs.py dump OUT_DIR [--gazetteer FILE]   (installed namedrop)
  python tools/compare_outputs.py compare BEFORE_DIR AFTER_DIR [--show 5]

`--gazetteer` reads the gazetteer from a file instead of `Gazetteer.default()`: after a
merge that changed the default gazetteer, dump with the old one (`git show
BASE:data/default_gazetteer.jsonl > old.jsonl`) to compare the code alone.
`compare` prints, per option set, the number of articles that differ and the first
differences; it exits 1 when any option set differs (or a file is missing).
The articles are read from ../shared/data/polnear/{train,dev}/text (or
$NAMEDROP_SHARED/data/polnear/...), never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

OPTION_SETS: dict[str, dict[str, bool]] = {
    "default": {},
    "link_false": {"link": False},
    "quotes_false": {"quotes": False},
    "discover_false": {"discover": False},
    "matcher_only": {"link": False, "quotes": False},
}
SPLITS = ("train", "dev")


def shared_dir() -> Path:
    env = os.environ.get("NAMEDROP_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / ".." / "shared"


def corpus() -> list[tuple[str, str, str]]:
    """(split, file name, text) for every PolNeAR train and dev article, sorted."""
    out = []
    for split in SPLITS:
        folder = shared_dir() / "data" / "polnear" / split / "text"
        paths = sorted(folder.glob("*.txt"))
        if not paths:
            raise SystemExit(f"no articles under {folder} (set NAMEDROP_SHARED)")
        out.extend((split, p.name, p.read_text(encoding="utf-8")) for p in paths)
    return out


def dump(out_dir: Path, gazetteer_file: Path | None = None) -> None:
    import namedrop as nd

    out_dir.mkdir(parents=True, exist_ok=True)
    articles = corpus()
    texts = [t for _, _, t in articles]
    if gazetteer_file:
        gazetteer = nd.Gazetteer.from_file(str(gazetteer_file))
    else:
        gazetteer = nd.Gazetteer.default()
    for name, options in OPTION_SETS.items():
        ex = nd.Extractor(gazetteer, **options)
        path = out_dir / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for (split, file, _), doc in zip(articles, ex.pipe(texts), strict=True):
                row = {"split": split, "file": file, "doc": doc.to_dict()}
                f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(articles)} articles -> {path}")


def first_difference(a: Any, b: Any, where: str = "") -> str | None:
    """The path and values of the first place where `a` and `b` differ, or None."""
    if type(a) is not type(b):
        return f"{where}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key}: only in {'after' if key in b else 'before'}"
            found = first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):  # lengths compared below
            found = first_difference(x, y, f"{where}[{i}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{where}: length {len(a)} != {len(b)}"
        return None
    return None if a == b else f"{where}: {a!r} != {b!r}"


def read_dump(path: Path) -> dict[tuple[str, str], Any]:
    rows = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            rows[(row["split"], row["file"])] = row["doc"]
    return rows


def compare(before: Path, after: Path, show: int) -> int:
    failed = False
    for name in OPTION_SETS:
        a_path, b_path = before / f"{name}.jsonl", after / f"{name}.jsonl"
        if not a_path.exists() or not b_path.exists():
            print(f"{name}: MISSING ({a_path if not a_path.exists() else b_path})")
            failed = True
            continue
        a, b = read_dump(a_path), read_dump(b_path)
        diffs = []
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                diffs.append((key, "article only in one dump"))
                continue
            found = first_difference(a[key], b[key])
            if found:
                diffs.append((key, found))
        counts = {
            part: sum(len(doc.get(part, [])) for doc in b.values())
            for part in ("entities", "quotes", "clusters")
        }
        print(f"{name}: {len(diffs)} of {len(a)} articles differ; after: {counts}")
        for (split, file), what in diffs[:show]:
            print(f"  {split}/{file}{what}")
        failed = failed or bool(diffs)
    return 1 if failed else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out_dir", type=Path)
    d.add_argument("--gazetteer", type=Path, default=None)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=5)
    a = ap.parse_args()
    if a.mode == "dump":
        dump(a.out_dir, a.gazetteer)
        return 0
    return compare(a.before, a.after, a.show)


if __name__ == "__main__":
    sys.exit(main())
