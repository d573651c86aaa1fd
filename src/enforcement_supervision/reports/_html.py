"""The HTML report: one self-contained file (inline CSS, inline SVG charts, a little inline
JavaScript for the table filters; no network, no external script or font)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from enforcement_supervision.reports._charts import bar_chart, column_chart, stacked_bar_chart
from enforcement_supervision.reports._labels import (
    SEVERITIES,
    category_label,
    format_date,
    severity_label,
    status_label,
    text,
)
from enforcement_supervision.reports._model import FindingRow, ReportData
from enforcement_supervision.reports._templates import environment
from enforcement_supervision.statutory_time import SHANGHAI

__all__ = ["render_html", "render_html_text"]


def _meta(data: ReportData) -> list[tuple[str, str]]:
    lang = data.lang
    scope = data.agency_name(data.agency) if data.agency else text("all_agencies", lang)
    meta = [(text("filters", lang), scope)]
    if data.date_from or data.date_to:
        first = format_date(data.date_from, lang) or "…"
        last = format_date(data.date_to, lang) or "…"
        meta.append((text("period", lang), f"{first} – {last}"))
    meta.append((text("as_of", lang), format_date(data.as_of, lang)))
    run = data.last_run
    if run is None:
        meta.append((text("last_run", lang), text("no_run", lang)))
    else:
        started = run.started_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        meta.append((text("last_run", lang), f"{run.run_id[:8]} · {started} · {run.outcome}"))
    meta.append((text("audience", lang), text(f"audience_{data.audience}", lang)))
    generated = data.generated_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    meta.append((text("generated", lang), generated))
    return meta


def _cards(data: ReportData) -> list[dict[str, Any]]:
    lang = data.lang
    summary = data.summary
    cards: list[dict[str, Any]] = [
        {"value": summary.active, "label": text("active", lang), "css": ""}
    ]
    for severity in SEVERITIES:
        cards.append(
            {
                "value": summary.by_severity.get(severity, 0),
                "label": f"{severity} {severity_label(severity, lang)}",
                "css": severity.lower(),
            }
        )
    baseline = (
        text("no_baseline", lang)
        if summary.new_since_baseline is None
        else str(summary.new_since_baseline)
    )
    cards += [
        {"value": summary.new_since_last_run, "label": text("new_since_run", lang), "css": ""},
        {"value": baseline, "label": text("new_since_baseline", lang), "css": ""},
        {
            "value": summary.overdue,
            "label": text("overdue", lang),
            "css": "warn" if summary.overdue else "",
        },
        {"value": summary.waived, "label": text("waived", lang), "css": ""},
        {"value": summary.total, "label": text("total", lang), "css": ""},
    ]
    return cards


def _charts(data: ReportData) -> list[dict[str, Any]]:
    lang = data.lang
    summary = data.summary
    empty = text("none", lang)
    agencies = [
        (data.agency_name(agency_id) if agency_id else text("unassigned", lang), counts)
        for agency_id, counts in summary.by_agency.items()
    ]
    legend = {severity: severity for severity in SEVERITIES}
    categories = [
        (category_label(name, lang), count) for name, count in summary.by_category.items()
    ]
    months = list(summary.by_month.items())
    return [
        {
            "title": f"{text('by_agency', lang)}（{text('active', lang)}）"
            if lang == "zh"
            else f"{text('by_agency', lang)} ({text('active', lang).lower()})",
            "svg": Markup(
                stacked_bar_chart(
                    agencies, title=text("by_agency", lang), empty=empty, legend=legend
                )
            ),
        },
        {
            "title": f"{text('by_category', lang)}（{text('active', lang)}）"
            if lang == "zh"
            else f"{text('by_category', lang)} ({text('active', lang).lower()})",
            "svg": Markup(bar_chart(categories, title=text("by_category", lang), empty=empty)),
        },
        {
            "title": f"{text('by_month', lang)}（{text('total', lang)}）"
            if lang == "zh"
            else f"{text('by_month', lang)} ({text('total', lang).lower()})",
            "svg": Markup(column_chart(months, title=text("by_month", lang), empty=empty)),
        },
    ]


def _row(data: ReportData, row: FindingRow) -> dict[str, Any]:
    lang = data.lang
    rule = data.rule(row.rule_id)
    badges: list[dict[str, str]] = []
    if row.new_since_last_run and row.active:
        badges.append({"css": "new", "text": text("new", lang)})
    if row.in_baseline:
        badges.append({"css": "", "text": text("in_baseline", lang)})
    if row.overdue:
        badges.append({"css": "overdue", "text": text("overdue", lang)})
    if row.finding.provisional:
        badges.append({"css": "", "text": text("provisional", lang)})
    if row.follow.rectified_on:
        badges.append(
            {"css": "", "text": f"{text('rectified_on', lang)} {row.follow.rectified_on}"}
        )
    if row.follow.verified_by:
        badges.append({"css": "", "text": f"{text('verified_by', lang)} {row.follow.verified_by}"})
    waiver = row.follow.waiver.justification if row.follow.waiver and row.waived else ""
    return {
        "agency": row.agency_id or "",
        "agency_name": row.agency_name or row.agency_id or text("unassigned", lang),
        "categories": " ".join(row.categories),
        "severity": row.severity,
        "severity_label": severity_label(row.severity, lang),
        "status": row.status,
        "status_label": status_label(row.status, lang),
        "rule_id": row.rule_id,
        "rule_title": rule.title(lang),
        "subject": row.subject_text,
        "message": row.message(lang),
        "basis": "；".join(row.citations(lang)) if lang == "zh" else "; ".join(row.citations(lang)),
        "statement": row.statement(lang),
        "found_on": row.found_on.isoformat(),
        "deadline": "" if row.deadline is None else row.deadline.isoformat(),
        "overdue": row.overdue,
        "badges": badges,
        "waiver": waiver,
    }


def _options(data: ReportData) -> dict[str, list[tuple[str, str]]]:
    lang = data.lang
    agencies = sorted({row.agency_id or "" for row in data.findings})
    categories = sorted({category for row in data.findings for category in row.categories})
    statuses = sorted({row.status for row in data.findings})
    return {
        "agency": [
            (agency_id, data.agency_name(agency_id) if agency_id else text("unassigned", lang))
            for agency_id in agencies
        ],
        "category": [(name, category_label(name, lang)) for name in categories],
        "severity": [
            (severity, f"{severity} {severity_label(severity, lang)}") for severity in SEVERITIES
        ],
        "status": [(status, status_label(status, lang)) for status in statuses],
    }


def render_html_text(data: ReportData, *, max_findings: int | bool | None = True) -> str:
    """The HTML report as text. The table lists at most ``[reports] html_max_findings``
    findings, most serious first (``max_findings=None``: all of them)."""
    lang = data.lang
    limit = data.settings.html_max_findings if max_findings is True else max_findings
    rows = data.findings if not limit else data.findings[: int(limit)]
    truncated = ""
    if len(rows) < len(data.findings):
        truncated = text("truncated", lang).format(shown=len(rows), total=len(data.findings))
    labels = {
        key: text(key, lang)
        for key in (
            "summary",
            "charts",
            "findings",
            "agency",
            "category",
            "severity",
            "status",
            "search",
            "all",
            "showing",
            "of",
            "rule",
            "subject",
            "message",
            "basis",
            "reasons",
            "found_on",
            "deadline",
            "waiver",
            "no_findings",
            "errors",
        )
    }
    errors = [
        f"{error.get('kind')} · {error.get('plugin') or '-'} · {error.get('rule_id') or '-'} · "
        f"{error.get('message')} (×{error.get('count') or 1})"
        for error in data.run_errors
    ]
    generator = f"{data.tool_name} {data.tool_version}"
    footer = (
        f"Generated by {generator} from the stored findings (schema {data.schema_version})."
        if lang == "en"
        else f"由 {generator} 依据已存储的检查结果生成（数据格式 {data.schema_version}）。"
    )
    template = environment().get_template("report.html.j2")
    return template.render(
        lang=lang,
        title=text("report_title", lang),
        generator=generator,
        meta=_meta(data),
        t=labels,
        cards=_cards(data),
        charts=_charts(data),
        errors=errors,
        options=_options(data),
        rows=[_row(data, row) for row in rows],
        truncated=truncated,
        footer=footer,
    )


def render_html(data: ReportData, out: Path) -> list[Path]:
    """Write the HTML report to ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html_text(data), encoding="utf-8")
    return [out]
