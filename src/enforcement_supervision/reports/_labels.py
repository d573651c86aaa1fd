"""Words the reports print, in Chinese and English."""

from __future__ import annotations

from datetime import date

from enforcement_supervision.rules import Category, Severity

__all__ = [
    "SEVERITIES",
    "category_label",
    "format_date",
    "severity_label",
    "status_label",
    "text",
]

SEVERITIES: tuple[str, ...] = ("S1", "S2", "S3", "S4")

_STATUS = {
    "open": ("待整改", "open"),
    "reopened": ("重新打开", "reopened"),
    "resolved": ("已消除", "resolved"),
    "notified": ("已通知整改", "notified"),
    "rectified": ("已整改待核验", "rectified"),
    "closed": ("已办结", "closed"),
    "waived": ("已豁免", "waived"),
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
        "被监督单位（举报人已化名）",
        "supervised agency (reporters pseudonymised)",
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
    "unassigned": ("未指明执法主体", "no agency"),
    "in_baseline": ("基线内", "in baseline"),
    "new": ("新增", "new"),
    "provisional": ("暂定（日历年度尚无官方安排）", "provisional (no official calendar)"),
    "truncated": (
        "表格仅列出最严重的 {shown} 条（共 {total} 条）；完整清单见 JSON 或 XLSX 报告。",
        "The table lists the {shown} most serious of {total} findings; the JSON and XLSX "
        "reports have them all.",
    ),
    "errors": ("规则或插件错误", "Rule or plugin errors"),
    "ledger": ("监督台账", "Supervision ledger"),
    "seq": ("序号", "No."),
    "rule_title": ("规则名称", "Rule title"),
    "subject_type": ("对象类型", "Subject type"),
    "notified_on": ("通知日期", "Notified on"),
    "closed_on": ("办结日期", "Closed on"),
    "count": ("数量", "Count"),
    "evidence": ("证据", "Evidence"),
    "history": ("处理记录", "Follow-through"),
}


def text(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``."""
    zh, en = _TEXT[key]
    return en if lang == "en" else zh


def status_label(status: str, lang: str) -> str:
    pair = _STATUS.get(status)
    if pair is None:
        return status
    return pair[1] if lang == "en" else pair[0]


def severity_label(severity: str, lang: str) -> str:
    try:
        return Severity.parse(severity).label(lang)
    except Exception:
        return severity


def category_label(category: str, lang: str) -> str:
    try:
        return Category(category).label(lang)
    except ValueError:
        return category


def format_date(day: date | None, lang: str, *, formal: bool = False) -> str:
    """``2025-12-31``; with ``formal`` the Chinese document style ``2025年12月31日``."""
    if day is None:
        return ""
    if formal and lang != "en":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()
