"""Fixtures of the engine tests: a real SQLite store, a plugin manager with the test rules,
and fake plugin distributions on disk (found through importlib.metadata for real)."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from enforcement_supervision._host import PluginManager, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.rules import Rule
from enforcement_supervision.store import Store

from .rules_for_tests import CORE_RULES

MakeDist = Callable[..., Path]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def make_manager(*rules: Rule, config: Config | None = None) -> PluginManager:
    """A manager without the installed plugins, with ``rules`` registered as one plugin."""
    manager = load_plugins(config or Config(), entry_points=False)
    manager.register_rules(*rules, name="test-rules")
    return manager


@pytest.fixture
def manager() -> PluginManager:
    return make_manager(*CORE_RULES)


@pytest.fixture
def fake_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeDist]:
    """``fake_dist("esup-fake-x", {"fake_x": SOURCE}, {"fake-x": "fake_x"})`` writes the
    modules and a ``*.dist-info`` with ``entry_points.txt`` into a folder on ``sys.path``."""
    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    modules: list[str] = []

    def make(
        distribution: str,
        sources: dict[str, str],
        entry_points: dict[str, str],
        *,
        version: str = "1.0",
    ) -> Path:
        for name, source in sources.items():
            (site / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            modules.append(name)
        info = site / f"{distribution.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n", encoding="utf-8"
        )
        lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
        (info / "entry_points.txt").write_text(
            f"[enforcement_supervision]\n{lines}", encoding="utf-8"
        )
        importlib.invalidate_caches()
        return info

    yield make
    for name in modules:
        sys.modules.pop(name, None)


#: A plugin module offering the test rules, for tests that go through entry points.
TEST_RULES_MODULE = """
from tests.engine.rules_for_tests import CORE_RULES, boom, summary_rule
from enforcement_supervision.rules import hookimpl

@hookimpl
def esup_rules():
    return [*CORE_RULES, boom, summary_rule]
"""
