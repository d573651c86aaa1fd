"""The configuration file (TOML).

One file configures a deployment: where the store is, extra holiday schedules, which plugins
load, rule parameters and schedules. Every section is optional. Lookup order for the file:
the ``--config`` option, the ``ESUP_CONFIG`` environment variable, then ``./esup.toml`` when
it exists; with none of them the built-in defaults apply.

Example::

    [store]
    url = "sqlite:///var/esup.sqlite"

    [calendar]
    schedule_files = ["calendar/2027.toml"]

    [plugins]
    block = ["some-plugin"]

    [rules."PEN-DECISION-90D"]
    agency_deadline_rollover = false
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.errors import ConfigurationError

__all__ = ["DEFAULT_CONFIG_NAME", "DEFAULT_DB_FILE", "Config", "load_config"]

DEFAULT_CONFIG_NAME = "esup.toml"
DEFAULT_DB_FILE = "esup.sqlite"


@attrs.frozen(kw_only=True)
class Config:
    """A parsed configuration file.

    ``path`` is the file it came from (``None`` for the built-in defaults); relative paths
    inside the file are resolved against ``base_dir``, the file's folder.
    """

    data: Mapping[str, Any] = attrs.field(factory=dict)
    path: Path | None = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def section(self, name: str) -> Mapping[str, Any]:
        """The table ``[name]``, or an empty mapping; a non-table value is an error."""
        value = self.data.get(name, {})
        if not isinstance(value, Mapping):
            raise ConfigurationError(
                f"配置文件 {self.path} 中的 [{name}] 必须是表（table）",
                f"[{name}] in {self.path} must be a table",
            )
        return value

    def resolve_path(self, value: str | Path) -> Path:
        """A path from the file, resolved against the file's folder."""
        path = Path(value)
        return path if path.is_absolute() else self.base_dir / path


def load_config(path: Path | None = None) -> Config:
    """Load the configuration from ``path``, ``$ESUP_CONFIG`` or ``./esup.toml``.

    A file named explicitly (argument or environment) must exist; the default file is optional.
    """
    explicit = path or (Path(os.environ["ESUP_CONFIG"]) if os.environ.get("ESUP_CONFIG") else None)
    candidate = explicit or Path.cwd() / DEFAULT_CONFIG_NAME
    if not candidate.exists():
        if explicit is not None:
            raise ConfigurationError(
                f"找不到配置文件：{candidate}", f"configuration file not found: {candidate}"
            )
        return Config()
    try:
        with candidate.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(
            f"配置文件 {candidate} 不是有效的 TOML：{error}",
            f"configuration file {candidate} is not valid TOML: {error}",
        ) from error
    return Config(data=data, path=candidate.resolve())
