"""Texts from the data that become keys: made to fit the store's bounded key columns.

A group rule's key is whatever its ``group_by`` reads from a record (a party id, a source
id), and it becomes the group's subject id (``findings.subject_id``, 128 characters) and
part of a subject key (``group_members``, ``rule_state``, ``finding_sources``, 256). Record
ids are bounded at import; these texts are not ids of any record, so an import cannot refuse
them, and PostgreSQL and MariaDB refuse a longer value (which failed every later check).
A text that does not fit is kept readable and made unique by a digest of the whole text:
its first characters, ``…#`` and 16 hex digits of its SHA-256 (the same form as a rule's
over-long finding key). The full text stays beside it, in the member records themselves.
"""

from __future__ import annotations

import hashlib

__all__ = ["MAX_KEY_TEXT", "fit_key"]

#: The longest key text kept as it is: ``findings.subject_id`` holds 128 characters.
MAX_KEY_TEXT = 128
#: Characters of a long text kept before its digest (``…#`` and 16 hex digits follow).
_PREFIX = 100


def fit_key(text: str, limit: int = MAX_KEY_TEXT) -> str:
    """``text`` itself when it has at most ``limit`` characters, else a stable shortened form
    (prefix, ``…#``, 16 hex digits of the SHA-256 of the whole text) of at most ``limit``."""
    if len(text) <= limit:
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{text[: min(_PREFIX, limit - 18)]}…#{digest}"
