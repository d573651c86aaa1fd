"""The record types by name."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from enforcement_supervision.model._agency import Agency, Officer
from enforcement_supervision.model._catalog import Delegation, DiscretionBenchmark, MatterList
from enforcement_supervision.model._coercive import CoerciveMeasure
from enforcement_supervision.model._common import Record
from enforcement_supervision.model._errors import UnknownRecordType
from enforcement_supervision.model._governance import (
    AdministrativeContract,
    MajorDecision,
    NormativeDocument,
)
from enforcement_supervision.model._information import InformationDisclosure, InformationRequest
from enforcement_supervision.model._inspection import Inspection
from enforcement_supervision.model._licence import LicenceApplication
from enforcement_supervision.model._penalty import Lead, PenaltyCase
from enforcement_supervision.model._petition import Petition
from enforcement_supervision.model._remedy import Lawsuit, Reconsideration
from enforcement_supervision.model._supervision import (
    Complaint,
    Feedback,
    LiaisonPoint,
    SocialSupervisor,
    SupervisionCheck,
)

__all__ = ["RECORD_TYPES", "record_class"]

_CLASSES: tuple[type[Record], ...] = (
    Agency,
    Officer,
    MatterList,
    DiscretionBenchmark,
    Delegation,
    Lead,
    PenaltyCase,
    Inspection,
    CoerciveMeasure,
    LicenceApplication,
    InformationRequest,
    InformationDisclosure,
    SupervisionCheck,
    LiaisonPoint,
    SocialSupervisor,
    Feedback,
    Complaint,
    Petition,
    Reconsideration,
    Lawsuit,
    MajorDecision,
    NormativeDocument,
    AdministrativeContract,
)

RECORD_TYPES: Mapping[str, type[Record]] = MappingProxyType(
    {cls.record_type: cls for cls in _CLASSES}
)
"""Every record type, by its kebab-case name (``"penalty-case"`` → :class:`PenaltyCase`)."""


def record_class(name: str) -> type[Record]:
    """The record class for ``name``; raises :class:`UnknownRecordType` listing the known names."""
    try:
        return RECORD_TYPES[name]
    except KeyError:
        raise UnknownRecordType(name, RECORD_TYPES) from None
