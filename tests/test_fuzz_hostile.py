"""Hostile rows through import, check and every report format (issue 19, the in-suite fuzz).

Each example writes at least ``ESUP_FUZZ_ROWS`` rows (default 5,000) to a JSON Lines file:
copies of the sample township's records under new ids, with text fields replaced by, or run
together with, hostile text — formula starts, markup, Markdown links to ``javascript:``,
texts longer than any column, path separators, control and bidi characters, ID and mobile
numbers typed into any field, and whatever Hypothesis draws — and every personal field given
a value this test can find again. Then, through the real CLI, on each selected backend
(``db_url``: SQLite, and PostgreSQL and MariaDB with ``SERVER_ROWS`` rows):

* ``esup import``: every row is accounted for (read = stored + unchanged + rejected, exactly,
  and the store holds exactly what was stored); importing again stores nothing;
* ``esup check``: finishes, without a traceback;
* ``esup report``, every format for every audience: no traceback; JSON and SARIF are valid
  JSON (no ``NaN``), JUnit is valid XML; the ledger has no formula and no text a spreadsheet
  would evaluate; the Markdown has no link, image or HTML; the HTML page no element from the
  data; notices' file names are unique, printable and without path separators; and no output
  holds personal data its audience may not see (``public``: natural persons' names, ID and
  phone numbers anywhere; ``agency``: reporters, social supervisors and petitioners, with
  their numbers).

``ESUP_FUZZ_EXAMPLES`` (default 1) and ``ESUP_FUZZ_ROWS`` set the size; ``make fuzz`` runs
more. In the normal suite the database servers get 500 rows per example (their bounded
column types and error codes are what they add, and a server run costs several times a SQLite
one); with ``ESUP_FUZZ_ROWS`` set (``make fuzz``) every backend gets that many.

Rows with lone surrogates are their own strategy (SQLite only): each such line is a reject,
the rows around it are stored.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from sqlalchemy import func, select

from enforcement_supervision.cli import main
from enforcement_supervision.cli._common import EXIT_OK, EXIT_RULE_ERRORS
from enforcement_supervision.model import personal_fields
from enforcement_supervision.reports import FORMATS
from enforcement_supervision.sample import (
    ANSWER_KEY,
    CONFIG_FILE,
    generate_township,
    write_township,
)
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import records
from tests._backends import BackendDatabases

ROWS = int(os.environ.get("ESUP_FUZZ_ROWS", "5000"))
EXAMPLES = int(os.environ.get("ESUP_FUZZ_EXAMPLES", "1"))
#: Rows per example on PostgreSQL and MariaDB: small in the normal suite, all under make fuzz.
SERVER_ROWS = ROWS if os.environ.get("ESUP_FUZZ_ROWS") else min(ROWS, 500)
AUDIENCES = ("internal", "agency", "public")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Hostile texts every example uses (Hypothesis adds its own).
ATOMS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    '"><img src=x onerror=alert(1)>',
    "<script>alert(2)</script>",
    "[x](javascript:alert(3))",
    "![i](javascript:alert(4))",
    "<javascript:alert(5)>",
    "</t></is></c><c><f>1+1</f></c>",
    "]]><!--",
    "AG/QL",
    "AG QL",
    "..\\..\\windows\\system32",
    "../../etc/passwd",
    "CON",
    "a\x07b\x1b[31mc",
    "\u202eevil\u202c",
    "zero\u200bwidth",
    "😀🏛️",
    "Y" * 300,
    "长" * 300,
    "",
    " ",
    "\n\n",
    "NaN",
    "Infinity",
    "null",
    "{{ 7*7 }}",
    "${jndi:ldap://x}",
    "%s%n",
)
#: Characters around a number typed into free text (the masking pass finds it there).
BESIDE = ("身份证", "电话：", " ", "（", "、", "号码")
#: A person's planted name is 甄 and three of these (unique per person, found by a pattern).
RARE = "龘靐齉龖麤灪爩驫鱻麣龗齾鸾麢黸鑫燚焱淼犇骉羴猋麷厵垚赑掱"


_TOWN: list[tuple[list[dict[str, Any]], Path]] = []


@pytest.fixture(scope="module", autouse=True)
def township(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The sample township's rows and its directory (configuration, answer key); kept out
    of the tests' arguments so that Hypothesis does not print it with a failing example."""
    out = tmp_path_factory.mktemp("fuzz-town")
    write_township(out, generate_township())
    rows = [
        json.loads(line)
        for path in sorted(out.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    _TOWN[:] = [(rows, out)]


class Planted:
    """The personal values put into the rows, by who may not see them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people = 0
        self.protected_names: set[str] = set()  # reporters, supervisors, petitioners
        self.public_names: set[str] = set()  # natural persons' names
        self.protected_numbers: set[str] = set()
        self.numbers: set[str] = set()  # every ID and phone number anywhere

    def name(self) -> str:
        # Four rare characters: 28**4 distinct names, so that a name planted for a protected
        # person never comes back for a public one (three gave 21,952, fewer than the people
        # of 50,000 rows: the same name was then planted as both, and flagged as a leak).
        self.people += 1
        number, letters = self.people, []
        for _ in range(4):
            number, digit = divmod(number, len(RARE))
            letters.append(RARE[digit])
        assert number == 0, "more people than distinct planted names"
        return "甄" + "".join(letters)

    def id_number(self) -> str:
        year = self.rng.randint(1950, 2005)
        body = f"{self.rng.randint(110000, 659000)}{year}{self.rng.randint(1, 12):02d}"
        body += f"{self.rng.randint(1, 28):02d}{self.rng.randint(0, 999):03d}"
        number = body + self.rng.choice("0123456789X")
        self.numbers.add(number)
        return number

    def mobile(self) -> str:
        number = f"1{self.rng.choice('3456789')}{self.rng.randint(0, 999_999_999):09d}"
        self.numbers.add(number)
        return number


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "record_type":
                yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _set(row: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    target: Any = row
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _containers(data: Any, parts: list[str]) -> Iterator[tuple[Any, str]]:
    """(container, key) of a personal-field path (``a.b[].c``) in a row."""
    head, rest = parts[0], parts[1:]
    key = head.removesuffix("[]")
    if not isinstance(data, dict) or key not in data:
        return
    if not rest:
        if not head.endswith("[]"):
            yield data, key
        return
    children = data[key] if head.endswith("[]") else [data[key]]
    for child in children if isinstance(children, list) else []:
        yield from _containers(child, rest)


def _plant_personal(row: dict[str, Any], planted: Planted) -> None:
    """Give every personal field of the row a value the test can find again."""
    try:
        fields = personal_fields(row["record_type"])
    except LookupError:
        return
    for path, kind in fields.items():
        for container, key in _containers(row, path.split(".")):
            if not isinstance(container.get(key), str):
                continue
            protected = kind in ("reporter", "supervisor", "petitioner") or key.startswith(
                ("reporter_", "complainant_", "petitioner_")
            )
            if row["record_type"] == "social-supervisor":
                protected = True
            if kind in ("reporter", "supervisor", "petitioner", "name"):
                person = container.get("type") in (None, "natural_person")
                if kind == "name" and not person:
                    continue
                value = planted.name()
                (planted.protected_names if protected else planted.public_names).add(value)
            elif kind == "id_number":
                value = planted.id_number()
            elif kind == "phone":
                value = planted.mobile()
            else:
                continue
            if protected and kind in ("id_number", "phone"):
                planted.protected_numbers.add(value)
            container[key] = value


def hostile_rows(
    base: list[dict[str, Any]], count: int, seed: int, drawn: list[str], planted: Planted
) -> list[dict[str, Any]]:
    """``count`` rows made from ``base`` (new ids, hostile text, planted personal data)."""
    rng = random.Random(seed)
    atoms = [*ATOMS, *drawn]
    rows: list[dict[str, Any]] = []
    while len(rows) < count:
        if rows and rng.random() < 0.02:  # the same record again: a new version or unchanged
            rows.append(copy.deepcopy(rng.choice(rows)))
            continue
        row = copy.deepcopy(rng.choice(base))
        row["id"] = f"{row['id']}-F{len(rows)}"
        _plant_personal(row, planted)
        leaves = list(_leaves(row))
        for _ in range(rng.randint(1, 3)):
            path, old = rng.choice(leaves)
            roll = rng.random()
            if roll < 0.15:
                atom = f"{rng.choice(BESIDE)}{planted.id_number()}{rng.choice(BESIDE)}"
            elif roll < 0.3:
                atom = f"{rng.choice(BESIDE)}{planted.mobile()}{rng.choice(BESIDE)}"
            else:
                atom = rng.choice(atoms)
            how = rng.random()
            _set(row, path, atom if how < 0.5 else atom + old if how < 0.75 else old + atom)
        rows.append(row)
    return rows


# --- reading the outputs back ----------------------------------------------------------------


def _text(path: Path) -> str:
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8")
                for name in archive.namelist()
                if name.endswith((".xml", ".rels"))
            )
    if path.suffix in (".json", ".sarif"):
        # Re-dumped without ASCII escapes, so that a name is found however it was written.
        return json.dumps(_strict_json(path), ensure_ascii=False)
    return path.read_text(encoding="utf-8")


def _reject_constant(name: str) -> Any:
    raise AssertionError(f"{name} in JSON output")


def _strict_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), parse_constant=_reject_constant)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag} {name}={value}")


_NUMBER = re.compile(r"(?<!\d)(?:\d{17}[\dX]|1[3-9]\d{9})(?!\d)")
_NAME = re.compile(f"甄[{RARE}]{{3}}")


def _check_output(path: Path, audience: str, planted: Planted) -> list[str]:
    """What is wrong with one written file (empty: nothing)."""
    problems: list[str] = []
    text = _text(path)
    suffix = path.suffix
    if suffix == ".xml":
        ET.fromstring(path.read_bytes())
    if suffix == ".xlsx":
        if "<f>" in text or "<f " in text:
            problems.append("formula element")
        for sheet in openpyxl.load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        problems.append(f"formula cell {cell.coordinate}")
                    value = cell.value
                    if isinstance(value, str) and value.startswith(FORMULA_START):
                        problems.append(f"live text {value[:20]!r}")
    if suffix == ".md":
        parser = MarkdownIt("commonmark", {"html": True}).enable("table")
        parser.validateLink = lambda url: True  # type: ignore[method-assign]
        kinds = {
            child.type for token in parser.parse(text) for child in [token, *(token.children or ())]
        }
        problems += [
            f"markdown {kind}"
            for kind in {"link_open", "image", "html_inline", "html_block"} & kinds
        ]
    if suffix == ".html":
        elements = _Elements()
        elements.feed(text)
        problems += elements.bad
        problems += [f"<{tag}>" for tag in {"img", "iframe", "object", "embed"} & elements.tags]
    names = set(_NAME.findall(text)) | set(_NAME.findall(path.name))
    numbers = set(_NUMBER.findall(text)) | set(_NUMBER.findall(path.name))
    if audience != "internal":
        problems += [f"protected name {n}" for n in sorted(names & planted.protected_names)[:3]]
        problems += [
            f"protected number {n}" for n in sorted(numbers & planted.protected_numbers)[:3]
        ]
    if audience == "public":
        problems += [f"name {n}" for n in sorted(names & planted.public_names)[:3]]
        problems += [f"number {n}" for n in sorted(numbers & planted.numbers)[:3]]
    return [f"{audience} {path.name}: {problem}" for problem in problems]


def _esup(*args: str, ok: tuple[int, ...] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"esup {' '.join(args[:6])} raised {result.exception!r}")
    # With the output: an unexpected error is one line on stderr, the why of the failure.
    assert ok is None or result.exit_code in ok, (result.exit_code, output[-3000:])
    return result.exit_code, result.stdout


def run_hostile(
    seed: int,
    drawn: list[str],
    count: int = ROWS,
    backend: str = "sqlite",
    databases: BackendDatabases | None = None,
) -> None:
    """One example on ``backend`` (a server's database is emptied first: Hypothesis may run
    several examples in one test)."""
    base, town_dir = _TOWN[0]
    planted = Planted(random.Random(seed))
    rows = hostile_rows(base, count, seed, drawn, planted)
    as_of = json.loads((town_dir / ANSWER_KEY).read_text(encoding="utf-8"))["as_of"]
    with tempfile.TemporaryDirectory(prefix="esup-fuzz-") as tmp:
        work = Path(tmp)
        source = work / "hostile.jsonl"
        # A lone surrogate is written as the bytes a careless UTF-8 encoder makes of it (not
        # valid UTF-8): every other row is text as usual. Rows alternate between raw text and
        # JSON escapes, so both the undecodable line and an escaped "\udc80" are met.
        source.write_bytes(
            b"".join(
                json.dumps(row, ensure_ascii=index % 2 == 1).encode("utf-8", "surrogatepass")
                + b"\n"
                for index, row in enumerate(rows)
            )
        )
        db = str(work / "fuzz.sqlite")
        if backend != "sqlite":
            assert databases is not None
            server = databases.database(backend)
            server.reset()
            db = server.url_text
        common = ["--config", str(town_dir / CONFIG_FILE), "--db", db]
        _esup(*common, "init")
        _, out = _esup(*common, "import", str(source), "--json")
        report = json.loads(out)
        first = report[0] if isinstance(report, list) else report
        assert first["read"] == len(rows)
        assert first["new"] + first["updated"] + first["unchanged"] + first["rejected"] == len(rows)
        assert first["stored"] == first["new"] + first["updated"]
        with Store.open(db) as store, store.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(records)) == first["stored"]
        _, out = _esup(*common, "import", str(source), "--json")
        again = json.loads(out)
        again = again[0] if isinstance(again, list) else again
        # Rows sharing an id with other content (an id replaced by hostile text) are stored
        # again as new versions; everything else is unchanged or rejected again.
        assert again["read"] == len(rows)
        assert again["stored"] + again["unchanged"] + again["rejected"] == len(rows)
        assert again["rejected"] == first["rejected"]
        with Store.open(db) as store, store.engine.connect() as connection:
            total = connection.scalar(select(func.count()).select_from(records))
            assert total == first["stored"] + again["stored"]
        # Finished: clean, or with a rule's error on a subject (hostile data may break a rule).
        _esup(
            *common, "check", "--as-of", as_of, "--fail-on", "none", ok=(EXIT_OK, EXIT_RULE_ERRORS)
        )
        problems: list[str] = []
        for audience in AUDIENCES:
            for fmt in FORMATS:
                out_path = work / audience / (fmt if fmt == "notice" else f"report.{fmt}")
                out_path.parent.mkdir(parents=True, exist_ok=True)
                _esup(
                    *common,
                    "report",
                    "--format",
                    fmt,
                    "--audience",
                    audience,
                    "--out",
                    str(out_path),
                )
                written = sorted(out_path.iterdir()) if fmt == "notice" else [out_path]
                assert written, (audience, fmt)
                if fmt == "notice":
                    stems = [path.name for path in written]
                    assert len({s.casefold() for s in stems}) == len(stems)
                    assert all(s.isprintable() and "/" not in s and "\\" not in s for s in stems)
                for path in written:
                    problems += _check_output(path, audience, planted)
        assert not problems, problems[:20]


_DRAWN = st.lists(
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
    min_size=0,
    max_size=20,
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    # One example takes a minute: no shrinking (the seed and the drawn texts are printed).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 2**32 - 1), drawn=_DRAWN)
def test_hostile_rows_through_import_check_and_every_report(
    db_url: str,
    db_backend: str,
    backend_databases: BackendDatabases,
    seed: int,
    drawn: list[str],
) -> None:
    # db_url only to skip (or fail) when the backend's server cannot be used.
    del db_url
    if db_backend == "sqlite":
        run_hostile(seed, drawn)
    else:
        run_hostile(seed, drawn, SERVER_ROWS, db_backend, backend_databases)


@settings(
    max_examples=1,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 2**32 - 1))
def test_lone_surrogates_are_rejects(seed: int) -> None:
    run_hostile(seed, ["\udc80", "a\ud800b"], count=500)
