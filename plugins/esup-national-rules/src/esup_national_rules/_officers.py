"""OFFICER-VALID: whether an officer could lawfully enforce on a given day.

Shared by PEN-OFFICERS-2, PEN-CERT-VALID, INSP-SUBJECT, INSP-OFFICERS and PERS-AUX-ALONE, so
that every rule judges an officer's qualification the same way: a certificate that is active
and valid on the day (validity dates inclusive), held by someone who is not auxiliary staff
(协管员、网格员、临时工 may never enforce, 国办发〔2024〕54号 and the 2025 code of conduct).

The reasons are templates declared here, in both languages, so that no function holds text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from enforcement_supervision.rules import Message, Text

__all__ = ["officer_problem_texts", "officer_problems", "officer_valid"]

_NO_RECORD = Message(zh="无此执法人员记录", en="no record of this officer")
_AUXILIARY = Message(zh="辅助人员不得执法", en="auxiliary staff may not enforce")
_STATUS = Message(zh="执法证状态为 {status}", en="certificate status is {status}")
_NOT_RECORDED = Text(zh="未登记", en="not recorded")
_NOT_YET_VALID = Message(zh="执法证自 {day} 起有效", en="certificate valid only from {day}")
_EXPIRED = Message(zh="执法证已于 {day} 到期", en="certificate expired on {day}")
_NO_CERTIFICATE = Message(zh="未登记执法证", en="no certificate recorded")


def _text(message: Message, **facts: Any) -> Text:
    return Text(zh=message.render(facts, "zh"), en=message.render(facts, "en"))


def officer_problem_texts(officer: Any | None, day: dt.date) -> list[Text]:
    """Why ``officer`` could not enforce on ``day``, each reason in both languages; empty if
    the officer was qualified.

    An officer id with no officer record is itself a problem: an act cannot be attributed to
    a qualified officer the system does not know. Validity dates are inclusive: a certificate
    is valid on its first and on its last day.
    """
    if officer is None:
        return [_text(_NO_RECORD)]
    problems: list[Text] = []
    if getattr(officer, "is_auxiliary", False):
        problems.append(_text(_AUXILIARY))
    status = getattr(officer, "cert_status", None)
    if status is None or str(status) != "active":
        problems.append(_text(_STATUS, status=_NOT_RECORDED if status is None else status))
    valid_from = getattr(officer, "cert_valid_from", None)
    valid_to = getattr(officer, "cert_valid_to", None)
    if valid_from is not None and day < valid_from:
        problems.append(_text(_NOT_YET_VALID, day=valid_from))
    if valid_to is not None and day > valid_to:
        problems.append(_text(_EXPIRED, day=valid_to))
    if valid_from is None and valid_to is None and not getattr(officer, "cert_number", None):
        problems.append(_text(_NO_CERTIFICATE))
    return problems


def officer_problems(officer: Any | None, day: dt.date) -> list[tuple[str, str]]:
    """:func:`officer_problem_texts` as ``(zh, en)`` pairs."""
    return [(text.zh, text.en) for text in officer_problem_texts(officer, day)]


def officer_valid(officer: Any | None, day: dt.date) -> bool:
    """OFFICER-VALID(o, day) of the catalog."""
    return not officer_problem_texts(officer, day)
