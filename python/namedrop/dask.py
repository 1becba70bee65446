"""namedrop on Dask: entity mentions, quotes and clusters of a Dask DataFrame or Series
of texts, one pandas frame per partition (``map_partitions``).

The extractor goes into the graph once (as a ``dask.delayed`` value), so each worker
process receives and unpickles it once; unpickling is cached per process (see
``namedrop._pickle``), so every worker holds one compiled gazetteer. Each partition runs
the extractor on ``n_threads`` threads (default 1: Dask runs partitions in parallel).

>>> import dask.dataframe as dd, pandas as pd, namedrop as nd, namedrop.dask
>>> g = nd.Gazetteer.from_records([{"id": "p", "name": "Paris", "label": "GPE"}])
>>> ex = nd.Extractor(g)
>>> df = pd.DataFrame({"text": ["Paris in May.", None, "Not here."]})
>>> ents = namedrop.dask.entities(dd.from_pandas(df, npartitions=2), ex)
>>> ents.compute()[["doc_id", "text", "entity_id"]].values.tolist()
[[0, 'Paris', 'p']]
"""

from __future__ import annotations

from typing import Any

from ._engines import table_function

__all__ = ["clusters", "entities", "quotes"]


def _frame(
    part: Any, extractor: Any, table: str, text_col: str | None, id_col: Any, n_threads: int
) -> Any:
    """The ``table`` frame of one pandas partition (a DataFrame, or a Series of texts)."""
    if text_col is None:
        texts, ids = part, part.index
    else:
        texts = part[text_col]
        ids = part.index if id_col is None else part[id_col]
    make = getattr(extractor, f"{table}_frame")
    return make(texts, ids=ids, n_threads=n_threads)


def _run(table: str, data: Any, extractor: Any, text_col: str, id_col: Any, n_threads: int) -> Any:
    import dask
    import dask.dataframe as dd

    if isinstance(data, dd.Series):
        if id_col is not None:
            raise ValueError("id_col is for a DataFrame; a Series's ids are its index")
        col = None
    elif isinstance(data, dd.DataFrame):
        for name in (text_col, id_col):
            if name is not None and name not in data.columns:
                raise KeyError(
                    f"no column {name!r} in the DataFrame (columns: {list(data.columns)})"
                )
        col = text_col
        data = data[[text_col] if id_col is None else [text_col, id_col]]
    else:
        raise TypeError(f"expected a Dask DataFrame or Series, got {type(data).__name__}")
    # The empty partition's frame has the dtypes of every partition's frame.
    meta = _frame(data._meta, extractor, table, col, id_col, n_threads)
    shipped = dask.delayed(extractor, pure=True)
    return data.map_partitions(_frame, shipped, table, col, id_col, n_threads, meta=meta)


entities = table_function(
    _run,
    "entities",
    __name__,
    """Entity mentions (the columns of ``Extractor.entities_frame``) as a Dask
    DataFrame. ``data``: a Dask DataFrame with a ``text_col`` column (``doc_id`` is its
    ``id_col``, or its index), or a Dask Series of texts (``doc_id`` is its index).""",
)
quotes = table_function(
    _run,
    "quotes",
    __name__,
    """Quotes (the columns of ``Extractor.quotes_frame``) as a Dask DataFrame.""",
)
clusters = table_function(
    _run,
    "clusters",
    __name__,
    """Clusters (the columns of ``Extractor.clusters_frame``) as a Dask DataFrame.""",
)
