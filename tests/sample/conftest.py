"""Fixtures for the sample-township tests: the default township, generated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from enforcement_supervision.sample import SampleTownship, generate_township, write_township


@pytest.fixture(scope="session")
def township() -> SampleTownship:
    """The township for the default seed and year."""
    return generate_township()


@pytest.fixture(scope="session")
def written(township: SampleTownship, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default township written to a directory."""
    out = tmp_path_factory.mktemp("township")
    write_township(out, township)
    return out
