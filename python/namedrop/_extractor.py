"""The Extractor: runs matching, linking and quotes on texts and builds Documents.

All O(n) work (matching, linking, quotes, offset conversion) happens in the Rust core
with the GIL released; this module only batches inputs and wraps results.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING, Any

from . import _core
from ._types import Document, Quote

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Extractor"]

DEFAULT_BATCH_SIZE = 256


def _is_missing(value: Any) -> bool:
    """None, NaN and pandas' NA/NaT count as a missing row (an empty Document)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def _check_rows(rows: Sequence[Any], offset: int) -> list[str | None]:
    out: list[str | None] = []
    for i, row in enumerate(rows):
        if isinstance(row, str):
            out.append(row)
        elif _is_missing(row):
            out.append(None)
        else:
            raise TypeError(
                f"text at index {offset + i} is {type(row).__name__}, expected str or None"
            )
    return out


_new_tuple = tuple.__new__


def _quote(raw: tuple[Any, ...]) -> Quote:
    return _new_tuple(Quote, raw)  # type: ignore[no-any-return]


def _document(text: str | None, raw: Any, doc_id: Any = None) -> Document:
    if text is None:
        return Document("", id=doc_id)
    entities, quotes, clusters = raw
    return Document(text, entities, tuple(map(_quote, quotes)), clusters, doc_id)


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
        cues: Iterable[str] | None = None,
    ) -> None:
        self._options: dict[str, Any] = {
            "case": case,
            "overlapping": overlapping,
            "fold_diacritics": fold_diacritics,
            "link": link,
            "discover": discover,
            "quotes": quotes,
            "cues": list(cues) if cues is not None else None,
        }
        self._core = _core.Extractor(gazetteer, **self._options)
        self.gazetteer = gazetteer

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self._options.items() if v is not None)
        return f"Extractor(<{len(self.gazetteer)} entities>, {opts})"

    def __reduce__(self) -> Any:
        # The gazetteer pickles as its compact binary form; options are plain values.
        return (_rebuild, (self.gazetteer, self._options))

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
        index. With ``as_tuples=True`` the items are ``(text, context)`` pairs and the
        output is ``(Document, context)`` pairs, as in spaCy's ``nlp.pipe``.
        ``n_threads=None`` uses every core.

        >>> import namedrop as nd
        >>> ex = nd.Extractor(nd.Gazetteer())
        >>> [len(d.text) for d in ex.pipe(["a", None, "abc"])]
        [1, 0, 3]
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        batches = self._batches(iter(texts), batch_size, as_tuples)
        if n_threads == 1:
            # One thread: the core and the building of Documents take turns.
            results = ((rows, ctx, self._core.extract_batch(rows, 1)) for rows, ctx in batches)
            yield from self._documents(results, as_tuples)
            return
        # Several threads: the core works on the next batch (GIL released) while this
        # thread builds the Documents of the current one.
        with ThreadPoolExecutor(1, thread_name_prefix="namedrop-pipe") as pool:
            pending: deque[Any] = deque()
            for rows, ctx in batches:
                pending.append((rows, ctx, pool.submit(self._core.extract_batch, rows, n_threads)))
                if len(pending) > 1:
                    rows0, ctx0, fut = pending.popleft()
                    yield from self._documents([(rows0, ctx0, fut.result())], as_tuples)
            while pending:
                rows0, ctx0, fut = pending.popleft()
                yield from self._documents([(rows0, ctx0, fut.result())], as_tuples)

    @staticmethod
    def _batches(
        iterator: Iterator[Any], batch_size: int, as_tuples: bool
    ) -> Iterator[tuple[list[str | None], list[Any] | None]]:
        """Checked batches of rows (and their contexts, with ``as_tuples``)."""
        offset = 0
        while True:
            batch = list(islice(iterator, batch_size))
            if not batch:
                return
            contexts = None
            if as_tuples:
                contexts = [item[1] for item in batch]
                batch = [item[0] for item in batch]
            yield _check_rows(batch, offset), contexts
            offset += len(batch)

    @staticmethod
    def _documents(results: Iterable[Any], as_tuples: bool) -> Iterator[Any]:
        for rows, contexts, raws in results:
            for i, (text, raw) in enumerate(zip(rows, raws, strict=True)):
                doc = _document(text, raw)
                yield (doc, contexts[i]) if as_tuples else doc

    def entities_frame(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
    ) -> pd.DataFrame:
        """All entity mentions of ``texts`` as a pandas DataFrame with columns doc_id,
        start, end, text, label, entity_id, name, source, gender (built from columns made
        in Rust: no per-mention Python objects). ``ids`` default to the text positions;
        ``doc_id`` keeps their dtype and the frame's index repeats them (with their name).

        >>> import namedrop as nd
        >>> g = nd.Gazetteer.from_records([{"id": "p", "name": "Paris", "label": "GPE"}])
        >>> df = nd.Extractor(g).entities_frame(["In Paris.", None], ids=[7, 8])
        >>> df[["doc_id", "start", "text"]].values.tolist()
        [[7, 3, 'Paris']]
        """
        from ._frames import entities_frame

        return entities_frame(self, texts, ids, n_threads)

    def quotes_frame(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
    ) -> pd.DataFrame:
        """All quotes of ``texts`` as a pandas DataFrame with columns doc_id, start, end,
        quote, kind, speaker, speaker_entity_id, speaker_gender, speaker_source, cue, rule,
        paragraph.

        >>> import namedrop as nd
        >>> df = nd.Extractor(nd.Gazetteer()).quotes_frame(["“Yes,” a spokesman said."])
        >>> df[["quote", "speaker", "cue"]].values.tolist()
        [['“Yes,”', 'a spokesman', 'said']]
        """
        from ._frames import quotes_frame

        return quotes_frame(self, texts, ids, n_threads)

    def clusters_frame(
        self,
        texts: Iterable[Any],
        ids: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
    ) -> pd.DataFrame:
        """Who is in each text, as a pandas DataFrame with one row per referent and
        columns doc_id, name, label, entity_id, gender, gender_evidence, mentions, quotes.

        >>> import namedrop as nd
        >>> g = nd.Gazetteer.from_records([{"id": "p", "name": "Paris", "label": "GPE"}])
        >>> df = nd.Extractor(g).clusters_frame(["Paris, Paris.", None], ids=["a", "b"])
        >>> df[["doc_id", "name", "mentions"]].values.tolist()
        [['a', 'Paris', 2]]
        """
        from ._frames import clusters_frame

        return clusters_frame(self, texts, ids, n_threads)


def _rebuild(gazetteer: _core.Gazetteer, options: dict[str, Any]) -> Extractor:
    return Extractor(gazetteer, **options)

