"""Columnar results: ``Extractor.entities_arrow`` / ``quotes_arrow`` /
``clusters_arrow`` and the polars frames built from them.

The columns are built in Rust, batch by batch as they are read, and exported through
the Arrow PyCapsule stream interface; nothing here imports pyarrow or polars unless a
polars frame is asked for.

>>> import namedrop as nd
>>> g = nd.Gazetteer.from_records([{"id": "p", "name": "Paris", "label": "GPE"}])
>>> ex = nd.Extractor(g)
>>> res = ex.entities_arrow(["Paris in May.", None, "Paris, again."])
>>> res
ArrowResults(entities of 3 texts, 2048 texts per batch)
>>> import pyarrow as pa
>>> pa.table(res).select(["doc_id", "start", "text"]).to_pylist()
[{'doc_id': 0, 'start': 0, 'text': 'Paris'}, {'doc_id': 2, 'start': 0, 'text': 'Paris'}]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from . import _core

__all__ = [
    "BATCH_SIZE",
    "TABLES",
    "arrow_results",
    "is_polars",
    "pandas_columns",
    "polars_frame",
    "wants_polars",
]

# Texts per record batch: ~200k entity rows of news, a few MB of columns.
BATCH_SIZE = 2048
TABLES = ("entities", "quotes", "clusters")


def _texts_and_ids(texts: Iterable[Any], ids: Iterable[Any] | None) -> tuple[list[Any], Any]:
    if is_polars(texts):
        texts = texts.to_list()  # type: ignore[attr-defined]
    if is_polars(ids):
        ids = ids.to_list()  # type: ignore[union-attr]
    elif ids is not None and hasattr(ids, "tolist"):
        ids = ids.tolist()  # pandas / numpy: Python ints, floats and strs
    return list(texts), None if ids is None else list(ids)


def arrow_results(
    core: _core.Extractor,
    table: str,
    texts: Iterable[Any],
    ids: Iterable[Any] | None,
    n_threads: int | None,
    batch_size: int,
) -> _core.ArrowResults:
    """Checks the rows (as ``pipe`` does) and makes the lazy Arrow results."""
    from ._extractor import _check_rows

    rows, id_list = _texts_and_ids(texts, ids)
    if batch_size < 1:
        raise _core.InputError(f"batch_size must be >= 1, got {batch_size}")
    return _core.arrow_results(core, table, _check_rows(rows, 0), id_list, n_threads, batch_size)


def is_polars(obj: Any) -> bool:
    """A polars Series or DataFrame (without importing polars)."""
    polars = sys.modules.get("polars")
    return polars is not None and isinstance(obj, (polars.Series, polars.DataFrame))


def wants_polars(texts: Any, backend: str | None) -> bool:
    """Whether a frame method should return polars: ``backend="polars"``, or a polars
    Series of texts with no backend named."""
    if backend is None:
        return is_polars(texts)
    if backend not in ("pandas", "polars"):
        raise _core.InputError(f'backend must be "pandas" or "polars", got {backend!r}')
    return backend == "polars"


def pandas_columns(results: _core.ArrowResults, kinds: Iterable[tuple[str, str]]) -> Any:
    """The rows' text positions (an int64 numpy array) and a pandas DataFrame of the
    other columns of ``results`` (made with ids=None), typed by ``kinds`` (name, kind):
    "int" columns int64, "str" columns pandas 3's ``str`` backed by the Arrow buffers
    (no Python object per value); dictionary columns are decoded. Before pandas 3,
    strings are object columns. Callers fall back to Python strings when
    ``results.lone_surrogates`` (Arrow cannot hold them)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    table = pa.table(results)
    positions = table.column("doc_id").to_numpy()
    mapper = None
    if int(pd.__version__.split(".")[0]) >= 3:
        mapper = {pa.string(): pd.StringDtype(storage="pyarrow", na_value=np.nan)}.get

    def to_pandas(col: Any) -> Any:
        return col.to_pandas(types_mapper=mapper)

    data: dict[str, Any] = {}
    for name, kind in kinds:
        if kind == "id":
            continue
        col = table.column(name)
        if kind == "str":
            if pa.types.is_dictionary(col.type):
                col = col.cast(pa.string())
            data[name] = to_pandas(col)
        else:
            data[name] = col.to_numpy().astype("int64")
    del table
    return positions, pd.DataFrame(data, copy=False)


def polars_frame(results: _core.ArrowResults) -> Any:
    """A polars DataFrame of Arrow results; repeated strings become Categorical."""
    import polars as pl

    return pl.DataFrame(results)
