"""Writers of results: JSONL documents, or one table as CSV/TSV/JSON lines; Parquet and
Arrow are in ``arrow_writers``. Every writer takes ``write(record, doc)`` per input
record, in input order, and ``close()``.

The tables' columns are ``namedrop._frames.TABLES`` (the frames API's), followed by the
kept input fields (``--keep``).
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any, Protocol

from .._frames import columns, document_rows
from .._types import Document
from .records import Record

TEXT_TABLE_FORMATS = ("csv", "tsv", "jsonl")


class Writer(Protocol):
    def write(self, record: Record, doc: Document) -> None: ...
    def close(self) -> None: ...


_RESULT_KEYS = ("entities", "quotes", "clusters")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def cell(value: Any) -> Any:
    """A kept field's value in a table cell: scalars as they are, others as JSON."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return _dumps(value)


class DocumentsJsonl:
    """One JSON object per input record: id, the kept fields, entities, quotes and
    clusters (the document's cast with mention and quote counts)."""

    def __init__(self, out: IO[str], keep: tuple[str, ...]) -> None:
        self._out = out
        self._keep = keep

    def write(self, record: Record, doc: Document) -> None:
        # Written item by item, not as one dict dumped at once: a 100 MB document has
        # millions of mentions, and their dicts plus the whole line held together cost
        # ~70 bytes of memory per input byte. The bytes are json.dumps' of the dict.
        head: dict[str, Any] = {"id": record.id}
        head.update((k, v) for k, v in record.fields.items() if k not in _RESULT_KEYS)
        out = self._out
        out.write(_dumps(head)[:-1])
        for key, items in zip(_RESULT_KEYS, (doc.entities, doc.quotes, doc.clusters),
                              strict=True):
            out.write(f', "{key}": [')
            for i, item in enumerate(items):
                if i:
                    out.write(", ")
                out.write(_dumps(item.to_dict()))
            out.write("]")
        out.write("}\n")

    def close(self) -> None:
        self._out.flush()


class TextTable:
    """One table as CSV, TSV or JSON lines (one object per row)."""

    def __init__(self, out: IO[str], fmt: str, table: str, keep: tuple[str, ...]) -> None:
        self._out = out
        self._table = table
        self._names = [*columns(table), *keep]
        self._keep = keep
        self._csv = None
        if fmt != "jsonl":
            self._csv = csv.writer(out, delimiter="\t" if fmt == "tsv" else ",",
                                   lineterminator="\n")
            self._csv.writerow(self._names)

    def write(self, record: Record, doc: Document) -> None:
        kept = tuple(cell(record.fields[k]) for k in self._keep)
        rows = (row + kept for row in document_rows(self._table, record.id, doc))
        if self._csv is not None:
            self._csv.writerows(rows)
            return
        for row in rows:
            line = dict(zip(self._names, row, strict=True))
            self._out.write(_dumps(line) + "\n")

    def close(self) -> None:
        self._out.flush()
