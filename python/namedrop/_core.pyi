"""Type stubs of the Rust extension module `namedrop._core` (checked by mypy stubtest)."""

__all__ = [
    "FileError",
    "GazetteerError",
    "InputError",
    "NamedropError",
    "__version__",
    "_raise_error",
]

__version__: str

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

def _raise_error(
    kind: str, message: str, path: str | None = None, line: int | None = None
) -> None: ...
