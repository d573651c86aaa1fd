"""The petitions, remedies, major decisions, normative documents and contracts of issue 15 in
the reports: their record types named in official Chinese, their findings under the headings
信访、复议应诉、重大行政决策、规范性文件与合同 (the sample township's planted violations)."""

from __future__ import annotations

from pathlib import Path

from enforcement_supervision.config import Config
from enforcement_supervision.model import RECORD_TYPES
from enforcement_supervision.reports import build_report_data, render
from enforcement_supervision.reports.vocabulary import DOMAINS, RECORD_TERMS, domain_label
from enforcement_supervision.store import Store

from .helpers import text_of

NEW_TYPES = {
    "petition": "petition",
    "reconsideration": "review",
    "lawsuit": "review",
    "major-decision": "decision",
    "normative-document": "normative",
    "contract": "normative",
}
HEADINGS = ("信访", "复议应诉", "重大行政决策", "规范性文件与合同")


def test_every_record_type_has_its_official_terms_and_domain() -> None:
    assert set(RECORD_TYPES) <= set(RECORD_TERMS)
    for record_type, domain in NEW_TYPES.items():
        assert RECORD_TERMS[record_type].domain == domain
        assert RECORD_TERMS[record_type].label == RECORD_TYPES[record_type].label_zh
    assert [domain_label(d) for d in ("petition", "review", "decision", "normative")] == list(
        HEADINGS
    )
    assert set(NEW_TYPES.values()) <= set(DOMAINS)


def test_the_sample_townships_findings_stand_under_their_headings(
    sample_store: Store, sample_config: Config, tmp_path: Path
) -> None:
    data = build_report_data(sample_store, audience="agency", config=sample_config)
    (html,) = render("html", data, tmp_path / "report.html")
    page = html.read_text(encoding="utf-8")
    notices = [text_of(path) for path in render("notice", data, tmp_path / "notices")]
    township = "\n".join(text for text in notices if "信访" in text)
    for domain, heading in zip(
        ("petition", "review", "decision", "normative"), HEADINGS, strict=True
    ):
        # The HTML report lists the area of each finding and filters by it ...
        assert f'<option value="{domain}">{heading}</option>' in page, heading
        assert f'data-d="{domain}"' in page, heading
        # ... and the township's notice groups them under the area's heading.
        assert f"{heading}方面" in township, heading
    # Records are named as officials name them, never by their ids or a petitioner's name.
    assert "收到的信访事项" in page
    assert "XF-2025-" not in page
    assert "清河镇集镇农贸市场搬迁改造" in page
