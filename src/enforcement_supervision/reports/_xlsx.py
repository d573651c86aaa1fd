"""The supervision ledger (监督台账) as XLSX: one row per finding, header row frozen, filters
on every column; a second sheet with the summary. Needs the ``xlsx`` extra (openpyxl)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from enforcement_supervision.reports._labels import (
    SEVERITIES,
    category_label,
    severity_label,
    status_label,
    text,
)
from enforcement_supervision.reports._model import FindingRow, ReportData
from enforcement_supervision.reports._render import require

__all__ = ["LEDGER_COLUMNS", "ledger_rows", "render_xlsx"]

#: (label key, width) of the ledger's columns, in order.
LEDGER_COLUMNS: tuple[tuple[str, int], ...] = (
    ("seq", 6),
    ("agency", 24),
    ("subject", 22),
    ("subject_type", 14),
    ("rule", 20),
    ("rule_title", 26),
    ("message", 48),
    ("severity", 8),
    ("category", 16),
    ("basis", 36),
    ("found_on", 12),
    ("facts_date", 12),
    ("deadline", 12),
    ("overdue", 8),
    ("status", 12),
    ("notified_on", 12),
    ("rectified_on", 12),
    ("verified_by", 12),
    ("closed_on", 12),
    ("waiver", 30),
    ("fingerprint", 18),
)


def _row(data: ReportData, index: int, row: FindingRow) -> list[Any]:
    lang = data.lang
    separator = "; " if lang == "en" else "；"
    follow = row.follow
    waiver = follow.waiver.justification if follow.waiver is not None and row.waived else ""
    return [
        index,
        row.agency_name or row.agency_id or "",
        row.subject_text,
        row.finding.subject.record_type,
        row.rule_id,
        data.rule(row.rule_id).title(lang),
        row.message(lang),
        row.severity,
        separator.join(category_label(name, lang) for name in row.categories),
        separator.join(row.citations(lang)),
        row.found_on,
        row.period_date,
        row.deadline,
        ("yes" if lang == "en" else "是") if row.overdue else "",
        status_label(row.status, lang),
        follow.notified_on,
        follow.rectified_on,
        follow.verified_by or "",
        follow.closed_on,
        waiver,
        row.fingerprint[:16],
    ]


def ledger_rows(data: ReportData) -> list[list[Any]]:
    """The ledger as rows of values (header first), as written to the first sheet."""
    header: list[Any] = [text(key, data.lang) for key, _ in LEDGER_COLUMNS]
    return [header] + [_row(data, index, row) for index, row in enumerate(data.findings, 1)]


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def render_xlsx(data: ReportData, out: Path) -> list[Path]:
    """Write the ledger workbook (write-only mode: memory stays flat with many findings)."""
    require("openpyxl", "xlsx")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    lang = data.lang
    book = Workbook(write_only=True)
    sheet = book.create_sheet(text("ledger", lang))
    sheet.freeze_panes = "A2"
    last = _column(len(LEDGER_COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{len(data.findings) + 1}"
    for position, (_, width) in enumerate(LEDGER_COLUMNS, 1):
        sheet.column_dimensions[_column(position)].width = width
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DCE6F1")
    wrap = Alignment(wrap_text=True, vertical="center")
    header = []
    for key, _ in LEDGER_COLUMNS:
        cell = WriteOnlyCell(sheet, value=text(key, lang))
        cell.font = bold
        cell.fill = fill
        cell.alignment = wrap
        header.append(cell)
    sheet.append(header)
    for index, row in enumerate(data.findings, 1):
        sheet.append(_row(data, index, row))

    summary = book.create_sheet(text("summary", lang))
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 12
    counts = data.summary
    lines: list[list[Any]] = [
        [text("report_title", lang), ""],
        [text("as_of", lang), data.as_of],
        [text("audience", lang), text(f"audience_{data.audience}", lang)],
        [text("active", lang), counts.active],
        [text("total", lang), counts.total],
        [text("new_since_run", lang), counts.new_since_last_run],
        [
            text("new_since_baseline", lang),
            text("no_baseline", lang)
            if counts.new_since_baseline is None
            else counts.new_since_baseline,
        ],
        [text("overdue", lang), counts.overdue],
        [text("waived", lang), counts.waived],
        [],
        [text("by_severity", lang), ""],
    ]
    lines += [
        [f"{severity} {severity_label(severity, lang)}", counts.by_severity.get(severity, 0)]
        for severity in SEVERITIES
    ]
    lines += [[], [text("by_category", lang), ""]]
    lines += [[category_label(name, lang), count] for name, count in counts.by_category.items()]
    lines += [[], [text("by_agency", lang), ""]]
    lines += [
        [data.agency_name(agency) if agency else text("unassigned", lang), sum(c.values())]
        for agency, c in counts.by_agency.items()
    ]
    for line in lines:
        summary.append(line)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return [out]
