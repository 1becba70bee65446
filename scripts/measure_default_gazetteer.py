#!/usr/bin/env python3
"""Measure data/default_gazetteer.jsonl on PolNeAR dev: mentions per label and a sample.

Usage (from the repository root):

    python scripts/measure_default_gazetteer.py \
        [--gazetteer data/default_gazetteer.jsonl] \
        [--corpus ../shared/data/polnear/dev/text] [--sample 100] [--seed 7] \
        [--sample-out /tmp/gazetteer_sample.tsv]

The sample (mentions with ~60 characters of context) is corpus text: it is written outside
the repository for hand-checking and must not be committed.

When ``import namedrop`` works and has ``Gazetteer.from_file``, namedrop's own matcher is used
(no linking, no discovery, no quotes). Otherwise a small reference matcher implements the
DESIGN.md matching rules: folding (lowercase, quotes, dashes, whitespace, diacritics), word
boundaries (no letter or digit just outside the mention), smart case (an alias with capitals
matches text with capitals at those positions, or text in all capitals; an all-lowercase
alias matches any case; per-alias "exact" / "insensitive"), leftmost-longest, several
entities per alias as candidates.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)
QUOTES = dict.fromkeys(map(ord, "\u2019\u2018`\u00b4"), "'")


def fold_cased(text: str) -> tuple[str, list[int]]:
    """Fold diacritics, quotes, dashes and whitespace, keeping case; map to source index."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            out.append(" ")
            index.append(i)
            continue
        ch = ch.translate(DASHES).translate(QUOTES)
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            out.append(part)
            index.append(i)
    return "".join(out), index


def lower1(ch: str) -> str:
    low = ch.lower()
    return low[0] if low else ch


class ReferenceMatcher:
    """Trie over folded aliases; leftmost-longest with boundary and case checks."""

    def __init__(self, records: list[dict]):
        self.root: dict = {}
        for rec in records:
            forms = [{"text": rec["name"]}] + [
                a if isinstance(a, dict) else {"text": a} for a in rec.get("aliases", [])
            ]
            for form in forms:
                cased, _ = fold_cased(form["text"].strip())
                node = self.root
                for ch in cased:
                    node = node.setdefault(lower1(ch), {})
                node.setdefault(None, []).append((cased, form.get("case", "smart"), rec))

    @staticmethod
    def case_ok(alias: str, text: str, mode: str) -> bool:
        if mode == "insensitive":
            return True
        if mode == "exact":
            return alias == text
        letters = [c for c in text if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(letters) > 1:
            return True
        return all(not a.isupper() or t.isupper() for a, t in zip(alias, text, strict=False))

    def find(self, text: str) -> list[dict]:
        cased, index = fold_cased(text)
        low = "".join(lower1(c) for c in cased)
        n = len(low)
        mentions = []
        i = 0
        while i < n:
            if i > 0 and low[i - 1].isalnum():
                i += 1
                continue
            node, j, best = self.root, i, None
            while j < n and low[j] in node:
                node = node[low[j]]
                j += 1
                if None in node and (j == n or not low[j].isalnum()):
                    span = cased[i:j]
                    cands = [r for a, m, r in node[None] if self.case_ok(a, span, m)]
                    if cands:
                        best = (j, cands)
            if best is None:
                i += 1
                continue
            j, cands = best
            start, end = index[i], index[j - 1] + 1
            uniq = {r["id"]: r for r in cands}
            mentions.append(
                {
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "candidates": sorted(uniq),
                    "labels": sorted({r["label"] for r in uniq.values()}),
                    "names": sorted({r["name"] for r in uniq.values()}),
                }
            )
            i = j
        return mentions


def namedrop_matcher(path: Path):
    """A callable text -> mentions using namedrop, or None when it is not available."""
    try:
        import namedrop as nd
    except ImportError:
        return None
    if not hasattr(getattr(nd, "Gazetteer", None), "from_file"):
        return None
    gaz = nd.Gazetteer.from_file(str(path))
    ex = nd.Extractor(gaz, link=False, discover=False, quotes=False)
    labels = {}
    for line in path.read_text("utf-8").splitlines():
        rec = json.loads(line)
        labels[rec["id"]] = (rec["label"], rec["name"])

    def find(text: str) -> list[dict]:
        out = []
        for m in ex(text).entities:
            raw = list(getattr(m, "candidates", None) or []) or [m.entity_id]
            ids = {c if isinstance(c, str) else getattr(c, "entity_id", None) for c in raw}
            cands = sorted(ids - {None})
            out.append(
                {
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "candidates": cands,
                    "labels": sorted({labels[c][0] for c in cands if c in labels} or {m.label}),
                    "names": sorted({labels[c][1] for c in cands if c in labels}),
                }
            )
        return out

    return find


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gazetteer", type=Path, default=REPO / "data/default_gazetteer.jsonl")
    ap.add_argument("--corpus", type=Path, default=REPO / "../shared/data/polnear/dev/text")
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--context", type=int, default=60)
    ap.add_argument("--sample-out", type=Path, default=Path("/tmp/gazetteer_sample.tsv"))
    ap.add_argument("--reference", action="store_true", help="always use the reference matcher")
    ap.add_argument(
        "--skip-texts",
        default="",
        help="comma-separated mention texts left out of the sample (e.g. Trump,Clinton,Obama)",
    )
    args = ap.parse_args(argv)

    find = None if args.reference else namedrop_matcher(args.gazetteer)
    engine = "namedrop"
    if find is None:
        records = [json.loads(x) for x in args.gazetteer.read_text("utf-8").splitlines()]
        find = ReferenceMatcher(records).find
        engine = "reference matcher"

    files = sorted(args.corpus.resolve().glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {args.corpus}")
    per_label: Counter = Counter()
    per_text: Counter = Counter()
    ambiguous = 0
    all_mentions = []
    for path in files:
        text = path.read_text("utf-8")
        for m in find(text):
            label = m["labels"][0] if len(m["labels"]) == 1 else "+".join(m["labels"])
            per_label[label] += 1
            per_text[m["text"]] += 1
            ambiguous += len(m["candidates"]) > 1
            lo, hi = max(0, m["start"] - args.context), m["end"] + args.context
            ctx = (
                (text[lo : m["start"]] + "[[" + m["text"] + "]]" + text[m["end"] : hi])
                .replace("\n", " ")
                .replace("\t", " ")
            )
            all_mentions.append((path.name, m, label, ctx))

    total = sum(per_label.values())
    print(f"engine: {engine}; {len(files)} documents; {total} mentions")
    for label, count in sorted(per_label.items()):
        print(f"  {label}: {count}")
    print(f"  mentions with several candidates: {ambiguous}")
    print("most frequent mention texts:")
    for text, count in per_text.most_common(40):
        print(f"  {count:5d}  {text}")

    skip = {t for t in args.skip_texts.split(",") if t}
    pool = [m for m in all_mentions if m[1]["text"] not in skip]
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    with open(args.sample_out, "w", encoding="utf-8") as fh:
        fh.write("n\tfile\tlabel\tmention\tcandidates\tcontext\n")
        for k, (name, m, label, ctx) in enumerate(sample, 1):
            cands = " | ".join(m["names"])
            fh.write(f"{k}\t{name}\t{label}\t{m['text']}\t{cands}\t{ctx}\n")
    if skip:
        print(f"sample drawn from {len(pool)} mentions whose text is not one of {sorted(skip)}")
    print(f"sample of {len(sample)} mentions written to {args.sample_out} (do not commit)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
