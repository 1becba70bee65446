"""doc.entities and doc.clusters are `Mentions` and `Clusters` sequences that make
their items on access (src/python/results.rs): they must behave exactly like the tuples
of their items."""

import pickle
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

import namedrop as nd

TEXT = "Paris, London and Paris again; then Zürich \ud800 and Paris."


@pytest.fixture(scope="module")
def ex() -> nd.Extractor:
    g = nd.Gazetteer.from_records([
        {"id": "paris", "name": "Paris", "label": "GPE"},
        {"id": "london", "name": "London", "label": "GPE"},
        {"id": "zurich", "name": "Zurich", "label": "GPE", "aliases": ["Zürich"]},
        {"id": "paris-hilton", "name": "Paris Hilton", "label": "PERSON",
         "aliases": ["Paris"]},
    ])
    return nd.Extractor(g)


def test_is_a_sequence_of_mentions(ex):
    mentions = ex(TEXT).entities
    assert isinstance(mentions, Sequence)
    assert isinstance(mentions, nd.Mentions)
    items = tuple(mentions)
    assert len(mentions) == len(items) == 5
    assert all(isinstance(m, nd.Mention) for m in items)
    assert [m.text for m in items] == ["Paris", "London", "Paris", "Zürich", "Paris"]
    # Shared alias: both entities are candidates and the mention is left unresolved.
    assert items[0].candidates == ("paris", "paris-hilton")
    assert items[0].entity_id is None
    assert items[1].candidates == ("london",)
    assert items[1].entity_id == "london"


def test_texts_are_cut_from_the_callers_string(ex):
    doc = ex(TEXT)  # a lone surrogate: the core saw U+FFFD in its place
    for m in doc.entities:
        assert doc.text[m.start:m.end] == m.text


@given(st.integers(-8, 8), st.one_of(st.none(), st.integers(-8, 8)),
       st.one_of(st.none(), st.integers(-8, 8)), st.sampled_from([None, 1, 2, -1, -3]))
def test_indexing_and_slicing_match_the_tuple(start, stop, step_start, step):
    ex = nd.Extractor(nd.Gazetteer.from_records([{"id": "p", "name": "Paris"}]))
    mentions = ex("Paris Paris x Paris, Paris").entities
    items = tuple(mentions)
    if -len(items) <= start < len(items):
        assert mentions[start] == items[start]
    else:
        with pytest.raises(IndexError):
            mentions[start]
    sliced = mentions[step_start:stop:step]
    assert isinstance(sliced, tuple)
    assert sliced == items[step_start:stop:step]


def test_iteration_contains_index_and_count(ex):
    mentions = ex(TEXT).entities
    assert list(mentions) == list(mentions)  # each pass makes equal mentions
    first = mentions[0]
    assert first in mentions
    assert mentions.index(mentions[1]) == 1
    assert mentions.count(first) == 1
    other = nd.Mention(0, 5, "Paris", "GPE")
    assert other not in mentions
    with pytest.raises(ValueError):
        mentions.index(other)
    it = iter(mentions)
    assert next(it) == first
    assert len(list(it)) == len(mentions) - 1
    assert list(it) == []  # an exhausted iterator stays exhausted


def test_equality_and_hash_follow_the_mentions(ex):
    a, b = ex(TEXT).entities, ex(TEXT).entities
    assert a == b and not (a != b)
    assert a == tuple(a) and tuple(a) == a
    assert hash(a) == hash(b) == hash(tuple(a))
    assert a != ex("London only").entities
    assert a != list(a)  # like a tuple, never equal to a list
    assert ex("nothing here").entities == ()


def test_repr_is_the_tuples(ex):
    mentions = ex("London").entities
    assert repr(mentions) == repr(tuple(mentions))
    assert "London" in repr(mentions)


def test_documents_pickle_with_their_mentions(ex):
    doc = ex(TEXT)
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc
    assert back.entities == doc.entities
    assert isinstance(back.entities, tuple)


def test_a_mention_rebuilt_from_its_fields_is_equal(ex):
    for m in ex(TEXT).entities:
        cls, args = m.__reduce__()
        again = cls(*args)
        assert again == m and hash(again) == hash(m)
        assert again.to_dict() == m.to_dict()


def test_clusters_are_a_sequence_of_cluster_tuples():
    g = nd.Gazetteer.from_records([
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"},
        {"id": "oslo", "name": "Oslo", "label": "GPE"},
    ])
    text = (
        "Dana Whitfield flew to Oslo. Mayor Ola Brekke met her there.\n\n"
        "“We talked about trains,” Whitfield said. Ms. Whitfield left Oslo on Monday."
    )
    doc = nd.Extractor(g)(text)
    clusters = doc.clusters
    assert isinstance(clusters, nd.Clusters)
    assert isinstance(clusters, Sequence)
    by_name = {c.name: c for c in clusters}
    assert all(isinstance(c, nd.Cluster) for c in clusters)
    dana = by_name["Dana Whitfield"]
    assert (dana.label, dana.entity_id, dana.gender) == ("PERSON", "dw", "female")
    assert dana.gender_evidence == "gazetteer"
    assert dana.mentions == 3 and dana.quotes == 1
    oslo = by_name["Oslo"]
    assert (oslo.label, oslo.entity_id, oslo.gender, oslo.mentions) == ("GPE", "oslo", None, 2)
    # A discovered person: a name of its own, no gazetteer id.
    brekke = by_name["Ola Brekke"]
    assert (brekke.label, brekke.entity_id) == ("PERSON", None)
    # Mentions point at their cluster's name and gender.
    assert {m.name for m in doc.entities if m.entity_id == "dw"} == {"Dana Whitfield"}
    assert {m.gender for m in doc.entities if m.entity_id == "dw"} == {"female"}
    items = tuple(clusters)
    assert clusters == items and hash(clusters) == hash(items)
    assert clusters[-1] == items[-1] and clusters[:2] == items[:2]
    assert repr(clusters) == repr(items)
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc and back.clusters == items
