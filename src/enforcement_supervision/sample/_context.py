"""State shared by the generator's parts: random source, calendar, people, records so far."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from enforcement_supervision.model import Party, PartyType, PenaltyCase, Record
from enforcement_supervision.sample._days import Days
from enforcement_supervision.sample._people import IdentityFactory
from enforcement_supervision.sample._tables import (
    AGENCIES,
    COUNTY_CODE,
    COUNTY_NAME,
    OFFICERS,
    TOWNSHIP_CODE,
    TOWNSHIP_NAME,
    VILLAGES,
    AgencySpec,
    EnterpriseKind,
    OfficerSpec,
)
from enforcement_supervision.sample._township import (
    RULES_IN_FORCE_FROM,
    ControlCase,
    PlantedViolation,
)

if TYPE_CHECKING:
    from enforcement_supervision.sample._cases import CasePlan

__all__ = ["Enterprise", "SampleContext"]

R = TypeVar("R", bound=Record)


class Enterprise:
    """An enterprise of the township: its party data and what kind of business it is."""

    def __init__(self, party: Party, kind: EnterpriseKind) -> None:
        self.party = party
        self.kind = kind

    @property
    def party_id(self) -> str:
        """The enterprise's stable party id."""
        assert self.party.party_id is not None
        return self.party.party_id


class SampleContext:
    """Everything the parts of the generator share.

    Records are created with provisional ids (``~type~00001``) and get their final ids,
    in date order, when the township is finalised; references between records are written
    with the provisional ids and rewritten then.
    """

    def __init__(self, seed: int, days: Days) -> None:
        self.rng = random.Random(seed)
        self.days = days
        self.year = days.year
        self.as_of = days.last
        self.people = IdentityFactory(self.rng, COUNTY_CODE)
        self.records: dict[str, list[Record]] = defaultdict(list)
        self.planted: list[PlantedViolation] = []
        self.controls: list[ControlCase] = []
        self.enterprises: list[Enterprise] = []
        self.cases: list[tuple[CasePlan, PenaltyCase]] = []
        self.liaison_candidates: list[str] = []
        self._counters: dict[str, int] = defaultdict(int)
        self.agencies: dict[str, AgencySpec] = {a.id: a for a in AGENCIES}
        self.officers: dict[str, OfficerSpec] = {o.id: o for o in OFFICERS}

    # --- ids ------------------------------------------------------------------------------

    def temp_id(self, record_type: str) -> str:
        """A provisional id for a new record of ``record_type``."""
        self._counters[record_type] += 1
        return f"~{record_type}~{self._counters[record_type]:05d}"

    def add(self, record: R) -> R:
        """Keep ``record`` in the township."""
        self.records[record.record_type].append(record)
        return record

    def next_number(self, key: str) -> int:
        """The next number of a running counter (party ids, receipt numbers ...)."""
        self._counters["#" + key] += 1
        return self._counters["#" + key]

    # --- answer key -----------------------------------------------------------------------

    def plant(
        self,
        rule_id: str,
        record: Record,
        severity: str,
        zh: str,
        en: str,
        note: str | None = None,
        *,
        on: dt.date | None = None,
    ) -> None:
        """Record that ``record`` carries a planted violation of ``rule_id``.

        ``on`` is the date of the facts: when it lies before the day the rule's instrument
        took effect (:data:`RULES_IN_FORCE_FROM`), nothing is recorded.
        """
        self.plant_on(rule_id, (record.record_type, record.id), severity, zh, en, note, on=on)

    def plant_on(
        self,
        rule_id: str,
        subject: tuple[str, str],
        severity: str,
        zh: str,
        en: str,
        note: str | None = None,
        *,
        on: dt.date | None = None,
    ) -> None:
        """Record a planted violation whose subject is ``(type, id)``: a record, or a group
        a rule judges as a whole (``("enterprise", party_id)`` for INSP-REPEAT)."""
        since = RULES_IN_FORCE_FROM.get(rule_id)
        if since is not None and (on is None or on < since):
            if on is None:
                raise ValueError(f"{rule_id} applies from {since}: give the date of the facts")
            return
        self.planted.append(
            PlantedViolation(
                rule_id=rule_id,
                record_type=subject[0],
                record_id=subject[1],
                severity=severity,
                description_zh=zh,
                description_en=en,
                note=note,
            )
        )

    def control(self, rule_id: str, record: Record, zh: str, en: str) -> None:
        """Record that ``record`` is a clean control for ``rule_id``."""
        self.controls.append(
            ControlCase(
                rule_id=rule_id,
                record_type=record.record_type,
                record_id=record.id,
                description_zh=zh,
                description_en=en,
            )
        )

    # --- people ---------------------------------------------------------------------------

    def address(self) -> str:
        """A fictional address in the township."""
        village = self.rng.choice(VILLAGES)
        return (
            f"{COUNTY_NAME}{TOWNSHIP_NAME}{village}"
            f"{self.rng.randint(1, 9)}组{self.rng.randint(1, 60)}号"
        )

    def person(self) -> Party:
        """A new natural person living in the township."""
        return Party(
            type=PartyType.NATURAL_PERSON,
            name=self.people.person_name(),
            party_id=f"P-{self.next_number('person'):04d}",
            id_number=self.people.id_number(),
            phone=self.people.phone(),
            address=self.address(),
            region_code=TOWNSHIP_CODE,
        )

    # --- officers -------------------------------------------------------------------------

    def rel(self, value: tuple[int, int, int]) -> dt.date:
        """A date given relative to the sample year: ``(years, month, day)``."""
        years, month, day = value
        return dt.date(self.year + years, month, day)

    def cert_span(self, officer_id: str) -> tuple[dt.date, dt.date] | None:
        """First and last day of the officer's certificate; None for auxiliary staff."""
        spec = self.officers[officer_id]
        if spec.role == "auxiliary" or spec.cert_from is None or spec.cert_to is None:
            return None
        return self.rel(spec.cert_from), self.rel(spec.cert_to)

    def cert_valid(self, officer_id: str, day: dt.date) -> bool:
        """True when the officer holds a certificate valid on ``day`` (and is not auxiliary)."""
        span = self.cert_span(officer_id)
        return span is not None and span[0] <= day <= span[1]

    def enforcers(self, agency_id: str, first: dt.date, last: dt.date) -> list[str]:
        """Officers of ``agency_id`` who may enforce throughout ``first..last``."""
        return [
            o.id
            for o in OFFICERS
            if o.agency_id == agency_id
            and o.role == "enforcer"
            and self.cert_valid(o.id, first)
            and self.cert_valid(o.id, last)
        ]

    def pair(self, agency_id: str, first: dt.date, last: dt.date) -> tuple[str, str]:
        """Two officers valid for the whole span, in id order."""
        pool = self.enforcers(agency_id, first, last)
        chosen = sorted(self.rng.sample(pool, 2))
        return chosen[0], chosen[1]

    def head(self, agency_id: str) -> str | None:
        """The officer who approves for ``agency_id`` (only the township's is recorded)."""
        for officer in OFFICERS:
            if officer.agency_id == agency_id and officer.role == "head":
                return officer.id
        return None

    def reviewer(self, agency_id: str) -> str | None:
        """The agency's legal reviewer, if it has one in the sample."""
        for officer in OFFICERS:
            if officer.agency_id == agency_id and officer.role == "reviewer":
                return officer.id
        return None

    # --- amounts --------------------------------------------------------------------------

    def amount(self, lo: Decimal, hi: Decimal, step: int) -> Decimal:
        """A round amount (multiple of ``step``) in ``lo..hi``."""
        low = int((lo + step - 1) // step)
        high = int(hi // step)
        if low > high:
            return lo
        return Decimal(self.rng.randint(low, high) * step)
