"""Pickling of Gazetteers and Extractors, cached per process.

Dask and Spark ship an Extractor to every task. Both classes pickle as the gazetteer's
compact binary (``Gazetteer.to_bytes``) plus plain options, and unpickling keeps what it
built: the same bytes give the same compiled gazetteer (each unpickled ``Gazetteer`` is
its own object on the shared data, and ``add`` copies before it changes anything), and
the same bytes and options give the very same ``Extractor`` object (an Extractor never
changes). So a worker process decodes a gazetteer once, however many tasks or
partitions it runs.

>>> import pickle, namedrop as nd
>>> ex = nd.Extractor(nd.Gazetteer.from_records([{"id": "p", "name": "Paris"}]))
>>> data = pickle.dumps(ex)
>>> pickle.loads(data) is pickle.loads(data)
True
"""

from __future__ import annotations

import copyreg
import hashlib
import threading
from collections import OrderedDict
from typing import Any

from . import _core

__all__ = ["extractor_from_bytes", "gazetteer_from_bytes", "register"]

# Distinct gazetteers (and extractors) a process keeps; a worker rarely sees more than one.
CACHE_SIZE = 8

_lock = threading.Lock()
_gazetteers: OrderedDict[bytes, _core.Gazetteer] = OrderedDict()
_extractors: OrderedDict[tuple[bytes, tuple[Any, ...]], Any] = OrderedDict()


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _cached(cache: OrderedDict[Any, Any], key: Any, make: Any) -> Any:
    with _lock:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    value = make()
    with _lock:
        # Another thread may have made it meanwhile: keep the first, so one object wins.
        value = cache.setdefault(key, value)
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
    return value


def _compiled(data: bytes, key: bytes) -> _core.Gazetteer:
    return _cached(_gazetteers, key, lambda: _core.Gazetteer.from_bytes(data))  # type: ignore[no-any-return]


def gazetteer_from_bytes(data: bytes) -> _core.Gazetteer:
    """The Gazetteer of ``Gazetteer.to_bytes`` (what unpickling calls), decoded once
    per process: a new object on the cached compiled data."""
    return _core.share_gazetteer(_compiled(data, _digest(data)))


def extractor_from_bytes(data: bytes, options: dict[str, Any]) -> Any:
    """The Extractor over the gazetteer ``data`` with ``options`` (what unpickling
    calls): one object per distinct bytes and options in a process."""
    from ._extractor import Extractor

    key = _digest(data)
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    return _cached(
        _extractors,
        (key, frozen),
        lambda: Extractor(_core.share_gazetteer(_compiled(data, key)), **options),
    )


def _reduce_gazetteer(g: _core.Gazetteer) -> tuple[Any, tuple[bytes]]:
    return gazetteer_from_bytes, (g.to_bytes(),)


def register() -> None:
    """Makes pickle (and cloudpickle, which Dask and Spark use) reduce a Gazetteer to
    ``gazetteer_from_bytes``; Extractor.__reduce__ points to ``extractor_from_bytes``."""
    copyreg.pickle(_core.Gazetteer, _reduce_gazetteer)
