"""An XLSX sheet read a slice of rows at a time, so that worker processes parse their own rows.

python-calamine has no way to read part of a sheet: ``get_sheet_by_name`` parses all of it, in
the process that asks (0.21-0.26 CPU s for 10,692 rows of 42 cells, before any worker could
start). So the importing process only inflates the sheet's XML and finds where each ``<row>``
element starts (bytes searches, no XML parsing), and each worker hands calamine a workbook of
its own made of the original's parts (styles, shared strings, the workbook) and a copy of the
sheet holding only the rows of its task: the parse runs in the workers, side by side.

The cells a slice gives are those the whole sheet gives:

* each ``<row>`` and ``<c>`` keeps its ``r`` reference, so calamine puts every cell at its own
  row and column; a sheet with a row or a cell without one is read whole (:func:`plan_split`
  gives ``None``);
* calamine's rows of a slice start at the slice's first and leftmost value, those of the whole
  sheet at the sheet's: every row is padded with empty cells (``""``, as calamine gives them)
  to the columns of the sheet, from the leftmost to the rightmost ``<c>`` element of any row
  (an empty but formatted cell included, which calamine leaves out: at worst the rows of such a
  sheet carry empty cells the whole read would not, which no mapping reads);
* rows are numbered by their ``r`` (the sheet's row number: what a reject shows).
"""

from __future__ import annotations

import bisect
import io
import itertools
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs

__all__ = ["SheetSplit", "plan_split"]

#: A row's start tag with its row number (``r``), anchored where ``<row`` was found.
_ROW_TAG = re.compile(rb'<row\b[^>]*?\br="([0-9]+)"[^>]*>')
#: A cell's column letters, anchored at ``<c``.
_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})[0-9]+"')
_CELL_START = re.compile(rb"<c[\s>/]")
#: A cell written as most writers do, its reference first: ``<c r="AB12"``.
_REF_AT = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
#: Parts a slice's workbook never needs (other sheets, pictures, charts ...): left out of it.
_NOT_NEEDED = (
    "xl/worksheets/",
    "xl/chartsheets/",
    "xl/media/",
    "xl/drawings/",
    "xl/charts/",
    "xl/printerSettings/",
    "xl/externalLinks/",
    "xl/pivotCache/",
    "xl/pivotTables/",
    "xl/embeddings/",
    "xl/tables/",
    "docProps/",
    "customXml/",
)
#: Every slice's workbook parses the shared strings again: a slice's rows are made at least
#: this many times the shared strings' bytes (so the strings cost at most a quarter more than
#: the rows), and a sheet whose XML would not make four such slices is read whole (Excel's own
#: files keep their texts in the shared strings; this library's exports write them inline).
SHARED_STRINGS_RATIO = 4
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _column(letters: bytes) -> int:
    index = 0
    for byte in letters:
        index = index * 26 + byte - 64
    return index - 1


@attrs.frozen(eq=False)
class SheetSplit:
    """A sheet's XML inflated, and where its rows start: enough to read any run of its rows."""

    sheet: str
    part: str
    #: The other parts of the workbook a slice's workbook needs, inflated.
    parts: dict[str, bytes] = attrs.field(repr=False)
    xml: bytes = attrs.field(repr=False)
    #: Where ``<sheetData>``'s content starts and ends in :attr:`xml`.
    body: tuple[int, int]
    #: The offset of each ``<row>`` element, and its row number (``r``, from 1).
    starts: list[int] = attrs.field(repr=False)
    numbers: list[int] = attrs.field(repr=False)
    #: The leftmost and rightmost column (from 0) of any cell of the sheet.
    columns: tuple[int, int]
    #: Bytes of the shared strings part, which every slice's workbook parses again.
    shared_strings: int

    def _workbook(self, lo: int, hi: int) -> Any:
        from python_calamine import CalamineWorkbook

        start, end = self.body
        rows = self.xml[self.starts[lo] : self.starts[hi] if hi < len(self.starts) else end]
        buffer = io.BytesIO()
        # Stored, not compressed: the slice is read back at once, by this process.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            for name, data in self.parts.items():
                out.writestr(name, data)
            out.writestr(self.part, b"".join((self.xml[:start], rows, self.xml[end:])))
        buffer.seek(0)
        return CalamineWorkbook.from_filelike(buffer)

    def rows(self, lo: int, hi: int, *, from_top: bool = False) -> list[tuple[int, list[Any]]]:
        """The rows of the ``<row>`` elements ``[lo, hi)`` as ``(row number, cells)``, the cells
        spanning the sheet's columns. ``from_top``: every row from the sheet's first (row 1),
        the empty ones included, as calamine's ``iter_rows`` gives a whole sheet; otherwise
        from the first row holding a value (empty rows between are kept)."""
        hi = min(hi, len(self.starts))
        if lo >= hi:
            return []
        sheet = self._workbook(lo, hi).get_sheet_by_name(self.sheet)
        first, last = self.columns
        width = last - first + 1
        origin = sheet.start
        if origin is None:  # no value in these rows
            values: list[list[Any]] = []
            top = 0
        else:
            values = sheet.to_python(skip_empty_area=True)
            top = origin[0]
            left = origin[1] - first
            right = last - sheet.end[1]
            if left < 0 or right < 0:  # pragma: no cover - every cell is within the columns
                raise RuntimeError("a sheet slice reaches beyond the sheet's columns")
            if left or right:
                before, after = [""] * left, [""] * right
                values = [before + cells + after for cells in values]
        out = [(top + 1 + offset, cells) for offset, cells in enumerate(values)]
        if from_top:
            out = [(number, [""] * width) for number in range(1, top + 1)] + out
        return out

    def tasks(self, after_row: int, rows_per_task: int) -> Iterator[tuple[int, int]]:
        """Runs ``[lo, hi)`` of the ``<row>`` elements below row ``after_row``, in order, each
        of at least ``rows_per_task`` elements (more with a shared strings part, which each
        slice parses again: :data:`SHARED_STRINGS_RATIO`)."""
        lo = bisect.bisect_right(self.numbers, after_row)
        count = len(self.starts)
        if count > lo and self.shared_strings:
            start, end = self.body
            per_row = max(1, (end - start) // count)
            rows_per_task = max(
                rows_per_task, SHARED_STRINGS_RATIO * self.shared_strings // per_row + 1
            )
        for at in range(lo, count, rows_per_task):
            yield at, min(at + rows_per_task, count)


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> tuple[str, str | None] | None:
    """The part name of ``sheet`` and of the shared strings, from the workbook's relationships."""
    root_rels = ElementTree.fromstring(archive.read("_rels/.rels"))
    book = None
    for rel in root_rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            book = rel.get("Target", "").lstrip("/")
    if not book:
        return None
    folder = posixpath.dirname(book)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(book) + ".rels")
    targets: dict[str, str] = {}
    shared = None
    for rel in ElementTree.fromstring(archive.read(rels_name)).iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        name = posixpath.normpath(name)
        targets[rel.get("Id", "")] = name
        if rel.get("Type", "").endswith("/sharedStrings"):
            shared = name
    for element in ElementTree.fromstring(archive.read(book)).iter(f"{_MAIN}sheet"):
        if element.get("name") == sheet:
            part = targets.get(element.get(f"{_REL}id", ""))
            return (part, shared) if part else None
    return None


def plan_split(path: Path, sheet: str) -> SheetSplit | None:
    """``sheet`` of the workbook at ``path`` ready to be read in slices, or ``None`` when it is
    to be read whole: not an XLSX (or XLSM) file, a part laid out otherwise than this reads
    (a namespace prefix, a row or a cell without its reference), or no rows."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            found = _sheet_part(archive, sheet)
            if found is None:
                return None
            part, shared = found
            xml = archive.read(part)
            parts = {
                info.filename: archive.read(info.filename)
                for info in archive.infolist()
                if info.filename != part
                and not info.filename.startswith(_NOT_NEEDED)
                and not info.is_dir()
            }
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    opening = xml.find(b"<sheetData>")
    if opening < 0:
        return None
    start = opening + len(b"<sheetData>")
    end = xml.find(b"</sheetData>", start)
    if end < 0:
        return None
    starts: list[int] = []
    numbers: list[int] = []
    ends: list[int] = []  # where each row's start tag ends (no match object kept per row)
    for tag in _ROW_TAG.finditer(xml, start, end):
        starts.append(tag.start())
        numbers.append(int(tag.group(1)))
        ends.append(tag.end())
    if not starts or len(starts) != xml.count(b"<row", start, end):
        return None  # no rows, or a row without its number (or a tag this does not read)
    if any(a >= b for a, b in itertools.pairwise(numbers)):
        return None
    firsts: set[bytes] = set()
    lasts: set[bytes] = set()
    ref_at, cell_ref, rfind, find = _REF_AT.match, _CELL_REF.match, xml.rfind, xml.find
    for after, stop in zip(ends, [*starts[1:], end], strict=True):
        # The row's first and last cells (a row's cells are written left to right).
        head = ref_at(xml, after)
        if head is None:
            cell = _CELL_START.search(xml, after, stop)
            if cell is None:
                continue  # no cells
            head = cell_ref(xml, cell.start())
            if head is None:
                return None  # a cell without its reference
        tail_at = rfind(b"<c ", after, stop)
        bare = find(b"<c>", max(tail_at, after), stop)
        tail = None if bare >= 0 else (ref_at(xml, tail_at) or cell_ref(xml, tail_at))
        if tail is None:
            return None
        firsts.add(head.group(1))
        lasts.add(tail.group(1))
    if not lasts:
        return None
    strings = len(parts.get(shared, b"")) if shared else 0
    if strings * SHARED_STRINGS_RATIO * 4 > end - start:
        return None  # fewer than four slices: reading them costs more than the sheet whole
    first = min(map(_column, firsts))
    last = max(map(_column, lasts))
    return SheetSplit(
        sheet,
        part,
        parts,
        xml,
        (start, end),
        starts,
        numbers,
        (first, last),
        strings,
    )
