"""Shared fixtures: the bundled calendar in strict and in provisional mode."""

from __future__ import annotations

import pytest

from enforcement_supervision.statutory_time import StatutoryCalendar, default_calendar


@pytest.fixture(scope="session")
def cal() -> StatutoryCalendar:
    """The bundled calendar, strict mode."""
    return default_calendar()


@pytest.fixture(scope="session")
def pcal() -> StatutoryCalendar:
    """The bundled calendar, provisional mode."""
    return default_calendar(provisional=True)
