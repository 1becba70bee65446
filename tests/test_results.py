"""doc.entities, doc.quotes and doc.clusters are `Mentions`, `Quotes` and `Clusters`
sequences that make their items on access (src/python/results.rs): they must behave
exactly like the tuples of their items."""

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


def test_texts_are_cut_from_the_callers_string():
    # The core sees U+FFFD for a lone surrogate; every text must come from the caller's
    # str, surrogate included, and survive pickling.
    g = nd.Gazetteer.from_records([
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON"},
        {"id": "odd", "name": "Caf\ufffd Noir", "label": "ORG"},
    ])
    text = "“It \ud800 works,” Dana Whitfield said at Caf\udcff Noir."
    doc = nd.Extractor(g)(text)
    quote = doc.quotes[0]
    assert "\ud800" in quote.text and text[quote.start:quote.end] == quote.text
    cafe = [m for m in doc.entities if m.entity_id == "odd"]
    assert [m.text for m in cafe] == ["Caf\udcff Noir"]
    for m in doc.entities:
        assert doc.text[m.start:m.end] == m.text
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc
    assert back.entities[-1].text == "Caf\udcff Noir"


@given(st.integers(-8, 8), st.one_of(st.none(), st.integers(-8, 8)),
       st.one_of(st.none(), st.integers(-8, 8)), st.sampled_from([None, 1, 2, -1, -3]))
def test_indexing_and_slicing_match_the_tuple(start, stop, slice_start, step):
    ex = nd.Extractor(nd.Gazetteer.from_records([{"id": "p", "name": "Paris"}]))
    mentions = ex("Paris Paris x Paris, Paris").entities
    items = tuple(mentions)
    if -len(items) <= start < len(items):
        assert mentions[start] == items[start]
    else:
        with pytest.raises(IndexError):
            mentions[start]
    sliced = mentions[slice_start:stop:step]
    assert isinstance(sliced, tuple)
    assert sliced == items[slice_start:stop:step]
    for value in set(items):
        if value in items[start:]:
            assert mentions.index(value, start) == items.index(value, start)
        else:
            with pytest.raises(ValueError):
                mentions.index(value, start)


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
    # Same length, different content: the comparison looks at the items.
    assert ex("Paris").entities != ex("London").entities
    assert ex("Paris").entities != ex("(Paris)").entities  # same text, other offsets
    changed = (*tuple(a)[:-1], nd.Mention(0, 5, "Paris", "GPE"))
    assert len(changed) == len(a) and a != changed and changed != a


def test_tuple_operations(ex):
    a = ex("Paris and London").entities
    items = tuple(a)
    # Concatenation is what these lines test.
    assert a + () == items and () + a == items  # noqa: RUF005
    assert a + a == items + items
    assert a * 2 == items * 2 and 2 * a == items * 2
    assert a.index(items[1], 1) == 1
    with pytest.raises(ValueError):
        a.index(items[0], 1)
    with pytest.raises(TypeError):
        a + [1]  # noqa: RUF005  (like a tuple: no concatenation with a list)
    assert it_hint(a) == len(a)


def it_hint(seq) -> int:
    import operator

    return operator.length_hint(iter(seq))


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
    other = nd.Extractor(g)(text.replace("Oslo", "Bergen"))
    assert len(other.clusters) == len(clusters) - 1
    changed = (*items[:-1], items[-1]._replace(mentions=items[-1].mentions + 1))
    assert clusters != changed
    assert clusters[-1] == items[-1] and clusters[:2] == items[:2]
    assert repr(clusters) == repr(items)
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc and back.clusters == items


def test_quotes_are_a_sequence_of_quote_tuples():
    g = nd.Gazetteer.from_records([
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"},
    ])
    text = (
        "Dana Whitfield said the line would reopen in March. \ud800\n\n"
        "“We talked about trains,” Whitfield said. “And we talked about the fares too,” she added."
    )
    doc = nd.Extractor(g)(text)
    quotes = doc.quotes
    assert isinstance(quotes, nd.Quotes) and isinstance(quotes, Sequence)
    items = tuple(quotes)
    assert [q.kind for q in items] == ["indirect", "direct", "direct"]
    assert all(isinstance(q, nd.Quote) for q in items)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert text[q.cue_start:q.cue_end] == q.cue
        assert q.speaker is not None and q.speaker.entity_id == "dw"
        assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    assert (items[1].paragraph, items[2].rule) == (1, quotes[2].rule)
    # like a tuple: slices, equality and hash, concatenation, pickling
    assert quotes[1:] == items[1:] and isinstance(quotes[1:], tuple)
    assert quotes == items and hash(quotes) == hash(items)
    assert quotes + () == items  # noqa: RUF005
    assert quotes.index(items[2]) == 2 and quotes.count(items[0]) == 1
    assert repr(quotes) == repr(items)
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc and isinstance(back.quotes, tuple)
    assert nd.Extractor(g)("No speech here.").quotes == ()
