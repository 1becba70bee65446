"""One table as Parquet or Arrow IPC (needs the ``arrow`` extra: pyarrow).

Rows are gathered into columns and written as a record batch every ``BATCH_ROWS`` rows,
so memory stays bounded whatever the input size. Column types follow
``namedrop._frames.TABLES``: ``doc_id`` and kept fields are strings (ids of a stream may
mix types), counts and offsets int64.
"""

from __future__ import annotations

from typing import IO, Any

from .._frames import TABLES, document_rows
from .._types import Document
from .errors import import_pyarrow
from .records import Record
from .writers import cell

BATCH_ROWS = 65536


def _as_text(value: Any) -> str | None:
    value = cell(value)
    return value if value is None or isinstance(value, str) else str(value)


class ArrowTable:
    """Writes one table to ``sink`` (a binary file) as ``parquet`` or ``arrow`` (the
    IPC file format, or the stream format where the sink cannot seek, e.g. a pipe)."""

    def __init__(self, sink: IO[bytes], fmt: str, table: str, keep: tuple[str, ...]) -> None:
        pa, pq, ipc = import_pyarrow(f"{fmt.capitalize()} output")
        self._pa: Any = pa
        names_kinds = [*TABLES[table], *((k, "keep") for k in keep)]
        self._schema = pa.schema(  # type: ignore[attr-defined]
            [(n, pa.int64() if k == "int" else pa.string()) for n, k in names_kinds]  # type: ignore[attr-defined]
        )
        self._text_cols = [i for i, (_, k) in enumerate(names_kinds) if k != "int"]
        self._table = table
        self._keep = keep
        self._rows: list[tuple[Any, ...]] = []
        if fmt == "parquet":
            self._writer = pq.ParquetWriter(sink, self._schema)  # type: ignore[attr-defined]
        elif sink.seekable():
            self._writer = ipc.new_file(sink, self._schema)  # type: ignore[attr-defined]
        else:
            self._writer = ipc.new_stream(sink, self._schema)  # type: ignore[attr-defined]
        self._sink = sink

    def write(self, record: Record, doc: Document) -> None:
        kept = tuple(record.fields[k] for k in self._keep)
        self._rows.extend(row + kept for row in document_rows(self._table, record.id, doc))
        if len(self._rows) >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        cols = [list(c) for c in zip(*self._rows, strict=True)] or [[] for _ in self._schema]
        for i in self._text_cols:
            cols[i] = [_as_text(v) for v in cols[i]]
        batch = self._pa.record_batch(cols, schema=self._schema)
        self._writer.write_batch(batch)
        self._rows = []

    def close(self) -> None:
        if self._rows:
            self._flush()
        self._writer.close()
        self._sink.flush()
