"""The ledger's zip container (``reports._xlsxwriter.write_zip``): its parts, deflated by
threads as the sheets are written, read back by :mod:`zipfile` (and ZIP64 where sizes or
offsets need it), and the same file for the same report."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from enforcement_supervision.reports import _xlsxwriter
from enforcement_supervision.reports._xlsxwriter import DeflatedPart, Sheet, XlsxBook, write_zip


def _parts() -> list[tuple[str, DeflatedPart]]:
    big = DeflatedPart()
    for index in range(2000):
        big.write(f"<row r='{index}'>行{index}</row>".encode())
    big.close()
    return [("a.xml", DeflatedPart.of("<a/>")), ("xl/worksheets/sheet1.xml", big)]


def _check(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert archive.read("a.xml") == b"<a/>"
        text = archive.read("xl/worksheets/sheet1.xml").decode()
        assert text.startswith("<row r='0'>行0</row>")
        assert text.endswith("<row r='1999'>行1999</row>")


def test_parts_read_back(tmp_path: Path) -> None:
    write_zip(tmp_path / "x.zip", _parts())
    _check(tmp_path / "x.zip")


def test_zip64_where_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sizes and offsets past the limit are written as ZIP64 (the limit lowered to test it)."""
    monkeypatch.setattr(_xlsxwriter, "_ZIP64_LIMIT", 100)
    write_zip(tmp_path / "x.zip", _parts())
    _check(tmp_path / "x.zip")


def test_same_report_same_file(tmp_path: Path) -> None:
    digests = set()
    for name in ("one.xlsx", "two.xlsx"):
        book = XlsxBook(title="台账")
        sheet = book.add(Sheet("台账", widths=[10, 20]))
        for index in range(5000):
            sheet.append([index, f"第{index}行 & <b>"])
        book.save(tmp_path / name)
        digests.add(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert len(digests) == 1


def test_a_failing_compression_is_raised(tmp_path: Path) -> None:
    part = DeflatedPart()

    class Broken:
        def compress(self, data: bytes) -> bytes:
            raise OSError("disk full")

        def flush(self) -> bytes:
            return b""

    part._compressor = Broken()  # type: ignore[assignment]
    for _ in range(10):
        part.write(b"x" * 1000)
    with pytest.raises(OSError, match="disk full"):
        part.close()
