"""Masking personal data per audience, from the model's field metadata."""

from __future__ import annotations

from typing import Any

import pytest

from enforcement_supervision.model import structure_record, unstructure_record
from enforcement_supervision.privacy import (
    Audience,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_record,
    mask_text,
    pseudonym,
)

PERSON_ID = "370102199003071234"
PHONE = "13800138000"


def _case(party_type: str, name: str) -> dict[str, Any]:
    record = structure_record(
        "penalty-case",
        {
            "id": "PC-1",
            "agency_id": "AG-TOWN",
            "filed_date": "2025-03-03",
            "party": {
                "type": party_type,
                "name": name,
                "id_number": PERSON_ID,
                "phone": PHONE,
                "address": "某县某镇某村3组12号",
            },
        },
    )
    return unstructure_record(record)


def test_maskers() -> None:
    assert mask_name("张三丰") == "张**"
    assert mask_name("李四") == "李*"
    assert mask_id_number(PERSON_ID) == "3701**********1234"
    assert mask_phone(PHONE) == "138****8000"
    assert pseudonym("吴某", salt="s") == pseudonym("吴某", salt="s")
    assert pseudonym("吴某", salt="s") != pseudonym("吴某", salt="t")
    assert "吴某" not in pseudonym("吴某", salt="s")


def test_internal_sees_everything() -> None:
    data = _case("natural_person", "张三")
    assert mask_record("penalty-case", data, Audience.INTERNAL, salt="s") == data


def test_public_masks_natural_person_but_not_company_name() -> None:
    person = mask_record("penalty-case", _case("natural_person", "张三"), "public", salt="s")
    assert person["party"]["name"] == "张*"
    assert person["party"]["id_number"] == "3701**********1234"
    assert person["party"]["phone"] == "138****8000"
    assert "12号" not in person["party"]["address"]
    company = mask_record(
        "penalty-case", _case("legal_person", "某某食品有限公司"), "public", salt="s"
    )
    assert company["party"]["name"] == "某某食品有限公司"


def test_agency_keeps_party_data_but_hides_reporters() -> None:
    complaint = unstructure_record(
        structure_record(
            "complaint",
            {
                "id": "CP-1",
                "agency_id": "AG-JUSTICE",
                "received_date": "2025-04-01",
                "channel": "hotline_12345",
                "complainant_name": "吴某某",
                "complainant_phone": "13300133000",
            },
        )
    )
    masked = mask_record("complaint", complaint, "agency", salt="s")
    assert masked["complainant_name"].startswith("举报人-")
    assert masked["complainant_phone"] == "[hidden]"
    party = mask_record("penalty-case", _case("natural_person", "张三"), "agency", salt="s")
    assert party["party"]["name"] == "张三"


@pytest.mark.parametrize("audience", ["agency", "public"])
def test_free_text_masks_numbers(audience: str) -> None:
    text = f"当事人身份证 {PERSON_ID}，电话 {PHONE}。"
    masked = mask_text(text, audience)
    assert PERSON_ID not in masked
    assert PHONE not in masked
    assert mask_text(text, "internal") == text
