"""``namedrop extract``: inputs -> records -> Extractor.pipe -> writers.

A bad record is reported on stderr as ``file:line: problem`` when it is read and the
run goes on; the exit status is 1 at the end if any failed. With ``strict`` the run
stops at the first bad record, after writing every record read before it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import IO, Any

from .._extractor import Extractor
from .._frames import TABLES, columns
from .errors import InputFormatError
from .inputs import Inputs
from .progress import Progress
from .records import BadRecord, Fields, Record
from .writers import TEXT_TABLE_FORMATS, DocumentsJsonl, TextTable, Writer

OUTPUT_FORMATS = ("jsonl", "csv", "tsv", "parquet", "arrow")
BINARY_FORMATS = ("parquet", "arrow")
SUFFIX_OUTPUT = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
                 ".parquet": "parquet", ".arrow": "arrow", ".feather": "arrow"}
JSONL_RESERVED = ("id", "entities", "quotes", "clusters")


@dataclass(frozen=True)
class Plan:
    """What to write where: ``(table or None for JSONL documents, path or None)``."""

    format: str
    targets: tuple[tuple[str | None, str | None], ...]


def plan_output(fmt: str | None, table: str | None, output: str | None,
                output_dir: str | None, keep: tuple[str, ...]) -> Plan:
    """Checks the output options together; an InputFormatError says what is wrong."""
    if output and output_dir:
        raise InputFormatError("give -o/--output or --output-dir, not both")
    if fmt is None and output:
        fmt = SUFFIX_OUTPUT.get(os.path.splitext(output.lower())[1])
    fmt = fmt or "jsonl"
    if output_dir:
        if table:
            raise InputFormatError("--output-dir writes every table; drop --table")
        targets = tuple((t, os.path.join(output_dir, f"{t}.{fmt}")) for t in TABLES)
    elif table or fmt not in ("jsonl",):
        if not table:
            raise InputFormatError(
                f"--format {fmt} writes one table: choose --table {{{','.join(TABLES)}}}, "
                "or --output-dir DIR for one file per table"
            )
        targets = ((table, output),)
    else:
        targets = ((None, output),)
    for t, _ in targets:
        taken = JSONL_RESERVED if t is None else columns(t)
        clash = [k for k in keep if k in taken]
        if clash:
            where = "JSONL records" if t is None else f"the {t} table"
            raise InputFormatError(f"--keep {clash[0]!r}: {where} already have that field")
    return Plan(fmt, targets)


def _open_writer(stack: ExitStack, plan: Plan, table: str | None, path: str | None,
                 keep: tuple[str, ...]) -> Writer:
    binary = plan.format in BINARY_FORMATS
    if path is None:
        sink: IO[Any] = sys.stdout.buffer if binary else sys.stdout
    else:
        if os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
        if binary:
            sink = stack.enter_context(open(path, "wb"))
        else:
            sink = stack.enter_context(open(path, "w", encoding="utf-8", newline=""))
    if table is None:
        return DocumentsJsonl(sink, keep)
    if plan.format in TEXT_TABLE_FORMATS:
        return TextTable(sink, plan.format, table, keep)
    from .arrow_writers import ArrowTable

    return ArrowTable(sink, plan.format, table, keep)


def _items(inputs: Inputs, strict: bool, counts: dict[str, int]) -> Iterator[tuple[Any, Record]]:
    for item in inputs:
        if isinstance(item, BadRecord):
            print(f"namedrop: {item.where}: {item.problem}", file=sys.stderr, flush=True)
            counts["bad"] += 1
            if strict:
                return
            continue
        yield item.text, item


def extract(ex: Extractor, plan: Plan, args: Any) -> int:
    """Runs the command with the checked ``plan`` of outputs; returns the exit status."""
    fields = Fields(args.text_field, args.id_field, tuple(args.keep))
    inputs = Inputs(args.inputs, args.input_format, fields, args.encoding_errors)
    progress = Progress(sys.stderr, inputs.total, not args.quiet and sys.stderr.isatty())
    counts = {"bad": 0, "docs": 0}
    with ExitStack() as stack:
        writers = [_open_writer(stack, plan, t, p, fields.keep) for t, p in plan.targets]
        pairs = ex.pipe(_items(inputs, args.strict, counts), n_threads=args.threads,
                        as_tuples=True)
        for doc, record in pairs:
            for w in writers:
                w.write(record, doc)
            counts["docs"] += 1
            progress.update(inputs.bytes_done(), counts["docs"])
        for w in writers:
            w.close()
    progress.close()
    if not args.quiet:
        bad = f", {counts['bad']:,} bad record(s)" if counts["bad"] else ""
        stopped = " (stopped: --strict)" if args.strict and counts["bad"] else ""
        print(f"namedrop: {counts['docs']:,} document(s) written{bad}{stopped}", file=sys.stderr)
    return 1 if counts["bad"] else 0
