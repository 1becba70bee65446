"""namedrop.spark on a local[2] SparkSession: mapInArrow results equal, row for row,
to the serial frames."""

import os
import shutil
import sys

import pytest

import namedrop as nd

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow", reason="pyarrow (the arrow extra) is not installed")
pytest.importorskip("pyspark", reason="pyspark (the spark extra) is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip(
        "no Java runtime for Spark (java not on PATH, JAVA_HOME unset)", allow_module_level=True
    )

from corpus_gen import RECORDS, documents  # noqa: E402

import namedrop.spark as nd_spark  # noqa: E402

N_DOCS = 5000


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("namedrop-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def ex():
    return nd.Extractor(nd.Gazetteer.from_records(RECORDS))


@pytest.fixture(scope="module")
def frame():
    return pd.DataFrame({"id": list(range(N_DOCS)), "text": documents(N_DOCS)})


def plain(df):
    """Values as Python objects with None for missing: Spark and pandas spell them apart."""
    return [
        tuple(
            None if pd.isna(v) else (int(v) if hasattr(v, "item") and not isinstance(v, str) else v)
            for v in row
        )
        for row in df.itertuples(index=False, name=None)
    ]


@pytest.mark.parametrize("table", ["entities", "quotes", "clusters"])
def test_mapinarrow_equals_the_serial_frame(spark, ex, frame, table):
    if not hasattr(ex, f"{table}_frame"):
        pytest.skip(f"Extractor.{table}_frame is not there yet")
    sdf = spark.createDataFrame(frame, "id long, text string").repartition(4)
    result = getattr(nd_spark, table)(sdf, ex, id_col="id")
    assert result.schema == nd_spark.schema(table, sdf.schema["id"].dataType)
    got = result.toPandas()
    expected = getattr(ex, f"{table}_frame")(frame["text"], ids=frame["id"])
    assert list(got.columns) == list(expected.columns)
    key = ["doc_id", *(c for c in ("start", "name") if c in got.columns)]
    # Spark's repartition shuffles the documents; within a document rows keep their order.
    got = got.sort_values(key, kind="stable").reset_index(drop=True)
    expected = expected.sort_values(key, kind="stable").reset_index(drop=True)
    assert len(got) == len(expected) > N_DOCS // 4
    assert plain(got) == plain(expected)
    # The corpus has reported speech: the comparison covers its rows and counts.
    if table == "quotes":
        assert (got["kind"] == "indirect").any()
    if table == "clusters":
        assert got["indirect_quotes"].sum() > 0


def test_without_id_col_every_row_gets_a_document_id(spark, ex, frame):
    sdf = spark.createDataFrame(frame[["text"]].head(300), "text string")
    got = nd_spark.entities(sdf, ex).toPandas()
    assert len(got) == len(ex.entities_frame(frame["text"].head(300)))
    assert got["doc_id"].notna().all()
    with pytest.raises(KeyError, match="no column 'body'"):
        nd_spark.entities(sdf, ex, text_col="body")
