"""nd.Extractor: calls, batches, options, pickling, threads, bad input."""

import math
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import namedrop as nd

TEXT = (
    "Commerce Secretary Penny Pritzker met officials in Zürich on Monday.\n\n"
    "“The talks were useful,” Pritzker said. 🇺🇸 The United States and China agreed."
)


@pytest.fixture(scope="module")
def gazetteer() -> nd.Gazetteer:
    return nd.Gazetteer.from_records([
        {"id": "pritzker", "name": "Penny Pritzker", "label": "PERSON", "gender": "female"},
        {"id": "zurich", "name": "Zurich", "label": "GPE"},
        {"id": "us", "name": "United States", "label": "GPE"},
        {"id": "cn", "name": "China", "label": "GPE"},
    ])


@pytest.fixture(scope="module")
def ex(gazetteer) -> nd.Extractor:
    return nd.Extractor(gazetteer)


def assert_offsets(doc: nd.Document) -> None:
    for m in doc.entities:
        assert doc.text[m.start:m.end] == m.text
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert doc.text[q.speaker.start:q.speaker.end] == q.speaker.text
        if q.cue is not None:
            assert doc.text[q.cue_start:q.cue_end] == q.cue


def test_entities_with_unicode_offsets(ex):
    doc = ex(TEXT)
    assert_offsets(doc)
    found = [(m.text, m.entity_id) for m in doc.entities]
    assert ("Zürich", "zurich") in found
    assert ("United States", "us") in found and ("China", "cn") in found
    assert ("Penny Pritzker", "pritzker") in found


def test_linking_and_quotes_flow_into_the_document(ex):
    doc = ex(TEXT)
    surname = [m for m in doc.entities if m.text == "Pritzker"]
    assert surname and surname[0].entity_id == "pritzker" and surname[0].source == "linked"
    (quote,) = [q for q in doc.quotes if q.kind != "other"]
    assert quote.text == "“The talks were useful,”"
    assert quote.speaker is not None and quote.speaker.entity_id == "pritzker"
    assert quote.cue == "said"
    assert quote.paragraph == 1 or quote.paragraph == 2
    cluster = next(c for c in doc.clusters if c.entity_id == "pritzker")
    assert cluster.mentions >= 2 and cluster.quotes == 1 and cluster.gender == "female"


def test_options_switch_stages_off(gazetteer):
    doc = nd.Extractor(gazetteer, link=False, quotes=False)(TEXT)
    assert doc.quotes == ()
    assert all(m.source == "gazetteer" for m in doc.entities)
    strict = nd.Extractor(gazetteer, fold_diacritics=False)(TEXT)
    assert "Zürich" not in [m.text for m in strict.entities]
    with pytest.raises(nd.InputError, match="loud"):
        nd.Extractor(gazetteer, case="loud")
    with pytest.raises(TypeError):
        nd.Extractor(gazetteer, "smart")  # options are keyword-only


def test_pipe_keeps_order_and_handles_missing_rows(ex):
    texts = [TEXT, None, "China.", math.nan, "", "Nothing here."]
    docs = list(ex.pipe(iter(texts), batch_size=2))
    assert len(docs) == len(texts)
    assert [d.text for d in docs] == [TEXT, "", "China.", "", "", "Nothing here."]
    assert docs[1].entities == () and docs[3].entities == ()
    assert docs[0] == ex(TEXT)
    with pytest.raises(TypeError, match="index 2"):
        list(ex.pipe(["a", "b", 3]))


def test_pipe_as_tuples_carries_context(ex):
    out = list(ex.pipe([("China.", {"id": 7}), ("x", None)], as_tuples=True))
    assert out[0][1] == {"id": 7} and out[0][0].entities[0].text == "China"


def test_threads_give_the_same_results_as_serial_calls(ex):
    texts = [TEXT * (i % 3 + 1) for i in range(60)]
    serial = [ex(t) for t in texts]
    assert list(ex.pipe(texts, n_threads=2, batch_size=7)) == serial
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(ex, texts)) == serial


def test_pickled_extractor_gives_same_results(ex):
    clone = pickle.loads(pickle.dumps(ex))
    assert clone(TEXT) == ex(TEXT)
    assert clone.options == ex.options


def test_lone_surrogates_keep_offsets(ex):
    text = "\ud800 China and \udfff the United States"
    doc = ex(text)
    assert [m.text for m in doc.entities] == ["China", "United States"]
    assert_offsets(doc)


def test_non_str_text_raises_type_error(ex):
    with pytest.raises(TypeError):
        ex(b"China")


def test_document_values_are_immutable_and_serialisable(ex):
    import json

    doc = ex(TEXT)
    with pytest.raises(AttributeError):
        doc.entities[0].start = 3  # type: ignore[misc]
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["entities"][0]["text"] == doc.entities[0].text
    assert "Mention(" in repr(doc.entities[0]) and "Document(" in repr(doc)


def test_a_built_document_equals_one_made_by_its_constructor(ex):
    """The Extractor fills a Document's fields without its dataclass __init__; the
    result is the same value: equal, same hash, frozen, picklable, same repr."""
    import dataclasses
    import pickle

    doc = ex(TEXT)
    made = nd.Document(doc.text, doc.entities, doc.quotes, doc.clusters)
    assert doc == made and hash(doc) == hash(made) and repr(doc) == repr(made)
    assert dataclasses.replace(doc, id="a1") == dataclasses.replace(made, id="a1")
    assert doc.id is None and doc.text[doc.entities[0].start : doc.entities[0].end] == (
        doc.entities[0].text
    )
    with pytest.raises(AttributeError):
        doc.text = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_gazetteer_changes_after_building_do_not_leak(gazetteer):
    g = nd.Gazetteer.from_records([{"id": "cn", "name": "China", "label": "GPE"}])
    ex = nd.Extractor(g)
    g.add("jp", "Japan", label="GPE")
    assert [m.text for m in ex("China and Japan").entities] == ["China"]
    assert [m.text for m in nd.Extractor(g)("China and Japan").entities] == ["China", "Japan"]


def _entity_texts(args):
    ex, text = args
    return [m.text for m in ex(text).entities]


def test_extractor_ships_to_other_processes(ex):
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        got = pool.map(_entity_texts, [(ex, TEXT), (ex, "China and Zürich")])
    assert got == [[m.text for m in ex(TEXT).entities], ["China", "Zürich"]]


def test_a_started_batch_is_finished_once_and_only_with_its_own_texts(ex):
    # pipe starts each batch on a Rust thread and finishes it on the caller's
    texts = [TEXT, None]
    batch = ex._core.start_batch(texts, 2)
    with pytest.raises(nd.InputError, match="started with 2 texts, given 1"):
        ex._core.finish_batch([TEXT], batch)
    raws = ex._core.finish_batch(texts, batch)
    assert raws[1] is None and raws[0] == ex._core.extract_batch(texts, 1)[0]
    with pytest.raises(nd.InputError, match="already finished"):
        ex._core.finish_batch(texts, batch)


def test_an_abandoned_pipe_leaves_its_started_batches_behind(ex):
    it = ex.pipe([TEXT] * 40, n_threads=2, batch_size=4)
    assert next(it) == ex(TEXT)
    it.close()  # two batches were started: their threads end on their own
    assert [d.text for d in ex.pipe([TEXT, "b"], n_threads=2)] == [TEXT, "b"]
