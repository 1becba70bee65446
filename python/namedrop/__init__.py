"""namedrop: who is mentioned and who said what in news text.

>>> import namedrop as nd
>>> g = nd.Gazetteer()
>>> g.add("whitfield", "Dana Whitfield", label="PERSON", gender="female")
>>> doc = nd.Extractor(g)("“We expect the bridge to reopen by March,” Dana Whitfield said.")
>>> doc.quotes[0].speaker.name
'Dana Whitfield'
"""

from ._core import (
    FileError,
    Gazetteer,
    GazetteerError,
    InputError,
    NamedropError,
    __version__,
)
from ._extractor import Extractor
from ._pandas import register_when_pandas_loads
from ._pickle import register as _register_pickle
from ._render import render
from ._types import Cluster, Clusters, Document, Mention, Mentions, Quote, Quotes

register_when_pandas_loads()
_register_pickle()

__all__ = [
    "Cluster",
    "Clusters",
    "Document",
    "Extractor",
    "FileError",
    "Gazetteer",
    "GazetteerError",
    "InputError",
    "Mention",
    "Mentions",
    "NamedropError",
    "Quote",
    "Quotes",
    "__version__",
    "render",
]
