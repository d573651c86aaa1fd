"""Frozen stores and the digests of every report rendered from them, so that work on the
speed of reports can prove its output unchanged, byte for byte.

The stores are SQLite snapshots (``data/golden/*.sqlite.gz``: the run ids and timestamps of
a check differ on every build, so the stores themselves are frozen, not rebuilt):

* ``sample``: the sample township, checked with the installed rule packs (``make demo``);
* ``pii``: the PII township of ``conftest`` (names, ID and phone numbers everywhere, the
  whole follow-through);
* ``bench``: a few hundred findings made the way ``benchmarks/bench_reports.py`` makes its
  150,000 (reporters, parties, ID and phone numbers; notified and waived findings).

``digests`` renders every format for every audience (and the internal one in English) from a
store with a fixed clock and salt and returns ``{case/file: sha256}``; for the zip formats
(XLSX, .docx) the digest is over the members' names and contents, not the zip's own bytes.

Regenerate (only from code whose output is known good, e.g. ``main``)::

    python -m tests.reports.golden --regenerate
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import shutil
import sys
import tomllib
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from enforcement_supervision._host import PluginManager
from enforcement_supervision.config import Config
from enforcement_supervision.reports import FORMATS, build_report_data, render
from enforcement_supervision.store import Store

DATA = Path(__file__).parent / "data" / "golden"
EXPECTED = DATA / "digests.json"
STORES = ("sample", "pii", "bench")
NOW = datetime(2026, 1, 10, 3, 4, 5, tzinfo=UTC)
SALT = "golden-salt"
#: (audience, lang) of each rendering.
VIEWS = (("internal", "zh"), ("agency", "zh"), ("public", "zh"), ("internal", "en"))
_ZIPPED = (".xlsx", ".docx")


def _bench_module() -> Any:
    path = Path(__file__).parents[2] / "benchmarks" / "bench_reports.py"
    spec = importlib.util.spec_from_file_location("_golden_bench_reports", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sample_config() -> Config:
    from enforcement_supervision import sample

    return Config(data=tomllib.loads(sample.township_config(sample.generate_township())))


def setup(name: str) -> tuple[Config, PluginManager | None]:
    """The configuration and plugin manager each store's reports are built with."""
    if name == "sample":
        return _sample_config(), None
    if name == "pii":
        from tests.reports.conftest import pii_config, pii_manager

        return pii_config(), pii_manager()
    bench = _bench_module()
    return Config(data=bench.CONFIG), bench._manager()


def build_store(name: str, path: Path) -> None:
    """Build the store ``name`` afresh at ``path`` (for regeneration only)."""
    path.unlink(missing_ok=True)
    if name == "pii":
        from tests.reports.conftest import build_pii_store

        build_pii_store(path).close()
        return
    from enforcement_supervision.engine import run_check

    with Store.open(path) as store:
        if name == "sample":
            from enforcement_supervision.sample import generate_township

            township = generate_township()
            store.put_records(list(township))
            run_check(store, as_of=township.as_of, config=_sample_config())
            return
        bench = _bench_module()
        store.put_records([*bench._agencies(5), *bench._leads(400, 5)])
        run_check(store, as_of="2026-01-01", manager=bench._manager())
        bench._follow_through(store)


def open_copy(name: str, folder: Path) -> Path:
    """The frozen store ``name`` unpacked into ``folder``."""
    target = folder / f"{name}.sqlite"
    with gzip.open(DATA / f"{name}.sqlite.gz", "rb") as source, target.open("wb") as out:
        shutil.copyfileobj(source, out)
    return target


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    if path.suffix in _ZIPPED:
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                sha.update(member.encode() + b"\0")
                sha.update(archive.read(member) + b"\0")
    else:
        sha.update(path.read_bytes())
    return sha.hexdigest()


def digests(name: str, db: Path, out: Path) -> dict[str, str]:
    """Render every format of every view of the store at ``db`` into ``out``."""
    config, manager = setup(name)
    found: dict[str, str] = {}
    with Store.open(db) as store:
        for audience, lang in VIEWS:
            data = build_report_data(
                store,
                audience=audience,
                lang=lang,
                config=config,
                manager=manager,
                include_passed=True,
                salt=SALT,
                now=NOW,
            )
            for fmt in FORMATS:
                case = f"{name}/{audience}-{lang}/{fmt}"
                folder = out / case
                folder.mkdir(parents=True, exist_ok=True)
                target = folder if fmt == "notice" else folder / f"report.{fmt}"
                for path in sorted(render(fmt, data, target)):
                    found[f"{case}/{path.relative_to(folder)}"] = _digest(path)
    return found


def main() -> None:
    if "--regenerate" not in sys.argv:
        raise SystemExit("usage: python -m tests.reports.golden --regenerate")
    DATA.mkdir(parents=True, exist_ok=True)
    scratch = Path(sys.argv[sys.argv.index("--regenerate") + 1 :][0]) if len(sys.argv) > 2 else None
    work = scratch or Path("/tmp/esup-golden")
    work.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for name in STORES:
        db = work / f"{name}-built.sqlite"
        build_store(name, db)
        with db.open("rb") as source, gzip.open(DATA / f"{name}.sqlite.gz", "wb", 9) as out:
            shutil.copyfileobj(source, out)
        expected.update(digests(name, open_copy(name, work), work / "out"))
    EXPECTED.write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(expected)} digests written to {EXPECTED}")


if __name__ == "__main__":
    main()
