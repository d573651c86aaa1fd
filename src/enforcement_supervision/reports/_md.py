"""The Markdown summary: counts by severity, category and agency, what is new and overdue,
and the most serious active findings (``[reports] md_max_findings`` of them)."""

from __future__ import annotations

from pathlib import Path

from enforcement_supervision.reports._labels import (
    SEVERITIES,
    category_label,
    format_date,
    severity_label,
    status_label,
    text,
)
from enforcement_supervision.reports._model import ReportData
from enforcement_supervision.statutory_time import SHANGHAI

__all__ = ["markdown_text", "render_markdown"]


def _cell(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


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
    meta = [f"{text('filters', lang)}: {scope}"]
    if data.date_from or data.date_to:
        meta.append(
            f"{text('period', lang)}: {format_date(data.date_from, lang) or '…'} – "
            f"{format_date(data.date_to, lang) or '…'}"
        )
    meta.append(f"{text('as_of', lang)}: {data.as_of.isoformat()}")
    if data.last_run is not None:
        meta.append(
            f"{text('last_run', lang)}: `{data.last_run.run_id[:8]}` ({data.last_run.outcome})"
        )
    meta.append(f"{text('audience', lang)}: {text('audience_' + data.audience, lang)}")
    generated = data.generated_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    meta.append(f"{text('generated', lang)}: {generated} · {data.tool_name} {data.tool_version}")
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
            [f"{severity} {severity_label(severity, lang)}", summary.by_severity.get(severity, 0)]
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
            [text("agency", lang), *SEVERITIES, text("count", lang)],
            [
                [
                    data.agency_name(agency_id) if agency_id else text("unassigned", lang),
                    *(counts.get(severity, 0) for severity in SEVERITIES),
                    sum(counts.values()),
                ]
                for agency_id, counts in summary.by_agency.items()
            ],
        )
    if data.run_errors:
        lines += ["", f"### {text('errors', lang)}", ""]
        lines += [
            f"- {error.get('kind')} · {error.get('rule_id') or '-'}: {_cell(error.get('message'))}"
            for error in data.run_errors
        ]
    active = data.active_findings
    limit = data.settings.md_max_findings
    shown = active[:limit] if limit else active
    lines += ["", f"## {text('findings', lang)} ({text('active', lang)})", ""]
    if not active:
        lines.append(text("no_findings", lang))
    else:
        lines += _table(
            [
                text("severity", lang),
                text("rule", lang),
                text("agency", lang),
                text("subject", lang),
                text("message", lang),
                text("deadline", lang),
                text("status", lang),
            ],
            [
                [
                    row.severity,
                    f"`{row.rule_id}`",
                    row.agency_name or row.agency_id or "",
                    row.subject_text,
                    row.message(lang),
                    ("" if row.deadline is None else row.deadline.isoformat())
                    + (" ⚠" if row.overdue else ""),
                    status_label(row.status, lang),
                ]
                for row in shown
            ],
        )
        if len(shown) < len(active):
            more = len(active) - len(shown)
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
