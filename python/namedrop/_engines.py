"""What namedrop.dask and namedrop.spark share: one public function per table, each
with the same signature, made from the engine's runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

Runner = Callable[[str, Any, Any, str, "str | None", int], Any]


class TableFunction(Protocol):
    """``f(data, extractor, text_col="text", id_col=None, *, n_threads=1)``."""

    def __call__(
        self,
        data: Any,
        extractor: Any,
        text_col: str = "text",
        id_col: str | None = None,
        *,
        n_threads: int = 1,
    ) -> Any: ...


def table_function(run: Runner, table: str, module: str, doc: str) -> TableFunction:
    """The public function of ``table`` ("entities", "quotes", "clusters") that calls
    ``run(table, data, extractor, text_col, id_col, n_threads)``."""

    def call(
        data: Any,
        extractor: Any,
        text_col: str = "text",
        id_col: str | None = None,
        *,
        n_threads: int = 1,
    ) -> Any:
        return run(table, data, extractor, text_col, id_col, n_threads)

    call.__name__ = call.__qualname__ = table
    call.__module__ = module
    call.__doc__ = doc
    return call
