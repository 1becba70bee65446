"""Helpers of the CLI tests: run ``namedrop`` as a subprocess on files a test writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GAZ = (
    '{"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"}\n'
    '{"id": "nl", "name": "Northlink Rail", "label": "ORG"}\n'
)
ARTICLE = "“Trains run again,” Dana Whitfield said. Northlink Rail agreed."


def run(*args: str, stdin: str | bytes = "", env: dict[str, str] | None = None,
        cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m namedrop ARGS``; stdout and stderr as text (UTF-8)."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    res = subprocess.run(
        [sys.executable, "-m", "namedrop", *args],
        input=data, capture_output=True, timeout=300, env=env, cwd=cwd,
    )
    return subprocess.CompletedProcess(
        res.args, res.returncode, res.stdout.decode("utf-8", "replace"),
        res.stderr.decode("utf-8", "replace"),
    )


def write_gazetteer(tmp_path: Path) -> str:
    p = tmp_path / "g.jsonl"
    p.write_text(GAZ, encoding="utf-8")
    return str(p)


def records(stdout: str) -> list[dict]:
    """The JSONL records of an output, each checked to hold whole, in-bounds spans."""
    return [json.loads(line) for line in stdout.splitlines()]


def check_spans(text: str, record: dict) -> None:
    """``text[start:end] == x.text`` for every entity and quote of ``record``."""
    for m in record["entities"]:
        assert text[m["start"]:m["end"]] == m["text"]
    for q in record["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
