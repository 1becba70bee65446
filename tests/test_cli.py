"""The namedrop command line, end to end as a subprocess."""

import csv
import io
import json
import re
import subprocess
import sys

import pytest

GAZ = (
    '{"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"}\n'
    '{"id": "nl", "name": "Northlink Rail", "label": "ORG"}\n'
)
ARTICLE = "“Trains run again,” Dana Whitfield said. Northlink Rail agreed."


def run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "namedrop", *args],
        input=stdin, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture()
def gaz(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(GAZ, encoding="utf-8")
    return str(p)


def test_extract_jsonl_reports_bad_lines_and_goes_on(tmp_path, gaz):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": ARTICLE}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "body": "no text field"}) + "\n"
        + json.dumps({"id": "d", "text": "Northlink Rail."}) + "\n",
        encoding="utf-8",
    )
    res = run("extract", "--gazetteer", gaz, str(src))
    assert res.returncode == 1
    assert "in.jsonl:2" in res.stderr and "invalid JSON" in res.stderr
    assert "in.jsonl:3" in res.stderr and "'text'" in res.stderr
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "d"]
    a = records[0]
    assert [e["entity_id"] for e in a["entities"]] == ["dw", "nl"]
    assert a["quotes"][0]["speaker"]["entity_id"] == "dw"


def test_strict_stops_at_first_bad_record(tmp_path, gaz):
    src = tmp_path / "in.jsonl"
    src.write_text("{bad\n" + json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    res = run("extract", "--strict", "--gazetteer", gaz, str(src))
    assert res.returncode == 1 and res.stdout == ""


def test_extract_csv_output_from_txt_and_stdin(tmp_path, gaz):
    txt = tmp_path / "story.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    for table, texts in (("entities", ["Dana Whitfield", "Northlink Rail"]),
                         ("quotes", ["“Trains run again,”"])):
        res = run("extract", "--gazetteer", gaz, "--format", "csv", "--table", table, str(txt))
        assert res.returncode == 0, res.stderr
        rows = list(csv.DictReader(io.StringIO(res.stdout)))
        assert [r["text" if table == "entities" else "quote"] for r in rows] == texts
        assert all(r["doc_id"] == str(txt) for r in rows)
    res = run("extract", "--gazetteer", gaz, stdin=ARTICLE)
    assert json.loads(res.stdout)["entities"][0]["text"] == "Dana Whitfield"


def test_csv_input_with_custom_fields(tmp_path, gaz):
    src = tmp_path / "in.csv"
    src.write_text("key,body\nk1,Northlink Rail.\n", encoding="utf-8")
    res = run("extract", "--gazetteer", gaz, "--text-field", "body", "--id-field", "key",
              str(src))
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["id"] == "k1"


def test_empty_input_is_not_an_error(tmp_path, gaz):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    res = run("extract", "--gazetteer", gaz, str(empty))
    assert res.returncode == 0 and res.stdout == ""
    assert run("extract", "--gazetteer", gaz, stdin="").returncode == 0


def test_bad_gazetteer_is_a_clear_error(tmp_path):
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    res = run("extract", "--gazetteer", str(bad), stdin=ARTICLE)
    assert res.returncode == 2 and "g.jsonl:1" in res.stderr


def test_gazetteer_build_and_info(tmp_path, gaz):
    out = tmp_path / "g.ndg"
    assert run("gazetteer", "build", gaz, "-o", str(out)).returncode == 0
    res = run("gazetteer", "info", str(out))
    assert res.returncode == 0 and "2 entities" in res.stdout and "PERSON: 1" in res.stdout


def test_demo_shows_people_and_quotes():
    res = run("demo")
    assert res.returncode == 0, res.stderr
    assert "People:" in res.stdout and "Who said what:" in res.stdout
    assert "United States" in res.stdout


def test_demo_tells_reported_speech_from_quotes():
    res = run("demo")
    assert res.returncode == 0, res.stderr
    assert "(reported): " in res.stdout and re.search(r", reported \d+x\)", res.stdout)
    off = run("demo", "--no-indirect")
    assert off.returncode == 0, off.stderr
    assert "reported" not in off.stdout and "Who said what:" in off.stdout


def test_summary_counts_and_marks_reported_speech():
    import namedrop as nd
    from namedrop.cli import summary

    g = nd.Gazetteer.from_records([{"id": "dw", "name": "Dana Whitfield", "label": "PERSON"}])
    text = ("Dana Whitfield said the tunnel would be dry by autumn. "
            "“Pumps are running day and night,” Whitfield said.")
    doc = nd.Extractor(g)(text)
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
    lines = summary(doc).splitlines()
    assert "  Dana Whitfield (2 mentions, quoted 1x, reported 1x)" in lines
    assert "  Dana Whitfield (reported): the tunnel would be dry by autumn" in lines
    assert "  Dana Whitfield: “Pumps are running day and night,”" in lines
    lines = summary(nd.Extractor(g, indirect=False)(text)).splitlines()
    assert "  Dana Whitfield (2 mentions, quoted 1x)" in lines
    assert not any("reported" in line for line in lines)
