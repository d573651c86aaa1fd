"""Rules, records and receiver state shared by the notification tests (the receivers
themselves are fixtures in ``conftest.py``)."""

from __future__ import annotations

import threading
from datetime import date
from email.message import EmailMessage
from typing import Any

import attrs

from enforcement_supervision._host import build_record
from enforcement_supervision.rules import Context, LegalBasis, Rule, rule

BASIS = LegalBasis(instrument="测试规定", instrument_en="test provisions", article="1")


@rule(
    id="T-NOTIFY-LATE",
    title_zh="逾期未整改",
    title_en="Not rectified in time",
    category="inaction",
    severity="S2",
    legal_basis=BASIS,
    applies_to="lead",
)
def late_lead(lead: Any, ctx: Context) -> None:
    """Flags leads whose summary says 逾期; rectification due 2026-03-01. The message
    quotes a reporter's phone number and ID number (they must be masked in digests)."""
    if lead.summary and "逾期" in lead.summary:
        ctx.finding(
            key="late",
            message_zh=f"线索 {lead.id} 逾期，举报人 13800138000，身份证 370102199003071234",
            message_en=f"lead {lead.id} late, reporter 13800138000",
            due=date(2026, 3, 1),
        )


@rule(
    id="T-NOTIFY-MINOR",
    title_zh="轻微问题",
    title_en="Minor issue",
    category="procedure",
    severity="S4",
    legal_basis=BASIS,
    applies_to="lead",
)
def minor(lead: Any, ctx: Context) -> None:
    """Flags every lead of AG-2 (advisory)."""
    if lead.agency_id == "AG-2":
        ctx.finding(key="minor", message_zh=f"线索 {lead.id} 提示", message_en=f"lead {lead.id}")


RULES: tuple[Rule, ...] = (late_lead, minor)


def leads() -> list[Any]:
    return [
        build_record(
            "lead",
            id=f"L-{index}",
            agency_id="AG-2" if index >= 4 else "AG-1",
            received_date="2026-01-05",
            summary="逾期" if index % 2 == 0 else "正常",
        )
        for index in range(6)
    ]


@attrs.define
class WebhookServer:
    """What the local webhook received, and how it should answer."""

    url: str
    bodies: list[bytes] = attrs.field(factory=list)
    headers: list[dict[str, str]] = attrs.field(factory=list)
    fail_first: int = 0
    status: int = 200
    hold: threading.Event | None = None
    holding: threading.Event = attrs.field(factory=threading.Event)
    requests: int = 0


@attrs.define
class SmtpServer:
    """A minimal SMTP receiver: enough of RFC 5321 for ``smtplib``."""

    port: int
    messages: list[tuple[str, list[str], EmailMessage]] = attrs.field(factory=list)
    refuse: set[str] = attrs.field(factory=set)
