"""The planner of a check run: which rules are evaluated in full, which incrementally.

A rule is evaluated in full when the run asks for it (``mode="full"``), when it has no
checkpoint, when its version, parameters or calendar changed (its digest), when the store's
records went back past its watermark or moved on by more than :data:`FULL_AFTER_VERSIONS`,
or when the run's instant is before the rule's last full evaluation. Otherwise only what
may have changed is evaluated; the run (:mod:`._run`) works out those subjects from the
day's changes, recheck times and dependencies as it goes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import attrs

from enforcement_supervision._host import RuleSettings
from enforcement_supervision.engine._select import rule_digest
from enforcement_supervision.rules import Rule
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import (
    RuleCheckpoint,
    delete_checkpoints,
    load_checkpoints,
)

__all__ = ["FULL_AFTER_VERSIONS", "Track", "plan"]

#: A rule whose checkpoint is this many stored record versions behind is evaluated in full:
#: the list of changes would cost more memory than a streamed full pass.
FULL_AFTER_VERSIONS = 100_000


@attrs.define
class Track:
    """One rule's bookkeeping during a run."""

    rule: Rule
    digest: str
    full: bool
    checkpoint: RuleCheckpoint | None
    seconds: float = 0.0
    evaluated: int = 0
    max_seconds: float = 0.0
    slowest: str | None = None
    #: Its budget ran out or its group keys failed: do not advance its checkpoint.
    unfinished: bool = False
    #: Its cumulative time budget ran out: evaluate none of its remaining subjects.
    exhausted: bool = False
    error_notified: bool = False


def plan(
    store: Store,
    rules: Sequence[Rule],
    *,
    rule_settings: Mapping[str, RuleSettings],
    calendar_digest: str,
    mode: str,
    watermark: int,
    as_of: datetime,
) -> list[Track]:
    """A track per rule, in order; the checkpoints of the rules evaluated in full are
    deleted first (a run that dies half-way through starts these rules over)."""
    checkpoints = load_checkpoints(store)
    tracks: list[Track] = []
    for rule in rules:
        digest = rule_digest(rule, rule_settings[rule.id], calendar_digest)
        checkpoint = checkpoints.get(rule.id)
        full = (
            mode == "full"
            or checkpoint is None
            or checkpoint.digest != digest
            or checkpoint.watermark > watermark
            or watermark - checkpoint.watermark > FULL_AFTER_VERSIONS
            # The answers of a full evaluation hold from its instant onwards (and are
            # not all kept per subject): an earlier instant evaluates them all again.
            or checkpoint.full_as_of is None
            or as_of < checkpoint.full_as_of
        )
        tracks.append(Track(rule=rule, digest=digest, full=full, checkpoint=checkpoint))
    delete_checkpoints(store, [t.rule.id for t in tracks if t.full and t.checkpoint is not None])
    return tracks
