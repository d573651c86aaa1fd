"""Message templates and legal instruments for the petition, remedy, decision and document
sections, in the shape of the rule API the core is introducing (docs/dev/rule-pack-brief.md).

Until ``enforcement_supervision.rules`` offers ``Instrument``, ``Message`` and
``ctx.finding(kind, key=..., facts=...)``, these sections declare their law and their texts
with the small stand-ins below, which have the same fields: a rule's texts are templates over
its facts, declared beside the rule, and a rule body holds no message text — it calls
:func:`report` (later ``ctx.finding``) with the kind and the facts. Moving to the core API is
a matter of imports: ``Instrument`` and ``Message`` from the core, ``messages=`` on ``@rule``
and ``ctx.finding(kind, ...)`` for ``report(ctx, MESSAGES, kind, ...)``.

Values render as the core renders them: an enumeration as its Chinese label in Chinese and
its value in English, a date in ISO 8601, a boolean as 是/否 or yes/no, a missing value as a
dash, a list joined; ``{name:deadline}`` says a last day plainly.
"""

from __future__ import annotations

import datetime as dt
import enum
import string
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from enforcement_supervision.rules import Context, Evidence, Finding, LegalBasis, Severity

__all__ = ["Instrument", "Message", "Text", "render", "report", "report_note"]


@attrs.frozen(kw_only=True)
class Instrument:
    """A legal instrument (law, regulation, document) and the citations made from it."""

    id: str
    title: str
    short_title: str
    title_en: str
    issuer: str | None = None
    number: str | None = None
    in_force: dt.date | None = None
    repealed: dt.date | None = None
    scope: Literal["national", "local"] = "national"
    region: str | None = None
    url: str | None = None

    def art(
        self,
        article: str | int | None = None,
        paragraph: str | int | None = None,
        item: str | int | None = None,
        *,
        verification: Literal["V", "V2", "U"] = "V",
    ) -> LegalBasis:
        """A citation (``art("23", "3")``: Art. 23(3)); without an article, the instrument."""
        return LegalBasis(
            instrument=self.short_title,
            instrument_en=self.title_en,
            article=None if article is None else str(article),
            paragraph=None if paragraph is None else str(paragraph),
            item=None if item is None else str(item),
            url=self.url,
            verification=verification,
        )

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the text applied on ``day``."""
        if self.in_force is not None and day < self.in_force:
            return False
        return not (self.repealed is not None and day >= self.repealed)


@attrs.frozen(kw_only=True)
class Text:
    """A value that reads differently in each language."""

    zh: str
    en: str


def _articles(value: Iterable[LegalBasis]) -> tuple[LegalBasis, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Message:
    """The text of one kind of finding, in Chinese and English, with the articles that path
    applies and, if it differs from the rule's, its severity."""

    zh: str
    en: str
    articles: tuple[LegalBasis, ...] = attrs.field(default=(), converter=_articles)
    severity: str | None = None


def _value(value: Any, lang: str) -> str:
    en = lang == "en"
    if value is None:
        return "-" if en else "—"
    if isinstance(value, Text):
        return value.en if en else value.zh
    if isinstance(value, bool):
        return ("yes" if value else "no") if en else ("是" if value else "否")
    if isinstance(value, enum.Enum):
        label = getattr(value, "label_zh", None)
        if not en and isinstance(label, str) and label:
            return label
        return str(value.value).replace("_", " ")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return (", " if en else "、").join(_value(item, lang) for item in value)
    return str(value)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "deadline":
            text = _value(value, self.lang)
            if self.lang == "en":
                return f"deadline {text} (the day itself is still in time)"
            return f"期限届满日 {text}（当日仍在期限内）"
        if format_spec and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format(value, format_spec)
        return _value(value, self.lang)


def render(message: Message, facts: Mapping[str, Any], lang: str) -> str:
    """``message`` in ``lang`` filled from ``facts``."""
    return _Formatter(lang).vformat(message.en if lang == "en" else message.zh, (), facts)


def _json_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Facts as stored: texts as ``{"zh": ..., "en": ...}``."""
    return {
        name: {"zh": value.zh, "en": value.en} if isinstance(value, Text) else value
        for name, value in facts.items()
    }


def report(
    ctx: Context,
    messages: Mapping[str, Message],
    kind: str,
    *,
    key: str | int = "",
    facts: Mapping[str, Any],
    agency_id: str | None = None,
    articles: Sequence[LegalBasis] | None = None,
    severity: Severity | str | None = None,
    deadlines: Mapping[str, Any] | Iterable[Any] | None = None,
    evidence: Iterable[Evidence] = (),
    notes: Iterable[tuple[str, str] | str] = (),
    due: dt.date | None = None,
) -> Finding | None:
    """The finding of kind ``kind``: its texts from ``messages[kind]`` and ``facts``, its
    articles those of the message (unless given), its severity the message's (unless given)."""
    message = messages[kind]
    level = severity if severity is not None else message.severity
    return ctx.finding(
        key=key,
        message_zh=render(message, facts, "zh"),
        message_en=render(message, facts, "en"),
        facts=_json_facts(facts),
        agency_id=agency_id,
        articles=list(articles) if articles is not None else (list(message.articles) or None),
        severity=level,
        deadlines=deadlines,
        evidence=evidence,
        notes=notes,
        due=due,
    )


def report_note(
    ctx: Context, message: Message, facts: Mapping[str, Any], *, kind: str, **data: Any
) -> None:
    """A note (not a finding) rendered from ``message``."""
    ctx.note(render(message, facts, "zh"), render(message, facts, "en"), kind=kind, **data)
