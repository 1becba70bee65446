"""The spaCy component: nlp.add_pipe("namedrop") on spacy.blank("en") (no model needed)."""

import pickle
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import namedrop as nd

spacy = pytest.importorskip(
    "spacy", reason="spaCy is not installed (pip install 'namedrop[spacy]')"
)
from spacy import displacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.training import Example  # noqa: E402

from namedrop._spacy_doc import TextReader  # noqa: E402
from namedrop.spacy import NamedropComponent, register_extensions  # noqa: E402

TEXT = (
    "“We will not back down,” Elizabeth Warren said on Tuesday in Boston 🇺🇸.\n\n"
    "She added that the plan was “dead on arrival.” “It is over,” she said in New York City, "
    "where R-Fla. staff met."
)


def records() -> list[dict]:
    return [
        {"id": "warren", "name": "Elizabeth Warren", "label": "PERSON", "gender": "female"},
        {"id": "boston", "name": "Boston", "label": "GPE"},
        {"id": "nyc", "name": "New York City", "label": "GPE"},
        {"id": "nys", "name": "New York", "label": "GPE"},
        # "Fla" matches inside the token "Fla." (spaCy keeps the abbreviation's period).
        {"id": "fl", "name": "Florida", "label": "GPE", "aliases": ["Fla"]},
        {"id": "al", "name": "Alabama", "label": "GPE", "aliases": ["Ala"]},
        {"id": "zh", "name": "Zurich", "label": "GPE"},
        {"id": "gw", "name": "George Washington", "label": "PERSON", "aliases": ["Washington"]},
        {"id": "wa", "name": "Washington", "label": "GPE"},
    ]


@pytest.fixture(scope="module")
def gazetteer() -> nd.Gazetteer:
    return nd.Gazetteer.from_records(records())


def make_nlp(gazetteer: nd.Gazetteer, **config) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("namedrop", config=config).set_gazetteer(gazetteer)
    return nlp


@pytest.fixture(scope="module")
def nlp(gazetteer) -> Language:
    return make_nlp(gazetteer)


def ents(doc: Doc) -> list[tuple[str, str, str]]:
    for e in doc.ents:
        assert doc.text[e.start_char : e.end_char] == e.text
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


def quotes(doc: Doc) -> list[tuple]:
    """doc._.quotes as plain values (Spans of two Docs never compare equal)."""
    out = []
    for q in doc._.quotes:
        for span in (q.quote, q.speaker, q.cue):
            if span is not None:
                assert doc.text[span.start_char : span.end_char] == span.text
        out.append((
            q.quote.text, q.quote.start, q.kind, q.rule,
            q.speaker.text if q.speaker else None,
            q.speaker.kb_id_ if q.speaker else None,
            q.cue.text if q.cue else None,
            q.speaker_name, q.speaker_entity_id, q.speaker_gender, q.paragraph,
        ))
    return out


def everything(doc: Doc) -> tuple:
    return (
        ents(doc),
        quotes(doc),
        doc._.clusters,
        doc._.namedrop_alignment,
        {k: [(s.text, s.label_) for s in g] for k, g in doc.spans.items()},
    )


def test_import_namedrop_does_not_import_spacy():
    code = "import sys, namedrop; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_factory_is_found_through_the_entry_point_alone():
    # A fresh interpreter that never imports namedrop: spaCy finds the factory itself.
    code = (
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('namedrop');"
        "d = nlp('Barack Obama spoke in Chicago.');"
        "print([(e.text, e.label_) for e in d.ents])"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    assert "('Barack Obama', 'PERSON')" in out


def test_entities_match_namedrop_with_labels_and_ids(nlp, gazetteer):
    doc = nlp(TEXT)
    found = ents(doc)
    assert ("Elizabeth Warren", "PERSON", "warren") in found
    assert ("Boston", "GPE", "boston") in found
    # leftmost-longest, as namedrop: the city, not the state inside it
    assert ("New York City", "GPE", "nyc") in found
    assert all(e.ent_id_ == e.kb_id_ for e in doc.ents)
    # pronoun speakers are quote speakers, never entities
    assert not any(t in ("She", "she") for t, _, _ in found)
    # every mention namedrop finds is there, at the same characters; "Fla" (inside the
    # token "Fla.") is expanded by one character
    plain = nd.Extractor(gazetteer)(TEXT)
    want = {
        (m.start, m.end + (m.text == "Fla"))
        for m in plain.entities
        if m.source not in ("pronoun", "nominal")
    }
    assert {(e.start_char, e.end_char) for e in doc.ents} == want


NEWS_CHARS = st.sampled_from([*"ab Zé.,'’“”-—\n\t\u00a0\u0301🇺🇸👋🏽", "Mr.", "U.S.", "don't"])
READER_BLANK = spacy.blank("en")


@given(st.lists(NEWS_CHARS, max_size=40).map("".join) | st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_component_reads_exactly_doc_text(text):
    # namedrop reads the text from token orths and whitespace, not from doc.text
    doc = READER_BLANK.make_doc(text)
    reader = TextReader()
    assert reader(doc) == doc.text == text
    assert reader(doc) == text  # and again, from its cache
    words = Doc(READER_BLANK.vocab, words=["Hi", "there", "!"], spaces=[True, False, True])
    assert reader(words) == words.text == "Hi there! "


def test_ambiguous_mention_has_no_kb_id(nlp):
    ((text, _, kb_id),) = ents(nlp("Washington voted."))
    assert (text, kb_id) == ("Washington", "")


def test_offsets_across_emoji_and_empty_text(nlp):
    doc = nlp("🇺🇸🎉 Boston 👋🏽 and Boston")
    assert ents(doc) == [("Boston", "GPE", "boston")] * 2
    empty = nlp("")
    assert ents(empty) == [] and empty._.quotes == () and empty._.clusters == ()


def test_mention_inside_a_token_is_expanded_and_counted(gazetteer):
    nlp = make_nlp(gazetteer)
    component = nlp.get_pipe("namedrop")
    doc = nlp("Staff of R-Fla. met.")
    assert ents(doc) == [("Fla.", "GPE", "fl")]
    assert doc._.namedrop_alignment == {"expanded": 1, "skipped": 0, "overlapped": 0}
    assert component.alignment_counts["expanded"] == 1


def test_two_mentions_expanded_into_one_token_keep_the_first(gazetteer):
    # spaCy keeps "Fla_Ala" one token; namedrop sees two words ("_" is not a letter)
    doc = make_nlp(gazetteer)("They met in Fla_Ala today.")
    assert ents(doc) == [("Fla_Ala", "GPE", "fl")]
    assert doc._.namedrop_alignment == {"expanded": 2, "skipped": 0, "overlapped": 1}


def test_extractor_settings_reach_namedrop(gazetteer):
    text = "Elizabeth Warren visited Zürich. Warren left."
    default = ents(make_nlp(gazetteer)(text))
    assert ("Zürich", "GPE", "zh") in default and ("Warren", "PERSON", "warren") in default
    plain = ents(make_nlp(gazetteer, fold_diacritics=False, link=False)(text))
    assert plain == [("Elizabeth Warren", "PERSON", "warren")]
    assert ents(make_nlp(gazetteer, case="exact")("ELIZABETH WARREN")) == []


def test_strict_alignment_skips_and_counts(gazetteer):
    nlp = make_nlp(gazetteer, alignment_mode="strict")
    doc = nlp("Staff of R-Fla. met Elizabeth Warren.")
    assert ents(doc) == [("Elizabeth Warren", "PERSON", "warren")]
    assert doc._.namedrop_alignment["skipped"] == 1
    assert nlp.get_pipe("namedrop").alignment_counts["skipped"] == 1


@Language.component("test_fake_ner")
def fake_ner(doc: Doc) -> Doc:
    """Stands for a trained ner ahead of namedrop: "Elizabeth Warren said" as an EVENT,
    "Tuesday" as a DATE."""
    spans = [doc.char_span(*m.span(), label=label) for m, label in _fake_matches(doc.text)]
    doc.ents = [s for s in spans if s is not None]
    return doc


def _fake_matches(text: str):
    import re

    yield from ((m, "EVENT") for m in re.finditer("Elizabeth Warren said", text))
    yield from ((m, "DATE") for m in re.finditer("Tuesday", text))


@pytest.mark.parametrize("overwrite", [False, True])
def test_existing_entities_follow_spacys_rules(gazetteer, overwrite):
    nlp = spacy.blank("en")
    nlp.add_pipe("test_fake_ner")
    nlp.add_pipe("namedrop", config={"overwrite_ents": overwrite}).set_gazetteer(gazetteer)
    doc = nlp(TEXT)
    found = ents(doc)
    assert ("Tuesday", "DATE", "") in found and ("Boston", "GPE", "boston") in found
    if overwrite:
        assert ("Elizabeth Warren", "PERSON", "warren") in found
        assert not any(label == "EVENT" for _, label, _ in found)
    else:
        assert ("Elizabeth Warren said", "EVENT", "") in found
        assert not any(kb == "warren" for _, _, kb in found)
        assert doc._.namedrop_alignment["overlapped"] == 1


def test_entity_ruler_ahead(gazetteer):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "New York City"}])
    nlp.add_pipe("namedrop").set_gazetteer(gazetteer)
    assert ("New York City", "ORG", "") in ents(nlp(TEXT))


def test_spans_key_keeps_overlapping_mentions_and_leaves_ents(gazetteer):
    nlp = make_nlp(gazetteer, spans_key="namedrop")
    doc = nlp("She flew to New York City.")
    assert doc.ents == ()
    got = sorted((s.text, s.kb_id_) for s in doc.spans["namedrop"])
    assert got == [("New York", "nys"), ("New York City", "nyc")]


def test_quotes_speakers_and_cues(nlp):
    doc = nlp(TEXT)
    got = quotes(doc)
    first = got[0]
    assert first[:3] == ("“We will not back down,”", 0, "direct")
    assert first[4:8] == ("Elizabeth Warren", "warren", "said", "Elizabeth Warren")
    # "she said": a pronoun span, resolved to Warren
    pronoun = [q for q in got if q[4] == "she"]
    assert pronoun and pronoun[0][0] == "“It is over,”" and pronoun[0][8] == "warren"
    assert pronoun[0][9] == "female"
    assert {q[2] for q in got} >= {"direct", "partial"}
    assert all(q.quote.label_ == "QUOTE_" + q.kind.upper() for q in doc._.quotes)
    assert doc._.quotes == doc._.namedrop_quotes


def test_clusters(nlp):
    clusters = nlp(TEXT)._.clusters
    warren = [c for c in clusters if c.entity_id == "warren"]
    assert warren and isinstance(warren[0], nd.Cluster)
    assert warren[0].quotes >= 2 and warren[0].gender == "female"
    assert nlp.get_pipe("namedrop").labels == ("GPE", "PERSON")


def test_quotes_off(gazetteer):
    doc = make_nlp(gazetteer, quotes=False)(TEXT)
    assert doc._.quotes == () and "namedrop_quotes" not in doc.spans
    assert ("Boston", "GPE", "boston") in ents(doc)


def test_doc_to_bytes_round_trips(nlp):
    doc = nlp(TEXT)
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert everything(back) == everything(doc)
    # also into a fresh vocab: the strings travel with the doc
    fresh = Doc(spacy.blank("en").vocab).from_bytes(doc.to_bytes())
    assert everything(fresh) == everything(doc)


def test_pipe_matches_call_and_threads(gazetteer):
    texts = [TEXT, "", "Boston again.", TEXT * 3] * 5
    nlp = make_nlp(gazetteer, n_threads=2)
    one_by_one = [everything(nlp(t)) for t in texts]
    assert [everything(d) for d in nlp.pipe(texts, batch_size=3)] == one_by_one


def test_pipe_with_two_processes(nlp):
    texts = [TEXT, "Boston again.", "", TEXT] * 3
    serial = [everything(d) for d in nlp.pipe(texts)]
    assert [everything(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)] == serial


def test_component_and_pipeline_pickle(nlp):
    component = pickle.loads(pickle.dumps(nlp.get_pipe("namedrop")))
    assert isinstance(component, NamedropComponent) and len(component.gazetteer) == 9
    again = pickle.loads(pickle.dumps(nlp))
    assert everything(again(TEXT)) == everything(nlp(TEXT))


def test_to_disk_and_spacy_load_are_self_contained(tmp_path, gazetteer):
    source = tmp_path / "people.csv"
    source.write_text("id,name,label\nwarren,Elizabeth Warren,PERSON\n", encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("namedrop", config={"gazetteer": str(source), "case": "insensitive"})
    before = everything(nlp(TEXT.upper()))
    assert ents(nlp(TEXT.upper()))[0][2] == "warren"
    nlp.to_disk(tmp_path / "pipeline")
    source.unlink()  # the pipeline folder holds the compiled gazetteer itself
    assert (tmp_path / "pipeline" / "namedrop" / "gazetteer.ndg").is_file()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe_config("namedrop")["case"] == "insensitive"
    assert everything(loaded(TEXT.upper())) == before


def test_nlp_to_bytes_round_trips(nlp):
    other = spacy.blank("en")
    other.add_pipe("namedrop", config={"gazetteer": "/nonexistent/never-read.csv"})
    other.from_bytes(nlp.to_bytes())
    assert everything(other(TEXT)) == everything(nlp(TEXT))


def test_displacy_renders_entities_and_quotes(nlp):
    doc = nlp(TEXT)
    ent_html = displacy.render(doc, style="ent")
    assert "Elizabeth Warren" in ent_html and "PERSON" in ent_html and "GPE" in ent_html
    span_html = displacy.render(doc, style="span", options={"spans_key": "namedrop_quotes"})
    for label in ("QUOTE_DIRECT", "SPEAKER", "CUE"):
        assert label in span_html
    assert "arrival" in span_html


def test_score_reports_entity_f(nlp):
    gold = nlp.make_doc("Elizabeth Warren met in Boston.")
    gold.ents = [Span(gold, 0, 2, label="PERSON"), Span(gold, 4, 5, label="GPE")]
    scores = nlp.evaluate([Example(nlp.make_doc(gold.text), gold)])
    assert scores["ents_f"] == 1.0


def test_bad_settings_raise_clear_errors(tmp_path):
    nlp = spacy.blank("en")
    with pytest.raises(nd.InputError, match="case"):
        nlp.add_pipe("namedrop", config={"case": "loud"})
    with pytest.raises(nd.InputError, match="alignment_mode"):
        nlp.add_pipe("namedrop", name="b", config={"alignment_mode": "contract"})
    with pytest.raises(nd.InputError, match=r"own doc\.spans keys"):
        nlp.add_pipe("namedrop", name="b", config={"spans_key": "namedrop_quotes"})
    missing = tmp_path / "missing.csv"
    nlp.add_pipe("namedrop", name="c", config={"gazetteer": str(missing)})
    with pytest.raises(nd.FileError, match=r"missing\.csv") as err:
        nlp("text")
    assert isinstance(err.value, OSError)
    with pytest.raises(nd.FileError, match=r"missing\.csv"):
        nlp.initialize()  # spaCy's step for loading data: the error surfaces there too
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,label\nx,,PERSON\n", encoding="utf-8")
    nlp.remove_pipe("c")
    nlp.add_pipe("namedrop", name="d", config={"gazetteer": str(bad)})
    with pytest.raises(nd.GazetteerError, match=r"bad\.csv:2"):
        nlp("text")
    with pytest.raises(TypeError, match="Gazetteer"):
        nlp.get_pipe("d").set_gazetteer({"x": 1})


@pytest.fixture
def foreign_quotes_extension():
    """Another package's Doc._.quotes, registered before namedrop's component."""
    saved = Doc.get_extension("quotes") if Doc.has_extension("quotes") else None
    if saved:
        Doc.remove_extension("quotes")
    Doc.set_extension("quotes", default="theirs")
    yield
    Doc.remove_extension("quotes")
    register_extensions()


def test_extensions_of_other_packages_are_left_alone(foreign_quotes_extension, gazetteer):
    with pytest.warns(UserWarning, match="namedrop_quotes"):
        nlp = make_nlp(gazetteer)
    doc = nlp(TEXT)
    assert doc._.quotes == "theirs"
    assert doc._.namedrop_quotes[0].speaker_entity_id == "warren"
    with pytest.warns(UserWarning) as again:
        register_extensions()
    # only the short name is taken: the namespaced ones are recognised as namedrop's
    assert len(again) == 1 and "Doc._.quotes" in str(again[0].message)
    assert Doc(nlp.vocab, words=["x"])._.quotes == "theirs"


def test_a_taken_namespaced_extension_is_an_error(gazetteer):
    Doc.set_extension("namedrop_clusters", default=None, force=True)
    try:
        with pytest.raises(ValueError, match="namedrop_clusters"):
            make_nlp(gazetteer)
    finally:
        Doc.remove_extension("namedrop_clusters")
        register_extensions()


REPORTED = ("Elizabeth Warren said the committee would vote in June. "
            "“We are ready,” Warren told reporters in Boston.")


def test_reported_speech_is_on_doc_quotes_unless_turned_off(gazetteer):
    nlp = make_nlp(gazetteer)
    assert nlp.get_pipe("namedrop").cfg["indirect"] is True
    doc = nlp(REPORTED)
    got = quotes(doc)  # checks every span against doc.text
    reported = [q for q in got if q[2] == "indirect"]
    assert reported == [(
        "the committee would vote in June", 3, "indirect", "R1", "Elizabeth Warren",
        "warren", "said", "Elizabeth Warren", "warren", "female", 0,
    )]
    assert [q[2] for q in got] == ["indirect", "direct"]
    labels = [s.label_ for s in doc.spans["namedrop_quotes"]]
    assert "QUOTE_INDIRECT" in labels and "QUOTE_DIRECT" in labels
    warren = next(c for c in doc._.clusters if c.entity_id == "warren")
    assert (warren.quotes, warren.indirect_quotes) == (2, 1)
    off = make_nlp(gazetteer, indirect=False)(REPORTED)
    assert [q[2] for q in quotes(off)] == ["direct"]
    assert next(c for c in off._.clusters if c.entity_id == "warren").indirect_quotes == 0
