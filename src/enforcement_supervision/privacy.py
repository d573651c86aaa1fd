"""Who may see what: masking personal data for an audience, in one place.

Every report and every export that leaves the supervision office goes through this module, so
the rules for personal data are written once and tested once:

* ``internal`` (the supervision office): everything is shown.
* ``agency`` (the supervised agency): reporters — complainants, people who reported a lead,
  the authors of feedback — are replaced by a stable pseudonym, and their phone numbers and ID
  numbers are hidden. Parties' data stays: the agency already holds its own case files.
* ``public``: as ``agency``, and also natural persons' names are masked (``张**``), ID numbers
  (``3701**********1234``), phone numbers (``138****8000``) and addresses. Legal persons' names
  stay, as decisions against companies are published by law. ID and phone numbers typed into
  any other text of a record (an agency's name, a cause) are masked too.

Which fields hold personal data is declared once, in the model's field metadata
(:func:`enforcement_supervision.model.personal_fields`).

Reports mask findings with a :class:`Redactor`: it learns the personal values of the records a
finding rests on (what :func:`mask_record` would turn them into), replaces them wherever they
appear in the finding's text and facts, masks facts whose *name* says they hold personal data
(``reporter_name``, ``party_id_number``, ...), and finally masks ID and phone numbers anywhere
(:func:`mask_text`).
"""

from __future__ import annotations

import copy
import enum
import functools
import hashlib
import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from enforcement_supervision.model import RECORD_TYPES, personal_fields

if TYPE_CHECKING:
    from enforcement_supervision.config import Config

__all__ = [
    "DEFAULT_SALT",
    "PROTECTED_PERSONS",
    "SALT_ENV",
    "Audience",
    "Redactor",
    "mask_address",
    "mask_file_numbers",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "mask_record",
    "mask_text",
    "mask_written_text",
    "pseudonym",
    "salt_from_config",
]

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
# Landlines are masked only when written with the area code and a hyphen (0531-88886666),
# so that dates and amounts are never mistaken for them.
_LANDLINE = re.compile(r"(?<![\d-])0\d{2,3}-\d{7,8}(?![\d-])")
_NATURAL_PERSON = "natural_person"

#: Kinds of personal field naming a person whom only the supervision office may know (a
#: reporter, a social supervisor, a petitioner), with the word their pseudonym starts with.
#: Every audience but ``internal`` sees the pseudonym; their phone and ID numbers are hidden.
PROTECTED_PERSONS: dict[str, str] = {
    "reporter": "举报人",
    "supervisor": "监督员",
    "petitioner": "信访人",
}


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


@functools.lru_cache(maxsize=65536)
def pseudonym(value: str, *, salt: str, prefix: str = "举报人") -> str:
    """A stable pseudonym for a person: the same person and salt give the same pseudonym, so
    a reader can see that two complaints came from one person without learning who."""
    digest = hashlib.sha256(f"{salt}\x00{value}".encode()).hexdigest()[:6].upper()
    return f"{prefix}-{digest}"


def mask_text(text: str, audience: Audience | str) -> str:
    """Mask ID numbers, mobile numbers and hyphenated landline numbers that appear in free
    text (for non-internal readers)."""
    if Audience(audience) is Audience.INTERNAL:
        return text
    return _mask_numbers(text)


# One pass over the text for the three kinds of number (ID numbers are tried first).
_NUMBERS = re.compile(
    f"(?P<id>{_ID_NUMBER.pattern})|(?P<mobile>{_MOBILE.pattern})|(?P<landline>{_LANDLINE.pattern})"
)


def _mask_number(match: re.Match[str]) -> str:
    found = match.group(0)
    return mask_id_number(found) if match.group("id") else mask_phone(found)


def _mask_numbers(text: str) -> str:
    return _NUMBERS.sub(_mask_number, text)


# The last pass over what a public report writes: the same numbers, standing on their own
# (no letter or digit on either side), so that digests, run ids and codes are never touched.
_WRITTEN_NUMBERS = re.compile(
    r"(?<![0-9A-Za-z])(?:(?P<id>\d{17}[\dXx])|(?P<mobile>1[3-9]\d{9})|0\d{2,3}-\d{7,8})"
    r"(?![0-9A-Za-z])"
)


def mask_written_text(text: str) -> str:
    """The public audience's last pass over written text: ID, mobile and landline numbers
    that stand on their own are masked, wherever they came from (an id, a key, a label)."""
    return _WRITTEN_NUMBERS.sub(_mask_number, text)


def mask_file_numbers(path: Path) -> None:
    """Apply :func:`mask_written_text` to a written report file in place: text files line by
    line, the XML parts of ``.xlsx`` and ``.docx`` files (zip archives) whole."""
    if path.suffix.lower() in (".xlsx", ".docx"):
        temporary = path.with_name(path.name + ".masking")
        with (
            zipfile.ZipFile(path) as source,
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                content = source.read(info)
                if info.filename.endswith((".xml", ".rels")):
                    content = mask_written_text(content.decode("utf-8")).encode("utf-8")
                target.writestr(info, content)
        os.replace(temporary, path)
        return
    temporary = path.with_name(path.name + ".masking")
    with (
        path.open(encoding="utf-8", newline="") as source,
        temporary.open("w", encoding="utf-8", newline="") as target,
    ):
        for line in source:
            target.write(mask_written_text(line))
    os.replace(temporary, path)


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
    # (reporter_name / reporter_phone, complainant_name / complainant_phone); a record that
    # *is* a protected person (a social supervisor: ``name``) has the empty prefix.
    return {
        "" if "_" not in (leaf := path.rsplit(".", 1)[-1]) else leaf.split("_", 1)[0] + "_"
        for path, kind in fields.items()
        if kind in PROTECTED_PERSONS
    }


def _is_reporter_field(path: str, kind: str, prefixes: set[str]) -> bool:
    leaf = path.rsplit(".", 1)[-1]
    return kind in PROTECTED_PERSONS or any(leaf.startswith(p) for p in prefixes)


def _party_type(container: Any) -> str | None:
    if isinstance(container, Mapping) and "type" in container:
        return str(container["type"])
    return None


@functools.cache
def _plan(record_type: str) -> tuple[tuple[tuple[str, ...], str, bool], ...]:
    """``(path parts, kind, is a reporter's field)`` of each personal field of a type."""
    fields = personal_fields(record_type)
    prefixes = _reporter_prefixes(fields)
    return tuple(
        (tuple(path.split(".")), kind, _is_reporter_field(path, kind, prefixes))
        for path, kind in fields.items()
    )


def _masked_value(
    kind: str, reporter: bool, container: Any, text: str, audience: Audience, salt: str
) -> str | None:
    """What a personal value becomes for ``audience`` (``None``: it stays). The one place
    that decides it, for records and for the reports' redactor alike."""
    if reporter:
        if kind in PROTECTED_PERSONS or kind == "name":
            return pseudonym(text, salt=salt, prefix=PROTECTED_PERSONS.get(kind, "举报人"))
        return "[hidden]"
    if audience is not Audience.PUBLIC:
        return None
    if kind == "name":
        if _party_type(container) in (None, _NATURAL_PERSON):
            return mask_name(text)
        return None
    if kind == "id_number":
        return mask_id_number(text)
    if kind == "phone":
        return mask_phone(text)
    if kind == "address":
        return mask_address(text)
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
    for parts, kind, reporter in _plan(record_type):
        for container, key in _walk(result, list(parts)):
            value = container[key]
            if value is None or value == "":
                continue
            masked = _masked_value(kind, reporter, container, str(value), audience, salt)
            if masked is not None:
                container[key] = masked
    if audience is Audience.PUBLIC:
        # An ID or phone number typed into any other text (an agency's or enterprise's name,
        # a cause, a note) is in no personal field: the public gets it masked all the same.
        result = _masked_numbers(result)
    return result


def _masked_numbers(value: Any) -> Any:
    """``value`` (JSON) with ID and phone numbers masked in every text."""
    if isinstance(value, str):
        return _mask_numbers(value)
    if isinstance(value, dict):
        return {key: _masked_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked_numbers(item) for item in value]
    return value


# --------------------------------------------------------------------------------------------
# Salts and the redactor reports use

#: Environment variable with the pseudonym salt (used when the configuration has none).
SALT_ENV = "ESUP_PSEUDONYM_SALT"
#: The salt used when neither the configuration nor the environment gives one. Pseudonyms
#: are then stable but guessable by anyone holding a list of candidate names: deployments
#: set ``[privacy] salt`` to a secret.
DEFAULT_SALT = "enforcement-supervision"


def salt_from_config(config: Config | None) -> str:
    """The pseudonym salt: ``[privacy] salt``, else ``$ESUP_PSEUDONYM_SALT``, else
    :data:`DEFAULT_SALT`."""
    if config is not None:
        value = config.section("privacy").get("salt")
        if value:
            return str(value)
    return os.environ.get(SALT_ENV) or DEFAULT_SALT


# Organisations keep their names even for the public (decisions against companies are
# published by law); a name under a personal-looking fact key that ends like this is one.
_ORGANISATION_SUFFIXES = (
    "公司",
    "厂",
    "店",
    "社",
    "中心",
    "局",
    "委员会",
    "政府",
    "所",
    "院",
    "站",
    "部",
    "队",
    "办",
    "馆",
    "场",
    "行",
    "会",
    "处",
    "室",
    "园",
    "校",
    "村委会",
    "居委会",
)


def _looks_like_organisation(value: str) -> bool:
    return value.strip().endswith(_ORGANISATION_SUFFIXES)


@functools.cache
def _key_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """``(reporter prefixes, natural-person name keys)`` learnt from the model's metadata:
    ``{"reporter_", "complainant_"}`` and ``{"party_name", "applicant_name", ...}``."""
    reporter_prefixes: set[str] = set()
    name_keys: set[str] = set()
    for record_type in RECORD_TYPES:
        fields = personal_fields(record_type)
        reporter_prefixes |= {prefix for prefix in _reporter_prefixes(fields) if prefix}
        for path, kind in fields.items():
            flat = path.replace("[]", "").replace(".", "_")
            if kind == "name" and "_" in flat:
                name_keys.add(flat)
    reporter_prefixes |= {f"{kind}_" for kind in PROTECTED_PERSONS}
    return frozenset(reporter_prefixes), frozenset(name_keys)


@functools.lru_cache(maxsize=4096)
def _key_kind(key: str) -> str | None:
    """What a fact named ``key`` holds, judged by its name: ``reporter``, ``reporter_other``
    (a reporter's phone or ID number), ``id_number``, ``phone``, ``address``, ``name`` or
    ``None``."""
    name = key.strip().lower().replace("-", "_").replace(".", "_")
    reporter_prefixes, name_keys = _key_vocabulary()
    for prefix in reporter_prefixes:
        if name.startswith(prefix) or f"_{prefix}" in name:
            return "reporter" if name.endswith("name") else "reporter_other"
    if name.endswith("id_number"):
        return "id_number"
    if name.endswith("phone") or name.endswith("mobile"):
        return "phone"
    if name.endswith("address"):
        return "address"
    if name in name_keys:
        return "name"
    return None


class Redactor:
    """Masks personal data in the text and facts of findings, for one audience.

    ``replacements(records)`` learns, from the records a finding rests on (JSON form, as
    stored), each personal value and what :func:`mask_record` makes of it for this audience;
    :meth:`text` and :meth:`value` then replace those values wherever they appear, mask the
    values of facts whose names say they are personal (``reporter_name``, ``party_phone``,
    ...) and, last, mask ID and phone numbers anywhere (:func:`mask_text`). For the
    ``internal`` audience everything is returned unchanged.

    >>> r = Redactor("public", salt="s")
    >>> found = r.replacements([("complaint", {"id": "C1", "complainant_name": "吴某某"})])
    >>> r.text("投诉人吴某某反映", found).startswith("投诉人举报人-")
    True
    """

    def __init__(self, audience: Audience | str, *, salt: str) -> None:
        self.audience = Audience(audience)
        self.salt = salt

    @property
    def internal(self) -> bool:
        """``True`` when nothing is masked."""
        return self.audience is Audience.INTERNAL

    def replacements(self, records: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, str]:
        """``{personal value: masked value}`` for the ``(record_type, data)`` records, as
        :func:`mask_record` masks them."""
        found: dict[str, str] = {}
        if self.internal:
            return found
        for record_type, data in records:
            try:
                plan = _plan(record_type)
            except LookupError:  # a group subject or an unknown record type
                continue
            for parts, kind, reporter in plan:
                for container, key in _walk(data, list(parts)):
                    value = container[key]
                    if not isinstance(value, str) or len(value.strip()) < 2:
                        continue
                    masked = _masked_value(
                        kind, reporter, container, value, self.audience, self.salt
                    )
                    if masked is not None and masked != value:
                        found[value.strip()] = masked
        return found

    def text(self, text: str, replacements: Mapping[str, str] | None = None) -> str:
        """``text`` with the known values replaced and numbers masked."""
        if self.internal or not text:
            return text
        if replacements:
            for value in sorted(replacements, key=len, reverse=True):
                if value in text:
                    text = text.replace(value, replacements[value])
        return _mask_numbers(text)

    def _by_key(self, kind: str, text: str) -> str:
        if kind == "reporter":
            return pseudonym(text, salt=self.salt)
        if kind == "reporter_other":
            return "[hidden]"
        if self.audience is not Audience.PUBLIC:
            return text
        if kind == "id_number":
            return mask_id_number(text)
        if kind == "phone":
            return mask_phone(text)
        if kind == "address":
            return mask_address(text)
        if kind == "name" and not _looks_like_organisation(text):
            return mask_name(text)
        return text

    def value(
        self,
        value: Any,
        replacements: Mapping[str, str] | None = None,
        *,
        key: str | None = None,
    ) -> Any:
        """A JSON value (facts, evidence values) with personal data masked; ``key`` is the
        name the value is filed under, if any (mapping keys are used for nested values)."""
        if self.internal:
            return value
        if isinstance(value, str):
            kind = _key_kind(key) if key else None
            if kind is not None and value.strip():
                masked = self._by_key(kind, value)
                if masked != value:
                    return masked
            return self.text(value, replacements)
        if isinstance(value, Mapping):
            # Keys are data too (a mapping keyed by what a record says).
            return {
                self.text(str(name), replacements): self.value(item, replacements, key=str(name))
                for name, item in value.items()
            }
        if isinstance(value, list | tuple):
            return [self.value(item, replacements, key=key) for item in value]
        return value
