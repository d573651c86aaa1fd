"""A small streaming XLSX writer for the ledger: rows go straight into the zip as they come,
so memory holds one row whatever the number of findings.

Why not a library: openpyxl's write-only mode (about 3,900 rows/s for the ledger's rows on
the development machine) and XlsxWriter's ``constant_memory`` mode (about 6,300 rows/s)
spend most of their time in per-cell Python objects; the ledger needs more than 20,000
rows/s. This writer knows exactly one kind of workbook — text, numbers and dates in a few
fixed styles, frozen header rows, filters, column widths, print setup, hidden sheets — and
writes each row as one string. Its files are read back with openpyxl in the tests.

Each sheet is deflated as it is written, by a thread of its own (zlib lets other threads run
while it compresses), into a temporary file; :meth:`XlsxBook.save` then only copies the
compressed parts into the zip (written here: :func:`write_zip`; its members are what matters,
and they are the same bytes whoever compresses them).

Every text cell is written as an inline string (``t="inlineStr"``), never as a formula, and
text that a spreadsheet could take for a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) is prefixed with ``'`` as OWASP advises for CSV injection.
"""

from __future__ import annotations

import math
import queue
import shutil
import struct
import tempfile
import threading
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

__all__ = [
    "STYLE_DATE",
    "STYLE_HEADER",
    "STYLE_NUMBER",
    "STYLE_TEXT",
    "DeflatedPart",
    "Sheet",
    "XlsxBook",
    "write_zip",
]

STYLE_HEADER = 1
STYLE_TEXT = 2
STYLE_DATE = 3
STYLE_NUMBER = 4
STYLE_TITLE = 5

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = date(1899, 12, 30).toordinal()
#: One pass over the text: XML's three special characters, the characters XML 1.0 forbids
#: (replaced by U+FFFD) and carriage returns (which survive parsing only as a reference).
_ESCAPE = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("\r"): "&#13;",
    **dict.fromkeys((*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF), "\ufffd"),
}


_FORMULA_CHARACTERS = frozenset("=+-@\t\r")
_TEXT_CLOSE = "</t></is></c>"
_DATE_OPEN = f'" s="{STYLE_DATE}"><v>'


def _letters(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


_COLUMNS = [_letters(i) for i in range(1, 200)]


def safe_text(value: str) -> str:
    """``value`` as a spreadsheet may show it: never taken for a formula."""
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(ref: str, value: Any, style: int) -> str:
    """One cell's XML (empty for an empty value)."""
    kind = type(value)
    if kind is str:
        if not value:
            return ""
        if value[0] in "=+-@\t\r":
            value = "'" + value
        return (
            f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
            f"{value.translate(_ESCAPE)}</t></is></c>"
        )
    if value is None:
        return ""
    if kind is int or kind is float:
        if value != value or value in (math.inf, -math.inf):
            return ""
        number_style = STYLE_NUMBER if style == STYLE_TEXT else style
        return f'<c r="{ref}" s="{number_style}"><v>{value}</v></c>'
    if kind is bool:
        return _cell(ref, "是" if value else "否", style)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'<c r="{ref}" s="{STYLE_DATE}"><v>{value.toordinal() - _EPOCH}</v></c>'
    return _cell(ref, str(value), style)


#: Text handed to the compressing thread at a time (characters).
_CHUNK_CHARACTERS = 1 << 18
_STOP = b""


class DeflatedPart:
    """One part of the zip, deflated as it is written by a thread of its own into a
    temporary file, with its CRC-32 and sizes for the zip's headers. Memory holds at most a
    few chunks waiting to be compressed."""

    def __init__(self, level: int = 1) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile("w+b")  # noqa: SIM115 - closed by write_zip
        self.crc = 0
        self.size = 0
        self.compressed = 0
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=4)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._closed = False

    def write(self, data: bytes) -> None:
        if not data:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="xlsx-deflate", daemon=True)
            self._thread.start()
        self._queue.put(data)

    def _run(self) -> None:
        while True:
            data = self._queue.get()
            if data is _STOP:
                break
            if self._error is not None:
                continue  # keep taking chunks, so the writer is never blocked
            try:
                self.crc = zlib.crc32(data, self.crc)
                self.size += len(data)
                self.file.write(self._compressor.compress(data))
            except BaseException as error:  # re-raised by close()
                self._error = error

    def close(self) -> None:
        """Wait for every chunk to be compressed; raise what the thread raised."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join()
        if self._error is not None:
            raise self._error
        self.file.write(self._compressor.flush())
        self.compressed = self.file.tell()

    @classmethod
    def of(cls, text: str) -> DeflatedPart:
        """A small part compressed at once (no thread)."""
        part = cls()
        data = text.encode("utf-8")
        part.crc = zlib.crc32(data)
        part.size = len(data)
        part.file.write(part._compressor.compress(data) + part._compressor.flush())
        part.compressed = part.file.tell()
        part._closed = True
        return part


#: Sizes and offsets from this one on are written as ZIP64 (their 32-bit field says 0xFFFFFFFF).
_ZIP64_LIMIT = 0xFFFFFFFF
_MAX32 = 0xFFFFFFFF


def _field(value: int) -> int:
    return _MAX32 if value >= _ZIP64_LIMIT else value


#: 1980-01-01 00:00, the earliest time a zip can say: every part gets it, so that the same
#: report gives the same file.
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1


def write_zip(path: Path, parts: Sequence[tuple[str, DeflatedPart]]) -> None:
    """Write a zip of the deflated ``parts`` (name, part) at ``path`` (ZIP64 where a size or
    an offset needs it)."""
    central: list[bytes] = []
    with path.open("wb") as out:
        for name, part in parts:
            encoded = name.encode("utf-8")
            flags = 0 if encoded.isascii() else 0x800
            offset = out.tell()
            big = part.size >= _ZIP64_LIMIT or part.compressed >= _ZIP64_LIMIT
            version = 45 if big or offset >= _ZIP64_LIMIT else 20
            local_extra = struct.pack("<HHQQ", 1, 16, part.size, part.compressed) if big else b""
            out.write(
                struct.pack(
                    "<IHHHHHIIIHH",
                    0x04034B50,
                    version,
                    flags,
                    8,
                    _DOS_TIME,
                    _DOS_DATE,
                    part.crc,
                    _MAX32 if big else part.compressed,
                    _MAX32 if big else part.size,
                    len(encoded),
                    len(local_extra),
                )
            )
            out.write(encoded + local_extra)
            part.file.seek(0)
            shutil.copyfileobj(part.file, out, 1 << 20)
            part.file.close()
            wide = [
                value for value in (part.size, part.compressed, offset) if value >= _ZIP64_LIMIT
            ]
            extra = struct.pack(f"<HH{len(wide)}Q", 1, 8 * len(wide), *wide) if wide else b""
            central.append(
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    (3 << 8) | version,
                    version,
                    flags,
                    8,
                    _DOS_TIME,
                    _DOS_DATE,
                    part.crc,
                    _field(part.compressed),
                    _field(part.size),
                    len(encoded),
                    len(extra),
                    0,
                    0,
                    0,
                    0o600 << 16,
                    _field(offset),
                )
                + encoded
                + extra
            )
        start = out.tell()
        directory = b"".join(central)
        out.write(directory)
        end = out.tell()
        count = len(central)
        if start >= _ZIP64_LIMIT or len(directory) >= _ZIP64_LIMIT or count >= 0xFFFF:
            out.write(
                struct.pack(
                    "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(directory), start
                )
            )
            out.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
        out.write(
            struct.pack(
                "<IHHHHIIH",
                0x06054B50,
                0,
                0,
                min(count, 0xFFFF),
                min(count, 0xFFFF),
                _field(len(directory)),
                _field(start),
                0,
            )
        )


class Sheet:
    """One worksheet being written: rows stream, deflated, into a temporary file."""

    def __init__(
        self,
        name: str,
        *,
        widths: Sequence[float] = (),
        styles: Sequence[int] = (),
        hidden: bool = False,
        frozen_rows: int = 0,
        print_setup: bool = False,
        title_rows: int = 0,
        auto_filter: bool = False,
    ) -> None:
        self.name = name[:31]
        self.widths = list(widths)
        self.styles = list(styles)
        self.hidden = hidden
        self.frozen_rows = frozen_rows
        self.print_setup = print_setup
        self.title_rows = title_rows
        self.auto_filter = auto_filter
        self.rows = 0
        self.columns = 0
        self._part = DeflatedPart()
        self._pending: list[str] = []
        self._pending_size = 0
        self._started = False
        # Per column: the opening of a text cell and of a number cell, without the row.
        self._text_open = [
            (
                f'<c r="{_COLUMNS[i]}',
                f'" s="{self._style(i)}" t="inlineStr"><is><t xml:space="preserve">',
            )
            for i in range(max(len(self.styles), 64))
        ]
        self._value_open = [
            (
                f'<c r="{_COLUMNS[i]}',
                f'" s="{STYLE_NUMBER if self._style(i) == STYLE_TEXT else self._style(i)}"><v>',
            )
            for i in range(max(len(self.styles), 64))
        ]

    def append(self, values: Sequence[Any], *, style: int | None = None) -> None:
        """Write the next row (``style`` for every cell, else the column's style)."""
        self.rows += 1
        row = str(self.rows)
        count = len(values)
        if count > self.columns:
            self.columns = count
        if style is not None or count > len(self._text_open):
            styles = [style if style is not None else self._style(i) for i in range(count)]
            cells = [
                _cell(column + row, value, column_style)
                for column, value, column_style in zip(_COLUMNS, values, styles, strict=False)
            ]
            self._write(f'<row r="{row}">{"".join(cells)}</row>')
            return
        # The common case, once per finding: per-column strings made once, one join per row.
        parts = ['<row r="', row, '">']
        add = parts.extend
        for text_open, value_open, value in zip(
            self._text_open, self._value_open, values, strict=False
        ):
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                if not value:
                    continue
                if value[0] in _FORMULA_CHARACTERS:
                    value = "'" + value
                if "&" in value or "<" in value or ">" in value or not value.isprintable():
                    value = value.translate(_ESCAPE)
                add((text_open[0], row, text_open[1], value, _TEXT_CLOSE))
            elif kind is date:
                add((value_open[0], row, _DATE_OPEN, str(value.toordinal() - _EPOCH), "</v></c>"))
            elif (kind is int or kind is float) and value == value and abs(value) != math.inf:
                add((value_open[0], row, value_open[1], str(value), "</v></c>"))
            else:
                add((_cell(value_open[0][6:] + row, value, STYLE_TEXT),))
        parts.append("</row>")
        self._write("".join(parts))

    def _write(self, text: str) -> None:
        if not self._started:
            # The sheet's head (its layout) is written before its first row.
            self._started = True
            self._pending.append(self._head())
        self._pending.append(text)
        self._pending_size += len(text)
        if self._pending_size >= _CHUNK_CHARACTERS:
            self._flush()

    def _flush(self) -> None:
        self._part.write("".join(self._pending).encode("utf-8"))
        self._pending.clear()
        self._pending_size = 0

    def _style(self, index: int) -> int:
        return self.styles[index] if index < len(self.styles) else STYLE_TEXT

    def _head(self) -> str:
        parts = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        ]
        if self.print_setup:
            parts.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        if self.frozen_rows:
            top = f"A{self.frozen_rows + 1}"
            parts.append(
                '<sheetViews><sheetView workbookViewId="0">'
                f'<pane ySplit="{self.frozen_rows}" topLeftCell="{top}" activePane="bottomLeft" '
                f'state="frozen"/><selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>'
                "</sheetView></sheetViews>"
            )
        parts.append('<sheetFormatPr defaultRowHeight="15"/>')
        if self.widths:
            parts.append("<cols>")
            parts.extend(
                f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
                for i, width in enumerate(self.widths, 1)
            )
            parts.append("</cols>")
        parts.append("<sheetData>")
        return "".join(parts)

    def filter_ref(self) -> str:
        return f"A1:{_COLUMNS[max(self.columns, 1) - 1]}{max(self.rows, 1)}"

    def _tail(self) -> str:
        parts = ["</sheetData>"]
        if self.auto_filter and self.rows:
            parts.append(f'<autoFilter ref="{self.filter_ref()}"/>')
        if self.print_setup:
            parts.append(
                '<printOptions gridLines="1"/>'
                '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" '
                'footer="0.3"/>'
                '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" '
                'fitToHeight="0"/>'
                "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"
                "</headerFooter>"
            )
        parts.append("</worksheet>")
        return "".join(parts)

    def finish(self) -> DeflatedPart:
        """Write the sheet's end and wait for the last of it to be compressed."""
        if not self._started:
            self._started = True
            self._pending.append(self._head())
        self._pending.append(self._tail())
        self._flush()
        self._part.close()
        return self._part


_STYLES = "".join(
    (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        '<numFmts count="1"><numFmt numFmtId="176" ',
        'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>',
        '<fonts count="3">',
        '<font><sz val="11"/><name val="宋体"/><family val="2"/></font>',
        '<font><b/><sz val="11"/><name val="宋体"/><family val="2"/></font>',
        '<font><b/><sz val="14"/><name val="宋体"/><family val="2"/></font>',
        "</fonts>",
        '<fills count="3"><fill><patternFill patternType="none"/></fill>',
        '<fill><patternFill patternType="gray125"/></fill>',
        '<fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/>',
        '<bgColor indexed="64"/></patternFill></fill></fills>',
        '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>',
        '<border><left style="thin"/><right style="thin"/><top style="thin"/>',
        '<bottom style="thin"/><diagonal/></border></borders>',
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>',
        "</cellStyleXfs>",
        '<cellXfs count="6">',
        # 0: default
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        # 1: header: bold, filled, bordered, centred, wrapped
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" ',
        'applyFill="1" applyBorder="1" applyAlignment="1">',
        '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
        # 2: text: bordered, top, wrapped
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" ',
        'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
        # 3: date 2025年6月3日
        '<xf numFmtId="176" fontId="0" fillId="0" borderId="1" xfId="0" ',
        'applyNumberFormat="1" applyBorder="1" applyAlignment="1">',
        '<alignment vertical="top"/></xf>',
        # 4: number, centred
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" ',
        'applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>',
        # 5: title
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
        "</cellXfs>",
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
        "</styleSheet>",
    )
)


class XlsxBook:
    """A workbook of :class:`Sheet` objects, written when :meth:`save` is called."""

    def __init__(self, *, title: str = "", creator: str = "") -> None:
        self.sheets: list[Sheet] = []
        self.title = title
        self.creator = creator

    def add(self, sheet: Sheet) -> Sheet:
        self.sheets.append(sheet)
        return sheet

    def _workbook(self) -> str:
        sheets = "".join(
            f'<sheet name={quoteattr(sheet.name)} sheetId="{i}" r:id="rId{i}"'
            + (' state="hidden"' if sheet.hidden else "")
            + "/>"
            for i, sheet in enumerate(self.sheets, 1)
        )
        names: list[str] = []
        for i, sheet in enumerate(self.sheets):
            quoted = "'" + sheet.name.replace("'", "''") + "'"
            if sheet.title_rows:
                names.append(
                    f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                    f"{escape(quoted)}!$1:${sheet.title_rows}</definedName>"
                )
            if sheet.auto_filter and sheet.rows:
                end = sheet.filter_ref().partition(":")[2]
                column = end.rstrip("0123456789")
                absolute = f"$A$1:${column}${end[len(column) :]}"
                names.append(
                    f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                    f"{escape(quoted)}!{absolute}</definedName>"
                )
        defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets>{defined}</workbook>"
        )

    def save(self, path: Path) -> None:
        count = len(self.sheets)
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, count + 1)
        )
        content_types = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.extended-properties+xml"/>'
            f"{overrides}</Types>"
        )
        root_rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        )
        sheet_rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, count + 1)
        )
        workbook_rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{sheet_rels}"
            f'<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        )
        core = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(self.title)}</dc:title><dc:creator>{escape(self.creator)}"
            "</dc:creator></cp:coreProperties>"
        )
        app = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Application>Microsoft Excel</Application></Properties>'
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        sheets = [
            (f"xl/worksheets/sheet{i}.xml", sheet.finish())
            for i, sheet in enumerate(self.sheets, 1)
        ]
        parts = [
            (name, DeflatedPart.of(text))
            for name, text in (
                ("[Content_Types].xml", content_types),
                ("_rels/.rels", root_rels),
                ("docProps/core.xml", core),
                ("docProps/app.xml", app),
                ("xl/workbook.xml", self._workbook()),
                ("xl/_rels/workbook.xml.rels", workbook_rels),
                ("xl/styles.xml", _STYLES),
            )
        ]
        partial = path.with_name(path.name + ".part")
        write_zip(partial, parts + sheets)
        shutil.move(str(partial), str(path))
