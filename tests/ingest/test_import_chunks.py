"""Rows are batched a chunk at a time, and a workbook's rows are read by the worker processes
themselves (issue 14, speed): the same stored versions, payloads, hashes, line numbers and
rejects as row by row in this process."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from enforcement_supervision.ingest import _import, _sheet_split, import_file
from enforcement_supervision.store import Store


def _stored(store: Store) -> list[tuple[str, int, str, bool]]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT record_id, version, content_hash, is_current FROM records ORDER BY row_id"
        ).all()
    return [(r[0], r[1], r[2], bool(r[3])) for r in rows]


def _officer(i: int, name: str | None = None) -> dict[str, Any]:
    return {
        "record_type": "officer",
        "id": f"OF-{i:05d}",
        "agency_id": "AG-TOWN",
        "name": name or f"执法员{i}",
        "cert_status": "active",
        "cert_valid_to": "2027-12-31",
    }


def _workbook(path: Path, count: int) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["某县执法人员花名册"])  # a title row above the header
    sheet.append([])
    sheet.append(["编号", "执法主体编号", "姓名", "执法证状态", "执法证有效期至"])
    for i in range(count):
        if i % 97 == 5:
            sheet.append([])  # an empty row: not read, not counted
            continue
        valid_to: Any = dt.datetime(2027, 12, 31)
        if i % 211 == 7:
            valid_to = "2027年13月1日"  # a bad date: a reject naming its row
        name = f"执法员{i}" if i % 300 != 11 else f"执法员{i - 1}"
        ident = f"OF-{i:05d}" if i % 150 != 3 else f"OF-{i - 1:05d}"  # a second version
        sheet.append([ident, "AG-TOWN", name, "active", valid_to])
    workbook.save(path)


@pytest.mark.parametrize("task_rows", [1, 7, 1000])
def test_sheet_rows_read_by_the_workers_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, task_rows: int
) -> None:
    monkeypatch.setattr(_import, "SHEET_TASK_ROWS", task_rows)
    path = tmp_path / "officers.xlsx"
    _workbook(path, 1200)
    assert _sheet_split.plan_split(path, "Sheet") is not None  # the workers read slices
    results = []
    for workers in (1, 2):
        with Store.open(f"sqlite:///{tmp_path / f'w{workers}-{task_rows}.sqlite'}") as store:
            report = import_file(store, path, record_type="officer", workers=workers)
            assert report.accounted
            results.append(
                (
                    report.rows_read,
                    report.put,
                    [(r.line, r.record_id, r.reason) for r in report.rejects],
                    [
                        (s[0], s[1], s[3])
                        for s in _stored(store)  # versions in input order
                    ],
                    sorted(_stored(store)),
                )
            )
    assert results[0] == results[1]
    rows_read, put, rejects, _, _ = results[0]
    assert rows_read == 1200 - len([i for i in range(1200) if i % 97 == 5])
    assert rejects
    assert all("calendar date" in reason for _, _, reason in rejects)
    assert put.updated > 0  # the repeated ids became second versions
    assert rejects[0][0] == 3 + 7 + 1  # the title, the blank row, the header; row i=7


def test_duplicates_within_and_across_chunks_become_versions_in_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_import, "BLOCK_BYTES", 512)
    monkeypatch.setattr(_import, "WORKER_MIN_BYTES", 0)
    lines = []
    for i in range(600):
        lines.append(_officer(i % 250, name=f"执法员{i}"))  # each id up to three times
    path = tmp_path / "officers.jsonl"
    path.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    seen = []
    for workers, batch_size in ((1, 2000), (2, 2000), (1, 7), (2, 13)):
        with Store.open(f"sqlite:///{tmp_path / f'd{workers}-{batch_size}.sqlite'}") as store:
            report = import_file(store, path, workers=workers, batch_size=batch_size)
            assert (report.put.inserted, report.put.updated) == (250, 350)
            seen.append(_stored(store))
            current = store.get_record("officer", "OF-00003")
            assert current is not None
            assert current.version == 3
            assert current.record.name == "执法员503"  # type: ignore[attr-defined]
    assert all(s == seen[0] for s in seen[1:])


def test_a_failed_batch_stops_the_import_and_keeps_the_batches_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "officers.jsonl"
    path.write_text(
        "".join(json.dumps(_officer(i), ensure_ascii=False) + "\n" for i in range(50)),
        encoding="utf-8",
    )
    real = _import.put_prepared_in
    calls = []

    def failing(connection: Any, batch: Any, **options: Any) -> Any:
        calls.append(len(batch))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(connection, batch, **options)

    monkeypatch.setattr(_import, "put_prepared_in", failing)
    with Store.open(f"sqlite:///{tmp_path / 'x.sqlite'}") as store:
        with store.engine.connect() as connection:
            before = connection.exec_driver_sql("PRAGMA synchronous").scalar()
        with pytest.raises(RuntimeError, match="disk full"):
            import_file(store, path, batch_size=10)
        assert store.count_records() == {"officer": 10}  # the first batch, committed
        with store.engine.connect() as connection:
            # The import's connection is back in the pool with its setting restored.
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == before


def test_a_sheet_longer_than_it_said_loses_no_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import attrs

    from enforcement_supervision.ingest import _readers

    real = _readers.sheet_rows

    def understated(*args: Any, **options: Any) -> Any:
        # The sheet read whole (as .xls and .ods are), whose count the workers rely on.
        rows = real(*args, **{**options, "split": False})
        return attrs.evolve(rows, count=rows.count - 5)

    monkeypatch.setattr(_import, "sheet_rows", understated)
    monkeypatch.setattr(_import, "SHEET_TASK_ROWS", 100)
    path = tmp_path / "officers.xlsx"
    _workbook(path, 400)
    with Store.open(f"sqlite:///{tmp_path / 'x.sqlite'}") as store:
        report = import_file(store, path, record_type="officer", workers=2)
    assert report.rows_read == 400 - len([i for i in range(400) if i % 97 == 5])
    assert report.accounted


def test_a_sheet_starting_below_and_right_of_a1_read_in_slices_gives_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers' slices of a sheet whose values start at C4, with rows whose first or last
    cells are empty (so a slice's own leftmost and rightmost values differ from the sheet's):
    the same cells in the same columns, and rows numbered as in the sheet."""
    monkeypatch.setattr(_import, "SHEET_TASK_ROWS", 7)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.cell(4, 3, "编号")
    for column, head in enumerate(["执法主体编号", "姓名", "执法证状态", "执法证有效期至"], 4):
        sheet.cell(4, column, head)
    for i in range(60):
        row = 6 + i + i // 10  # a gap every ten rows
        if i % 13 != 4:
            sheet.cell(row, 3, f"OF-{i:05d}")  # (an id left empty: a reject)
        sheet.cell(row, 4, "AG-TOWN")
        sheet.cell(row, 5, f"执法员{i}")
        sheet.cell(row, 6, "active")
        if i % 11 != 2:
            sheet.cell(row, 7, dt.datetime(2027, 12, 31) if i % 17 != 3 else "2027年13月1日")
    path = tmp_path / "officers.xlsx"
    workbook.save(path)
    assert _sheet_split.plan_split(path, "Sheet") is not None
    results = []
    for workers in (1, 2):
        with Store.open(f"sqlite:///{tmp_path / f'c{workers}.sqlite'}") as store:
            report = import_file(store, path, record_type="officer", workers=workers)
            assert report.accounted
            results.append(
                (
                    report.rows_read,
                    report.put,
                    [(r.line, r.record_id, r.reason, r.text) for r in report.rejects],
                    _stored(store),
                )
            )
    assert results[0] == results[1]
    rows_read, _, rejects, _ = results[0]
    assert rows_read == 60
    lines = [line for line, _, _, _ in rejects]
    bad = [i for i in range(60) if i % 13 == 4 or (i % 17 == 3 and i % 11 != 2)]
    assert lines == [6 + i + i // 10 for i in bad]


def test_a_sheet_whose_rows_carry_no_numbers_is_read_whole(tmp_path: Path) -> None:
    """Rows written without their ``r`` numbers (some writers leave them out): the workers
    cannot be given slices (calamine would number a slice's rows from its top), so the sheet
    is read whole, and gives what one process gives."""
    import re
    import zipfile

    from enforcement_supervision.ingest._sheet_split import plan_split

    written = tmp_path / "written.xlsx"
    _workbook(written, 300)
    path = tmp_path / "officers.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'(<row\b[^>]*?) r="[0-9]+"', rb"\1", data)
            out.writestr(info, data)
    assert plan_split(written, "Sheet") is not None
    assert plan_split(path, "Sheet") is None
    results = []
    for workers in (1, 2):
        with Store.open(f"sqlite:///{tmp_path / f'n{workers}.sqlite'}") as store:
            report = import_file(store, path, record_type="officer", workers=workers)
            results.append(
                (report.rows_read, [(r.line, r.reason) for r in report.rejects], _stored(store))
            )
    assert results[0] == results[1]
    assert results[0][0] == 300 - len([i for i in range(300) if i % 97 == 5])


def _with_shared_strings(source: Path, target: Path) -> None:
    """``source`` (openpyxl writes its texts inline) with its texts in a shared strings part,
    as Excel writes them."""
    import re
    import zipfile

    strings: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = strings.setdefault(match.group(2), len(strings))
        return match.group(1) + b' t="s"><v>' + str(index).encode() + b"</v></c>"

    inline = re.compile(
        rb'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="inlineStr"><is><t>(.*?)</t></is></c>'
    )
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = inline.sub(shared, data)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/>'
                    b"</Relationships>",
                )
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            new.writestr(info, data)
        items = b"".join(b"<si><t>" + text + b"</t></si>" for text in strings)
        new.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="'
            + str(len(strings)).encode()
            + b'">'
            + items
            + b"</sst>",
        )


def test_a_sheet_with_shared_strings_read_in_slices_gives_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts in a shared strings part (as Excel writes them), which every slice's workbook
    carries: the same rows as the sheet read whole."""
    monkeypatch.setattr(_import, "SHEET_TASK_ROWS", 50)
    # Slices however large the shared strings are against the rows.
    monkeypatch.setattr(_sheet_split, "SHARED_STRINGS_RATIO", 0)
    written = tmp_path / "written.xlsx"
    _workbook(written, 600)
    path = tmp_path / "officers.xlsx"
    _with_shared_strings(written, path)
    plan = _sheet_split.plan_split(path, "Sheet")
    assert plan is not None
    assert plan.shared_strings > 0
    results = []
    for workers in (1, 2):
        with Store.open(f"sqlite:///{tmp_path / f's{workers}.sqlite'}") as store:
            report = import_file(store, path, record_type="officer", workers=workers)
            results.append(
                (
                    report.rows_read,
                    [(r.line, r.reason, r.text) for r in report.rejects],
                    _stored(store),
                )
            )
    assert results[0] == results[1]
    with Store.open(f"sqlite:///{tmp_path / 'inline.sqlite'}") as store:
        import_file(store, written, record_type="officer", workers=1)
        assert _stored(store) == results[0][2]  # the same records as with the texts inline
    assert results[0][0] == 600 - len([i for i in range(600) if i % 97 == 5])


def test_a_sheet_with_large_shared_strings_is_read_whole(tmp_path: Path) -> None:
    """Each slice's workbook parses the shared strings again: a sheet whose texts are mostly
    in them (few, long rows of distinct texts) is read whole."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["编号", "执法主体编号", "姓名", "执法证状态"])
    for i in range(200):
        sheet.append([f"OF-{i:05d}", "AG-TOWN", f"执法员{i}" * 40, "active"])
    written = tmp_path / "written.xlsx"
    workbook.save(written)
    path = tmp_path / "officers.xlsx"
    _with_shared_strings(written, path)
    assert _sheet_split.plan_split(written, "Sheet") is not None
    assert _sheet_split.plan_split(path, "Sheet") is None
    with Store.open(f"sqlite:///{tmp_path / 'x.sqlite'}") as store:
        report = import_file(store, path, record_type="officer", workers=2)
    assert (report.rows_read, report.put.inserted) == (200, 200)
