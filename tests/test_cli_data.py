"""`namedrop extract` never loses a record: bad bytes, long CSV fields, malformed rows,
--strict and null texts, end to end on files the tests write."""

import csv
import json

import pytest
from cli_support import ARTICLE, check_spans, records, run, write_gazetteer


@pytest.fixture()
def gaz(tmp_path):
    return write_gazetteer(tmp_path)


def test_one_bad_byte_spoils_only_its_jsonl_record(tmp_path, gaz):
    lines = [json.dumps({"id": i, "text": f"Northlink Rail, day {i}."}).encode() + b"\n"
             for i in range(1, 20_001)]
    # Byte 0xEF at line 10,001, inside the text.
    lines[10_000] = lines[10_000].replace(b"day", b"d\xefy")
    offset = sum(map(len, lines[:10_000])) + lines[10_000].index(b"\xef")
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b"".join(lines))
    res = run("extract", "--gazetteer", gaz, str(src))
    assert res.returncode == 1
    assert f"bad.jsonl:10001: not UTF-8 at byte {offset}" in res.stderr
    out = records(res.stdout)
    assert len(out) == 19_999
    assert [r["id"] for r in out] == [i for i in range(1, 20_001) if i != 10_001]
    assert all(r["entities"][0]["entity_id"] == "nl" for r in out)


def test_encoding_errors_replace_reads_the_byte_as_fffd(tmp_path, gaz):
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"id": "a", "text": "\xef Dana Whitfield spoke."}\n'
                    b'{"id": "b", "text": "Northlink Rail."}\n')
    res = run("extract", "--gazetteer", gaz, "--encoding-errors", "replace", str(src))
    assert res.returncode == 0, res.stderr
    a, b = records(res.stdout)
    check_spans("\ufffd Dana Whitfield spoke.", a)
    assert (a["id"], a["entities"][0]["start"], b["id"]) == ("a", 2, "b")


def test_a_text_file_is_read_at_once_with_its_bad_byte_located(tmp_path, gaz):
    # A byte-order mark is dropped; a bad byte is reported with its line and its
    # offset in the file (the mark counted), or replaced on request.
    src = tmp_path / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbfDana Whitfield\nspoke.\n\nThen \xff Northlink Rail.\n")
    res = run("extract", "--gazetteer", gaz, str(src))
    assert res.returncode == 1
    offset = src.read_bytes().index(b"\xff")
    assert f"bom.txt:4: not UTF-8 at byte {offset}" in res.stderr
    res = run("extract", "--gazetteer", gaz, "--encoding-errors", "replace", str(src))
    assert res.returncode == 0, res.stderr
    (doc,) = records(res.stdout)
    text = "Dana Whitfield\nspoke.\n\nThen \ufffd Northlink Rail.\n"
    check_spans(text, doc)
    assert [e["start"] for e in doc["entities"]] == [0, text.index("Northlink")]


def test_bad_byte_in_csv_and_txt_spoils_one_record(tmp_path, gaz):
    src = tmp_path / "in.csv"
    src.write_bytes(b'id,text\nk1,Northlink Rail.\nk2,"two\nlines \xff here"\nk3,Dana Whitfield.\n')
    res = run("extract", "--gazetteer", gaz, str(src))
    assert res.returncode == 1
    # The row starts at line 3; the bad byte is on line 4 of the file.
    offset = src.read_bytes().index(b"\xff")
    assert f"in.csv:4: not UTF-8 at byte {offset}" in res.stderr
    assert [r["id"] for r in records(res.stdout)] == ["k1", "k3"]

    bad_txt, good_txt = tmp_path / "a.txt", tmp_path / "b.txt"
    bad_txt.write_bytes(b"Dana Whitfield\n\xc3 spoke.\n")
    good_txt.write_text(ARTICLE, encoding="utf-8")
    res = run("extract", "--gazetteer", gaz, str(bad_txt), str(good_txt))
    assert res.returncode == 1
    assert "a.txt:2: not UTF-8 at byte 15" in res.stderr
    assert [r["id"] for r in records(res.stdout)] == [str(good_txt)]


def test_csv_fields_longer_than_the_csv_module_limit(tmp_path, gaz):
    long_text = "word " * 40_000 + "Dana Whitfield."  # 200,015 characters
    src = tmp_path / "long.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerows([["id", "text"], ["a", "Northlink Rail."], ["b", long_text], ["c", "x"]])
    res = run("extract", "--gazetteer", gaz, str(src))
    assert res.returncode == 0, res.stderr
    out = records(res.stdout)
    assert [r["id"] for r in out] == ["a", "b", "c"]
    check_spans(long_text, out[1])
    assert out[1]["entities"][0]["start"] == 200_000


def test_malformed_csv_row_is_one_bad_record(tmp_path, gaz):
    src = tmp_path / "m.csv"
    src.write_text('id,text\nk1,Northlink Rail.\nk2,"bad"quote\nk3,a,b\nk4,Dana Whitfield.\n',
                   encoding="utf-8")
    res = run("extract", "--gazetteer", gaz, str(src))
    assert res.returncode == 1
    assert "m.csv:3: malformed CSV row" in res.stderr
    assert "m.csv:4: 3 fields, the header has 2" in res.stderr
    assert [r["id"] for r in records(res.stdout)] == ["k1", "k4"]


def test_strict_writes_every_record_before_the_failure(tmp_path, gaz):
    good = [json.dumps({"id": i, "text": "Northlink Rail."}) for i in range(600)]
    src = tmp_path / "s.jsonl"
    src.write_text("\n".join([*good, "{broken", *good[:5]]) + "\n", encoding="utf-8")
    res = run("extract", "--strict", "--gazetteer", gaz, str(src))
    assert res.returncode == 1
    assert "s.jsonl:601: invalid JSON" in res.stderr
    assert [r["id"] for r in records(res.stdout)] == list(range(600))


def test_null_text_gives_an_empty_record(tmp_path, gaz):
    src = tmp_path / "n.jsonl"
    src.write_text('{"id": "a", "text": null}\n{"id": "b", "text": "Northlink Rail."}\n'
                   '{"id": "c"}\n', encoding="utf-8")
    res = run("extract", "--gazetteer", gaz, str(src))
    assert res.returncode == 1
    assert "n.jsonl:3: field 'text' is missing" in res.stderr
    a, b = records(res.stdout)
    assert a == {"id": "a", "entities": [], "quotes": [], "clusters": []}
    assert b["id"] == "b" and b["entities"][0]["text"] == "Northlink Rail"
