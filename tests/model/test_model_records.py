"""The record classes, the registry and the enumerations."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs
import pytest

from enforcement_supervision import model
from enforcement_supervision.errors import EsupError
from enforcement_supervision.model import (
    RECORD_TYPES,
    AgencyRecord,
    PenaltyType,
    Record,
    UnknownRecordType,
    ZhEnum,
    record_class,
)
from enforcement_supervision.model._introspect import resolved_fields

EXPECTED_TYPES = {
    "agency",
    "officer",
    "matter-list",
    "discretion-benchmark",
    "delegation",
    "lead",
    "penalty-case",
    "inspection",
    "coercive-measure",
    "licence-application",
    "information-request",
    "information-disclosure",
    "supervision-check",
    "liaison-point",
    "social-supervisor",
    "feedback",
    "complaint",
    "petition",
    "reconsideration",
    "lawsuit",
    "major-decision",
    "normative-document",
    "contract",
}


def _all_attrs_classes() -> list[type]:
    """The model's data classes (not its error, introspection and as-of view helpers)."""
    return [
        obj
        for name in model.__all__
        if isinstance(obj := getattr(model, name), type)
        and attrs.has(obj)
        and obj not in (model.FieldErrorRecord, model.FieldInfo, model.AsOfView, model.EventField)
    ]


def _all_enums() -> list[type[ZhEnum]]:
    return [
        obj
        for name in model.__all__
        if isinstance(obj := getattr(model, name), type)
        and issubclass(obj, ZhEnum)
        and obj is not ZhEnum
    ]


def test_registry_holds_the_expected_record_types() -> None:
    assert set(RECORD_TYPES) == EXPECTED_TYPES
    for name, cls in RECORD_TYPES.items():
        assert cls.record_type == name
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name)
        assert record_class(name) is cls


def test_unknown_record_type_lists_the_known_names() -> None:
    with pytest.raises(UnknownRecordType) as info:
        record_class("penalty_case")
    error = info.value
    assert isinstance(error, EsupError)
    assert isinstance(error, LookupError)
    assert error.name == "penalty_case"
    assert "penalty-case" in error.known
    assert "penalty-case" in error.message_en
    assert "未知的记录类型" in error.message_zh


@pytest.mark.parametrize("cls", list(RECORD_TYPES.values()), ids=list(RECORD_TYPES))
def test_record_classes_have_id_label_and_agency(cls: type[Record]) -> None:
    names = [field.name for field in attrs.fields(cls)]
    assert names[0] == "id"
    assert cls.label_zh
    if cls.record_type == "agency":
        assert not issubclass(cls, AgencyRecord)
    else:
        assert issubclass(cls, AgencyRecord)
        assert names[1] == "agency_id"


@pytest.mark.parametrize("cls", _all_attrs_classes(), ids=lambda c: c.__name__)
def test_classes_are_frozen_slotted_kw_only_and_documented(cls: type) -> None:
    assert "__slots__" in cls.__dict__
    assert cls.__doc__
    for field in resolved_fields(cls):
        assert field.kw_only, field.name
        assert field.metadata.get("zh"), f"{cls.__name__}.{field.name} lacks a Chinese label"
        assert field.metadata.get("doc"), f"{cls.__name__}.{field.name} lacks a description"
        if field.default is not attrs.NOTHING:
            # Defaults are None or (), never a mutable object or a meaningful value...
            assert field.default in (None, (), False), f"{cls.__name__}.{field.name}"


def test_records_are_immutable() -> None:
    case = model.PenaltyCase(
        id="c", agency_id="a", party=model.Party(type=model.PartyType.LEGAL_PERSON, name="x")
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        case.filed_date = None  # type: ignore[misc]


@pytest.mark.parametrize("enum_cls", _all_enums(), ids=lambda e: e.__name__)
def test_enums_have_snake_case_values_and_chinese_labels(enum_cls: type[ZhEnum]) -> None:
    assert enum_cls.__doc__
    values = [member.value for member in enum_cls]
    labels = [member.label_zh for member in enum_cls]
    assert len(set(values)) == len(values)
    assert len(set(labels)) == len(labels)
    for member in enum_cls:
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", member.value)
        assert re.search(r"[\u4e00-\u9fff]", member.label_zh), member
        assert enum_cls(member.value) is member
        assert enum_cls.from_label(member.label_zh) is member
        assert member == member.value  # a StrEnum member is its value


def test_from_label_rejects_unknown_labels() -> None:
    with pytest.raises(ValueError, match="not a Chinese label"):
        PenaltyType.from_label("罚金")


def test_penalty_types_cover_the_statutory_list() -> None:
    assert [member.label_zh for member in PenaltyType] == [
        "警告",
        "通报批评",
        "罚款",
        "没收违法所得",
        "没收非法财物",
        "暂扣许可证件",
        "降低资质等级",
        "吊销许可证件",
        "限制开展生产经营活动",
        "责令停产停业",
        "责令关闭",
        "限制从业",
        "行政拘留",
        "其他",
    ]


def test_model_classes_can_be_built_in_python() -> None:
    decision = model.PenaltyDecision(
        decision_date=dt.date(2024, 12, 11),
        procedure=model.Procedure.SUMMARY,
        penalty_types=(PenaltyType.FINE,),
        fine_amount=Decimal("200.00"),
    )
    assert decision.procedure.label_zh == "简易程序"
    assert decision.fine_amount == Decimal("200")
