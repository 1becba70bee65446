"""nd.Gazetteer: construction, loaders, errors naming file and line, save/load, pickle."""

import json
import pickle

import pytest

import namedrop as nd


def people() -> nd.Gazetteer:
    g = nd.Gazetteer()
    g.add("pritzker", "Penny Pritzker", label="PERSON", aliases=["Penny Sue Pritzker"],
          gender="female")
    g.add("us", "United States", label="GPE", aliases=[{"text": "US", "case": "exact"}, "U.S."])
    return g


def test_add_len_contains_getitem_iter_labels():
    g = people()
    assert len(g) == 2
    assert "pritzker" in g and "nobody" not in g
    e = g["pritzker"]
    assert e["name"] == "Penny Pritzker" and e["label"] == "PERSON"
    assert e["gender"] == "female"
    assert "Penny Sue Pritzker" in e["aliases"]
    assert {"text": "US", "case": "exact"} in g["us"]["aliases"]
    assert sorted(g) == ["pritzker", "us"]
    assert g.labels == ["GPE", "PERSON"]
    with pytest.raises(KeyError):
        g["nobody"]


def test_duplicate_id_and_bad_aliases_raise_gazetteer_error():
    g = people()
    with pytest.raises(nd.GazetteerError, match="pritzker"):
        g.add("pritzker", "Someone Else", label="PERSON")
    with pytest.raises(nd.GazetteerError):
        g.add("blank", "Blank", aliases=["   "])
    with pytest.raises(nd.GazetteerError):
        g.add("punct", "Punct", aliases=["--"])
    with pytest.raises(TypeError):
        g.add("str", "Str", aliases="not a list")
    assert len(g) == 2, "a failed add leaves the gazetteer unchanged"


def test_from_records_and_attributes_of_any_json_type():
    g = nd.Gazetteer.from_records([
        {"id": "a", "name": "Ana Sousa", "label": "PERSON", "aliases": ["Ms. Sousa"],
         "party": "Independent", "terms": [2019, 2023], "meta": {"verified": True}},
    ])
    e = g["a"]
    assert e["terms"] == [2019, 2023] and e["meta"] == {"verified": True}
    with pytest.raises(nd.GazetteerError, match="record 2"):
        nd.Gazetteer.from_records([{"id": "a", "name": "A"}, {"name": "no id"}])


def test_from_file_formats(tmp_path):
    jsonl = tmp_path / "g.jsonl"
    jsonl.write_text(json.dumps({"id": "p", "name": "Paris", "label": "GPE"}) + "\n")
    csv = tmp_path / "g.csv"
    csv.write_text("id,name,label,aliases,gender\nr,Ruth Adeyemi,PERSON,R. Adeyemi|Dr. Adeyemi,"
                   "female\n")
    tsv = tmp_path / "g.tsv"
    tsv.write_text("id\tname\tlabel\nn\tNorthlink Rail\tORG\n")
    arr = tmp_path / "g.json"
    arr.write_text(json.dumps([{"id": "x", "name": "Xland", "label": "GPE"}]))
    assert "p" in nd.Gazetteer.from_file(jsonl)
    r = nd.Gazetteer.from_file(str(csv))["r"]
    assert r["aliases"] == ["R. Adeyemi", "Dr. Adeyemi"]  # as written, in order
    assert r["gender"] == "female"
    assert "n" in nd.Gazetteer.from_file(tsv)
    assert "x" in nd.Gazetteer.from_file(arr)


def test_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "a", "name": "A", "label": "X"}\n{"id": "a", "name": "B", "label": "X"}\n'
    )
    with pytest.raises(nd.GazetteerError, match=r"bad\.jsonl:2") as info:
        nd.Gazetteer.from_file(bad)
    assert info.value.line == 2
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "name": "A", "label": "X"}\n{"id": \n')
    with pytest.raises(nd.GazetteerError, match=r"broken\.jsonl:2"):
        nd.Gazetteer.from_file(broken)
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("id,label\na,X\n")
    with pytest.raises(nd.GazetteerError, match="name"):
        nd.Gazetteer.from_file(nocol)
    with pytest.raises(nd.GazetteerError, match="xlsx"):
        nd.Gazetteer.from_file(tmp_path / "g.xlsx")
    with pytest.raises(nd.FileError):
        nd.Gazetteer.from_file(tmp_path / "missing.jsonl")


def test_save_load_roundtrip_and_corrupt_files(tmp_path):
    g = people()
    path = tmp_path / "g.ndg"
    g.save(path)
    h = nd.Gazetteer.load(path)
    assert len(h) == len(g) and h["pritzker"] == g["pritzker"]
    data = path.read_bytes()
    for name, content in [
        ("truncated.ndg", data[: len(data) // 2]),
        ("foreign.ndg", b"PK\x03\x04 not a gazetteer at all"),
        ("flipped.ndg", data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]),
        ("empty.ndg", b""),
    ]:
        p = tmp_path / name
        p.write_bytes(content)
        with pytest.raises(nd.GazetteerError):
            nd.Gazetteer.load(p)


def test_pickle_uses_the_binary_form():
    g = people()
    h = pickle.loads(pickle.dumps(g))
    assert list(h) == list(g) and h["us"] == g["us"]


def test_from_frame_reads_lists_and_joined_aliases():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({
        "id": ["a", "b"],
        "name": ["Ana Sousa", "Karl Otten"],
        "label": ["PERSON", "PERSON"],
        "aliases": ["Ms. Sousa|A. Sousa", None],
        "gender": ["female", float("nan")],
    })
    g = nd.Gazetteer.from_frame(df)
    assert {"Ms. Sousa", "A. Sousa"} <= set(g["a"]["aliases"])
    assert g["a"]["gender"] == "female"
    assert "gender" not in g["b"], "missing cells are not attributes"
    # the same rule as CSV files: an empty piece is an error, never a silent drop
    bad = df.assign(aliases=["A1||A2", None])
    with pytest.raises(nd.GazetteerError, match="empty alias"):
        nd.Gazetteer.from_frame(bad)
