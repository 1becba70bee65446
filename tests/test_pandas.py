"""DataFrames from Rust columns and the Series accessor."""

import pytest

import namedrop as nd

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def ex():
    g = nd.Gazetteer.from_records([
        {"id": "cn", "name": "China", "label": "GPE"},
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"},
    ])
    return nd.Extractor(g)


TEXTS = ["China and China.", None, "“It works,” Dana Whitfield said in China."]


def test_entities_frame_matches_documents(ex):
    df = ex.entities_frame(TEXTS, ids=["a", "b", "c"])
    assert list(df.columns)[:8] == [
        "doc_id", "start", "end", "text", "label", "entity_id", "name", "source"]
    expected = [
        (i, m.start, m.end, m.text, m.entity_id)
        for i, doc in zip("abc", ex.pipe(TEXTS), strict=True)
        for m in doc.entities
    ]
    cols = ["doc_id", "start", "end", "text", "entity_id"]
    got = list(df[cols].itertuples(index=False, name=None))
    assert got == expected


def test_quotes_frame_has_speakers(ex):
    df = ex.quotes_frame(TEXTS)
    row = df[df["kind"] == "direct"].iloc[0]
    assert row["doc_id"] == 2 and row["quote"] == "“It works,”"
    assert row["speaker"] == "Dana Whitfield" and row["speaker_entity_id"] == "dw"
    assert row["speaker_gender"] == "female" and row["cue"] == "said"


def test_series_accessor_uses_the_index(ex):
    s = pd.Series(TEXTS, index=[10, 20, 30])
    df = s.namedrop.entities(ex)
    assert set(df["doc_id"]) == {10, 30}
    assert len(s.namedrop.quotes(ex)) >= 1
    docs = s.namedrop.docs(ex)
    assert list(docs.index) == [10, 20, 30]


def test_empty_input_gives_empty_frames_with_columns(ex):
    df = ex.entities_frame([])
    assert len(df) == 0 and "entity_id" in df.columns
    with pytest.raises(ValueError, match="ids"):
        ex.entities_frame(["a"], ids=[1, 2])


def test_frames_keep_texts_of_strings_with_lone_surrogates(ex):
    texts = ["\ud800 China \udfff", "China"]
    df = ex.entities_frame(texts)
    for doc_id, start, end, text in df[["doc_id", "start", "end", "text"]].itertuples(
        index=False, name=None
    ):
        assert texts[doc_id][start:end] == text
    q = ex.quotes_frame(["“It \ud800 works,” Dana Whitfield said."])
    assert q["quote"].iloc[0] == "“It \ud800 works,”"


def test_frames_built_in_chunks_match_one_chunk(ex, monkeypatch):
    import namedrop._extractor as extractor

    texts = [*TEXTS, "China.", None, "China and China and China."] * 3
    whole = ex.entities_frame(texts, ids=[f"t{i}" for i in range(len(texts))])
    monkeypatch.setattr(extractor, "FRAME_CHUNK", 2)
    chunked = ex.entities_frame(texts, ids=[f"t{i}" for i in range(len(texts))])
    pd.testing.assert_frame_equal(whole, chunked)
    assert len(chunked) == sum(len(d.entities) for d in ex.pipe(texts)) == 24
