"""Rule metadata: docs, groups and the rule itself (severity, legal basis and parameters are
in their own modules and re-exported here)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from enforcement_supervision.rules._basis import LegalBasis, legal_basis_tuple
from enforcement_supervision.rules._errors import RuleDefinitionError
from enforcement_supervision.rules._json import JSONValue
from enforcement_supervision.rules._messages import Message, messages_mapping
from enforcement_supervision.rules._params import (
    RESERVED_SETTING_KEYS,
    DatedValue,
    Parameter,
    parameter_tuple,
    to_date,
)
from enforcement_supervision.rules._screen import BoundScreen, Screen, ScreenError
from enforcement_supervision.rules._severity import Category, Severity

if TYPE_CHECKING:
    from enforcement_supervision.rules._context import Context

__all__ = [
    "RESERVED_SETTING_KEYS",
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

#: The signature of a rule body: ``check(record_or_group, ctx) -> None``.
CheckFunction: TypeAlias = "Callable[[Any, Context], None]"


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
    return to_date(value)


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
    legal_basis: tuple[LegalBasis, ...] = attrs.field(converter=legal_basis_tuple)
    applies_to: tuple[str, ...] = attrs.field(converter=_string_tuple)
    check: CheckFunction = attrs.field(eq=False, repr=False)
    version: str = attrs.field(default="1", converter=_version)
    group_by: GroupBy | None = attrs.field(default=None, converter=_group_by)
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=parameter_tuple)
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
    #: The texts of the findings, one :class:`Message` per kind (``ctx.finding("kind", ...)``).
    messages: Mapping[str, Message] = attrs.field(factory=dict, converter=messages_mapping)
    #: A township-wide duty: its findings need no agency (they go to the township's own
    #: office). Every other finding must name the agency responsible.
    township_wide: bool = False
    #: Which subjects can flag at all (see :class:`Screen`); ``None``: every subject is
    #: evaluated. Only for rules on single records, not group or township-wide rules.
    screen: Screen | None = attrs.field(default=None, eq=False)
    _bound_screens: dict[str, BoundScreen] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

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
        out.extend(self._screen_problems())
        return out

    def _screen_problems(self) -> list[tuple[str, str]]:
        if self.screen is None:
            return []
        if not isinstance(self.screen, Screen):
            return [("screen 应为 Screen", f"screen must be a Screen, not {self.screen!r}")]
        if self.group_by is not None or self.township_wide:
            # A group's findings depend on many records; screening them is not supported
            # (yet): say so rather than ignore the screen.
            return [
                (
                    "分组规则和全镇规则不支持筛选条件 screen",
                    "a group rule or township-wide rule cannot declare a screen",
                )
            ]
        out: list[tuple[str, str]] = []
        for record_type in self.applies_to:
            try:
                self._bound_screens[record_type] = self.screen.bind(record_type)
            except ScreenError as error:
                out.append((error.message_zh, error.message_en))
        return out

    # -- behaviour ----------------------------------------------------------------------------

    def __call__(self, subject: Any, ctx: Context) -> None:
        self.check(subject, ctx)

    def bound_screen(self, record_type: str) -> BoundScreen | None:
        """The rule's screen bound to ``record_type`` (``None`` when the rule has none)."""
        return self._bound_screens.get(record_type) if self.screen is not None else None

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
        out: dict[str, JSONValue] = {
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
            "messages": {kind: message.to_dict() for kind, message in self.messages.items()},
            "township_wide": self.township_wide,
        }
        out.update(self._screen_dict())
        return out

    def _screen_dict(self) -> dict[str, JSONValue]:
        if self.screen is None:
            return {}
        screen: dict[str, JSONValue] = {
            "reason": self.screen.reason,
            "recheck": self.screen.recheck is not None,
        }
        return {"screen": screen}


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
    messages: Mapping[str, Message] | None = None,
    township_wide: bool = False,
    screen: Screen | None = None,
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
            legal_basis=RULES_OF_TOWN.art("5"),
            applies_to="penalty-case",
            messages={
                "missing": Message(
                    zh="当事人联系电话缺失",
                    en="party phone number missing",
                    articles=[RULES_OF_TOWN.art("5")],
                )
            },
        )
        def phone_missing(case, ctx):
            \"\"\"Flags a penalty case whose party has no phone number on file.\"\"\"
            if not case.party.phone:
                ctx.finding("missing", key="phone", facts={"case": case.id})

    ``messages`` declares the texts of the findings (see :class:`Message`); bodies name the
    kind and give the facts. ``township_wide=True`` declares a duty of the township as a
    whole, whose findings need no agency. ``screen`` (a :class:`Screen`) declares which
    subjects can flag at all, so the engine skips the others without calling the rule.
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
            messages=messages or {},
            township_wide=township_wide,
            screen=screen,
        )

    return decorate
