"""Fake plugin distributions built on disk, found by importlib.metadata for real."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

MakeDist = Callable[..., Path]


@pytest.fixture
def fake_dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeDist]:
    """``fake_dist("esup-fake-x", {"fake_x": SOURCE}, {"fake-x": "fake_x"}, version="1.0")``
    writes the modules and a ``*.dist-info`` with ``entry_points.txt`` into a folder on
    ``sys.path``; the modules are forgotten again after the test."""
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


def rule_module(rule_id: str, *, applies_to: str = "penalty-case", extra: str = "") -> str:
    """Source of a plugin module contributing one rule."""
    return f'''
from enforcement_supervision.rules import LegalBasis, Parameter, hookimpl, rule

@rule(
    id="{rule_id}",
    title_zh="测试规则",
    title_en="test rule",
    category="procedure",
    severity="S3",
    legal_basis=LegalBasis(instrument="测试规定", article="1"),
    applies_to="{applies_to}",
    parameters=[Parameter(name="cap", default=10, unit="days")],
)
def check(record, ctx):
    """Flags everything."""
    ctx.finding(message_zh="测试", message_en="test")

@hookimpl
def esup_rules():
    return [check]
{extra}
'''
