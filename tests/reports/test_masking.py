"""Personal data per audience, in every format: a public report shows no reporter, no
natural person's name, no ID or phone number; a report for the agency shows no reporter.
The files are scanned as their readers see them (XLSX cells and DOCX text extracted)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from enforcement_supervision.config import Config
from enforcement_supervision.reports import FORMATS, build_report_data, render
from enforcement_supervision.store import Store

from .conftest import AGENCY_SECRETS, COMPANY, PARTIES, PUBLIC_SECRETS, pii_config, pii_manager
from .helpers import text_of

SUFFIXES = {
    "html": "html",
    "xlsx": "xlsx",
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "md": "md",
}


def render_all(store: Store, audience: str, out: Path, **options: Any) -> dict[Path, str]:
    data = build_report_data(store, audience=audience, include_passed=True, **options)
    texts: dict[Path, str] = {}
    for fmt in FORMATS:
        target = out / "notices" if fmt == "notice" else out / f"report.{SUFFIXES[fmt]}"
        for path in render(fmt, data, target):
            texts[path] = text_of(path)
    return texts


def leaks(texts: dict[Path, str], secrets: tuple[str, ...]) -> list[str]:
    return [
        f"{path.name}: {secret}"
        for path, text in texts.items()
        for secret in secrets
        if secret in text
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_public_reports_show_no_personal_data(pii_store: Store, tmp_path: Path, lang: str) -> None:
    texts = render_all(
        pii_store, "public", tmp_path, manager=pii_manager(), lang=lang, config=pii_config()
    )
    suffixes = {path.suffix for path in texts}
    assert {".html", ".docx", ".xlsx", ".json", ".md"} <= suffixes
    assert len(texts) == len(FORMATS) - 1 + 4  # notices: two agencies × (docx + html)
    assert leaks(texts, PUBLIC_SECRETS) == []
    assert any(COMPANY in text for text in texts.values())  # companies keep their names
    assert any("举报人-" in text for text in texts.values())  # pseudonyms instead


def test_agency_reports_hide_reporters_only(pii_store: Store, tmp_path: Path) -> None:
    texts = render_all(pii_store, "agency", tmp_path, manager=pii_manager(), config=pii_config())
    assert leaks(texts, AGENCY_SECRETS) == []
    assert any(PARTIES["L-01"] in text for text in texts.values())


def test_internal_reports_show_everything(pii_store: Store, tmp_path: Path) -> None:
    # the control: the scan does find the data when it is there
    texts = render_all(pii_store, "internal", tmp_path, manager=pii_manager(), config=pii_config())
    found = {secret for secret in PUBLIC_SECRETS if any(secret in t for t in texts.values())}
    assert found == set(PUBLIC_SECRETS)


def test_public_report_of_the_sample_township(
    sample_store: Store, sample_secrets: tuple[str, ...], sample_config: Config, tmp_path: Path
) -> None:
    assert len(sample_secrets) > 500
    texts = render_all(sample_store, "public", tmp_path, config=sample_config)
    assert leaks(texts, sample_secrets) == []


def test_agency_reports_name_no_social_supervisor(
    sample_store: Store, sample_config: Config, tmp_path: Path
) -> None:
    from enforcement_supervision.sample import generate_township

    supervisors = [
        record.name  # type: ignore[attr-defined]
        for record in generate_township()
        if record.record_type == "social-supervisor"
    ]
    assert supervisors
    texts = render_all(sample_store, "agency", tmp_path, config=sample_config)
    assert leaks(texts, tuple(supervisors)) == []
    assert any("监督员-" in text for text in texts.values())  # pseudonyms instead
    internal = render_all(sample_store, "internal", tmp_path / "internal", config=sample_config)
    assert leaks(internal, tuple(supervisors))  # the control: the office sees them


def test_rule_errors_are_for_the_internal_audience_only(tmp_path: Path) -> None:
    from enforcement_supervision._host import build_record, load_plugins
    from enforcement_supervision.engine import run_check
    from enforcement_supervision.rules import Context, LegalBasis, rule

    @rule(
        id="T-BROKEN",
        title_zh="出错的规则",
        title_en="A broken rule",
        category="procedure",
        severity="S3",
        legal_basis=LegalBasis(instrument="中华人民共和国行政处罚法", article="54"),
        applies_to="lead",
    )
    def broken(lead: Any, ctx: Context) -> None:
        """Raises with the party's name and address in its message."""
        raise ValueError(f"cannot read {lead.party.name} at {lead.party.address}")

    manager = load_plugins(Config(), entry_points=False)
    manager.register_rules(broken, name="broken-rules")
    store = Store.open(tmp_path / "broken.sqlite")
    store.put_records(
        [
            build_record(
                "lead",
                id="L-9",
                agency_id="AG-9",
                received_date="2025-03-03",
                source="complaint",
                party={"type": "natural_person", "name": "公孙无忌", "address": "乙县丙镇丁村8号"},
            )
        ]
    )
    run_check(store, as_of="2025-04-01", manager=manager)
    for audience in ("public", "agency"):
        texts = render_all(store, audience, tmp_path / audience, manager=manager)
        assert leaks(texts, ("公孙无忌", "乙县丙镇丁村8号", "cannot read")) == []
    internal = render_all(store, "internal", tmp_path / "internal", manager=manager)
    assert leaks(internal, ("公孙无忌",))  # the office sees the exception text
    store.close()
