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


def test_pronoun_speaker_and_gender_evidence_reach_python(ex):
    # an appositive role noun discovers the person and gives the gender; an honorific
    # + surname after a discovered full name does too
    text = ("Minister Karl Ottensen spoke first. Claire Dumont, a spokeswoman, said the port "
            "was ready. “Our inspectors are trained,” she said.")
    doc = ex(text)
    reported, q = doc.quotes
    assert (reported.kind, reported.text, reported.speaker.text) == (
        "indirect", "the port was ready", "Claire Dumont")
    assert text[reported.start:reported.end] == reported.text
    assert q.speaker.text == "she" and q.speaker.source == "pronoun"
    assert q.speaker.name == "Claire Dumont" and q.speaker.gender == "female"
    (c,) = [c for c in doc.clusters if c.name == "Claire Dumont"]
    assert c.label == "PERSON" and c.gender == "female"
    assert (c.quotes, c.indirect_quotes) == (2, 1)
    assert c.gender_evidence == "appositive:spokeswoman"
    assert c.to_dict()["gender_evidence"] == "appositive:spokeswoman"
    doc = ex("Transport Minister Marta Ortiga arrived. Mrs. Ortiga waved.")
    (c,) = [c for c in doc.clusters if c.name == "Marta Ortiga"]
    assert c.gender == "female" and c.mentions == 2 and c.gender_evidence == "title:Mrs."


def test_sample_article_speakers():
    from importlib import resources

    text = resources.files("namedrop").joinpath("data/sample_article.txt").read_text("utf-8")
    doc = nd.Extractor(nd.Gazetteer.default())(text)
    quoted = [q for q in doc.quotes if q.kind != "indirect"]
    names = [q.speaker.name or q.speaker.text for q in quoted if q.speaker is not None]
    assert names == [
        "officials in both countries", "Marisol Ortega", "Marisol Ortega", "Harold Beck",
        "Harold Beck", "Claire Dubois", "Luis Ferreira", "Luis Ferreira", "Marisol Ortega",
    ]
    # reported speech of the article's speakers, in text order between the quotes
    reported = {(q.speaker.name or q.speaker.text) for q in doc.quotes
                if q.kind == "indirect" and q.speaker is not None}
    assert {"Marisol Ortega", "Harold Beck", "Claire Dubois"} <= reported
    assert [q.start for q in doc.quotes] == sorted(q.start for q in doc.quotes)


def test_a_function_word_surname_gets_its_quotes_counted():
    # "May" is a month and a modal: after "Helen" it is her surname in the whole text,
    # so the cast counts her quote; the month ("in May") stays no mention of her
    text = (
        "Prime Minister Helen May opened the session in May.\n"
        "“We will not pause the talks,” May said."
    )
    doc = nd.Extractor(nd.Gazetteer())(text)
    (cluster,) = [c for c in doc.clusters if c.name == "Helen May"]
    assert (cluster.mentions, cluster.quotes) == (2, 1)
    (quote,) = doc.quotes
    assert quote.speaker is not None and quote.speaker.text == "May"
    assert text[quote.speaker.start : quote.speaker.end] == "May"
