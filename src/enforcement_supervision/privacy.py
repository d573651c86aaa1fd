"""Who may see what: masking personal data for an audience, in one place.

Every report and every export that leaves the supervision office goes through this module, so
the rules for personal data are written once and tested once:

* ``internal`` (the supervision office): everything is shown.
* ``agency`` (the supervised agency): reporters — complainants, people who reported a lead,
  the authors of feedback — are replaced by a stable pseudonym, and their phone numbers and ID
  numbers are hidden. Parties' data stays: the agency already holds its own case files.
* ``public``: as ``agency``, and also natural persons' names are masked (``张**``), ID numbers
  (``3701**********1234``), phone numbers (``138****8000``) and addresses. Legal persons' names
  stay, as decisions against companies are published by law.

Which fields hold personal data is declared once, in the model's field metadata
(:func:`enforcement_supervision.model.personal_fields`).
"""

from __future__ import annotations

import copy
import enum
import hashlib
import re
from collections.abc import Mapping
from typing import Any

from enforcement_supervision.model import personal_fields

__all__ = [
    "Audience",
    "mask_address",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "mask_record",
    "mask_text",
    "pseudonym",
]

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_NATURAL_PERSON = "natural_person"


class Audience(enum.StrEnum):
    """Who a report or export is for."""

    INTERNAL = "internal"
    AGENCY = "agency"
    PUBLIC = "public"


def mask_name(name: str) -> str:
    """``张三丰`` → ``张**``: the family name stays, the rest is hidden."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name


def mask_id_number(value: str) -> str:
    """``370102199003071234`` → ``3701**********1234``: four characters kept at each end."""
    value = value.strip()
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """``13800138000`` → ``138****8000``."""
    value = value.strip()
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_address(value: str) -> str:
    """Keep the first six characters (the county or township), hide the rest."""
    value = value.strip()
    return value[:6] + "***" if len(value) > 6 else "***"


def pseudonym(value: str, *, salt: str, prefix: str = "举报人") -> str:
    """A stable pseudonym for a person: the same person and salt give the same pseudonym, so
    a reader can see that two complaints came from one person without learning who."""
    digest = hashlib.sha256(f"{salt}\x00{value}".encode()).hexdigest()[:6].upper()
    return f"{prefix}-{digest}"


def mask_text(text: str, audience: Audience | str) -> str:
    """Mask ID numbers and mobile numbers that appear in free text (for non-internal readers)."""
    if Audience(audience) is Audience.INTERNAL:
        return text
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    return _MOBILE.sub(lambda m: mask_phone(m.group(0)), text)


def _walk(data: Any, parts: list[str]) -> list[tuple[Any, Any]]:
    """The (container, key) pairs a dotted path with ``[]`` list markers points at."""
    if not parts:
        return []
    head, rest = parts[0], parts[1:]
    is_list = head.endswith("[]")
    key = head[:-2] if is_list else head
    if not isinstance(data, Mapping) or key not in data:
        return []
    if not rest:
        return [(data, key)] if not is_list else [(data[key], i) for i in range(len(data[key]))]
    children = data[key] if is_list else [data[key]]
    found: list[tuple[Any, Any]] = []
    for child in children if isinstance(children, list) else []:
        found.extend(_walk(child, rest))
    return found


def _reporter_prefixes(fields: Mapping[str, str]) -> set[str]:
    # A reporter's phone or ID number sits beside the reporter's name with the same prefix
    # (reporter_name / reporter_phone, complainant_name / complainant_phone).
    return {
        path.rsplit(".", 1)[-1].split("_", 1)[0] + "_"
        for path, kind in fields.items()
        if kind == "reporter"
    }


def _is_reporter_field(path: str, kind: str, prefixes: set[str]) -> bool:
    leaf = path.rsplit(".", 1)[-1]
    return kind == "reporter" or any(leaf.startswith(p) for p in prefixes)


def _party_type(container: Any) -> str | None:
    if isinstance(container, Mapping) and "type" in container:
        return str(container["type"])
    return None


def mask_record(
    record_type: str, data: Mapping[str, Any], audience: Audience | str, *, salt: str
) -> dict[str, Any]:
    """A copy of an unstructured record with personal data masked for ``audience``.

    ``data`` is the JSON form of a record, as
    :func:`~enforcement_supervision.model.unstructure_record` gives it.
    """
    audience = Audience(audience)
    result = copy.deepcopy(dict(data))
    if audience is Audience.INTERNAL:
        return result
    fields = personal_fields(record_type)
    prefixes = _reporter_prefixes(fields)
    for path, kind in fields.items():
        reporter = _is_reporter_field(path, kind, prefixes)
        for container, key in _walk(result, path.split(".")):
            value = container[key]
            if value is None or value == "":
                continue
            text = str(value)
            if reporter:
                container[key] = (
                    pseudonym(text, salt=salt) if kind in ("reporter", "name") else "[hidden]"
                )
                continue
            if audience is not Audience.PUBLIC:
                continue
            if kind == "name":
                if _party_type(container) in (None, _NATURAL_PERSON):
                    container[key] = mask_name(text)
            elif kind == "id_number":
                container[key] = mask_id_number(text)
            elif kind == "phone":
                container[key] = mask_phone(text)
            elif kind == "address":
                container[key] = mask_address(text)
    return result
