"""Every input in turn, as records: opens each file, reads it with the reader of its
format, and turns a file that cannot be read into one bad record (the run goes on).
"""

from __future__ import annotations

import lzma
import os
from collections.abc import Iterator

from .columnar import columnar_records
from .records import BadRecord, Fields, Item
from .sources import Source, open_source
from .text_readers import (
    csv_records,
    decoded_lines,
    json_records,
    jsonl_records,
    text_records,
)

# What a file that cannot be read raises: the OS, the decompressors, pyarrow
# (ArrowInvalid is a ValueError, ArrowIOError an OSError) and our format checks.
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, ValueError, lzma.LZMAError)
try:
    import zstandard

    READ_ERRORS += (zstandard.ZstdError,)
except ImportError:  # pragma: no cover - zstd input then says which extra it needs
    pass


class Inputs:
    """The records of ``paths`` (stdin when empty), and how many bytes are read."""

    def __init__(
        self, paths: list[str], input_format: str | None, fields: Fields, encoding_errors: str
    ) -> None:
        self._paths = paths or ["-"]
        self._format = input_format
        self._fields = fields
        self._errors = encoding_errors
        sizes = [None if p == "-" else _size(p) for p in self._paths]
        self.total: int | None = None if None in sizes else sum(s or 0 for s in sizes)
        self._finished = 0
        self._current: Source | None = None
        self._fraction = 0.0

    def bytes_done(self) -> int:
        """Bytes of the inputs read so far (of ``total``)."""
        src = self._current
        if src is None or src.size is None:
            return self._finished
        if src.format in ("parquet", "arrow"):
            return self._finished + int(self._fraction * src.size)
        return self._finished + src.position()

    def _set_fraction(self, fraction: float) -> None:
        self._fraction = fraction

    def __iter__(self) -> Iterator[Item]:
        for path in self._paths:
            try:
                source = open_source(path, self._format)
            except READ_ERRORS as err:
                yield BadRecord(path, f"cannot read ({err})")
                continue
            self._current, self._fraction = source, 0.0
            try:
                yield from self._records(source)
            except READ_ERRORS as err:
                # A file cut short or corrupt: the records read before it are kept.
                yield BadRecord(source.name, f"cannot read ({err})")
            finally:
                source.close()
                self._finished += source.size or 0
                self._current = None

    def _records(self, source: Source) -> Iterator[Item]:
        fmt, fields = source.format, self._fields
        if fmt in ("parquet", "arrow"):
            yield from columnar_records(source, fields, self._set_fraction)
            return
        if fmt not in ("jsonl", "json", "csv", "tsv"):
            yield from text_records(source.name, source.stream, fields, self._errors)
            return
        lines = decoded_lines(source.stream, self._errors)
        if fmt == "jsonl":
            yield from jsonl_records(source.name, lines, fields)
        elif fmt == "json":
            yield from json_records(source.name, lines, fields)
        else:
            yield from csv_records(source.name, lines, fields, "\t" if fmt == "tsv" else ",")


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
