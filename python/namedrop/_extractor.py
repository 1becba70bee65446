"""The Extractor: runs matching, linking and quotes on texts and builds Documents.

All O(n) work (matching, linking, quotes, offset conversion) happens in the Rust core
with the GIL released; this module only batches inputs and wraps results.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from . import _arrow, _core, _pickle
from ._types import Document

if TYPE_CHECKING:
    import pandas as pd

    # One batch of `pipe`: its rows, their contexts (as_tuples), the error that ends it.
    _Batch = tuple[list[str | None], list[Any] | None, Exception | None]

__all__ = ["Extractor"]

DEFAULT_BATCH_SIZE = 256


def _is_missing(value: Any) -> bool:
    """None, NaN and pandas' NA/NaT count as a missing row (an empty Document)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _bad_row(row: Any, index: int) -> TypeError | None:
    """The error for a row that is neither a str nor missing, else None."""
    if isinstance(row, str) or _is_missing(row):
        return None
    return TypeError(f"text at index {index} is {type(row).__name__}, expected str or None")


def _check_rows(rows: Sequence[Any], offset: int) -> list[str | None]:
    """The rows as str or None; a TypeError naming the first other row."""
    for i, row in enumerate(rows):
        error = _bad_row(row, offset + i)
        if error is not None:
            raise error
    return [row if isinstance(row, str) else None for row in rows]


def _pair(item: Any, index: int) -> tuple[Any, Any]:
    """An ``as_tuples`` item as (text, context): a tuple or list of two items."""
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return item[0], item[1]
    what = type(item).__name__
    if isinstance(item, (tuple, list)):
        what = f"a {what} of {len(item)} items"
    raise TypeError(
        f"item at index {index} is {what}, expected a (text, context) pair (as_tuples=True)"
    )


def _cue_list(cues: Iterable[str] | str | None) -> list[str] | None:
    """``cues`` as a list: a str is one cue (not its characters)."""
    if cues is None:
        return None
    if isinstance(cues, str):
        return [cues]
    try:
        items = list(cues)
    except TypeError:
        raise TypeError(
            f"cues must be a str or an iterable of str, got {type(cues).__name__}"
        ) from None
    for i, cue in enumerate(items):
        if not isinstance(cue, str):
            raise TypeError(f"cues[{i}] is {type(cue).__name__}, expected str")
    return items


_new_object = object.__new__


def _document(text: str | None, raw: Any, doc_id: Any = None) -> Document:
    if text is None:
        return Document("", id=doc_id)
    entities, quotes, clusters = raw
    # The fields set straight into the instance dict: a frozen dataclass's __init__
    # sets each through object.__setattr__, about half of the time a Document takes to
    # build, and Documents are built under the GIL while `pipe`'s other batch runs.
    # Equal to Document(text, entities, quotes, clusters, doc_id) (tested).
    doc = _new_object(Document)
    doc.__dict__.update(
        text=text, entities=entities, quotes=quotes, clusters=clusters, id=doc_id
    )
    return doc


class Extractor:
    """Finds gazetteer entities, links them within each document, and extracts quotes
    with their speakers.

    >>> import namedrop as nd
    >>> g = nd.Gazetteer()
    >>> g.add("dw", "Dana Whitfield", label="PERSON", gender="female")
    >>> ex = nd.Extractor(g)
    >>> doc = ex("“We will reopen in March,” Dana Whitfield said.")
    >>> [m.text for m in doc.entities]
    ['Dana Whitfield']
    >>> doc.quotes[0].speaker.entity_id
    'dw'
    """

    def __init__(
        self,
        gazetteer: _core.Gazetteer,
        *,
        case: str = "smart",
        overlapping: bool = False,
        fold_diacritics: bool = True,
        link: bool = True,
        discover: bool = True,
        quotes: bool = True,
        indirect: bool = True,
        cues: Iterable[str] | str | None = None,
    ) -> None:
        self._options: dict[str, Any] = {
            "case": case,
            "overlapping": overlapping,
            "fold_diacritics": fold_diacritics,
            "link": link,
            "discover": discover,
            "quotes": quotes,
            "indirect": indirect,
            "cues": _cue_list(cues),
        }
        self._core = _core.Extractor(gazetteer, **self._options)
        self.gazetteer = gazetteer

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self._options.items() if v is not None)
        return f"Extractor(<{len(self.gazetteer)} entities>, {opts})"

    def __reduce__(self) -> Any:
        # The gazetteer's compact binary form and plain options; unpickling is cached
        # per process (see namedrop._pickle).
        return (_pickle.extractor_from_bytes, (self.gazetteer.to_bytes(), self._options))

    @property
    def options(self) -> dict[str, Any]:
        """The options this extractor was built with."""
        return dict(self._options)

    def __call__(self, text: str) -> Document:
        """Runs the extractor on one text."""
        if not isinstance(text, str):
            raise TypeError(f"text is {type(text).__name__}, expected str")
        return _document(text, self._core.extract(text))

    def pipe(
        self,
        texts: Iterable[Any],
        *,
        n_threads: int | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        as_tuples: bool = False,
    ) -> Iterator[Any]:
        """Runs the extractor over many texts in parallel, in order.

        ``texts`` may be any iterable (list, generator, pandas Series). ``None``/NaN
        rows give empty Documents; any other non-str row raises ``TypeError`` naming its
        index, after every Document before it has been yielded (so does an error of the
        iterable itself). With ``as_tuples=True`` each item is a ``(text, context)``
        pair (a 2-tuple or 2-list) and the output is ``(Document, context)`` pairs, as
        in spaCy's ``nlp.pipe``. ``n_threads=None`` uses every core; an int asks for
        that many threads (1 to 1024, never more than the cores), and anything else
        raises ``InputError`` here, at the call.

        >>> import namedrop as nd
        >>> ex = nd.Extractor(nd.Gazetteer())
        >>> [len(d.text) for d in ex.pipe(["a", None, "abc"])]
        [1, 0, 3]
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be an int >= 1, got {batch_size!r}")
        threads = _core.Extractor.check_threads(n_threads)
        return self._pipe(self._batches(iter(texts), batch_size, as_tuples), threads, as_tuples)

    def _pipe(
        self, batches: Iterator[_Batch], n_threads: int | None, as_tuples: bool
    ) -> Iterator[Any]:
        if n_threads == 1:
            # One thread: the core and the building of Documents take turns.
            for rows, contexts, error in batches:
                raws = self._core.extract_batch(rows, 1)
                yield from self._finish(rows, contexts, error, raws, as_tuples)
            return
        # Several threads: the core runs the next batch on a thread of its own (started
        # here, needing no GIL there) while this thread builds the Documents of the
        # current one.
        pending: deque[Any] = deque()
        for rows, contexts, error in batches:
            pending.append((rows, contexts, error, self._core.start_batch(rows, n_threads)))
            if len(pending) > 1:
                yield from self._finish_started(*pending.popleft(), as_tuples)
        while pending:
            yield from self._finish_started(*pending.popleft(), as_tuples)

    def _finish_started(
        self,
        rows: list[str | None],
        contexts: list[Any] | None,
        error: Exception | None,
        batch: Any,
        as_tuples: bool,
    ) -> Iterator[Any]:
        """The Documents of a batch started with `_core.Extractor.start_batch`."""
        raws = self._core.finish_batch(rows, batch)
        yield from self._finish(rows, contexts, error, raws, as_tuples)

    @staticmethod
    def _batches(iterator: Iterator[Any], batch_size: int, as_tuples: bool) -> Iterator[_Batch]:
        """Checked batches of rows (and their contexts, with ``as_tuples``).

        A bad item, or an exception from ``iterator``, ends the input: the last batch
        holds the rows before it and the exception, raised once their Documents are out.
        """
        index = 0
        while True:
            rows: list[str | None] = []
            contexts: list[Any] | None = [] if as_tuples else None
            try:
                for item in islice(iterator, batch_size):
                    if contexts is not None:
                        item, context = _pair(item, index)
                    error = _bad_row(item, index)
                    if error is not None:
                        raise error
                    rows.append(item if isinstance(item, str) else None)
                    if contexts is not None:
                        contexts.append(context)
                    index += 1
            except Exception as e:  # re-raised once the rows before it are out
                yield rows, contexts, e
                return
            if not rows:
                return
            yield rows, contexts, None

    @staticmethod
    def _finish(
        rows: list[str | None],
        contexts: list[Any] | None,
        error: Exception | None,
        raws: list[Any],
        as_tuples: bool,
    ) -> Iterator[Any]:
        """The Documents of one batch, then its deferred error, if any."""
        for i, (text, raw) in enumerate(zip(rows, raws, strict=True)):
            doc = _document(text, raw)
            yield (doc, contexts[i]) if as_tuples and contexts is not None else doc
        if error is not None:
            raise error

    def entities_frame(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
        backend: str | None = None,
    ) -> pd.DataFrame:
        """All entity mentions of ``texts`` as a pandas DataFrame with columns doc_id,
        start, end, text, label, entity_id, name, source, gender (built from columns made
        in Rust: no per-mention Python objects). ``ids`` default to the text positions;
        ``doc_id`` keeps their dtype and the frame's index repeats them (with their name).
        ``backend="polars"`` (the default when ``texts`` is a polars Series) gives a
        polars DataFrame of ``entities_arrow`` instead.

        >>> import namedrop as nd
        >>> g = nd.Gazetteer.from_records([{"id": "p", "name": "Paris", "label": "GPE"}])
        >>> df = nd.Extractor(g).entities_frame(["In Paris.", None], ids=[7, 8])
        >>> df[["doc_id", "start", "text"]].values.tolist()
        [[7, 3, 'Paris']]
        """
        return self._table_frame("entities", texts, ids, n_threads, backend)

    def quotes_frame(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
        backend: str | None = None,
    ) -> pd.DataFrame:
        """All quotes of ``texts`` as a pandas DataFrame with columns doc_id, start, end,
        quote, kind, speaker, speaker_entity_id, speaker_gender, speaker_source, cue, rule,
        paragraph. ``backend`` as in ``entities_frame``.

        >>> import namedrop as nd
        >>> df = nd.Extractor(nd.Gazetteer()).quotes_frame(["“Yes,” a spokesman said."])
        >>> df[["quote", "speaker", "cue"]].values.tolist()
        [['“Yes,”', 'a spokesman', 'said']]
        """
        return self._table_frame("quotes", texts, ids, n_threads, backend)

    def clusters_frame(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
        backend: str | None = None,
    ) -> pd.DataFrame:
        """Who is in each text, as a pandas DataFrame with one row per referent and
        columns doc_id, name, label, entity_id, gender, gender_evidence, mentions, quotes,
        indirect_quotes (how many of ``quotes`` are reported speech, kind "indirect").

        >>> import namedrop as nd
        >>> g = nd.Gazetteer.from_records([{"id": "p", "name": "Paris", "label": "GPE"}])
        >>> df = nd.Extractor(g).clusters_frame(["Paris, Paris.", None], ids=["a", "b"])
        >>> df[["doc_id", "name", "mentions"]].values.tolist()
        [['a', 'Paris', 2]]
        """
        return self._table_frame("clusters", texts, ids, n_threads, backend)

    def _table_frame(
        self,
        table: str,
        texts: Iterable[Any],
        ids: Iterable[Any] | None,
        n_threads: int | None,
        backend: str | None,
    ) -> Any:
        """The frame of ``table``: polars from the Arrow columns when asked (or given a
        polars Series), else pandas (``_frames.table_frame``)."""
        if _arrow.wants_polars(texts, backend):
            batch = _arrow.BATCH_SIZE
            arrow = _arrow.arrow_results(self._core, table, texts, ids, n_threads, batch)
            return _arrow.polars_frame(arrow)
        from ._frames import table_frame

        return table_frame(self, table, texts, ids, n_threads)

    def entities_arrow(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
        batch_size: int = _arrow.BATCH_SIZE,
    ) -> _core.ArrowResults:
        """Entity mentions as Arrow columns built in Rust: read it with
        ``pyarrow.table(x)``, ``polars.DataFrame(x)`` or DuckDB (Arrow PyCapsule stream).
        Columns as ``entities_frame``; offsets int32 code points; label, entity_id, name
        and source dictionary-encoded; ``doc_id`` int64, float64 or utf8 like ``ids``
        (default: positions). Record batches of ``batch_size`` texts are made as they are
        read, with the GIL released.
        """
        return _arrow.arrow_results(self._core, "entities", texts, ids, n_threads, batch_size)

    def quotes_arrow(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
        batch_size: int = _arrow.BATCH_SIZE,
    ) -> _core.ArrowResults:
        """Quotes as Arrow columns (those of ``quotes_frame``); see ``entities_arrow``."""
        return _arrow.arrow_results(self._core, "quotes", texts, ids, n_threads, batch_size)

    def clusters_arrow(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
        batch_size: int = _arrow.BATCH_SIZE,
    ) -> _core.ArrowResults:
        """Clusters (who is in each text) as Arrow columns: doc_id, name, label,
        entity_id, gender, gender_evidence, mentions, quotes, indirect_quotes; see
        ``entities_arrow``."""
        return _arrow.arrow_results(self._core, "clusters", texts, ids, n_threads, batch_size)


