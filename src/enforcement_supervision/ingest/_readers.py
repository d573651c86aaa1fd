"""Readers turn an input file into numbered raw rows before validation.

Keeping reading apart from validation means every format gets the same errors, the same
rejects file and the same "nothing dropped silently" guarantee. JSON Lines rows stay bytes
(the fast path decodes and validates them in one step); CSV and spreadsheet rows are read as
cells (:class:`SheetRows`) and mapped through a
:class:`~enforcement_supervision.ingest.ColumnMapping` into nested dicts where they are
validated (in the worker processes with ``--workers``), by a mapping compiled once per header
(:mod:`._mapping`).
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.ingest._columns import Column, ColumnMapping
from enforcement_supervision.ingest._mapping import (
    _IGNORE_COLUMN,
    _RECORD_TYPE_COLUMN,
    compile_row_mapper,
)
from enforcement_supervision.ingest._rows import ImportFileError, InputError, RawRow
from enforcement_supervision.ingest._sheet_split import SheetSplit, plan_split

__all__ = [
    "HEADER_SEARCH_ROWS",
    "ImportFileError",
    "InputError",
    "RawRow",
    "SheetItem",
    "SheetRows",
    "csv_rows",
    "detect_encoding",
    "detect_encoding_of",
    "read_csv",
    "read_jsonl",
    "read_sheet",
    "sheet_rows",
]

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 30
#: ``<row>`` elements of a sheet read in slices (:mod:`._sheet_split`) read at a time here.
SPLIT_ROWS = 1000
_CHUNK = 1 << 20


# --- encodings --------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: What ``--encoding`` names are read as (GBK and GB2312 are subsets of GB18030).
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "utf8": "utf-8"}


def _check_decodes(path: Path, encoding: str, skip: int = 0) -> int | None:
    """The byte offset of the first byte ``encoding`` cannot decode, or ``None``."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = skip
    with path.open("rb") as handle:
        handle.seek(skip)
        while True:
            chunk = handle.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                # The decoder's buffer holds at most a few bytes of the previous chunk.
                pending = len(decoder.getstate()[0]) if hasattr(decoder, "getstate") else 0
                return max(skip, offset - pending + error.start)
            if not chunk:
                return None
            offset += len(chunk)


def _first_line_end(path: Path) -> int:
    """The byte offset of the end of the first line (of the first megabyte)."""
    with path.open("rb") as handle:
        head = handle.read(_CHUNK)
    end = head.find(b"\n")
    return len(head) if end < 0 else end


def detect_encoding(path: Path, forced: str | None = None) -> str:
    """The encoding of a text file, by a strict order that cannot mistake one for another;
    see :func:`detect_encoding_of` for the rules."""
    return detect_encoding_of(path, forced)[0]


def detect_encoding_of(path: Path, forced: str | None = None) -> tuple[str, int | None]:
    """The encoding of a text file, and the offset of its first byte that does not decode
    (``None``: every byte does), by a strict order that cannot mistake one for another.

    1. A byte-order mark decides: UTF-8 (``utf-8-sig``), UTF-16 or UTF-32 (Excel's "Unicode
       text" is UTF-16 with a mark).
    2. Otherwise strict UTF-8, when the whole file decodes as UTF-8. Text in GBK/GB18030 with
       any Chinese character practically never does: its two-byte characters start with a
       byte that UTF-8 only allows inside a sequence.
    3. Otherwise strict GB18030 (which includes GBK and GB2312), when the whole file decodes.
    4. Otherwise the one of the two that decodes the longer start of the file: a UTF-8 file
       with a few lines pasted from a GBK one, or the other way round. The lines that do not
       decode are rejected one by one, with their byte offsets; the others are imported.

    A file whose first line does not decode (the encoding cannot be told, or ``forced`` is
    wrong) is :class:`InputError` naming the file and the byte offset; so is one that decodes
    but holds NUL characters (UTF-16 without a mark). ``forced`` (the ``--encoding``
    option) skips the detection but not the check.
    """
    if forced is not None:
        name = _ALIASES.get(forced.lower().replace("_", "-"), forced)
        try:
            codecs.lookup(name)
        except LookupError:
            raise InputError(f"未知的编码：{forced}", f"unknown encoding: {forced}") from None
        bad = _check_decodes(path, name)
        if bad is not None and bad <= _first_line_end(path):
            raise InputError(
                f"{path}：按 {forced} 无法解码，第 {bad} 字节（从 0 计）处出错",
                f"{path}: cannot be decoded as {forced}: bad byte at offset {bad}",
            )
        return name, bad
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{path}：这是 XLSX/ODS（ZIP）文件，不是文本；请用 .xlsx/.ods 文件名或 --format xlsx",
            f"{path}: this is an XLSX/ODS (ZIP) file, not text; name it .xlsx/.ods or use "
            f"--format xlsx",
        )
    for bom, name in _BOMS:
        if head.startswith(bom):
            bad = _check_decodes(path, name)
            if bad is not None and bad <= _first_line_end(path):
                raise InputError(
                    f"{path}：带 {name} 字节顺序标记，但第 {bad} 字节处无法解码",
                    f"{path}: starts with a {name} byte-order mark but cannot be decoded: "
                    f"bad byte at offset {bad}",
                )
            return name, bad
    bad = bad_utf8 = _check_decodes(path, "utf-8")
    name = "utf-8"
    if bad_utf8 is not None:
        bad_gb = _check_decodes(path, "gb18030")
        if bad_gb is None or bad_gb > bad_utf8:
            name, bad = "gb18030", bad_gb
        if bad is not None and bad <= _first_line_end(path):
            raise InputError(
                f"{path}：无法识别编码（不是 UTF-8：第 {bad_utf8} 字节；也不是 GB18030/GBK："
                f"第 {bad_gb} 字节）；请用 --encoding 指定",
                f"{path}: cannot tell the encoding (not UTF-8: bad byte at offset {bad_utf8}; "
                f"not GB18030/GBK: bad byte at offset {bad_gb}); give --encoding",
            )
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if b"\x00" in chunk:
                raise InputError(
                    f"{path}：含有 NUL 字节（可能是没有字节顺序标记的 UTF-16）；请用 --encoding "
                    f"utf-16-le 等指定",
                    f"{path}: contains NUL bytes (UTF-16 without a byte-order mark?); give "
                    f"--encoding, e.g. utf-16-le",
                )
    return name, bad


# --- JSON Lines -------------------------------------------------------------------------------


def read_jsonl(path: Path, encoding: str | None = None) -> Iterator[RawRow]:
    """JSON Lines: one object per line (UTF-8, a leading byte-order mark is skipped, or
    ``encoding``); blank lines are skipped. Rows stay bytes; a line that is not valid text is
    kept as bytes too, and rejected with its byte offset by validation."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            if encoding is not None and encoding not in ("utf-8", "utf-8-sig"):
                try:
                    line = line.decode(encoding).encode("utf-8", "surrogatepass")
                except UnicodeDecodeError as error:
                    yield RawRow(
                        number,
                        None,
                        line.decode(encoding, "replace"),
                        f"按 {encoding} 无法解码：本行第 {error.start} 字节",
                        f"cannot be decoded as {encoding}: bad byte at offset {error.start} "
                        f"of the line",
                    )
                    continue
            if not line.strip():
                continue
            yield RawRow(number, line.rstrip(b"\r\n"), "")


# --- header rows ------------------------------------------------------------------------------


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _columns_for(
    path: Path, header: list[str], mapping: ColumnMapping, row: int
) -> list[Column | None]:
    counts: dict[str, int] = {}
    for head in header:
        if head:
            counts[head] = counts.get(head, 0) + 1
    duplicates = sorted(head for head, count in counts.items() if count > 1)
    if duplicates:
        raise InputError(
            f"{path}：第 {row} 行表头有重复的列：{', '.join(duplicates)}",
            f"{path}: the header (row {row}) repeats column(s): {', '.join(duplicates)}",
        )
    unknown = [h for h in header if h and not mapping.known(h)]
    if unknown:
        raise InputError(
            f"{path}：第 {row} 行表头有列映射（{mapping.source}）中没有的列：{', '.join(unknown)}"
            f"（请检查列映射，或在映射的 ignore 中列出）",
            f"{path}: the header (row {row}) has columns the mapping ({mapping.source}) does "
            f"not know: {', '.join(unknown)} (check the mapping, or list them under ignore)",
        )
    out: list[Column | None] = []
    for head in header:
        if not head:
            out.append(None)
        elif head == "record_type":
            out.append(_RECORD_TYPE_COLUMN)
        elif head in mapping.columns:
            out.append(mapping.columns[head])
        else:
            out.append(_IGNORE_COLUMN)
    return out


def find_header(
    path: Path, rows: list[list[Any]], mapping: ColumnMapping, header_row: int | None
) -> int:
    """The index (0-based, in ``rows``) of the header row: ``header_row`` (1-based) if given,
    else the first of the top rows with the most known headers (at least two, or one when the
    row has a single cell)."""
    if header_row is not None:
        if header_row > len(rows):
            raise InputError(
                f"{path}：没有第 {header_row} 行（--header-row）",
                f"{path}: there is no row {header_row} (--header-row)",
            )
        return header_row - 1
    best, best_index = 0, -1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [_header_text(c) for c in row]
        filled = [t for t in texts if t]
        known = sum(1 for t in filled if mapping.known(t))
        if known > best and (known >= 2 or len(filled) == 1):
            best, best_index = known, index
    if best_index < 0:
        sample = ", ".join(list(mapping.columns)[:6])
        raise InputError(
            f"{path}：前 {HEADER_SEARCH_ROWS} 行中找不到表头（列映射 {mapping.source} 的列，"
            f"如 {sample}）；请用 --header-row 指定表头所在行，或用 --mapping 指定列映射",
            f"{path}: no header row in the first {HEADER_SEARCH_ROWS} rows (columns of the "
            f"mapping {mapping.source}, such as {sample}); give --header-row N or --mapping",
        )
    return best_index


#: A row of a CSV file or sheet as read, before the mapping: its cells, or (a text) why the
#: row cannot be read at all (a CSV syntax error).
SheetItem = list[Any] | str


@attrs.frozen
class SheetRows:
    """A CSV file or sheet past its header row: how each row is mapped, and the rows still as
    cells (``(line, item)``). The mapping runs where the rows are validated — in the worker
    processes with ``--workers`` — so :meth:`row` is all a worker needs."""

    mapper: Callable[[Sequence[Any], int, str], RawRow]
    #: The cells as the mapping reads them (CSV: without the export's formula guard).
    prepare: Callable[[list[Any]], list[Any]] | None
    #: The row as text, for its reject (CSV: the line as read; sheets: the cells as JSON).
    text_of: Callable[[list[Any]], str]
    rows: Iterator[tuple[int, SheetItem]] = attrs.field(eq=False, repr=False)
    #: The encoding of a text file with bytes it does not decode (kept as escapes): each row
    #: is checked for them.
    undecodable: str | None = None
    #: A sheet already read whole into memory (a workbook): a fresh iterator over the same
    #: rows as :attr:`rows` (from the first after the header), usable in a forked worker
    #: process, which then reads its own rows instead of receiving them; ``None`` for CSV.
    restart: Callable[[], Iterator[tuple[int, SheetItem]]] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    #: How many rows :attr:`restart` gives (``None`` with no ``restart``).
    count: int | None = None
    #: An XLSX sheet not read into memory: its rows read a slice at a time (a worker process
    #: each), and the row number of the header (the rows are those below it); else ``None``.
    split: tuple[SheetSplit, int] | None = attrs.field(default=None, eq=False, repr=False)

    def row(self, line: int, item: SheetItem, *, with_text: bool = True) -> RawRow | None:
        """One row through the mapping (``None`` for an empty row). ``with_text=False`` leaves
        the row's text out (it is only shown in a reject: map again with it then)."""
        if item.__class__ is str:
            return RawRow(
                line,
                None,
                str(item),
                f"无法按 CSV 读取：{item}",
                f"cannot be read as CSV: {item}",
            )
        assert isinstance(item, list)
        first = item[0] if item else None
        if (first is None or (first.__class__ is str and not first.strip())) and all(
            c is None or (c.__class__ is str and not c.strip()) for c in item
        ):
            return None  # (the first cell, usually an id, decides most rows at once)
        if self.undecodable is not None:
            text = self.text_of(item)
            if _ESCAPED.search(text) is not None:
                return _undecodable_row(line, text, self.undecodable)
        cells = self.prepare(item) if self.prepare is not None else item
        return self.mapper(cells, line, self.text_of(item) if with_text else "")

    def __iter__(self) -> Iterator[RawRow]:
        for line, item in self.rows:
            row = self.row(line, item)
            if row is not None:
                yield row


#: A byte the text decoder could not decode, kept by ``errors="surrogateescape"``.
_ESCAPED = re.compile("[\udc80-\udcff]")


def _undecodable_row(line: int, text: str, encoding: str) -> RawRow:
    """A row holding bytes that do not decode: a reject naming the first one (its offset in
    the line) and showing them as ``\\xNN``."""
    raw = text.encode(encoding, "surrogateescape")
    first = _ESCAPED.search(text)
    assert first is not None
    offset = len(text[: first.start()].encode(encoding, "surrogateescape"))
    shown = raw.decode(encoding, "backslashreplace")
    return RawRow(
        line,
        None,
        shown,
        f"按 {encoding} 无法解码：本行第 {offset} 字节（0x{raw[offset]:02x}）；请把文件另存为"
        f" UTF-8 或 GB18030，或用 --encoding 指定",
        f"cannot be decoded as {encoding}: byte {offset} of the line (0x{raw[offset]:02x}); "
        f"save the file as UTF-8 or GB18030, or give --encoding",
    )


def _with_header(
    path: Path,
    numbered: Iterator[tuple[int, SheetItem]],
    mapping: ColumnMapping,
    header_row: int | None,
    prepare: Callable[[list[Any]], list[Any]] | None,
    text_of: Callable[[list[Any]], str],
    *,
    undecodable: str | None = None,
    restart: Callable[[], Iterator[tuple[int, SheetItem]]] | None = None,
    total: int | None = None,
    split: SheetSplit | None = None,
) -> SheetRows | None:
    """The rows after the header row (found by :func:`find_header`), or ``None`` for an empty
    file. ``restart`` gives the rows of ``numbered`` again from the first (``total`` of them),
    for a sheet held in memory."""
    top: list[tuple[int, SheetItem]] = []
    limit = header_row if header_row is not None else HEADER_SEARCH_ROWS
    for item in numbered:
        top.append(item)
        if len(top) >= limit:
            break
    if not top:
        return None
    cells_of = [
        [] if isinstance(item, str) else (prepare(item) if prepare is not None else item)
        for _, item in top
    ]
    index = find_header(path, cells_of, mapping, header_row)
    number = top[index][0]
    header = [_header_text(c) for c in cells_of[index]]
    while header and not header[-1]:
        header.pop()
    columns = _columns_for(path, header, mapping, number)
    after: Callable[[], Iterator[tuple[int, SheetItem]]] | None = None
    if restart is not None and total is not None:
        source = restart

        def after() -> Iterator[tuple[int, SheetItem]]:
            return itertools.islice(source(), index + 1, None)

    rows: Iterator[tuple[int, SheetItem]] = itertools.chain(top[index + 1 :], numbered)
    if split is not None:
        # ``numbered`` held only the top rows: the rest are read a slice at a time.
        plan = split
        rows = itertools.chain.from_iterable(
            plan.rows(lo, hi) for lo, hi in plan.tasks(number, SPLIT_ROWS)
        )
    return SheetRows(
        compile_row_mapper(columns, mapping),
        prepare,
        text_of,
        rows,
        undecodable,
        after,
        None if after is None or total is None else max(0, total - index - 1),
        None if split is None else (split, number),
    )


# --- CSV and text -----------------------------------------------------------------------------

_GUARDED = frozenset(("=", "+", "-", "@", "\t", "\r", "'"))


def _unguard(cell: str) -> str:
    """A CSV cell without the ``'`` the export puts before text a spreadsheet would run as a
    formula (``'=…``, ``'+…``, ``'-…``, ``'@…``)."""
    if cell[:1] == "'" and cell[1:2] in _GUARDED:
        return cell[1:]
    return cell


def _unguard_cells(cells: list[Any]) -> list[Any]:
    if "'" not in "".join(cells):
        return cells  # the usual row: one scan in C instead of a test per cell
    return [_unguard(c) if c[:1] == "'" else c for c in cells]


def csv_rows(
    path: Path,
    mapping: ColumnMapping,
    *,
    encoding: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
) -> SheetRows | None:
    """CSV or tab-separated text in UTF-8 (with or without a mark), GB18030/GBK or UTF-16
    (:func:`detect_encoding`), with a header row found by :func:`find_header`; ``None`` when
    the file has no rows."""
    name, bad = detect_encoding_of(path, encoding)
    # Bytes that do not decode are kept as escapes, and their rows rejected (SheetRows.row).
    errors = "strict" if bad is None else "surrogateescape"
    if delimiter is None:
        with path.open(encoding=name, errors=errors, newline="") as handle:
            first = handle.readline()
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    separator = delimiter

    def numbered() -> Iterator[tuple[int, SheetItem]]:
        with path.open(encoding=name, errors=errors, newline="") as handle:
            reader = csv.reader(handle, delimiter=separator)
            previous = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    # A reject, not a lost row: the lines it spans are skipped.
                    yield previous + 1, f"{error}"
                    previous = reader.line_num
                    continue
                yield previous + 1, cells
                previous = reader.line_num

    def text_of(cells: list[Any]) -> str:
        return separator.join(cells)

    return _with_header(
        path,
        numbered(),
        mapping,
        header_row,
        _unguard_cells,
        text_of,
        undecodable=None if bad is None else name,
    )


def read_csv(
    path: Path,
    mapping: ColumnMapping,
    *,
    encoding: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
) -> Iterator[RawRow]:
    """The rows of :func:`csv_rows`, mapped."""
    rows = csv_rows(path, mapping, encoding=encoding, header_row=header_row, delimiter=delimiter)
    if rows is not None:
        yield from rows


# --- spreadsheets (calamine: xlsx, xlsm, xls, ods) -------------------------------------------


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook."""
    return list(_workbook(path).sheet_names)


def _workbook(path: Path) -> Any:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise InputError(
            "读取电子表格需要安装 python-calamine：pip install 'enforcement-supervision[xlsx]'",
            "reading spreadsheets needs python-calamine: "
            "pip install 'enforcement-supervision[xlsx]'",
        ) from error
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as error:
        raise InputError(
            f"{path}：无法作为电子表格读取（{type(error).__name__}: {error}）",
            f"{path}: cannot be read as a spreadsheet ({type(error).__name__}: {error})",
        ) from error


def _cells_as_json(cells: list[Any]) -> str:
    return json.dumps(cells, ensure_ascii=False, default=str)


def sheet_rows(
    path: Path,
    mapping: ColumnMapping,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    split: bool = False,
) -> SheetRows | None:
    """One sheet of an XLSX, XLS or ODS workbook (the first, or ``sheet``: a name or a
    1-based number), with typed cells (dates, numbers, text as stored); ``None`` when the
    sheet has no rows. ``split``: an XLSX sheet is not read whole here but a slice of rows
    at a time (:attr:`SheetRows.split`: by worker processes), where its layout allows."""
    workbook = _workbook(path)
    names = list(workbook.sheet_names)
    if sheet is None:
        chosen = names[0] if names else None
    elif sheet in names:
        chosen = sheet
    elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
        chosen = names[int(sheet) - 1]
    else:
        chosen = None
    if chosen is None:
        raise InputError(
            f"{path}：没有工作表 {sheet!r}；有：{', '.join(names) or '（无）'}",
            f"{path}: no sheet {sheet!r}; sheets: {', '.join(names) or '(none)'}",
        )
    plan = plan_split(path, chosen) if split else None
    if plan is not None:
        # Only the top rows, where the header is looked for, are read here.
        limit = header_row if header_row is not None else HEADER_SEARCH_ROWS
        try:
            top = plan.rows(0, limit, from_top=True)
        except Exception as error:
            raise InputError(
                f"{path}：无法读取工作表 {chosen}（{error}）",
                f"{path}: cannot read sheet {chosen} ({error})",
            ) from error
        return _with_header(path, iter(top), mapping, header_row, None, _cells_as_json, split=plan)
    try:
        worksheet = workbook.get_sheet_by_name(chosen)
        # calamine's rows start at the sheet's first row (row 1), the empty rows above the
        # first value included (its ``start`` is where the values start).
        first_row = 1
        rows = worksheet.iter_rows()
        end = worksheet.end
        height = end[0] + 1 if end else 0  # the rows iter_rows gives, from row 1
    except Exception as error:
        raise InputError(
            f"{path}：无法读取工作表 {chosen}（{error}）",
            f"{path}: cannot read sheet {chosen} ({error})",
        ) from error

    def numbered(rows: Iterator[list[Any]] = rows) -> Iterator[tuple[int, SheetItem]]:
        for offset, cells in enumerate(rows):
            yield first_row + offset, list(cells)

    def restart() -> Iterator[tuple[int, SheetItem]]:
        # The sheet is in memory (calamine reads it whole): the same rows again, from the top.
        return numbered(worksheet.iter_rows())

    return _with_header(
        path,
        numbered(),
        mapping,
        header_row,
        None,
        _cells_as_json,
        restart=restart,
        total=height if isinstance(height, int) else None,
    )


def read_sheet(
    path: Path,
    mapping: ColumnMapping,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
) -> Iterator[RawRow]:
    """The rows of :func:`sheet_rows`, mapped."""
    rows = sheet_rows(path, mapping, sheet=sheet, header_row=header_row)
    if rows is not None:
        yield from rows
