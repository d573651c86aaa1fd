"""Real SQLite stores for the report tests, filled through the public API.

``pii_store``: a small store whose findings carry reporters' names, parties' names, ID and
phone numbers in their messages, facts, evidence and follow-through (the worst case for
masking), checked with inline rules, then taken through notified / rectified / verified /
waived / closed by appending finding events the way the lifecycle layer will.
``sample_store``: the sample township checked with the installed first-party rule packs.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from enforcement_supervision._host import PluginManager, build_record, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.engine import open_findings, run_check
from enforcement_supervision.rules import Context, Evidence, LegalBasis, rule
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import NewEvent, append_events, findings
from tests._backends import BACKENDS, BackendDatabases, server_database

BASIS = LegalBasis(
    instrument="中华人民共和国行政处罚法",
    instrument_en="Administrative Penalty Law",
    article="54",
    paragraph="1",
)
BASIS_2 = LegalBasis(instrument="信访工作条例", instrument_en="Regulation on Letters", article="32")

#: Personal data planted in the records (and copied into findings by the rules below).
REPORTERS = {"L-01": "欧阳明月", "L-02": "司马光辉", "L-03": "上官云霞", "L-04": "东方既白"}
REPORTER_PHONES = {
    "L-01": "13912345678",
    "L-02": "15023456789",
    "L-03": "18634567890",
    "L-04": "17745678901",
}
PARTIES = {"L-01": "诸葛亮亮", "L-02": "慕容秋水", "L-03": "令狐长青", "L-04": "皇甫春风"}
PARTY_IDS = {
    "L-01": "370102199003071234",
    "L-02": "37010219851211432X",
    "L-03": "110105197707077777",
    "L-04": "440301200101019999",
}
PARTY_PHONES = {
    "L-01": "13800138000",
    "L-02": "13700137000",
    "L-03": "13600136000",
    "L-04": "13500135000",
}
COMPLAINANT = "端木清风"
COMPLAINANT_PHONE = "0531-88886666"
COMPANY = "测试县清源食品有限公司"

#: Values that must never appear unmasked in a public report.
PUBLIC_SECRETS = (
    *REPORTERS.values(),
    *REPORTER_PHONES.values(),
    *PARTIES.values(),
    *PARTY_IDS.values(),
    *PARTY_PHONES.values(),
    COMPLAINANT,
    COMPLAINANT_PHONE,
)
#: Values that must not appear in a report for the supervised agency (reporters).
AGENCY_SECRETS = (*REPORTERS.values(), *REPORTER_PHONES.values(), COMPLAINANT)

AS_OF = "2025-06-01"


@rule(
    id="T-PII-LEAD",
    title_zh="线索逾期未作出立案决定",
    title_en="Lead without a filing decision in time",
    category="inaction",
    severity="S2",
    legal_basis=BASIS,
    applies_to="lead",
    facts_date="received_date",
)
def pii_lead(lead: Any, ctx: Context) -> None:
    """Flags a lead without a filing decision within 15 days, naming everyone involved."""
    if lead.reporter_name is None:
        return
    deadline = ctx.deadline(
        lead.received_date, 15, "CD", start_label="收到线索", start_label_en="lead received"
    )
    if not ctx.late(deadline, lead.filing_decision_date, label="立案决定 / filing decision"):
        return
    party = lead.party
    ctx.finding(
        key="filing",
        message_zh=(
            f"线索 {lead.id}：举报人{lead.reporter_name}（电话 {lead.reporter_phone}）反映"
            f"{party.name}（身份证号 {party.id_number}，电话 {party.phone}）的违法行为，"
            "逾期未作出立案决定"
        ),
        message_en=(
            f"lead {lead.id} from {lead.reporter_name} ({lead.reporter_phone}) about "
            f"{party.name} (ID {party.id_number}, phone {party.phone}): no filing decision"
        ),
        facts={
            "received_date": lead.received_date,
            "reporter_name": lead.reporter_name,
            "reporter_phone": lead.reporter_phone,
            "party": {
                "type": party.type.value,
                "name": party.name,
                "id_number": party.id_number,
                "phone": party.phone,
            },
        },
        evidence=[
            Evidence(
                description=f"投诉记录（{COMPLAINANT}）",
                record_type="complaint",
                record_id="C-01",
                field="complainant_name",
                value=COMPLAINANT,
            )
        ]
        if lead.id == "L-01"
        else [],
        notes=[(f"已核对{party.name}的身份信息", f"checked the identity of {party.name}")],
        due=deadline.due_date,
    )


@rule(
    id="T-PII-COMPLAINT",
    title_zh="投诉未按时答复",
    title_en="Complaint not answered in time",
    category=["supervision-mechanism", "inaction"],
    severity="S3",
    legal_basis=BASIS_2,
    applies_to="complaint",
)
def pii_complaint(complaint: Any, ctx: Context) -> None:
    """Flags a complaint without a response, quoting the complainant."""
    if complaint.responded_date is None:
        ctx.finding(
            message_zh=f"投诉人{complaint.complainant_name}（{complaint.complainant_phone}）的投诉未答复",
            message_en=f"complaint of {complaint.complainant_name} not answered",
            facts={
                "complainant_name": complaint.complainant_name,
                "complainant_phone": complaint.complainant_phone,
            },
        )


@rule(
    id="T-COMPANY",
    title_zh="企业线索未办结",
    title_en="Company lead still open",
    category="transparency",
    severity="S4",
    legal_basis=BASIS,
    applies_to="lead",
)
def company_lead(lead: Any, ctx: Context) -> None:
    """Flags a lead about a company (no personal data: the name must stay visible)."""
    if lead.party is not None and lead.party.type.value == "legal_person":
        ctx.finding(
            message_zh=f"{lead.party.name}的线索 <b>未办结</b>",
            message_en=f"lead about {lead.party.name} still open",
            facts={"party_name": lead.party.name},
        )


PII_RULES = (pii_lead, pii_complaint, company_lead)


def pii_config(**reports: Any) -> Config:
    """The PII township's configuration: its own office, and what notices need."""
    return Config(
        data={
            "reports": {"township_agency": "AG-1", **reports},
            "notice": {"issuing_office": "测试县司法局", "number_prefix": "测司监"},
        }
    )


PII_TOML = """[reports]
township_agency = "AG-1"

[notice]
issuing_office = "测试县司法局"
number_prefix = "测司监"
"""


def pii_manager() -> PluginManager:
    manager = load_plugins(Config(), entry_points=False)
    manager.register_rules(*PII_RULES, name="pii-test-rules")
    return manager


def _records() -> list[Any]:
    records: list[Any] = [
        build_record(
            "agency",
            id="AG-SUP",
            name="测试县司法局",
            level="county",
            kind="government",
            inspection_subject_confirmed=True,
        ),
        build_record(
            "agency",
            id="AG-1",
            name="测试镇人民政府",
            level="township",
            kind="government",
            supervisor_id="AG-SUP",
            inspection_subject_confirmed=True,
        ),
        build_record(
            "agency",
            id="AG-2",
            name="测试县市场监督管理局",
            level="county",
            kind="government",
            supervisor_id="AG-SUP",
            inspection_subject_confirmed=True,
        ),
    ]
    received = {
        "L-01": "2025-03-03",
        "L-02": "2025-03-10",
        "L-03": "2025-04-01",
        "L-04": "2025-01-06",
    }
    for lead_id, reporter in REPORTERS.items():
        records.append(
            build_record(
                "lead",
                id=lead_id,
                agency_id="AG-1" if lead_id != "L-04" else "AG-2",
                received_date=received[lead_id],
                source="complaint",
                reporter_name=reporter,
                reporter_phone=REPORTER_PHONES[lead_id],
                party={
                    "type": "natural_person",
                    "name": PARTIES[lead_id],
                    "id_number": PARTY_IDS[lead_id],
                    "phone": PARTY_PHONES[lead_id],
                    "address": "测试县测试镇某村3组12号",
                },
            )
        )
    records.append(
        build_record(
            "lead",
            id="L-05",
            agency_id="AG-2",
            received_date="2025-05-01",
            source="inspection",
            party={"type": "legal_person", "name": COMPANY},
        )
    )
    records.append(
        build_record(
            "complaint",
            id="C-01",
            agency_id="AG-1",
            received_date="2025-04-02",
            channel="hotline_12345",
            complainant_name=COMPLAINANT,
            complainant_phone=COMPLAINANT_PHONE,
        )
    )
    return records


def _event(
    store: Store,
    fingerprint: str,
    kind: str,
    *,
    status: str | None = None,
    at: str,
    actor: str | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """What a lifecycle verb does: append the event and set the status, in one transaction."""
    with store.engine.begin() as connection:
        append_events(
            connection,
            [
                NewEvent(
                    fingerprint=fingerprint,
                    kind=kind,
                    at=datetime.fromisoformat(at).replace(tzinfo=UTC),
                    actor=actor,
                    reason=reason,
                    data=data or {},
                )
            ],
        )
        if status is not None:
            connection.execute(
                update(findings).where(findings.c.fingerprint == fingerprint).values(status=status)
            )


def fingerprint_of(store: Store, rule_id: str, subject_id: str) -> str:
    for stored in open_findings(store, rules=[rule_id]):
        if stored.finding.subject.record_id == subject_id:
            return stored.fingerprint
    raise KeyError((rule_id, subject_id))


def build_pii_store(path: Path | str) -> Store:
    store = Store.open(path)
    store.put_records(_records())
    run_check(store, as_of=AS_OF, manager=pii_manager())
    lead_1 = fingerprint_of(store, "T-PII-LEAD", "L-01")
    lead_2 = fingerprint_of(store, "T-PII-LEAD", "L-02")
    lead_3 = fingerprint_of(store, "T-PII-LEAD", "L-03")
    lead_4 = fingerprint_of(store, "T-PII-LEAD", "L-04")
    _event(
        store,
        lead_1,
        "notified",
        status="notified",
        at="2025-04-10T02:00:00",
        actor="监督科",
        data={"notice_number": "测司监〔2025〕7号", "rectification_due": "2025-04-30"},
    )
    _event(
        store,
        lead_1,
        "rectified",
        status="rectified",
        at="2025-04-21T02:00:00",
        actor="测试镇人民政府",
        data={"rectified_on": "2025-04-20"},
    )
    _event(store, lead_1, "verified", at="2025-04-25T02:00:00", actor="核验员甲")
    _event(
        store,
        lead_2,
        "waived",
        status="waived",
        at="2025-05-06T02:00:00",
        actor="分管局长",
        reason=f"举报人{REPORTERS['L-02']}（{REPORTER_PHONES['L-02']}）已撤回举报，经审查属误报",
        data={
            "requested_by": "执法监督科",
            "approved_by": "分管局长",
            "reason_category": "false_positive",
            "expires": "2026-06-30",
        },
    )
    _event(
        store,
        lead_3,
        "closed",
        status="closed",
        at="2025-05-20T02:00:00",
        actor="核验员乙",
        data={"verified_by": "核验员乙"},
    )
    with store.engine.begin() as connection:
        connection.execute(
            update(findings).where(findings.c.fingerprint == lead_4).values(in_baseline=True)
        )
    return store


@pytest.fixture(scope="session", params=BACKENDS)
def pii_store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    backend_databases: BackendDatabases,
) -> Iterator[Store]:
    """The PII township, checked and followed through, on each backend (built once)."""
    if request.param == "sqlite":
        url: Path | str = tmp_path_factory.mktemp("pii") / "esup.sqlite"
    else:
        url = server_database(backend_databases, request.param, "pii")
    store = build_pii_store(url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def sample_config() -> Config:
    """The sample township's own configuration (its local rule settings), as ``make demo``
    uses it."""
    from enforcement_supervision import sample

    make_config = getattr(sample, "township_config", None)
    if make_config is None:
        return Config()
    return Config(data=tomllib.loads(make_config(sample.generate_township())))


@pytest.fixture(scope="session")
def sample_store(
    tmp_path_factory: pytest.TempPathFactory, sample_config: Config
) -> Iterator[Store]:
    """The sample township, checked with the installed rule packs as of its last day."""
    from enforcement_supervision.sample import generate_township

    township = generate_township()
    store = Store.open(tmp_path_factory.mktemp("sample") / "esup.sqlite")
    store.put_records(list(township))
    run_check(store, as_of=township.as_of, config=sample_config)
    yield store
    store.close()


@pytest.fixture(scope="session")
def sample_secrets() -> tuple[str, ...]:
    """Every ID number, phone number and reporter name in the sample township's records,
    and the natural persons' names (what a public report must not show)."""
    from enforcement_supervision.model import personal_fields, unstructure_record
    from enforcement_supervision.sample import generate_township

    found: set[str] = set()
    for record in generate_township():
        data = unstructure_record(record)
        for path, kind in personal_fields(record.record_type).items():
            for value, container in _values(data, path.split(".")):
                if not isinstance(value, str) or len(value.strip()) < 2:
                    continue
                if kind in ("id_number", "phone", "reporter") or (
                    kind == "name"
                    and str(container.get("type", "natural_person"))
                    in (
                        "natural_person",
                        "PartyType.NATURAL_PERSON",
                    )
                ):
                    found.add(value.strip())
    return tuple(sorted(found))


def _values(data: Any, parts: list[str]) -> list[tuple[Any, dict[str, Any]]]:
    if not parts or not isinstance(data, dict):
        return []
    head, rest = parts[0], parts[1:]
    key = head.removesuffix("[]")
    if key not in data:
        return []
    value = data[key]
    items = value if head.endswith("[]") and isinstance(value, list) else [value]
    if not rest:
        return [(item, data) for item in items]
    found: list[tuple[Any, dict[str, Any]]] = []
    for item in items:
        found.extend(_values(item, rest))
    return found
