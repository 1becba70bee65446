"""Opening an input: the file (or stdin), its compression and its format.

Compression comes from the name (``.gz .bz2 .xz .zst``) or, for stdin and unknown
names, from the first bytes; the format from ``--input-format``, else the name, else
the first bytes (JSON lines start with ``{``, JSON arrays with ``[``, Parquet with
``PAR1``, Arrow IPC with ``ARROW1`` or a stream marker; text otherwise). Content that is
not text under a name that does not say what it is, is an error, not a plain-text read.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from .errors import InputFormatError, missing_extra

FORMATS = ("txt", "jsonl", "json", "csv", "tsv", "parquet", "arrow")
SUFFIX_FORMATS = {
    ".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".parquet": "parquet", ".pq": "parquet",
    ".arrow": "arrow", ".arrows": "arrow", ".feather": "arrow", ".ipc": "arrow",
}
COMPRESSION_SUFFIXES = {".gz": "gz", ".bz2": "bz2", ".xz": "xz", ".zst": "zst"}
COMPRESSION_MAGIC = (
    (b"\x1f\x8b", "gz"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zst"),
)
HEAD_BYTES = 8192


@dataclass
class Source:
    """An opened input: the decompressed bytes, its format and how far it has been read."""

    name: str
    stream: IO[bytes]
    format: str
    #: bytes on disk (None for stdin): the progress bar's total
    size: int | None
    #: bytes of the file read so far (on disk, so compressed bytes for compressed files)
    position: Callable[[], int]
    path: str | None

    def close(self) -> None:
        self.stream.close()


def _open_zstd(raw: IO[bytes]) -> IO[bytes]:
    try:
        import zstandard
    except ImportError:
        raise missing_extra(".zst input", "zstandard", "zstd") from None
    return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)  # type: ignore[no-any-return]


def _decompress(raw: IO[bytes], compression: str | None) -> IO[bytes]:
    if compression is None:
        return raw
    if compression == "gz":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if compression == "bz2":
        return bz2.BZ2File(raw, mode="rb")  # type: ignore[return-value]
    if compression == "xz":
        return lzma.LZMAFile(raw, mode="rb")  # type: ignore[return-value]
    return io.BufferedReader(_open_zstd(raw))  # type: ignore[arg-type]


class _Prefixed(io.RawIOBase):
    """A stream that gives back ``head`` and then the rest of ``rest``: a look at the
    first bytes of stdin or a decompressed stream without seeking."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buf))
        buf[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._rest.close()
        super().close()


def _peek(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    head = b""
    while len(head) < HEAD_BYTES:
        chunk = stream.read(HEAD_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    bad = head.decode("utf-8", "replace").count("\ufffd")
    return bad > max(4, len(head) // 10)


def sniff(name: str, head: bytes) -> str:
    """The format of content that starts with ``head``."""
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"ARROW1") or head.startswith(b"\xff\xff\xff\xff"):
        return "arrow"
    if _looks_binary(head):
        raise InputFormatError(
            f"{name}: cannot tell the format (binary content); give the file a known "
            f"extension or pass --input-format {{{','.join(FORMATS)}}}"
        )
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"{": "jsonl", b"[": "json"}.get(start, "txt")


def _split_name(path: str) -> tuple[str | None, str | None]:
    """(format, compression) from a file name: ``a.jsonl.gz`` -> ("jsonl", "gz")."""
    base, ext = os.path.splitext(path.lower())
    compression = COMPRESSION_SUFFIXES.get(ext)
    if compression is not None:
        base, ext = os.path.splitext(base)
    return SUFFIX_FORMATS.get(ext), compression


def open_source(path: str | None, input_format: str | None) -> Source:
    """Opens a file (``None`` or ``-`` for stdin) ready to read records from."""
    is_stdin = path is None or path == "-"
    if is_stdin:
        raw: IO[bytes] = sys.stdin.buffer
        name, size, fmt, compression = "<stdin>", None, None, None
        position: Callable[[], int] = lambda: 0  # noqa: E731
    else:
        assert path is not None
        name = path
        fmt, compression = _split_name(path)
        raw = open(path, "rb")  # closed with the Source
        size = os.fstat(raw.fileno()).st_size
        position = raw.tell
    fmt = input_format or fmt
    stream = raw
    if is_stdin or (compression is None and fmt is None):
        head, stream = _peek(raw)
        compression = next((c for magic, c in COMPRESSION_MAGIC if head.startswith(magic)), None)
    stream = _decompress(stream, compression)
    if fmt is None:
        head, stream = _peek(stream)
        fmt = sniff(name, head)
    direct = None if is_stdin or compression is not None else path
    return Source(name, stream, fmt, size, position, direct)
