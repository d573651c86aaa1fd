"""The words reports print: one Chinese vocabulary (with English beside it) for every format.

Everything a person reads in a report — labels, record types, sectors, levels, statuses,
severities, periods, dates — is rendered from the tables of this module, so that the HTML
report, the notices, the ledger and the Markdown summary say the same thing the same way.

Adding a record type or a heading is a table entry:

* :data:`RECORD_TERMS` — per record type: its name (``行政处罚案件``), the *domain* heading it
  is listed under, the fields that hold the number officials use (case number, document
  number), and how to describe a record that has no such number
  (``"{date}对{enterprise.name}的{type}"``). A record type without an entry is named by the
  model's ``label_zh`` and listed under :data:`DEFAULT_DOMAIN`.
* :data:`DOMAINS` — the domain headings (行政执法、执法监督、信访、复议应诉、重大行政决策、
  规范性文件与合同 ...), in the order reports list them.
* :data:`SECTORS`, :data:`LEVELS` — sector codes and administrative levels; a deployment adds
  its own sectors under ``[reports.sectors]`` in the configuration.

:func:`people_text` turns the text a rule wrote (which may still quote record ids, ISO dates,
ISO weeks, sector codes or ``中文 / English`` labels) into official Chinese, given what the
ids stand for.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from enforcement_supervision.rules import Category, Severity

__all__ = [
    "CONFIG_TERMS",
    "DEFAULT_DOMAIN",
    "DOMAINS",
    "LEVELS",
    "RECORD_TERMS",
    "SECTORS",
    "SEVERITIES",
    "RecordTerms",
    "category_label",
    "domain_label",
    "enum_label",
    "format_date",
    "month_label",
    "people_text",
    "record_terms",
    "record_type_label",
    "sector_label",
    "severity_label",
    "status_label",
    "text",
    "week_label",
    "zh_part",
]

SEVERITIES: tuple[str, ...] = ("S1", "S2", "S3", "S4")

# --------------------------------------------------------------------------------------------
# Record types and the domains they are listed under

#: Domain headings, in the order reports list them. A record type names its domain in
#: :data:`RECORD_TERMS`; new domains are new entries here.
DOMAINS: dict[str, tuple[str, str]] = {
    "enforcement": ("行政执法", "Administrative enforcement"),
    "personnel": ("执法主体和人员", "Agencies and officers"),
    "disclosure": ("政务公开", "Government information"),
    "supervision": ("执法监督", "Enforcement supervision"),
    "petition": ("信访", "Petitions"),
    "review": ("复议应诉", "Reconsideration and litigation"),
    "decision": ("重大行政决策", "Major administrative decisions"),
    "normative": ("规范性文件与合同", "Normative documents and contracts"),
    "other": ("其他", "Other"),
}
DEFAULT_DOMAIN = "other"


@attrs.frozen(kw_only=True)
class RecordTerms:
    """How reports name a record type and its records.

    ``numbers`` are the fields holding the number officials use (the first one present
    wins) and ``number_label`` what that number is called. Without a number, a record is
    described by the first of ``short`` (in running text) or ``long`` (where the record is
    the subject of a row) whose every field is present: ``{field}`` or ``{party.name}``;
    dates are written ``2025年6月3日`` and enumeration values by their Chinese label.
    """

    label: str
    label_en: str
    domain: str = DEFAULT_DOMAIN
    numbers: tuple[str, ...] = ()
    number_label: str = "文号"
    short: tuple[str, ...] = ()
    long: tuple[str, ...] = ()


RECORD_TERMS: dict[str, RecordTerms] = {
    "agency": RecordTerms(
        label="执法主体", label_en="agency", domain="personnel", short=("{name}",)
    ),
    "officer": RecordTerms(
        label="执法人员",
        label_en="officer",
        domain="personnel",
        short=("{name}",),
        long=("执法人员{name}",),
    ),
    "matter-list": RecordTerms(
        label="事项清单",
        label_en="matter list",
        domain="personnel",
        numbers=("document_number",),
        short=("{title}",),
    ),
    "discretion-benchmark": RecordTerms(
        label="行政裁量基准",
        label_en="discretion benchmark",
        domain="enforcement",
        short=("{title}",),
    ),
    "delegation": RecordTerms(
        label="行政处罚委托",
        label_en="entrustment",
        domain="enforcement",
        numbers=("document_number",),
        short=("行政处罚委托",),
    ),
    "lead": RecordTerms(
        label="案件线索",
        label_en="lead",
        domain="enforcement",
        short=("{received_date}收到的线索",),
        long=(
            "{received_date}收到的{source}线索（当事人{party.name}）",
            "{received_date}收到的线索",
        ),
    ),
    "penalty-case": RecordTerms(
        label="行政处罚案件",
        label_en="penalty case",
        domain="enforcement",
        numbers=("case_number",),
        number_label="案号",
        short=("对{party.name}的行政处罚案件",),
        long=("对{party.name}的行政处罚案件（{filed_date}立案）", "对{party.name}的行政处罚案件"),
    ),
    "inspection": RecordTerms(
        label="涉企行政检查",
        label_en="inspection",
        domain="enforcement",
        numbers=("inspection_number",),
        number_label="检查编号",
        short=("{date}对{enterprise.name}的检查", "{date}的检查"),
        long=("{date}对{enterprise.name}的{type}",),
    ),
    "coercive-measure": RecordTerms(
        label="行政强制措施",
        label_en="coercive measure",
        domain="enforcement",
        numbers=("document_number",),
        number_label="决定书文号",
        short=("{start_date}实施的{kind}",),
        long=("{start_date}对{party.name}实施的{kind}", "{start_date}实施的{kind}"),
    ),
    "licence-application": RecordTerms(
        label="行政许可申请",
        label_en="licence application",
        domain="enforcement",
        numbers=("application_number",),
        number_label="申请编号",
        short=("{applicant.name}的许可申请",),
        long=(
            "{applicant.name}申请的{matter_name}（{received_date}收到）",
            "{applicant.name}的许可申请",
        ),
    ),
    "information-request": RecordTerms(
        label="政府信息公开申请",
        label_en="information request",
        domain="disclosure",
        short=("{received_date}收到的政府信息公开申请",),
    ),
    "information-disclosure": RecordTerms(
        label="主动公开的政府信息",
        label_en="information disclosure",
        domain="disclosure",
        short=("{title}",),
    ),
    "supervision-check": RecordTerms(
        label="行政执法监督检查",
        label_en="supervision check",
        domain="supervision",
        short=("{title}", "{date}的监督检查"),
    ),
    "liaison-point": RecordTerms(
        label="行政执法监督联系点",
        label_en="liaison point",
        domain="supervision",
        short=("{name}",),
        long=("监督联系点{name}",),
    ),
    "social-supervisor": RecordTerms(
        label="行政执法社会监督员",
        label_en="social supervisor",
        domain="supervision",
        short=("{name}",),
        long=("社会监督员{name}",),
    ),
    "feedback": RecordTerms(
        label="意见建议",
        label_en="feedback",
        domain="supervision",
        short=("{received_date}收到的意见建议",),
    ),
    "complaint": RecordTerms(
        label="执法投诉举报",
        label_en="complaint",
        domain="supervision",
        short=("{received_date}收到的投诉举报",),
    ),
    # Petitions, remedies, major decisions, normative documents and contracts (issue 15).
    # No description names a petitioner, an applicant, a plaintiff or a counterparty.
    "petition": RecordTerms(
        label="信访事项",
        label_en="petition",
        domain="petition",
        short=("{received_date}收到的信访事项",),
    ),
    "reconsideration": RecordTerms(
        label="行政复议案件",
        label_en="reconsideration",
        domain="review",
        numbers=("case_number",),
        number_label="复议案号",
        short=(
            "{copy_received_date}收到申请书副本的行政复议案件",
            "{accepted_date}受理的行政复议案件",
            "{filed_date}申请的行政复议案件",
        ),
    ),
    "lawsuit": RecordTerms(
        label="行政诉讼案件",
        label_en="lawsuit",
        domain="review",
        numbers=("case_number",),
        number_label="案号",
        short=(
            "{complaint_copy_received_date}收到起诉状副本的行政诉讼案件",
            "{filed_date}立案的行政诉讼案件",
        ),
        long=("{court}受理的行政诉讼案件（{complaint_copy_received_date}收到起诉状副本）",),
    ),
    "major-decision": RecordTerms(
        label="重大行政决策",
        label_en="major decision",
        domain="decision",
        short=("{title}",),
        long=("重大行政决策“{title}”",),
    ),
    "normative-document": RecordTerms(
        label="行政规范性文件",
        label_en="normative document",
        domain="normative",
        numbers=("document_number",),
        number_label="文号",
        short=("《{title}》",),
        long=("规范性文件《{title}》",),
    ),
    "contract": RecordTerms(
        label="行政协议和合同",
        label_en="contract",
        domain="normative",
        short=("《{title}》",),
        long=("合同《{title}》（{signed_date}签订）", "合同《{title}》"),
    ),
    # Group subjects (what a group rule's finding is about).
    "enterprise": RecordTerms(label="企业", label_en="enterprise", domain="enforcement"),
    "party": RecordTerms(label="当事人", label_en="party", domain="enforcement"),
}


@functools.cache
def record_terms(record_type: str) -> RecordTerms:
    """The terms of ``record_type`` (for a type without an entry: the model's ``label_zh``)."""
    found = RECORD_TERMS.get(record_type)
    if found is not None:
        return found
    label = "记录"
    try:
        from enforcement_supervision.model import record_class

        label = str(record_class(record_type).label_zh)
    except Exception:  # an unknown type or group name: a neutral word, never the slug
        pass
    return RecordTerms(label=label, label_en=record_type.replace("-", " "))


def record_type_label(record_type: str, lang: str = "zh") -> str:
    terms = record_terms(record_type)
    return terms.label_en if lang == "en" else terms.label


def domain_label(domain: str, lang: str = "zh") -> str:
    zh, en = DOMAINS.get(domain, DOMAINS[DEFAULT_DOMAIN])
    return en if lang == "en" else zh


# --------------------------------------------------------------------------------------------
# Sectors, levels and enumeration values

#: Sector codes (``Agency.sector``, ``matter_domain``, rule parameters) → official names.
SECTORS: dict[str, str] = {
    "township_comprehensive": "乡镇综合行政执法",
    "comprehensive": "综合行政执法",
    "market_regulation": "市场监管",
    "ecology_environment": "生态环境",
    "environment": "生态环境",
    "emergency_management": "应急管理",
    "health": "卫生健康",
    "justice": "司法行政",
    "transport": "交通运输",
    "agriculture": "农业农村",
    "agriculture_rural": "农业农村",
    "natural_resources": "自然资源",
    "housing_construction": "住房和城乡建设",
    "urban_management": "城市管理",
    "culture_tourism": "文化市场",
    "culture": "文化市场",
    "public_security": "公安",
    "fire_rescue": "消防救援",
    "water": "水利",
    "water_resources": "水利",
    "forestry": "林业",
    "commerce": "商务",
    "civil_affairs": "民政",
    "human_resources": "人力资源和社会保障",
    "education": "教育",
    "taxation": "税务",
    "medical_security": "医疗保障",
    "drug_administration": "药品监管",
    "statistics": "统计",
    "veterinary": "动物卫生",
    "fisheries": "渔业",
    "tobacco": "烟草专卖",
    "other": "其他",
}

#: Administrative levels (also the keys of per-level parameters such as inspection caps).
LEVELS: dict[str, str] = {
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇级",
    "city+county": "市县两级",
    "national": "国家级",
}

_SEVERITY_SHORT = {"S1": "一级", "S2": "二级", "S3": "三级", "S4": "四级"}


@functools.cache
def _enum_labels() -> dict[str, str]:
    """Every enumeration value of the model → its Chinese label (first one wins)."""
    from enforcement_supervision.model import _enums

    found: dict[str, str] = {}
    for value in vars(_enums).values():
        if isinstance(value, type) and issubclass(value, _enums.ZhEnum):
            for member in value:
                if member.label_zh:
                    found.setdefault(str(member.value), member.label_zh)
    return found


def enum_label(value: str) -> str | None:
    """The Chinese label of an enumeration value, a sector or a level (``None``: unknown)."""
    return SECTORS.get(value) or LEVELS.get(value) or _enum_labels().get(value)


_extra_sectors: dict[str, str] = {}


def configure_sectors(sectors: Mapping[str, str]) -> None:
    """Add a deployment's own sector names (``[reports.sectors]``)."""
    _extra_sectors.clear()
    _extra_sectors.update({str(k): str(v) for k, v in sectors.items()})


def sector_label(code: str | None, lang: str = "zh") -> str:
    if not code:
        return ""
    if lang == "en":
        return code.replace("_", " ")
    return _extra_sectors.get(code) or SECTORS.get(code) or "其他执法领域"


# --------------------------------------------------------------------------------------------
# Labels

_STATUS = {
    "open": ("待整改", "open"),
    "reopened": ("重新打开", "reopened"),
    "resolved": ("已消除", "resolved"),
    "notified": ("已通知整改", "notified"),
    "rectified": ("已整改待核验", "rectified"),
    "closed": ("已办结", "closed"),
    "waived": ("已豁免", "waived"),
}

_OUTCOMES = {
    "ok": ("正常完成", "completed"),
    "partial": ("部分完成", "partly completed"),
    "errors": ("有规则错误", "with rule errors"),
    "failed": ("失败", "failed"),
    "running": ("进行中", "running"),
    "abandoned": ("已中断", "abandoned"),
}

_TEXT: dict[str, tuple[str, str]] = {
    "report_title": ("行政执法监督报告", "Law-enforcement supervision report"),
    "generated": ("生成时间", "Generated"),
    "as_of": ("评估时点", "As of"),
    "last_run": ("最近一次检查", "Last check run"),
    "no_run": ("尚无检查记录", "no check run yet"),
    "audience": ("阅读对象", "Audience"),
    "audience_internal": ("内部（监督机构）", "internal (supervision office)"),
    "audience_agency": (
        "被监督单位（举报人、社会监督员已化名）",
        "supervised agency (reporters and social supervisors pseudonymised)",
    ),
    "audience_public": ("公开（个人信息已遮盖）", "public (personal data masked)"),
    "filters": ("范围", "Scope"),
    "all_agencies": ("全部执法主体", "all agencies"),
    "period": ("期间", "Period"),
    "summary": ("概况", "Summary"),
    "active": ("待处理发现", "Open findings"),
    "total": ("发现总数", "All findings"),
    "new_since_run": ("最近一次检查新增", "New in the last run"),
    "new_since_baseline": ("基线之后新增", "New since the baseline"),
    "no_baseline": ("未建立基线", "no baseline"),
    "overdue": ("整改逾期", "Overdue rectifications"),
    "waived": ("已豁免", "Waived"),
    "by_severity": ("按严重程度", "By severity"),
    "by_category": ("按类别", "By category"),
    "by_agency": ("按执法主体", "By agency"),
    "by_month": ("按事实发生月份", "By month of the facts"),
    "by_status": ("按状态", "By status"),
    "charts": ("图表", "Charts"),
    "findings": ("发现清单", "Findings"),
    "agency": ("执法主体", "Agency"),
    "subject": ("案件/对象", "Case / subject"),
    "rule": ("规则", "Rule"),
    "severity": ("严重程度", "Severity"),
    "category": ("类别", "Category"),
    "status": ("状态", "Status"),
    "message": ("问题", "Finding"),
    "basis": ("法律依据", "Legal basis"),
    "found_on": ("发现日期", "Found on"),
    "facts_date": ("事实发生日", "Date of the facts"),
    "deadline": ("整改期限", "Rectification deadline"),
    "rectified_on": ("整改完成日期", "Rectified on"),
    "verified_by": ("核验人", "Verified by"),
    "waiver": ("豁免理由", "Waiver justification"),
    "reasons": ("说明理由", "Statement of reasons"),
    "fingerprint": ("指纹", "Fingerprint"),
    "all": ("全部", "all"),
    "search": ("搜索", "Search"),
    "showing": ("显示", "Showing"),
    "of": ("/", "of"),
    "none": ("无", "none"),
    "no_findings": ("没有符合条件的发现。", "No findings match."),
    "unassigned": ("本级人民政府", "the township office"),
    "in_baseline": ("基线内", "in baseline"),
    "new": ("新增", "new"),
    "provisional": ("暂定（日历年度尚无官方安排）", "provisional (no official calendar)"),
    "errors": ("规则或插件错误", "Rule or plugin errors"),
    "errors_hidden": (
        "检查中有 {count} 项规则或插件错误，详情仅供内部查阅。",
        "{count} rule or plugin error(s) in the check; details are for internal readers only.",
    ),
    "ledger": ("监督台账", "Supervision ledger"),
    "machine_sheet": ("数据", "data"),
    "seq": ("序号", "No."),
    "rule_title": ("规则名称", "Rule title"),
    "subject_type": ("对象类型", "Subject type"),
    "notified_on": ("通知日期", "Notified on"),
    "closed_on": ("办结日期", "Closed on"),
    "count": ("数量", "Count"),
    "problems": ("问题数", "Problems"),
    "evidence": ("证据", "Evidence"),
    "history": ("处理记录", "Follow-through"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "domain": ("领域", "Domain"),
    "compare": ("与上期比较", "Compared with the previous period"),
    "compare_since": ("比较基准", "Compared with"),
    "new_findings": ("新增", "New"),
    "resolved_findings": ("已解决", "Resolved"),
    "still_open": ("仍未解决", "Still open"),
    "overdue_now": ("整改逾期", "Overdue"),
    "overdue_before": ("上期整改逾期", "Overdue then"),
    "split_note": (
        "发现较多，清单已按执法主体分册（每册至多 {limit} 条），见下方目录。",
        "There are many findings: the list is split by agency (at most {limit} per part); "
        "see the contents below.",
    ),
    "parts": ("分册目录", "Parts"),
    "font_note": (
        "本页使用中文字体显示：建议安装“文泉驿微米黑”、思源黑体或微软雅黑；"
        "打印版意见书使用仿宋、小标宋，未安装时以宋体或衬线字体代替。",
        "This page needs a CJK font (WenQuanYi Micro Hei, Noto Sans CJK or Microsoft YaHei); "
        "printed notices use FangSong and XiaoBiaoSong and fall back to SimSun or a serif font.",
    ),
}


def text(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``."""
    zh, en = _TEXT[key]
    return en if lang == "en" else zh


def status_label(status: str, lang: str) -> str:
    pair = _STATUS.get(status)
    if pair is None:
        return "其他" if lang != "en" else status
    return pair[1] if lang == "en" else pair[0]


def outcome_label(outcome: str, lang: str) -> str:
    pair = _OUTCOMES.get(outcome)
    if pair is None:
        return "其他" if lang != "en" else outcome
    return pair[1] if lang == "en" else pair[0]


def severity_label(severity: str, lang: str) -> str:
    try:
        return Severity.parse(severity).label(lang)
    except Exception:
        return severity if lang == "en" else "其他"


def category_label(category: str, lang: str) -> str:
    try:
        return Category(category).label(lang)
    except ValueError:
        return category if lang == "en" else "其他"


def yes_no(value: bool, lang: str) -> str:
    return text("yes" if value else "no", lang)


# --------------------------------------------------------------------------------------------
# Dates and periods

_DIGITS = "〇一二三四五六七八九"


def format_date(day: date | None, lang: str, *, formal: bool = False) -> str:
    """``2025年12月31日`` in Chinese (``formal`` kept for callers), ISO in English."""
    if day is None:
        return ""
    if lang != "en":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def month_label(year: int, month: int, lang: str = "zh") -> str:
    return f"{year}-{month:02d}" if lang == "en" else f"{year}年{month}月"


def week_label(year: int, week: int, lang: str = "zh") -> str:
    """An ISO week as officials name it: ``2025年6月第1周（6月2日至6月8日）``. A week belongs
    to the month of its Thursday (so each week is in exactly one month)."""
    monday = date.fromisocalendar(year, week, 1)
    sunday = monday + timedelta(days=6)
    if lang == "en":
        return f"the week of {monday.isoformat()} to {sunday.isoformat()}"
    thursday = monday + timedelta(days=3)
    first = thursday.replace(day=1)
    first_thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    ordinal = (thursday - first_thursday).days // 7 + 1
    return (
        f"{thursday.year}年{thursday.month}月第{ordinal}周"
        f"（{monday.month}月{monday.day}日至{sunday.month}月{sunday.day}日）"
    )


def quarter_label(year: int, quarter: int, lang: str = "zh") -> str:
    if lang == "en":
        return f"Q{quarter} {year}"
    return f"{year}年第{'一二三四'[quarter - 1]}季度"


# --------------------------------------------------------------------------------------------
# Turning rule text into official Chinese

_CJK = r"\u2190-\u21ff\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_ISO_WEEK = re.compile(r"(?<![\dA-Za-z])(\d{4})-?W(\d{2})(?:\s*周)?(?![\dA-Za-z])")
_ISO_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_ISO_MONTH = re.compile(r"(?<![\d-])(\d{4})-(\d{2})(?![\d-])(?:\s*月)?")
_QUARTER = re.compile(r"(?<![\dA-Za-z])(\d{4})\s*-?Q([1-4])(?![\dA-Za-z])")
_SEVERITY_CODE = re.compile(r"(?<![A-Za-z0-9])S([1-4])(?![A-Za-z0-9])")
# An identifier-like token: letters, digits, and the separators ids use (no spaces), not
# preceded by one of them; or a single letter standing alone. Written to begin with the letter
# (the look-behinds check the character before it) so that the search jumps from letter to
# letter instead of trying every position: the same matches as (checked in the tests)
#   (?<![A-Za-z0-9_\-+./])[A-Za-z][A-Za-z0-9_\-+./]*[A-Za-z0-9]
#   |(?<![A-Za-z0-9])[A-Za-z](?![A-Za-z0-9])
_TOKEN = re.compile(
    r"[A-Za-z](?:(?<![A-Za-z0-9_\-+./][A-Za-z])[A-Za-z0-9_\-+./]*[A-Za-z0-9]"
    r"|(?<![A-Za-z0-9][A-Za-z])(?![A-Za-z0-9]))"
)
_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")
_BILINGUAL = re.compile(rf"([{_CJK}][^/\n]*?)\s+/\s+[A-Za-z][^\n：:]*")


def zh_part(label: str) -> str:
    """The Chinese half of a bilingual ``中文 / English`` label (the label when not one)."""
    if " / " in label:
        head, _, tail = label.partition(" / ")
        if re.search(f"[{_CJK}]", head) and not re.search(f"[{_CJK}]", tail):
            return head.strip()
    return label


def _date(match: re.Match[str]) -> str:
    return _written_date(match.group(0))


@functools.lru_cache(maxsize=4096)
def _written_date(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.year}年{day.month}月{day.day}日"


def _week(match: re.Match[str]) -> str:
    try:
        return week_label(int(match.group(1)), int(match.group(2)))
    except ValueError:
        return match.group(0)


def _month(match: re.Match[str]) -> str:
    month = int(match.group(2))
    if not 1 <= month <= 12:
        return match.group(0)
    return f"{int(match.group(1))}年{month}月"


def people_text(value: str, names: Callable[[str], str | None] | None = None) -> str:
    """``value`` (text a rule wrote) in official Chinese: record ids and codes replaced by
    what ``names`` says they stand for, ISO dates, weeks, months and quarters written out,
    sector, level and enumeration codes by their Chinese names, the English half of
    ``中文 / English`` labels dropped, and the spaces Latin words needed removed."""
    if not value:
        return value
    # Each pass only where its pattern can match: most texts need few of them.
    if "[" in value:
        value = _CONFIG_KEY.sub(
            lambda m: CONFIG_TERMS.get(_squeeze(m.group(0)), "相应配置项"), value
        )
    if " / " in value:
        value = _BILINGUAL.sub(lambda m: m.group(1), value)
    if "W" in value:
        value = _ISO_WEEK.sub(_week, value)
    # Dates and months both need "dddd-dd": one search instead of two passes (ids have dashes).
    # Searched again for months only if dates were written out (a quarter's words have no
    # dash): most texts have ids with dashes and no date, and the search is not free.
    dashed = "-" in value and _has_year_dash(value)
    if dashed:
        value = _ISO_DATE.sub(_date, value)
        dashed = "-" in value and _has_year_dash(value)
    if "Q" in value:
        value = _QUARTER.sub(lambda m: quarter_label(int(m.group(1)), int(m.group(2))), value)
    if dashed:
        value = _ISO_MONTH.sub(_month, value)
    if "S" in value:
        value = _SEVERITY_CODE.sub(lambda m: _SEVERITY_SHORT[f"S{m.group(1)}"], value)

    def token(match: re.Match[str]) -> str:
        found = match.group(0)
        if names is not None:
            named = names(found)
            if named is not None:
                return named
        label = _extra_sectors.get(found) or enum_label(found)
        if label is None and "+" in found:
            parts = [enum_label(part) for part in found.split("+")]
            if all(parts):
                label = "、".join(str(part) for part in parts)
        return label if label is not None else found

    if _LATIN.search(value):
        value = _TOKEN.sub(token, value)
    if " " in value or "\t" in value:
        value = _without_spaces(value)
    return value


def _without_spaces(value: str) -> str:
    """``_SPACE.sub("", value)``: each run of spaces and tabs next to a Chinese character
    (before or after it) removed; found run by run (a pass of ``_SPACE`` tries every
    position)."""
    pieces: list[str] = []
    last = 0
    size = len(value)
    start = _next_blank(value, 0)
    while start >= 0:
        end = start + 1
        while end < size and value[end] in " \t":
            end += 1
        if (start and _is_cjk(value[start - 1])) or (end < size and _is_cjk(value[end])):
            pieces.append(value[last:start])
            last = end
        start = _next_blank(value, end)
    if not pieces:
        return value
    pieces.append(value[last:])
    return "".join(pieces)


def _has_year_dash(value: str) -> bool:
    """Whether ``value`` has four digits, a dash and two digits (``\\d{4}-\\d{2}``), which
    every ISO date and month has: found dash by dash (ids have dashes too)."""
    dash = value.find("-", 4)
    while dash >= 0:
        after = value[dash + 1 : dash + 3]
        if len(after) == 2 and after.isdecimal() and value[dash - 4 : dash].isdecimal():
            return True
        dash = value.find("-", dash + 1)
    return False


def _next_blank(value: str, start: int) -> int:
    space = value.find(" ", start)
    tab = value.find("\t", start)
    if tab < 0:
        return space
    return tab if space < 0 else min(space, tab)


def _is_cjk(character: str) -> bool:
    """Whether ``character`` is in ``_CJK`` (U+3000–U+303F lies inside U+2E80–U+9FFF)."""
    return (
        "\u2e80" <= character <= "\u9fff"
        or "\uff00" <= character <= "\uffef"
        or "\u2190" <= character <= "\u21ff"
        or "\uf900" <= character <= "\ufaff"
    )


_LATIN = re.compile("[A-Za-z]")
#: A configuration key quoted in a note (``[law] local_instruments``).
_CONFIG_KEY = re.compile(r'\[[A-Za-z_."\-]+\]\s*[A-Za-z_]+')

#: Configuration keys rules quote, by what they are.
CONFIG_TERMS: dict[str, str] = {
    "[law] local_instruments": "地方性规定清单",
    "[reports] township_agency": "本级人民政府设置",
}


def _squeeze(key: str) -> str:
    return " ".join(key.split())


_FIELD = re.compile(r"\{([a-z_.]+)\}")


@functools.lru_cache(maxsize=1024)
def _template_pieces(template: str) -> list[str]:
    """``template`` split into literal text and field paths, alternately (literal first)."""
    return _FIELD.split(template)


def fill(template: str, lookup: Callable[[str], Any]) -> str | None:
    """``template`` with each ``{path}`` replaced by ``lookup(path)`` (``None`` when a field
    is missing)."""
    pieces = _template_pieces(template)
    out = [pieces[0]]
    for index in range(1, len(pieces), 2):
        found = lookup(pieces[index])
        if found in (None, ""):
            return None
        out.append(str(found))
        out.append(pieces[index + 1])
    return "".join(out)
