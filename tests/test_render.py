"""Jupyter rendering and displaCy's manual format."""

from html.parser import HTMLParser

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


# Reported speech: no quote marks of its own, so it must not look like a quote.
REPORTED = ("Dana Whitfield said delays would stay <10 minutes & fares would hold. "
            "“We kept our word,” Whitfield said.")


class _Spans(HTMLParser):
    """The text inside each element of a class, and whether tags nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.stack.append(f"{tag}.{dict(attrs).get('class', '')}")

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop().split(".")[0] == tag

    def handle_data(self, data):
        for opened in set(self.stack):
            self.text[opened] = self.text.get(opened, "") + data


def parse(markup):
    p = _Spans()
    p.feed(markup[markup.index('<div class="nd-doc">'):])
    assert p.stack == []
    return p


def test_reported_speech_is_drawn_apart_from_quotes():
    g = nd.Gazetteer.from_records([{"id": "dw", "name": "Dana Whitfield", "label": "PERSON"}])
    doc = nd.Extractor(g)(REPORTED)
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text
    assert {q.kind for q in doc.quotes} == {"indirect", "direct"}
    markup = doc._repr_html_()
    assert "<10" not in markup and "stay &lt;10 minutes &amp; fares" in markup
    body = markup[markup.index('<div class="nd-doc">'):]
    assert body.count('<span class="nd-indirect"') == 1
    assert body.count('<span class="nd-quote"') == 1
    assert ".nd-indirect{border-bottom:2px dotted" in markup
    legend = markup.split('<div class="nd-legend">', 1)[1].split("</div>", 1)[0]
    assert '<span class="nd-quote">quote</span>' in legend
    assert '<span class="nd-indirect">reported speech</span>' in legend
    p = parse(markup)
    assert p.text['span.nd-indirect'] == "delays would stay <10 minutes & fares would hold"
    assert p.text["span.nd-quote"] == "“We kept our word,”"
    assert "title=\"reported speech (R1)\"" in markup
    # Without reported speech: no such span, no such legend entry.
    plain = nd.Extractor(g, indirect=False)(REPORTED)._repr_html_()
    assert "nd-indirect\"" not in plain.split("</style>", 1)[1]
    assert "reported speech" not in plain and '<span class="nd-quote">quote</span>' in plain


def test_quote_inside_reported_speech_nests_and_keeps_both_speakers():
    text = "Ana Sousa said the plan was “long overdue” and would pass."
    speaker = nd.Mention(0, 9, "Ana Sousa", "PERSON", None, "Ana Sousa")
    reported = nd.Quote(15, 57, text[15:57], "indirect", speaker, "said", 10, 14, "R1", 0)
    partial = nd.Quote(28, 42, text[28:42], "partial", speaker, "said", 10, 14, "D1", 0)
    assert reported.text == "the plan was “long overdue” and would pass"
    assert partial.text == "“long overdue”"
    doc = nd.Document(text, (speaker,), (partial, reported))
    markup = doc._repr_html_()
    p = parse(markup)
    assert p.text["span.nd-indirect"] == reported.text
    assert p.text["span.nd-quote"] == partial.text
    # The partial quote is drawn inside the reported speech, whose speaker follows it
    # (once: the quote inside has the same speaker).
    body = markup[markup.index('<div class="nd-doc">'):]
    assert body.index('<span class="nd-indirect"') < body.index('<span class="nd-quote"')
    assert body.count("— Ana Sousa") == 1
    assert body.index("— Ana Sousa") > body.index("would pass")
    # Another speaker for the inner quote: both are shown.
    other = nd.Mention(0, 3, "Ana", "PERSON")
    doc = nd.Document(text, (speaker,), (partial._replace(speaker=other), reported))
    assert doc._repr_html_().count("— Ana") == 2
