"""The frames API: entities/quotes/clusters frames built from Rust columns, their
dtypes and index, and the Series and DataFrame accessors."""

import pytest

import namedrop as nd
from namedrop._frames import TABLES, columns

pd = pytest.importorskip("pandas")

TEXTS = ["“It works,” Dana Whitfield said in China.", None, "China and China.", "Nothing."]


@pytest.fixture(scope="module")
def ex():
    g = nd.Gazetteer.from_records([
        {"id": "cn", "name": "China", "label": "GPE"},
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"},
    ])
    return nd.Extractor(g)


FRAMES = ["entities_frame", "quotes_frame", "clusters_frame"]


@pytest.mark.parametrize("method", FRAMES)
def test_columns_and_dtypes_are_the_same_for_empty_input(ex, method):
    table = method.removesuffix("_frame")
    full = getattr(ex, method)(TEXTS)
    assert len(full) > 0
    for empty in (getattr(ex, method)([]), getattr(ex, method)([None, "Nothing."])):
        assert list(empty.columns) == list(full.columns) == columns(table)
        assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert full["doc_id"].dtype == "int64"


@pytest.mark.parametrize("method", FRAMES)
def test_doc_id_keeps_the_dtype_and_name_of_the_ids(ex, method):
    make = getattr(ex, method)
    by_int = make(TEXTS, ids=[10, 20, 30, 40])
    assert by_int["doc_id"].dtype == "int64" and set(by_int["doc_id"]) <= {10, 30}
    index = pd.Index(["a", "b", "c", "d"], dtype="string", name="article")
    s = pd.Series(TEXTS, index=index)
    framed = getattr(s.namedrop, method.removesuffix("_frame"))(ex)
    assert framed["doc_id"].dtype == "string"
    assert framed.index.name == "article" and list(framed.index) == list(framed["doc_id"])
    # The index lines up with the input: join gives each row its text.
    joined = framed.join(s.rename("source_text"))
    assert all(isinstance(t, str) for t in joined["source_text"])


def test_clusters_frame_matches_the_documents(ex):
    df = ex.clusters_frame(TEXTS, ids=["a", "b", "c", "d"])
    docs = zip("abcd", ex.pipe(TEXTS), strict=True)
    expected = [(i, c.name, c.label, c.entity_id, c.gender, c.gender_evidence, c.mentions,
                 c.quotes, c.indirect_quotes) for i, doc in docs for c in doc.clusters]
    got = [tuple(None if pd.isna(v) else v for v in row)
           for row in df.itertuples(index=False, name=None)]
    assert got == expected
    dana = df[df["entity_id"] == "dw"].iloc[0]
    assert (dana["gender"], dana["mentions"], dana["quotes"]) == ("female", 1, 1)


def test_entity_gender_and_quote_paragraph_columns(ex):
    docs = list(ex.pipe(TEXTS))
    ents = ex.entities_frame(TEXTS)
    assert [None if pd.isna(g) else g for g in ents["gender"]] == [
        m.gender for d in docs for m in d.entities]
    quotes = ex.quotes_frame(["Intro.\n\n“It works,” Dana Whitfield said."])
    assert quotes["paragraph"].tolist() == [1] and quotes["paragraph"].dtype == "int64"


def test_type_error_names_the_label_of_the_bad_row(ex):
    s = pd.Series(["China.", 5], index=["first", "second"])
    for call in (s.namedrop.entities, s.namedrop.quotes, s.namedrop.clusters):
        with pytest.raises(TypeError, match=r"row 'second' \(position 1\) is int"):
            call(ex)


def test_dataframe_accessor(ex):
    df = pd.DataFrame({"key": [7, 8], "body": ["China.", "“Yes,” Dana Whitfield said."]},
                      index=pd.Index([100, 200], name="row"))
    by_index = df.namedrop.entities(ex, text="body")
    assert by_index["doc_id"].tolist() == [100, 200] and by_index.index.name == "row"
    by_key = df.namedrop.quotes(ex, text="body", id="key")
    assert by_key["doc_id"].tolist() == [8] and by_key["speaker_entity_id"].tolist() == ["dw"]
    assert df.namedrop.clusters(ex, text="body")["name"].tolist() == ["China", "Dana Whitfield"]
    with pytest.raises(KeyError, match="text='text' is not a column"):
        df.namedrop.entities(ex)


def test_every_table_is_described():
    assert set(TABLES) == {"entities", "quotes", "clusters", "docs"}
    assert all(columns(t)[0] == "doc_id" for t in TABLES)


ROWS = ["China and China.", None, "“It works,” Dana Whitfield said in China."]


def test_entities_frame_matches_documents(ex):
    df = ex.entities_frame(ROWS, ids=["a", "b", "c"])
    assert list(df.columns)[:8] == [
        "doc_id", "start", "end", "text", "label", "entity_id", "name", "source"]
    expected = [
        (i, m.start, m.end, m.text, m.entity_id)
        for i, doc in zip("abc", ex.pipe(ROWS), strict=True)
        for m in doc.entities
    ]
    cols = ["doc_id", "start", "end", "text", "entity_id"]
    got = list(df[cols].itertuples(index=False, name=None))
    assert got == expected


def test_quotes_frame_has_speakers(ex):
    df = ex.quotes_frame(ROWS)
    row = df[df["kind"] == "direct"].iloc[0]
    assert row["doc_id"] == 2 and row["quote"] == "“It works,”"
    assert row["speaker"] == "Dana Whitfield" and row["speaker_entity_id"] == "dw"
    assert row["speaker_gender"] == "female" and row["cue"] == "said"


def test_series_accessor_uses_the_index(ex):
    s = pd.Series(ROWS, index=[10, 20, 30])
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
    import namedrop._frames as frames

    texts = [*ROWS, "China.", None, "China and China and China."] * 3
    whole = ex.entities_frame(texts, ids=[f"t{i}" for i in range(len(texts))])
    monkeypatch.setattr(frames, "FRAME_CHUNK", 2)
    chunked = ex.entities_frame(texts, ids=[f"t{i}" for i in range(len(texts))])
    pd.testing.assert_frame_equal(whole, chunked)
    assert len(chunked) == sum(len(d.entities) for d in ex.pipe(texts)) == 24


# Reported speech (quotes of kind "indirect"): one reported and one quoted statement by
# the same person.
REPORTED = ("Harbour commissioner Lena Okafor said the ferry terminal would reopen in June. "
            "“We owe the island a working pier,” Okafor told the council.")


@pytest.fixture(scope="module")
def harbour():
    g = nd.Gazetteer.from_records([
        {"id": "lo", "name": "Lena Okafor", "label": "PERSON", "gender": "female",
         "aliases": ["Okafor"]},
    ])
    return g


# A lone surrogate keeps the text out of Arrow: the frames are then built from the
# core's column lists (quotes) and from Documents (clusters).
@pytest.mark.parametrize("tail", ["", " \ud800"], ids=["arrow", "lists"])
def test_clusters_frame_counts_reported_speech_after_quotes(harbour, tail):
    text = REPORTED + tail
    df = nd.Extractor(harbour).clusters_frame([text])
    names = list(df.columns)
    assert names[names.index("quotes") + 1] == "indirect_quotes"
    assert df["indirect_quotes"].dtype == "int64"
    okafor = df[df["entity_id"] == "lo"].iloc[0]
    assert (okafor["quotes"], okafor["indirect_quotes"]) == (2, 1)
    off = nd.Extractor(harbour, indirect=False).clusters_frame([text])
    okafor = off[off["entity_id"] == "lo"].iloc[0]
    assert (okafor["quotes"], okafor["indirect_quotes"]) == (1, 0)


@pytest.mark.parametrize("tail", ["", " \ud800"], ids=["arrow", "lists"])
def test_quotes_frame_rows_of_reported_speech(harbour, tail):
    text = REPORTED + tail
    df = nd.Extractor(harbour).quotes_frame([text])
    for start, end, quote in df[["start", "end", "quote"]].itertuples(index=False, name=None):
        assert text[start:end] == quote
    reported = df[df["kind"] == "indirect"]
    assert len(reported) == 1
    row = reported.iloc[0]
    assert row["quote"] == "the ferry terminal would reopen in June"
    assert (row["speaker"], row["speaker_entity_id"]) == ("Lena Okafor", "lo")
    assert (row["cue"], row["rule"]) == ("said", "R1")
    assert df[df["kind"] == "direct"]["quote"].tolist() == ["“We owe the island a working pier,”"]
    off = nd.Extractor(harbour, indirect=False).quotes_frame([text])
    assert "indirect" not in set(off["kind"]) and len(off) == 1
