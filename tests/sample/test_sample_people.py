"""Fictional personal data has the real shape, so masking has something to find."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from enforcement_supervision.model import personal_fields, unstructure_record
from enforcement_supervision.sample import SampleTownship
from enforcement_supervision.sample._people import credit_code_check, id_number_check

ID_NUMBER = re.compile(r"^99\d{15}[\dX]$")
PHONE = re.compile(r"^1[3-9]\d{9}$")
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}990102[0-9A-HJ-NPQRTUWXY]{10}$")


def _values(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _values(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from _values(item, key)
    else:
        yield key, value


def test_check_characters() -> None:
    # GB 11643 worked example (a published specimen number) and a GB 32100 specimen.
    assert id_number_check("11010519491231002") == "X"
    assert credit_code_check("91350100M000100Y4") == "3"


def test_id_numbers_phones_and_credit_codes(township: SampleTownship) -> None:
    persons = phones = orgs = 0
    for record in township:
        for key, value in _values(unstructure_record(record)):
            if key in ("id_number", "requester_id_number") and isinstance(value, str):
                if value[:2] == "99":
                    assert ID_NUMBER.match(value), value
                    assert id_number_check(value[:17]) == value[17]
                    persons += 1
                else:
                    assert CREDIT_CODE.match(value), value
                    assert credit_code_check(value[:17]) == value[17]
                    orgs += 1
            if key.endswith("phone") and value is not None:
                assert PHONE.match(value), value
                phones += 1
            if key == "credit_code":
                assert credit_code_check(value[:17]) == value[17]
    assert persons > 200
    assert phones > 300
    assert orgs > 50


def test_personal_fields_are_filled_somewhere(township: SampleTownship) -> None:
    filled: set[str] = set()
    for record in township:
        data = unstructure_record(record)
        for path, kind in personal_fields(type(record)).items():
            if _lookup(data, path) is not None:
                filled.add(kind)
    assert {"id_number", "phone", "name", "reporter", "address"} <= filled


def _lookup(data: Any, path: str) -> Any:
    current = [data]
    for part in path.replace("[]", "").split("."):
        nxt: list[Any] = []
        for item in current:
            value = item.get(part) if isinstance(item, dict) else None
            if isinstance(value, list):
                nxt.extend(value)
            elif value is not None:
                nxt.append(value)
        current = nxt
    return current[0] if current else None


def test_free_text_never_names_a_party(township: SampleTownship) -> None:
    names = {c.party.name for c in township.records["penalty-case"]}  # type: ignore[attr-defined]
    persons = {n for n in names if len(n) <= 4}
    for lead in township.records["lead"]:
        assert not any(name in (lead.summary or "") for name in persons), lead.id  # type: ignore[attr-defined]
