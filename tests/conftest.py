"""Fixtures shared by every test folder: the database backends (see ``tests/_backends.py``)."""

from __future__ import annotations

import pytest

from tests._backends import BACKENDS, backend_databases, db_backend, db_url, server_db

__all__ = ["backend_databases", "db_backend", "db_url", "server_db"]


def pytest_report_header(config: pytest.Config) -> str:
    return f"esup database backends: {', '.join(BACKENDS)} (ESUP_TEST_BACKENDS)"
