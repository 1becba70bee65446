"""Records of text formats: JSON lines, JSON arrays, CSV/TSV and plain text.

Each line is decoded on its own (a plain-text file, one record, at once), so one byte
that is not UTF-8 spoils only the record it is in (reported as ``file:line: not UTF-8
at byte N``, N counting from the start of the decompressed file); with
``errors="replace"`` it becomes U+FFFD instead. A UTF-8 byte-order mark at the start is
dropped (it must not rename the first CSV column).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from .records import BadRecord, Fields, Item, Record

BOM = b"\xef\xbb\xbf"
# A field may be as long as an article; the csv module's default limit is 131,072.
CSV_FIELD_LIMIT = 2**31 - 1


@dataclass(frozen=True)
class Line:
    """One decoded line: ``bad_at`` is the file offset of its first byte that is not
    UTF-8 (None when it decoded, or was decoded with replacement characters)."""

    number: int
    text: str
    bad_at: int | None


def decoded_lines(stream: IO[bytes], errors: str) -> Iterator[Line]:
    """The lines of ``stream`` (line ends kept), each decoded on its own."""
    offset = 0
    for number, raw in enumerate(stream, 1):
        start = 0
        if number == 1 and raw.startswith(BOM):
            start = len(BOM)
        try:
            yield Line(number, raw.decode("utf-8") if not start else raw[start:].decode(), None)
        except UnicodeDecodeError as err:
            text = raw[start:].decode("utf-8", "replace")
            bad_at = None if errors == "replace" else offset + start + err.start
            yield Line(number, text, bad_at)
        offset += len(raw)


def not_utf8(name: str, line: Line) -> BadRecord:
    return BadRecord(f"{name}:{line.number}", f"not UTF-8 at byte {line.bad_at}")


def jsonl_records(name: str, lines: Iterable[Line], fields: Fields) -> Iterator[Item]:
    """One record per non-blank line."""
    for line in lines:
        if line.bad_at is not None:
            yield not_utf8(name, line)
            continue
        if not line.text.strip():
            continue
        where = f"{name}:{line.number}"
        try:
            row = json.loads(line.text)
        except json.JSONDecodeError as err:
            yield BadRecord(where, f"invalid JSON ({err.msg} at column {err.colno})")
            continue
        yield fields.from_mapping(where, row, where)


def json_records(name: str, lines: Iterable[Line], fields: Fields) -> Iterator[Item]:
    """The objects of a JSON array (or the one object of a JSON file), each a record
    located at the line where it starts."""
    all_lines = list(lines)
    bad = {ln.number: ln for ln in all_lines if ln.bad_at is not None}
    text = "".join(ln.text for ln in all_lines)
    del all_lines
    pos = _skip_ws(text, 0)
    if pos == len(text):
        return
    if not text.startswith("[", pos):
        # One object: the file is one record.
        text, pos = f"[{text[pos:]}]", 0
    lines_before = _LineCounter(text)
    pos = _skip_ws(text, pos + 1)
    if text.startswith("]", pos):
        return
    decoder = json.JSONDecoder()
    while True:
        try:
            row, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as err:
            yield BadRecord(f"{name}:{err.lineno}", f"invalid JSON ({err.msg}); rest not read")
            return
        first, last = lines_before.line_of(pos), lines_before.line_of(end)
        where = f"{name}:{first}"
        spoilt = next((bad[n] for n in range(first, last + 1) if n in bad), None)
        yield not_utf8(name, spoilt) if spoilt else fields.from_mapping(where, row, where)
        pos = _skip_ws(text, end)
        if text.startswith(",", pos):
            pos = _skip_ws(text, pos + 1)
        elif text.startswith("]", pos):
            return
        else:
            yield BadRecord(f"{name}:{last}", "invalid JSON (expected ',' or ']'); rest not read")
            return


class _LineCounter:
    """Line numbers of increasing positions in a text, in time linear in the text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._line = 1

    def line_of(self, pos: int) -> int:
        self._line += self._text.count("\n", self._pos, pos)
        self._pos = pos
        return self._line


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def csv_records(name: str, lines: Iterable[Line], fields: Fields, delimiter: str) -> Iterator[Item]:
    """One record per CSV row; a malformed row (bad quoting, wrong field count, a byte
    that is not UTF-8) is one bad record and reading goes on."""
    bad: dict[int, Line] = {}

    def texts() -> Iterator[str]:
        for line in lines:
            if line.bad_at is not None:
                bad[line.number] = line
            yield line.text

    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(texts(), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as err:
        yield BadRecord(f"{name}:1", f"malformed CSV header ({err}); file not read")
        return
    if bad:
        yield not_utf8(name, bad.pop(1))
        return
    if fields.text not in header:
        yield BadRecord(f"{name}:1", f"no column {fields.text!r} (columns: {', '.join(header)})")
        return
    last = reader.line_num
    while True:
        first = last + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            last = reader.line_num
            yield BadRecord(f"{name}:{first}", f"malformed CSV row ({err})")
            continue
        last = reader.line_num
        spoilt = _first_bad(bad, first, last)
        where = f"{name}:{first}"
        if spoilt is not None:
            yield not_utf8(name, spoilt)
        elif not row:
            continue
        elif len(row) != len(header):
            yield BadRecord(where, f"{len(row)} fields, the header has {len(header)}")
        else:
            yield fields.from_mapping(where, dict(zip(header, row, strict=True)), where)


def _first_bad(bad: dict[int, Line], first: int, last: int) -> Line | None:
    """The first line of ``first..last`` with a bad byte; forgets those lines."""
    if not bad:
        return None
    found = [bad.pop(n) for n in range(first, last + 1) if n in bad]
    return found[0] if found else None


def text_records(name: str, stream: IO[bytes], fields: Fields, errors: str) -> Iterator[Item]:
    """A plain-text file is one document, its id the file name. It is read and decoded
    at once, not line by line: the lines of a 100 MB file, held as strings until they
    are joined, would cost more memory than the document; a bad byte is still reported
    with its line."""
    data = stream.read()
    start = len(BOM) if data.startswith(BOM) else 0
    try:
        text = str(memoryview(data)[start:], "utf-8")
    except UnicodeDecodeError as err:
        if errors != "replace":
            bad = start + err.start
            yield not_utf8(name, Line(data.count(b"\n", 0, bad) + 1, "", bad))
            return
        text = str(memoryview(data)[start:], "utf-8", "replace")
    del data  # a long document is held once, not twice
    if text.strip() or name != "<stdin>":
        yield Record(name, name, text, {k: None for k in fields.keep})
