"""A text longer than the Extractor's window (1 MiB) is read in windows of paragraphs
and converted window by window (src/windows.rs, src/python/convert.rs): the Document
is that of the whole text, offsets, paragraphs and clusters included."""

import namedrop as nd

STORY = (
    "Dana Whitfield opened the new tram line in Lisbon on Monday.\n\n"
    "“We kept our promise,” Dana Whitfield said.\n\n"
    "Karl Otten said the fares would rise next year. Café owners agreed.\n\n"
)


def _extractor() -> nd.Extractor:
    g = nd.Gazetteer.from_records([
        {"id": "dw", "name": "Dana Whitfield", "label": "PERSON", "gender": "female"},
        {"id": "ko", "name": "Karl Otten", "label": "PERSON", "gender": "male"},
        {"id": "lisbon", "name": "Lisbon", "label": "GPE"},
    ])
    return nd.Extractor(g)


def test_a_text_of_several_windows_is_one_document():
    ex = _extractor()
    one = ex(STORY)
    copies = (1 << 21) // len(STORY.encode()) + 1  # over 2 MiB: three windows
    text = STORY * copies
    doc = ex(text)
    assert len(doc.entities) == copies * len(one.entities)
    assert len(doc.quotes) == copies * len(one.quotes)
    for m in doc.entities:
        assert text[m.start:m.end] == m.text
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
        assert text[q.cue_start:q.cue_end] == q.cue
        assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    # paragraphs count from the start of the text: three per story
    per_story = len(one.quotes)
    for i in (0, len(doc.quotes) // 2, len(doc.quotes) - 1):
        q, first = doc.quotes[i], one.quotes[i % per_story]
        assert q.paragraph == first.paragraph + 3 * (i // per_story)
        assert q.start - first.start == len(STORY) * (i // per_story)
    # one cluster per person across the windows, counting every window's mentions
    by_name = {c.name: c for c in doc.clusters}
    assert len(doc.clusters) == len(one.clusters)
    for c in one.clusters:
        assert by_name[c.name].mentions == copies * c.mentions
        assert by_name[c.name].quotes == copies * c.quotes
