"""The ``esup`` command line.

Thin by design: each command parses its options, calls the public Python API and prints.
Errors the library raises on purpose (:class:`~enforcement_supervision.errors.EsupError`) are
printed as one clear line and exit with status 2; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

from enforcement_supervision.cli._main import main

__all__ = ["main"]
