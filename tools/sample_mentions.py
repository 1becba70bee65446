#!/usr/bin/env python3
"""Draw a seeded sample of namedrop's entity mentions for hand-checking, and score it.

Usage (from the repository root, with namedrop importable):

    # 1. draw a judging sheet (JSONL, one mention a line with its context)
    python tools/sample_mentions.py sample --corpus ../shared/data/polnear/train/text \
        --gazetteer data/default_gazetteer.jsonl --n 200 --seed 14 \
        --out bench/.cache/train_after.jsonl [--carry bench/.cache/train_before.jsonl]
    # 2. fill in "verdict" ("ok" / "fp") and, for false positives, "cause" (1-5 as in issue 14)
    # 3. score it: precision per source and the false positives grouped by cause
    python tools/sample_mentions.py score bench/.cache/train_after.jsonl
    # mentions per 1,000 words per label (and per source) on a corpus
    python tools/sample_mentions.py rate --corpus ../shared/data/polnear/dev/text \
        --gazetteer data/default_gazetteer.jsonl

Sampling: every mention gets the key sha256(seed, file, start, end, text) and the n lowest
keys are the sample. A mention found by two gazetteer builds therefore gets the same key in
both, so the "after" sample repeats most of the "before" sample and only the mentions that
changed need a new verdict; ``--carry`` copies verdicts of identical mentions (same file,
span, label, entity, source) from an earlier sheet.

Corpus text must not enter the repository: write sheets to /tmp or bench/.cache (ignored by
git). The PolNeAR test split is refused, so that it stays unseen.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

CAUSES = {
    "1": "a gazetteer name inside a longer proper name",
    "2": "a person name read as a place",
    "3": "same name, another entity",
    "4": "a person missed, unnamed or wrongly named",
    "5": "a gap or a wrong entry in the default gazetteer",
    "other": "other",
}
SOURCES = ("gazetteer", "linked", "discovered")
WORD = re.compile(r"\w+(?:['’]\w+)*")


def corpus_files(corpus: Path) -> list[Path]:
    resolved = corpus.resolve()
    if "test" in resolved.parts:
        sys.exit(f"{corpus}: the test split stays unseen; sample train or dev")
    if resolved.is_file():
        return [resolved]
    files = sorted(resolved.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {corpus}")
    return files


def extractor(gazetteer: str | None):
    import namedrop as nd

    gaz = nd.Gazetteer.from_file(gazetteer) if gazetteer else nd.Gazetteer.default()
    return nd.Extractor(gaz)


def sample_key(seed: int, name: str, m) -> str:
    raw = f"{seed}\t{name}\t{m.start}\t{m.end}\t{m.text}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def identity(row: dict) -> tuple:
    """What makes two sheet rows the same mention (so one verdict holds for both)."""
    return (row["file"], row["start"], row["end"], row["label"], row["entity_id"], row["source"])


def cmd_sample(args: argparse.Namespace) -> int:
    ex = extractor(args.gazetteer)
    rows = []
    for path in corpus_files(args.corpus):
        text = path.read_text("utf-8")
        for m in ex(text).entities:
            assert text[m.start : m.end] == m.text
            left = text[max(0, m.start - args.context) : m.start]
            right = text[m.end : m.end + args.context]
            rows.append(
                {
                    "key": sample_key(args.seed, path.name, m),
                    "file": path.name,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "label": m.label,
                    "source": m.source,
                    "entity_id": m.entity_id,
                    "name": m.name,
                    "candidates": list(m.candidates or ()),
                    "context": " ".join(f"{left}[[{m.text}]]{right}".split()),
                    "verdict": None,
                    "cause": None,
                    "note": None,
                }
            )
    rows.sort(key=lambda r: r["key"])
    sample = sorted(rows[: args.n], key=lambda r: (r["file"], r["start"]))
    carried = 0
    if args.carry:
        old = {identity(r): r for r in read_sheet(args.carry) if r.get("verdict")}
        for row in sample:
            prev = old.get(identity(row))
            if prev:
                row.update(verdict=prev["verdict"], cause=prev["cause"], note=prev["note"])
                carried += 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in sample:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(
        f"{len(rows)} mentions; sample of {len(sample)} written to {args.out} "
        f"({carried} verdicts carried over; do not commit corpus text)"
    )
    return 0


def read_sheet(path: Path) -> list[dict]:
    rows = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            sys.exit(f"{path}:{lineno}: not JSON: {exc}")
    return rows


def cmd_score(args: argparse.Namespace) -> int:
    rows = read_sheet(args.sheet)
    missing = [i for i, r in enumerate(rows, 1) if r.get("verdict") not in ("ok", "fp")]
    if missing:
        sys.exit(f"{args.sheet}: rows {missing[:10]} have no verdict (ok / fp)")
    print("| source | mentions | right | precision |")
    print("| --- | --- | --- | --- |")
    by_source: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_source[r["source"]].append(r)
    for source in [*SOURCES, *sorted(set(by_source) - set(SOURCES))]:
        group = by_source.get(source, [])
        ok = sum(r["verdict"] == "ok" for r in group)
        share = f"{100 * ok / len(group):.1f}%" if group else "-"
        print(f"| {source} | {len(group)} | {ok} | {share} |")
    ok = sum(r["verdict"] == "ok" for r in rows)
    print(f"| all | {len(rows)} | {ok} | {100 * ok / len(rows):.1f}% |")
    fps: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["verdict"] == "fp":
            fps[str(r.get("cause") or "other")].append(r)
    for cause in sorted(fps):
        print(f"\ncause {cause} ({CAUSES.get(cause, cause)}): {len(fps[cause])}")
        for r in fps[cause]:
            who = r["name"] or r["entity_id"] or "-"
            print(f"- {r['source']} {r['label']} \"{r['text']}\" ({who}): {r.get('note') or ''}")
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    ex = extractor(args.gazetteer)
    words = 0
    per_label: Counter = Counter()
    per_source: Counter = Counter()
    files = corpus_files(args.corpus)
    for path in files:
        text = path.read_text("utf-8")
        words += len(WORD.findall(text))
        for m in ex(text).entities:
            per_label[m.label] += 1
            per_source[m.source] += 1
    print(f"{len(files)} documents, {words} words, {sum(per_label.values())} mentions")
    print("| group | mentions | per 1,000 words |")
    print("| --- | --- | --- |")
    for name, counts in (("label", per_label), ("source", per_source)):
        for key, count in sorted(counts.items()):
            print(f"| {name} {key} | {count} | {1000 * count / words:.1f} |")
    total = sum(per_label.values())
    print(f"| all | {total} | {1000 * total / words:.1f} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="draw a judging sheet")
    s.add_argument("--corpus", type=Path, required=True, help="a .txt file or a folder of them")
    s.add_argument("--gazetteer", help="a gazetteer file (default: Gazetteer.default())")
    s.add_argument("--n", type=int, default=200)
    s.add_argument("--seed", type=int, default=14)
    s.add_argument("--context", type=int, default=90, help="characters each side")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--carry", type=Path, help="copy verdicts of identical mentions from here")
    s.set_defaults(func=cmd_sample)
    c = sub.add_parser("score", help="precision per source and false positives by cause")
    c.add_argument("sheet", type=Path)
    c.set_defaults(func=cmd_score)
    r = sub.add_parser("rate", help="mentions per 1,000 words per label and source")
    r.add_argument("--corpus", type=Path, required=True)
    r.add_argument("--gazetteer", help="a gazetteer file (default: Gazetteer.default())")
    r.set_defaults(func=cmd_rate)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
