"""structlog set-up: JSON lines when not on a terminal, readable output on a terminal.

Personal data never reaches the log: a processor drops or masks values under keys that are
known to hold it, and values that look like PRC resident ID numbers or mobile phone numbers.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

__all__ = ["configure_logging", "get_logger", "scrub_personal_data"]

_PERSONAL_KEYS = frozenset(
    {
        "id_number",
        "id_no",
        "phone",
        "mobile",
        "party_name",
        "reporter",
        "reporter_name",
        "reporter_id",
        "petitioner",
        "petitioner_name",
        "name",
        "address",
    }
)
_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def _scrub_text(text: str) -> str:
    return _MOBILE.sub("[phone]", _ID_NUMBER.sub("[id-number]", text))


def scrub_personal_data(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: mask personal data in every event before it is rendered."""
    for key in list(event_dict):
        value = event_dict[key]
        if key in _PERSONAL_KEYS:
            event_dict[key] = "[redacted]"
        elif isinstance(value, str):
            event_dict[key] = _scrub_text(value)
    return event_dict


def configure_logging(*, json: bool | None = None, level: int = logging.INFO) -> None:
    """Configure structlog for the process.

    ``json=None`` chooses JSON lines when stderr is not a terminal and coloured, readable
    lines when it is. Logs go to stderr so that command output on stdout stays clean.
    """
    if json is None:
        json = not sys.stderr.isatty()
    renderer: Any = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if json
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            scrub_personal_data,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )


def get_logger(name: str) -> Any:
    """A structlog logger bound to ``name`` (the module's ``__name__``)."""
    return structlog.get_logger(name)
