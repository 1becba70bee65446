"""Jupyter rendering and displaCy's manual format."""

import namedrop as nd


def sample():
    g = nd.Gazetteer.from_records([
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON"},
        {"id": "nl", "name": "Northlink Rail", "label": "ORG"},
    ])
    text = "<script>alert(1)</script> “Northlink Rail will pay,” Dana Whitfield said."
    return nd.Extractor(g)(text)


def test_html_escapes_text_and_highlights_by_label():
    doc = sample()
    html = doc._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('class="nd-ent"') == 2
    assert "PERSON" in html and "ORG" in html  # legend and tags
    assert 'class="nd-quote"' in html and "— Dana Whitfield" in html
    assert nd.render(doc) is not None


def test_displacy_dict_matches_the_entities():
    doc = sample()
    d = doc.to_displacy()
    assert d["text"] == doc.text
    assert [(e["start"], e["end"], e["label"]) for e in d["ents"]] == [
        (m.start, m.end, m.label) for m in doc.entities
    ]
