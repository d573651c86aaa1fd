"""Sphinx extension: every reference to the catalog in code and docs must resolve.

The project's specification lives in ``docs/catalog/`` (the rule catalog, counting, the
interpretation choices, worked examples, law in force). Code comments, docstrings, parameter
docs and guide pages refer to it as ``docs/catalog/<page>.md#<anchor>`` (or, inside ``docs/``,
by a relative Markdown link). At every build this extension scans the sources and warns —
an error under ``sphinx-build -W`` — when

- a reference names a page or an anchor that does not exist, or
- a text still cites the domain catalog the project started from (``rules.md §…``,
  ``catalog §…``, ``examples.md``, ``calendar.md``, ``../shared``), which a reader of the
  project cannot follow.

Anchors are MyST targets ``(name)=``, HTML ``id="name"`` attributes and heading slugs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.util import logging

_log = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parents[2]
#: Where references may appear.
_SCAN = (
    ("src", ("*.py", "*.toml", "*.md", "*.j2")),
    ("plugins", ("*.py", "*.toml", "*.md")),
    ("tests", ("*.py", "*.toml")),
    ("docs", ("*.md", "*.py")),
    ("benchmarks", ("*.py",)),
)
#: This checker and its test quote bad references on purpose.
_SELF = frozenset({"docs/_ext/catalog_refs.py", "tests/test_catalog_refs.py"})
_SKIP_PARTS = {"_build", ".venv", "node_modules", "__pycache__", "rules"}

_ABSOLUTE = re.compile(r"docs/catalog/([a-z0-9-]+)\.md(?:#([a-z0-9][a-z0-9-]*))?")
_RELATIVE = re.compile(r"\]\(((?:\.\./)*(?:catalog/)?)([a-z0-9-]+)\.md(?:#([a-z0-9][a-z0-9-]*))?\)")
_STALE = re.compile(
    r"(?<![\w/.-])(?:rules\.md|examples\.md|calendar\.md)(?!\w)|catalog\s*§|\.\./shared"
)
_TARGET = re.compile(r"^\(([a-z0-9][a-z0-9_-]*)\)=\s*$", re.M)
_HTML_ID = re.compile(r'\bid="([a-z0-9][a-z0-9_-]*)"')
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)


def _slug(title: str) -> str:
    text = re.sub(r"[`*_]", "", title).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return re.sub(r"\s+", "-", text)


def anchors_of(text: str) -> set[str]:
    """Every anchor a Markdown page defines."""
    found = set(_TARGET.findall(text)) | set(_HTML_ID.findall(text))
    found |= {_slug(title) for title in _HEADING.findall(text)}
    return found


def _files(root: Path) -> Iterator[Path]:
    for folder, patterns in _SCAN:
        base = root / folder
        for pattern in patterns:
            for path in base.rglob(pattern):
                rel = path.relative_to(root)
                if _SKIP_PARTS.intersection(rel.parts[1:-1]) or rel.parts[:2] == ("docs", "rules"):
                    continue
                yield path


def check_references(root: Path = _ROOT, skip: tuple[str, ...] = ()) -> list[tuple[str, int, str]]:
    """``(file, line, problem)`` for every catalog reference that does not resolve.

    ``skip`` lists regular expressions of paths (relative to the repository) not checked.
    """
    skipped = [re.compile(pattern) for pattern in skip]
    catalog = root / "docs" / "catalog"
    pages = {p.stem: anchors_of(p.read_text(encoding="utf-8")) for p in catalog.glob("*.md")}
    problems: list[tuple[str, int, str]] = []
    for path in sorted(set(_files(root))):
        rel = path.relative_to(root).as_posix()
        if rel in _SELF or any(s.search(rel) for s in skipped):
            continue
        in_catalog = rel.startswith("docs/catalog/")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            refs = [(m.group(1), m.group(2)) for m in _ABSOLUTE.finditer(line)]
            if rel.startswith("docs/"):
                for m in _RELATIVE.finditer(line):
                    prefix, page, anchor = m.group(1), m.group(2), m.group(3)
                    if (in_catalog and not prefix) or "catalog/" in prefix:
                        refs.append((page, anchor))
            for page, anchor in refs:
                if page not in pages:
                    problems.append((rel, number, f"no catalog page docs/catalog/{page}.md"))
                elif anchor and anchor not in pages[page]:
                    problems.append((rel, number, f"no anchor #{anchor} on docs/catalog/{page}.md"))
            stripped = _ABSOLUTE.sub("", line)
            if in_catalog:
                stripped = _RELATIVE.sub("", stripped)
            stale = _STALE.search(stripped)
            if stale:
                problems.append(
                    (
                        rel,
                        number,
                        f"cites {stale.group(0)!r}, which the project does not have: "
                        "refer to a page of docs/catalog/ instead",
                    )
                )
    return problems


def _check(app: Any) -> None:
    for rel, number, problem in check_references(skip=tuple(app.config.catalog_refs_skip)):
        _log.warning("%s:%d: %s", rel, number, problem)


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("catalog_refs_skip", [], "env")
    app.connect("builder-inited", _check)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
