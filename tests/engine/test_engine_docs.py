"""The embedding guide's code runs as written (every ``python`` block, in order)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "embedding.md"


def test_every_python_block_of_the_embedding_guide_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the guide's mkdtemp()
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) >= 6
    namespace: dict[str, object] = {"__name__": "embedding_guide"}
    for block in blocks:
        exec(compile(block, str(GUIDE), "exec"), namespace)
    out = capsys.readouterr().out
    assert "ok 2 evaluated, 2 opened" in out
    assert (
        "立案决定: 期限届满日 2025-03-18（当日仍在期限内）；"
        "收到线索 2025-03-03 起算 15 日 → 2025-03-18"
    ) in out
    assert "exit status for --fail-on S2: 1" in out
    tickets: Any = namespace["tickets"]
    assert [entry[0] for entry in tickets.log] == ["close ticket", "run", "open ticket", "run"]
    assert "1 records stored from the source; 1 opened" in out
