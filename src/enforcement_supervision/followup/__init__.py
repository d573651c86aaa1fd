"""Follow-through on findings (有错必纠) and the supervision office's own records.

A finding goes open → **notified** (a supervision opinion or rectification notice with a
deadline, :func:`notify`; :func:`extend` moves the deadline) → **rectified** (what was
done and the evidence, :func:`rectify`) → **closed** (verified by someone other than the
person who recorded the rectification, :func:`close`); or it is **waived**
(:func:`request_waiver` + :func:`approve_waiver` by a different person, or :func:`waive`),
or **reopened** (:func:`reopen`). Invalid transitions raise :class:`TransitionError`. Each
transition appends one hash-chained event in the same transaction as the status change;
:func:`verify_event_chain` checks the chain.

Waivers expire (:func:`expire_waivers`: the finding resurfaces), go stale when their
finding is no longer produced (:func:`stale_waivers`), and are refused for rules marked
``waivable=False``. :func:`create_baseline` records today's active findings as the baseline
(it only shrinks). :func:`list_findings` filters by agency, rule, category, severity,
status and overdue. :func:`after_check` is what ``esup check`` runs after each check.

:func:`record_supervision` records liaison points, social supervisors, feedback, complaints
and supervision checks. See ``docs/guide/supervision-office.md``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs

from enforcement_supervision.followup._baseline import (
    BaselineInfo,
    baseline_info,
    create_baseline,
    shrink_baseline,
)
from enforcement_supervision.followup._errors import FollowupError, TransitionError, WaiverError
from enforcement_supervision.followup._lifecycle import (
    NOTIFIABLE,
    REOPENABLE,
    FollowupState,
    close,
    extend,
    followup_state,
    followup_states,
    notify,
    rectify,
    reopen,
)
from enforcement_supervision.followup._query import list_findings, overdue_findings
from enforcement_supervision.followup._supervision import (
    SUPERVISION_TYPES,
    SupervisionSaved,
    answer_item,
    forward_item,
    list_supervision,
    record_supervision,
)
from enforcement_supervision.followup._waivers import (
    WAIVABLE_STATUSES,
    ExpiredWaiver,
    WaiverReason,
    WaiverRecord,
    approve_waiver,
    expire_waivers,
    list_waivers,
    request_waiver,
    rule_waivable,
    stale_waivers,
    waive,
)
from enforcement_supervision.store import (
    ChainBreak,
    FindingEvent,
    Store,
    finding_events_of,
    get_finding,
    verify_event_chain,
)

__all__ = [
    "NOTIFIABLE",
    "REOPENABLE",
    "SUPERVISION_TYPES",
    "WAIVABLE_STATUSES",
    "AfterCheck",
    "BaselineInfo",
    "ChainBreak",
    "ExpiredWaiver",
    "FollowupError",
    "FollowupState",
    "SupervisionSaved",
    "TransitionError",
    "WaiverError",
    "WaiverReason",
    "WaiverRecord",
    "after_check",
    "answer_item",
    "approve_waiver",
    "baseline_info",
    "close",
    "create_baseline",
    "expire_waivers",
    "extend",
    "followup_state",
    "followup_states",
    "forward_item",
    "history",
    "list_findings",
    "list_supervision",
    "list_waivers",
    "notify",
    "overdue_findings",
    "record_supervision",
    "rectify",
    "reopen",
    "request_waiver",
    "rule_waivable",
    "shrink_baseline",
    "stale_waivers",
    "verify_event_chain",
    "waive",
]


def history(store: Store, fingerprint: str) -> list[FindingEvent]:
    """The whole history of a finding (engine and follow-through events, with actors),
    oldest first; ``fingerprint`` may be a unique prefix."""
    return finding_events_of(store, get_finding(store, fingerprint).fingerprint)


@attrs.frozen(kw_only=True)
class AfterCheck:
    """What :func:`after_check` did: waivers that expired, findings that left the baseline,
    and the waivers that are stale now."""

    expired: tuple[ExpiredWaiver, ...]
    left_baseline: int
    stale: tuple[WaiverRecord, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "expired_waivers": [
                {**item.waiver.to_dict(), "resurfaced_as": item.status} for item in self.expired
            ],
            "left_baseline": self.left_baseline,
            "stale_waivers": [waiver.to_dict() for waiver in self.stale],
        }

    def describe(self, lang: str = "zh") -> list[str]:
        """One line per thing worth telling (none when nothing happened)."""
        en = lang == "en"
        lines: list[str] = []
        for item in self.expired:
            waiver = item.waiver
            lines.append(
                f"Waiver #{waiver.waiver_id} of {waiver.fingerprint[:12]} expired on "
                f"{waiver.expires}: the finding is {item.status} again"
                if en
                else f"发现 {waiver.fingerprint[:12]} 的豁免 #{waiver.waiver_id} 已于 "
                f"{waiver.expires} 到期，发现恢复为 {item.status}"
            )
        if self.left_baseline:
            lines.append(
                f"{self.left_baseline} finding(s) left the baseline (resolved or closed)"
                if en
                else f"{self.left_baseline} 条发现已解决或销号，移出基线"
            )
        for waiver in self.stale:
            lines.append(
                f"Stale waiver #{waiver.waiver_id}: finding {waiver.fingerprint[:12]} is no "
                "longer detected"
                if en
                else f"失效豁免 #{waiver.waiver_id}：发现 {waiver.fingerprint[:12]} 已不再检出"
            )
        return lines


def after_check(store: Store, as_of: date | datetime | str | None = None) -> AfterCheck:
    """Run after a check: expire waivers as of ``as_of``, shrink the baseline, and list the
    stale waivers."""
    expired = expire_waivers(store, as_of)
    left = shrink_baseline(store)
    return AfterCheck(expired=tuple(expired), left_baseline=left, stale=tuple(stale_waivers(store)))
