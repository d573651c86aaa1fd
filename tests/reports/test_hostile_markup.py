"""Text from the data is inert in every format (issue 19 item 3).

Agencies and enterprises named with markup, Markdown links to ``javascript:``, and formula
starts go through the real reports: the Markdown summary parses (markdown-it, HTML allowed
and every link accepted, so that nothing is hidden by a renderer's own filter) into no link,
no image and no raw HTML; the HTML page has no element or attribute from the data; the ledger
read back with openpyxl has no formula and no text cell a spreadsheet would evaluate.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from markdown_it import MarkdownIt

from enforcement_supervision._host import build_record
from enforcement_supervision.engine import run_check
from enforcement_supervision.reports import build_report_data, render
from enforcement_supervision.store import Store

from .latin import has_formula
from .related import related_manager

HOSTILE = (
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "![i](javascript:alert(2))",
    "<javascript:alert(3)>",
    "<script>alert(4)</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(A1)",
    "-2+3",
    "@cmd",
    "\t=x",
    "\r=x",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.sqlite"
    records = []
    for number, text in enumerate(HOSTILE):
        records.append(
            build_record(
                "agency",
                id=f"AG-{number}",
                name=text,
                level="township",
                kind="government",
                inspection_subject_confirmed=True,
            )
        )
        records.append(
            build_record(
                "inspection",
                id=f"IN-{number}",
                agency_id=f"AG-{number}",
                type="routine",
                date="2025-05-06",
                enterprise={"type": "legal_person", "name": text, "party_id": f"E-{number}"},
            )
        )
    with Store.open(path) as store:
        store.put_records(records)
        run_check(store, as_of="2025-06-01", manager=related_manager())
    return path


def _render(store_path: Path, fmt: str, out: Path, audience: str = "internal") -> Path:
    with Store.open(store_path) as store:
        data = build_report_data(store, audience=audience, manager=related_manager())
        [path] = render(fmt, data, out)
    return path


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_markdown_has_no_link_image_or_html(
    hostile_store: Path, tmp_path: Path, audience: str
) -> None:
    text = _render(hostile_store, "md", tmp_path / "r.md", audience).read_text(encoding="utf-8")
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    kinds = set()
    for token in parser.parse(text):
        kinds.add(token.type)
        kinds.update(child.type for child in token.children or ())
    assert not kinds & {"link_open", "image", "html_inline", "html_block"}, kinds
    assert "javascript:alert(1)" in text  # shown as text, not dropped


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.attributes.update(f"{name}={value}" for name, value in attrs)


def test_html_has_no_element_from_the_data(hostile_store: Path, tmp_path: Path) -> None:
    page = _render(hostile_store, "html", tmp_path / "r.html").read_text(encoding="utf-8")
    elements = _Elements()
    elements.feed(page)
    assert "img" not in elements.tags
    assert "onerror" not in elements.attributes
    assert not any(a.startswith("href=javascript") for a in elements.attributes)
    assert "<script>alert(4)" not in page


def test_the_ledger_has_no_formula_and_no_live_text(hostile_store: Path, tmp_path: Path) -> None:
    ledger = _render(hostile_store, "xlsx", tmp_path / "r.xlsx")
    assert not has_formula(ledger)
    cells = [
        cell
        for sheet in openpyxl.load_workbook(ledger).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert all(cell.data_type != "f" for cell in cells)
    assert not [text for text in texts if text.startswith(FORMULA_START)]
    assert "'=cmd|' /C calc'!A0" in texts


@pytest.mark.parametrize("name", ["清河\x07镇\x1b[31m", "长" * 300])
def test_notices_take_any_agency_name(name: str, tmp_path: Path) -> None:
    # Found by the fuzz test: the .docx properties (subject: the addressee) refused control
    # characters and more than 255 characters.
    from enforcement_supervision.config import Config

    path = tmp_path / "control.sqlite"
    with Store.open(path) as store:
        store.put_records(
            [
                build_record(
                    "agency",
                    id="AG-C",
                    name=name,
                    level="township",
                    kind="government",
                    inspection_subject_confirmed=True,
                ),
                build_record(
                    "inspection",
                    id="IN-C",
                    agency_id="AG-C",
                    type="routine",
                    date="2025-05-06",
                    enterprise={"type": "legal_person", "name": "永昌\x00物流有限公司"},
                ),
            ]
        )
        run_check(store, as_of="2025-06-01", manager=related_manager())
        config = Config(
            data={"notice": {"issuing_office": "花溪县司法局", "number_prefix": "花司监"}}
        )
        data = build_report_data(store, config=config, manager=related_manager())
        paths = render("notice", data, tmp_path / "notices")
    assert sorted(p.suffix for p in paths) == [".docx", ".html"]
    assert all(name.isprintable() for name in (p.name for p in paths))
