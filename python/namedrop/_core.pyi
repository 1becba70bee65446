"""Type stubs of the Rust extension module `namedrop._core` (checked by mypy stubtest)."""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from os import PathLike
from typing import Any, final, overload

from ._types import Cluster

__all__ = [
    "ArrowResults",
    "Clusters",
    "Extractor",
    "FileError",
    "Gazetteer",
    "GazetteerError",
    "InputError",
    "Mention",
    "Mentions",
    "NamedropError",
    "__version__",
    "_fold",
    "_raise_error",
    "arrow_results",
    "share_gazetteer",
]

__version__: str

_Path = str | PathLike[str]
_Alias = str | Mapping[str, str]
_RawQuote = tuple[
    int, int, str, str, Mention | None, str | None, int | None, int | None, str, int
]
_RawDocument = tuple[Mentions, list[_RawQuote], Clusters]

class NamedropError(Exception):
    """Base class of every error namedrop raises."""

    path: str | None
    line: int | None

class GazetteerError(NamedropError, ValueError):
    """An invalid gazetteer: duplicate id, empty alias, bad row or file."""

class InputError(NamedropError, ValueError):
    """Invalid input text or option."""

class FileError(NamedropError, OSError):
    """A file could not be read or written."""

@final
class Mention:
    """A mention of an entity: a gazetteer match, a linked short form, a discovered
    name, or a quote's speaker phrase (pronoun or nominal speaker).

    >>> m = Mention(4, 9, "Obama", "PERSON", "Q76", "Barack Obama", ["Q76"], "linked")
    >>> m
    Mention('Obama' 4:9 PERSON -> 'Barack Obama' [linked])
    """

    def __new__(
        cls,
        start: int,
        end: int,
        text: str,
        label: str,
        entity_id: str | None = None,
        name: str | None = None,
        candidates: Iterable[str] = ...,
        source: str = ...,
        gender: str | None = None,
    ) -> Mention: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def entity_id(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def candidates(self) -> tuple[str, ...]: ...
    @property
    def source(self) -> str: ...
    @property
    def gender(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __reduce__(self) -> tuple[type[Mention], tuple[Any, ...]]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Mentions(Sequence[Mention]):
    """The entity mentions of a Document: an immutable sequence that makes each
    Mention when it is read. Slices give tuples; it compares equal to a tuple of the
    same mentions and pickles as one.
    """

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int, /) -> Mention: ...
    @overload
    def __getitem__(self, index: slice, /) -> tuple[Mention, ...]: ...
    def __iter__(self) -> Iterator[Mention]: ...
    def __contains__(self, value: object, /) -> bool: ...
    def index(self, value: Any, start: int = 0, stop: int = ...) -> int: ...
    def count(self, value: Any) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __add__(self, other: tuple[Any, ...] | Mentions, /) -> tuple[Any, ...]: ...
    def __radd__(self, other: tuple[Any, ...], /) -> tuple[Any, ...]: ...
    def __mul__(self, n: int, /) -> tuple[Mention, ...]: ...
    def __rmul__(self, n: int, /) -> tuple[Mention, ...]: ...
    def __reduce__(self) -> tuple[type[tuple[Mention, ...]], tuple[tuple[Mention, ...]]]: ...

@final
class Clusters(Sequence[Cluster]):
    """The clusters of a Document (one per referent): an immutable sequence of
    ``Cluster`` named tuples, each made when it is read; otherwise like Mentions.
    """

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, index: int, /) -> Cluster: ...
    @overload
    def __getitem__(self, index: slice, /) -> tuple[Cluster, ...]: ...
    def __iter__(self) -> Iterator[Cluster]: ...
    def __contains__(self, value: object, /) -> bool: ...
    def index(self, value: Any, start: int = 0, stop: int = ...) -> int: ...
    def count(self, value: Any) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __add__(self, other: tuple[Any, ...] | Clusters, /) -> tuple[Any, ...]: ...
    def __radd__(self, other: tuple[Any, ...], /) -> tuple[Any, ...]: ...
    def __mul__(self, n: int, /) -> tuple[Cluster, ...]: ...
    def __rmul__(self, n: int, /) -> tuple[Cluster, ...]: ...
    def __reduce__(self) -> tuple[type[tuple[Cluster, ...]], tuple[tuple[Cluster, ...]]]: ...

@final
class Gazetteer:
    """A dictionary of entities (people, places, organisations) and their aliases.

    >>> g = Gazetteer()
    >>> g.add("pritzker", "Penny Pritzker", label="PERSON", gender="female")
    >>> len(g), "pritzker" in g, g["pritzker"]["gender"]
    (1, True, 'female')
    """

    def __init__(self) -> None: ...
    def add(
        self,
        id: str,
        name: str,
        *,
        label: str = "MISC",
        aliases: Iterable[_Alias] | None = None,
        **attributes: Any,
    ) -> None: ...
    @staticmethod
    def from_records(rows: Iterable[Mapping[str, Any]]) -> Gazetteer: ...
    @staticmethod
    def from_file(path: _Path) -> Gazetteer: ...
    @staticmethod
    def from_frame(frame: Any) -> Gazetteer: ...
    @staticmethod
    def default() -> Gazetteer: ...
    def save(self, path: _Path) -> None: ...
    @staticmethod
    def load(path: _Path) -> Gazetteer: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_bytes(data: bytes) -> Gazetteer: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    def __len__(self) -> int: ...
    def __contains__(self, id: str, /) -> bool: ...
    def __getitem__(self, id: str, /) -> dict[str, Any]: ...
    def __iter__(self) -> Iterator[str]: ...
    @property
    def labels(self) -> list[str]: ...

@final
class Extractor:
    """The Rust half of `namedrop.Extractor`; use that class instead."""

    def __new__(
        cls,
        gazetteer: Gazetteer,
        *,
        case: str = "smart",
        overlapping: bool = False,
        fold_diacritics: bool = True,
        link: bool = True,
        discover: bool = True,
        quotes: bool = True,
        indirect: bool = True,
        cues: list[str] | None = None,
    ) -> Extractor: ...
    @staticmethod
    def check_threads(n_threads: int | None) -> int | None: ...
    def extract(self, text: str) -> _RawDocument: ...
    def extract_batch(
        self, texts: list[str | None], n_threads: int | None = None
    ) -> list[_RawDocument | None]: ...
    def entities_columns(
        self, texts: list[str | None], n_threads: int | None = None
    ) -> dict[str, list[Any]]: ...
    def quotes_columns(
        self, texts: list[str | None], n_threads: int | None = None
    ) -> dict[str, list[Any]]: ...

def _raise_error(
    kind: str, message: str, path: str | None = None, line: int | None = None
) -> None: ...

@final
class ArrowResults:
    """Results of many texts as Arrow record batches, made in Rust as they are read;
    use `Extractor.entities_arrow` (and quotes_arrow, clusters_arrow) to make one."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> Any: ...
    @property
    def table(self) -> str: ...
    @property
    def lone_surrogates(self) -> bool: ...
    @property
    def n_texts(self) -> int: ...

def arrow_results(
    extractor: Extractor,
    table: str,
    texts: list[str | None],
    ids: list[Any] | None = None,
    n_threads: int | None = None,
    batch_size: int = 2048,
) -> ArrowResults: ...
def share_gazetteer(g: Gazetteer) -> Gazetteer: ...

# The matcher's folded view of `text`: a test hook of tests/test_folding.py.
def _fold(text: str, fold_diacritics: bool = True) -> str: ...
