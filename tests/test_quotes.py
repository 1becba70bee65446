"""Quotes from Python: the shared quote table (tests/cases/quotes.json, also run by
cargo), adversarial inputs, and user cues."""

import json
from pathlib import Path

import pytest

import namedrop as nd

CASES = json.loads((Path(__file__).parent / "cases" / "quotes.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def ex():
    return nd.Extractor(nd.Gazetteer())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_quote_case_table(ex, case):
    text = case["text"]
    doc = ex(text)
    got = [
        {"start": q.start, "end": q.end, "kind": q.kind,
         "speaker": q.speaker.text if q.speaker else None, "rule": q.rule}
        for q in doc.quotes
    ]
    assert got == case["quotes"]
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_user_cues_extend_the_lexicon():
    text = "Dana Whitfield harrumphed, “The plan is sound.”"
    (plain,) = nd.Extractor(nd.Gazetteer())(text).quotes
    (extended,) = nd.Extractor(nd.Gazetteer(), cues=["harrumphed"])(text).quotes
    assert plain.kind == "other" and plain.speaker is None
    assert extended.kind == "direct" and extended.cue == "harrumphed"
    assert extended.speaker is not None and extended.speaker.text == "Dana Whitfield"


@pytest.mark.parametrize(
    "text",
    [
        "“" * 100_000,
        "”" * 100_000,
        "\"" * 100_000,
        "“a ”b \"c " * 30_000,
        "said “" * 20_000 + "\n\n" + "’" * 50_000,
    ],
    ids=["openers", "closers", "straight", "alternating", "cues-and-apostrophes"],
)
def test_adversarial_marks_never_fail_and_keep_offsets(ex, text):
    doc = ex(text)
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
        assert q.start < q.end
