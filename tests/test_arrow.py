"""Columnar results: entities_arrow / quotes_arrow / clusters_arrow, read through the
Arrow PyCapsule stream by pyarrow, polars and DuckDB; polars frames; pickling."""

import pickle
import subprocess
import sys

import pytest

import namedrop as nd

pa = pytest.importorskip("pyarrow", reason="pyarrow (the arrow extra) is not installed")


@pytest.fixture(scope="module")
def ex():
    g = nd.Gazetteer.from_records(
        [
            {"id": "cn", "name": "China", "label": "GPE"},
            {"id": "zh", "name": "Zürich", "label": "GPE"},
            {
                "id": "dw",
                "name": "Dana Whitfield",
                "label": "PERSON",
                "gender": "female",
                "aliases": ["Whitfield"],
            },
        ]
    )
    return nd.Extractor(g)


TEXTS = [
    "China and China.",
    None,
    "“It works,” Dana Whitfield said in China. 🇨🇳 Zürich, said spokeswoman Jane Roe.",
    "",
    "Nothing here.",
    "👩‍👩‍👧 Zu\u0308rich and Whitfield’s “plan,” she said.",
]


def rows(results):
    return pa.table(results).to_pylist()


def test_entities_columns_equal_the_documents(ex):
    got = rows(ex.entities_arrow(TEXTS))
    expected = [
        {
            "doc_id": i,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "label": m.label,
            "entity_id": m.entity_id,
            "name": m.name,
            "source": m.source,
            "gender": m.gender,
        }
        for i, doc in enumerate(ex.pipe(TEXTS))
        for m in doc.entities
    ]
    assert got == expected and len(got) >= 6
    for r in got:
        assert TEXTS[r["doc_id"]][r["start"] : r["end"]] == r["text"]


def test_quotes_columns_equal_the_quotes(ex):
    ids = list("abcdef")
    got = rows(ex.quotes_arrow(TEXTS, ids=ids))
    expected = []
    for doc_id, doc in zip(ids, ex.pipe(TEXTS), strict=True):
        for q in doc.quotes:
            sp = q.speaker
            expected.append({
                "doc_id": doc_id, "start": q.start, "end": q.end, "quote": q.text,
                "kind": q.kind, "speaker": (sp.name or sp.text) if sp else None,
                "speaker_entity_id": sp.entity_id if sp else None,
                "speaker_gender": sp.gender if sp else None,
                "speaker_source": sp.source if sp else None,
                "cue": q.cue, "rule": q.rule, "paragraph": q.paragraph,
            })  # fmt: skip
    assert got == expected
    direct = next(r for r in got if r["kind"] == "direct")
    assert direct["speaker"] == "Dana Whitfield" and direct["speaker_gender"] == "female"
    assert direct["cue"] == "said" and TEXTS[2][direct["start"] : direct["end"]] == direct["quote"]


def test_clusters_columns_equal_doc_clusters(ex):
    got = rows(ex.clusters_arrow(TEXTS))
    expected = [
        {
            "doc_id": i,
            "name": c.name,
            "label": c.label,
            "entity_id": c.entity_id,
            "gender": c.gender,
            "gender_evidence": c.gender_evidence,
            "mentions": c.mentions,
            "quotes": c.quotes,
            "indirect_quotes": c.indirect_quotes,
        }
        for i, doc in enumerate(ex.pipe(TEXTS))
        for c in doc.clusters
    ]
    assert got == expected
    assert any(r["entity_id"] is None for r in got)  # the discovered Jane Roe


def test_schema_types(ex):
    t = pa.table(ex.entities_arrow(TEXTS))
    assert t.schema.field("doc_id").type == pa.int64()
    assert t.schema.field("start").type == pa.int32() == t.schema.field("end").type
    assert t.schema.field("text").type == pa.string()
    for name in ("label", "entity_id", "name", "source", "gender"):
        assert t.schema.field(name).type == pa.dictionary(pa.int32(), pa.string()), name
    q = pa.table(ex.quotes_arrow(TEXTS))
    for name in ("kind", "speaker", "speaker_entity_id", "speaker_gender", "rule"):
        assert pa.types.is_dictionary(q.schema.field(name).type), name
    c = pa.table(ex.clusters_arrow(TEXTS))
    assert c.schema.field("mentions").type == pa.int32()
    assert pa.types.is_dictionary(c.schema.field("gender").type)


# Reported speech: one statement reported, one in quote marks, by the same person.
REPORTED = [
    "Mayor Tomas Reyes said the night buses would run until two. "
    "“Nobody should walk home in the dark,” Reyes said.",
    None,
    "Tomas Reyes voiced concern that the bridge needs repairs.",
]


@pytest.fixture(scope="module")
def reyes():
    g = nd.Gazetteer.from_records(
        [{"id": "tr", "name": "Tomas Reyes", "label": "PERSON", "aliases": ["Reyes"]}]
    )
    return nd.Extractor(g), nd.Extractor(g, indirect=False)


def test_clusters_arrow_counts_reported_speech(reyes):
    on, off = reyes
    t = pa.table(on.clusters_arrow(REPORTED, ids=["a", "b", "c"]))
    names = t.schema.names
    assert names[names.index("quotes") + 1 :] == ["indirect_quotes"]
    assert t.schema.field("indirect_quotes").type == pa.int32()
    got = [(r["doc_id"], r["quotes"], r["indirect_quotes"]) for r in t.to_pylist()]
    assert got == [("a", 2, 1), ("c", 1, 1)]
    t_off = pa.table(off.clusters_arrow(REPORTED, ids=["a", "b", "c"]))
    got = [(r["doc_id"], r["quotes"], r["indirect_quotes"]) for r in t_off.to_pylist()]
    assert got == [("a", 1, 0), ("c", 0, 0)]


def test_quotes_arrow_rows_of_reported_speech(reyes):
    on, off = reyes
    got = rows(on.quotes_arrow(REPORTED))
    for r in got:
        assert REPORTED[r["doc_id"]][r["start"] : r["end"]] == r["quote"]
    reported = [(r["doc_id"], r["quote"], r["speaker"], r["cue"], r["rule"])
                for r in got if r["kind"] == "indirect"]  # fmt: skip
    assert reported == [
        (0, "the night buses would run until two", "Tomas Reyes", "said", "R1"),
        (2, "that the bridge needs repairs", "Tomas Reyes", "voiced concern", "R5"),
    ]
    assert [r["kind"] for r in rows(off.quotes_arrow(REPORTED))] == ["direct"]


def test_polars_clusters_frame_has_indirect_quotes(reyes):
    pl = pytest.importorskip("polars", reason="polars is not installed")
    on, _ = reyes
    df = on.clusters_frame(pl.Series(REPORTED))
    assert df.columns[-2:] == ["quotes", "indirect_quotes"]
    assert df["indirect_quotes"].to_list() == [1, 1]


@pytest.mark.parametrize(
    ("ids", "arrow_type"),
    [
        (["a", "b", "c", "d", "e", "f"], pa.string()),
        ([10, 20, 30, 40, 50, 60], pa.int64()),
        ([0.5, 1.5, 2.5, 3.5, 4.5, 5.5], pa.float64()),
        ([None, None, "x", None, None, "y"], pa.string()),
    ],
)
def test_doc_id_is_typed_like_the_ids(ex, ids, arrow_type):
    t = pa.table(ex.entities_arrow(TEXTS, ids=ids))
    assert t.schema.field("doc_id").type == arrow_type
    positions = [i for i, d in enumerate(ex.pipe(TEXTS)) for _ in d.entities]
    assert t.column("doc_id").to_pylist() == [ids[i] for i in positions]


def test_numpy_and_pandas_ids(ex):
    pd = pytest.importorskip("pandas")
    s = pd.Series(TEXTS, index=pd.Index([7, 8, 9, 10, 11, 12], dtype="int64"))
    t = pa.table(ex.entities_arrow(s, ids=s.index))
    assert t.schema.field("doc_id").type == pa.int64()
    assert set(t.column("doc_id").to_pylist()) == {7, 9, 12}


def test_bad_ids_and_options_are_clear_errors(ex):
    with pytest.raises(ValueError, match="ids has 2 items but texts has 1"):
        ex.entities_arrow(["China"], ids=[1, 2])
    with pytest.raises(TypeError, match=r"ids\[1\] is str but the ids before it are int"):
        ex.entities_arrow(["China", "China"], ids=[1, "b"])
    with pytest.raises(TypeError, match=r"ids\[0\] is tuple"):
        ex.entities_arrow(["China"], ids=[(1, 2)])
    with pytest.raises(TypeError, match=r"text at index 1 is int"):
        ex.entities_arrow(["China", 5])
    with pytest.raises(ValueError, match="batch_size"):
        ex.entities_arrow(["China"], batch_size=0)
    with pytest.raises(ValueError, match="n_threads"):
        ex.entities_arrow(["China"], n_threads=0)
    with pytest.raises(ValueError, match="table must be"):
        nd._core.arrow_results(ex._core, "mentions", ["China"])


def test_batches_stream_per_batch_size_and_reread(ex):
    texts = ["China and Zürich."] * 10 + [None] * 3
    res = ex.entities_arrow(texts, batch_size=4)
    reader = pa.RecordBatchReader.from_stream(res)
    sizes = [b.num_rows for b in reader]
    assert sizes == [8, 8, 4, 0]  # 4 texts per batch, two mentions each
    # Each export is a new stream over the same texts; batches agree with one batch.
    assert pa.table(res).to_pylist() == rows(ex.entities_arrow(texts))
    assert res.n_texts == 13 and res.table == "entities"


def test_dictionaries_hold_each_value_once_per_batch(ex):
    t = pa.table(ex.entities_arrow(["China, China and China."] * 5))
    label = t.column("label").chunk(0)
    assert label.dictionary.to_pylist() == ["GPE"]
    assert label.indices.to_pylist() == [0] * 15


def test_empty_inputs(ex):
    t = pa.table(ex.entities_arrow([]))
    assert t.num_rows == 0 and t.column_names[0] == "doc_id"
    assert pa.table(ex.quotes_arrow([None, ""])).num_rows == 0


def test_lone_surrogates_keep_offsets(ex):
    texts = ["\ud800 China \udfff Zürich"]
    res = ex.entities_arrow(texts)
    assert res.lone_surrogates and not ex.entities_arrow(["China"]).lone_surrogates
    got = rows(res)
    assert [(r["start"], r["end"], r["text"]) for r in got] == [(2, 7, "China"), (10, 16, "Zürich")]
    for r in got:
        assert texts[0][r["start"] : r["end"]] == r["text"]


def test_polars_reads_the_stream_and_frames(ex):
    pl = pytest.importorskip("polars", reason="polars is not installed")
    df = pl.DataFrame(ex.entities_arrow(TEXTS))
    assert df.height == len(rows(ex.entities_arrow(TEXTS)))
    assert df.schema["start"] == pl.Int32 and df.schema["label"] == pl.Categorical
    assert pl.from_arrow(pa.table(ex.entities_arrow(TEXTS))).height == df.height
    out = ex.entities_frame(pl.Series(TEXTS))  # a polars Series in: polars out
    assert isinstance(out, pl.DataFrame) and out["text"].to_list() == df["text"].to_list()
    q = ex.quotes_frame(TEXTS, backend="polars")
    assert isinstance(q, pl.DataFrame) and "speaker" in q.columns
    with pytest.raises(ValueError, match="backend"):
        ex.entities_frame(TEXTS, backend="spark")


def test_duckdb_reads_the_stream(ex):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed")
    res = ex.entities_arrow(TEXTS)
    con = duckdb.connect()
    got = con.sql("select entity_id, count(*) from res group by 1 order by 1").fetchall()
    counts = {}
    for r in rows(res):
        counts[r["entity_id"]] = counts.get(r["entity_id"], 0) + 1
    assert got == sorted(counts.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))


def test_pickled_extractor_is_cached_per_process(ex):
    data = pickle.dumps(ex)
    a, b = pickle.loads(data), pickle.loads(data)
    assert a is b and a.options == ex.options
    assert rows(a.entities_arrow(TEXTS)) == rows(ex.entities_arrow(TEXTS))


def test_pickled_gazetteers_share_data_but_copy_on_write():
    from namedrop import _pickle

    g = nd.Gazetteer.from_records([{"id": "x1", "name": "Xanadu Unique"}])
    data = pickle.dumps(g)
    before = len(_pickle._gazetteers)
    a, b = pickle.loads(data), pickle.loads(data)
    assert len(_pickle._gazetteers) == before + 1  # decoded once
    assert a is not b and list(a) == list(b) == ["x1"]
    a.add("x2", "Xanadu Two")
    assert "x2" in a and "x2" not in b and "x2" not in pickle.loads(data)


def test_import_namedrop_imports_no_optional_engine():
    code = (
        "import sys, namedrop, namedrop.dask, namedrop.spark\n"
        "bad = [m for m in ('pandas', 'polars', 'pyarrow', 'dask', 'pyspark', 'duckdb')"
        " if m in sys.modules]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
