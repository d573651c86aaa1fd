"""Law as data: legal instruments, the citations made from them, and the law in force.

A rule pack declares each instrument it cites once, as an :class:`Instrument` (title, short
title, issuer, number, in-force and repeal dates, national or local), and cites provisions
with :meth:`Instrument.art`, which gives a :class:`~enforcement_supervision.rules.LegalBasis`
that remembers the instrument's id and scope. The same object names the date a text took
effect (``APL.in_force`` rather than one more constant for 2021-07-15), and a dated parameter
value can name the instrument it comes from (``DatedValue(..., source=APL.art("51"))``), as
OpenFisca's parameters carry a reference.

Local law (a city's inspection caps, a province's certificate rules) is cited only where a
deployment names the instrument in its configuration::

    [law]
    local_instruments = ["cn-510100-yima-2025"]

:class:`LawInForce` holds that list; the context drops the citations of local instruments
that are not named from the findings it builds, so a notice never cites another city's rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Literal

import attrs

from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.rules._errors import RuleDefinitionError
from enforcement_supervision.rules._meta import LegalBasis, Parameter, Rule

__all__ = ["Instrument", "LawInForce", "instruments_cited"]

_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def _optional_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@attrs.frozen(kw_only=True)
class Instrument:
    """A legal instrument: a law, a regulation, a State Council document, a local order.

    ``id`` is stable and lower-case (``"apl-2021"``); ``short_title`` is how citations name
    it (``行政处罚法``); ``number`` is the document number (``国办发〔2024〕54号``,
    ``国务院令第825号``); ``in_force``/``repealed`` bound the text's validity (``repealed``
    is the first day it no longer applies). ``scope="local"`` marks local law, with
    ``region`` naming the place.

    >>> APL = Instrument(id="apl-2021", title="中华人民共和国行政处罚法",
    ...                  short_title="行政处罚法", title_en="Administrative Penalty Law")
    >>> APL.art("60").cite()
    '《行政处罚法》第60条'
    """

    id: str
    title: str
    short_title: str
    title_en: str
    issuer: str | None = None
    number: str | None = None
    in_force: date | None = attrs.field(default=None, converter=_optional_date)
    repealed: date | None = attrs.field(default=None, converter=_optional_date)
    scope: Literal["national", "local"] = "national"
    region: str | None = None
    url: str | None = None

    def __attrs_post_init__(self) -> None:
        if not _ID.match(self.id):
            raise RuleDefinitionError(
                f"法律文件编号 {self.id!r} 应为小写字母、数字、点和短横线",
                f"instrument id {self.id!r} must be lower-case letters, digits, dots and hyphens",
            )
        if self.scope not in ("national", "local"):
            raise RuleDefinitionError(
                f"法律文件 {self.id} 的适用范围 {self.scope!r} 无效",
                f"instrument {self.id}: scope {self.scope!r} is not national or local",
            )
        if self.scope == "local" and not self.region:
            raise RuleDefinitionError(
                f"地方性法律文件 {self.id} 须注明地区（region）",
                f"local instrument {self.id} needs a region",
            )
        if self.in_force and self.repealed and self.repealed <= self.in_force:
            raise RuleDefinitionError(
                f"法律文件 {self.id} 的废止日不晚于施行日",
                f"instrument {self.id}: repealed on or before it took effect",
            )

    def art(
        self,
        article: str | int | None = None,
        paragraph: str | int | None = None,
        item: str | int | None = None,
        *,
        verification: Literal["V", "V2", "U"] = "V",
    ) -> LegalBasis:
        """A citation of a provision (``art("60", "1")``: Art. 60(1)); without an article,
        the instrument as a whole. ``verification`` keeps the catalog's mark."""
        return LegalBasis(
            instrument=self.short_title,
            instrument_en=self.title_en,
            article=None if article is None else str(article),
            paragraph=None if paragraph is None else str(paragraph),
            item=None if item is None else str(item),
            url=self.url,
            verification=verification,
            instrument_id=self.id,
            scope=self.scope,
        )

    @property
    def is_local(self) -> bool:
        return self.scope == "local"

    @property
    def since(self) -> date:
        """The day the text took effect, for comparisons (``in_force``, which must be
        declared for this use)."""
        if self.in_force is None:
            raise RuleDefinitionError(
                f"法律文件 {self.id} 未声明施行日期", f"instrument {self.id} declares no in_force"
            )
        return self.in_force

    def in_force_on(self, day: date) -> bool:
        """Whether the text applied on ``day``."""
        if self.in_force is not None and day < self.in_force:
            return False
        return not (self.repealed is not None and day >= self.repealed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "short_title": self.short_title,
            "title_en": self.title_en,
            "issuer": self.issuer,
            "number": self.number,
            "in_force": None if self.in_force is None else self.in_force.isoformat(),
            "repealed": None if self.repealed is None else self.repealed.isoformat(),
            "scope": self.scope,
            "region": self.region,
            "url": self.url,
        }


def _parameter_sources(parameter: Parameter) -> list[LegalBasis]:
    found = [] if parameter.source is None else [parameter.source]
    found.extend(dated.source for dated in parameter.values if dated.source is not None)
    return found


def instruments_cited(
    rules: Iterable[Rule], parameters: Iterable[Parameter] = ()
) -> dict[str, list[LegalBasis]]:
    """The registry ids cited by ``rules`` (legal basis, messages, parameter sources) and by
    further ``parameters``, each with the citations made of it, ordered by id."""
    cited: dict[str, list[LegalBasis]] = {}
    bases: list[LegalBasis] = []
    extra = list(parameters)
    for item in rules:
        bases.extend(item.legal_basis)
        for message in item.messages.values():
            bases.extend(message.articles)
        extra.extend(item.parameters)
    for parameter in extra:
        bases.extend(_parameter_sources(parameter))
    for basis in bases:
        if basis.instrument_id is not None:
            cited.setdefault(basis.instrument_id, []).append(basis)
    return dict(sorted(cited.items()))


def _id_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(str(item) for item in value)


@attrs.frozen(kw_only=True)
class LawInForce:
    """The deployment's choice of local law: the ids of the local instruments in force for
    it (``[law] local_instruments``). National law is always in force; a local instrument
    not named here is never cited in a finding."""

    local_instruments: frozenset[str] = attrs.field(default=frozenset(), converter=_id_set)

    def cites(self, basis: LegalBasis) -> bool:
        """Whether a finding of this deployment may cite ``basis``."""
        if not basis.is_local:
            return True
        return basis.instrument_id is not None and basis.instrument_id in self.local_instruments

    def keep(self, bases: Iterable[LegalBasis]) -> tuple[LegalBasis, ...]:
        """``bases`` without the local ones not in force here, without repeats, in order."""
        kept: list[LegalBasis] = []
        for basis in bases:
            if self.cites(basis) and basis not in kept:
                kept.append(basis)
        return tuple(kept)

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> LawInForce:
        """From the ``[law]`` table of the configuration file."""
        unknown = sorted(set(section) - {"local_instruments"})
        if unknown:
            raise ConfigurationError(
                f"[law] 中有未知的键：{', '.join(unknown)}（可用：local_instruments）",
                f"unknown key(s) in [law]: {', '.join(unknown)} (known: local_instruments)",
            )
        value = section.get("local_instruments", [])
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise ConfigurationError(
                "[law] local_instruments 必须是法律文件编号的列表",
                "[law] local_instruments must be a list of instrument ids",
            )
        ids = [str(item) for item in value]
        bad = [item for item in ids if not _ID.match(item)]
        if bad:
            raise ConfigurationError(
                f"[law] local_instruments 中的编号无效：{', '.join(bad)}",
                f"[law] local_instruments: invalid id(s) {', '.join(bad)}",
            )
        return cls(local_instruments=frozenset(ids))
