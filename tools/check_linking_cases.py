#!/usr/bin/env python3
"""Run tests/cases/linking.json through the Python API and report which cases pass.

Usage (from the repository root, with namedrop importable):

    python tools/check_linking_cases.py [--cases tests/cases/linking.json] [--update]

``--update`` rewrites each case's ``status``: ``ok`` when the current code passes it,
``todo`` when it does not. The table's format is described in its ``description``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def failures(case: dict, doc) -> list[str]:
    """What the document gets wrong against the case (empty when it passes)."""
    by_span = {(m.start, m.end): m for m in doc.entities}
    problems = []
    for want in case["expected"]:
        got = by_span.get(tuple(want["span"]))
        if got is None:
            problems.append(f"missing {want['text']!r}")
            continue
        for field in ("label", "entity_id", "source"):
            if getattr(got, field) != want[field]:
                problems.append(
                    f"{want['text']!r}: {field} {getattr(got, field)!r} != {want[field]!r}"
                )
    for unwanted in case["absent"]:
        got = by_span.get(tuple(unwanted["span"]))
        if got is not None:
            problems.append(f"unexpected {got.text!r} ({got.label}, {got.entity_id})")
    for want in case.get("speakers", []):
        quotes = [q for q in doc.quotes if want["quote"] in q.text]
        if not quotes:
            problems.append(f"no quote {want['quote']!r}")
            continue
        speaker = quotes[0].speaker
        if speaker is None or speaker.text != want["speaker"]:
            problems.append(f"speaker {getattr(speaker, 'text', None)!r} != {want['speaker']!r}")
        elif "speaker_entity_id" in want and speaker.entity_id != want["speaker_entity_id"]:
            problems.append(f"speaker entity {speaker.entity_id!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=Path, default=REPO / "tests/cases/linking.json")
    ap.add_argument("--update", action="store_true", help="rewrite each case's status")
    args = ap.parse_args(argv)

    import namedrop as nd

    table = json.loads(args.cases.read_text("utf-8"))
    ex = nd.Extractor(nd.Gazetteer.default())
    passed = 0
    for case in table["cases"]:
        if case["gazetteer"] != "default":
            sys.exit(f"{args.cases}: case {case['name']!r}: unknown gazetteer {case['gazetteer']!r}")
        problems = failures(case, ex(case["text"]))
        case["status"] = "todo" if problems else "ok"
        passed += not problems
        mark = "ok  " if not problems else "todo"
        print(f"{mark} [{case['cause']}] {case['name']}: {'; '.join(problems)}")
    print(f"{passed} of {len(table['cases'])} cases pass")
    if args.update:
        text = json.dumps(table, ensure_ascii=False, indent=1) + "\n"
        args.cases.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
