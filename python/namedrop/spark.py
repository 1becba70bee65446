"""namedrop on Spark: entity mentions, quotes and clusters of a PySpark DataFrame, made
by ``mapInArrow`` with a declared schema.

The extractor is broadcast once; each Python worker unpickles it once (cached per
process, see ``namedrop._pickle``), so a worker holds one compiled gazetteer. Each
Arrow batch Spark hands over becomes the ``Extractor.*_arrow`` columns of its texts;
dictionary columns are decoded to strings (Spark has no dictionary type).

``doc_id`` is the ``id_col`` value (its Spark type is kept); without ``id_col`` it is
``monotonically_increasing_id()``: unique per row, not consecutive.

>>> from pyspark.sql import SparkSession                       # doctest: +SKIP
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()  # doctest: +SKIP
>>> sdf = spark.createDataFrame([(1, "Paris in May.")], "id long, text string")  # doctest: +SKIP
>>> namedrop.spark.entities(sdf, ex, id_col="id").toPandas()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ._engines import table_function

__all__ = ["clusters", "entities", "quotes", "schema"]

_STR, _INT = "string", "int"
_COLUMNS = {
    "entities": [
        ("start", _INT, False),
        ("end", _INT, False),
        ("text", _STR, False),
        ("label", _STR, True),
        ("entity_id", _STR, True),
        ("name", _STR, True),
        ("source", _STR, True),
        ("gender", _STR, True),
    ],
    "quotes": [
        ("start", _INT, False),
        ("end", _INT, False),
        ("quote", _STR, False),
        ("kind", _STR, False),
        ("speaker", _STR, True),
        ("speaker_entity_id", _STR, True),
        ("speaker_gender", _STR, True),
        ("speaker_source", _STR, True),
        ("cue", _STR, True),
        ("rule", _STR, True),
        ("paragraph", _INT, False),
    ],
    "clusters": [
        ("name", _STR, True),
        ("label", _STR, True),
        ("entity_id", _STR, True),
        ("gender", _STR, True),
        ("gender_evidence", _STR, True),
        ("mentions", _INT, True),
        ("quotes", _INT, True),
        ("indirect_quotes", _INT, True),
    ],
}


def schema(table: str, doc_id_type: Any) -> Any:
    """The Spark schema of ``table`` ("entities", "quotes" or "clusters") with a
    ``doc_id`` of Spark type ``doc_id_type``."""
    from pyspark.sql import types as T

    kinds = {_STR: T.StringType(), _INT: T.IntegerType()}
    fields = [T.StructField("doc_id", doc_id_type, True)]
    fields += [T.StructField(n, kinds[k], nullable) for n, k, nullable in _COLUMNS[table]]
    return T.StructType(fields)


def _batches(
    batches: Iterator[Any], extractor: Any, table: str, arrow_schema: Any, n_threads: int
) -> Iterator[Any]:
    """mapInArrow's function: Arrow batches of (text, id) in, result batches out."""
    import pyarrow as pa

    make = getattr(extractor, f"{table}_arrow")
    for batch in batches:
        texts = batch.column(0).to_pylist()
        ids = batch.column(1).to_pylist()
        reader = pa.RecordBatchReader.from_stream(make(texts, ids, n_threads=n_threads))
        for out in reader:
            columns = [
                col.cast(field.type) if col.type != field.type else col
                for col, field in zip(out.columns, arrow_schema, strict=True)
            ]
            yield pa.RecordBatch.from_arrays(columns, schema=arrow_schema)


def _run(
    table: str, sdf: Any, extractor: Any, text_col: str, id_col: str | None, n_threads: int
) -> Any:
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import to_arrow_schema

    for name in (text_col, id_col):
        if name is not None and name not in sdf.columns:
            raise KeyError(f"no column {name!r} in the DataFrame (columns: {sdf.columns})")
    doc_id = F.col(id_col) if id_col is not None else F.monotonically_increasing_id()
    rows = sdf.select(F.col(text_col).alias("text"), doc_id.alias("doc_id"))
    out_schema = schema(table, rows.schema["doc_id"].dataType)
    arrow_schema = to_arrow_schema(out_schema)
    shipped = sdf.sparkSession.sparkContext.broadcast(extractor)

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        return _batches(batches, shipped.value, table, arrow_schema, n_threads)

    return rows.mapInArrow(run, out_schema)


entities = table_function(
    _run,
    "entities",
    __name__,
    """Entity mentions (the columns of ``Extractor.entities_frame``) as a Spark
    DataFrame; offsets are code points.""",
)
quotes = table_function(
    _run,
    "quotes",
    __name__,
    """Quotes (the columns of ``Extractor.quotes_frame``) as a Spark DataFrame.""",
)
clusters = table_function(
    _run,
    "clusters",
    __name__,
    """Clusters (the columns of ``Extractor.clusters_frame``) as a Spark DataFrame.""",
)
