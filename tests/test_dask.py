"""namedrop.dask on a real LocalCluster (two worker processes): equal, row for row, to
the serial frames."""

import logging

import pytest

import namedrop as nd

pd = pytest.importorskip("pandas")
dd = pytest.importorskip(
    "dask.dataframe", reason="dask[dataframe] (the dask extra) is not installed"
)
distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")

from corpus_gen import RECORDS, documents  # noqa: E402

import namedrop.dask as nd_dask  # noqa: E402

N_DOCS = 5000


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def ex():
    return nd.Extractor(nd.Gazetteer.from_records(RECORDS))


@pytest.fixture(scope="module")
def frame():
    texts = documents(N_DOCS)
    return pd.DataFrame({"id": [f"doc{i}" for i in range(N_DOCS)], "text": texts})


def serial(ex, table, texts, ids):
    return getattr(ex, f"{table}_frame")(texts, ids=ids)


@pytest.mark.parametrize("table", ["entities", "quotes", "clusters"])
def test_dataframe_with_id_col_equals_the_serial_frame(client, ex, frame, table):
    if not hasattr(ex, f"{table}_frame"):
        pytest.skip(f"Extractor.{table}_frame is not there yet")
    ddf = dd.from_pandas(frame, npartitions=8)
    result = getattr(nd_dask, table)(ddf, ex, id_col="id")
    # The serial frame of the same data as Dask holds it (Dask stores strings as
    # string[pyarrow], so the ids' dtype is that).
    local = ddf.compute()
    expected = serial(ex, table, local["text"], local["id"])
    assert list(result.columns) == list(expected.columns)
    assert dict(result.dtypes) == dict(expected.dtypes)  # the meta is right
    got = result.compute(scheduler=client.get)
    assert len(got) == len(expected) > N_DOCS // 4
    assert list(got.index) == list(expected.index)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    # The corpus has reported speech: the comparison covers its rows and counts.
    if table == "quotes":
        assert (got["kind"] == "indirect").any()
    if table == "clusters":
        assert got["indirect_quotes"].sum() > 0


def test_series_uses_its_index_and_every_worker_unpickles_once(client, ex, frame):
    s = dd.from_pandas(frame.set_index("id")["text"], npartitions=6)
    got = nd_dask.entities(s, ex).compute(scheduler=client.get).reset_index(drop=True)
    local = s.compute()
    expected = ex.entities_frame(local, ids=local.index).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    assert got["doc_id"].iloc[0].startswith("doc")

    def cached():
        from namedrop import _pickle

        return len(_pickle._extractors), len(_pickle._gazetteers)

    per_worker = client.run(cached)
    assert len(per_worker) == 2
    assert all(counts == (1, 1) for counts in per_worker.values()), per_worker


def test_missing_column_and_wrong_input_are_clear_errors(ex, frame):
    ddf = dd.from_pandas(frame, npartitions=2)
    with pytest.raises(KeyError, match="no column 'body'"):
        nd_dask.entities(ddf, ex, text_col="body")
    with pytest.raises(TypeError, match="Dask DataFrame or Series"):
        nd_dask.entities(frame, ex)
