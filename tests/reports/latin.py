"""The Latin-text scan of people-facing reports: what a reader sees, and any run of Latin
letters in it that is not an official number (case, document, application, item numbers the
records hold) or a unit."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

#: Fields of the records holding numbers and codes officials use (they may contain Latin
#: letters: SQ2025001, JC-SCJG-09, 91990102…X).
OFFICIAL_FIELDS = (
    "case_number",
    "document_number",
    "inspection_number",
    "application_number",
    "cert_number",
    "credit_code",
    "designation_document",
    "item_codes",
    "matter_code",
    "code",
)
#: Units a report may print after a number.
_UNITS = re.compile(r"(?<=[\d\s])(?:kg|g|t|km|m|cm|mm|m²|m³|L|mL|ml|mg|kW|MW|dB)(?![A-Za-z])")
_LATIN = re.compile(r"[A-Za-z]+")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "alt", "placeholder", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    """What a person sees in ``path`` (HTML text and tooltips, visible XLSX sheets, DOCX
    paragraphs and properties, Markdown)."""
    if path.suffix in (".html", ".htm"):
        parser = _Visible()
        parser.feed(path.read_text(encoding="utf-8"))
        return "\n".join(parser.parts)
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        parts = [
            str(value)
            for sheet in book.worksheets
            if sheet.sheet_state == "visible"
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        return "\n".join(parts)
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [paragraph.text for paragraph in document.paragraphs]
        properties = document.core_properties
        parts += [properties.title or "", properties.subject or "", properties.author or ""]
        return "\n".join(parts)
    return path.read_text(encoding="utf-8")


def official_numbers(payloads: Iterable[Any]) -> set[str]:
    """The official numbers and codes found anywhere in the records."""
    found: set[str] = set()

    def walk(value: Any, key: str | None = None) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key in OFFICIAL_FIELDS:
            found.add(value)

    for payload in payloads:
        walk(payload)
    return found


def latin_runs(text: str, allowed: Iterable[str]) -> list[str]:
    """Runs of Latin letters in ``text`` outside the allowed numbers and units, each with a
    little context."""
    for value in sorted(set(allowed), key=len, reverse=True):
        if value:
            text = text.replace(value, "〇")
    text = _UNITS.sub("", text)
    return [
        text[max(match.start() - 12, 0) : match.end() + 12].replace("\n", " ")
        for match in _LATIN.finditer(text)
    ]


def people_files(root: Path) -> list[Path]:
    """The people-facing files under ``root`` (HTML, notices, ledger, Markdown)."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix in (".html", ".docx", ".xlsx", ".md") and path.is_file()
    )


def has_formula(path: Path) -> bool:
    """Whether any sheet of the XLSX file holds a formula (an ``<f>`` element)."""
    with zipfile.ZipFile(path) as book:
        return any(
            re.search(rb"<(?:\w+:)?f[ >]", book.read(name))
            for name in book.namelist()
            if name.startswith("xl/worksheets/")
        )
