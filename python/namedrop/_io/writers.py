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


def cell(value: Any) -> Any:
    """A kept field's value in a table cell: scalars as they are, others as JSON."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


class DocumentsJsonl:
    """One JSON object per input record: id, the kept fields, entities, quotes and
    clusters (the document's cast with mention and quote counts)."""

    def __init__(self, out: IO[str], keep: tuple[str, ...]) -> None:
        self._out = out
        self._keep = keep

    def write(self, record: Record, doc: Document) -> None:
        line: dict[str, Any] = {"id": record.id}
        line.update(record.fields)
        line["entities"] = [m.to_dict() for m in doc.entities]
        line["quotes"] = [q.to_dict() for q in doc.quotes]
        line["clusters"] = [c.to_dict() for c in doc.clusters]
        self._out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")

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
            self._out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        self._out.flush()
