"""The instruments the supervision pack cites, in one registry, and when the regulation applies.

《行政执法监督条例》 (国务院令第825号) is national law, in force from 2026-02-01. Everything else
here is local — the seed township's report, a county's or a city's measures — and is cited
only where a deployment names the instrument in ``[law] local_instruments``
(docs/guide/local-profiles.md): a notice never cites another place's rules, and a finding
whose local basis the deployment does not name cites the regulation alone, or nothing but the
facts before 2026-02-01. Verification marks are the catalog's
(docs/catalog/rules.md#supervision-mechanism).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from enforcement_supervision.rules import Context, Instrument, LegalBasis

__all__ = [
    "CASEFILE_PRACTICE",
    "ERYUAN_COMPLAINTS",
    "INSTRUMENTS",
    "JIANSHI_SUPERVISORS",
    "JIEYANG_SUPERVISORS",
    "JINZHONG_LIAISON",
    "REGULATION",
    "REGULATION_ART6",
    "REGULATION_IN_FORCE",
    "SEED_REPORT",
    "XIZANG_SUPERVISORS",
    "bases",
    "bases_now",
]

#: 《行政执法监督条例》 took effect (国务院令第825号, docs/catalog/changes.md#main-findings, V2).
REGULATION_IN_FORCE = date(2026, 2, 1)

_REGULATION = Instrument(
    id="state-council-decree-825",
    title="行政执法监督条例",
    short_title="行政执法监督条例",
    title_en="Regulation on Administrative Law-Enforcement Supervision (State Council Decree "
    "No. 825)",
    issuer="国务院",
    number="国务院令第825号",
    in_force=REGULATION_IN_FORCE,
)


def _local(identifier: str, title: str, title_en: str, region: str) -> Instrument:
    return Instrument(
        id=identifier,
        title=title,
        short_title=title,
        title_en=title_en,
        scope="local",
        region=region,
    )


_SEED = _local(
    "cn-jinhaozhuang-report-2022",
    "金郝庄镇法治政府建设情况报告",
    "seed township report on law-based government (2022), part 2 (6)",
    "金郝庄镇",
)
_CASEFILE = _local(
    "local-casefile-review-practice",
    "地方行政执法案卷评查制度（每年组织1~2次案卷评查）",
    "local case-file review practice (one or two reviews a year; older local document)",
    "地方",
)
_JINZHONG = _local(
    "cn-140700-liaison-points-2023",
    "晋中市行政执法监督联系点管理办法",
    "Jinzhong measures on enforcement-supervision liaison points (2023)",
    "山西省晋中市",
)
_JIANSHI = _local(
    "cn-422822-supervisors-2024",
    "建始县行政执法社会监督员选聘（2024年11月，聘期2年）",
    "Jianshi county social supervisors (2024-11, two-year term)",
    "湖北省建始县",
)
_JIEYANG = _local(
    "cn-445200-supervisors-2023",
    "揭阳市行政执法社会监督员制度（2023年12月，聘期5年）",
    "Jieyang social supervisors (2023-12, five-year term)",
    "广东省揭阳市",
)
_XIZANG = _local(
    "cn-540000-invited-supervisors-2026",
    "西藏自治区特邀行政执法监督员规定（2026年1月）",
    "Tibet rules on invited enforcement supervisors (2026-01): no sanctions, criminal "
    "penalties, administrative detention or 失信被执行人 status",
    "西藏自治区",
)
_ERYUAN = _local(
    "cn-532930-supervision-measures",
    "洱源县行政执法监督规定",
    "Eryuan county enforcement-supervision measures (anyone may complain about inaction or "
    "unlawful acts)",
    "云南省洱源县",
)

#: Every instrument of the pack (for the docs and the pack's tests).
INSTRUMENTS: tuple[Instrument, ...] = (
    _REGULATION,
    _SEED,
    _CASEFILE,
    _JINZHONG,
    _JIANSHI,
    _JIEYANG,
    _XIZANG,
    _ERYUAN,
)

REGULATION = _REGULATION.art(verification="U")
REGULATION_ART6 = _REGULATION.art("6", verification="V2")
SEED_REPORT = _SEED.art(verification="V2")
CASEFILE_PRACTICE = _CASEFILE.art(verification="U")
JINZHONG_LIAISON = _JINZHONG.art(verification="V2")
JIANSHI_SUPERVISORS = _JIANSHI.art(verification="V2")
JIEYANG_SUPERVISORS = _JIEYANG.art(verification="V2")
XIZANG_SUPERVISORS = _XIZANG.art(verification="V2")
ERYUAN_COMPLAINTS = _ERYUAN.art("5", verification="V2")


def bases(
    day: date | None, local: Sequence[LegalBasis], statutory: Sequence[LegalBasis] = (REGULATION,)
) -> list[LegalBasis]:
    """The provisions a finding cites: the regulation too when ``day`` (the day the breach
    happened) is on or after 2026-02-01, the local basis alone before it."""
    if day is not None and day >= REGULATION_IN_FORCE:
        return [*statutory, *local]
    return list(local)


def bases_now(ctx: Context, local: Sequence[LegalBasis]) -> list[LegalBasis]:
    """:func:`bases` for a state at the evaluation instant (a count of points): the
    regulation is cited from 2026-02-01 on, and the engine rechecks on that day."""
    if ctx.reached(REGULATION_IN_FORCE, fact=False):  # the law in force, not a fact
        return [REGULATION, *local]
    return list(local)
