"""`namedrop extract` reads each input format rightly: JSON arrays, compressed files,
Parquet and Arrow IPC, BOMs, stdin by --input-format or sniffing; binary content under
an unknown name is an error."""

import bz2
import gzip
import json
import lzma
import subprocess
import sys

import pytest
from cli_support import ARTICLE, records, run, write_gazetteer

ROWS = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": "Northlink Rail."}]
JSONL = "".join(json.dumps(r) + "\n" for r in ROWS).encode("utf-8")


@pytest.fixture()
def gaz(tmp_path):
    return write_gazetteer(tmp_path)


def ids(res):
    assert res.returncode == 0, res.stderr
    return [r["id"] for r in records(res.stdout)]


def test_json_array_is_read_as_records(tmp_path, gaz):
    src = tmp_path / "articles.json"
    src.write_text('[\n  {"id": "a", "text": "Northlink Rail."},\n  {"id": "b", "text": 7},\n'
                   '  {"id": "c", "text": "Dana Whitfield."}\n]\n', encoding="utf-8")
    res = run("extract", "--gazetteer", gaz, str(src))
    assert res.returncode == 1
    assert "articles.json:3: field 'text' is not a string (int)" in res.stderr
    assert [r["id"] for r in records(res.stdout)] == ["a", "c"]


@pytest.mark.parametrize(("name", "compress"), [
    ("in.jsonl.gz", gzip.compress), ("in.gz", gzip.compress), ("in.jsonl.bz2", bz2.compress),
    ("in.jsonl.xz", lzma.compress),
])
def test_compressed_inputs(tmp_path, gaz, name, compress):
    src = tmp_path / name
    src.write_bytes(compress(JSONL))
    assert ids(run("extract", "--gazetteer", gaz, str(src))) == ["a", "b"]


def test_zstd_input(tmp_path, gaz):
    zstandard = pytest.importorskip("zstandard", reason="zstandard (the zstd extra) is absent")
    src = tmp_path / "in.jsonl.zst"
    src.write_bytes(zstandard.ZstdCompressor().compress(JSONL))
    assert ids(run("extract", "--gazetteer", gaz, str(src))) == ["a", "b"]


def test_parquet_and_arrow_in_and_out(tmp_path, gaz):
    pa = pytest.importorskip("pyarrow", reason="pyarrow (the arrow extra) is absent")
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    table = pa.table({"id": [1, 2, 3], "text": [ARTICLE, None, "Northlink Rail."],
                      "outlet": ["x", "y", "z"]})
    pq.write_table(table, tmp_path / "in.parquet")
    feather.write_feather(table, tmp_path / "in.arrow")
    for name in ("in.parquet", "in.arrow"):
        res = run("extract", "--gazetteer", gaz, "--keep", "outlet", str(tmp_path / name))
        assert res.returncode == 0, res.stderr
        out = records(res.stdout)
        assert [(r["id"], r["outlet"], len(r["entities"])) for r in out] == [
            (1, "x", 2), (2, "y", 0), (3, "z", 1)]
    for fmt in ("parquet", "arrow"):
        dest = tmp_path / f"q.{fmt}"
        res = run("extract", "--gazetteer", gaz, "--table", "quotes", "-o", str(dest),
                  str(tmp_path / "in.parquet"))
        assert res.returncode == 0, res.stderr
        got = pq.read_table(dest) if fmt == "parquet" else feather.read_table(dest)
        assert got.column("speaker_entity_id").to_pylist() == ["dw"]
        assert got.column("doc_id").to_pylist() == ["1"]
        # A table written by namedrop reads back as input.
        again = run("extract", "--gazetteer", gaz, "--text-field", "quote", str(dest))
        assert again.returncode == 0, again.stderr


def test_missing_pyarrow_names_the_extra(tmp_path, gaz):
    src = tmp_path / "in.parquet"
    src.write_bytes(b"PAR1 not really")
    code = ("import sys; sys.modules['pyarrow'] = None; from namedrop.cli import main; "
            f"sys.exit(main(['extract', '--gazetteer', {gaz!r}, {str(src)!r}]))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2
    assert "needs pyarrow" in res.stderr and "pip install 'namedrop[arrow]'" in res.stderr
    assert "Traceback" not in res.stderr


def test_binary_content_under_an_unknown_name_is_an_error(tmp_path, gaz):
    blob = tmp_path / "data.bin"
    blob.write_bytes(bytes(range(256)) * 8)
    good = tmp_path / "ok.jsonl"
    good.write_bytes(JSONL)
    res = run("extract", "--gazetteer", gaz, str(blob), str(good))
    assert res.returncode == 1
    assert "data.bin: cannot read" in res.stderr and "binary content" in res.stderr
    assert [r["id"] for r in records(res.stdout)] == ["a", "b"]
    # Text under an unknown name is still plain text.
    note = tmp_path / "note.md"
    note.write_text(ARTICLE, encoding="utf-8")
    assert ids(run("extract", "--gazetteer", gaz, str(note))) == [str(note)]


def test_csv_with_a_bom_keeps_its_id_column(tmp_path, gaz):
    src = tmp_path / "bom.csv"
    src.write_bytes(b"\xef\xbb\xbfid,text\nk1,Northlink Rail.\n")
    assert ids(run("extract", "--gazetteer", gaz, str(src))) == ["k1"]


def test_stdin_by_input_format_or_sniffed(gaz):
    csv_text = "id,text\nk1,Northlink Rail.\nk2,Dana Whitfield.\n"
    assert ids(run("extract", "--gazetteer", gaz, "--input-format", "csv",
                   stdin=csv_text)) == ["k1", "k2"]
    tsv_text = "id\ttext\nt1\tNorthlink Rail.\n"
    assert ids(run("extract", "--gazetteer", gaz, "--input-format", "tsv",
                   stdin=tsv_text)) == ["t1"]
    assert ids(run("extract", "--gazetteer", gaz, stdin=JSONL)) == ["a", "b"]
    assert ids(run("extract", "--gazetteer", gaz, stdin=json.dumps(ROWS))) == ["a", "b"]
    assert ids(run("extract", "--gazetteer", gaz, stdin=gzip.compress(JSONL))) == ["a", "b"]
    assert ids(run("extract", "--gazetteer", gaz, stdin=ARTICLE)) == ["<stdin>"]
    # Without --input-format, CSV on stdin is one plain-text document.
    assert ids(run("extract", "--gazetteer", gaz, stdin=csv_text)) == ["<stdin>"]


def test_documents_jsonl_line_is_the_json_of_the_whole_record():
    """The JSONL writer streams a document item by item (a 100 MB document must not be
    held as one dict); the line it writes is exactly json.dumps of that dict."""
    import io

    import namedrop as nd
    from namedrop._io.records import Record
    from namedrop._io.writers import DocumentsJsonl

    g = nd.Gazetteer.from_records([
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"},
        {"id": "zu", "name": "Zürich", "label": "GPE"},
    ])
    ex = nd.Extractor(g)
    text = "“We will reopen the bridge,” Dana Whitfield said in Zürich.\n\nWhitfield left."
    empty = ex("")
    doc = ex(text)
    # kept fields, one of them named like a result key (the result wins, as before)
    fields = {"source": "wire", "tags": ["a", "ü"], "entities": "kept field"}
    for d in (doc, empty):
        out = io.StringIO()
        writer = DocumentsJsonl(out, ("source", "tags", "entities"))
        writer.write(Record("t:1", "a1", text, fields), d)
        whole = {"id": "a1", **fields}
        whole["entities"] = [m.to_dict() for m in d.entities]
        whole["quotes"] = [q.to_dict() for q in d.quotes]
        whole["clusters"] = [c.to_dict() for c in d.clusters]
        assert json.loads(out.getvalue()) == whole
        assert out.getvalue().endswith("}\n") and out.getvalue().count("\n") == 1
    assert len(doc.entities) >= 3 and len(doc.quotes) == 1
