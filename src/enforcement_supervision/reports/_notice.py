"""Supervision opinion notices (行政执法监督意见书): one printable document per agency.

Formal Chinese layout after GB/T 9704 (A4; margins 37/35/28/26 mm; title in 小标宋 二号,
body in 仿宋 三号, headings in 黑体/楷体; 28 pt lines): title, document number, addressee,
the facts found with their legal basis and deadline traces, the rectification required and
its deadline, the issuing office and date. Written as ``.docx`` (python-docx, the ``docx``
extra) and as print-ready ``.html``. Only active findings are notified; findings without an
agency get no notice.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.reports._labels import format_date, text
from enforcement_supervision.reports._model import FindingRow, ReportData
from enforcement_supervision.reports._render import require
from enforcement_supervision.reports._templates import environment
from enforcement_supervision.statutory_time import (
    SHANGHAI,
    CalendarUnavailable,
    deadline_in_calendar_days,
    default_calendar,
)

__all__ = ["Notice", "NoticeItem", "build_notices", "render_notices"]

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
    """One problem in a notice."""

    heading: str
    message: str
    subject: str
    basis: str
    traces: tuple[str, ...]
    deadline: date
    own_deadline: bool
    fingerprint: str


@attrs.frozen(kw_only=True)
class Notice:
    """One agency's notice, ready to lay out."""

    agency_id: str
    title: str
    number: str
    addressee: str
    intro: str
    items: tuple[NoticeItem, ...]
    requirement: str
    office: str
    issued_on: date
    issued_text: str
    deadline: date
    deadline_trace: str
    lang: str

    @property
    def file_stem(self) -> str:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", self.agency_id).strip("._") or "agency"
        return f"notice-{safe}"


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


def _period(rows: Sequence[FindingRow], data: ReportData) -> tuple[date | None, date | None]:
    """The period the notice speaks of: the report's period, else the span of the facts
    dates of its findings (``None`` when unknown)."""
    facts = [row.finding.fact_date or row.finding.reasons.facts_date for row in rows]
    known = [day for day in facts if day is not None]
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
            return f"{format_date(first, lang, formal=True)}"
        return (
            f"{format_date(first, lang, formal=True)}至{format_date(last, lang, formal=True)}期间"
        )
    if first:
        return f"{format_date(first, lang, formal=True)}以来"
    if last:
        return f"{format_date(last, lang, formal=True)}以前"
    return ""


def build_notices(data: ReportData) -> list[Notice]:
    """The notices of the report's active findings, one per agency (agency id order)."""
    lang = data.lang
    en = lang == "en"
    settings = data.settings
    issued = data.generated_at.astimezone(SHANGHAI).date()
    default_due, default_trace = _default_deadline(issued, settings.rectification_days, lang)
    notices: list[Notice] = []
    groups = [(agency, rows) for agency, rows in data.by_agency().items() if agency is not None]
    for sequence, (agency_id, rows) in enumerate(groups, 1):
        agency = data.agencies.get(agency_id)
        name = agency.name if agency is not None else agency_id
        office = (
            settings.issuing_office
            or (agency.supervisor_name if agency is not None else None)
            or ("the supervising office" if en else "行政执法监督机构")
        )
        numbers = {row.follow.notice_number for row in rows if row.follow.notice_number}
        number = (
            numbers.pop()
            if len(numbers) == 1
            else f"{settings.document_prefix}〔{issued.year}〕{sequence}号"
        )
        first, last = _period(rows, data)
        items: list[NoticeItem] = []
        for index, row in enumerate(rows, 1):
            rule = data.rule(row.rule_id)
            own = row.follow.rectification_due
            own_deadline = own is not None and own >= issued
            items.append(
                NoticeItem(
                    heading=f"{item_number(index, lang)}{rule.title(lang)}",
                    message=row.message(lang),
                    subject=row.subject_text,
                    basis=("; " if en else "；").join(row.citations(lang))
                    or ("; " if en else "；").join(
                        # Never another place's law: local instruments only via the finding.
                        b.cite(lang)
                        for b in rule.legal_basis
                        if not b.is_local
                    ),
                    traces=tuple(
                        f"{deadline.label}: {deadline.trace(lang)}"
                        if en
                        else f"{deadline.label}：{deadline.trace(lang)}"
                        for deadline in row.finding.reasons.deadlines
                    ),
                    deadline=own if own_deadline and own is not None else default_due,
                    own_deadline=own_deadline,
                    fingerprint=row.fingerprint,
                )
            )
        deadline = max(item.deadline for item in items)
        if en:
            intro = (
                f"We supervised the administrative law enforcement of your agency"
                f"{_period_text(first, last, lang)} and found the following "
                f"{len(items)} problem(s):"
            )
            requirement = (
                f"Please rectify the problems above and report the rectification to us in "
                f"writing by {deadline.isoformat()}. Problems not rectified in time will be "
                f"dealt with under the relevant provisions."
            )
        else:
            intro = (
                f"本机关依法对你单位{_period_text(first, last, lang)}的行政执法情况进行了监督，"
                f"发现以下{len(items)}个问题："
            )
            requirement = (
                f"请你单位对上述问题逐项整改，并于{format_date(deadline, lang, formal=True)}前"
                "将整改情况书面报送本机关。逾期未整改的，本机关将依照有关规定处理。"
            )
        notices.append(
            Notice(
                agency_id=agency_id,
                title=settings.notice_title_en if en else settings.notice_title_zh,
                number=number,
                addressee=f"{name}:" if en else f"{name}：",
                intro=intro,
                items=tuple(items),
                requirement=requirement,
                office=office,
                issued_on=issued,
                issued_text=format_date(issued, lang, formal=True),
                deadline=deadline,
                deadline_trace=default_trace,
                lang=lang,
            )
        )
    return notices


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
}


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
        paragraph.space_before = Pt(0)
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


def _docx(notice: Notice, out: Path) -> Path:
    from docx import Document
    from docx.shared import Mm

    en = notice.lang == "en"
    lang = notice.lang
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.core_properties.title = f"{notice.title} {notice.number}"
    document.core_properties.subject = notice.addressee.rstrip(":：")
    _add_styles(document)
    body = document.element.body
    for paragraph in list(body.p_lst):  # the default template's empty paragraph, if any
        body.remove(paragraph)
    write = _Writer(document).add
    write("Esup Title", notice.title)
    write("Esup Number", notice.number)
    write("Esup Addressee", "")
    write("Esup Addressee", notice.addressee)
    write("Esup Body", notice.intro)
    write("Esup Heading 1", "I. Problems found" if en else "一、发现的问题")
    basis_label = "Legal basis: " if en else "法律依据："
    subject_label = "Case / subject: " if en else "案件/对象："
    deadline_label = "Rectify by: " if en else "整改期限："
    for item in notice.items:
        write("Esup Heading 2", item.heading)
        write("Esup Body", item.message.rstrip("。.") + ("." if en else "。"))
        write("Esup Body", subject_label + item.subject)
        if item.basis:
            write("Esup Body", basis_label + item.basis)
        for trace in item.traces:
            write("Esup Body", trace)
        if item.own_deadline:
            write("Esup Body", deadline_label + format_date(item.deadline, lang, formal=True))
    write("Esup Heading 1", "II. Rectification required" if en else "二、整改要求")
    write("Esup Body", notice.requirement)
    write("Esup Signature", "")
    write("Esup Signature", notice.office)
    write("Esup Signature", notice.issued_text)
    path = out / f"{notice.file_stem}.docx"
    document.save(str(path))
    return path


# --------------------------------------------------------------------------------------------
# .html


def _html(notice: Notice, out: Path) -> Path:
    en = notice.lang == "en"
    template = environment().get_template("notice.html.j2")
    page = template.render(
        notice=notice,
        lang=notice.lang,
        labels={
            "problems": "I. Problems found" if en else "一、发现的问题",
            "required": "II. Rectification required" if en else "二、整改要求",
            "basis": "Legal basis: " if en else "法律依据：",
            "subject": "Case / subject: " if en else "案件/对象：",
            "deadline": "Rectify by: " if en else "整改期限：",
        },
        format_date=format_date,
        generator=text("report_title", notice.lang),
    )
    path = out / f"{notice.file_stem}.html"
    path.write_text(page, encoding="utf-8")
    return path


def render_notices(data: ReportData, out: Path) -> list[Path]:
    """Write ``notice-<agency>.docx`` and ``notice-<agency>.html`` into the directory
    ``out`` for every agency with active findings; return the paths written."""
    require("docx", "docx")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for notice in build_notices(data):
        written.append(_docx(notice, out))
        written.append(_html(notice, out))
    return written
