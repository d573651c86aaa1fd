"""The faster passes of ``people_text`` do what the regular expressions they stand for do."""

from __future__ import annotations

import random
import re
from typing import Any

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


def _described_by_fill(record_type: str, payload: Any, *, long: bool) -> str:
    """``describe`` as it was written before its templates were prepared once per type."""
    from enforcement_supervision.reports._people import _get, _shown
    from enforcement_supervision.reports.vocabulary import fill, record_terms

    terms = record_terms(record_type)
    for field in terms.numbers:
        number = payload.get(field)
        if number:
            return f"{terms.label}（{number}）" if long else str(number)
    templates = (terms.long + terms.short) if long else (terms.short + terms.long)
    for template in templates:
        found = fill(template, lambda path: _shown(_get(payload, path)))
        if found is not None:
            return found
    return terms.label


def test_descriptions_are_those_of_the_templates() -> None:
    from enforcement_supervision.model import unstructure_record
    from enforcement_supervision.reports._people import describe
    from enforcement_supervision.sample import generate_township

    seen = 0
    for record in generate_township():
        payload = unstructure_record(record)
        for long in (True, False):
            expected = _described_by_fill(record.record_type, payload, long=long)
            assert describe(record.record_type, payload, long=long) == expected
            # Fields missing or empty: the next template, else the label.
            for key in list(payload)[:6]:
                thinned = {**payload, key: ""}
                assert describe(record.record_type, thinned, long=long) == (
                    _described_by_fill(record.record_type, thinned, long=long)
                )
        seen += 1
    assert seen > 500


def test_tokens_are_those_of_the_first_pattern() -> None:
    first = re.compile(
        r"(?<![A-Za-z0-9_\-+./])[A-Za-z][A-Za-z0-9_\-+./]*[A-Za-z0-9]"
        r"|(?<![A-Za-z0-9])[A-Za-z](?![A-Za-z0-9])"
    )
    rng = random.Random(17)
    pieces = [*"aZb9_-+./ 中（", "LD-0001", "X", "S2", "a.b", "-a", "9a", "a-", "+x", "中A", ".Q"]
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert vocabulary._TOKEN.findall(text) == first.findall(text), repr(text)


def test_months_are_looked_for_again_only_after_dates() -> None:
    """``people_text`` looks for months only where it found "dddd-dd" before the dates were
    written out and still finds it after: what the date and month passes did regardless."""
    pieces = [*_PIECES, "2025-Q1", "2025Q4", "2025-06", "1999-2025Q2", "-Q3", "Q", "W", "-0"]
    rng = random.Random(17)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        value = vocabulary._ISO_DATE.sub(vocabulary._date, text)
        value = vocabulary._QUARTER.sub(
            lambda m: vocabulary.quarter_label(int(m.group(1)), int(m.group(2))), value
        )
        expected = vocabulary._ISO_MONTH.sub(vocabulary._month, value)
        # As people_text does it:
        dashed = "-" in text and vocabulary._has_year_dash(text)
        after = vocabulary._ISO_DATE.sub(vocabulary._date, text) if dashed else text
        again = dashed and vocabulary._has_year_dash(after)
        quartered = vocabulary._QUARTER.sub(
            lambda m: vocabulary.quarter_label(int(m.group(1)), int(m.group(2))), after
        )
        assert (
            vocabulary._ISO_MONTH.sub(vocabulary._month, quartered) if again else quartered
        ) == (expected), repr(text)
