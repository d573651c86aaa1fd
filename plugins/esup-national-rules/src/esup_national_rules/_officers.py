"""OFFICER-VALID: whether an officer could lawfully enforce on a given day.

Shared by PEN-OFFICERS-2, PEN-CERT-VALID, INSP-SUBJECT, INSP-OFFICERS and PERS-AUX-ALONE, so
that every rule judges an officer's qualification the same way: a certificate that is active
and valid on the day (validity dates inclusive), held by someone who is not auxiliary staff
(协管员、网格员、临时工 may never enforce, 国办发〔2024〕54号 and the 2025 code of conduct).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["officer_problems", "officer_valid"]


def officer_problems(officer: Any | None, day: dt.date) -> list[tuple[str, str]]:
    """Why ``officer`` could not enforce on ``day``: a list of (zh, en) reasons, empty if valid.

    An officer id with no officer record is itself a problem: an act cannot be attributed to
    a qualified officer the system does not know.
    """
    if officer is None:
        return [("无此执法人员记录", "no record of this officer")]
    problems: list[tuple[str, str]] = []
    if getattr(officer, "is_auxiliary", False):
        problems.append(("辅助人员不得执法", "auxiliary staff may not enforce"))
    status = getattr(officer, "cert_status", None)
    if status is None or str(status) != "active":
        label = getattr(status, "label_zh", None) or status
        problems.append(
            (
                f"执法证状态为 {label or '未登记'}",
                f"certificate status is {status or 'not recorded'}",
            )
        )
    valid_from = getattr(officer, "cert_valid_from", None)
    valid_to = getattr(officer, "cert_valid_to", None)
    if valid_from is not None and day < valid_from:
        problems.append(
            (f"执法证自 {valid_from} 起有效", f"certificate valid only from {valid_from}")
        )
    if valid_to is not None and day > valid_to:
        problems.append((f"执法证已于 {valid_to} 到期", f"certificate expired on {valid_to}"))
    if valid_from is None and valid_to is None and not getattr(officer, "cert_number", None):
        problems.append(("未登记执法证", "no certificate recorded"))
    return problems


def officer_valid(officer: Any | None, day: dt.date) -> bool:
    """OFFICER-VALID(o, day) of the catalog."""
    return not officer_problems(officer, day)
