"""The ``[reports]`` section of the configuration file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError

__all__ = ["DEFAULT_DOCS_URL", "ReportSettings"]

#: Where the rule catalog is published; SARIF ``helpUri`` links point into it.
DEFAULT_DOCS_URL = "https://enforcement-supervision.readthedocs.io/en/latest/"


def _int(table: Mapping[str, Any], name: str, default: int | None) -> int | None:
    value = table.get(name)
    if value is None:
        value = default
    if value is None or (name == "html_max_findings" and value == 0):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(
            f"[reports] {name} 应为非负整数，而不是 {value!r}",
            f"[reports] {name} must be a non-negative integer, not {value!r}",
        )
    return value


def _text(table: Mapping[str, Any], name: str) -> str | None:
    value = table.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigurationError(
            f"[reports] {name} 应为文本，而不是 {value!r}",
            f"[reports] {name} must be text, not {value!r}",
        )
    return value.strip() or None


def _bool(table: Mapping[str, Any], name: str, section: str) -> bool | None:
    value = table.get(name)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise ConfigurationError(
            f"[{section}] {name} 应为 true 或 false，而不是 {value!r}",
            f"[{section}] {name} must be true or false, not {value!r}",
        )
    return value


def _sectors(table: Mapping[str, Any]) -> dict[str, str]:
    value = table.get("sectors") or {}
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigurationError(
            "[reports.sectors] 应为“领域代码 = 中文名称”",
            "[reports.sectors] must map sector codes to their Chinese names",
        )
    return {str(k): str(v) for k, v in value.items()}


@attrs.frozen(kw_only=True)
class ReportSettings:
    """How reports are written, from ``[reports]`` and ``[notice]`` in the configuration::

    [reports]
    township_agency = "AG-QHZ"          # the township's own office: township-wide findings
                                        # (a rule's finding without an agency) go to it
    docs_url = "https://…/"             # the published docs, for links to rule pages
    html_max_findings = 2000            # findings per HTML page; more: split by agency
    md_max_findings = 200               # rows in the Markdown summary

    [reports.sectors]                   # names of a deployment's own sector codes
    port_logistics = "港口物流"

    [notice]                            # required for --format notice
    issuing_office = "青岚县司法局"      # 发文机关: the signature and "本机关"
    number_prefix = "青司监"             # 青司监〔2026〕1号, 2号 ...
    first_number = 1                    # the first number of the series (default: after the
                                        # highest number of that year already in the store)
    seal_line = "（印章）"               # printed where the seal goes
    copy_to_superior = true             # 抄送 the addressee's superior body (its parent_id)
    title = "行政执法监督意见书"          # or 行政执法监督整改通知书
    rectification_days = 30             # default time to rectify, from the notice date
    max_items = 100                     # problems per notice; more: split by period

    (``issuing_office``, ``document_prefix``, ``notice_title`` and ``rectification_days``
    under ``[reports]`` are read too, for configurations written before ``[notice]``.)
    """

    issuing_office: str | None = None
    document_prefix: str | None = None
    first_number: int | None = None
    seal_line: str = "（印章）"
    copy_to_superior: bool = False
    township_agency: str | None = None
    notice_title_zh: str = "行政执法监督意见书"
    notice_title_en: str = "Law-Enforcement Supervision Opinion"
    rectification_days: int = 30
    notice_max_items: int = 100
    docs_url: str = DEFAULT_DOCS_URL
    html_max_findings: int | None = 2_000
    md_max_findings: int = 200
    sectors: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def from_config(cls, config: Config | None) -> ReportSettings:
        table = config.section("reports") if config is not None else {}
        notice = config.section("notice") if config is not None else {}
        default = cls()
        docs_url = _text(table, "docs_url") or default.docs_url

        def either(name: str, old: str | None = None) -> Any:
            value = notice.get(name)
            return value if value is not None else table.get(old or name)

        merged = {
            "issuing_office": either("issuing_office"),
            "number_prefix": either("number_prefix", "document_prefix"),
            "title": either("title", "notice_title"),
            "title_en": either("title_en", "notice_title_en"),
            "rectification_days": either("rectification_days"),
            "township_agency": table.get("township_agency") or notice.get("township_agency"),
        }
        return cls(
            issuing_office=_text(merged, "issuing_office"),
            document_prefix=_text(merged, "number_prefix"),
            first_number=_int(notice, "first_number", None),
            seal_line=_text(notice, "seal_line") or default.seal_line,
            copy_to_superior=bool(_bool(notice, "copy_to_superior", "notice")),
            township_agency=_text(merged, "township_agency"),
            notice_title_zh=_text(merged, "title") or default.notice_title_zh,
            notice_title_en=_text(merged, "title_en") or default.notice_title_en,
            rectification_days=_int(merged, "rectification_days", default.rectification_days)
            or default.rectification_days,
            notice_max_items=_int(notice, "max_items", default.notice_max_items)
            or default.notice_max_items,
            docs_url=docs_url if docs_url.endswith("/") else docs_url + "/",
            html_max_findings=_int(table, "html_max_findings", default.html_max_findings),
            md_max_findings=_int(table, "md_max_findings", default.md_max_findings) or 0,
            sectors=_sectors(table),
        )

    def rule_docs_url(self, rule_id: str, category: str | None) -> str:
        """The catalog page of a rule: ``<docs_url>rules/<first category>.html#<id>``."""
        page = f"rules/{category}.html" if category else "rules/index.html"
        return f"{self.docs_url}{page}#{rule_id.lower()}"

    def require_notice(self) -> None:
        """Raise a clear error when the notices cannot be signed and numbered."""
        missing = [
            key
            for key, value in (
                ("issuing_office", self.issuing_office),
                ("number_prefix", self.document_prefix),
            )
            if not value
        ]
        if missing:
            keys = ", ".join(missing)
            raise ConfigurationError(
                f"发出意见书需要在配置文件 [notice] 中设置 {keys}"
                '（发文机关、发文字号，例如 issuing_office = "青岚县司法局"、'
                'number_prefix = "青司监"）',
                f"notices need {keys} under [notice] in the configuration (the issuing "
                'office and the document number series, e.g. issuing_office = "青岚县司法局", '
                'number_prefix = "青司监")',
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "issuing_office": self.issuing_office,
            "document_prefix": self.document_prefix,
            "first_number": self.first_number,
            "seal_line": self.seal_line,
            "copy_to_superior": self.copy_to_superior,
            "township_agency": self.township_agency,
            "notice_title_zh": self.notice_title_zh,
            "notice_title_en": self.notice_title_en,
            "rectification_days": self.rectification_days,
            "notice_max_items": self.notice_max_items,
            "docs_url": self.docs_url,
            "html_max_findings": self.html_max_findings,
            "md_max_findings": self.md_max_findings,
            "sectors": dict(self.sectors),
        }
