"""Rule metadata: severities, categories, legal basis, parameters, the decorator."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from enforcement_supervision._host import RuleDefinitionError, RuleDocs
from enforcement_supervision.rules import (
    Category,
    Context,
    DatedValue,
    GroupBy,
    LegalBasis,
    Parameter,
    Rule,
    RuleConfigurationError,
    Severity,
    rule,
)
from enforcement_supervision.statutory_time import SHANGHAI

BASIS = LegalBasis(instrument="行政处罚法", article="60")


def _noop(record: Any, ctx: Context) -> None:
    return None


def _declare(**overrides: Any) -> Rule:
    arguments: dict[str, Any] = {
        "id": "TEST-RULE",
        "title_zh": "测试",
        "title_en": "test",
        "category": "inaction",
        "severity": "S2",
        "legal_basis": BASIS,
        "applies_to": "penalty-case",
    }
    arguments.update(overrides)
    return rule(**arguments)(_noop)


class TestSeverity:
    def test_more_serious_compares_greater(self) -> None:
        assert Severity.S1 > Severity.S2 > Severity.S3 > Severity.S4
        assert sorted([Severity.S3, Severity.S1, Severity.S4], reverse=True) == [
            Severity.S1,
            Severity.S3,
            Severity.S4,
        ]

    def test_at_least(self) -> None:
        assert Severity.S1.at_least("S2")
        assert Severity.S2.at_least(Severity.S2)
        assert not Severity.S3.at_least("s2")

    def test_parse_rejects_unknown(self) -> None:
        assert Severity.parse(" s3 ") is Severity.S3
        with pytest.raises(RuleDefinitionError, match="S5"):
            Severity.parse("S5")


class TestCategory:
    def test_catalog_notation_with_two_categories(self) -> None:
        assert Category.parse_many("personnel, abuse") == (Category.PERSONNEL, Category.ABUSE)

    def test_repeats_are_dropped_and_order_kept(self) -> None:
        parsed = Category.parse_many(["abuse", Category.PROCEDURE, "abuse"])
        assert parsed == (Category.ABUSE, Category.PROCEDURE)

    def test_unknown_category_names_the_allowed_ones(self) -> None:
        with pytest.raises(RuleDefinitionError, match="supervision-mechanism"):
            Category.parse_many("laziness")


class TestLegalBasis:
    def test_chinese_and_english_citation(self) -> None:
        basis = LegalBasis(
            instrument="行政处罚法",
            instrument_en="Administrative Penalty Law",
            article="58",
            paragraph="1",
        )
        assert basis.cite("zh") == "《行政处罚法》第58条第1款"
        assert basis.cite("en") == "Administrative Penalty Law Art. 58(1)"

    def test_non_numeric_article_is_kept_as_written(self) -> None:
        basis = LegalBasis(instrument="国办发〔2024〕54号", article="§二")
        assert basis.cite() == "国办发〔2024〕54号 §二"

    def test_round_trip(self) -> None:
        basis = LegalBasis(
            instrument="行政许可法", article="42", url="https://example.org", verification="V"
        )
        assert LegalBasis.from_dict(json.loads(json.dumps(basis.to_dict()))) == basis

    def test_bad_verification_mark(self) -> None:
        with pytest.raises(RuleDefinitionError):
            LegalBasis(instrument="x", verification="maybe")  # type: ignore[arg-type]


class TestParameter:
    summary_cap = Parameter(
        name="natural_person_max",
        default=Decimal("50"),
        values={date(2021, 7, 15): Decimal("200")},
        unit="yuan",
    )

    def test_dated_values_resolve_as_of_the_facts_date(self) -> None:
        assert self.summary_cap.value_on(date(2021, 7, 14)) == Decimal("50")
        assert self.summary_cap.value_on(date(2021, 7, 15)) == Decimal("200")
        assert self.summary_cap.value_on(date(2030, 1, 1)) == Decimal("200")
        assert self.summary_cap.next_change_after(date(2021, 7, 14)) == date(2021, 7, 15)
        assert self.summary_cap.next_change_after(date(2021, 7, 15)) is None

    def test_several_dated_values_are_sorted(self) -> None:
        parameter = Parameter(
            name="cap",
            default=1,
            values=[DatedValue(since=date(2024, 1, 1), value=3), (date(2020, 1, 1), 2)],
        )
        assert [d.since.year for d in parameter.values] == [2020, 2024]
        assert [parameter.value_on(date(y, 6, 1)) for y in (2019, 2021, 2025)] == [1, 2, 3]

    def test_override_with_plain_value_replaces_the_history(self) -> None:
        overridden = self.summary_cap.with_override(300, rule_id="R")
        assert overridden.values == ()
        assert overridden.value_on(date(2020, 1, 1)) == Decimal("300")
        assert isinstance(overridden.default, Decimal)

    def test_override_with_dated_tables(self) -> None:
        overridden = self.summary_cap.with_override(
            [{"since": date(2022, 1, 1), "value": "250.00"}], rule_id="R"
        )
        assert overridden.value_on(date(2021, 12, 31)) == Decimal("50")
        assert overridden.value_on(date(2022, 1, 1)) == Decimal("250.00")

    def test_wrong_type_names_rule_and_parameter(self) -> None:
        days = Parameter(name="interval_days", default=90)
        with pytest.raises(RuleConfigurationError, match=r"SUP-X.*interval_days"):
            days.with_override("ninety", rule_id="SUP-X")
        with pytest.raises(RuleConfigurationError):
            days.with_override(True, rule_id="SUP-X")  # a bool is not an integer here

    def test_choices_are_enforced(self) -> None:
        reading = Parameter(name="week", default="iso", choices=("iso", "sunday"), reading=True)
        assert reading.with_override("sunday").default == "sunday"
        with pytest.raises(RuleConfigurationError, match="monday"):
            reading.with_override("monday")
        with pytest.raises(RuleDefinitionError):
            Parameter(name="week", default="monday", choices=("iso",))

    def test_names_must_be_identifiers_and_not_reserved(self) -> None:
        with pytest.raises(RuleDefinitionError):
            Parameter(name="max-fine", default=1)
        with pytest.raises(RuleDefinitionError):
            Parameter(name="enabled", default=True)

    def test_two_values_on_one_day_are_rejected(self) -> None:
        with pytest.raises(RuleDefinitionError):
            Parameter(name="x", default=1, values=[(date(2024, 1, 1), 2), (date(2024, 1, 1), 3)])


class TestDecorator:
    def test_a_declared_rule_keeps_its_metadata_and_body(self) -> None:
        declared = _declare(
            category="personnel, abuse",
            severity="s1",
            version=3,
            valid_from=date(2021, 7, 15),
        )
        assert declared.categories == (Category.PERSONNEL, Category.ABUSE)
        assert declared.severity is Severity.S1
        assert declared.version == "3"
        assert declared.check is _noop
        assert declared.legal_basis == (BASIS,)
        assert declared.applies_to == ("penalty-case",)

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"id": "pen-lower"}, "rule id"),
            ({"id": "PEN_UNDERSCORE"}, "rule id"),
            ({"title_en": " "}, "title"),
            ({"legal_basis": []}, "legal basis"),
            ({"category": []}, "category"),
            ({"applies_to": "PenaltyCase"}, "kebab-case"),
            ({"applies_to": ["inspection", "penalty-case"], "group_by": "enterprise_id"}, "group"),
            ({"valid_from": date(2025, 1, 1), "valid_to": date(2024, 1, 1)}, "valid_from"),
        ],
    )
    def test_invalid_declarations_are_rejected(
        self, overrides: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(RuleDefinitionError, match=message):
            _declare(**overrides)

    def test_body_must_take_record_and_context(self) -> None:
        def one_argument(record: Any) -> None:
            return None

        with pytest.raises(RuleDefinitionError, match="two arguments"):
            rule(
                id="TEST-ARITY",
                title_zh="测试",
                title_en="test",
                category="procedure",
                severity="S3",
                legal_basis=BASIS,
                applies_to="inspection",
            )(one_argument)  # type: ignore[arg-type]

    def test_validity_is_inclusive_and_judged_on_the_facts_date(self) -> None:
        declared = _declare(valid_from=date(2021, 7, 15), valid_to=date(2025, 12, 31))
        assert not declared.in_force(date(2021, 7, 14))
        assert declared.in_force(date(2021, 7, 15))
        assert declared.in_force(date(2025, 12, 31))
        assert not declared.in_force(date(2026, 1, 1))
        assert declared.in_force(None)

    def test_facts_date_of_a_datetime_is_its_shanghai_date(self) -> None:
        declared = _declare(facts_date="start")

        class LocalAct:
            start = datetime(2025, 1, 1, 17, 0, tzinfo=SHANGHAI)

        class UtcAct:  # 2025-01-01 17:00 UTC is already 2025-01-02 in Shanghai
            start = datetime(2025, 1, 1, 17, 0, tzinfo=UTC)

        assert declared.facts_date_of(LocalAct()) == date(2025, 1, 1)
        assert declared.facts_date_of(UtcAct()) == date(2025, 1, 2)

    def test_group_by_attribute_names_the_subject(self) -> None:
        declared = _declare(applies_to="inspection", group_by="enterprise_id")
        assert declared.group_by is not None
        assert declared.group_by.name == "enterprise"
        anchored = _declare(
            applies_to="liaison-point", group_by=GroupBy(key="agency_id", anchor="agency")
        )
        assert anchored.group_by is not None
        assert anchored.group_by.name == "agency"
        with pytest.raises(RuleDefinitionError, match="name"):
            GroupBy(key=lambda record: record.id)

    def test_docs_are_split_ruff_style(self) -> None:
        docs = RuleDocs.from_docstring(
            """Flags late decisions.

            ## Why
            Art. 60 says 90 days.

            ## Example that flags
            Filed 2024-09-09, decided 2024-12-11.

            ## Example that does not flag
            Decided 2024-12-09.

            ## Configuration
            `agency_deadline_rollover`.
            """
        )
        assert docs.what == "Flags late decisions."
        assert docs.why == "Art. 60 says 90 days."
        assert "2024-12-11" in docs.example_flags
        assert "2024-12-09" in docs.example_passes
        assert "rollover" in docs.configuration
        assert "## Why" in docs.to_markdown()

    def test_to_dict_is_json(self) -> None:
        declared = _declare(
            parameters=[
                Parameter(name="cap", default=Decimal("200"), values={date(2021, 7, 15): 3})
            ]
        )
        data = json.loads(json.dumps(declared.to_dict(), ensure_ascii=False))
        assert data["id"] == "TEST-RULE"
        assert data["parameters"][0]["default"] == "200"
        assert data["parameters"][0]["values"] == [{"since": "2021-07-15", "value": 3}]
