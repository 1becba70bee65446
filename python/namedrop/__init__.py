"""namedrop: who is mentioned and who said what in news text.

>>> import namedrop as nd
>>> isinstance(nd.__version__, str)
True
"""

from ._core import (
    FileError,
    GazetteerError,
    InputError,
    NamedropError,
    __version__,
)

__all__ = [
    "FileError",
    "GazetteerError",
    "InputError",
    "NamedropError",
    "__version__",
]
