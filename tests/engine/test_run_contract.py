"""One run contract: every run hook gets the same frozen RunInfo, with read access to the
store the run writes to."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from enforcement_supervision._host import PluginStatus, RunInfo
from enforcement_supervision.engine import run_check
from enforcement_supervision.rules import hookimpl
from enforcement_supervision.store import Store, StoreReader

from .conftest import make_manager
from .rules_for_tests import CORE_RULES, agency, boom, lead


class Recorder:
    ESUP_HOOK_API = 2

    def __init__(self) -> None:
        self.seen: list[tuple[str, RunInfo]] = []
        self.open_at_finish: list[str] = []

    @hookimpl
    def esup_run_started(self, run: RunInfo) -> None:
        self.seen.append(("started", run))

    @hookimpl
    def esup_finding_opened(self, finding: Any, run: RunInfo) -> None:
        self.seen.append(("opened", run))

    @hookimpl
    def esup_rule_error(self, rule_id: str, plugin: str | None, error: Any, run: RunInfo) -> None:
        self.seen.append(("rule_error", run))

    @hookimpl
    def esup_run_finished(self, run: RunInfo) -> None:
        self.seen.append(("finished", run))
        assert run.store is not None
        self.open_at_finish = [stored.finding.rule_id for stored in run.store.open_findings()]


def test_every_run_hook_gets_the_same_frozen_run_info(store: Store) -> None:
    store.put_records([agency("AG-1")])
    store.put_records([lead("L-1", received_date="2025-03-03"), lead("L-2", summary="boom")])
    manager = make_manager(*CORE_RULES, boom)
    recorder = Recorder()
    assert manager.register(recorder, "recorder").status is PluginStatus.LOADED
    slot = datetime(2025, 3, 19, 1, 0, tzinfo=UTC)
    result = run_check(store, as_of="2025-03-19", manager=manager, schedule="mornings", slot=slot)
    kinds = [kind for kind, _ in recorder.seen]
    assert kinds[0] == "started"
    assert kinds[-1] == "finished"
    assert {"opened", "rule_error"} <= set(kinds)
    for _, run in recorder.seen:
        assert type(run) is RunInfo
        assert run.run_id == result.run_id
        assert run.schedule == "mornings"
        assert run.slot == slot
        assert isinstance(run.store, StoreReader)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            run.outcome = "ok"  # type: ignore[misc]
    started = recorder.seen[0][1]
    assert started.outcome == "running"
    assert started.finished_at is None
    assert dict(started.counts) == {}
    finished = recorder.seen[-1][1]
    assert finished.outcome == result.outcome == "errors"
    assert finished.finished_at is not None
    assert finished.counts["opened"] == result.opened >= 1
    assert finished.counts["errors"] == len(result.errors) >= 1
    assert finished.opened == result.opened  # hook API 1 read counts as attributes
    with pytest.raises(TypeError):
        finished.counts["opened"] = 0  # type: ignore[index]
    assert "T-LEAD-15D" in recorder.open_at_finish


def test_the_store_view_only_reads(store: Store) -> None:
    view = StoreReader(store)
    for name in ("put_records", "put_prepared", "migrate", "downgrade", "close", "engine"):
        assert not hasattr(view, name)
    assert repr(view) == "StoreReader()"
    assert view.open_findings() == []
    assert view.list_runs() == []
