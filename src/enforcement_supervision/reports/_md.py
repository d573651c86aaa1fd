"""The Markdown summary: counts by severity, category and agency, what is new and overdue,
and the most serious active findings (``[reports] md_max_findings`` of them)."""

from __future__ import annotations

from pathlib import Path

from enforcement_supervision.reports._groups import group_rows
from enforcement_supervision.reports._model import FindingRow, ReportData
from enforcement_supervision.reports.vocabulary import (
    SEVERITIES,
    category_label,
    format_date,
    outcome_label,
    severity_label,
    status_label,
    text,
)
from enforcement_supervision.statutory_time import SHANGHAI

__all__ = ["markdown_text", "render_markdown"]


_MARKDOWN = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "\n": " ",
        "\r": " ",
    }
)


def _cell(value: object) -> str:
    """Text from data, inert in Markdown: HTML escaped, Markdown syntax backslashed."""
    return str(value).translate(_MARKDOWN).strip()


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def markdown_text(data: ReportData) -> str:
    """The Markdown summary as text."""
    lang = data.lang
    en = lang == "en"
    summary = data.summary
    scope = data.agency_name(data.agency) if data.agency else text("all_agencies", lang)
    lines = [f"# {text('report_title', lang)}", ""]
    meta = [f"{text('filters', lang)}: {_cell(scope)}"]
    if data.date_from or data.date_to:
        meta.append(
            f"{text('period', lang)}: {format_date(data.date_from, lang) or '…'} – "
            f"{format_date(data.date_to, lang) or '…'}"
        )
    meta.append(f"{text('as_of', lang)}: {format_date(data.as_of, lang)}")
    if data.last_run is not None:
        started = data.last_run.started_at.astimezone(SHANGHAI)
        meta.append(
            f"{text('last_run', lang)}: {format_date(started.date(), lang)}"
            f"（{outcome_label(data.last_run.outcome, lang)}）"
        )
    meta.append(f"{text('audience', lang)}: {text('audience_' + data.audience, lang)}")
    generated = data.generated_at.astimezone(SHANGHAI)
    meta.append(
        f"{text('generated', lang)}: {format_date(generated.date(), lang)} "
        f"{generated.strftime('%H:%M')}"
    )
    lines += [f"- {item}" for item in meta] + ["", f"## {text('summary', lang)}", ""]
    baseline = (
        text("no_baseline", lang)
        if summary.new_since_baseline is None
        else summary.new_since_baseline
    )
    lines += _table(
        [text("summary", lang), text("count", lang)],
        [
            [text("active", lang), summary.active],
            [text("new_since_run", lang), summary.new_since_last_run],
            [text("new_since_baseline", lang), baseline],
            [text("overdue", lang), summary.overdue],
            [text("waived", lang), summary.waived],
            [text("total", lang), summary.total],
        ],
    )
    lines += ["", f"### {text('by_severity', lang)}", ""]
    lines += _table(
        [text("severity", lang), text("count", lang)],
        [
            [severity_label(severity, lang), summary.by_severity.get(severity, 0)]
            for severity in SEVERITIES
        ],
    )
    if summary.by_category:
        lines += ["", f"### {text('by_category', lang)}", ""]
        lines += _table(
            [text("category", lang), text("count", lang)],
            [[category_label(name, lang), count] for name, count in summary.by_category.items()],
        )
    if summary.by_agency:
        lines += ["", f"### {text('by_agency', lang)}", ""]
        lines += _table(
            [
                text("agency", lang),
                *(severity_label(s, lang) for s in SEVERITIES),
                text("count", lang),
            ],
            [
                [
                    data.agency_name(agency_id) if agency_id else text("unassigned", lang),
                    *(counts.get(severity, 0) for severity in SEVERITIES),
                    sum(counts.values()),
                ]
                for agency_id, counts in summary.by_agency.items()
            ],
        )
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
        lines += ["", f"### {text('compare', lang)}（{format_date(comparison.since, lang)}）", ""]
        lines += _table(
            [text("agency", lang), *header],
            [
                [
                    data.agency_name(agency) if agency else text("unassigned", lang),
                    *(values.to_dict()[key] for key in keys),
                ]
                for agency, values in comparison.by_agency.items()
            ]
            + [[text("total", lang), *(comparison.total.to_dict()[key] for key in keys)]],
        )
    if data.run_errors:
        lines += ["", f"### {text('errors', lang)}", ""]
        if data.audience != "internal":
            count = sum(int(error.get("count") or 1) for error in data.run_errors)
            lines.append(text("errors_hidden", lang).format(count=count))
        else:
            lines += [
                f"- {_cell(error.get('kind'))} · {_cell(error.get('rule_id') or '-')}: "
                f"{_cell(error.get('message'))}"
                for error in data.run_errors
            ]
    limit = data.settings.md_max_findings
    shown: list[FindingRow] = []
    for batch in data.iter_batches():
        shown.extend(row for row in batch if row.active)
        if limit and len(shown) >= limit:
            shown = shown[:limit]
            break
    groups = group_rows(shown)
    lines += ["", f"## {text('findings', lang)} ({text('active', lang)})", ""]
    if not groups:
        lines.append(text("no_findings", lang))
    else:
        lines += _table(
            [
                text("severity", lang),
                text("agency", lang),
                text("subject", lang),
                text("message", lang),
                text("deadline", lang),
                text("status", lang),
            ],
            [
                [
                    severity_label(group.severity, lang),
                    data.agency_name(group.addressed_to)
                    if group.addressed_to
                    else text("unassigned", lang),
                    group.subject_label,
                    "；".join(
                        f"{data.rule(row.rule_id).title(lang)}：{row.people_message}"
                        for row in group.rows
                    ),
                    format_date(group.deadline, lang) + (" ⚠" if group.overdue else ""),
                    "、".join(status_label(status, lang) for status in group.statuses),
                ]
                for group in groups
            ],
        )
        more = summary.active - len(shown)
        if more > 0:
            lines += [
                "",
                f"… and {more} more (see the HTML, JSON or XLSX report)."
                if en
                else f"……另有 {more} 条（见 HTML、JSON 或 XLSX 报告）。",
            ]
    return "\n".join(lines) + "\n"


def render_markdown(data: ReportData, out: Path) -> list[Path]:
    """Write the Markdown summary."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown_text(data), encoding="utf-8")
    return [out]
