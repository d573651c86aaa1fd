"""The Jinja2 environment of the HTML reports (templates shipped as package data)."""

from __future__ import annotations

import functools

import jinja2

__all__ = ["environment"]


@functools.cache
def environment() -> jinja2.Environment:
    """Templates from ``enforcement_supervision/reports/templates``, HTML-autoescaped."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("enforcement_supervision.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
