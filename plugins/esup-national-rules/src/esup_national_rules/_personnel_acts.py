"""Enforcement acts seen uniformly, and administrative-division coverage.

Several rules look at "an act done by officers" whatever record it sits in: an act inside a
penalty case (调查询问, 现场检查, 当场处罚 …), an inspection of an enterprise, the on-site
procedure or an execution session of a coercive measure. :func:`acts_of` turns each of those
into an :class:`ActView` with the same fields, so PERS-SCOPE, PERS-AUX-ALONE and REC-AV judge
them alike.

:func:`region_covers` answers "does the division code ``area`` include the place ``place``?"
using the hierarchy of Chinese administrative division codes (2 digits province, 2 city,
2 county, 3 township, 3 village): ``510100`` (a city) covers ``510104`` (one of its districts)
and ``510104001`` (a township of that district), but ``510110`` covers only itself and what
lies below it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from enforcement_supervision.rules import Message, Text
from enforcement_supervision.statutory_time import to_local_date

__all__ = ["ActView", "acts_of", "record_date", "region_covers", "region_prefix"]

#: How each act is named in finding texts (templates: no function holds text).
_PENALTY_ACT = Message(zh="{kind}（{date}）", en="{kind} on {date}")
_INSPECTION_ACT = Message(zh="{kind}（{date}）", en="{kind} inspection on {date}")
_ON_SITE = Message(zh="{kind}现场实施（{date}）", en="{kind} carried out on {date}")
_EXECUTION = Message(zh="{kind}执行（{stamp}）", en="{kind} execution at {stamp}")


def _label(message: Message, **facts: Any) -> Text:
    return Text(zh=message.render(facts, "zh"), en=message.render(facts, "en"))


#: Where each level of a division code ends (province, city, county, township, village).
_LEVEL_ENDS = (2, 4, 6, 9, 12)


@dataclass(frozen=True)
class ActView:
    """One act done by officers, whatever record it belongs to.

    ``kind`` is ``"<record type>:<kind>"`` (``"penalty-case:investigation"``,
    ``"inspection:routine"``, ``"coercive-measure:seizure"``); ``key`` tells acts of one record
    apart and is stable for unchanged data (it enters finding fingerprints). ``label`` names
    the act in both languages; it is rendered only when asked for (a finding's text), not for
    every act of every record the rules look at.
    """

    key: str
    kind: str
    date: dt.date
    officer_ids: tuple[str, ...]
    matter_domain: str | None
    region_code: str | None
    av_recorded: bool | None
    #: The template naming the act and its facts.
    label_message: Message = field(compare=False, repr=False)
    label_facts: tuple[tuple[str, Any], ...] = field(compare=False, repr=False)

    @property
    def label(self) -> Text:
        return _label(self.label_message, **dict(self.label_facts))

    @property
    def label_zh(self) -> str:
        return self.label.zh

    @property
    def label_en(self) -> str:
        return self.label.en


def _unique(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _penalty_acts(case: Any) -> list[ActView]:
    views: list[ActView] = []
    seen: Counter[str] = Counter()
    for act in case.acts:
        base = f"{act.kind}@{act.date.isoformat()}"
        if act.document_number:
            base += f":{act.document_number}"
        seen[base] += 1
        key = base if seen[base] == 1 else f"{base}#{seen[base]}"
        views.append(
            ActView(
                key=key,
                kind=f"penalty-case:{act.kind}",
                label_message=_PENALTY_ACT,
                label_facts=(("kind", act.kind), ("date", act.date)),
                date=act.date,
                officer_ids=_unique(act.officer_ids),
                matter_domain=case.matter_domain,
                region_code=act.region_code or case.region_code,
                av_recorded=act.av_recorded,
            )
        )
    return views


def _inspection_acts(inspection: Any) -> list[ActView]:
    return [
        ActView(
            key="inspection",
            kind=f"inspection:{inspection.type}",
            label_message=_INSPECTION_ACT,
            label_facts=(("kind", inspection.type), ("date", inspection.date)),
            date=inspection.date,
            officer_ids=_unique(inspection.officer_ids),
            matter_domain=inspection.matter_domain,
            region_code=inspection.region_code or inspection.enterprise.region_code,
            av_recorded=inspection.av_recorded,
        )
    ]


def _coercive_acts(measure: Any) -> list[ActView]:
    views: list[ActView] = []
    kind = f"coercive-measure:{measure.kind}"
    if measure.on_site is not None:
        views.append(
            ActView(
                key="on-site",
                kind=kind,
                label_message=_ON_SITE,
                label_facts=(("kind", measure.kind), ("date", measure.start_date)),
                date=measure.start_date,
                officer_ids=_unique(measure.on_site.officer_ids),
                matter_domain=measure.matter_domain,
                region_code=measure.region_code,
                av_recorded=measure.on_site.av_recorded,
            )
        )
    for execution in measure.executions:
        day = to_local_date(execution.start_datetime)
        stamp = execution.start_datetime.isoformat(timespec="minutes")
        views.append(
            ActView(
                key=f"execution@{stamp}",
                kind=kind,
                label_message=_EXECUTION,
                label_facts=(("kind", measure.kind), ("stamp", stamp)),
                date=day,
                officer_ids=_unique(execution.officer_ids),
                matter_domain=measure.matter_domain,
                region_code=measure.region_code,
                av_recorded=execution.av_recorded,
            )
        )
    return views


def acts_of(record: Any) -> list[ActView]:
    """The acts done by officers in a penalty case, an inspection or a coercive measure."""
    record_type = getattr(record, "record_type", None)
    if record_type == "penalty-case":
        return _penalty_acts(record)
    if record_type == "inspection":
        return _inspection_acts(record)
    if record_type == "coercive-measure":
        return _coercive_acts(record)
    return []


def record_date(record: Any) -> dt.date | None:
    """The date of the facts of a penalty case, inspection or coercive measure: the
    inspection date, the start of the measure, or the first known date of a case."""
    record_type = getattr(record, "record_type", None)
    if record_type == "inspection":
        day: dt.date = record.date
        return day
    if record_type == "coercive-measure":
        start: dt.date = record.start_date
        return start
    if record_type == "penalty-case":
        candidates = [act.date for act in record.acts]
        for value in (record.filed_date, record.discovered_date):
            if value is not None:
                candidates.append(value)
        if record.decision is not None:
            candidates.append(record.decision.decision_date)
        return min(candidates) if candidates else None
    return None


def region_prefix(code: str) -> str:
    """The significant prefix of a division code: ``510100`` → ``5101``."""
    text = code.strip()
    if not text.isdigit():
        return text
    for end in _LEVEL_ENDS:
        if end >= len(text):
            return text
        if set(text[end:]) == {"0"}:
            return text[:end]
    return text


def region_covers(area: str, place: str) -> bool:
    """Whether the division ``area`` includes the place with division code ``place``."""
    return place.strip().startswith(region_prefix(area))
