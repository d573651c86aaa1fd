"""Every format of every audience renders byte for byte as the code before the report-speed
work did (digests in ``data/golden/digests.json``, made from frozen stores: see
:mod:`tests.reports.golden`). A change meant to alter the output regenerates them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import golden


@pytest.mark.parametrize("name", golden.STORES)
def test_reports_are_unchanged(name: str, tmp_path: Path) -> None:
    expected = {
        case: digest
        for case, digest in json.loads(golden.EXPECTED.read_text(encoding="utf-8")).items()
        if case.startswith(f"{name}/")
    }
    found = golden.digests(name, golden.open_copy(name, tmp_path), tmp_path / "out")
    assert sorted(found) == sorted(expected)
    changed = sorted(case for case in expected if found[case] != expected[case])
    assert not changed, f"changed (rendered into {tmp_path / 'out'}): {changed}"
