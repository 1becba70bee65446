"""The ``namedrop`` command line: ``extract``, ``demo`` and ``gazetteer``.

    namedrop demo
    namedrop extract articles.jsonl --format csv > mentions.csv
    namedrop extract --gazetteer people.csv notes/*.txt
    namedrop gazetteer build people.csv -o people.ndg
    namedrop gazetteer info people.ndg

A bad input record is reported on stderr with its file and line, and the run goes on;
the exit status is 1 at the end if any record failed (``--strict`` stops at the first).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from . import _core
from ._extractor import Extractor
from ._types import Document

__all__ = ["main"]

PROGRESS_MIN_RECORDS = 2000
CSV_COLUMNS = [
    "doc_id", "type", "start", "end", "text", "label", "entity_id", "name",
    "kind", "speaker", "speaker_entity_id", "cue", "rule",
]


class RecordError(Exception):
    """A bad input record: reported with its location, the run goes on."""


class Reader:
    """Yields ``(id, text)`` records from files or stdin and counts bad ones."""

    def __init__(self, text_field: str, id_field: str, strict: bool) -> None:
        self.text_field = text_field
        self.id_field = id_field
        self.strict = strict
        self.failed = 0

    def fail(self, where: str, problem: str) -> None:
        print(f"namedrop: {where}: {problem}", file=sys.stderr)
        self.failed += 1
        if self.strict:
            raise SystemExit(1)

    def record(self, where: str, row: Any, default_id: str) -> tuple[Any, str] | None:
        if not isinstance(row, dict):
            self.fail(where, f"expected a JSON object, got {type(row).__name__}")
            return None
        text = row.get(self.text_field)
        if not isinstance(text, str):
            problem = "missing" if text is None else f"not a string ({type(text).__name__})"
            self.fail(where, f"field {self.text_field!r} is {problem}")
            return None
        return row.get(self.id_field, default_id), text

    def jsonl(self, name: str, stream: Iterable[str]) -> Iterator[tuple[Any, str]]:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            where = f"{name}:{lineno}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                self.fail(where, f"invalid JSON ({err.msg})")
                continue
            rec = self.record(where, row, f"{name}:{lineno}")
            if rec is not None:
                yield rec

    def csv(self, name: str, stream: IO[str], delimiter: str) -> Iterator[tuple[Any, str]]:
        reader = csv.DictReader(stream, delimiter=delimiter)
        if reader.fieldnames is None:
            return
        if self.text_field not in reader.fieldnames:
            self.fail(f"{name}:1", f"no column {self.text_field!r}")
            return
        for row in reader:
            rec = self.record(f"{name}:{reader.line_num}", row, f"{name}:{reader.line_num}")
            if rec is not None:
                yield rec

    def read(self, inputs: list[str]) -> Iterator[tuple[Any, str]]:
        if not inputs:
            # JSONL streams line by line; anything else is one document.
            first = sys.stdin.readline()
            if first.lstrip().startswith("{"):
                yield from self.jsonl("<stdin>", itertools.chain([first], sys.stdin))
            else:
                data = first + sys.stdin.read()
                if data.strip():
                    yield "<stdin>", data
            return
        for name in inputs:
            path = Path(name)
            try:
                with path.open(encoding="utf-8", newline="") as f:
                    suffix = path.suffix.lower()
                    if suffix in (".jsonl", ".ndjson"):
                        yield from self.jsonl(name, f)
                    elif suffix in (".csv", ".tsv"):
                        yield from self.csv(name, f, "\t" if suffix == ".tsv" else ",")
                    else:
                        yield name, f.read()
            except (OSError, UnicodeDecodeError) as err:
                self.fail(name, f"cannot read ({err})")


def _entity_row(doc_id: Any, m: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, "type": "entity", "start": m.start, "end": m.end, "text": m.text,
            "label": m.label, "entity_id": m.entity_id, "name": m.name}


def _quote_row(doc_id: Any, q: Any) -> dict[str, Any]:
    sp = q.speaker
    return {"doc_id": doc_id, "type": "quote", "start": q.start, "end": q.end, "text": q.text,
            "kind": q.kind, "speaker": (sp.name or sp.text) if sp else None,
            "speaker_entity_id": sp.entity_id if sp else None, "cue": q.cue, "rule": q.rule}


class Progress:
    """A one-line counter on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count >= PROGRESS_MIN_RECORDS and self.count % 500 == 0:
            print(f"\rnamedrop: {self.count:,} documents", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.enabled and self.count >= PROGRESS_MIN_RECORDS:
            print(f"\rnamedrop: {self.count:,} documents", file=sys.stderr)


def _load_gazetteer(path: str | None) -> _core.Gazetteer:
    if path is None:
        return _core.Gazetteer.default()
    if path.endswith(".ndg"):
        return _core.Gazetteer.load(path)
    return _core.Gazetteer.from_file(path)


def cmd_extract(args: argparse.Namespace) -> int:
    ex = Extractor(_load_gazetteer(args.gazetteer))
    reader = Reader(args.text_field, args.id_field, args.strict)
    progress = Progress()
    out = sys.stdout
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n") if args.format == "csv" else None
    if writer is not None:
        writer.writeheader()
    for doc, doc_id in ex.pipe(
        ((text, doc_id) for doc_id, text in reader.read(args.inputs)),
        n_threads=args.threads,
        as_tuples=True,
    ):
        progress.tick()
        if writer is None:
            record = {
                "id": doc_id,
                "entities": [m.to_dict() for m in doc.entities],
                "quotes": [q.to_dict() for q in doc.quotes],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            writer.writerows(_entity_row(doc_id, m) for m in doc.entities)
            writer.writerows(_quote_row(doc_id, q) for q in doc.quotes)
    progress.done()
    if reader.failed:
        print(f"namedrop: {reader.failed} bad record(s)", file=sys.stderr)
        return 1
    return 0


def summary(doc: Document) -> str:
    """A readable account of a document: who is mentioned and who said what."""
    lines = []
    groups = {"PERSON": "People", "GPE": "Places", "ORG": "Organisations"}
    for label, title in groups.items():
        found = [c for c in doc.clusters if c.label == label]
        if found:
            lines.append(f"{title}:")
            for c in sorted(found, key=lambda c: (-c.mentions, c.name)):
                said = f", quoted {c.quotes}x" if c.quotes else ""
                lines.append(f"  {c.name} ({c.mentions} mention{'s' * (c.mentions != 1)}{said})")
    quotes = [q for q in doc.quotes if q.kind != "other"]
    if quotes:
        lines.append("Who said what:")
        for q in quotes:
            who = (q.speaker.name or q.speaker.text) if q.speaker else "(unknown)"
            text = q.text if len(q.text) <= 90 else q.text[:87] + "…"
            lines.append(f"  {who}: {text}")
    return "\n".join(lines)


def cmd_demo(args: argparse.Namespace) -> int:
    text = (Path(__file__).parent / "data" / "sample_article.txt").read_text(encoding="utf-8")
    doc = Extractor(_core.Gazetteer.default())(text)
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


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="namedrop", description="Who is mentioned and who said "
                                 "what in news text.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="entities and quotes of .txt, JSONL or CSV input")
    ex.add_argument("inputs", nargs="*", metavar="INPUT", help="files; stdin when none")
    ex.add_argument("--gazetteer", help="gazetteer file (.jsonl .json .csv .tsv .ndg); "
                    "default: the embedded default gazetteer")
    ex.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    ex.add_argument("--threads", type=int, default=None, help="worker threads (default: all)")
    ex.add_argument("--text-field", default="text", help="text field of JSONL/CSV records")
    ex.add_argument("--id-field", default="id", help="id field of JSONL/CSV records")
    ex.add_argument("--strict", action="store_true", help="stop at the first bad record")
    ex.set_defaults(func=cmd_extract)
    demo = sub.add_parser("demo", help="run the default gazetteer on a sample article")
    demo.set_defaults(func=cmd_demo)
    gz = sub.add_parser("gazetteer", help="inspect or compile a gazetteer")
    gsub = gz.add_subparsers(dest="gazetteer_command", required=True)
    info = gsub.add_parser("info", help="entities per label")
    info.add_argument("file")
    info.set_defaults(func=cmd_gazetteer_info)
    build = gsub.add_parser("build", help="compile a gazetteer to the binary .ndg form")
    build.add_argument("source")
    build.add_argument("-o", "--output", required=True)
    build.set_defaults(func=cmd_gazetteer_build)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except _core.NamedropError as err:
        print(f"namedrop: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
