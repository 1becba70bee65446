"""The errors of reading and writing files that end a run (exit status 2)."""

from __future__ import annotations


class InputFormatError(ValueError):
    """An input whose format cannot be told or read (binary content, bad options)."""


class MissingExtraError(ImportError):
    """A format that needs an optional package that is not installed."""


def missing_extra(what: str, package: str, extra: str) -> MissingExtraError:
    """The error for ``what`` needing ``package``, naming the extra that installs it.

    >>> str(missing_extra("Parquet input", "pyarrow", "arrow"))
    "Parquet input needs pyarrow, which is not installed: pip install 'namedrop[arrow]'"
    """
    return MissingExtraError(
        f"{what} needs {package}, which is not installed: pip install 'namedrop[{extra}]'"
    )


def import_pyarrow(what: str) -> tuple[object, object, object]:
    """``pyarrow``, ``pyarrow.parquet`` and ``pyarrow.ipc``, or the error naming the extra."""
    try:
        import pyarrow
        import pyarrow.ipc
        import pyarrow.parquet
    except ImportError:
        raise missing_extra(what, "pyarrow", "arrow") from None
    return pyarrow, pyarrow.parquet, pyarrow.ipc
