"""``esup rules new``: a rule-pack scaffold that passes its own tests at once.

Installing the pack (``pip install -e``) into the test environment would be slow and leave it
installed; instead its ``src`` goes on the path, the plugin is registered through a fresh
plugin manager, and its own pytest runs in a subprocess with ``PYTHONPATH``.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_supervision._host import PluginStatus, load_cases, load_plugins, run_cases
from enforcement_supervision.cli import main


def new(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--lang", "en", "rules", "new", *args])
    return result.exit_code, result.output


def test_scaffold_registers_and_its_cases_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = new(tmp_path, "my-pack", "--dir", str(tmp_path), "--json")
    assert code == 0, out
    made = json.loads(out)
    assert made["package"] == "my_pack"
    assert made["entry_point"] == "my-pack = my_pack"
    assert made["rule_id"] == "MY-PACK-CERT-EXPIRED"
    root = tmp_path / "my-pack"
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.enforcement_supervision]\nmy-pack = "my_pack"' in pyproject
    monkeypatch.syspath_prepend(str(root / "src"))
    pack = importlib.import_module("my_pack")
    manager = load_plugins(entry_points=False)
    info = manager.register(pack, name="my-pack")
    assert info.status is PluginStatus.LOADED, info.error
    rule = manager.rule("MY-PACK-CERT-EXPIRED")
    assert set(rule.messages) == {"expired"}
    assert rule.legal_basis[0].article == "42"
    ((_, cases_dir),) = manager.case_directories()
    report = run_cases(load_cases([cases_dir]), manager.rules())
    assert report.ok, report.render()
    assert [(c.flag_cases, c.pass_cases) for c in report.coverage] == [(1, 2)]


def test_scaffold_passes_its_own_pytest(tmp_path: Path) -> None:
    code, out = new(tmp_path, "mypack", "--dir", str(tmp_path))
    assert code == 0, out
    assert "pip install -e . && pytest" in out
    root = tmp_path / "mypack"
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    env.pop("ESUP_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # Not installed here, so `esup rules test` on it is skipped; the rest passes.
    assert "5 passed, 1 skipped" in done.stdout


def test_refuses_an_existing_folder_and_a_bad_name(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    code, out = new(tmp_path, "taken", "--dir", str(tmp_path))
    assert code == 2
    assert "already exists (nothing is overwritten)" in out
    code, out = new(tmp_path, "9lives", "--dir", str(tmp_path))
    assert code == 2
    assert "invalid pack name '9lives'" in out
