"""Explain match-count differences between two systems, from their dumped spans.

Spans come from `run.py --dump` (bench/.cache/spans-NAME.json: one list of (start, end)
per unique train article). Prints counts of spans found by only one system, grouped by
the character around them, and a few short examples (for local reading only: the
corpus is not ours to copy).

Run:  bench/.venv-peers/bin/python bench/diff_matches.py pyahocorasick flashtext [-n 5]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict

import corpus
from common import CACHE


def reason(text: str, s: int, e: int, other: set[tuple[int, int]]) -> str:
    """A short label for why a span may be found by one system and not the other."""
    before, after = text[s - 1 : s], text[e : e + 1]
    over = [(a, b) for a, b in other if a < e and s < b]
    if any(a == s and abs(b - e) == 1 for a, b in over):
        return "same start, end one char apart (an end-offset slip)"
    if any(a == s for a, b in over):
        return "same start, other system chose another length"
    if over:
        return "overlaps a different span in the other system"
    if after in "'\u2019" and text[e + 1 : e + 2].lower() == "s":
        return f"possessive {after}s after"
    for side, c in (("before", before), ("after", after)):
        if c.isalnum() and not c.isascii():
            return f"non-ASCII letter {side}"
        if c.isalnum() or c == "_":
            return f"letter/digit/_ {side}"
        if c in "-\u2013\u2014":
            return f"dash {side}"
        if c in "'\u2019.":
            return f"{c!r} {side}"
    if "\n" in text[s:e] or "  " in text[s:e]:
        return "whitespace run inside"
    if not text[s:e].isascii():
        return "non-ASCII inside"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("-n", type=int, default=3, help="examples per reason")
    x = ap.parse_args()
    texts = corpus.articles("train")
    spans = {k: json.loads((CACHE / f"spans-{k}.json").read_text()) for k in (x.a, x.b)}
    for mine, theirs in ((x.a, x.b), (x.b, x.a)):
        counts: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        for text, sa, sb in zip(texts, spans[mine], spans[theirs], strict=True):
            other = {tuple(p) for p in sb}
            for s, e in map(tuple, sa):
                if (s, e) in other:
                    continue
                r = reason(text, s, e, other)
                counts[r] += 1
                if len(examples[r]) < x.n:
                    examples[r].append(repr(text[max(0, s - 12) : e + 12]))
        print(f"\nonly in {mine} (not {theirs}): {sum(counts.values())}")
        for r, c in counts.most_common():
            print(f"  {c:6d}  {r}:  " + " | ".join(examples[r]))


if __name__ == "__main__":
    main()
