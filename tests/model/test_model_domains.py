"""The record types of the township's other duties: petitions, reconsideration and litigation,
major decisions, normative documents and contracts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from enforcement_supervision.model import (
    AppearanceRole,
    Lawsuit,
    LegalityConclusion,
    MajorDecision,
    MatterListKind,
    Petition,
    PetitionChannel,
    Reconsideration,
    RecordValidationError,
    RemedyProcedure,
    structure_record,
    unstructure_record,
)
from enforcement_supervision.privacy import Audience, mask_record


def test_a_reconsideration_with_copy_received_and_reply_dates_imports() -> None:
    record = structure_record(
        "reconsideration",
        {
            "id": "FY-1",
            "agency_id": "AG-TOWN",
            "copy_received_date": "2025-09-26",
            "reply_date": "2025-10-17",
        },
    )
    assert isinstance(record, Reconsideration)
    assert record.copy_received_date == dt.date(2025, 9, 26)
    assert record.reply_date == dt.date(2025, 10, 17)
    assert record.role is None  # read as respondent
    assert unstructure_record(record) == {
        "id": "FY-1",
        "agency_id": "AG-TOWN",
        "copy_received_date": "2025-09-26",
        "reply_date": "2025-10-17",
    }


def test_a_decision_remedy_entry_can_name_its_proceeding(samples: dict[str, Any]) -> None:
    case = samples["penalty-case"]
    case["remedies"] = [
        {"kind": "reconsideration", "filed_date": "2025-09-15", "proceeding_id": "FY-1"}
    ]
    record = structure_record("penalty-case", case)
    assert record.remedies[0].proceeding_id == "FY-1"  # type: ignore[attr-defined]


def test_every_new_type_round_trips(samples: dict[str, Any]) -> None:
    for record_type, cls in (
        ("petition", Petition),
        ("reconsideration", Reconsideration),
        ("lawsuit", Lawsuit),
        ("major-decision", MajorDecision),
    ):
        record = structure_record(record_type, samples[record_type])
        assert isinstance(record, cls)
        assert structure_record(record_type, unstructure_record(record)) == record


def test_enumerations_and_nested_parts(samples: dict[str, Any]) -> None:
    petition = structure_record("petition", samples["petition"])
    assert isinstance(petition, Petition)
    assert petition.channel is PetitionChannel.DIRECT
    assert petition.channel.label_zh == "信访人直接提出"
    assert petition.extension is not None
    assert petition.extension.days == 30
    assert petition.recheck is not None
    assert petition.recheck.hearing_end_date == dt.date(2025, 7, 15)
    suit = structure_record("lawsuit", samples["lawsuit"])
    assert isinstance(suit, Lawsuit)
    assert suit.procedure is RemedyProcedure.ORDINARY
    assert suit.sessions[0].appeared[0] is AppearanceRole.DEPUTY_HEAD
    decision = structure_record("major-decision", samples["major-decision"])
    assert isinstance(decision, MajorDecision)
    assert decision.legality_review is not None
    assert decision.legality_review.result is LegalityConclusion.LAWFUL
    assert MatterListKind.MAJOR_DECISION_CATALOG.label_zh == "重大行政决策事项目录"


def test_a_petition_needs_a_receipt_date_and_a_channel() -> None:
    with pytest.raises(RecordValidationError) as info:
        structure_record("petition", {"id": "XF-1", "agency_id": "AG", "channel": "by_pigeon"})
    fields = {error.field for error in info.value.errors}
    assert fields == {"received_date", "channel"}


@pytest.mark.parametrize("audience", [Audience.AGENCY, Audience.PUBLIC])
def test_petitioners_are_masked_as_reporters_are(
    samples: dict[str, Any], audience: Audience
) -> None:
    petition = mask_record("petition", samples["petition"], audience, salt="s")
    complaint = mask_record("complaint", samples["complaint"], audience, salt="s")
    # A pseudonym of their own (信访人-…) as a complainant gets one (举报人-…), and nothing
    # else of the person is left.
    assert petition["petitioner_name"].startswith("信访人-")
    assert complaint["complainant_name"].startswith("举报人-")
    assert petition["petitioner_name"] != samples["petition"]["petitioner_name"]
    for field in ("petitioner_phone", "petitioner_id_number", "petitioner_address"):
        assert petition[field] == "[hidden]"
    assert petition["received_date"] == samples["petition"]["received_date"]
    internal = mask_record("petition", samples["petition"], Audience.INTERNAL, salt="s")
    assert internal["petitioner_name"] == samples["petition"]["petitioner_name"]
