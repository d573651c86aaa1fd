"""The ``[clocks]`` thresholds and the ``--within`` horizons."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement_supervision.clocks import (
    ClockSettings,
    Thresholds,
    Within,
    WithinError,
    light_days,
    parse_within,
)
from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError

from .conftest import CALENDAR

D = dt.date


def test_rule_wins_over_category_over_default() -> None:
    settings = ClockSettings.from_config(
        Config(
            data={
                "clocks": {
                    "yellow_percent": 10,
                    "categories": {"inaction": {"yellow_working_days": 5}},
                    "rules": {"PEN-DECISION-90D": {"yellow_percent": 30}},
                }
            }
        )
    )
    assert settings.for_clock("X", None) == Thresholds(yellow_percent=10, yellow_working_days=3)
    assert settings.for_clock("X", "procedure,inaction") == Thresholds(
        yellow_percent=10, yellow_working_days=5
    )
    assert settings.for_clock("PEN-DECISION-90D", "inaction") == Thresholds(
        yellow_percent=30, yellow_working_days=3
    )
    assert ClockSettings.from_config(Config()).default == Thresholds()
    assert settings.digest != ClockSettings().digest


@pytest.mark.parametrize(
    "section",
    [
        {"yellow_percent": 120},
        {"yellow_working_days": -1},
        {"yellow_days": 3},
        {"rules": {"R": 3}},
    ],
)
def test_bad_thresholds_are_configuration_errors(section: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError):
        ClockSettings.from_config(Config(data={"clocks": section}))


def test_within() -> None:
    assert parse_within("5wd") == Within(5, working_days=True)
    assert parse_within("10d") == Within(10, working_days=False)
    # Five working days from the last day before the holiday: 10-09, 10, 11 (make-up), 13, 14.
    assert parse_within("5wd").last_day(D(2025, 9, 30), CALENDAR) == D(2025, 10, 14)
    with pytest.raises(WithinError):
        parse_within("5 weeks")


def test_a_short_period_is_yellow_from_its_start() -> None:
    days = light_days(
        unit="WD",
        period=3,
        start_date=D(2025, 10, 20),
        due_date=D(2025, 10, 23),
        calendar=CALENDAR,
        thresholds=Thresholds(),
    )
    assert (days.yellow_from, days.red_from) == (D(2025, 10, 20), D(2025, 10, 24))
