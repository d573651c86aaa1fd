"""State shared by the CLI commands, and the documented exit statuses."""

from __future__ import annotations

from pathlib import Path

import attrs

from enforcement_supervision.config import Config, load_config
from enforcement_supervision.store import Store, resolve_db_url

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_REJECTS",
    "EXIT_RULE_ERRORS",
    "EXIT_USAGE",
    "AppContext",
    "open_store",
]

EXIT_OK = 0
#: ``esup check``: findings at or above the ``--fail-on`` threshold.
EXIT_FINDINGS = 1
#: Usage, configuration or input error (one clear line on stderr).
EXIT_USAGE = 2
#: ``esup check``: a rule or plugin failed; the other rules' findings were stored.
EXIT_RULE_ERRORS = 3
#: ``esup import``: some records were rejected (listed in the rejects file); the rest were stored.
EXIT_REJECTS = 4


@attrs.define
class AppContext:
    """What the root command parsed; sub-commands read it with ``click.pass_obj``."""

    config_path: Path | None = None
    db_url: str | None = None
    lang: str = "zh"
    debug: bool = False
    _config: Config | None = None

    def config(self) -> Config:
        """The configuration file, loaded once per command."""
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config


def open_store(app: AppContext, *, migrate: bool = True) -> Store:
    """The store named by ``--db``/``$ESUP_DB``/``[store] url``/``./esup.sqlite``."""
    config_url = app.config().section("store").get("url")
    return Store.open(resolve_db_url(app.db_url, config_url), migrate=migrate)
