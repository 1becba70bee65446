"""HTML rendering for Jupyter and the displaCy "manual" format.

Every piece of document text goes through ``html.escape``: an article that contains
``<script>`` shows it as text.
"""

from __future__ import annotations

import html
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._types import Document, Mention

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


def render_html(doc: Document) -> str:
    """The document as an HTML fragment: entities highlighted by label (with a
    legend), quotes underlined and followed by their speaker.

    >>> from namedrop import Document
    >>> "&lt;script&gt;" in render_html(Document("<script>alert(1)</script>"))
    True
    """
    text = doc.text
    entities = _visible_entities(doc)
    quotes = sorted(doc.quotes, key=lambda q: q.start)
    # Cut the text at every boundary, then emit each piece inside the quote and the
    # entity that cover it; an entity that crosses a quote edge is split there.
    cuts = {0, len(text)}
    for span in (*entities, *quotes):
        cuts.update((span.start, span.end))
    points = sorted(cuts)
    parts: list[str] = [STYLE]
    labels = sorted({m.label for m in entities})
    if labels:
        legend = "".join(
            f'<span style="background:{_colour(lab)}">{html.escape(lab)}</span>' for lab in labels
        )
        parts.append(f'<div class="nd-legend">{legend}</div>')
    parts.append('<div class="nd-doc">')
    qi = ei = 0
    open_quote = None
    for a, b in pairwise(points):
        while qi < len(quotes) and quotes[qi].end <= a:
            qi += 1
        while ei < len(entities) and entities[ei].end <= a:
            ei += 1
        quote = quotes[qi] if qi < len(quotes) and quotes[qi].start <= a else None
        if quote is not open_quote:
            if open_quote is not None:
                parts.append(_close_quote(open_quote))
            if quote is not None:
                parts.append(f'<span class="nd-quote" title="{html.escape(quote.kind)}">')
            open_quote = quote
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
    if open_quote is not None:
        parts.append(_close_quote(open_quote))
    parts.append("</div>")
    return "".join(parts)


def _close_quote(quote: Any) -> str:
    speaker = quote.speaker
    if speaker is None:
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
