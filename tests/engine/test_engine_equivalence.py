"""Checks write byte for byte what the engine wrote before the engine-speed work (issue 17):
findings, finding sources, the event log in order, subject state, dependencies, group
memberships, checkpoints, clocks and the runs' counts, errors and notes, after a full check
and after each incremental check of :data:`equivalence.STEPS`, on every database backend,
serially and with two worker processes. The recorded data is
``data/equivalence/<scenario>.json.gz`` (see :mod:`tests.engine.equivalence`); a change meant
to alter what checks write regenerates it."""

from __future__ import annotations

from pathlib import Path

import pytest

from enforcement_supervision.store import Store

from . import equivalence


def _compare(name: str, db_url: str, tmp_path: Path, workers: int) -> None:
    expected = equivalence.recorded(name)
    with Store.open(db_url) as store:
        scenario = equivalence.Scenario(name, store, tmp_path)
        found = dict(scenario.steps(workers=workers))
    assert sorted(found) == sorted(expected)
    problems = []
    for step, sections in expected.items():
        assert sorted(found[step]) == sorted(sections), step
        for section, rows in sections.items():
            if equivalence.digest(found[step][section]) != equivalence.digest(rows):
                problems.append(
                    f"{step} / {section}: "
                    + equivalence.first_difference(rows, found[step][section])
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", equivalence.SCENARIOS)
def test_checks_write_what_they_wrote_before(name: str, db_url: str, tmp_path: Path) -> None:
    _compare(name, db_url, tmp_path, workers=1)


def test_checks_in_two_workers_write_the_same(db_url: str, tmp_path: Path) -> None:
    _compare("generated", db_url, tmp_path, workers=2)
