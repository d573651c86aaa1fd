"""Rule metadata: severity, categories, legal basis, parameters, docs, and the rule itself."""

from __future__ import annotations

import enum
import inspect
import keyword
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from enforcement_supervision.rules._errors import RuleConfigurationError, RuleDefinitionError
from enforcement_supervision.rules._json import JSONValue, to_json_value
from enforcement_supervision.statutory_time import to_local_date

if TYPE_CHECKING:
    from enforcement_supervision.rules._context import Context

__all__ = [
    "Category",
    "CheckFunction",
    "DatedValue",
    "GroupBy",
    "LegalBasis",
    "Parameter",
    "Rule",
    "RuleDocs",
    "Severity",
    "rule",
]

RULE_ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")
RECORD_TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: Keys of a ``[rules."ID"]`` table that are not parameters.
RESERVED_SETTING_KEYS = frozenset({"enabled"})

#: The signature of a rule body: ``check(record_or_group, ctx) -> None``.
CheckFunction: TypeAlias = "Callable[[Any, Context], None]"


# --------------------------------------------------------------------------------------------
# Severity and category


class Severity(enum.Enum):
    """How serious a finding is, from S1 (the act is unlawful or void) to S4 (advisory).

    Severities are ordered by seriousness: **a more serious severity compares greater**, so
    ``Severity.S1 > Severity.S2`` and ``finding.severity >= Severity.S2`` means "S2 or worse".
    ``sorted(..., reverse=True)`` puts the most serious first.
    """

    S1 = "S1"
    S2 = "S2"
    S3 = "S3"
    S4 = "S4"

    @property
    def rank(self) -> int:
        """1 for S1 ... 4 for S4 (smaller is more serious)."""
        return int(self.value[1])

    def at_least(self, threshold: Severity | str) -> bool:
        """``True`` when this severity is ``threshold`` or more serious."""
        return self.rank <= Severity.parse(threshold).rank

    def label(self, lang: str = "zh") -> str:
        """A short description in ``lang``."""
        return _SEVERITY_LABELS[self][1 if lang == "en" else 0]

    @classmethod
    def parse(cls, value: Severity | str) -> Severity:
        """``"S2"``, ``"s2"`` or ``Severity.S2`` → ``Severity.S2``."""
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).strip().upper())
        except ValueError:
            raise RuleDefinitionError(
                f"未知的严重程度 {value!r}（应为 S1–S4）",
                f"unknown severity {value!r} (expected S1-S4)",
            ) from None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank


_SEVERITY_LABELS = {
    Severity.S1: ("违法或无效", "unlawful or void act"),
    Severity.S2: ("程序或期限违法", "procedural or deadline breach"),
    Severity.S3: ("公开、报告迟延或记录缺失", "late transparency/reporting or documentation gap"),
    Severity.S4: ("提示", "advisory"),
}


class Category(enum.StrEnum):
    """What kind of failure a rule detects (rules.md §1.0). A rule may have several."""

    INACTION = "inaction"
    ABUSE = "abuse"
    PROCEDURE = "procedure"
    TRANSPARENCY = "transparency"
    PERSONNEL = "personnel"
    SUPERVISION_MECHANISM = "supervision-mechanism"

    def label(self, lang: str = "zh") -> str:
        """The category's name in ``lang``."""
        return _CATEGORY_LABELS[self][1 if lang == "en" else 0]

    @classmethod
    def parse_many(cls, value: Category | str | Iterable[Category | str]) -> tuple[Category, ...]:
        """``"personnel, abuse"``, ``Category.ABUSE`` or a list of either → a tuple, in order,
        without repeats."""
        items: list[Category | str]
        if isinstance(value, str):
            items = [part for part in re.split(r"[,\s]+", value) if part]
        elif isinstance(value, Category):
            items = [value]
        else:
            items = list(value)
        result: list[Category] = []
        for item in items:
            try:
                category = cls(str(item).strip().lower())
            except ValueError:
                allowed = ", ".join(member.value for member in cls)
                raise RuleDefinitionError(
                    f"未知的类别 {item!r}（可选：{allowed}）",
                    f"unknown category {item!r} (one of: {allowed})",
                ) from None
            if category not in result:
                result.append(category)
        return tuple(result)


_CATEGORY_LABELS = {
    Category.INACTION: ("不作为、慢作为", "inaction"),
    Category.ABUSE: ("乱作为、越权、滥用职权", "abuse of power"),
    Category.PROCEDURE: ("程序违法", "procedural breach"),
    Category.TRANSPARENCY: ("公示、公开", "transparency"),
    Category.PERSONNEL: ("人员资格", "personnel"),
    Category.SUPERVISION_MECHANISM: ("监督机制运行", "supervision mechanism"),
}


# --------------------------------------------------------------------------------------------
# Legal basis


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


@attrs.frozen(kw_only=True)
class LegalBasis:
    """One provision a rule applies: instrument, article, paragraph, item and a link.

    ``article``, ``paragraph`` and ``item`` are text so that "60", "§二" or "9(2)" all fit;
    plain numbers are cited the Chinese way (``第60条第1款``). ``verification`` keeps the
    catalog's mark (``"V"`` checked word for word, ``"V2"`` checked against an official page,
    ``"U"`` unverified or an interpretation).

    >>> LegalBasis(instrument="行政处罚法", article="60").cite()
    '《行政处罚法》第60条'
    """

    instrument: str = attrs.field(converter=str)
    article: str | None = attrs.field(default=None, converter=_optional_text)
    paragraph: str | None = attrs.field(default=None, converter=_optional_text)
    item: str | None = attrs.field(default=None, converter=_optional_text)
    url: str | None = None
    instrument_en: str | None = None
    verification: Literal["V", "V2", "U"] | None = None

    def __attrs_post_init__(self) -> None:
        if not self.instrument.strip():
            raise RuleDefinitionError(
                "法律依据缺少法律文件名称", "a legal basis needs an instrument"
            )
        if self.verification not in (None, "V", "V2", "U"):
            raise RuleDefinitionError(
                f"核实标记 {self.verification!r} 无效（应为 V、V2 或 U）",
                f"verification mark {self.verification!r} is not V, V2 or U",
            )

    def cite(self, lang: str = "zh") -> str:
        """A citation: ``《行政处罚法》第60条第1款`` or ``Administrative Penalty Law Art. 60(1)``
        (``instrument_en`` when given)."""
        if lang == "en":
            text = self.instrument_en or self.instrument
            if self.article:
                text += f" Art. {self.article}"
                if self.paragraph:
                    text += f"({self.paragraph})"
                if self.item:
                    text += f"({self.item})"
            elif self.paragraph:
                text += f" para. {self.paragraph}"
            return text
        name = self.instrument
        text = name if name.startswith(("《", "国办发", "国务院令")) else f"《{name}》"
        for part, unit in ((self.article, "条"), (self.paragraph, "款"), (self.item, "项")):
            if part:
                text += f"第{part}{unit}" if part.isdigit() else f" {part}"
        return text

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "instrument": self.instrument,
            "article": self.article,
            "paragraph": self.paragraph,
            "item": self.item,
            "url": self.url,
            "instrument_en": self.instrument_en,
            "verification": self.verification,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LegalBasis:
        return cls(
            instrument=data["instrument"],
            article=data.get("article"),
            paragraph=data.get("paragraph"),
            item=data.get("item"),
            url=data.get("url"),
            instrument_en=data.get("instrument_en"),
            verification=data.get("verification"),
        )


def _legal_basis_tuple(value: LegalBasis | Iterable[LegalBasis]) -> tuple[LegalBasis, ...]:
    items = (value,) if isinstance(value, LegalBasis) else tuple(value)
    for item in items:
        if not isinstance(item, LegalBasis):
            raise RuleDefinitionError(
                f"法律依据必须是 LegalBasis 对象，而不是 {item!r}",
                f"a legal basis must be a LegalBasis, not {item!r}",
            )
    return items


# --------------------------------------------------------------------------------------------
# Parameters


def _to_date(value: object) -> date:
    if isinstance(value, date):  # datetimes too: their Asia/Shanghai date
        return to_local_date(value)
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise TypeError(f"not a date: {value!r}")


@attrs.frozen(kw_only=True)
class DatedValue:
    """A parameter value in force from ``since`` (inclusive) until the next dated value."""

    since: date = attrs.field(converter=_to_date)
    value: Any


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
                items.append(DatedValue(since=entry["since"], value=entry["value"]))
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
    (rules.md §1.12.3), read with :meth:`Context.reading` and reported in every finding.
    Deployments override values in ``[rules."RULE-ID"]``; the type of ``default`` decides what
    an override may be (a ``Decimal`` default accepts ``200``, ``"200.00"`` or ``200.0``).
    """

    name: str
    default: Any
    doc: str = ""
    unit: str | None = None
    values: tuple[DatedValue, ...] = attrs.field(default=(), converter=_dated_values)
    choices: tuple[Any, ...] | None = attrs.field(default=None, converter=_choices)
    reading: bool = False
    converter: Callable[[Any], Any] | None = attrs.field(default=None, eq=False, repr=False)

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
            return _to_date(value)
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
        for dates before the first one).
        """
        if (
            isinstance(value, list | tuple)
            and value
            and all(
                isinstance(entry, Mapping) and set(entry) == {"since", "value"} for entry in value
            )
        ):
            try:
                dated = tuple(
                    DatedValue(
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
        return attrs.evolve(self, default=self.convert(value, rule_id=rule_id), values=())

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "name": self.name,
            "default": to_json_value(self.default),
            "values": [
                {"since": dated.since.isoformat(), "value": to_json_value(dated.value)}
                for dated in self.values
            ],
            "unit": self.unit,
            "doc": self.doc,
            "choices": None if self.choices is None else [to_json_value(c) for c in self.choices],
            "reading": self.reading,
        }


def _parameter_tuple(value: Iterable[Parameter]) -> tuple[Parameter, ...]:
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


# --------------------------------------------------------------------------------------------
# Docs

_DOC_HEADINGS = {
    "what": ("what it flags", "what it does", "flags", "检查什么", "检查内容"),
    "why": ("why", "why is this bad", "why is this bad?", "为什么", "理由"),
    "example_flags": (
        "example that flags",
        "example (flags)",
        "example: flags",
        "flags example",
        "违规示例",
        "触发示例",
    ),
    "example_passes": (
        "example that does not flag",
        "example that passes",
        "example (passes)",
        "example: passes",
        "passes example",
        "合规示例",
        "不触发示例",
    ),
    "configuration": ("configuration", "how to configure", "configure", "配置"),
}
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


@attrs.frozen(kw_only=True)
class RuleDocs:
    """A rule's documentation, Ruff style: what it flags, why, an example that flags, one
    that does not, and how to configure it (Markdown text in each)."""

    what: str = ""
    why: str = ""
    example_flags: str = ""
    example_passes: str = ""
    configuration: str = ""

    @classmethod
    def from_docstring(cls, text: str | None) -> RuleDocs:
        """Split a Markdown docstring at its headings.

        Text before the first heading, and under ``## What it flags``, is ``what``; the other
        recognised headings are ``## Why``, ``## Example that flags``, ``## Example that does
        not flag`` and ``## Configuration`` (Chinese headings 为什么 / 违规示例 / 合规示例 / 配置
        work too). Unknown headings stay in the section they appear in.
        """
        if not text:
            return cls()
        sections: dict[str, list[str]] = {key: [] for key in _DOC_HEADINGS}
        current = "what"
        for line in inspect.cleandoc(text).splitlines():
            match = _HEADING.match(line)
            if match:
                title = match.group(1).strip().lower().rstrip(":：")
                found = next((k for k, names in _DOC_HEADINGS.items() if title in names), None)
                if found is not None:
                    current = found
                    continue
            sections[current].append(line)
        return cls(**{key: "\n".join(lines).strip() for key, lines in sections.items()})

    def is_empty(self) -> bool:
        return not any(attrs.astuple(self))

    def to_markdown(self, *, heading_level: int = 2) -> str:
        """The docs as Markdown with one heading per non-empty section."""
        hashes = "#" * heading_level
        parts = [self.what] if self.what else []
        for title, text in (
            ("Why", self.why),
            ("Example that flags", self.example_flags),
            ("Example that does not flag", self.example_passes),
            ("Configuration", self.configuration),
        ):
            if text:
                parts.append(f"{hashes} {title}\n\n{text}")
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "what": self.what,
            "why": self.why,
            "example_flags": self.example_flags,
            "example_passes": self.example_passes,
            "configuration": self.configuration,
        }


# --------------------------------------------------------------------------------------------
# Groups


class _AttributeKey:
    """``record.<name>`` as a callable, with a readable repr."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, record: Any) -> Any:
        return getattr(record, self.name, None)

    def __repr__(self) -> str:
        return f"attribute {self.name!r}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _AttributeKey) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


def _key_function(value: str | Callable[[Any], Any]) -> Callable[[Any], Any]:
    return _AttributeKey(value) if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class GroupBy:
    """How a group rule groups its records.

    ``key`` is an attribute name or a function ``record -> key`` (``None`` leaves the record
    out of every group). ``name`` is the subject type of the group: a finding about "all
    inspections of enterprise E1" has subject ``("enterprise", "E1")``. With ``anchor`` set
    to a record type, every record of that type forms a group **even when it has no
    members** (so "a township with fewer than two liaison points" can see a township with
    none); the key values are then the anchor records' ids and ``name`` defaults to the
    anchor type.
    """

    key: Callable[[Any], Hashable | None] = attrs.field(converter=_key_function)
    name: str = ""
    anchor: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.name:
            if self.anchor:
                object.__setattr__(self, "name", self.anchor)
            elif isinstance(self.key, _AttributeKey):
                base = self.key.name.removesuffix("_id").replace("_", "-")
                object.__setattr__(self, "name", base)
            else:
                raise RuleDefinitionError(
                    "以函数分组时必须给出分组名称 name",
                    "a group key given as a function needs a name",
                )
        if not RECORD_TYPE_PATTERN.match(self.name):
            raise RuleDefinitionError(
                f"分组名称 {self.name!r} 应为小写短横线形式",
                f"group name {self.name!r} must be kebab-case",
            )

    def key_of(self, record: Any) -> Hashable | None:
        """The group key of ``record``."""
        return self.key(record)

    def to_dict(self) -> dict[str, JSONValue]:
        return {"name": self.name, "key": repr(self.key), "anchor": self.anchor}


def _group_by(value: GroupBy | str | Callable[[Any], Any] | None) -> GroupBy | None:
    if value is None or isinstance(value, GroupBy):
        return value
    return GroupBy(key=value)


# --------------------------------------------------------------------------------------------
# The rule


def _local_date(value: object) -> date | None:
    if value is None:
        return None
    return _to_date(value)


def _string_tuple(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _version(value: object) -> str:
    return str(value)


def _optional_key_function(
    value: str | Callable[[Any], Any] | None,
) -> Callable[[Any], Any] | None:
    return None if value is None else _key_function(value)


def _categories(value: Category | str | Iterable[Category | str]) -> tuple[Category, ...]:
    return Category.parse_many(value)


def _severity(value: Severity | str) -> Severity:
    return Severity.parse(value)


@attrs.frozen(kw_only=True)
class Rule:
    """A rule: metadata plus the function that checks one record (or one group).

    Build rules with the :func:`rule` decorator; the manager fills in ``plugin`` and
    ``distribution``. A rule object is callable like its body: ``rule(record, ctx)``.

    ``valid_from``/``valid_to`` bound the law in force, **inclusive**, judged on the date of
    the facts (``facts_date``: an attribute name or a function of the record); a record
    whose facts date lies outside is not evaluated. ``applies_to`` names record types;
    with ``group_by`` the rule receives a :class:`Group` of records of its single type.
    """

    id: str
    title_zh: str
    title_en: str
    categories: tuple[Category, ...] = attrs.field(converter=_categories)
    severity: Severity = attrs.field(converter=_severity)
    legal_basis: tuple[LegalBasis, ...] = attrs.field(converter=_legal_basis_tuple)
    applies_to: tuple[str, ...] = attrs.field(converter=_string_tuple)
    check: CheckFunction = attrs.field(eq=False, repr=False)
    version: str = attrs.field(default="1", converter=_version)
    group_by: GroupBy | None = attrs.field(default=None, converter=_group_by)
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=_parameter_tuple)
    valid_from: date | None = attrs.field(default=None, converter=_local_date)
    valid_to: date | None = attrs.field(default=None, converter=_local_date)
    facts_date: Callable[[Any], Any] | None = attrs.field(
        default=None,
        converter=_optional_key_function,
        eq=False,
    )
    waivable: bool = True
    stability: Literal["stable", "preview"] = "stable"
    docs: RuleDocs = attrs.field(factory=RuleDocs)
    plugin: str | None = None
    distribution: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = self.problems()
        if problems:
            zh = "；".join(zh for zh, _ in problems)
            en = "; ".join(en for _, en in problems)
            raise RuleDefinitionError(
                f"规则 {self.id} 无效：{zh}", f"rule {self.id} is invalid: {en}"
            )

    def problems(self) -> list[tuple[str, str]]:
        """Everything wrong with the declaration, as (Chinese, English) messages."""
        out: list[tuple[str, str]] = []
        if not isinstance(self.id, str) or not RULE_ID_PATTERN.match(self.id) or len(self.id) > 64:
            out.append(
                (
                    f"规则编号 {self.id!r} 应为大写字母、数字和短横线（如 PEN-DECISION-90D）",
                    f"rule id {self.id!r} must be upper-case letters, digits and hyphens "
                    "(like PEN-DECISION-90D), at most 64 characters",
                )
            )
        if not self.title_zh.strip() or not self.title_en.strip():
            out.append(("缺少中文或英文标题", "a Chinese and an English title are required"))
        if not self.categories:
            out.append(("至少需要一个类别", "at least one category is required"))
        if not self.legal_basis:
            out.append(("至少需要一项法律依据", "at least one legal basis is required"))
        if not self.applies_to:
            out.append(("缺少适用的记录类型", "applies_to names no record type"))
        for record_type in self.applies_to:
            if not RECORD_TYPE_PATTERN.match(record_type) or len(record_type) > 40:
                out.append(
                    (
                        f"记录类型 {record_type!r} 应为小写短横线形式",
                        f"record type {record_type!r} must be kebab-case",
                    )
                )
        if self.group_by is not None and len(self.applies_to) != 1:
            out.append(
                (
                    "分组规则只能适用于一种记录类型",
                    "a group rule applies to exactly one record type",
                )
            )
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            out.append(
                (
                    f"生效日 {self.valid_from} 晚于失效日 {self.valid_to}",
                    f"valid_from {self.valid_from} is after valid_to {self.valid_to}",
                )
            )
        if not self.version.strip():
            out.append(("版本号为空", "version is empty"))
        if self.stability not in ("stable", "preview"):
            out.append(("stability 应为 stable 或 preview", "stability must be stable or preview"))
        if not callable(self.check):
            out.append(("检查函数不可调用", "the check function is not callable"))
        else:
            try:
                inspect.signature(self.check).bind(None, None)
            except TypeError:
                out.append(
                    (
                        "检查函数必须接受两个参数 (record, ctx)",
                        "the check function must take two arguments (record, ctx)",
                    )
                )
            except ValueError:  # builtins without a signature: trust them
                pass
        return out

    # -- behaviour ----------------------------------------------------------------------------

    def __call__(self, subject: Any, ctx: Context) -> None:
        self.check(subject, ctx)

    @property
    def is_group_rule(self) -> bool:
        return self.group_by is not None

    @property
    def record_type(self) -> str:
        """The first (for group rules: the only) record type the rule applies to."""
        return self.applies_to[0]

    def parameter(self, name: str) -> Parameter:
        """The declared parameter ``name`` (``KeyError`` when there is none)."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise KeyError(name)

    def in_force(self, facts_date: date | None) -> bool:
        """Whether the rule applies to facts of ``facts_date`` (``None``: unknown, so yes)."""
        if facts_date is None:
            return True
        if self.valid_from is not None and facts_date < self.valid_from:
            return False
        return not (self.valid_to is not None and facts_date > self.valid_to)

    def facts_date_of(self, subject: Any) -> date | None:
        """The date of the facts of ``subject`` as declared by ``facts_date``, as a local
        (Asia/Shanghai) date; ``None`` when the rule declares none or the value is missing."""
        if self.facts_date is None:
            return None
        return _local_date(self.facts_date(subject))

    def categories_text(self) -> str:
        """The categories joined with ``", "`` (as the catalog writes them)."""
        return ", ".join(category.value for category in self.categories)

    def to_dict(self) -> dict[str, JSONValue]:
        """JSON-ready metadata (everything but the function), for ``esup rules list --json``."""
        return {
            "id": self.id,
            "version": self.version,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "categories": [category.value for category in self.categories],
            "severity": self.severity.value,
            "legal_basis": [basis.to_dict() for basis in self.legal_basis],
            "applies_to": list(self.applies_to),
            "group_by": None if self.group_by is None else self.group_by.to_dict(),
            "parameters": [parameter.to_dict() for parameter in self.parameters],
            "valid_from": None if self.valid_from is None else self.valid_from.isoformat(),
            "valid_to": None if self.valid_to is None else self.valid_to.isoformat(),
            "facts_date": None if self.facts_date is None else repr(self.facts_date),
            "waivable": self.waivable,
            "stability": self.stability,
            "docs": self.docs.to_dict(),
            "plugin": self.plugin,
            "distribution": self.distribution,
        }


def rule(
    *,
    id: str,
    title_zh: str,
    title_en: str,
    category: Category | str | Sequence[Category | str],
    severity: Severity | str,
    legal_basis: LegalBasis | Sequence[LegalBasis],
    applies_to: str | Sequence[str],
    group_by: GroupBy | str | Callable[[Any], Any] | None = None,
    version: str | int = "1",
    parameters: Sequence[Parameter] = (),
    valid_from: date | None = None,
    valid_to: date | None = None,
    facts_date: str | Callable[[Any], Any] | None = None,
    waivable: bool = True,
    stability: Literal["stable", "preview"] = "stable",
    docs: RuleDocs | str | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule: the decorated function ``check(record, ctx)`` becomes a :class:`Rule`.

    The function's docstring is the rule's documentation unless ``docs`` is given (see
    :class:`RuleDocs` for the headings). A complete rule::

        @rule(
            id="LOCAL-PHONE-MISSING",
            title_zh="当事人联系电话缺失",
            title_en="Party phone number missing",
            category="procedure",
            severity="S3",
            legal_basis=LegalBasis(instrument="某镇执法文书规范", article="5"),
            applies_to="penalty-case",
        )
        def phone_missing(case, ctx):
            \"\"\"Flags a penalty case whose party has no phone number on file.\"\"\"
            if not case.party_phone:
                ctx.finding(message_zh="当事人联系电话缺失", message_en="party phone missing")
    """

    def decorate(function: CheckFunction) -> Rule:
        if isinstance(docs, RuleDocs):
            rule_docs = docs
        else:
            rule_docs = RuleDocs.from_docstring(docs if docs is not None else function.__doc__)
        return Rule(
            id=id,
            title_zh=title_zh,
            title_en=title_en,
            categories=category,
            severity=severity,
            legal_basis=legal_basis,
            applies_to=applies_to,
            group_by=group_by,
            check=function,
            version=version,
            parameters=parameters,
            valid_from=valid_from,
            valid_to=valid_to,
            facts_date=facts_date,
            waivable=waivable,
            stability=stability,
            docs=rule_docs,
        )

    return decorate
