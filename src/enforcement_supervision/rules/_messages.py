"""Message templates: the text of a finding, declared with the rule, filled from its facts.

A rule declares one :class:`Message` per kind of finding it makes, in Chinese and English,
with the articles that path through the rule applies::

    messages={
        "late": Message(
            zh="决定书于 {served_date} 送达，超过七个工作日期限（{last_day:deadline}）",
            en="decision served on {served_date}, after the seven-working-day limit "
            "({last_day:deadline})",
            articles=[APL.art("61", "1"), APL.art("85")],
        ),
    }

and the body calls ``ctx.finding("late", key=..., facts={...})``. Fields are names of
facts; each language renders values its own way (:func:`render_value`): an enumeration is its
Chinese label in Chinese, a :class:`Text` its own language, a date ISO 8601, a list joined
with 、 or commas. The format spec ``:deadline`` says a deadline's last day plainly:
``期限届满日 2026-10-13（当日仍在期限内）`` / ``deadline 2026-10-13 (the day itself is still
in time)``.
"""

from __future__ import annotations

import enum
import string
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from enforcement_supervision.rules._basis import LegalBasis, legal_basis_tuple
from enforcement_supervision.rules._errors import RuleDefinitionError, RuleUsageError
from enforcement_supervision.rules._json import JSONValue
from enforcement_supervision.rules._severity import Category, Severity

__all__ = ["Message", "Text", "deadline_phrase", "render_template", "render_value"]

#: The format specs a template may use besides Python's own number specs.
_SPECS = frozenset({"", "deadline"})


@attrs.frozen(kw_only=True)
class Text:
    """A value that reads differently in each language: ``Text(zh="执法证已到期",
    en="certificate expired")``. In facts it is stored as ``{"zh": ..., "en": ...}``."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh

    def to_dict(self) -> dict[str, JSONValue]:
        return {"zh": self.zh, "en": self.en}


def deadline_phrase(day: object, lang: str) -> str:
    """The last day of a period, said plainly: the day itself is still in time."""
    text = render_value(day, lang)
    if lang == "en":
        return f"deadline {text} (the day itself is still in time)"
    return f"期限届满日 {text}（当日仍在期限内）"


def _is_bilingual(value: object) -> bool:
    return isinstance(value, Mapping) and set(value) == {"zh", "en"}


def render_value(value: Any, lang: str) -> str:
    """``value`` as text in ``lang``: enumerations by their Chinese label in Chinese (their
    value, underscores as spaces, in English), booleans 是/否 or yes/no, missing values a
    dash, lists joined, dates ISO 8601 and datetimes to the minute."""
    en = lang == "en"
    if value is None:
        return "-" if en else "—"
    if isinstance(value, Text):
        return value.en if en else value.zh
    if _is_bilingual(value):
        return str(value["en" if en else "zh"])
    if isinstance(value, bool):
        return ("yes" if value else "no") if en else ("是" if value else "否")
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, Category):
        return value.label(lang)
    if isinstance(value, enum.Enum):
        label = getattr(value, "label_zh", None)
        raw = str(value.value)
        if not en and isinstance(label, str) and label:
            return label
        return raw.replace("_", " ")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        return (", " if en else "、").join(render_value(item, lang) for item in items)
    return str(value)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "deadline":
            return deadline_phrase(value, self.lang)
        if format_spec and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format(value, format_spec)
        return render_value(value, self.lang)


def template_fields(template: str) -> tuple[str, ...]:
    """The fact names a template uses, in order of first use."""
    names: list[str] = []
    for _, field, spec, conversion in string.Formatter().parse(template):
        if field is None:
            continue
        if not field.isidentifier() or conversion:
            raise ValueError(f"field {{{field}}} must be a plain fact name")
        spec = spec or ""
        if spec not in _SPECS and not _number_spec(spec):
            raise ValueError(f"unknown format spec {spec!r} in {{{field}:{spec}}}")
        if field not in names:
            names.append(field)
    return tuple(names)


def _number_spec(spec: str) -> bool:
    try:
        format(1.5, spec)
    except ValueError:
        return False
    return True


def render_template(template: str, facts: Mapping[str, Any], lang: str) -> str:
    """``template`` with its fields filled from ``facts`` in ``lang``."""
    return _Formatter(lang).vformat(template, (), facts)


def _articles(value: LegalBasis | Iterable[LegalBasis]) -> tuple[LegalBasis, ...]:
    return legal_basis_tuple(value)


def _severity(value: Severity | str | None) -> Severity | None:
    return None if value is None else Severity.parse(value)


@attrs.frozen(kw_only=True)
class Message:
    """The text of one kind of finding, in Chinese and in English, with the articles that
    path through the rule applies and, if it differs from the rule's, its severity.

    Fields (``{name}``) are names of the finding's facts; ``{name:deadline}`` says a last
    day plainly. Each text is in its own language only: Chinese labels come from the
    values (enumerations, :class:`Text`), not from the template.
    """

    zh: str
    en: str
    articles: tuple[LegalBasis, ...] = attrs.field(default=(), converter=_articles)
    severity: Severity | None = attrs.field(default=None, converter=_severity)

    def __attrs_post_init__(self) -> None:
        for lang, text in (("zh", self.zh), ("en", self.en)):
            if not isinstance(text, str) or not text.strip():
                raise RuleDefinitionError(
                    f"消息模板缺少{'中文' if lang == 'zh' else '英文'}文本",
                    f"a message template needs its {'Chinese' if lang == 'zh' else 'English'} text",
                )
            try:
                template_fields(text)
            except ValueError as error:
                raise RuleDefinitionError(
                    f"消息模板 {text!r} 无效：{error}", f"message template {text!r}: {error}"
                ) from None

    @property
    def fields(self) -> tuple[str, ...]:
        """The facts the two texts use."""
        names = list(template_fields(self.zh))
        names += [name for name in template_fields(self.en) if name not in names]
        return tuple(names)

    def render(self, facts: Mapping[str, Any], lang: str) -> str:
        """The text in ``lang`` with ``facts`` filled in. A fact the template needs and the
        finding lacks is the rule's error (:class:`RuleUsageError`)."""
        missing = [name for name in self.fields if name not in facts]
        if missing:
            raise RuleUsageError(
                f"消息模板需要事实 {', '.join(missing)}，但发现未提供",
                f"the message template needs the fact(s) {', '.join(missing)}, which the "
                "finding does not give",
            )
        return render_template(self.en if lang == "en" else self.zh, facts, lang)

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "zh": self.zh,
            "en": self.en,
            "articles": [basis.to_dict() for basis in self.articles],
            "severity": None if self.severity is None else self.severity.value,
            "fields": list(self.fields),
        }


def messages_mapping(value: Mapping[str, Message] | None) -> dict[str, Message]:
    """Validate a rule's ``messages``: kinds are non-empty text, values :class:`Message`."""
    if value is None:
        return {}
    result: dict[str, Message] = {}
    for kind, message in value.items():
        if not isinstance(kind, str) or not kind.strip() or len(kind) > 64:
            raise RuleDefinitionError(
                f"消息类型 {kind!r} 应为 1–64 个字符的文本",
                f"message kind {kind!r} must be text of 1-64 characters",
            )
        if not isinstance(message, Message):
            raise RuleDefinitionError(
                f"消息 {kind} 必须是 Message 对象", f"message {kind} must be a Message"
            )
        result[kind] = message
    return result


def all_articles(messages: Mapping[str, Message]) -> Sequence[LegalBasis]:
    """Every article the messages cite, without repeats, in order."""
    found: list[LegalBasis] = []
    for message in messages.values():
        for basis in message.articles:
            if basis not in found:
                found.append(basis)
    return found
