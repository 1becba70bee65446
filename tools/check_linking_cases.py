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
# One checker for the tool and the pytest runner of the table.
sys.path.insert(0, str(REPO / "tests"))
from test_linking_cases import failures  # noqa: E402


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
