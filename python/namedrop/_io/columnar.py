"""Records of Parquet and Arrow IPC files (needs the ``arrow`` extra: pyarrow).

Read one record batch at a time, only the columns needed (text, id, kept fields), so a
large file never sits in memory whole; rows are located as ``file:row N`` (1-based).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .errors import InputFormatError, import_pyarrow
from .records import Fields, Item
from .sources import Source

BATCH_ROWS = 1024


def _batches(source: Source, wanted: list[str]) -> tuple[Iterator[Any], int | None]:
    """Record batches of the wanted columns that exist, and the row count if known."""
    pa, pq, ipc = import_pyarrow(f"{source.format.capitalize()} input")
    where: Any = source.path
    if where is None:
        # stdin or a compressed file: these formats need random access.
        where = pa.BufferReader(source.stream.read())  # type: ignore[attr-defined]
    if source.format == "parquet":
        pf = pq.ParquetFile(where)  # type: ignore[attr-defined]
        present = [c for c in wanted if c in pf.schema_arrow.names]
        return pf.iter_batches(batch_size=BATCH_ROWS, columns=present), pf.metadata.num_rows
    if isinstance(where, str):
        where = pa.memory_map(where)  # type: ignore[attr-defined]
    try:
        reader = ipc.open_file(where)  # type: ignore[attr-defined]
    except pa.ArrowInvalid:  # type: ignore[attr-defined]
        # Not the file format: the stream format (what `--format arrow` to stdout writes).
        where.seek(0)
        return iter(ipc.open_stream(where)), None  # type: ignore[attr-defined]
    n = reader.num_record_batches
    return (reader.get_batch(i) for i in range(n)), None


def columnar_records(source: Source, fields: Fields, progress: Any) -> Iterator[Item]:
    """One record per row; ``progress(fraction)`` is told how much has been read."""
    wanted = list(dict.fromkeys([fields.text, fields.id, *fields.keep]))
    batches, total_rows = _batches(source, wanted)
    row_no = 0
    for batch in batches:
        names = batch.schema.names
        if fields.text not in names:
            raise InputFormatError(
                f"{source.name}: no column {fields.text!r} (columns: {', '.join(names)})"
            )
        for row in batch.to_pylist():
            row_no += 1
            where = f"{source.name}:row {row_no}"
            yield fields.from_mapping(where, row, f"{source.name}:{row_no}")
        if total_rows:
            progress(row_no / total_rows)
