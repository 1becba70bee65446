"""HTML rendering for Jupyter and the displaCy "manual" format.

Every piece of document text goes through ``html.escape``: an article that contains
``<script>`` shows it as text.
"""

from __future__ import annotations

import html
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._types import Document, Mention, Quote

__all__ = ["render", "render_html", "to_displacy"]

# Colours per label, as displaCy uses them; other labels get the fallback.
COLOURS = {
    "PERSON": "#aa9cfc",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "ORG": "#7aecec",
    "NORP": "#c887fb",
}
FALLBACK = "#ddd"

STYLE = """<style>
.nd-doc{font-family:system-ui,sans-serif;line-height:2.1;white-space:pre-wrap;max-width:60em}
.nd-ent{padding:0.15em 0.3em;border-radius:0.3em}
.nd-ent sub{font-size:0.6em;font-weight:bold;margin-left:0.3em;vertical-align:middle}
.nd-quote{background:#fff6d5;border-bottom:2px solid #e0a800}
.nd-indirect{border-bottom:2px dotted #4a7bb7}
.nd-speaker{font-size:0.7em;font-weight:bold;color:#8a6d00;margin-left:0.2em}
.nd-legend{font-family:system-ui,sans-serif;font-size:0.8em;margin-bottom:0.5em}
.nd-legend span{padding:0.1em 0.4em;border-radius:0.3em;margin-right:0.4em}
</style>"""


def _colour(label: str) -> str:
    return COLOURS.get(label, FALLBACK)


def _visible_entities(doc: Document) -> list[Mention]:
    """Entities sorted by position, dropping any that overlap an earlier one
    (possible with ``overlapping=True``): a span of text gets one highlight."""
    out: list[Mention] = []
    for m in sorted(doc.entities, key=lambda m: (m.start, -m.end)):
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def _layers(doc: Document) -> tuple[list[Quote], list[Quote]]:
    """Reported speech and quotes in quote marks, each sorted by position. Reported
    speech is the outer layer: its content may hold a quoted phrase ("said the plan was
    “overdue”"), which is drawn inside it."""
    quotes = sorted(doc.quotes, key=lambda q: q.start)
    return ([q for q in quotes if q.kind == "indirect"],
            [q for q in quotes if q.kind != "indirect"])


def _legend(labels: list[str], reported: bool, quoted: bool) -> str:
    items = [
        f'<span style="background:{_colour(lab)}">{html.escape(lab)}</span>' for lab in labels
    ]
    if quoted:
        items.append('<span class="nd-quote">quote</span>')
    if reported:
        items.append('<span class="nd-indirect">reported speech</span>')
    return f'<div class="nd-legend">{"".join(items)}</div>' if items else ""


class _Layer:
    """The quotes of one layer, walked in text order: which one covers a piece."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.i = 0

    def at(self, a: int) -> Quote | None:
        quotes = self.quotes
        while self.i < len(quotes) and quotes[self.i].end <= a:
            self.i += 1
        if self.i < len(quotes) and quotes[self.i].start <= a:
            return quotes[self.i]
        return None


def render_html(doc: Document) -> str:
    """The document as an HTML fragment: entities highlighted by label (with a
    legend), quotes underlined and followed by their speaker; reported speech (quotes
    of kind "indirect", which have no quote marks) gets a dotted underline and no
    quote background (class ``nd-indirect``), so it does not read as a verbatim quote.

    >>> from namedrop import Document
    >>> "&lt;script&gt;" in render_html(Document("<script>alert(1)</script>"))
    True
    """
    text = doc.text
    entities = _visible_entities(doc)
    reported, quoted = _layers(doc)
    # Cut the text at every boundary, then emit each piece inside the reported speech,
    # the quote and the entity that cover it; a span that crosses the edge of an outer
    # one is split there (its speaker follows its last piece).
    cuts = {0, len(text)}
    for span in (*entities, *reported, *quoted):
        cuts.update((span.start, span.end))
    points = sorted(cuts)
    parts: list[str] = [STYLE]
    parts.append(_legend(sorted({m.label for m in entities}), bool(reported), bool(quoted)))
    parts.append('<div class="nd-doc">')
    outer, inner = _Layer(reported), _Layer(quoted)
    open_outer: Quote | None = None
    open_inner: Quote | None = None
    ei = 0
    for a, b in pairwise(points):
        while ei < len(entities) and entities[ei].end <= a:
            ei += 1
        out_q, in_q = outer.at(a), inner.at(a)
        if out_q is not open_outer or in_q is not open_inner:
            if open_inner is not None:
                # A quote inside reported speech of the same speaker ("said the plan
                # was “overdue”") needs no speaker of its own: the outer one follows.
                ended = open_inner.end <= a and not _same_speaker(open_inner, open_outer)
                parts.append(_close_quote(open_inner, ended))
                open_inner = None
            if out_q is not open_outer:
                if open_outer is not None:
                    parts.append(_close_quote(open_outer, open_outer.end <= a))
                if out_q is not None:
                    parts.append(_open_quote(out_q))
                open_outer = out_q
            if in_q is not None:
                parts.append(_open_quote(in_q))
            open_inner = in_q
        piece = html.escape(text[a:b])
        ent = entities[ei] if ei < len(entities) and entities[ei].start <= a else None
        if ent is not None:
            title = html.escape(ent.name or ent.text, quote=True)
            piece = (
                f'<mark class="nd-ent" style="background:{_colour(ent.label)}" '
                f'title="{title}">{piece}'
                + (f"<sub>{html.escape(ent.label)}</sub>" if b == ent.end else "")
                + "</mark>"
            )
        parts.append(piece)
    for q in (open_inner, open_outer):
        if q is not None:
            parts.append(_close_quote(q, True))
    parts.append("</div>")
    return "".join(parts)


def _same_speaker(quote: Quote, outer: Quote | None) -> bool:
    a, b = quote.speaker, outer.speaker if outer is not None else None
    return a is not None and b is not None and (a.start, a.end) == (b.start, b.end)


def _open_quote(quote: Quote) -> str:
    if quote.kind == "indirect":
        title = html.escape(f"reported speech ({quote.rule})", quote=True)
        return f'<span class="nd-indirect" title="{title}">'
    return f'<span class="nd-quote" title="{html.escape(quote.kind, quote=True)}">'


def _close_quote(quote: Quote, ended: bool) -> str:
    """Closes a quote's span; where the quote ends, its speaker follows."""
    speaker = quote.speaker
    if speaker is None or not ended:
        return "</span>"
    who = html.escape(speaker.name or speaker.text)
    return f'</span><span class="nd-speaker">— {who}</span>'


def render(doc: Document) -> Any:
    """Display ``doc`` in Jupyter (returns an ``IPython.display.HTML``), or return the
    HTML string when IPython is not installed.

    >>> from namedrop import Document
    >>> out = render(Document("Hi"))
    >>> "Hi" in (out if isinstance(out, str) else out.data)
    True
    """
    markup = render_html(doc)
    try:
        from IPython.display import HTML
    except ImportError:
        return markup
    return HTML(markup)


def to_displacy(doc: Document) -> dict[str, Any]:
    """Entities in displaCy's manual "ent" format.

    >>> from namedrop import Document
    >>> to_displacy(Document("Hi"))
    {'text': 'Hi', 'ents': [], 'title': None}
    """
    ents = [{"start": m.start, "end": m.end, "label": m.label} for m in _visible_entities(doc)]
    return {"text": doc.text, "ents": ents, "title": None}
