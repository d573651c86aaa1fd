"""The supervision ledger (监督台账) as XLSX, streamed: findings are read from the store in
batches and each row goes straight into the file, so memory stays flat however many
findings there are.

Sheet 监督台账: one row per matter — the findings on one subject from one event, the rules
listed — fit to print (landscape A4, fit to width, header row repeated on every page, text
wrapped), the header row frozen and filtered. Sheet 概况: the summary counts and the
comparison with the previous period. Sheet 数据 (hidden, for machines): one row per finding
with its ledger row, fingerprint, rule id, subject, agency id and status (the JSON report has
the rest).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from enforcement_supervision.reports._groups import FindingGroup, stream_groups
from enforcement_supervision.reports._model import ReportData
from enforcement_supervision.reports._xlsxwriter import (
    STYLE_DATE,
    STYLE_HEADER,
    STYLE_NUMBER,
    STYLE_TEXT,
    STYLE_TITLE,
    Sheet,
    XlsxBook,
)
from enforcement_supervision.reports.vocabulary import (
    SEVERITIES,
    category_label,
    severity_label,
    status_label,
    text,
    yes_no,
)

__all__ = ["LAST_STATS", "LEDGER_COLUMNS", "MACHINE_COLUMNS", "ledger_rows", "render_xlsx"]

#: (label key, width, style) of the ledger's columns, in order.
LEDGER_COLUMNS: tuple[tuple[str, float, int], ...] = (
    ("seq", 6, STYLE_NUMBER),
    ("agency", 20, STYLE_TEXT),
    ("subject", 26, STYLE_TEXT),
    ("subject_type", 12, STYLE_TEXT),
    ("message", 52, STYLE_TEXT),
    ("problems", 7, STYLE_NUMBER),
    ("severity", 12, STYLE_TEXT),
    ("category", 14, STYLE_TEXT),
    ("basis", 36, STYLE_TEXT),
    ("facts_date", 13, STYLE_DATE),
    ("found_on", 13, STYLE_DATE),
    ("deadline", 13, STYLE_DATE),
    ("overdue", 8, STYLE_NUMBER),
    ("status", 12, STYLE_TEXT),
    ("notified_on", 13, STYLE_DATE),
    ("rectified_on", 13, STYLE_DATE),
    ("verified_by", 10, STYLE_TEXT),
    ("closed_on", 13, STYLE_DATE),
    ("waiver", 24, STYLE_TEXT),
)

#: Columns of the hidden machine sheet: one row per finding.
MACHINE_COLUMNS: tuple[str, ...] = (
    "ledger_row",
    "fingerprint",
    "rule_id",
    "subject_type",
    "subject_id",
    "agency_id",
    "status",
)

#: Figures of the last ledger written (rows, seconds spent writing rows): the benchmark
#: reports the writer's rows per second from them.
LAST_STATS: dict[str, float] = {}


def _joined(values: list[str], lang: str) -> str:
    return ("; " if lang == "en" else "；").join(value for value in values if value)


def _latest(values: list[Any]) -> Any:
    known = [value for value in values if value is not None]
    return max(known) if known else None


def _ledger_row(data: ReportData, index: int, group: FindingGroup) -> list[Any]:
    lang = data.lang
    rows = group.rows
    follow = [row.follow for row in rows]
    if len(rows) == 1:
        message = rows[0].people_message
    else:
        message = "\n".join(
            f"{n}. {data.rule(row.rule_id).title(lang)}：{row.people_message}"
            for n, row in enumerate(rows, 1)
        )
    statuses = group.statuses
    waivers = [row.follow.waiver.justification for row in rows if row.follow.waiver and row.waived]
    verified = [item.verified_by for item in follow if item.verified_by]
    return [
        index,
        data.agency_name(group.addressed_to) if group.addressed_to else text("unassigned", lang),
        group.subject_label,
        group.first.record_type_label,
        message,
        len(rows),
        severity_label(group.severity, lang),
        _joined([category_label(name, lang) for name in group.categories], lang),
        _joined(group.citations(lang, data), lang),
        group.fact_date,
        group.found_on,
        group.deadline,
        yes_no(group.overdue, lang),
        _joined([status_label(status, lang) for status in statuses], lang),
        _latest([item.notified_on for item in follow]),
        _latest([item.rectified_on for item in follow]),
        _joined(list(dict.fromkeys(verified)), lang),
        _latest([item.closed_on for item in follow])
        if all(item.closed_on for item in follow)
        else None,
        _joined(waivers, lang),
    ]


def ledger_rows(data: ReportData) -> list[list[Any]]:
    """The ledger as rows of values (header first), as written to the first sheet."""
    header: list[Any] = [text(key, data.lang) for key, _, _ in LEDGER_COLUMNS]
    return [header] + [
        _ledger_row(data, index, group)
        for index, group in enumerate(stream_groups(data.iter_findings(order="subject")), 1)
    ]


def _summary_lines(data: ReportData) -> list[list[Any]]:
    lang = data.lang
    counts = data.summary
    lines: list[list[Any]] = [
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
        [text("by_severity", lang)],
    ]
    lines += [
        [severity_label(severity, lang), counts.by_severity.get(severity, 0)]
        for severity in SEVERITIES
    ]
    lines += [[], [text("by_category", lang)]]
    lines += [[category_label(name, lang), count] for name, count in counts.by_category.items()]
    lines += [[], [text("by_agency", lang)]]
    lines += [
        [data.agency_name(agency) if agency else text("unassigned", lang), sum(c.values())]
        for agency, c in counts.by_agency.items()
    ]
    comparison = data.comparison
    if comparison is not None:
        keys = ("new", "resolved", "still_open", "overdue", "overdue_before")
        header = [
            text(name, lang)
            for name in (
                "new_findings",
                "resolved_findings",
                "still_open",
                "overdue_now",
                "overdue_before",
            )
        ]
        lines += [[], [text("compare", lang), text("compare_since", lang), comparison.since]]
        lines += [[text("total", lang), *header]]
        lines += [["", *(comparison.total.to_dict()[key] for key in keys)]]
        lines += [[text("agency", lang), *header]]
        lines += [
            [
                data.agency_name(agency) if agency else text("unassigned", lang),
                *(values.to_dict()[key] for key in keys),
            ]
            for agency, values in comparison.by_agency.items()
        ]
        lines += [[text("category", lang), *header]]
        lines += [
            [category_label(name, lang), *(values.to_dict()[key] for key in keys)]
            for name, values in comparison.by_category.items()
        ]
    return lines


def render_xlsx(data: ReportData, out: Path) -> list[Path]:
    """Write the ledger workbook, streaming (one subject's findings in memory at a time)."""
    lang = data.lang
    book = XlsxBook(title=text("ledger", lang), creator=data.settings.issuing_office or "")
    ledger = book.add(
        Sheet(
            text("ledger", lang),
            widths=[width for _, width, _ in LEDGER_COLUMNS],
            styles=[style for _, _, style in LEDGER_COLUMNS],
            frozen_rows=1,
            print_setup=True,
            title_rows=1,
            auto_filter=True,
        )
    )
    summary = book.add(Sheet(text("summary", lang), widths=[30, 14, 14, 14, 14, 14]))
    machine = book.add(Sheet(text("machine_sheet", lang), hidden=True))
    ledger.append([text(key, lang) for key, _, _ in LEDGER_COLUMNS], style=STYLE_HEADER)
    machine.append(list(MACHINE_COLUMNS), style=STYLE_HEADER)
    writing = 0.0
    writing_cpu = 0.0
    written = 0
    for index, group in enumerate(stream_groups(data.iter_findings(order="subject")), 1):
        values = _ledger_row(data, index, group)
        began, began_cpu = time.perf_counter(), time.process_time()
        ledger.append(values)
        for row in group.rows:
            machine.append(
                (
                    index,
                    row.fingerprint,
                    row.rule_id,
                    row.finding.subject.record_type,
                    row.finding.subject.record_id,
                    row.agency_id,
                    row.status,
                )
            )
        writing += time.perf_counter() - began
        writing_cpu += time.process_time() - began_cpu
        written += 1
    summary.append([text("report_title", lang)], style=STYLE_TITLE)
    for line in _summary_lines(data):
        summary.append(line)
    began, began_cpu = time.perf_counter(), time.process_time()
    book.save(out)
    writing += time.perf_counter() - began
    writing_cpu += time.process_time() - began_cpu
    LAST_STATS.clear()
    LAST_STATS.update(
        {
            "rows": float(written),
            "findings": float(machine.rows - 1),
            "seconds": writing,
            "cpu_seconds": writing_cpu,
        }
    )
    return [out]
