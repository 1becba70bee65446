"""Results as tables: the column names and dtypes of every table, the pandas frames of
``Extractor.entities_frame``/``quotes_frame``/``clusters_frame``, and the rows of one
Document that the command line writes (CSV, Parquet, Arrow), so both share one schema.

``TABLES`` is the one place that names the columns and their dtypes: the frames, the
CLI's writers and their tests read it.

>>> [name for name, _ in TABLES["clusters"]][-3:]
['mentions', 'quotes', 'indirect_quotes']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._extractor import _check_rows, _is_missing
from ._types import Document

if TYPE_CHECKING:
    import pandas as pd

    from ._extractor import Extractor

__all__ = ["TABLES", "document_rows", "table_frame"]

# Texts per core call when building a DataFrame: the core's results for the whole input
# never sit in memory at once.
FRAME_CHUNK = 2048

# Column kinds: "id" takes the dtype of the ids given, "int" is int64, "str" a string
# column (None where missing), "count" a non-negative int64.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "entities": (
        ("doc_id", "id"), ("start", "int"), ("end", "int"), ("text", "str"),
        ("label", "str"), ("entity_id", "str"), ("name", "str"), ("source", "str"),
        ("gender", "str"),
    ),
    "quotes": (
        ("doc_id", "id"), ("start", "int"), ("end", "int"), ("quote", "str"),
        ("kind", "str"), ("speaker", "str"), ("speaker_entity_id", "str"),
        ("speaker_gender", "str"), ("speaker_source", "str"), ("cue", "str"),
        ("rule", "str"), ("paragraph", "int"),
    ),
    "clusters": (
        ("doc_id", "id"), ("name", "str"), ("label", "str"), ("entity_id", "str"),
        ("gender", "str"), ("gender_evidence", "str"), ("mentions", "int"), ("quotes", "int"),
        # how many of ``quotes`` are reported speech (quotes of kind "indirect")
        ("indirect_quotes", "int"),
    ),
    # One row per document, hits or not (the CLI's docs table): what makes documents
    # without any hit countable.
    "docs": (
        ("doc_id", "id"), ("chars", "int"), ("entities", "int"), ("quotes", "int"),
        ("clusters", "int"),
    ),
}


def columns(table: str) -> list[str]:
    """The column names of ``table`` in order."""
    return [name for name, _ in TABLES[table]]


def _string_dtype() -> Any:
    """The dtype of string columns built from lists: pandas 3's ``str`` (with Python
    storage: texts may hold lone surrogates, which Arrow storage refuses) where it is
    the default, else object (pandas 2's ``astype(str)`` would turn None into "None").
    Frames built from Arrow columns (``_arrow_frame``) have ``str`` with pyarrow storage."""
    import numpy as np
    import pandas as pd

    if int(pd.__version__.split(".")[0]) >= 3:
        return pd.StringDtype(storage="python", na_value=np.nan)
    return object


def checked_texts(rows: list[Any], labels: Any) -> list[str | None]:
    """``rows`` as str or None (missing); a TypeError names the bad row's label."""
    try:
        return _check_rows(rows, 0)
    except TypeError:
        pos = next(i for i, r in enumerate(rows) if not isinstance(r, str) and not _is_missing(r))
        raise TypeError(
            f"text of row {labels[pos]!r} (position {pos}) is {type(rows[pos]).__name__}, "
            "expected str or None"
        ) from None


def _id_index(ids: Iterable[Any] | None, n_texts: int) -> pd.Index:
    """The ids as a pandas Index: its dtype and name are those of the ids given (a
    Series or Index keeps both; a list infers them; positions are int64)."""
    import pandas as pd

    if ids is None:
        return pd.RangeIndex(n_texts)
    if isinstance(ids, pd.Index):
        index = ids
    elif isinstance(ids, pd.Series):
        index = pd.Index(ids, name=ids.name)
    else:
        index = pd.Index(list(ids))
    if len(index) != n_texts:
        raise ValueError(f"ids has {len(index)} items but texts has {n_texts}")
    return index


def _frame(table: str, cols: dict[str, list[Any]], doc_ids: pd.Index) -> pd.DataFrame:
    """A frame of ``table`` from its columns (lists), with the table's dtypes whether
    or not there are rows. The index repeats each row's doc id (as ``Series.explode``
    does), so the ids' name survives and ``frame.join`` lines up with the input."""
    import pandas as pd

    string = _string_dtype()
    data: dict[str, Any] = {}
    for name, kind in TABLES[table]:
        if kind == "id":
            data[name] = pd.Series(doc_ids, dtype=doc_ids.dtype).reset_index(drop=True)
        else:
            dtype = "int64" if kind == "int" else string
            data[name] = pd.Series(cols.get(name, []), dtype=dtype)
    frame = pd.DataFrame(data)
    frame.index = pd.Index(doc_ids, name=doc_ids.name)
    return frame


def _arrow_frame(
    ex: Extractor, table: str, checked: list[str | None], index: pd.Index, n_threads: Any
) -> pd.DataFrame | None:
    """The frame of ``table`` from the Arrow columns built in Rust (strings stay in
    Arrow buffers: pandas 3's ``str`` with pyarrow storage), or None where they cannot
    serve: pyarrow is not installed, or a text has lone surrogates (Arrow strings cannot
    hold them; the list path cuts every text from the caller's str)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return None
    import pandas as pd

    from . import _arrow, _core

    results = _core.arrow_results(ex._core, table, checked, None, n_threads, FRAME_CHUNK)
    if results.lone_surrogates:
        return None
    positions, frame = _arrow.pandas_columns(results, TABLES[table])
    doc_ids = index.take(positions)
    frame.insert(0, "doc_id", pd.Series(doc_ids, dtype=doc_ids.dtype).reset_index(drop=True))
    frame.index = pd.Index(doc_ids, name=doc_ids.name)
    return frame


def table_frame(
    ex: Extractor,
    table: str,
    texts: Iterable[Any],
    ids: Iterable[Any] | None = None,
    n_threads: Any = None,
) -> pd.DataFrame:
    """Every row of ``table`` ("entities", "quotes" or "clusters") for ``texts``: the
    columns of ``TABLES[table]``. Built from the Arrow columns when pyarrow is there;
    otherwise from the core's column lists (entities, quotes) or from Documents
    (clusters, which are few per document)."""
    rows = list(texts)
    index = _id_index(ids, len(rows))
    checked = checked_texts(rows, index)
    frame = _arrow_frame(ex, table, checked, index, n_threads)
    if frame is not None:
        return frame
    if table == "clusters":
        return _clusters_from_documents(ex, checked, index, n_threads)
    core = ex._core.entities_columns if table == "entities" else ex._core.quotes_columns
    cols: dict[str, list[Any]] = {}
    for first in range(0, len(checked), FRAME_CHUNK):
        part = core(checked[first : first + FRAME_CHUNK], n_threads)
        part["doc"] = [first + d for d in part["doc"]]
        for name, values in part.items():
            cols.setdefault(name, []).extend(values)
    return _frame(table, cols, index.take(cols.pop("doc", [])))


def _clusters_from_documents(
    ex: Extractor, checked: list[str | None], index: pd.Index, n_threads: Any
) -> pd.DataFrame:
    cols: dict[str, list[Any]] = {name: [] for name in columns("clusters")}
    doc_index: list[int] = []
    for pos, doc in enumerate(ex.pipe(checked, n_threads=n_threads)):
        for row in document_rows("clusters", None, doc):
            doc_index.append(pos)
            for name, value in zip(cols, row, strict=True):
                cols[name].append(value)
    return _frame("clusters", cols, index.take(doc_index))


def _speaker_name(sp: Any) -> str | None:
    return (sp.name or sp.text) if sp is not None else None


def document_rows(table: str, doc_id: Any, doc: Document) -> Iterator[tuple[Any, ...]]:
    """The rows of ``table`` for one document, values in ``TABLES[table]`` order (the
    same values the frames hold)."""
    if table == "entities":
        for m in doc.entities:
            yield (doc_id, m.start, m.end, m.text, m.label, m.entity_id, m.name, m.source,
                   m.gender)
    elif table == "quotes":
        for q in doc.quotes:
            sp = q.speaker
            yield (doc_id, q.start, q.end, q.text, q.kind, _speaker_name(sp),
                   sp.entity_id if sp else None, sp.gender if sp else None,
                   sp.source if sp else None, q.cue, q.rule, q.paragraph)
    elif table == "clusters":
        for c in doc.clusters:
            yield (doc_id, c.name, c.label, c.entity_id, c.gender, c.gender_evidence,
                   c.mentions, c.quotes, c.indirect_quotes)
    elif table == "docs":
        yield (doc_id, len(doc.text), len(doc.entities), len(doc.quotes), len(doc.clusters))
    else:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(TABLES)}")
