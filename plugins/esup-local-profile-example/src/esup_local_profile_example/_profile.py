"""The example profile's instruments and the parameter values each one sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from enforcement_supervision.rules import DatedValue, Instrument

__all__ = ["CHENGDU_YIMA", "INSTRUMENTS", "PROFILES", "SHENZHEN_CODE", "overrides_for"]

#: Chengdu's "一码检查" rules (fully live 2025-05-01, reported 2025-04-24): more than one
#: inspection of an enterprise a day, two a week or three a month is marked; a fourth
#: inspection by an inspector after three with no findings needs reasons.
CHENGDU_YIMA = Instrument(
    id="cn-510100-yima-2025",
    title="成都市“一码检查”规则",
    short_title="成都市“一码检查”规则（2025-04-24 报道）",
    title_en="Chengdu 'one code' inspection rules (reported 2025-04-24)",
    issuer="成都市人民政府",
    in_force=dt.date(2025, 5, 1),
    scope="local",
    region="四川省成都市",
)
#: Shenzhen's supervision code (深府规〔2025〕6号, 2025-09-02): scan on entry, in an emergency
#: before leaving.
SHENZHEN_CODE = Instrument(
    id="cn-440300-shenfugui-2025-6",
    title="深圳市行政执法监督码管理规定",
    short_title="深圳市行政执法监督码管理规定（深府规〔2025〕6号）",
    title_en="Shenzhen supervision-code rules (Shen Fu Gui [2025] No. 6)",
    issuer="深圳市人民政府",
    number="深府规〔2025〕6号",
    in_force=dt.date(2025, 9, 2),
    scope="local",
    region="广东省深圳市",
)
#: Siping: an out-of-area inspection is filed with the justice bureau within 20 days.
SIPING_REMOTE = Instrument(
    id="cn-220300-remote-inspections",
    title="四平市涉企行政检查规定",
    short_title="四平市涉企行政检查规定",
    title_en="Siping rules on inspections of enterprises (out-of-area filing within 20 days)",
    issuer="四平市人民政府",
    scope="local",
    region="吉林省四平市",
)
#: A province's annual review of enforcement certificates (Sichuan is the catalog's example;
#: the exact title was not verified).
SICHUAN_CERTIFICATES = Instrument(
    id="cn-510000-certificates",
    title="四川省行政执法证件管理规定",
    short_title="四川省行政执法证件管理规定（年度审验）",
    title_en="Sichuan rules on enforcement certificates (annual review)",
    issuer="四川省人民政府",
    scope="local",
    region="四川省",
)

INSTRUMENTS: tuple[Instrument, ...] = (
    CHENGDU_YIMA,
    SHENZHEN_CODE,
    SIPING_REMOTE,
    SICHUAN_CERTIFICATES,
)

#: The national inspection rules apply from 国办发〔2024〕54号 (in force 2025-01-03); a local
#: value without a date of its own applies from there.
_INSPECTIONS_FROM = dt.date(2025, 1, 3)


def _from(instrument: Instrument, value: Any, article: str | None = None) -> list[DatedValue]:
    """``value`` in force from the instrument's date, citing it."""
    since = instrument.in_force or _INSPECTIONS_FROM
    return [DatedValue(since=since, value=value, source=instrument.art(article, verification="V2"))]


#: Per instrument id: ``{rule id: {parameter: dated values}}``.
PROFILES: Mapping[str, Mapping[str, Mapping[str, Any]]] = {
    CHENGDU_YIMA.id: {
        "INSP-REPEAT": {
            "max_per_day": _from(CHENGDU_YIMA, 1),
            "max_per_week": _from(CHENGDU_YIMA, 2),
            "max_per_month": _from(CHENGDU_YIMA, 3),
            "same_inspector_no_finding": _from(CHENGDU_YIMA, 3),
        },
    },
    SHENZHEN_CODE.id: {
        "INSP-SCAN": {"scan_required": _from(SHENZHEN_CODE, True)},
    },
    SIPING_REMOTE.id: {
        "INSP-REMOTE": {
            "filing_required": _from(SIPING_REMOTE, True),
            "filing_days": _from(SIPING_REMOTE, 20),
        },
    },
    SICHUAN_CERTIFICATES.id: {
        "PERS-CERT-EXPIRING": {"annual_review_required": _from(SICHUAN_CERTIFICATES, True)},
    },
}


def overrides_for(named: Collection[str]) -> dict[str, dict[str, Any]]:
    """The parameter overrides of the instruments in ``named`` (rules merged)."""
    result: dict[str, dict[str, Any]] = {}
    for instrument_id in sorted(named):
        for rule_id, values in PROFILES.get(instrument_id, {}).items():
            result.setdefault(rule_id, {}).update(values)
    return result
