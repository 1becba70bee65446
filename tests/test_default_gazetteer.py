"""Spot checks of the embedded default gazetteer."""

import pytest

import namedrop as nd


@pytest.fixture(scope="module")
def ex():
    return nd.Extractor(nd.Gazetteer.default())


def names(doc):
    return {(m.text, m.name) for m in doc.entities}


def test_default_gazetteer_is_loaded_once_and_large():
    g = nd.Gazetteer.default()
    assert len(g) > 4000
    assert {"PERSON", "GPE", "ORG"} <= set(g.labels)
    for entity_id in list(g)[:: max(1, len(g) // 50)]:
        assert g[entity_id].get("source"), f"{entity_id} says where its facts came from"


def test_places_and_bodies(ex):
    doc = ex(
        "The U.S. and China met in Beijing. The United States, the White House and the "
        "Commerce Department agreed."
    )
    found = names(doc)
    by_text = {t: n for t, n in found}
    assert by_text["U.S."] == by_text["United States"]
    assert "China" in by_text and "Beijing" in by_text
    assert "White House" in by_text and "Commerce Department" in by_text


def test_people_and_surname_only_for_presidents(ex):
    doc = ex("Barack Obama spoke. The Obama administration agreed.")
    people = [m for m in doc.entities if m.label == "PERSON"]
    assert [m.text for m in people] == ["Barack Obama", "Obama"]
    assert len({m.entity_id for m in people}) == 1
    assert people[0].entity_id is not None


def test_common_words_are_not_entities(ex):
    doc = ex("in may the house said us turkey was nice; we will reading.")
    assert doc.entities == ()
