"""Issue 11 regressions in the linking and speaker stages, through the Python API:
texts that crashed, aliases that many entities share, and options that must leave
a consistent document."""

import namedrop as nd


def test_a_gazetteer_name_over_a_pronoun_does_not_crash_a_batch():
    g = nd.Gazetteer.from_records(
        [
            {"id": "a", "name": "to She added", "label": "PERSON"},
            {"id": "b", "name": "Ana Ruiz", "label": "PERSON"},
        ]
    )
    ex = nd.Extractor(g)
    bad = "Ana Ruiz, to She added “"
    doc = ex(bad)
    assert [m.text for m in doc.entities] == ["Ana Ruiz", "to She added"]
    for m in doc.entities:
        assert bad[m.start : m.end] == m.text
    docs = list(ex.pipe([bad, "Ana Ruiz spoke.", bad]))
    assert [len(d.entities) for d in docs] == [2, 1, 2]


def test_mentions_of_a_shared_alias_show_one_candidates_tuple():
    g = nd.Gazetteer.from_records(
        [{"id": f"js{i}", "name": "John Smith", "label": "PERSON"} for i in range(5000)]
    )
    text = "John Smith met John Smith. " * 20
    doc = nd.Extractor(g)(text)
    assert len(doc.entities) == 40
    first = doc.entities[0].candidates
    assert len(first) == 5000 and first[0] == "js0"
    for m in doc.entities:
        assert text[m.start : m.end] == m.text == "John Smith"
        assert m.entity_id is None
        assert m.candidates is first  # one tuple per shared list, not one per mention


def test_link_false_gives_only_matches_and_clusters_that_count_them():
    g = nd.Gazetteer()
    g.add("dw", "Dana Whitfield", label="PERSON", gender="female")
    text = "Dana Whitfield spoke. Whitfield left. “We will,” Claire Dubois said."
    doc = nd.Extractor(g, link=False)(text)
    assert [(m.text, m.source) for m in doc.entities] == [("Dana Whitfield", "gazetteer")]
    assert [(c.name, c.mentions) for c in doc.clusters] == [("Dana Whitfield", 1)]
    (quote,) = doc.quotes
    assert quote.speaker is not None and quote.speaker.source == "nominal"
    assert text[quote.speaker.start : quote.speaker.end] == "Claire Dubois"
