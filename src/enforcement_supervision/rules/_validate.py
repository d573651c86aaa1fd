"""Checks on what a rule body hands :meth:`Context.finding`.

A malformed finding is the rule's error on that subject, never the run's: everything that
reaches the store is checked here, where the rule makes it, so a bad value cannot fail a
batch on PostgreSQL or MariaDB (or store ``NaN`` in a JSON column on SQLite). Text that only
cannot be stored (a NUL character, a lone surrogate from a broken source) is repaired rather
than refused: it comes from the data, not from the rule.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from enforcement_supervision.rules._errors import RuleUsageError
from enforcement_supervision.rules._json import JSONValue, to_json_value

__all__ = [
    "MAX_KEY_LENGTH",
    "MAX_SUBJECT_ID_LENGTH",
    "MAX_SUBJECT_TYPE_LENGTH",
    "check_date",
    "check_facts",
    "check_json",
    "check_text",
    "clean_text",
    "finding_key",
]

#: Keys longer than this are shortened to a prefix and a digest (the store keeps 255).
MAX_KEY_LENGTH = 200
#: The store's bounds on a subject (``subject_type`` 40, ``subject_id`` 128 characters).
MAX_SUBJECT_TYPE_LENGTH = 40
MAX_SUBJECT_ID_LENGTH = 128

_REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """``text`` without the characters no database can store: NUL and lone surrogates
    become U+FFFD."""
    if "\x00" in text:
        text = text.replace("\x00", _REPLACEMENT)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join(_REPLACEMENT if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


def check_text(name: str, value: object) -> str:
    """A message text: a non-empty ``str`` (repaired by :func:`clean_text`)."""
    if not isinstance(value, str):
        raise RuleUsageError(
            f"发现的 {name} 必须是文本，而不是 {type(value).__name__}",
            f"a finding's {name} must be text, not {type(value).__name__}",
        )
    if not value.strip():
        raise RuleUsageError(f"发现的 {name} 为空", f"a finding's {name} is empty")
    return clean_text(value)


def finding_key(key: object) -> str:
    """The key as text: a ``str`` or an ``int``. A key longer than :data:`MAX_KEY_LENGTH`
    (built from imported data, say) becomes its first 150 characters, ``…#`` and 16 hex
    digits of its SHA-256: still stable across runs, and within the store's column."""
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise RuleUsageError(
            f"发现的 key 必须是文本或整数，而不是 {type(key).__name__}",
            f"a finding's key must be text or an integer, not {type(key).__name__}",
        )
    text = clean_text(str(key))
    if len(text) <= MAX_KEY_LENGTH:
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{text[:150]}…#{digest}"


def check_json(where: str, value: JSONValue) -> JSONValue:
    """``value`` (already JSON-ready) with its text repaired; a float that is not finite is
    the rule's error (JSON has no ``NaN`` or ``Infinity``)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RuleUsageError(
                f"{where} 的值 {value!r} 不是有限数",
                f"{where}: {value!r} is not a finite number",
            )
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [check_json(f"{where}[{index}]", item) for index, item in enumerate(value)]
    if isinstance(value, dict):
        return {clean_text(key): check_json(f"{where}.{key}", item) for key, item in value.items()}
    return value


def check_facts(facts: object) -> dict[str, JSONValue]:
    """The facts as JSON-ready values: a mapping with text keys, finite numbers."""
    if facts is None:
        return {}
    if not isinstance(facts, Mapping):
        raise RuleUsageError(
            f"发现的 facts 必须是映射（dict），而不是 {type(facts).__name__}",
            f"a finding's facts must be a mapping, not {type(facts).__name__}",
        )
    result: dict[str, JSONValue] = {}
    for name, value in facts.items():
        if not isinstance(name, str) or not name:
            raise RuleUsageError(
                f"facts 的键 {name!r} 必须是非空文本",
                f"facts key {name!r} must be non-empty text",
            )
        result[clean_text(name)] = check_json(f"facts[{name!r}]", to_json_value(value))
    return result


def check_date(name: str, value: Any) -> date | None:
    """``None`` or a date (a datetime gives its own date part)."""
    if value is None:
        return None
    if not isinstance(value, date):
        raise RuleUsageError(
            f"发现的 {name} 必须是日期，而不是 {type(value).__name__}",
            f"a finding's {name} must be a date, not {type(value).__name__}",
        )
    return date(value.year, value.month, value.day)
