"""The generated township and its answer key: planted violations and clean controls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from enforcement_supervision.model import RECORD_TYPES, Record

__all__ = [
    "CATEGORIES",
    "RULES_IN_FORCE_FROM",
    "RULE_CATEGORIES",
    "ControlCase",
    "PlantedViolation",
    "SampleTownship",
    "ordered_types",
]

CATEGORIES: tuple[str, ...] = (
    "inaction",
    "abuse",
    "procedure",
    "transparency",
    "personnel",
    "supervision-mechanism",
)
"""The rule categories of the catalog (docs/catalog/rules.md#conventions), in catalog order."""

# Categories of the rules the sample plants, as docs/catalog/rules.md lists them (first = primary).
RULE_CATEGORIES: Mapping[str, tuple[str, ...]] = {
    "PEN-DECISION-90D": ("inaction",),
    "PEN-FILING-LAG": ("inaction",),
    "PEN-NOT-STOPPED": ("inaction",),
    "PEN-SUMMARY-LIMIT": ("abuse", "procedure"),
    "PEN-ONSPOT-CASH": ("abuse",),
    "PEN-DISCRETION": ("abuse",),
    "PEN-OFFICERS-2": ("procedure",),
    "PEN-CASH-HANDOVER": ("procedure",),
    "PEN-NOTICE": ("procedure",),
    "PEN-LEGAL-REVIEW": ("procedure",),
    "PEN-DELIVERY-7WD": ("procedure",),
    "PEN-CERT-VALID": ("personnel", "abuse"),
    "LIC-DECISION-20WD": ("inaction",),
    "LIC-ONE-TIME-NOTICE": ("procedure", "inaction"),
    "ENF-SEIZURE-30D": ("abuse",),
    "ENF-NIGHT-HOLIDAY": ("abuse",),
    "INSP-SUBJECT": ("abuse",),
    "INSP-ITEM-PUBLISHED": ("abuse",),
    "INSP-APPROVAL": ("procedure",),
    "INSP-OFFICERS": ("procedure",),
    "INSP-FREQ-CAP": ("abuse",),
    "INSP-REPEAT": ("abuse",),
    "INSP-MERGE": ("abuse",),
    "PUB-DECISION": ("transparency",),
    "PUB-PENALTY-SCOPE": ("transparency",),
    "PERS-TRAINING-60H": ("personnel",),
    "PERS-AUX-ALONE": ("personnel", "abuse"),
    "PERS-CERT-EXPIRING": ("personnel",),
    "SUP-RECTIFY": ("inaction",),
    "SUP-COMPLAINT": ("inaction",),
    "SUP-LIAISON-FEEDBACK": ("supervision-mechanism",),
    "LOCAL-LIAISON-QUARTERLY": ("supervision-mechanism",),
    "SUP-SUPERVISOR-TERM": ("supervision-mechanism",),
    "SUP-FEEDBACK-ANSWER": ("supervision-mechanism",),
    "PET-ROUTE-15D": ("inaction",),
    "PET-NOTICE-15D": ("inaction",),
    "PET-OBJECTION-5WD": ("procedure",),
    "PET-HANDLE-60D": ("inaction",),
    "PET-REVIEW-30D": ("inaction",),
    "REV-REPLY": ("procedure",),
    "LIT-DEFENCE-15D": ("procedure",),
    "LIT-HEAD-APPEAR": ("procedure",),
    "DEC-PUBLIC-30D": ("procedure",),
    "DEC-HEARING-7D": ("procedure",),
    "DEC-LEGALITY": ("procedure",),
    "NORM-NO-PENALTY": ("abuse",),
    "NORM-CONSULT-30D": ("procedure",),
    "NORM-FILING": ("supervision-mechanism",),
    "CONTRACT-REVIEW": ("procedure",),
}


# Rules whose instrument took effect inside the years the sample can be generated for
# (2022 on): a record planted before that day is generated all the same but is not listed,
# since it was no violation then (rules apply the law in force on the date of the facts).
RULES_IN_FORCE_FROM: Mapping[str, dt.date] = {
    # 国办发〔2024〕54号, published and in force 2025-01-03.
    "INSP-SUBJECT": dt.date(2025, 1, 3),
    "INSP-ITEM-PUBLISHED": dt.date(2025, 1, 3),
    "INSP-REPEAT": dt.date(2025, 1, 3),
    "INSP-MERGE": dt.date(2025, 1, 3),
    # 司法部《涉企检查意见有关问题解答》, 2025-04-18: prior approval of every inspection.
    "INSP-APPROVAL": dt.date(2025, 4, 18),
    # 54号: annual caps to be published by 2025-06-30.
    "INSP-FREQ-CAP": dt.date(2025, 6, 30),
    # 国办发〔2023〕27号: training hours are judged for the years from 2023.
    "PERS-TRAINING-60H": dt.date(2023, 1, 1),
    # 信访工作条例 in force 2022-05-01 (the 2005 信访条例 is not encoded).
    "PET-ROUTE-15D": dt.date(2022, 5, 1),
    "PET-NOTICE-15D": dt.date(2022, 5, 1),
    "PET-OBJECTION-5WD": dt.date(2022, 5, 1),
    "PET-HANDLE-60D": dt.date(2022, 5, 1),
    "PET-REVIEW-30D": dt.date(2022, 5, 1),
}
"""First day of the facts each of these rules judges; other planted rules apply throughout."""


@attrs.frozen(kw_only=True)
class PlantedViolation:
    """One violation planted in the sample: the finding a correct rule pack must produce.

    ``severity`` is the catalog's severity under the default configuration (S4 marks a note
    that is expected but is not a violation, e.g. a deadline met only by rollover).
    """

    rule_id: str
    record_type: str
    record_id: str
    severity: str
    description_zh: str
    description_en: str
    note: str | None = None

    @property
    def categories(self) -> tuple[str, ...]:
        """The rule's categories in the catalog, primary first."""
        return RULE_CATEGORIES[self.rule_id]

    @property
    def category(self) -> str:
        """The rule's primary category."""
        return self.categories[0]

    def to_json(self) -> dict[str, Any]:
        """The entry as written to ``planted.json``."""
        data: dict[str, Any] = {
            "rule_id": self.rule_id,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "category": self.category,
            "categories": list(self.categories),
            "severity": self.severity,
            "description_zh": self.description_zh,
            "description_en": self.description_en,
        }
        if self.note is not None:
            data["note"] = self.note
        return data


@attrs.frozen(kw_only=True)
class ControlCase:
    """A clean record built next to a planted one, on the other side of the same boundary.

    A correct rule must *not* flag it (e.g. a summary fine of exactly 200.00 yuan).
    """

    rule_id: str
    record_type: str
    record_id: str
    description_zh: str
    description_en: str

    def to_json(self) -> dict[str, Any]:
        """The entry as written to ``planted.json``."""
        return {
            "rule_id": self.rule_id,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "description_zh": self.description_zh,
            "description_en": self.description_en,
        }


@attrs.frozen(kw_only=True)
class SampleTownship:
    """A generated township year: its records, the planted violations and the controls.

    ``records`` maps each record type (in :data:`~enforcement_supervision.model.RECORD_TYPES`
    order) to its records, sorted by id; types with no records are absent. ``as_of`` is the
    evaluation date the answer key is written for: the last day of the year.
    """

    seed: int
    year: int
    as_of: dt.date
    name_zh: str
    name_en: str
    records: Mapping[str, tuple[Record, ...]]
    planted: tuple[PlantedViolation, ...]
    controls: tuple[ControlCase, ...]

    def __iter__(self) -> Iterator[Record]:
        for records in self.records.values():
            yield from records

    def counts(self) -> dict[str, int]:
        """Number of records per record type."""
        return {name: len(records) for name, records in self.records.items()}

    def get(self, record_type: str, record_id: str) -> Record:
        """The record of ``record_type`` with ``record_id``; ``KeyError`` if there is none."""
        for record in self.records.get(record_type, ()):
            if record.id == record_id:
                return record
        raise KeyError(f"{record_type}:{record_id}")

    def answer_key(self) -> dict[str, Any]:
        """The content of ``planted.json``."""
        return {
            "township": self.name_zh,
            "township_en": self.name_en,
            "seed": self.seed,
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "planted": [item.to_json() for item in self.planted],
            "controls": [item.to_json() for item in self.controls],
        }


def ordered_types(names: list[str]) -> list[str]:
    """``names`` in :data:`RECORD_TYPES` order."""
    order = {name: index for index, name in enumerate(RECORD_TYPES)}
    return sorted(names, key=lambda name: order[name])
