"""Input records: a good one (id, text, kept fields) or a bad one (where and why).

Every input row becomes exactly one of the two: a bad record is reported, never dropped
in silence; a missing text (``null``) is an empty document, as in the Python API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Record:
    """One document to extract: ``text`` None is an empty document."""

    where: str
    id: Any
    text: str | None
    fields: dict[str, Any]


@dataclass(frozen=True)
class BadRecord:
    """A row that cannot be read: reported as ``where: problem``."""

    where: str
    problem: str


Item = Record | BadRecord


@dataclass(frozen=True)
class Fields:
    """Which fields of a row hold the text and the id, and which are carried through."""

    text: str = "text"
    id: str = "id"
    keep: tuple[str, ...] = ()

    def from_mapping(self, where: str, row: Any, default_id: Any) -> Item:
        """The record of a JSON object or a table row."""
        if not isinstance(row, dict):
            return BadRecord(where, f"expected a JSON object, got {type(row).__name__}")
        if self.text not in row:
            return BadRecord(where, f"field {self.text!r} is missing")
        text = row[self.text]
        if text is not None and not isinstance(text, str):
            return BadRecord(where, f"field {self.text!r} is not a string ({type(text).__name__})")
        doc_id = row[self.id] if self.id in row else default_id
        return Record(where, doc_id, text, {k: row.get(k) for k in self.keep})
