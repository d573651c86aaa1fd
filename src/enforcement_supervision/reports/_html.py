"""The HTML report: self-contained files (inline CSS, inline SVG charts, a little inline
JavaScript for the table filters; no network, no external script or font).

One page when the report has at most ``[reports] html_max_findings`` findings; otherwise an
overview page (summary, comparison, charts and a list of parts) and one page per agency
addressed, an agency with more findings split by month of the facts. People read official
Chinese only: record types, subjects and periods by their names, the findings on one subject
from one event in one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from enforcement_supervision.reports._charts import (
    bar_chart,
    column_chart,
    grouped_bar_chart,
    stacked_bar_chart,
)
from enforcement_supervision.reports._clocks import expiring_sections
from enforcement_supervision.reports._files import UniqueNames
from enforcement_supervision.reports._groups import FindingGroup, group_rows
from enforcement_supervision.reports._model import FindingRow, ReportData
from enforcement_supervision.reports._templates import environment
from enforcement_supervision.reports.vocabulary import (
    DOMAINS,
    SEVERITIES,
    category_label,
    domain_label,
    format_date,
    month_label,
    outcome_label,
    severity_label,
    status_label,
    text,
)
from enforcement_supervision.statutory_time import SHANGHAI

__all__ = ["render_html", "render_html_text"]


def _when(data: ReportData, moment: datetime) -> str:
    local = moment.astimezone(SHANGHAI)
    if data.lang == "en":
        return local.strftime("%Y-%m-%d %H:%M")
    return f"{format_date(local.date(), 'zh')} {local.strftime('%H:%M')}"


def _meta(data: ReportData) -> list[tuple[str, str]]:
    lang = data.lang
    scope = data.agency_name(data.agency) if data.agency else text("all_agencies", lang)
    meta = [(text("filters", lang), scope)]
    if data.date_from or data.date_to:
        first = format_date(data.date_from, lang) or "…"
        last = format_date(data.date_to, lang) or "…"
        meta.append(
            (text("period", lang), f"{first}至{last}" if lang == "zh" else f"{first} – {last}")
        )
    meta.append((text("as_of", lang), format_date(data.as_of, lang)))
    run = data.last_run
    if run is None:
        meta.append((text("last_run", lang), text("no_run", lang)))
    else:
        meta.append(
            (
                text("last_run", lang),
                f"{_when(data, run.started_at)}（{outcome_label(run.outcome, lang)}）",
            )
        )
    meta.append((text("audience", lang), text(f"audience_{data.audience}", lang)))
    meta.append((text("generated", lang), _when(data, data.generated_at)))
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
                "label": severity_label(severity, lang),
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


def _agency_label(data: ReportData, agency_id: str) -> str:
    return data.agency_name(agency_id) if agency_id else text("unassigned", data.lang)


def _title(key: str, suffix: str, lang: str) -> str:
    if lang == "zh":
        return f"{text(key, lang)}（{text(suffix, lang)}）"
    return f"{text(key, lang)} ({text(suffix, lang).lower()})"


def _charts(data: ReportData) -> list[dict[str, Any]]:
    lang = data.lang
    summary = data.summary
    empty = text("none", lang)
    agencies = [
        (_agency_label(data, agency_id), counts) for agency_id, counts in summary.by_agency.items()
    ]
    legend = {severity: severity_label(severity, lang) for severity in SEVERITIES}
    categories = [
        (category_label(name, lang), count) for name, count in summary.by_category.items()
    ]
    months = [
        (month_label(int(key[:4]), int(key[5:7]), lang), count)
        for key, count in summary.by_month.items()
    ]
    return [
        {
            "title": _title("by_agency", "active", lang),
            "svg": Markup(
                stacked_bar_chart(
                    agencies, title=text("by_agency", lang), empty=empty, legend=legend
                )
            ),
        },
        {
            "title": _title("by_category", "active", lang),
            "svg": Markup(bar_chart(categories, title=text("by_category", lang), empty=empty)),
        },
        {
            "title": _title("by_month", "total", lang),
            "svg": Markup(column_chart(months, title=text("by_month", lang), empty=empty)),
        },
    ]


def _comparison(data: ReportData) -> dict[str, Any] | None:
    comparison = data.comparison
    if comparison is None:
        return None
    lang = data.lang
    keys = ("new", "resolved", "still_open", "overdue", "overdue_before")
    labels = {
        "new": text("new_findings", lang),
        "resolved": text("resolved_findings", lang),
        "still_open": text("still_open", lang),
        "overdue": text("overdue_now", lang),
        "overdue_before": text("overdue_before", lang),
    }
    series = {key: labels[key] for key in ("new", "resolved", "still_open")}
    agencies = [
        (_agency_label(data, agency), counts.to_dict())
        for agency, counts in comparison.by_agency.items()
    ]
    categories = [
        (category_label(name, lang), counts.to_dict())
        for name, counts in comparison.by_category.items()
    ]
    return {
        "since": f"{format_date(comparison.since, lang)}的检查"
        if lang == "zh"
        else f"the check of {format_date(comparison.since, lang)}",
        "cards": [{"value": comparison.total.to_dict()[key], "label": labels[key]} for key in keys],
        "headers": [labels[key] for key in keys],
        "by_agency": [(name, [counts[key] for key in keys]) for name, counts in agencies],
        "by_category": [(name, [counts[key] for key in keys]) for name, counts in categories],
        "svg": Markup(
            grouped_bar_chart(
                agencies,
                series=series,
                title=text("compare", lang),
                empty=text("none", lang),
            )
        ),
    }


def _row(data: ReportData, group: FindingGroup) -> dict[str, Any]:
    lang = data.lang
    first = group.first
    badges: list[dict[str, str]] = []
    if any(row.new_since_last_run and row.active for row in group.rows):
        badges.append({"css": "new", "text": text("new", lang)})
    if any(row.in_baseline for row in group.rows):
        badges.append({"css": "", "text": text("in_baseline", lang)})
    if group.overdue:
        badges.append({"css": "overdue", "text": text("overdue", lang)})
    if any(row.finding.provisional for row in group.rows):
        badges.append({"css": "", "text": text("provisional", lang)})
    for row in group.rows:
        if row.follow.rectified_on:
            rectified = format_date(row.follow.rectified_on, lang)
            badges.append({"css": "", "text": f"{text('rectified_on', lang)} {rectified}"})
        if row.follow.verified_by:
            badges.append(
                {"css": "", "text": f"{text('verified_by', lang)} {row.follow.verified_by}"}
            )
    waivers = [
        row.follow.waiver.justification for row in group.rows if row.follow.waiver and row.waived
    ]
    problems = [
        {
            "title": data.rule(row.rule_id).title(lang),
            "message": row.people_message,
            "severity": row.severity,
            "severity_label": severity_label(row.severity, lang),
            "status": status_label(row.status, lang),
            "reasons": row.people_reasons,
        }
        for row in group.rows
    ]
    deadline = group.deadline
    return {
        "agency": first.addressed_to or "",
        "agency_name": _agency_label(data, first.addressed_to or ""),
        "categories": " ".join(group.categories),
        "severities": " ".join(group.severities),
        "severity": group.severity,
        "severity_label": severity_label(group.severity, lang),
        "statuses": " ".join(group.statuses),
        "status_label": "、".join(status_label(status, lang) for status in group.statuses)
        if lang == "zh"
        else ", ".join(status_label(status, lang) for status in group.statuses),
        "subject": group.subject_label,
        "record_type": first.record_type_label,
        "domain": first.domain,
        "domain_label": domain_label(first.domain, lang),
        "problems": problems,
        "basis": ("；" if lang == "zh" else "; ").join(group.citations(lang, data)),
        "facts_date": format_date(group.fact_date, lang),
        "found_on": format_date(group.found_on, lang),
        "deadline": format_date(deadline, lang),
        "overdue": group.overdue,
        "badges": badges,
        "waiver": "；".join(waivers),
    }


def _options(data: ReportData, groups: Sequence[FindingGroup]) -> dict[str, list[tuple[str, str]]]:
    lang = data.lang
    agencies = sorted({group.addressed_to or "" for group in groups})
    categories = sorted({category for group in groups for category in group.categories})
    statuses = sorted({status for group in groups for status in group.statuses})
    domains = {group.first.domain for group in groups}
    return {
        "agency": [(agency_id, _agency_label(data, agency_id)) for agency_id in agencies],
        # The areas of the township's duties, in the order reports list them (行政执法 …
        # 信访、复议应诉、重大行政决策、规范性文件与合同).
        "domain": [(name, domain_label(name, lang)) for name in DOMAINS if name in domains],
        "category": [(name, category_label(name, lang)) for name in categories],
        "severity": [(severity, severity_label(severity, lang)) for severity in SEVERITIES],
        "status": [(status, status_label(status, lang)) for status in statuses],
    }


_LABELS = (
    "summary",
    "charts",
    "findings",
    "agency",
    "domain",
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
    "facts_date",
    "deadline",
    "waiver",
    "no_findings",
    "errors",
    "compare",
    "compare_since",
    "parts",
    "by_agency",
    "count",
)


def _errors(data: ReportData) -> list[str]:
    """The last run's rule and plugin errors: what went wrong for the internal audience;
    for anyone else only how many (exception text may quote anything a record holds)."""
    if not data.run_errors:
        return []
    lang = data.lang
    if data.audience != "internal":
        count = sum(int(error.get("count") or 1) for error in data.run_errors)
        return [text("errors_hidden", lang).format(count=count)]
    lines = []
    for error in data.run_errors:
        rule_id = str(error.get("rule_id") or "")
        title = data.rules[rule_id].title(lang) if rule_id in data.rules else rule_id
        count = error.get("count") or 1
        if lang == "zh":
            lines.append(
                f"{title or error.get('plugin') or ''}：{error.get('message')}（{count}次）"
            )
        else:
            lines.append(
                f"{error.get('kind')} · {title or '-'} · {error.get('message')} (×{count})"
            )
    return lines


def _sort_groups(groups: list[FindingGroup]) -> list[FindingGroup]:
    return sorted(
        groups,
        key=lambda group: (
            not group.active,
            group.severity,
            group.addressed_to or "",
            -group.period_date.toordinal(),
        ),
    )


#: The labels of the "即将到期" section (early warning, docs/guide/early-warning.md).
_EXPIRING_ZH = {
    "title": "即将到期",
    "note": "法定期限即将届满（黄灯）或已经届满（红灯）的办理事项，按执法主体列出；"
    "灯色按官方节假日安排计算，每日检查后更新。",
    "light": "灯色",
    "matter": "事项",
    "subject": "办理对象",
    "start": "起算",
    "due": "期限届满",
    "left": "剩余时间",
}
_EXPIRING_EN = {
    "title": "Due soon",
    "note": "Statutory periods running out (yellow) or passed (red), by agency; lights counted "
    "on the official calendar and updated by each check.",
    "light": "Light",
    "matter": "Matter",
    "subject": "Subject",
    "start": "Started",
    "due": "Due",
    "left": "Time left",
}


def _page(
    data: ReportData,
    *,
    groups: Sequence[FindingGroup] | None,
    heading: str = "",
    parts: Sequence[tuple[str, str, int]] = (),
    note: str = "",
    overview: bool = True,
) -> str:
    lang = data.lang
    rows = [_row(data, group) for group in groups] if groups is not None else None
    count = sum(len(group.rows) for group in groups) if groups is not None else 0
    footer = (
        f"Generated from the stored findings (report data format {data.schema_version}); "
        "no rule was run again."
        if lang == "en"
        else f"本报告依据已存储的检查结果生成，未重新运行规则（数据格式 {data.schema_version}）。"
    )
    template = environment().get_template("report.html.j2")
    return template.render(
        lang=lang,
        title=text("report_title", lang) + (f" · {heading}" if heading else ""),
        generator=f"{data.tool_name} {data.tool_version}",
        meta=_meta(data),
        t={key: text(key, lang) for key in _LABELS},
        overview=overview,
        cards=_cards(data) if overview else [],
        charts=_charts(data) if overview else [],
        comparison=_comparison(data) if overview else None,
        expiring=expiring_sections(data) if overview else [],
        et=_EXPIRING_EN if lang == "en" else _EXPIRING_ZH,
        errors=_errors(data) if overview else [],
        options=_options(data, groups or ()),
        rows=rows,
        count=count,
        parts=parts,
        note=note,
        footer=footer,
        font_note=text("font_note", lang),
    )


def render_html_text(data: ReportData, *, max_findings: int | bool | None = True) -> str:
    """The HTML report on one page, whatever its size (for small reports and tests)."""
    groups = _sort_groups(group_rows(data.findings))
    return _page(data, groups=groups)


def _parts_of(data: ReportData, limit: int) -> Iterable[tuple[str, str, list[FindingGroup]]]:
    """``(agency id, part label, groups)`` of each page: one per agency addressed, an agency
    with more than ``limit`` findings split by month of the facts (and into pieces when a
    month still has more)."""
    # Every agency a finding is addressed to (closed and resolved ones too), and "" for the
    # findings addressed to none; agencies without findings yield nothing.
    for agency_id in sorted({*data.agencies, *data.summary.by_agency}):
        rows: list[FindingRow] = list(data.iter_findings(order="subject", agency=agency_id))
        if not rows:
            continue
        if len(rows) <= limit:
            yield agency_id, "", group_rows(rows)
            continue
        months: dict[tuple[int, int], list[FindingRow]] = {}
        for row in rows:
            months.setdefault((row.period_date.year, row.period_date.month), []).append(row)
        del rows
        for (year, month), members in sorted(months.items()):
            label = month_label(year, month, data.lang)
            groups = group_rows(members)
            chunks: list[list[FindingGroup]] = [[]]
            size = 0
            for group in groups:
                if size + len(group.rows) > limit and chunks[-1]:
                    chunks.append([])
                    size = 0
                chunks[-1].append(group)
                size += len(group.rows)
            for n, chunk in enumerate(chunks, 1):
                yield agency_id, label if len(chunks) == 1 else f"{label}-{n}", chunk


def render_html(data: ReportData, out: Path) -> list[Path]:
    """Write the HTML report to ``out``; when it has more than ``[reports]
    html_max_findings`` findings, ``out`` is an overview and the findings are in pages per
    agency (by month when need be) in the folder ``<out stem>-分册`` beside it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    limit = data.settings.html_max_findings
    if not limit or data.summary.total <= limit:
        out.write_text(render_html_text(data), encoding="utf-8")
        return [out]
    folder = out.parent / f"{out.stem}-{'parts' if data.lang == 'en' else '分册'}"
    folder.mkdir(parents=True, exist_ok=True)
    names = UniqueNames()
    written: list[Path] = []
    parts: list[tuple[str, str, int]] = []
    for agency_id, label, groups in _parts_of(data, limit):
        name = _agency_label(data, agency_id) + (f"-{label}" if label else "")
        path = folder / f"{names.stem(name, f'{agency_id}/{label}')}.html"
        page = _page(data, groups=_sort_groups(groups), heading=name, overview=False)
        path.write_text(page, encoding="utf-8")
        written.append(path)
        parts.append((name, f"{folder.name}/{path.name}", sum(len(g.rows) for g in groups)))
    note = text("split_note", data.lang).format(limit=limit)
    out.write_text(_page(data, groups=None, parts=parts, note=note), encoding="utf-8")
    return [out, *written]
