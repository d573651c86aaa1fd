"""Field descriptions, personal-data paths and the generated data-model page."""

from __future__ import annotations

from pathlib import Path

import pytest

from enforcement_supervision.model import (
    RECORD_TYPES,
    PenaltyCase,
    describe_fields,
    personal_fields,
)
from enforcement_supervision.model._docgen import main, render

DOCS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "data-model.md"


def test_data_model_page_is_up_to_date() -> None:
    current = DOCS_PAGE.read_text(encoding="utf-8") if DOCS_PAGE.exists() else ""
    assert current == render(), (
        "docs/reference/data-model.md is out of date; refresh it with "
        "`python -m enforcement_supervision.model._docgen` from the repository root"
    )


def test_docgen_check_mode(tmp_path: Path) -> None:
    page = tmp_path / "data-model.md"
    assert main([str(page), "--check"]) == 1
    assert main([str(page)]) == 0
    assert main([str(page), "--check"]) == 0
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert main([str(page), "--check"]) == 1


def test_page_mentions_every_record_type_and_the_later_ones() -> None:
    text = render()
    for record_type, cls in RECORD_TYPES.items():
        assert f"## `{record_type}` — {cls.label_zh}" in text
    assert "## Guides to the record types" in text
    assert "../guide/petitions.md" in text


def test_describe_fields_flattens_nested_objects_and_lists() -> None:
    fields = {info.path: info for info in describe_fields("penalty-case")}
    assert describe_fields(PenaltyCase) == describe_fields("penalty-case")
    assert fields["id"].required
    assert fields["filed_date"].type == "date"
    assert fields["filed_date"].zh == "立案日期"
    assert not fields["filed_date"].required
    assert fields["decision"].type == "PenaltyDecision"
    assert fields["decision.decision_date"].required
    assert fields["decision.fine_amount"].type == "money"
    assert fields["decision.penalty_types"].type == "list of PenaltyType"
    assert fields["acts"].type == "list of EnforcementAct"
    assert fields["acts[].officer_ids"].type == "list of text"
    assert fields["acts[].start_datetime"].type == "datetime"
    assert fields["evidence[].monitoring_device.legal_tech_review"].type == "boolean"


@pytest.mark.parametrize(
    ("record_type", "expected"),
    [
        (
            "penalty-case",
            {
                "party.name": "name",
                "party.id_number": "id_number",
                "party.phone": "phone",
                "party.address": "address",
            },
        ),
        (
            "lead",
            {
                "reporter_name": "reporter",
                "reporter_phone": "phone",
                "party.name": "name",
                "party.id_number": "id_number",
                "party.phone": "phone",
                "party.address": "address",
            },
        ),
        ("officer", {"id_number": "id_number", "phone": "phone"}),
        (
            "social-supervisor",
            {"name": "supervisor", "id_number": "id_number", "phone": "phone"},
        ),
        ("liaison-point", {"contact_name": "name", "contact_phone": "phone"}),
        ("complaint", {"complainant_name": "reporter", "complainant_phone": "phone"}),
        ("agency", {}),
        (
            "petition",
            {
                "petitioner_name": "petitioner",
                "petitioner_phone": "phone",
                "petitioner_id_number": "id_number",
                "petitioner_address": "address",
            },
        ),
        ("reconsideration", {"applicant_name": "name"}),
        ("lawsuit", {"plaintiff_name": "name"}),
        ("major-decision", {"expert_review.experts[].name": "name"}),
        ("normative-document", {}),
        ("contract", {"counterparty": "name"}),
    ],
)
def test_personal_fields(record_type: str, expected: dict[str, str]) -> None:
    assert personal_fields(record_type) == expected


def test_every_record_type_is_described() -> None:
    for record_type in RECORD_TYPES:
        infos = describe_fields(record_type)
        assert infos[0].path == "id"
        assert all(info.zh and info.doc for info in infos)
