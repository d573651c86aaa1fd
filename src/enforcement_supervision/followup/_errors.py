"""The errors of the follow-through layer (bilingual, like every library error)."""

from __future__ import annotations

from enforcement_supervision.errors import EsupError

__all__ = ["FollowupError", "TransitionError", "WaiverError"]


class FollowupError(EsupError):
    """A follow-through request the library refuses (bad input, unknown waiver, ...)."""


class TransitionError(FollowupError):
    """A transition that is not allowed from the finding's current status. ``action`` is
    ``"english / 中文"``."""

    def __init__(
        self,
        *,
        fingerprint: str,
        rule_id: str,
        status: str,
        action: str,
        allowed_from: tuple[str, ...],
        detail_zh: str = "",
        detail_en: str = "",
    ) -> None:
        allowed = ", ".join(allowed_from) or "-"
        action_en, _, action_zh = action.partition(" / ")
        super().__init__(
            f"发现 {fingerprint[:12]}（{rule_id}）当前状态为 {status}，不能{action_zh or action_en}"
            f"（仅允许从 {allowed} 状态执行）{detail_zh}",
            f"finding {fingerprint[:12]} ({rule_id}) is {status}: cannot {action_en} it "
            f"(allowed from: {allowed}){detail_en}",
        )
        self.fingerprint = fingerprint
        self.rule_id = rule_id
        self.status = status
        self.action = action
        self.allowed_from = allowed_from


class WaiverError(FollowupError):
    """A waiver the library refuses: same requester and approver, non-waivable rule, ..."""
