"""The errors of the follow-through layer (bilingual, like every library error)."""

from __future__ import annotations

from enforcement_supervision.errors import EsupError

__all__ = ["FollowupError", "TransitionError", "WaiverError"]


class FollowupError(EsupError):
    """A follow-through request the library refuses (bad input, unknown waiver, ...)."""


class TransitionError(FollowupError):
    """A transition that is not allowed: from the finding's current status, or — with
    ``detail_zh``/``detail_en`` — for that one other reason although the status allows it
    (the message then gives only that reason). ``action`` is ``"english / 中文"``."""

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
        if detail_en:
            # The status allows the action and something else forbids it: give that one
            # reason, not the status rule as well (which would read as if it were broken).
            super().__init__(
                f"发现 {fingerprint[:12]}（{rule_id}）不能{action_zh or action_en}："
                f"{detail_zh.lstrip('；')}",
                f"finding {fingerprint[:12]} ({rule_id}): cannot {action_en} it: "
                f"{detail_en.lstrip('; ')}",
            )
        else:
            super().__init__(
                f"发现 {fingerprint[:12]}（{rule_id}）当前状态为 {status}，"
                f"不能{action_zh or action_en}（仅允许从 {allowed} 状态执行）",
                f"finding {fingerprint[:12]} ({rule_id}) is {status}: cannot {action_en} it "
                f"(allowed from: {allowed})",
            )
        self.fingerprint = fingerprint
        self.rule_id = rule_id
        self.status = status
        self.action = action
        self.allowed_from = allowed_from


class WaiverError(FollowupError):
    """A waiver the library refuses: same requester and approver, non-waivable rule, ..."""
