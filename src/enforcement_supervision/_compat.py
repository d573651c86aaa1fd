"""Old import paths kept for one release: a module-level ``__getattr__`` that still resolves a
moved or renamed name and warns (upgrades must not break plugins on the day they happen)."""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["moved_names"]


def moved_names(module: str, moved: Mapping[str, str]) -> Callable[[str], Any]:
    """A ``__getattr__`` for ``module``: ``moved`` maps an old name to ``"new.module:Name"``.

    The warning names the new path, so the fix is one edit; the value is the same object.
    """

    def __getattr__(name: str) -> Any:
        target = moved.get(name)
        if target is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        new_module, _, new_name = target.partition(":")
        warnings.warn(
            f"{module}.{name} is deprecated and will be removed in the next release; "
            f"import {new_name} from {new_module}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(new_module), new_name)

    return __getattr__
