"""The privacy module's Redactor (what reports mask with) and the report settings."""

from __future__ import annotations

import pytest

from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.privacy import (
    DEFAULT_SALT,
    SALT_ENV,
    Redactor,
    mask_text,
    pseudonym,
    salt_from_config,
)
from enforcement_supervision.reports import ReportSettings

LEAD = {
    "id": "L-1",
    "reporter_name": "欧阳明月",
    "reporter_phone": "13912345678",
    "party": {
        "type": "natural_person",
        "name": "诸葛亮亮",
        "id_number": "370102199003071234",
        "phone": "13800138000",
    },
}


def test_learns_values_from_records_as_mask_record_masks_them() -> None:
    public = Redactor("public", salt="s")
    found = public.replacements([("lead", LEAD)])
    assert found["欧阳明月"] == pseudonym("欧阳明月", salt="s")
    assert found["13912345678"] == "[hidden]"
    assert found["诸葛亮亮"] == "诸***"
    agency = Redactor("agency", salt="s").replacements([("lead", LEAD)])
    assert "诸葛亮亮" not in agency  # the agency keeps parties' names
    assert Redactor("internal", salt="s").replacements([("lead", LEAD)]) == {}
    assert public.replacements([("lead-source", {"id": "x"})]) == {}  # a group subject


def test_text_and_values() -> None:
    redactor = Redactor("public", salt="s")
    found = redactor.replacements([("lead", LEAD)])
    text = redactor.text("举报人欧阳明月反映诸葛亮亮（370102199003071234）", found)
    assert "欧阳明月" not in text
    assert "诸葛亮亮" not in text
    assert "3701**********1234" in text
    facts = {
        "reporter_name": "某甲",  # not in any record: masked by its name
        "complainant_phone": "0531-88886666",
        "party_name": "王小二",
        "enterprise_name": "某某食品有限公司",
        "officer_id": "OF-1",
        "nested": {"party_id_number": "11010519770707777X", "list": ["13800138000"]},
    }
    masked = redactor.value(facts, found)
    assert masked["reporter_name"].startswith("举报人-")
    assert masked["complainant_phone"] == "[hidden]"
    assert masked["party_name"] == "王**"
    assert masked["enterprise_name"] == "某某食品有限公司"
    assert masked["officer_id"] == "OF-1"
    assert masked["nested"]["party_id_number"] == "1101**********777X"
    assert masked["nested"]["list"] == ["138****8000"]
    agency = Redactor("agency", salt="s").value(facts)
    assert agency["party_name"] == "王小二"
    assert agency["reporter_name"].startswith("举报人-")
    assert Redactor("internal", salt="s").value(facts) == facts


def test_landlines_in_free_text() -> None:
    assert mask_text("电话 0531-88886666。", "public") == "电话 053******6666。"
    assert mask_text("2025-10-31 至 2025-11-30", "public") == "2025-10-31 至 2025-11-30"


def test_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SALT_ENV, raising=False)
    assert salt_from_config(None) == DEFAULT_SALT
    monkeypatch.setenv(SALT_ENV, "from-env")
    assert salt_from_config(Config()) == "from-env"
    assert salt_from_config(Config(data={"privacy": {"salt": "secret"}})) == "secret"


def test_report_settings() -> None:
    settings = ReportSettings.from_config(
        Config(data={"reports": {"docs_url": "https://example.org/docs", "html_max_findings": 0}})
    )
    assert settings.docs_url == "https://example.org/docs/"
    assert settings.html_max_findings is None
    assert (
        settings.rule_docs_url("PEN-X", "abuse")
        == "https://example.org/docs/rules/abuse.html#pen-x"
    )
    with pytest.raises(ConfigurationError, match="rectification_days"):
        ReportSettings.from_config(Config(data={"reports": {"rectification_days": "thirty"}}))
    with pytest.raises(ConfigurationError, match="issuing_office"):
        ReportSettings.from_config(Config(data={"reports": {"issuing_office": 3}}))
