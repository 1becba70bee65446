"""Runs the shared table tests/cases/linking.json (who is who, issue 14; cargo runs it too):
every case marked "ok" must pass; a "todo" case is an expected failure that must be
marked "ok" as soon as it passes (strict xfail)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import namedrop as nd

TABLE = json.loads((Path(__file__).parent / "cases" / "linking.json").read_text("utf-8"))


def failures(case: dict[str, Any], doc: Any) -> list[str]:
    """What the document gets wrong against the case (empty when it passes)."""
    by_span = {(m.start, m.end): m for m in doc.entities}
    for m in doc.entities:
        assert doc.text[m.start : m.end] == m.text
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
        if "gender" in want and got.gender != want["gender"]:
            problems.append(f"{want['text']!r}: gender {got.gender!r} != {want['gender']!r}")
        if "gender_evidence" in want:
            evidence = {c.gender_evidence for c in doc.clusters if c.name == want["text"]}
            if evidence != {want["gender_evidence"]}:
                problems.append(f"{want['text']!r}: gender evidence {evidence!r}")
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


@pytest.fixture(scope="module")
def extractor() -> nd.Extractor:
    return nd.Extractor(nd.Gazetteer.default())


def _param(case: dict[str, Any]) -> Any:
    marks = []
    if case["status"] == "todo":
        marks.append(pytest.mark.xfail(reason="rule not built yet (issue 14)", strict=True))
    return pytest.param(case, id=f"{case['cause']}-{case['name']}", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in TABLE["cases"]])
def test_linking_case(case: dict[str, Any], extractor: nd.Extractor) -> None:
    problems = failures(case, extractor(case["text"]))
    assert not problems, "; ".join(problems)
