"""Hand-built stores for the people-facing report tests: one inspection with three problems
(related findings), hostile text in an agency's name, and a second township built from the
sample's records with other agency names, other sectors and another configuration."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from enforcement_supervision._host import PluginManager, build_record, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.reports import ReportData, build_report_data
from enforcement_supervision.rules import Context, LegalBasis, rule
from enforcement_supervision.store import Store

BASIS = LegalBasis(
    instrument="中华人民共和国行政处罚法", instrument_en="Administrative Penalty Law", article="42"
)


def _inspection_rule(rule_id: str, title: str, severity: str, message: str) -> Any:
    @rule(
        id=rule_id,
        title_zh=title,
        title_en=rule_id,
        category="procedure",
        severity=severity,
        legal_basis=BASIS,
        applies_to="inspection",
        facts_date="date",
    )
    def check(inspection: Any, ctx: Context) -> None:
        """Flags every inspection (a test rule)."""
        ctx.finding(
            message_zh=message.format(id=inspection.id, date=inspection.date.isoformat()),
            message_en=f"{rule_id} on {inspection.id}",
        )

    return check


RELATED_RULES = (
    _inspection_rule("T-TWO", "执法人员不少于两人", "S2", "检查 {id}（{date}）仅一名执法人员"),
    _inspection_rule("T-CERT", "出示执法证件", "S2", "检查 {id} 未出示执法证件"),
    _inspection_rule("T-RECORD", "全过程记录", "S3", "检查 {id} 无音像记录"),
)


def related_manager() -> PluginManager:
    manager = load_plugins(Config(), entry_points=False)
    manager.register_rules(*RELATED_RULES, name="related-test-rules")
    return manager


def _agency(agency_id: str, name: str, **extra: Any) -> Any:
    return build_record(
        "agency",
        id=agency_id,
        name=name,
        level="township",
        kind="government",
        inspection_subject_confirmed=True,
        **extra,
    )


def build_related_store(path: Path) -> tuple[Store, Config]:
    store = Store.open(path)
    store.put_records(
        [
            _agency("AG-T", "石门乡人民政府"),
            build_record(
                "inspection",
                id="IN-9",
                agency_id="AG-T",
                type="routine",
                date="2025-05-06",
                enterprise={"type": "legal_person", "name": "花溪县永昌物流有限公司"},
            ),
        ]
    )
    run_check(store, as_of="2025-06-01", manager=related_manager())
    config = Config(
        data={
            "reports": {"township_agency": "AG-T"},
            "notice": {"issuing_office": "花溪县司法局", "number_prefix": "花司监"},
        }
    )
    return store, config


HOSTILE = '"><img src=x onerror=alert(1)>'


def hostile_markdown_data(tmp_path: Path) -> ReportData:
    """A report whose agency name is hostile markup."""
    store = Store.open(tmp_path / "hostile.sqlite")
    store.put_records(
        [
            _agency("AG-H", HOSTILE),
            build_record(
                "inspection",
                id="IN-H",
                agency_id="AG-H",
                type="routine",
                date="2025-05-06",
                enterprise={"type": "legal_person", "name": f"=cmd|' /C calc'!A0{HOSTILE}"},
            ),
        ]
    )
    run_check(store, as_of="2025-06-01", manager=related_manager())
    return build_report_data(store, manager=related_manager())


# --------------------------------------------------------------------------------------------
# A second township: the sample's records under other names, sectors and settings

#: What changes between the sample township and the second one (JSON string values).
RENAMES = {
    "青岚县清河镇人民政府": "花溪县石门乡人民政府",
    "青岚县市场监督管理局": "花溪县交通运输局",
    "云屏市生态环境局青岚分局": "黔南州农业农村局花溪分局",
    "青岚县应急管理局": "花溪县港航管理局",
    "青岚县卫生健康局": "花溪县水务局",
    "青岚县司法局": "花溪县司法局",
    "青岚县人民政府": "花溪县人民政府",
    "青岚县": "花溪县",
    "清河镇": "石门乡",
    "清河": "石门",
    "青岚": "花溪",
    "云屏": "黔南",
    "AG-QHZ": "AG-SMX",
    "AG-QL-SCJG": "AG-HX-JT",
    "AG-QL-STHJ": "AG-HX-NY",
    "AG-QL-YJGL": "AG-HX-GH",
    "AG-QL-WSJK": "AG-HX-SW",
    "AG-QL-SFJ": "AG-HX-SFJ",
    "AG-QL-GOV": "AG-HX-GOV",
}
SECTORS = {
    "market_regulation": "transport",
    "ecology_environment": "agriculture",
    "emergency_management": "water",
    "health": "port_logistics",  # a sector only the configuration names
}


def _renamed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _renamed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item) for item in value]
    if isinstance(value, str):
        if value in SECTORS:
            return SECTORS[value]
        for old, new in RENAMES.items():
            value = value.replace(old, new)
        return value
    return value


def second_township(folder: Path) -> tuple[Path, Path, list[dict[str, Any]]]:
    """Write the second township's records (JSON Lines) and configuration into ``folder``;
    return the records file, the configuration file and the records."""
    from enforcement_supervision import sample
    from enforcement_supervision.model import unstructure_record

    township = sample.generate_township()
    payloads = [
        _renamed({"record_type": record.record_type, **unstructure_record(record)})
        for record in township
    ]
    records = folder / "records.jsonl"
    folder.mkdir(parents=True, exist_ok=True)
    records.write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in payloads), encoding="utf-8"
    )
    settings = tomllib.loads(sample.township_config(township))
    rules = _renamed(settings["rules"])
    caps = rules.get("INSP-FREQ-CAP", {}).get("caps", {})
    rules.setdefault("INSP-FREQ-CAP", {})["caps"] = {SECTORS.get(k, k): v for k, v in caps.items()}
    config = {
        "rules": rules,
        "reports": {
            "township_agency": "AG-SMX",
            "html_max_findings": 20,  # split by agency, as a province-size report would be
            "sectors": {"port_logistics": "港航物流"},
        },
        "notice": {
            "issuing_office": "花溪县人民政府办公室",
            "number_prefix": "花府监",
            "first_number": 12,
            "seal_line": "（盖章）",
            "title": "行政执法监督整改通知书",
            "max_items": 8,  # split by period, as a large agency's notice would be
        },
    }
    path = folder / "esup.toml"
    path.write_text(_toml(config), encoding="utf-8")
    return records, path, payloads


def _toml(table: dict[str, Any], prefix: str = "") -> str:
    """A TOML text of nested tables of strings, numbers, lists and tables."""
    lines: list[str] = []
    nested: list[tuple[str, dict[str, Any]]] = []
    for key, value in table.items():
        name = json.dumps(key, ensure_ascii=False) if not key.replace("_", "").isalnum() else key
        if isinstance(value, dict):
            nested.append((f"{prefix}.{name}" if prefix else name, value))
        else:
            lines.append(f"{name} = {json.dumps(value, ensure_ascii=False)}")
    text = (f"[{prefix}]\n" if prefix and lines else "") + "".join(line + "\n" for line in lines)
    for name, value in nested:
        text += "\n" + _toml(value, name)
    return text


# --------------------------------------------------------------------------------------------
# Findings without an agency


@rule(
    id="T-EX-ANTE",
    title_zh="事前公开",
    title_en="Ex-ante disclosure",
    category="transparency",
    severity="S3",
    legal_basis=BASIS,
    applies_to="agency",
)
def ex_ante(agency: Any, ctx: Context) -> None:
    """Flags every agency (its finding carries no agency: the subject is one)."""
    ctx.finding(message_zh=f"{agency.id} 未事前公开执法信息", message_en="no ex-ante disclosure")


def agency_manager() -> PluginManager:
    manager = load_plugins(Config(), entry_points=False)
    manager.register_rules(ex_ante, name="agency-test-rules")
    return manager


def agency_findings_store(path: Path) -> tuple[Store, Config]:
    """Two agencies flagged by a rule about agencies, and a township-wide finding on an
    enterprise (stored as a group rule would store it)."""
    from sqlalchemy import insert

    from enforcement_supervision._host import Subject
    from enforcement_supervision.rules import Finding
    from enforcement_supervision.store._internal import findings

    store = Store.open(path)
    store.put_records(
        [
            _agency("AG-T", "石门乡人民政府"),
            build_record(
                "agency", id="AG-X", name="花溪县交通运输局", level="county", kind="department"
            ),
            build_record(
                "inspection",
                id="IN-1",
                agency_id="AG-X",
                type="routine",
                date="2025-05-06",
                enterprise={
                    "type": "legal_person",
                    "name": "花溪县永昌物流有限公司",
                    "party_id": "E-1",
                },
            ),
        ]
    )
    run_check(store, as_of="2025-06-01", manager=agency_manager())
    finding = Finding(
        rule_id="T-REPEAT",
        rule_version="1",
        subject=Subject(record_type="enterprise", record_id="E-1"),
        severity="S2",
        categories=["abuse"],
        message_zh="企业 E-1 在 2025-W19 周被检查 3 次",
        message_en="E-1 inspected 3 times",
        evidence=[],
    )
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    with store.engine.begin() as connection:
        connection.execute(
            insert(findings).values(
                fingerprint=finding.fingerprint,
                rule_id=finding.rule_id,
                rule_version="1",
                plugin="test",
                subject_type="enterprise",
                subject_id="E-1",
                agency_id=None,
                severity="S2",
                categories="abuse",
                status="open",
                message_zh=finding.message_zh,
                message_en=finding.message_en,
                reasons=finding.reasons.to_dict(),
                evidence=[
                    {
                        "description": "检查",
                        "record_type": "inspection",
                        "record_id": "IN-1",
                        "field": None,
                        "value": None,
                        "source": None,
                        "content_hash": None,
                    }
                ],
                due_date=None,
                first_seen_run=None,
                last_seen_run=None,
                opened_at=now,
                updated_at=now,
                in_baseline=False,
                finding_key="",
                detected=True,
            )
        )
    config = Config(
        data={
            "reports": {"township_agency": "AG-T"},
            "notice": {"issuing_office": "花溪县司法局", "number_prefix": "花司监"},
        }
    )
    return store, config
