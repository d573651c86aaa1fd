"""Logging: quiet as a library, structured in the CLI.

**As a library** (structlog's recommendation for libraries: log through the standard
library, configure nothing) nothing is printed: until the embedding program configures
structlog, the library's events go to standard-library loggers named after the modules
(``enforcement_supervision.engine._run`` …), under a package logger that has only a
:class:`logging.NullHandler`. An embedding program sees them by configuring ``logging``
(``logging.basicConfig(level=logging.INFO)``) or structlog (then they go through its
pipeline). **The CLI** calls :func:`configure_logging`: JSON lines when not on a terminal,
readable output on a terminal, always on standard error.

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


#: The package's logger: a NullHandler, so that Python's last-resort handler never prints
#: the library's warnings to standard error (the standard library's advice for libraries).
logging.getLogger("enforcement_supervision").addHandler(logging.NullHandler())

_stdlib_loggers: dict[str, Any] = {}


def _stdlib_logger(name: str) -> Any:
    logger = _stdlib_loggers.get(name)
    if logger is None:
        logger = structlog.wrap_logger(
            logging.getLogger(name),
            processors=[
                structlog.stdlib.filter_by_level,  # cheap when nobody listens
                scrub_personal_data,
                structlog.processors.KeyValueRenderer(key_order=["event"], sort_keys=True),
            ],
            wrapper_class=structlog.stdlib.BoundLogger,
        )
        _stdlib_loggers[name] = logger
    return logger


class _LibraryLogger:
    """A logger that follows the embedding program's choice at each call: structlog's
    pipeline once structlog is configured (the CLI, or an embedder using structlog), else
    the standard library's ``logging`` (silent unless configured)."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def _target(self) -> Any:
        if structlog.is_configured():
            return structlog.get_logger(self._name)
        return _stdlib_logger(self._name)

    def __getattr__(self, method: str) -> Any:
        return getattr(self._target(), method)


def get_logger(name: str) -> Any:
    """The library's logger for ``name`` (the module's ``__name__``): silent until the
    embedding program configures ``logging`` or structlog."""
    return _LibraryLogger(name)
