"""Writes a namedrop Document onto a spaCy Doc, and reads it back through ``doc._``.

Everything the component adds to a Doc is plain data (token indices, strings, ints) in
``doc.user_data["namedrop"]``, in ``doc.ents`` and in ``doc.spans``, so ``doc.to_bytes()``
and ``nlp.pipe(texts, n_process=2)`` carry it; the ``doc._`` extensions are getters that
build Span objects from that data when read.

Alignment rule: a namedrop offset pair becomes the tokens it covers exactly when it
falls on token boundaries (what ``doc.char_span(start, end)`` gives). Otherwise, with
``alignment_mode="expand"`` (the default), it becomes the smallest token span that
covers it (as ``char_span(..., alignment_mode="expand")``) and is counted as
``expanded``; with ``alignment_mode="strict"`` it is left out and counted as
``skipped``. Counts are in ``doc._.namedrop_alignment``. The lookups are vectorised
(token offsets from ``Doc.to_array``, ``numpy.searchsorted``) and ``doc.ents`` is
written with one ``Doc.from_array``: the component's own time stays far below spaCy's
tokenizer (bench/README.md).

This module imports spaCy (and numpy, which spaCy requires); ``namedrop.spacy`` imports
it, ``import namedrop`` does not.
"""

from __future__ import annotations

import warnings
from typing import Any, NamedTuple

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, IDX, LENGTH, ORTH, SPACY
from spacy.tokens import Doc, Span

from ._types import Cluster, Document, Mention

__all__ = ["SpacyQuote", "TextReader", "annotate", "register_extensions"]

#: key of the component's plain data in ``doc.user_data``
USER_DATA_KEY = "namedrop"
#: speaker phrases that are not names: kept on quotes, never written as entities
NOT_ENTITIES = frozenset({"pronoun", "nominal"})
# Token.ent_iob values
IOB_INSIDE, IOB_OUTSIDE, IOB_BEGIN = 1, 2, 3
SPEAKER_LABEL = "SPEAKER"
CUE_LABEL = "CUE"


class SpacyQuote(NamedTuple):
    """One quote on a spaCy Doc (an item of ``doc._.quotes``): the quote, its speaker
    phrase and its speech cue as Spans, with namedrop's kind and rule.

    ``speaker`` is labelled with the speaker's label and has ``kb_id_`` set to its
    gazetteer id ("" when the speaker is not in the gazetteer); ``speaker_name`` is the
    canonical name (a pronoun's referent, for "she said").

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("namedrop")
    >>> q = nlp("Barack Obama spoke. “It is over,” he said.")._.quotes[0]
    >>> q.kind, q.quote.text, q.speaker.text, q.speaker.kb_id_, q.speaker_name
    ('direct', '“It is over,”', 'he', 'bioguide:O000167', 'Barack Obama')
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


class _Words(dict[int, str]):
    """Orth hash -> token text, filled from a StringStore on first sight."""

    strings: Any = None

    def __missing__(self, orth: int) -> str:
        word = self[orth] = self.strings[orth]
        return word


class TextReader:
    """``doc.text`` without a Token object per token (spaCy's own ``doc.text`` makes
    one for each, which was the larger part of the component's time): token texts by
    orth hash from ``Doc.to_array``, interleaved with their whitespace. A hash names one
    string in every StringStore, so the cache serves any vocab."""

    MAX_WORDS = 1 << 21  # start afresh past this many distinct tokens: memory stays bounded

    def __init__(self) -> None:
        self._words = _Words()

    def __call__(self, doc: Doc) -> str:
        if not len(doc):
            return ""
        if len(self._words) > self.MAX_WORDS:
            self._words.clear()
        self._words.strings = doc.vocab.strings
        orths, spaces = doc.to_array([ORTH, SPACY]).T.tolist()
        parts = [""] * (2 * len(orths))
        parts[0::2] = map(self._words.__getitem__, orths)
        parts[1::2] = map(_WHITESPACE.__getitem__, spaces)
        return "".join(parts)


_WHITESPACE = ("", " ")  # by Token.whitespace_ flag


class Aligner:
    """Turns character offsets into token spans by the module's alignment rule,
    counting. Token boundaries are read once per doc (``Doc.to_array``), offsets are
    looked up with ``numpy.searchsorted``: no Token or Span objects."""

    def __init__(self, doc: Doc, mode: str) -> None:
        self.doc = doc
        self.mode = mode
        self.counts = {"expanded": 0, "skipped": 0, "overlapped": 0}
        bounds = doc.to_array([IDX, LENGTH]).astype(numpy.int64).reshape(-1, 2)
        self.starts = bounds[:, 0]
        self.ends = bounds[:, 0] + bounds[:, 1]

    def align(self, starts: list[int], ends: list[int]) -> tuple[Any, Any, Any]:
        """Token ``(first, stop)`` arrays of the offset pairs that are kept, and the
        mask of kept pairs."""
        s = numpy.asarray(starts, dtype=numpy.int64)
        e = numpy.asarray(ends, dtype=numpy.int64)
        first = numpy.searchsorted(self.ends, s, side="right")  # first token ending after s
        stop = numpy.searchsorted(self.starts, e, side="left")  # tokens starting before e
        covers = first < stop  # else only whitespace between tokens
        last = len(self.starts) - 1
        exact = (
            covers
            & (self.starts[numpy.minimum(first, last)] == s)
            & (self.ends[numpy.maximum(stop - 1, 0)] == e)
        )
        keep = exact if self.mode == "strict" else covers
        self.counts["expanded"] += int(numpy.count_nonzero(keep & ~exact))
        self.counts["skipped"] += int(len(keep) - numpy.count_nonzero(keep))
        return first[keep], stop[keep], keep

    def tokens(self, start: int, end: int) -> tuple[int, int] | None:
        """One offset pair's token span, or None when it is skipped."""
        first, stop, _ = self.align([start], [end])
        return (int(first[0]), int(stop[0])) if len(first) else None


# Entities as rows of a uint64 table: token start, token end, then string hashes of
# label, kb_id and id (the columns Doc.from_array takes after ENT_IOB).
ENT_COLUMNS = 5


def _entities(aligner: Aligner, result: Document) -> Any:
    strings = aligner.doc.vocab.strings
    hashes: dict[str | None, int] = {None: 0}
    starts, ends, labels, kb_ids = [], [], [], []
    for m in result.entities:  # the one Python loop over mentions: kept lean
        if m.source in NOT_ENTITIES:
            continue
        starts.append(m.start)
        ends.append(m.end)
        label, kb_id = m.label, m.entity_id
        if label not in hashes:
            hashes[label] = strings.add(label)
        if kb_id not in hashes:
            hashes[kb_id] = strings.add(kb_id)
        labels.append(hashes[label])
        kb_ids.append(hashes[kb_id])
    first, stop, keep = aligner.align(starts, ends)
    table = numpy.empty((len(first), ENT_COLUMNS), dtype=numpy.uint64)
    table[:, 0], table[:, 1] = first, stop
    table[:, 2] = numpy.asarray(labels, dtype=numpy.uint64)[keep]
    table[:, 3] = table[:, 4] = numpy.asarray(kb_ids, dtype=numpy.uint64)[keep]
    return table


def _first_longest(table: Any) -> Any:
    """``spacy.util.filter_spans`` on table rows: the (first) longest span wins."""
    if numpy.all(table[:-1, 1] <= table[1:, 0]):
        return table  # namedrop's mentions come sorted and apart: the common case
    taken: set[int] = set()
    kept = []
    for row in sorted(table.tolist(), key=lambda r: (r[0] - r[1], r[0])):
        if row[0] not in taken and row[1] - 1 not in taken:
            kept.append(row)
            taken.update(range(row[0], row[1]))
    return numpy.array(sorted(kept), dtype=numpy.uint64).reshape(-1, ENT_COLUMNS)


def _token_positions(table: Any) -> tuple[Any, Any]:
    """Every token index covered by the table's spans, and each span's length."""
    starts = table[:, 0].astype(numpy.int64)
    lengths = table[:, 1].astype(numpy.int64) - starts
    firsts = numpy.repeat(numpy.cumsum(lengths) - lengths, lengths)
    return numpy.repeat(starts, lengths) + numpy.arange(int(lengths.sum())) - firsts, lengths


def _apart_from(table: Any, blocking: Any, n_tokens: int) -> Any:
    """The rows of ``table`` that share no token with a row of ``blocking``."""
    taken = numpy.zeros(n_tokens + 1, dtype=numpy.int64)
    taken[_token_positions(blocking)[0] + 1] = 1
    taken = numpy.cumsum(taken)  # taken[i]: blocked tokens before token i
    starts, ends = table[:, 0].astype(numpy.int64), table[:, 1].astype(numpy.int64)
    return table[taken[ends] == taken[starts]]


def _merge_ents(doc: Doc, ours: Any, overwrite: bool, counts: dict[str, int]) -> None:
    """spaCy's rules: among our spans the first longest wins (as ``filter_spans``); an
    existing entity is kept over ours unless ``overwrite``, like the EntityRuler."""
    kept = _first_longest(ours)
    if len(doc) and doc.has_annotation("ENT_IOB") and doc.ents:
        rows = [(e.start, e.end, e.label, e.kb_id, e.id) for e in doc.ents]
        existing = numpy.array(rows, dtype=numpy.uint64)
        if overwrite:
            existing = _apart_from(existing, kept, len(doc))
        else:
            kept = _apart_from(kept, existing, len(doc))
        kept = numpy.concatenate([existing, kept])
        counts["overlapped"] += len(ours) + len(rows) - len(kept)
    else:
        counts["overlapped"] += len(ours) - len(kept)
    _write_ents(doc, kept)


def _write_ents(doc: Doc, table: Any) -> None:
    """Sets ``doc.ents`` to the table's spans (apart from each other) with one
    ``Doc.from_array``: IOB tag, label, kb_id and id per token, no Span objects."""
    columns = numpy.zeros((len(doc), 4), dtype=numpy.uint64)
    columns[:, 0] = IOB_OUTSIDE
    tokens, lengths = _token_positions(table)
    columns[tokens, 0] = IOB_INSIDE
    columns[table[:, 0].astype(numpy.int64), 0] = IOB_BEGIN
    columns[tokens, 1:] = numpy.repeat(table[:, 2:], lengths, axis=0)
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID], columns)


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
    ours = _entities(aligner, result)
    if spans_key is None:
        _merge_ents(doc, ours, overwrite_ents, aligner.counts)
    else:
        doc.spans[spans_key] = [
            Span(doc, start, end, label=label, kb_id=kb_id, span_id=span_id)
            for start, end, label, kb_id, span_id in ours.tolist()
        ]
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
    were ``expanded`` to token boundaries or ``skipped``, and entity spans (namedrop's,
    or existing ones replaced with ``overwrite_ents``) that ``doc.ents`` could not keep
    because another span held their tokens (``overlapped``)."""
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

    >>> from spacy.tokens import Doc
    >>> register_extensions()
    >>> Doc.has_extension("namedrop_quotes"), Doc.has_extension("namedrop_alignment")
    (True, True)
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
