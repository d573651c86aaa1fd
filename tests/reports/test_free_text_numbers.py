"""ID and phone numbers typed into any text field never reach a public report (issue 19 item
10), and notices get one readable file per agency (item 11).

The model says which fields are personal, and those are masked by what they are; an ID or a
mobile number typed into an agency's name, an enterprise's name or a case's cause is in no
personal field, so the public audience also gets a pattern pass over every text of every
record a report quotes (one place: :func:`~enforcement_supervision.privacy.mask_record`).
Every format is rendered, people's and machines', notices' file names included.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from enforcement_supervision._host import build_record
from enforcement_supervision.config import Config
from enforcement_supervision.engine import run_check
from enforcement_supervision.privacy import mask_record
from enforcement_supervision.reports import FORMATS, build_report_data, render
from enforcement_supervision.store import Store

from .related import related_manager

ID_NUMBER = "110101199003071234"
MOBILE = "13912345678"
CONFIG = Config(data={"notice": {"issuing_office": "花溪县司法局", "number_prefix": "花司监"}})


def _agency(agency_id: str, name: str) -> object:
    return build_record(
        "agency",
        id=agency_id,
        name=name,
        level="township",
        kind="government",
        inspection_subject_confirmed=True,
    )


def _inspection(number: int, agency_id: str, enterprise: str) -> object:
    return build_record(
        "inspection",
        id=f"IN-{number}",
        agency_id=agency_id,
        type="routine",
        date="2025-05-06",
        enterprise={"type": "legal_person", "name": enterprise, "party_id": f"E-{number}"},
    )


def _store(path: Path, agencies: dict[str, str]) -> Store:
    store = Store.open(path)
    records = [_agency(agency_id, name) for agency_id, name in agencies.items()]
    records += [
        _inspection(number, agency_id, f"永昌物流有限公司（联系电话{MOBILE}）")
        for number, agency_id in enumerate(agencies)
    ]
    store.put_records(records)
    run_check(store, as_of="2025-06-01", manager=related_manager())
    return store


def _contents(path: Path) -> str:
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8")
                for name in archive.namelist()
                if name.endswith((".xml", ".rels"))
            )
    return path.read_text(encoding="utf-8")


def test_mask_record_masks_numbers_in_any_text_for_the_public() -> None:
    data = {"id": "AG-1", "name": f"清河镇{ID_NUMBER}办公室 {MOBILE}", "level": "township"}
    public = mask_record("agency", data, "public", salt="s")
    assert ID_NUMBER not in public["name"]
    assert MOBILE not in public["name"]
    assert public["name"].startswith("清河镇1101")
    assert mask_record("agency", data, "agency", salt="s") == data
    assert mask_record("agency", data, "internal", salt="s") == data


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_number_from_any_text_field_in_public_reports(fmt: str, tmp_path: Path) -> None:
    agencies = {"AG-1": f"{ID_NUMBER}清河镇人民政府", "AG-2": f"市场局（{MOBILE}）"}
    with _store(tmp_path / "numbers.sqlite", agencies) as store:
        data = build_report_data(store, audience="public", config=CONFIG, manager=related_manager())
        paths = render(fmt, data, tmp_path / ("out" if fmt == "notice" else f"report.{fmt}"))
    assert paths
    for path in paths:
        for number in (ID_NUMBER, MOBILE):
            assert number not in path.name
            assert number not in _contents(path), (path.name, number)


def test_notices_get_one_readable_file_per_agency(tmp_path: Path) -> None:
    agencies = {"AG-1": "清河镇", "AG-2": "市场局", "AG-3": "AG/QL", "AG-4": "AG QL"}
    with _store(tmp_path / "notices.sqlite", agencies) as store:
        data = build_report_data(store, config=CONFIG, manager=related_manager())
        paths = render("notice", data, tmp_path / "notices")
    names = sorted(path.name for path in paths)
    assert len(names) == 8, names  # a .docx and a .html per agency
    assert len({name.casefold() for name in names}) == 8
    assert all(path.parent == tmp_path / "notices" for path in paths)
    assert any("清河镇" in name for name in names)
    assert any("市场局" in name for name in names)
    for name in names:
        assert "/" not in name
        assert "\\" not in name
        assert name.isprintable()


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_number_from_an_id_in_public_reports(fmt: str, tmp_path: Path) -> None:
    # An agency known only by an id with a phone number in it: the id is the agency's name
    # in people's formats, a key in machines' (found by the fuzz test).
    store = Store.open(tmp_path / "ids.sqlite")
    store.put_records([_inspection(1, f"市场局 {MOBILE}", "永昌物流有限公司")])
    run_check(store, as_of="2025-06-01", manager=related_manager())
    with store:
        data = build_report_data(store, audience="public", config=CONFIG, manager=related_manager())
        paths = render(fmt, data, tmp_path / ("out" if fmt == "notice" else f"report.{fmt}"))
    for path in paths:
        assert MOBILE not in path.name
        assert MOBILE not in _contents(path), path.name


def test_the_last_pass_masks_numbers_on_their_own_and_leaves_digests() -> None:
    from enforcement_supervision.privacy import mask_written_text

    digest = "ab13912345678cd" + "0" * 49
    run_id = "13912345-6789-4000-8000-139123456789"
    assert mask_written_text(digest) == digest
    assert mask_written_text(run_id) == run_id
    assert mask_written_text(f"AG {MOBILE}（") == "AG 139****5678（"
    assert mask_written_text(f'"{ID_NUMBER}"') == '"1101**********1234"'
    assert mask_written_text("0531-88886666") != "0531-88886666"
