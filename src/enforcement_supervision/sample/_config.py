"""The sample township's deployment configuration: ``esup.toml`` with its local settings.

The national rules leave local numbers and local lists to configuration
(``docs/catalog/interpretations.md``): which matter-list records hold an agency's published
inspection items, its legal-review catalog and the township's delegated powers, and the annual
inspection caps the county published under 国办发〔2024〕54号. Without them those rules stay
silent or record that they could not decide. :func:`township_config` writes the settings of
the fictional 青岚县 for the records of one generated township; ``write_township`` puts the
file next to the records, and the demo runs ``esup --config DIR/esup.toml --db ... check``.

The file holds the ``[law]`` table (the local instruments in force) and ``[rules."RULE-ID"]``
tables (no ``[store]``: the database is given on the command line). Everything else keeps the
rule packs' defaults.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from enforcement_supervision.model import MatterList, MatterListKind
from enforcement_supervision.sample._tables import (
    AGENCIES,
    COUNTY_NAME,
    JUSTICE,
    MATTERS,
    TOWN,
    TOWNSHIP_NAME,
)
from enforcement_supervision.sample._township import SampleTownship

__all__ = ["CONFIG_FILE", "INSPECTION_CAPS", "OWN_POWER_MATTERS", "township_config"]

CONFIG_FILE = "esup.toml"
"""File name of the deployment configuration written next to the records."""

INSPECTION_CAPS: Mapping[str, Mapping[str, int]] = {
    "ecology_environment": {"county": 2},
    "emergency_management": {"county": 2},
    "health": {"city": 2, "county": 2, "city+county": 4},
    "market_regulation": {"county": 2},
    "township_comprehensive": {"township": 2},
}
"""The county's published annual caps (fictional, 2025-06): at most two routine or local
special inspections of one enterprise per department and year; health follows the catalog's
example of a municipal health commission (2 per level, 4 across city and county)."""

OWN_POWER_MATTERS: tuple[str, ...] = tuple(
    m.code for m in MATTERS if m.agency_id == TOWN and "城乡规划法》第六十五条" in m.basis
)
"""Township matters a statute gives the township itself: 城乡规划法 Art. 65 (乡村建设规划)."""


def _toml(value: object) -> str:
    """A TOML value: strings, integers, lists and inline tables (what the file needs)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        items = ", ".join(f"{_key(str(k))} = {_toml(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "").isalnum() and name.isascii()
    return name if bare else json.dumps(name, ensure_ascii=False)


def _ids(lists: Iterable[MatterList], kind: MatterListKind) -> list[str]:
    return sorted(str(m.id) for m in lists if m.kind == kind)


def township_config(township: SampleTownship) -> str:
    """The text of ``esup.toml`` for ``township``: the local settings of 青岚县 and 清河镇."""
    lists = [m for m in township.records.get("matter-list", ()) if isinstance(m, MatterList)]
    delegated: dict[str, list[str]] = {}
    for matter_list in lists:
        if matter_list.kind == MatterListKind.TOWNSHIP_DELEGATED_POWERS:
            delegated.setdefault(matter_list.agency_id, []).append(str(matter_list.id))
    sectors = {a.sector for a in AGENCIES if a.enforces}
    caps = {
        sector: dict(cap) for sector, cap in sorted(INSPECTION_CAPS.items()) if sector in sectors
    }
    place = f"{COUNTY_NAME}{TOWNSHIP_NAME}"
    sections: list[tuple[str, list[str], list[tuple[str, object]]]] = [
        (
            "INSP-ITEM-PUBLISHED",
            [
                "各执法主体公布的涉企行政检查事项清单（matter-list，kind = inspection_items）。",
                "The published inspection-item lists of the agencies (国办发〔2024〕54号 §三).",
            ],
            [("item_list_ids", _ids(lists, MatterListKind.INSPECTION_ITEMS))],
        ),
        (
            "INSP-FREQ-CAP",
            [
                f"{COUNTY_NAME}公布的同一企业年度检查频次上限（日常及本级专项检查；个案检查、",
                "上级部署的专项检查不计入）。The county's published annual caps per enterprise",
                "(54号: to be published by 2025-06-30); health follows the catalog's example.",
            ],
            [("caps", caps)],
        ),
        (
            "PEN-LEGAL-REVIEW",
            [
                "各执法主体的重大执法决定法制审核目录",
                "（matter-list，kind = legal_review_catalog）。",
                "The agencies' legal-review catalogs (国办发〔2018〕118号; 行政处罚法 Art. 58(1)).",
            ],
            [("legal_review_catalog_ids", _ids(lists, MatterListKind.LEGAL_REVIEW_CATALOG))],
        ),
        (
            "PEN-DECISION-90D",
            [
                "严格期限与顺延期限之间作出的决定以 S4 提示性问题发现逐案显示，便于跟进。",
                "Keep the S4 advisory between the strict and the rolled deadline as a finding",
                "of its own, so that such cases show per case in the reports.",
            ],
            [("strict_deadline_advisory", "finding")],
        ),
        (
            "PEN-TOWNSHIP-POWER",
            [
                "省级赋予乡镇的行政执法事项清单；城乡规划法第六十五条直接赋予乡镇的事项。",
                "The township's list of delegated powers (行政处罚法 Art. 24) and the matters",
                "a statute gives the township directly (城乡规划法 Art. 65).",
            ],
            [
                ("matter_list_ids", {k: delegated[k] for k in sorted(delegated)}),
                ("own_power_matters", list(OWN_POWER_MATTERS)),
            ],
        ),
    ]
    lines = [
        f"# {place}（{township.name_en}）示例部署配置 / deployment configuration of the sample",
        f"# township, seed {township.seed}, year {township.year}. Generated with the records by",
        "# `python -m enforcement_supervision.sample`; fictional local settings, see",
        "# docs/guide/sample-township.md. Use it with:",
        "#   esup --config DIR/esup.toml --db esup.sqlite check --as-of "
        f"{township.as_of.isoformat()}",
        "# Rules and parameters not listed keep the rule packs' defaults.",
        "",
        "# 本部署适用的地方性规定（法律文件编号）：本镇的监督联系点工作制度。其他地方性规定",
        "# （如外地的检查频次规定）不在本部署生效，问题发现和意见书不予引用。",
        "# The local instruments in force for this deployment: the township's liaison-point",
        "# rules. No other place's rules are cited in its findings and notices.",
        "[law]",
        'local_instruments = ["example-township-liaison-rules"]',
    ]
    for rule_id, comments, values in sections:
        lines.append("")
        lines.extend(f"# {text}" for text in comments)
        header = f'[rules."{rule_id}"]'
        tables: list[tuple[str, Mapping[str, object]]] = []
        plain: list[str] = []
        for name, value in values:
            if isinstance(value, Mapping) and all(isinstance(v, Mapping) for v in value.values()):
                tables.append((name, value))  # a table of tables: one line per entry
            else:
                plain.extend(_assignment(name, value))
        if plain or not tables:
            lines.append(header)
            lines.extend(plain)
        for name, table in tables:
            lines.append(f"{header[:-1]}.{_key(name)}]")
            lines.extend(f"{_key(str(k))} = {_toml(v)}" for k, v in table.items())
    lines.extend(_report_settings())
    return "\n".join(lines) + "\n"


def _report_settings() -> list[str]:
    """``[reports]`` and ``[notice]``: the township's own office (addressee of township-wide
    findings) and the issuing office, number series and seal line of the notices."""
    justice = next(agency for agency in AGENCIES if agency.id == JUSTICE)
    return [
        "",
        f"# 报告：本镇人民政府是全镇性问题的主送机关。Township-wide findings go to {TOWN}.",
        "[reports]",
        f"township_agency = {_toml(TOWN)}",
        "",
        "# 行政执法监督意见书：发文机关、发文字号、印章位置；抄送被监督单位的上级机关。",
        "# Notices: issuing office, number series, seal line; copy to the superior body.",
        "[notice]",
        f"issuing_office = {_toml(justice.name)}",
        f"number_prefix = {_toml(justice.short + '监')}",
        'seal_line = "（印章）"',
        "copy_to_superior = true",
    ]


def _assignment(name: str, value: object) -> list[str]:
    """``name = value``; a long list of strings goes one item per line."""
    text = f"{name} = {_toml(value)}"
    if len(text) <= 88 or isinstance(value, str | Mapping) or not isinstance(value, Sequence):
        return [text]
    return [f"{name} = [", *(f"    {_toml(item)}," for item in value), "]"]
