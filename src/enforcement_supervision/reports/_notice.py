"""Supervision opinion notices (行政执法监督意见书): one printable document per agency.

Formal Chinese layout after GB/T 9704 (A4; margins 37/35/28/26 mm; title in 小标宋 二号,
body in 仿宋 三号, headings in 黑体/楷体; 28 pt lines): title, document number, addressee,
the facts found with their legal basis and deadline traces, the rectification required and
its deadline, the issuing office and date. Written as ``.docx`` (python-docx, the ``docx``
extra) and as print-ready ``.html``. Only active findings are notified; the findings on one
subject from one event are one item. A township-wide finding (no agency) is addressed to the
township's own office (``[reports] township_agency``); the issuing office and the number
series come from ``[notice]`` (a clear error without them).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.reports._files import UniqueNames
from enforcement_supervision.reports._groups import FindingGroup, group_rows
from enforcement_supervision.reports._model import ReportData
from enforcement_supervision.reports._render import require
from enforcement_supervision.reports._templates import environment
from enforcement_supervision.reports.vocabulary import (
    DOMAINS,
    domain_label,
    format_date,
    month_label,
    text,
)
from enforcement_supervision.statutory_time import (
    SHANGHAI,
    CalendarUnavailable,
    deadline_in_calendar_days,
    default_calendar,
)

__all__ = ["Notice", "NoticeItem", "build_notices", "render_notices", "write_notice"]

_CHINESE_NUMBERS = "一二三四五六七八九十"


def _chinese_number(n: int) -> str:
    if n <= 10:
        return _CHINESE_NUMBERS[n - 1]
    if n < 20:
        return "十" + _CHINESE_NUMBERS[n - 11]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CHINESE_NUMBERS[tens - 1] + "十" + (_CHINESE_NUMBERS[ones - 1] if ones else "")
    return str(n)


def item_number(n: int, lang: str) -> str:
    """``（一）`` … in Chinese, ``1.`` in English."""
    return f"{n}." if lang == "en" else f"（{_chinese_number(n)}）"


@attrs.frozen(kw_only=True)
class NoticeItem:
    """One problem in a notice: the findings on one subject from one event."""

    heading: str
    lines: tuple[str, ...]
    basis: str
    traces: tuple[str, ...]
    deadline: date
    own_deadline: bool
    domain: str
    fingerprints: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Notice:
    """One notice, ready to lay out."""

    agency_id: str
    title: str
    number: str
    addressee: str
    intro: str
    items: tuple[NoticeItem, ...]
    domains: tuple[str, ...]
    requirement: str
    office: str
    signature: str
    issued_on: date
    issued_text: str
    deadline: date
    deadline_trace: str
    copy_to: str
    lang: str
    file_stem: str
    part: str = ""
    #: Headings and labels of another kind of letter in the same layout (the reminder
    #: letters of early warning): ``problems``, ``required``, ``basis``, ``deadline``.
    labels: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def problems_heading(self) -> str:
        if "problems" in self.labels:
            return self.labels["problems"]
        return "I. Problems found" if self.lang == "en" else "一、发现的问题"


def _default_deadline(issued: date, days: int, lang: str) -> tuple[date, str]:
    calendar = default_calendar(provisional=True)
    try:
        deadline = deadline_in_calendar_days(
            issued,
            days,
            calendar,
            rollover=True,
            start_label="送达",
            start_label_en="notice",
        )
    except CalendarUnavailable:  # pragma: no cover - provisional calendars cover every year
        from datetime import timedelta

        due = issued + timedelta(days=days)
        return due, due.isoformat()
    return deadline.due_date, deadline.trace_text(lang)


def _period(groups: Sequence[FindingGroup], data: ReportData) -> tuple[date | None, date | None]:
    """The period the notice speaks of: the report's period, else the span of the dates of
    its facts."""
    known = [row.fact_date for group in groups for row in group.rows if row.fact_date is not None]
    first = data.date_from or (min(known) if known else None)
    last = data.date_to or (max(known) if known else None)
    return first, last


def _period_text(first: date | None, last: date | None, lang: str) -> str:
    if lang == "en":
        if first and last:
            return f" for the period {first.isoformat()} to {last.isoformat()}"
        one = first or last
        if one is not None:
            return f" {'from' if first else 'up to'} {one.isoformat()}"
        return ""
    if first and last:
        if first == last:
            return f"{format_date(first, lang)}"
        return f"{format_date(first, lang)}至{format_date(last, lang)}期间"
    if first:
        return f"{format_date(first, lang)}以来"
    if last:
        return f"{format_date(last, lang)}以前"
    return ""


_NUMBER = re.compile(r"〔(\d{4})〕(\d+)号$")


def _first_number(data: ReportData, prefix: str, year: int) -> int:
    """The next number of the series: ``[notice] first_number``, else one after the highest
    number of ``year`` the store already knows (from notified findings)."""
    if data.settings.first_number:
        return data.settings.first_number
    used = [
        int(match.group(2))
        for number in data.notice_numbers_used
        if number.startswith(prefix)
        and (match := _NUMBER.search(number)) is not None
        and int(match.group(1)) == year
    ]
    return max(used, default=0) + 1


def _numbered(level: int, n: int, lang: str) -> str:
    """GB/T 9704 numbering: level 1 ``（一）``, level 2 ``1.``, level 3 ``（1）``."""
    if lang == "en":
        return f"{n}." if level < 3 else f"({n})"
    if level == 1:
        return f"（{_chinese_number(n)}）"
    if level == 2:
        return f"{n}."
    return f"（{n}）"


def _item(
    group: FindingGroup, data: ReportData, level: int, index: int, issued: date, default_due: date
) -> NoticeItem:
    lang = data.lang
    en = lang == "en"
    rows = [row for row in group.rows if row.active]
    end = "." if en else "。"
    lines: tuple[str, ...]
    if len(rows) == 1:
        lines = (rows[0].people_message.rstrip("。.") + end,)
    else:
        lines = tuple(
            f"{_numbered(level + 1, n, lang)}{data.rule(row.rule_id).title(lang)}"
            f"{': ' if en else '：'}{row.people_message.rstrip('。.')}{end}"
            for n, row in enumerate(rows, 1)
        )
    traces: dict[str, None] = {}
    for row in rows:
        traces.update(dict.fromkeys(row.people_traces))
    owns = [
        row.follow.rectification_due
        for row in rows
        if row.follow.rectification_due is not None and row.follow.rectification_due >= issued
    ]
    own = min(owns) if owns else None
    return NoticeItem(
        heading=f"{_numbered(level, index, lang)}{group.subject_label}",
        lines=lines,
        basis=("; " if en else "；").join(group.citations(lang, data)),
        traces=tuple(traces),
        deadline=own if own is not None else default_due,
        own_deadline=own is not None,
        domain=group.first.domain,
        fingerprints=tuple(row.fingerprint for row in rows),
    )


def _parts(groups: list[FindingGroup], limit: int) -> list[tuple[str, list[FindingGroup]]]:
    """The notices of one agency: one, or (more than ``limit`` problems) one per month of
    the facts, each month cut into parts of ``limit`` problems if need be."""
    if len(groups) <= limit:
        return [("", groups)]
    by_month: dict[tuple[int, int], list[FindingGroup]] = {}
    for group in sorted(groups, key=lambda g: g.period_date):
        by_month.setdefault((group.period_date.year, group.period_date.month), []).append(group)
    parts: list[tuple[str, list[FindingGroup]]] = []
    for (year, month), members in by_month.items():
        label = month_label(year, month)
        chunks = [members[i : i + limit] for i in range(0, len(members), limit)]
        for n, chunk in enumerate(chunks, 1):
            parts.append(
                (label if len(chunks) == 1 else f"{label}（之{_chinese_number(n)}）", chunk)
            )
    return parts


def build_notices(data: ReportData) -> list[Notice]:
    """The notices of the report's active findings, one per agency addressed (a township-wide
    finding goes to the township's own office), split by month of the facts when an agency
    has more than ``[notice] max_items`` problems."""
    lang = data.lang
    en = lang == "en"
    settings = data.settings
    if data.summary.active == 0:
        return []
    settings.require_notice()
    office = str(settings.issuing_office)
    prefix = str(settings.document_prefix)
    issued = data.generated_at.astimezone(SHANGHAI).date()
    default_due, default_trace = _default_deadline(issued, settings.rectification_days, lang)
    loose = data.summary.by_agency.get("", {})
    if sum(loose.values()):
        raise ConfigurationError(
            f"有 {sum(loose.values())} 条全镇性问题（规则未指明执法主体），意见书须主送本级"
            "人民政府：请在配置文件 [reports] 中设置 township_agency（本级人民政府的编号）",
            f"{sum(loose.values())} township-wide finding(s) have no agency: set "
            "[reports] township_agency (the township's own office) to address them",
        )
    sequence = _first_number(data, prefix, issued.year)
    names = UniqueNames()
    title = settings.notice_title_en if en else settings.notice_title_zh
    notices: list[Notice] = []
    for agency_id in sorted(key for key in data.summary.by_agency if key):
        rows = [row for row in data.iter_findings(order="subject", agency=agency_id) if row.active]
        groups = [group for group in group_rows(rows) if group.active]
        if not groups:
            continue
        agency = data.agencies.get(agency_id)
        name = agency.name if agency is not None else agency_id
        parent = agency.parent_name if agency is not None else None
        for part, members in _parts(groups, settings.notice_max_items):
            members.sort(
                key=lambda g: (_DOMAIN_ORDER.get(g.first.domain, 99), g.severity, g.period_date)
            )
            domains = tuple(dict.fromkeys(g.first.domain for g in members))
            level = 2 if len(domains) > 1 else 1
            items: list[NoticeItem] = []
            counters: dict[str, int] = {}
            for group in members:
                counters[group.first.domain] = counters.get(group.first.domain, 0) + 1
                index = counters[group.first.domain] if level == 2 else len(items) + 1
                items.append(_item(group, data, level, index, issued, default_due))
            first, last = _period(members, data)
            deadline = max(item.deadline for item in items)
            problems = sum(len(item.fingerprints) for item in items)
            number = f"{prefix}〔{issued.year}〕{sequence}号"
            sequence += 1
            if en:
                intro = (
                    f"We supervised the administrative law enforcement of your agency"
                    f"{_period_text(first, last, lang)} and found the following problems "
                    f"({len(items)} matter(s), {problems} problem(s)):"
                )
                requirement = (
                    f"Please rectify the problems above and report the rectification to us in "
                    f"writing by {deadline.isoformat()}. Problems not rectified in time will be "
                    f"dealt with under the relevant provisions."
                )
            else:
                counted = (
                    f"{len(items)}个问题"
                    if problems == len(items)
                    else f"{len(items)}个方面的问题（共{problems}项）"
                )
                intro = (
                    f"本机关依法对你单位{_period_text(first, last, lang)}的行政执法情况进行了"
                    f"监督，发现以下{counted}："
                )
                requirement = (
                    f"请你单位对上述问题逐项整改，并于{format_date(deadline, lang)}前"
                    "将整改情况书面报送本机关。逾期未整改的，本机关将依照有关规定处理。"
                )
            stem_name = f"{title}-{name}" + (f"-{part}" if part else "")
            notices.append(
                Notice(
                    agency_id=agency_id,
                    title=title,
                    number=number,
                    addressee=f"{name}:" if en else f"{name}：",
                    intro=intro,
                    items=tuple(items),
                    domains=domains if level == 2 else (),
                    requirement=requirement,
                    office=office,
                    signature=f"{office}{settings.seal_line}",
                    issued_on=issued,
                    issued_text=format_date(issued, lang),
                    deadline=deadline,
                    deadline_trace=default_trace,
                    copy_to=(
                        (f"Copy to: {parent}." if en else f"抄送：{parent}。")
                        if settings.copy_to_superior and parent
                        else ""
                    ),
                    lang=lang,
                    file_stem=names.stem(stem_name, f"{agency_id}/{part}"),
                    part=part,
                )
            )
    return notices


_DOMAIN_ORDER = {name: position for position, name in enumerate(DOMAINS)}


# --------------------------------------------------------------------------------------------
# .docx

#: Paragraph styles of the notices (GB/T 9704): name → (east-Asian font, size pt, line pt,
#: alignment, first-line indent in characters).
_STYLES: dict[str, tuple[str, float, float, str, int]] = {
    "Esup Title": ("方正小标宋简体", 22, 36, "center", 0),
    "Esup Number": ("仿宋_GB2312", 16, 28, "center", 0),
    "Esup Addressee": ("仿宋_GB2312", 16, 28, "left", 0),
    "Esup Body": ("仿宋_GB2312", 16, 28, "justify", 2),
    "Esup Heading 1": ("黑体", 16, 28, "justify", 2),
    "Esup Heading 2": ("楷体_GB2312", 16, 28, "justify", 2),
    "Esup Signature": ("仿宋_GB2312", 16, 28, "right", 0),
    "Esup Signature First": ("仿宋_GB2312", 16, 28, "right", 0),
    "Esup Copy": ("仿宋_GB2312", 14, 28, "left", 0),
}
#: Space before a style's paragraphs (pt): the signature stands apart from the text.
_SPACE_BEFORE = {"Esup Signature First": 56.0, "Esup Copy": 28.0}


def _add_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    alignments = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    for name, (font, size, line, align, indent) in _STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        properties = style.element.get_or_add_rPr()
        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            fonts = properties.makeelement(qn("w:rFonts"), {})
            properties.append(fonts)
        fonts.set(qn("w:eastAsia"), font)
        paragraph = style.paragraph_format
        paragraph.alignment = alignments[align]
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(line)
        paragraph.space_before = Pt(_SPACE_BEFORE.get(name, 0))
        paragraph.space_after = Pt(0)
        paragraph.first_line_indent = Pt(size * indent) if indent else None


class _Writer:
    """Appends styled paragraphs in constant time each (python-docx's ``add_paragraph``
    searches the body for the section properties on every call, which is quadratic)."""

    def __init__(self, document: Any) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        self._sentinel = document.element.body.get_or_add_sectPr()
        self._templates = {
            name: parse_xml(
                f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{document.styles[name].style_id}"/>'
                '</w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
            )
            for name in _STYLES
        }

    def add(self, style: str, content: str) -> None:
        paragraph = copy.deepcopy(self._templates[style])
        paragraph[1][0].text = _xml_text(content)
        self._sentinel.addprevious(paragraph)


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _INVALID_XML.sub("\ufffd", value)


def _property(value: str) -> str:
    """A document property: XML text of at most 255 characters (python-docx's limit)."""
    text = _xml_text(value)
    return text if len(text) <= 255 else text[:254] + "…"


def _labels(lang: str, own: Mapping[str, str] | None = None) -> dict[str, str]:
    en = lang == "en"
    return {
        "required": "II. Rectification required" if en else "二、整改要求",
        "basis": "Legal basis: " if en else "法律依据：",
        "deadline": "Rectify by: " if en else "整改期限：",
        **(own or {}),
    }


def _domain_heading(domain: str, index: int, lang: str) -> str:
    if lang == "en":
        return f"({index}) {domain_label(domain, lang)}"
    return f"（{_chinese_number(index)}）{domain_label(domain, lang)}方面"


def _docx(notice: Notice, out: Path) -> Path:
    from docx import Document
    from docx.shared import Mm

    lang = notice.lang
    labels = _labels(lang, notice.labels)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The properties are XML too, of at most 255 characters: an agency's name with a control
    # character or 300 characters long must not fail the notice.
    document.core_properties.title = _property(f"{notice.title} {notice.number}")
    document.core_properties.subject = _property(notice.addressee.rstrip(":："))
    document.core_properties.author = _property(notice.office)
    _add_styles(document)
    body = document.element.body
    for paragraph in list(body.p_lst):  # the default template's empty paragraph, if any
        body.remove(paragraph)
    write = _Writer(document).add
    write("Esup Title", notice.title)
    write("Esup Number", notice.number)
    write("Esup Addressee", notice.addressee)
    write("Esup Body", notice.intro)
    write("Esup Heading 1", notice.problems_heading)
    domain = None
    for item in notice.items:
        if notice.domains and item.domain != domain:
            domain = item.domain
            write("Esup Heading 1", _domain_heading(domain, notice.domains.index(domain) + 1, lang))
        write("Esup Heading 2", item.heading)
        for line in item.lines:
            write("Esup Body", line)
        if item.basis:
            write("Esup Body", labels["basis"] + item.basis)
        for trace in item.traces:
            write("Esup Body", trace)
        if item.own_deadline:
            write("Esup Body", labels["deadline"] + format_date(item.deadline, lang))
    write("Esup Heading 1", labels["required"])
    write("Esup Body", notice.requirement)
    write("Esup Signature First", notice.signature)
    write("Esup Signature", notice.issued_text)
    if notice.copy_to:
        write("Esup Copy", notice.copy_to)
    path = out / f"{notice.file_stem}.docx"
    document.save(str(path))
    return path


# --------------------------------------------------------------------------------------------
# .html


def _html(notice: Notice, out: Path) -> Path:
    template = environment().get_template("notice.html.j2")
    page = template.render(
        notice=notice,
        lang=notice.lang,
        labels=_labels(notice.lang, notice.labels),
        domain_heading=_domain_heading,
        format_date=format_date,
        font_note=text("font_note", notice.lang),
    )
    path = out / f"{notice.file_stem}.html"
    path.write_text(page, encoding="utf-8")
    return path


def render_notices(data: ReportData, out: Path) -> list[Path]:
    """Write one ``.docx`` and one print-ready ``.html`` per notice into the directory
    ``out`` (``行政执法监督意见书-<addressee>.docx``; a notice split by month names the
    month); return the paths written."""
    require("docx", "docx")
    notices = build_notices(data)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for notice in notices:
        written.extend(write_notice(notice, out))
    # Early warning: a reminder letter (提醒函) per agency with yellow clocks, same layout.
    from enforcement_supervision.reports._clocks import build_reminders

    for letter in build_reminders(data):
        written.extend(write_notice(letter, out))
    return written


def write_notice(notice: Notice, out: Path) -> list[Path]:
    """One notice (or letter in the notice layout) as ``.docx`` and print-ready ``.html``."""
    out.mkdir(parents=True, exist_ok=True)
    return [_docx(notice, out), _html(notice, out)]
