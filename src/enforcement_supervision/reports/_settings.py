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
    value = table.get(name, default)
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


@attrs.frozen(kw_only=True)
class ReportSettings:
    """How reports are written, from ``[reports]`` in the configuration file::

    [reports]
    issuing_office = "青岚县司法局"      # who signs the notices (default: the agency's
                                        # supervising body, from the agency records)
    document_prefix = "青司监"           # notice numbers: 青司监〔2025〕1号
    notice_title = "行政执法监督意见书"   # or "行政执法监督整改通知书"
    rectification_days = 30             # default time to rectify, from the notice date
    docs_url = "https://…/"             # the published docs, for links to rule pages
    html_max_findings = 10000           # rows in the HTML table (0: no limit)
    md_max_findings = 200               # rows in the Markdown summary
    """

    issuing_office: str | None = None
    document_prefix: str = "执法监督"
    notice_title_zh: str = "行政执法监督意见书"
    notice_title_en: str = "Law-Enforcement Supervision Opinion"
    rectification_days: int = 30
    docs_url: str = DEFAULT_DOCS_URL
    html_max_findings: int | None = 10_000
    md_max_findings: int = 200

    @classmethod
    def from_config(cls, config: Config | None) -> ReportSettings:
        table = config.section("reports") if config is not None else {}
        default = cls()
        docs_url = _text(table, "docs_url") or default.docs_url
        return cls(
            issuing_office=_text(table, "issuing_office"),
            document_prefix=_text(table, "document_prefix") or default.document_prefix,
            notice_title_zh=_text(table, "notice_title") or default.notice_title_zh,
            notice_title_en=_text(table, "notice_title_en") or default.notice_title_en,
            rectification_days=_int(table, "rectification_days", default.rectification_days)
            or default.rectification_days,
            docs_url=docs_url if docs_url.endswith("/") else docs_url + "/",
            html_max_findings=_int(table, "html_max_findings", default.html_max_findings),
            md_max_findings=_int(table, "md_max_findings", default.md_max_findings) or 0,
        )

    def rule_docs_url(self, rule_id: str, category: str | None) -> str:
        """The catalog page of a rule: ``<docs_url>rules/<first category>.html#<id>``."""
        page = f"rules/{category}.html" if category else "rules/index.html"
        return f"{self.docs_url}{page}#{rule_id.lower()}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "issuing_office": self.issuing_office,
            "document_prefix": self.document_prefix,
            "notice_title_zh": self.notice_title_zh,
            "notice_title_en": self.notice_title_en,
            "rectification_days": self.rectification_days,
            "docs_url": self.docs_url,
            "html_max_findings": self.html_max_findings,
            "md_max_findings": self.md_max_findings,
        }
