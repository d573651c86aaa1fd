"""The rows readers hand to validation, and the error for an input that cannot be read."""

from __future__ import annotations

from typing import Any

import attrs

from enforcement_supervision.errors import EsupError
from enforcement_supervision.model import FieldErrorRecord

__all__ = ["ImportFileError", "InputError", "RawRow"]


class ImportFileError(EsupError):
    """The input as a whole cannot be imported (missing or unreadable file, unknown format or
    type, undecodable text, no header row, unknown columns): nothing was stored."""


InputError = ImportFileError


@attrs.frozen
class RawRow:
    """One input row: its line (or spreadsheet row) number, its data, or why it is unreadable.

    ``data`` is a dict (CSV, spreadsheets), the raw bytes of a JSON Lines row, or ``None``
    when the row cannot be read (``problem_zh``/``problem_en`` say why, or ``errors`` list the
    cells that cannot be read).
    """

    line: int
    data: dict[str, Any] | bytes | None
    text: str
    problem_zh: str | None = None
    problem_en: str | None = None
    errors: tuple[FieldErrorRecord, ...] = ()
    record_id: str | None = None
