"""Writes a namedrop Document onto a spaCy Doc, and reads it back through ``doc._``.

Everything the component adds to a Doc is plain data (token indices, strings, ints) in
``doc.user_data["namedrop"]``, in ``doc.ents`` and in ``doc.spans``, so ``doc.to_bytes()``
and ``nlp.pipe(texts, n_process=2)`` carry it; the ``doc._`` extensions are getters that
build Span objects from that data when read.

Alignment rule: a namedrop offset pair becomes ``doc.char_span(start, end)`` when it falls
on token boundaries. Otherwise, with ``alignment_mode="expand"`` (the default), it becomes
the smallest token span that covers it (``alignment_mode="expand"`` of ``char_span``) and
is counted as ``expanded``; with ``alignment_mode="strict"`` it is left out and counted
as ``skipped``. Counts are in ``doc._.namedrop_alignment``.

This module imports spaCy; ``namedrop.spacy`` imports it only when spaCy is there.
"""

from __future__ import annotations

import warnings
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ._types import Cluster, Document, Mention

__all__ = ["SpacyQuote", "annotate", "register_extensions"]

#: key of the component's plain data in ``doc.user_data``
USER_DATA_KEY = "namedrop"
#: speaker phrases that are not names: kept on quotes, never written as entities
NOT_ENTITIES = frozenset({"pronoun", "nominal"})
SPEAKER_LABEL = "SPEAKER"
CUE_LABEL = "CUE"


class SpacyQuote(NamedTuple):
    """One quote on a spaCy Doc (an item of ``doc._.quotes``): the quote, its speaker
    phrase and its speech cue as Spans, with namedrop's kind and rule.

    ``speaker`` is labelled with the speaker's label and has ``kb_id_`` set to its
    gazetteer id ("" when the speaker is not in the gazetteer); ``speaker_name`` is the
    canonical name (a pronoun's referent, for "she said").
    """

    quote: Span
    kind: str
    rule: str
    speaker: Span | None
    cue: Span | None
    speaker_name: str | None
    speaker_entity_id: str | None
    speaker_gender: str | None
    paragraph: int


class Aligner:
    """Turns character offsets into Spans by the module's alignment rule, counting."""

    def __init__(self, doc: Doc, mode: str) -> None:
        self.doc = doc
        self.mode = mode
        self.counts = {"expanded": 0, "skipped": 0, "overlapped": 0}

    def tokens(self, start: int, end: int) -> tuple[int, int] | None:
        span = self.doc.char_span(start, end, alignment_mode="strict")
        if span is None and self.mode == "expand":
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                self.counts["expanded"] += 1
                return span.start, span.end
        if span is None or not len(span):
            self.counts["skipped"] += 1
            return None
        return span.start, span.end

    def span(self, mention: Mention) -> Span | None:
        where = self.tokens(mention.start, mention.end)
        if where is None:
            return None
        kb_id = mention.entity_id or ""
        return Span(self.doc, *where, label=mention.label, kb_id=kb_id, span_id=kb_id)


def _entity_spans(aligner: Aligner, result: Document) -> list[Span]:
    spans = (aligner.span(m) for m in result.entities if m.source not in NOT_ENTITIES)
    return [s for s in spans if s is not None]


def _merge_ents(doc: Doc, ours: list[Span], overwrite: bool, counts: dict[str, int]) -> None:
    """spaCy's rules: among our spans the first longest wins (``filter_spans``); an
    existing entity is kept over ours unless ``overwrite``, like the EntityRuler."""
    kept = filter_spans(ours)
    existing = list(doc.ents)
    taken = bytearray(len(doc))
    for span in kept if overwrite else existing:
        taken[span.start : span.end] = b"\x01" * len(span)
    if overwrite:
        existing = [e for e in existing if not any(taken[e.start : e.end])]
    else:
        kept = [s for s in kept if not any(taken[s.start : s.end])]
    counts["overlapped"] += len(ours) - len(kept)
    doc.ents = sorted(existing + kept, key=lambda s: s.start)


def _speaker_data(aligner: Aligner, speaker: Mention | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    where = aligner.tokens(speaker.start, speaker.end)
    return {
        "tokens": list(where) if where else None,
        "label": speaker.label,
        "entity_id": speaker.entity_id,
        "name": speaker.name,
        "gender": speaker.gender,
    }


def _quote_data(aligner: Aligner, result: Document) -> list[dict[str, Any]]:
    out = []
    for q in result.quotes:
        where = aligner.tokens(q.start, q.end)
        if where is None:
            continue
        cue = None
        if q.cue_start is not None and q.cue_end is not None:
            cue = aligner.tokens(q.cue_start, q.cue_end)
        out.append(
            {
                "tokens": list(where),
                "kind": q.kind,
                "rule": q.rule,
                "paragraph": q.paragraph,
                "speaker": _speaker_data(aligner, q.speaker),
                "cue": list(cue) if cue else None,
            }
        )
    return out


def annotate(
    doc: Doc,
    result: Document,
    *,
    overwrite_ents: bool,
    spans_key: str | None,
    quotes_spans_key: str | None,
    alignment_mode: str,
) -> dict[str, int]:
    """Writes ``result`` (namedrop's Document for ``doc.text``) onto ``doc``; returns the
    alignment counts of this doc."""
    aligner = Aligner(doc, alignment_mode)
    ours = _entity_spans(aligner, result)
    if spans_key is None:
        _merge_ents(doc, ours, overwrite_ents, aligner.counts)
    else:
        doc.spans[spans_key] = ours
    data = {
        "quotes": _quote_data(aligner, result),
        "clusters": [list(c) for c in result.clusters],
        "alignment": aligner.counts,
    }
    doc.user_data[USER_DATA_KEY] = data
    if quotes_spans_key is not None:
        doc.spans[quotes_spans_key] = _quote_spans(doc, data["quotes"])
    return aligner.counts


def _quote_spans(doc: Doc, quotes: list[dict[str, Any]]) -> list[Span]:
    """Quotes (labelled ``QUOTE_<KIND>``), speakers and cues for displaCy's span style."""
    out = []
    for q in _read_quotes(doc, quotes):
        out.append(q.quote)
        out.extend(s for s in (q.speaker, q.cue) if s is not None)
    return out


def _read_quotes(doc: Doc, quotes: list[dict[str, Any]]) -> tuple[SpacyQuote, ...]:
    out = []
    for q in quotes:
        sp = q["speaker"] or {}
        speaker = None
        if sp.get("tokens"):
            kb_id = sp["entity_id"] or ""
            speaker = Span(doc, *sp["tokens"], label=SPEAKER_LABEL, kb_id=kb_id, span_id=kb_id)
        cue = Span(doc, *q["cue"], label=CUE_LABEL) if q["cue"] else None
        quote = Span(doc, *q["tokens"], label="QUOTE_" + q["kind"].upper())
        out.append(
            SpacyQuote(
                quote,
                q["kind"],
                q["rule"],
                speaker,
                cue,
                sp.get("name"),
                sp.get("entity_id"),
                sp.get("gender"),
                q["paragraph"],
            )
        )
    return tuple(out)


def _data(doc: Doc) -> dict[str, Any]:
    return doc.user_data.get(USER_DATA_KEY) or {}


def get_quotes(doc: Doc) -> tuple[SpacyQuote, ...]:
    """``doc._.quotes``: the quotes namedrop found, as SpacyQuote tuples."""
    return _read_quotes(doc, _data(doc).get("quotes", ()))


def get_clusters(doc: Doc) -> tuple[Cluster, ...]:
    """``doc._.clusters``: who is in the doc (namedrop Cluster tuples)."""
    return tuple(Cluster(*c) for c in _data(doc).get("clusters", ()))


def get_alignment(doc: Doc) -> dict[str, int]:
    """``doc._.namedrop_alignment``: mentions, quotes, speakers and cues of this doc that
    were ``expanded`` to token boundaries or ``skipped``, and entity spans left out of
    ``doc.ents`` because another span held their tokens (``overlapped``)."""
    return dict(_data(doc).get("alignment", {"expanded": 0, "skipped": 0, "overlapped": 0}))


# The namespaced names are always ours; the short ones are set only when no other
# package holds them.
_NAMESPACED = {
    "namedrop_quotes": get_quotes,
    "namedrop_clusters": get_clusters,
    "namedrop_alignment": get_alignment,
}
_SHORT = {"quotes": "namedrop_quotes", "clusters": "namedrop_clusters"}


def _is_ours(name: str) -> bool:
    getter = Doc.get_extension(name)[2]
    # By module and name, not identity, so that a reloaded module still knows its own.
    return getattr(getter, "__module__", None) == __name__


def register_extensions() -> None:
    """Registers ``doc._.namedrop_quotes``, ``doc._.namedrop_clusters`` and
    ``doc._.namedrop_alignment``, and the short ``doc._.quotes`` / ``doc._.clusters``
    when no other package has taken them (then a warning says so and the short name is
    left alone). Idempotent; the component calls it. Raises ``ValueError`` if another
    package holds a ``namedrop_`` name.
    """
    for name, getter in _NAMESPACED.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
        elif not _is_ours(name):
            raise ValueError(
                f"Doc._.{name} is already registered by another package "
                f"({Doc.get_extension(name)[2]!r}); namedrop needs this name"
            )
    for short, full in _SHORT.items():
        if not Doc.has_extension(short):
            Doc.set_extension(short, getter=_NAMESPACED[full])
        elif not _is_ours(short):
            warnings.warn(
                f"Doc._.{short} is already registered by another package; namedrop leaves "
                f"it alone: read doc._.{full} instead",
                UserWarning,
                stacklevel=3,
            )
