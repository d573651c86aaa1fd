"""The faster passes of ``people_text`` do what the regular expressions they stand for do."""

from __future__ import annotations

import random
import re

from enforcement_supervision.reports import vocabulary

_PIECES = [
    *"aZ \t中文-1：（）/\n0٣",
    "\u2190",
    "\u21ff",
    "\u2e7f",
    "\u2e80",
    "\u9fff",
    "\ua000",
    "\uf8ff",
    "\uf900",
    "\ufaff",
    "\ufb00",
    "\u3000",
    "\u303f",
    "\uff00",
    "\uffef",
    "\ufff0",
    "  ",
    "\t\t ",
    "2025",
    "12",
    "--",
    "LD-0001",
    "2025-06-01",
]


def _texts(count: int) -> list[str]:
    rng = random.Random(16)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_spaces_are_removed_as_the_pattern_removes_them() -> None:
    for text in _texts(50_000):
        assert vocabulary._without_spaces(text) == vocabulary._SPACE.sub("", text), repr(text)


def test_year_dash_is_found_as_the_pattern_finds_it() -> None:
    pattern = re.compile(r"\d{4}-\d{2}")
    for text in _texts(50_000):
        assert vocabulary._has_year_dash(text) == bool(pattern.search(text)), repr(text)
