"""The result types: Mention, Quote, Cluster and Document.

They are immutable values: equal when their fields are equal, hashable, with a
`to_dict()` that is JSON-serialisable. Mention is a Rust class (a batch holds hundreds
of thousands: they are not tracked by the garbage collector); a Document's
``entities``, ``quotes`` and ``clusters`` are ``Mentions``, ``Quotes`` and ``Clusters``
sequences that make each item when it is read (they behave like tuples); Quote and
Cluster are named tuples; Document is a frozen dataclass.
Offsets are Python string indices (code points), end-exclusive, so
``doc.text[m.start:m.end] == m.text`` always.

>>> m = Mention(0, 5, "Paris", "GPE", "geonames:2988507", "Paris", ("geonames:2988507",),
...             "gazetteer")
>>> m.to_dict()["text"]
'Paris'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ._core import Clusters, Mention, Mentions, Quotes

__all__ = ["Cluster", "Clusters", "Document", "Mention", "Mentions", "Quote", "Quotes"]

# All three implement the sequence protocol in Rust; this makes isinstance() agree.
Sequence.register(Mentions)
Sequence.register(Clusters)
Sequence.register(Quotes)


class Quote(NamedTuple):
    """A quote and who said it. ``speaker`` is the speaker phrase as a Mention (it may
    be a pronoun or a nominal speaker such as "a spokesman"), or None. ``kind`` is
    "direct", "continuation", "partial" or "other" for text in quote marks (``text``
    includes the marks), "indirect" for reported speech ("Dana Whitfield said the line
    would reopen": ``text`` is the reported content, rule "R1".."R6").

    >>> q = Quote(0, 6, "“Yes,”", "direct", None, "said", 15, 19, "A1", 0)
    >>> q.kind
    'direct'
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: Mention | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    rule: str
    paragraph: int

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        who = f" — {self.speaker.name or self.speaker.text}" if self.speaker else ""
        return f"Quote({text!r}{who} [{self.kind} {self.rule}] {self.start}:{self.end})"

    def to_dict(self) -> dict[str, Any]:
        """The quote as a JSON-serialisable dict (the speaker as a nested dict)."""
        d = self._asdict()
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        return d


class Cluster(NamedTuple):
    """One referent of a document: a gazetteer entity or a discovered person, with how
    often it is mentioned and quoted.

    >>> Cluster("Dana Whitfield", "PERSON", None, "female", 3, 2)
    Cluster('Dana Whitfield' PERSON mentions=3 quotes=2)
    >>> Cluster("Dana Whitfield", "PERSON", None, "female", 3, 2, indirect_quotes=1)
    Cluster('Dana Whitfield' PERSON mentions=3 quotes=2 reported=1)
    """

    name: str
    label: str
    entity_id: str | None
    gender: str | None
    mentions: int
    quotes: int
    #: where the gender came from: "gazetteer", "title:Ms.", "appositive:spokeswoman",
    #: "pronoun:she"
    gender_evidence: str | None = None
    #: how many of ``quotes`` are reported speech (kind "indirect"); the rest are in
    #: quote marks
    indirect_quotes: int = 0

    def __repr__(self) -> str:
        # ``reported``: how many of the quotes are reported speech (shown when any are).
        reported = f" reported={self.indirect_quotes}" if self.indirect_quotes else ""
        return (
            f"Cluster({self.name!r} {self.label} mentions={self.mentions} "
            f"quotes={self.quotes}{reported})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The cluster as a JSON-serialisable dict."""
        return self._asdict()


@dataclass(frozen=True)
class Document:
    """The result of an Extractor on one text.

    >>> doc = Document("No names here.")
    >>> doc.entities, doc.quotes
    ((), ())
    """

    text: str
    #: a tuple-like ``Mentions`` sequence (pass a tuple when you build one: a list
    #: makes the Document unhashable)
    entities: Sequence[Mention] = ()
    #: a tuple-like ``Quotes`` sequence (or a tuple)
    quotes: Sequence[Quote] = ()
    #: a tuple-like ``Clusters`` sequence (or a tuple)
    clusters: Sequence[Cluster] = ()
    id: Any = field(default=None, compare=True)

    def __repr__(self) -> str:
        preview = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return (
            f"Document({preview!r}, entities={len(self.entities)}, quotes={len(self.quotes)}, "
            f"clusters={len(self.clusters)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The document as a JSON-serialisable dict."""
        return {
            "id": self.id,
            "text": self.text,
            "entities": [m.to_dict() for m in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "clusters": [c.to_dict() for c in self.clusters],
        }

    def _repr_html_(self) -> str:
        from ._render import render_html

        return render_html(self)

    def to_displacy(self) -> dict[str, Any]:
        """The dict that ``spacy.displacy.render(doc.to_displacy(), style="ent",
        manual=True)`` accepts: entities and quotes as labelled spans."""
        from ._render import to_displacy

        return to_displacy(self)
