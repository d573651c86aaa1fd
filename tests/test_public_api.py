"""The package root re-exports the deliberate public API, lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import enforcement_supervision


@pytest.mark.parametrize("name", [n for n in enforcement_supervision.__all__ if n != "__version__"])
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(enforcement_supervision, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        enforcement_supervision.no_such_name  # noqa: B018


def test_import_is_cheap() -> None:
    code = "import sys, enforcement_supervision; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
