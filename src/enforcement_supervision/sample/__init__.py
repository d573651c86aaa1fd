"""The sample township: a deterministic, fictional township year with planted violations.

:func:`generate_township` builds 青岚县清河镇 (Qinghe Township, a fictional county whose
region code ``990102`` does not exist): one township government with delegated powers and
four county departments enforcing in it, some twenty officers, some three hundred penalty
cases, about 150 inspections of 40 enterprises, coercive measures, licence applications, and
the supervision side — routine supervision checks, case-file reviews, two liaison points, the
social supervisors, their feedback and complaints. A known set of violations is planted in
it (:attr:`SampleTownship.planted`), each on one record (INSP-REPEAT: on one enterprise), with
clean controls on the other side of the same boundaries; everything else is clean under
docs/catalog/rules.md as written, as of the last day of the year. :func:`write_township` writes it
as JSON
Lines plus ``planted.json`` and the township's deployment configuration ``esup.toml``
(:func:`township_config`: the local lists and inspection caps the national rules read from
configuration)::

    python -m enforcement_supervision.sample --out var/demo/township [--seed N] [--year Y]
    esup --db var/demo/esup.sqlite import var/demo/township/*.jsonl
    esup --config var/demo/township/esup.toml --db var/demo/esup.sqlite check --as-of 2025-12-31
"""

from __future__ import annotations

from enforcement_supervision.sample._config import CONFIG_FILE, township_config
from enforcement_supervision.sample._generate import generate_township
from enforcement_supervision.sample._township import (
    CATEGORIES,
    ControlCase,
    PlantedViolation,
    SampleTownship,
)
from enforcement_supervision.sample._write import ANSWER_KEY, write_township

__all__ = [
    "ANSWER_KEY",
    "CATEGORIES",
    "CONFIG_FILE",
    "ControlCase",
    "PlantedViolation",
    "SampleTownship",
    "generate_township",
    "township_config",
    "write_township",
]
