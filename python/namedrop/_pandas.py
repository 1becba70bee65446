"""pandas integration: the ``Series.namedrop`` and ``DataFrame.namedrop`` accessors.

pandas is optional and never imported by ``import namedrop``: the accessor is
registered as soon as pandas is imported, before or after namedrop
(see ``register_when_pandas_loads``).

>>> import pandas as pd, namedrop as nd
>>> ex = nd.Extractor(nd.Gazetteer.from_records([{"id": "p", "name": "Paris", "label": "GPE"}]))
>>> pd.Series(["Paris in May.", None]).namedrop.entities(ex)[["doc_id", "text"]].values.tolist()
[[0, 'Paris']]
>>> pd.Series(["Paris in May."]).namedrop.clusters(ex)[["name", "mentions"]].values.tolist()
[['Paris', 1]]
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from typing import Any

__all__ = ["register_when_pandas_loads"]

_registered = False


class NamedropAccessor:
    """``series.namedrop``: run an Extractor over a Series of texts; ``doc_id`` in the
    result is the Series index (its dtype and name kept)."""

    def __init__(self, series: Any) -> None:
        self._series = series

    def entities(self, extractor: Any, *, n_threads: int | None = None) -> Any:
        """Entity mentions as a DataFrame (see ``Extractor.entities_frame``)."""
        s = self._series
        return extractor.entities_frame(s, ids=s.index, n_threads=n_threads)

    def quotes(self, extractor: Any, *, n_threads: int | None = None) -> Any:
        """Quotes as a DataFrame (see ``Extractor.quotes_frame``)."""
        s = self._series
        return extractor.quotes_frame(s, ids=s.index, n_threads=n_threads)

    def clusters(self, extractor: Any, *, n_threads: int | None = None) -> Any:
        """Who is in each text, as a DataFrame (see ``Extractor.clusters_frame``)."""
        s = self._series
        return extractor.clusters_frame(s, ids=s.index, n_threads=n_threads)

    def docs(self, extractor: Any, *, n_threads: int | None = None) -> Any:
        """A Series of Documents with the same index."""
        import pandas as pd

        s = self._series
        return pd.Series(list(extractor.pipe(s, n_threads=n_threads)), index=s.index)


class NamedropFrameAccessor:
    """``df.namedrop``: the same tables from a DataFrame's text column; ``doc_id`` is the
    frame's index, or the column named by ``id``.

    >>> import pandas as pd, namedrop as nd
    >>> ex = nd.Extractor(nd.Gazetteer.from_records([{"id": "p", "name": "Paris", "label": "GPE"}]))
    >>> df = pd.DataFrame({"key": ["a", "b"], "text": ["Paris.", "Rome."]})
    >>> df.namedrop.entities(ex, id="key")[["doc_id", "text"]].values.tolist()
    [['a', 'Paris']]
    """

    def __init__(self, frame: Any) -> None:
        self._frame = frame

    def _texts_ids(self, text: str, id: str | None) -> tuple[Any, Any]:
        df = self._frame
        for field, name in (("text", text), ("id", id)):
            if name is not None and name not in df.columns:
                raise KeyError(f"{field}={name!r} is not a column (columns: {list(df.columns)})")
        return df[text], (df.index if id is None else df[id])

    def entities(
        self, extractor: Any, *, text: str = "text", id: str | None = None,
        n_threads: int | None = None,
    ) -> Any:
        """Entity mentions of column ``text`` (see ``Extractor.entities_frame``)."""
        texts, ids = self._texts_ids(text, id)
        return extractor.entities_frame(texts, ids=ids, n_threads=n_threads)

    def quotes(
        self, extractor: Any, *, text: str = "text", id: str | None = None,
        n_threads: int | None = None,
    ) -> Any:
        """Quotes of column ``text`` (see ``Extractor.quotes_frame``)."""
        texts, ids = self._texts_ids(text, id)
        return extractor.quotes_frame(texts, ids=ids, n_threads=n_threads)

    def clusters(
        self, extractor: Any, *, text: str = "text", id: str | None = None,
        n_threads: int | None = None,
    ) -> Any:
        """Who is in each row's text (see ``Extractor.clusters_frame``)."""
        texts, ids = self._texts_ids(text, id)
        return extractor.clusters_frame(texts, ids=ids, n_threads=n_threads)


def _register() -> None:
    global _registered
    if _registered:
        return
    import pandas as pd

    pd.api.extensions.register_series_accessor("namedrop")(NamedropAccessor)
    pd.api.extensions.register_dataframe_accessor("namedrop")(NamedropFrameAccessor)
    _registered = True


class _PandasHook(importlib.abc.MetaPathFinder):
    """Registers the accessor right after pandas finishes importing."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "pandas":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_register(module: Any) -> None:
            exec_module(module)
            _register()

        loader.exec_module = exec_and_register  # type: ignore[method-assign]
        return spec


def register_when_pandas_loads() -> None:
    """Registers the accessor now if pandas is loaded, else when it is imported."""
    if "pandas" in sys.modules:
        _register()
    elif not any(isinstance(f, _PandasHook) for f in sys.meta_path):
        sys.meta_path.insert(0, _PandasHook())
