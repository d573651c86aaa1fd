"""A legal basis: one provision a rule or a finding cites."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from enforcement_supervision.rules._errors import RuleDefinitionError
from enforcement_supervision.rules._json import JSONValue

__all__ = ["LegalBasis", "legal_basis_tuple"]


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
    #: The registry id of the instrument (:class:`~enforcement_supervision.rules.Instrument`)
    #: when the citation was made with ``INSTRUMENT.art(...)``; ``None`` for ad-hoc citations.
    instrument_id: str | None = None
    #: ``"local"`` for local law (a city's or a province's instrument): cited in a finding only
    #: when the deployment names the instrument in ``[law] local_instruments``.
    scope: Literal["national", "local"] = "national"

    def __attrs_post_init__(self) -> None:
        if self.scope not in ("national", "local"):
            raise RuleDefinitionError(
                f"适用范围 {self.scope!r} 无效（应为 national 或 local）",
                f"scope {self.scope!r} is not national or local",
            )
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
            "instrument_id": self.instrument_id,
            "scope": self.scope,
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
            instrument_id=data.get("instrument_id"),
            scope=data.get("scope") or "national",
        )

    @property
    def is_local(self) -> bool:
        """Local law (a city's, a county's or a province's instrument)."""
        return self.scope == "local"


def legal_basis_tuple(value: LegalBasis | Iterable[LegalBasis]) -> tuple[LegalBasis, ...]:
    items = (value,) if isinstance(value, LegalBasis) else tuple(value)
    for item in items:
        if not isinstance(item, LegalBasis):
            raise RuleDefinitionError(
                f"法律依据必须是 LegalBasis 对象，而不是 {item!r}",
                f"a legal basis must be a LegalBasis, not {item!r}",
            )
    return items
