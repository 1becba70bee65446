"""The ``namedrop`` command line: ``extract``, ``demo`` and ``gazetteer``.

    namedrop demo
    namedrop extract articles.jsonl -o results.jsonl
    namedrop extract articles.parquet --format csv --table quotes -o quotes.csv
    namedrop extract articles.jsonl.gz --format parquet --output-dir out/
    namedrop extract --gazetteer people.csv notes/*.txt
    namedrop gazetteer build people.csv -o people.ndg
    namedrop gazetteer info people.ndg

A bad input record is reported on stderr with its file and line, and the run goes on;
the exit status is 1 at the end if any record failed (``--strict`` stops at the first,
after writing every record before it), 2 for an error that stops the run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from . import _core
from ._extractor import Extractor
from ._io.errors import InputFormatError, MissingExtraError
from ._types import Document

__all__ = ["main"]

def _load_gazetteer(path: str | None) -> _core.Gazetteer:
    if path is None:
        return _core.Gazetteer.default()
    # from_file reads every gazetteer file type, .ndg included (by extension).
    return _core.Gazetteer.from_file(path)


def cmd_extract(args: argparse.Namespace) -> int:
    from ._io.run import extract, plan_output

    # Output options are checked before the gazetteer loads: a typo fails at once.
    plan = plan_output(args.format, args.table, args.output, args.output_dir, tuple(args.keep))
    ex = Extractor(_load_gazetteer(args.gazetteer), indirect=not args.no_indirect)
    return extract(ex, plan, args)


def _said(c: Any) -> str:
    """How often a cluster speaks: in quote marks and in reported speech, apart."""
    direct = c.quotes - c.indirect_quotes
    counts = [f"quoted {direct}x"] if direct else []
    if c.indirect_quotes:
        counts.append(f"reported {c.indirect_quotes}x")
    return "".join(f", {n}" for n in counts)


def summary(doc: Document) -> str:
    """A readable account of a document: who is mentioned and who said what."""
    lines = []
    groups = {"PERSON": "People", "GPE": "Places", "ORG": "Organisations"}
    for label, title in groups.items():
        found = [c for c in doc.clusters if c.label == label]
        if found:
            lines.append(f"{title}:")
            for c in sorted(found, key=lambda c: (-c.mentions, c.name)):
                said = _said(c)
                lines.append(f"  {c.name} ({c.mentions} mention{'s' * (c.mentions != 1)}{said})")
    quotes = [q for q in doc.quotes if q.kind != "other"]
    if quotes:
        lines.append("Who said what:")
        for q in quotes:
            who = (q.speaker.name or q.speaker.text) if q.speaker else "(unknown)"
            # Reported speech has no quote marks of its own: marked so that it does not
            # read as a verbatim quote.
            how = " (reported)" if q.kind == "indirect" else ""
            text = q.text if len(q.text) <= 90 else q.text[:87] + "…"
            lines.append(f"  {who}{how}: {text}")
    return "\n".join(lines)


def cmd_demo(args: argparse.Namespace) -> int:
    text = (Path(__file__).parent / "data" / "sample_article.txt").read_text(encoding="utf-8")
    doc = Extractor(_core.Gazetteer.default(), indirect=not args.no_indirect)(text)
    print(text.splitlines()[0])
    print("=" * len(text.splitlines()[0]))
    print(summary(doc))
    return 0


def cmd_gazetteer_info(args: argparse.Namespace) -> int:
    g = _load_gazetteer(args.file)
    labels = Counter(g[i]["label"] for i in g)
    print(f"{args.file}: {len(g):,} entities")
    for label, n in sorted(labels.items()):
        print(f"  {label}: {n:,}")
    return 0


def cmd_gazetteer_build(args: argparse.Namespace) -> int:
    g = _load_gazetteer(args.source)
    g.save(args.output)
    print(f"{args.output}: {len(g):,} entities", file=sys.stderr)
    return 0


def _threads(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {n}")
    return n


def _field_list(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",")]
    if not all(names):
        raise argparse.ArgumentTypeError(f"empty field name in {value!r}")
    return names


def _add_extract(sub: Any) -> None:
    from ._frames import TABLES
    from ._io.run import OUTPUT_FORMATS
    from ._io.sources import FORMATS

    ex = sub.add_parser(
        "extract", help="entities, quotes and clusters of text, JSON(L), CSV/TSV, Parquet or "
        "Arrow input", description="Runs the extractor on every input record. Inputs may be "
        "compressed (.gz .bz2 .xz, .zst with the zstd extra); Parquet and Arrow need the arrow "
        "extra. Output: one JSONL record per input record, or one table (--table) as "
        "CSV/TSV/JSONL/Parquet/Arrow, or every table (--output-dir).")
    ex.add_argument("inputs", nargs="*", metavar="INPUT",
                    help="input files (format from the extension, else sniffed); stdin when "
                    "none or '-'")
    ex.add_argument("--gazetteer", metavar="FILE", help="gazetteer file (.jsonl .json .csv "
                    ".tsv .ndg); default: the embedded default gazetteer")
    ex.add_argument("--input-format", choices=FORMATS, help="format of every input, e.g. of "
                    "stdin (default: from the extension; stdin is sniffed: JSON lines start "
                    "with '{', JSON arrays with '[', else plain text)")
    ex.add_argument("--format", choices=OUTPUT_FORMATS, help="output format (default: from "
                    "the -o extension, else jsonl)")
    ex.add_argument("--table", choices=list(TABLES), help="the table to write (needed for "
                    "csv, tsv, parquet, arrow): entities, quotes, clusters (who is in each "
                    "document, with mention and quote counts) or docs (one row per document)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    ex.add_argument("--output-dir", metavar="DIR", help="write every table, one file per "
                    "table (DIR/entities.csv, ...)")
    ex.add_argument("--keep", type=_field_list, default=[], metavar="FIELD,...",
                    help="input fields to carry into the output (e.g. date,outlet,url)")
    ex.add_argument("--threads", type=_threads, default=None, metavar="N",
                    help="worker threads, 1 or more (default: every core)")
    ex.add_argument("--text-field", default="text", metavar="NAME",
                    help="field or column holding the text (default: text)")
    ex.add_argument("--id-field", default="id", metavar="NAME",
                    help="field or column holding the id (default: id; else file:line)")
    ex.add_argument("--encoding-errors", choices=["strict", "replace"], default="strict",
                    help="bytes that are not UTF-8: 'strict' reports the record as bad "
                    "(file:line: not UTF-8 at byte N, counted from the start of the file), "
                    "'replace' reads them as U+FFFD")
    ex.add_argument("--strict", action="store_true", help="stop at the first bad record "
                    "(every record before it is written)")
    ex.add_argument("--no-indirect", action="store_true", help="no reported speech: only "
                    "quotes in quote marks (as Extractor(indirect=False)); by default "
                    "reported speech (\"Whitfield said the line would reopen\") is written "
                    "too, as quotes of kind 'indirect'")
    ex.add_argument("-q", "--quiet", action="store_true",
                    help="no progress bar and no summary; errors are still reported")
    ex.set_defaults(func=cmd_extract)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="namedrop", description="Who is mentioned and who said "
                                 "what in news text.")
    ap.add_argument("--version", action="version", version=f"namedrop {_core.__version__}",
                    help="print the version and exit")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_extract(sub)
    demo = sub.add_parser("demo", help="run the default gazetteer on a sample article")
    demo.add_argument("--no-indirect", action="store_true",
                      help="no reported speech, only quotes in quote marks")
    demo.set_defaults(func=cmd_demo)
    gz = sub.add_parser("gazetteer", help="inspect or compile a gazetteer")
    gsub = gz.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")
    info = gsub.add_parser("info", help="entities per label")
    info.add_argument("file", help="gazetteer file (.jsonl .json .csv .tsv .ndg)")
    info.set_defaults(func=cmd_gazetteer_info)
    build = gsub.add_parser("build", help="compile a gazetteer to the binary .ndg form")
    build.add_argument("source", help="gazetteer file (.jsonl .json .csv .tsv)")
    build.add_argument("-o", "--output", required=True, help="the .ndg file to write")
    build.set_defaults(func=cmd_gazetteer_build)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (_core.NamedropError, InputFormatError, MissingExtraError) as err:
        print(f"namedrop: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error of ours. Point
        # stdout at devnull so that the flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:
        print(f"namedrop: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
