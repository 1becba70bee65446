"""What `namedrop extract` writes: JSONL records with clusters and kept fields; tables
with the frames API's columns as CSV/TSV/Parquet; --output-dir; -o; and the command's
own options (--version, --quiet, help, progress bar, --threads)."""

import csv
import io
import json
import os
import pty
import subprocess
import sys

import pytest
from cli_support import ARTICLE, GAZ, check_spans, records, run, write_gazetteer

import namedrop as nd
from namedrop._frames import TABLES, columns

TEXTS = [ARTICLE, "Nothing to see.", "Northlink Rail said it would. “Soon,” she said."]


@pytest.fixture()
def gaz(tmp_path):
    return write_gazetteer(tmp_path)


@pytest.fixture()
def src(tmp_path):
    p = tmp_path / "in.jsonl"
    rows = [{"id": f"d{i}", "text": t, "date": f"2024-01-0{i + 1}", "outlet": "Gazette"}
            for i, t in enumerate(TEXTS)]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(p)


def extractor():
    return nd.Extractor(nd.Gazetteer.from_records(json.loads(line) for line in GAZ.splitlines()))


def test_jsonl_records_carry_clusters_and_kept_fields(gaz, src):
    res = run("extract", "--gazetteer", gaz, "--keep", "date,outlet,url", src)
    assert res.returncode == 0, res.stderr
    out = records(res.stdout)
    assert [r["id"] for r in out] == ["d0", "d1", "d2"]
    first = out[0]
    assert list(first) == ["id", "date", "outlet", "url", "entities", "quotes", "clusters"]
    assert (first["date"], first["outlet"], first["url"]) == ("2024-01-01", "Gazette", None)
    check_spans(TEXTS[0], first)
    dana = next(c for c in first["clusters"] if c["entity_id"] == "dw")
    assert dana == {"name": "Dana Whitfield", "label": "PERSON", "entity_id": "dw",
                    "gender": "female", "mentions": 1, "quotes": 1,
                    "gender_evidence": "gazetteer", "indirect_quotes": 0}
    assert out[1]["clusters"] == []


@pytest.mark.parametrize("table", list(TABLES))
def test_csv_tables_have_the_frames_columns_and_values(gaz, src, table):
    pd = pytest.importorskip("pandas")
    res = run("extract", "--gazetteer", gaz, "--format", "csv", "--table", table, src)
    assert res.returncode == 0, res.stderr
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == columns(table)
    ex = extractor()
    ids = ["d0", "d1", "d2"]
    if table == "docs":
        # Every document is listed, those without any hit too.
        assert [r[0] for r in rows[1:]] == ids
        assert rows[2][1:] == [str(len(TEXTS[1])), "0", "0", "0"]
        return
    frame = getattr(ex, f"{table}_frame")(TEXTS, ids=ids)
    assert list(frame.columns) == columns(table)
    expected = [["" if pd.isna(v) else str(v) for v in row]
                for row in frame.astype(object).itertuples(index=False, name=None)]
    assert rows[1:] == expected and expected


# One statement reported and one in quote marks, by the same person.
REPORTED = ("Dana Whitfield said the eastern platform would stay shut until spring. "
            "“We are nearly there,” Whitfield told commuters.")
REPORTED_CONTENT = "the eastern platform would stay shut until spring"


@pytest.mark.parametrize("flags", [(), ("--no-indirect",)], ids=["default", "no-indirect"])
def test_reported_speech_in_jsonl_and_tables(tmp_path, gaz, flags):
    src = tmp_path / "reported.jsonl"
    src.write_text(json.dumps({"id": "r", "text": REPORTED}) + "\n", encoding="utf-8")
    res = run("extract", "--gazetteer", gaz, *flags, str(src))
    assert res.returncode == 0, res.stderr
    (record,) = records(res.stdout)
    check_spans(REPORTED, record)
    reported = [q for q in record["quotes"] if q["kind"] == "indirect"]
    dana = next(c for c in record["clusters"] if c["entity_id"] == "dw")
    out = tmp_path / "tables"
    res = run("extract", "--gazetteer", gaz, *flags, "--format", "csv", "--output-dir",
              str(out), str(src))
    assert res.returncode == 0, res.stderr
    quotes = list(csv.DictReader((out / "quotes.csv").open(encoding="utf-8")))
    clusters = list(csv.reader((out / "clusters.csv").open(encoding="utf-8")))
    assert clusters[0][-2:] == ["quotes", "indirect_quotes"]
    row = next(dict(zip(clusters[0], r, strict=True)) for r in clusters[1:] if r[3] == "dw")
    if flags:
        assert reported == [] and (dana["quotes"], dana["indirect_quotes"]) == (1, 0)
        assert [q["kind"] for q in quotes] == ["direct"]
        assert (row["quotes"], row["indirect_quotes"]) == ("1", "0")
        return
    assert [(q["text"], q["cue"], q["rule"], q["speaker"]["name"]) for q in reported] == [
        (REPORTED_CONTENT, "said", "R1", "Dana Whitfield")]
    assert (dana["quotes"], dana["indirect_quotes"]) == (2, 1)
    (table_row,) = [q for q in quotes if q["kind"] == "indirect"]
    start, end = int(table_row["start"]), int(table_row["end"])
    assert REPORTED[start:end] == table_row["quote"] == REPORTED_CONTENT
    assert (table_row["rule"], table_row["speaker"]) == ("R1", "Dana Whitfield")
    assert (row["quotes"], row["indirect_quotes"]) == ("2", "1")


def test_output_dir_writes_every_table(tmp_path, gaz, src):
    out = tmp_path / "out"
    res = run("extract", "--gazetteer", gaz, "--format", "tsv", "--output-dir", str(out),
              "--keep", "outlet", src)
    assert res.returncode == 0, res.stderr
    assert sorted(os.listdir(out)) == [f"{t}.tsv" for t in sorted(TABLES)]
    docs = list(csv.reader((out / "docs.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert docs[0] == [*columns("docs"), "outlet"] and len(docs) == 4
    quotes = list(csv.DictReader((out / "quotes.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert {q["speaker_gender"] for q in quotes if q["speaker_entity_id"] == "dw"} == {"female"}
    assert all(q["paragraph"] == "0" for q in quotes)


def test_output_file_and_format_from_its_extension(tmp_path, gaz, src):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow (the arrow extra) is absent")
    dest = tmp_path / "sub" / "clusters.parquet"
    res = run("extract", "--gazetteer", gaz, "--table", "clusters", "-o", str(dest), src)
    assert res.returncode == 0, res.stderr
    table = pq.read_table(dest)
    assert table.column_names == columns("clusters")
    assert str(table.schema.field("mentions").type) == "int64"
    frame = extractor().clusters_frame(TEXTS, ids=["d0", "d1", "d2"])
    assert table.column("name").to_pylist() == frame["name"].tolist()
    jsonl = tmp_path / "all.jsonl"
    assert run("extract", "--gazetteer", gaz, "-o", str(jsonl), src).stdout == ""
    assert len(records(jsonl.read_text(encoding="utf-8"))) == 3


def test_option_errors_are_clear(gaz, src):
    for args, message in [
        (("--format", "csv"), "--format csv writes one table: choose --table"),
        (("--threads", "-3"), "argument --threads: must be 1 or more, got -3"),
        (("--threads", "x"), "argument --threads: not a whole number"),
        (("--keep", "entities"), "--keep 'entities': JSONL records already have that field"),
        (("--output-dir", "d", "--table", "docs"), "--output-dir writes every table"),
    ]:
        res = run("extract", "--gazetteer", gaz, *args, src)
        assert res.returncode == 2, args
        assert message in res.stderr and "Traceback" not in res.stderr


def test_version_quiet_and_help():
    res = run("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"namedrop {nd.__version__}"
    res = run("extract", "--quiet", stdin=ARTICLE)
    assert res.returncode == 0 and res.stderr == "" and records(res.stdout)
    assert "1 document(s) written" in run("extract", stdin=ARTICLE).stderr
    text = run("extract", "--help").stdout
    from namedrop.cli import parser

    ap = parser()
    sub = next(a for a in ap._actions if a.dest == "command").choices["extract"]
    for action in sub._actions:
        assert action.help, action.dest
        for flag in action.option_strings:
            assert flag in text


def test_progress_bar_on_a_terminal(tmp_path, gaz):
    src = tmp_path / "big.jsonl"
    src.write_text("".join(json.dumps({"text": ARTICLE}) + "\n" for _ in range(3000)),
                   encoding="utf-8")
    primary, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "namedrop", "extract", "--gazetteer", gaz,
                             "-o", str(tmp_path / "o.jsonl"), str(src)],
                            stderr=secondary, stdout=subprocess.DEVNULL)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=120) == 0
    os.close(primary)
    last = seen.decode().replace("\r\n", "\n").split("\r")[-1]
    assert "100% [" in last and "MB/s" in last and "ETA 00:00" in last and "3,000 docs" in last
    # Not on a terminal, or with --quiet: no bar.
    res = run("extract", "--gazetteer", gaz, "--quiet", str(src))
    assert "%" not in res.stderr
