"""Rule parameters: named, documented values with dated values, set per deployment."""

from __future__ import annotations

import keyword
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from enforcement_supervision.rules._basis import LegalBasis
from enforcement_supervision.rules._errors import RuleConfigurationError, RuleDefinitionError
from enforcement_supervision.rules._json import JSONValue, to_json_value
from enforcement_supervision.statutory_time import to_local_date

__all__ = [
    "RESERVED_SETTING_KEYS",
    "DatedValue",
    "Parameter",
    "pack_parameter",
    "parameter_tuple",
    "to_date",
]

#: Keys of a ``[rules."ID"]`` table that are not parameters.
RESERVED_SETTING_KEYS = frozenset({"enabled"})


# --------------------------------------------------------------------------------------------
# Parameters


def to_date(value: object) -> date:
    if isinstance(value, date):  # datetimes too: their Asia/Shanghai date
        return to_local_date(value)
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise TypeError(f"not a date: {value!r}")


@attrs.frozen(kw_only=True)
class DatedValue:
    """A parameter value in force from ``since`` (inclusive) until the next dated value.

    ``source`` is the provision the value comes from (``APL.art("51")``): a finding that
    used the value cites it, as OpenFisca's parameters carry a reference."""

    since: date = attrs.field(converter=to_date)
    value: Any
    source: LegalBasis | None = None


def _dated_values(value: object) -> tuple[DatedValue, ...]:
    if value is None:
        return ()
    items: list[DatedValue] = []
    if isinstance(value, Mapping):
        items = [DatedValue(since=key, value=item) for key, item in value.items()]
    else:
        assert isinstance(value, Iterable)
        for entry in value:
            if isinstance(entry, DatedValue):
                items.append(entry)
            elif isinstance(entry, Mapping):
                items.append(
                    DatedValue(
                        since=entry["since"], value=entry["value"], source=entry.get("source")
                    )
                )
            else:
                since, item = entry
                items.append(DatedValue(since=since, value=item))
    return tuple(sorted(items, key=lambda dated: dated.since))


def _expected_kind(default: object) -> str:
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    if isinstance(default, Decimal):
        return "decimal"
    if isinstance(default, float):
        return "float"
    if isinstance(default, str):
        return "str"
    if isinstance(default, date):
        return "date"
    if isinstance(default, Mapping):
        return "table"
    if isinstance(default, list | tuple | frozenset | set):
        return "list"
    return "any"


def _choices(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen(kw_only=True)
class Parameter:
    """A named, documented value a rule reads through :meth:`Context.param`.

    ``default`` is the value when nothing else applies; ``values`` are **dated values**: the
    value in force from each ``since`` date onwards (OpenFisca style). A parameter is resolved
    *as of the date of the facts*, so a 2020 case is judged with the 2020 limit::

        Parameter(
            name="natural_person_max",
            default=Decimal("50"),
            values={date(2021, 7, 15): Decimal("200")},
            unit="yuan",
            doc="简易程序对公民罚款上限 / summary-procedure cap for individuals",
        )

    ``choices`` limits the allowed values; ``reading=True`` marks an *interpretation choice*
    (``docs/catalog/interpretations.md``), read with :meth:`Context.reading` and reported in
    every finding. Deployments override values in ``[rules."RULE-ID"]``; the type of
    ``default`` decides what an override may be (a ``Decimal`` default accepts ``200``,
    ``"200.00"`` or ``200.0``).

    ``source`` is the provision the default comes from; each dated value may carry its own
    (:attr:`DatedValue.source`). ``shared=True`` makes it a **pack parameter**: every rule of
    the plugin that declares a parameter of this name reads one value, set once in
    ``[packs."PLUGIN"]`` (see :func:`pack_parameter`).
    """

    name: str
    default: Any
    doc: str = ""
    unit: str | None = None
    values: tuple[DatedValue, ...] = attrs.field(default=(), converter=_dated_values)
    choices: tuple[Any, ...] | None = attrs.field(default=None, converter=_choices)
    reading: bool = False
    converter: Callable[[Any], Any] | None = attrs.field(default=None, eq=False, repr=False)
    source: LegalBasis | None = None
    shared: bool = False

    def __attrs_post_init__(self) -> None:
        if not self.name.isidentifier() or keyword.iskeyword(self.name):
            raise RuleDefinitionError(
                f"参数名 {self.name!r} 不是合法的标识符",
                f"parameter name {self.name!r} is not a valid identifier",
            )
        if self.name in RESERVED_SETTING_KEYS:
            raise RuleDefinitionError(
                f"参数名 {self.name!r} 为保留字", f"parameter name {self.name!r} is reserved"
            )
        seen: set[date] = set()
        for dated in self.values:
            if dated.since in seen:
                raise RuleDefinitionError(
                    f"参数 {self.name} 的 {dated.since} 有两个值",
                    f"parameter {self.name} has two values since {dated.since}",
                )
            seen.add(dated.since)
        if self.choices is not None:
            for value in (self.default, *(dated.value for dated in self.values)):
                if value not in self.choices:
                    raise RuleDefinitionError(
                        f"参数 {self.name} 的值 {value!r} 不在可选值 {self.choices!r} 中",
                        f"parameter {self.name}: {value!r} is not one of {self.choices!r}",
                    )

    @property
    def is_dated(self) -> bool:
        """``True`` when the value changes over time."""
        return bool(self.values)

    def value_on(self, when: date) -> Any:
        """The value in force on ``when`` (the last dated value with ``since <= when``)."""
        current = self.default
        for dated in self.values:
            if dated.since <= when:
                current = dated.value
            else:
                break
        return current

    def source_on(self, when: date) -> LegalBasis | None:
        """The provision the value in force on ``when`` comes from, if declared."""
        current = self.source
        for dated in self.values:
            if dated.since <= when:
                current = dated.source
            else:
                break
        return current

    def next_change_after(self, when: date) -> date | None:
        """The first ``since`` date after ``when``, or ``None`` when the value stays."""
        for dated in self.values:
            if dated.since > when:
                return dated.since
        return None

    def convert(self, value: Any, *, rule_id: str = "?") -> Any:
        """Check and convert a configured value to the parameter's type.

        Raises :class:`RuleConfigurationError` naming the rule and the parameter.
        """
        try:
            converted = self._convert(value)
        except (TypeError, ValueError, InvalidOperation) as error:
            raise RuleConfigurationError(
                f"规则 {rule_id} 的参数 {self.name} 的值 {value!r} 无效：{error}",
                f"rule {rule_id}, parameter {self.name}: invalid value {value!r}: {error}",
            ) from None
        if self.choices is not None and converted not in self.choices:
            raise RuleConfigurationError(
                f"规则 {rule_id} 的参数 {self.name} 的值 {value!r} 不在可选值 {self.choices!r} 中",
                f"rule {rule_id}, parameter {self.name}: {value!r} is not one of {self.choices!r}",
            )
        return converted

    def _convert(self, value: Any) -> Any:
        if self.converter is not None:
            return self.converter(value)
        kind = _expected_kind(self.default)
        if kind == "bool":
            if not isinstance(value, bool):
                raise TypeError("expected true or false")
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError("expected an integer")
            return value
        if kind == "decimal":
            if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
                raise TypeError("expected a number")
            return Decimal(str(value))
        if kind == "float":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError("expected a number")
            return float(value)
        if kind == "str":
            if not isinstance(value, str):
                raise TypeError("expected text")
            return value
        if kind == "date":
            return to_date(value)
        if kind == "table":
            if not isinstance(value, Mapping):
                raise TypeError("expected a table")
            return dict(value)
        if kind == "list":
            if isinstance(value, str | bytes) or not isinstance(value, Iterable):
                raise TypeError("expected a list")
            return tuple(value)
        return value

    def with_override(self, value: Any, *, rule_id: str = "?") -> Parameter:
        """This parameter after a deployment's override.

        A plain value replaces the default and every dated value; a list of
        ``{since = DATE, value = ...}`` tables replaces the dated values (the default stays
        for dates before the first one). A :class:`DatedValue` (from a plugin) keeps its
        ``source``; a plain override drops the declared sources (the deployment's number is
        not the statute's).
        """
        if isinstance(value, DatedValue):
            value = [value]
        if (
            isinstance(value, list | tuple)
            and value
            and all(
                isinstance(entry, DatedValue)
                or (isinstance(entry, Mapping) and set(entry) == {"since", "value"})
                for entry in value
            )
        ):
            try:
                dated = tuple(
                    DatedValue(
                        since=entry.since,
                        value=self.convert(entry.value, rule_id=rule_id),
                        source=entry.source,
                    )
                    if isinstance(entry, DatedValue)
                    else DatedValue(
                        since=entry["since"], value=self.convert(entry["value"], rule_id=rule_id)
                    )
                    for entry in value
                )
            except (TypeError, ValueError) as error:
                raise RuleConfigurationError(
                    f"规则 {rule_id} 的参数 {self.name} 的分时值无效：{error}",
                    f"rule {rule_id}, parameter {self.name}: invalid dated values: {error}",
                ) from None
            return attrs.evolve(self, values=dated)
        return attrs.evolve(
            self, default=self.convert(value, rule_id=rule_id), values=(), source=None
        )

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "name": self.name,
            "default": to_json_value(self.default),
            "values": [
                {
                    "since": dated.since.isoformat(),
                    "value": to_json_value(dated.value),
                    **({} if dated.source is None else {"source": dated.source.to_dict()}),
                }
                for dated in self.values
            ],
            "unit": self.unit,
            "doc": self.doc,
            "choices": None if self.choices is None else [to_json_value(c) for c in self.choices],
            "reading": self.reading,
            "source": None if self.source is None else self.source.to_dict(),
            "shared": self.shared,
        }


def parameter_tuple(value: Iterable[Parameter]) -> tuple[Parameter, ...]:
    items = tuple(value)
    names: set[str] = set()
    for item in items:
        if not isinstance(item, Parameter):
            raise RuleDefinitionError(
                f"参数必须是 Parameter 对象，而不是 {item!r}",
                f"parameters must be Parameter objects, not {item!r}",
            )
        if item.name in names:
            raise RuleDefinitionError(
                f"参数 {item.name} 重复声明", f"parameter {item.name} is declared twice"
            )
        names.add(item.name)
    return items


def pack_parameter(
    name: str,
    default: Any,
    *,
    doc: str = "",
    unit: str | None = None,
    values: Any = None,
    choices: Iterable[Any] | None = None,
    reading: bool = False,
    converter: Callable[[Any], Any] | None = None,
    source: LegalBasis | None = None,
) -> Parameter:
    """A pack parameter: declared once, listed in the ``parameters`` of every rule of the
    plugin that reads it, and set once for the whole plugin in configuration::

        HEARING_FINE_PERSON = pack_parameter("hearing_fine_threshold_person", Decimal("5000"))

        [packs."national"]
        hearing_fine_threshold_person = 3000
    """
    return Parameter(
        name=name,
        default=default,
        doc=doc,
        unit=unit,
        values=values,
        choices=choices,
        reading=reading,
        converter=converter,
        source=source,
        shared=True,
    )
