"""State shared by the CLI commands, and the documented exit statuses."""

from __future__ import annotations

from pathlib import Path

import attrs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from enforcement_supervision.config import Config, load_config
from enforcement_supervision.store import Store, StoreError, resolve_db_url

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_LOCKED",
    "EXIT_OK",
    "EXIT_REJECTS",
    "EXIT_RULE_ERRORS",
    "EXIT_UNEXPECTED",
    "EXIT_USAGE",
    "AppContext",
    "db_url_for",
    "open_store",
    "sqlite_path",
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
#: Any command: an unexpected error (one line on stderr; ``esup --debug`` shows the traceback).
EXIT_UNEXPECTED = 5
#: ``esup check``: another check held the check lock for the whole wait.
EXIT_LOCKED = 6


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


def _config_relative(config: Config, url: str | None) -> str | None:
    """``[store] url`` with a relative SQLite path resolved against the configuration file's
    folder (as documented), not against the working directory."""
    if url is None or config.path is None:
        return url
    text = str(url)
    if "://" not in text:
        return str(config.resolve_path(text))
    try:
        parsed = make_url(text)
    except ArgumentError:
        return text
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return text
    if database.startswith("file:") or Path(database).is_absolute():
        return text
    return parsed.set(database=str(config.resolve_path(database))).render_as_string(
        hide_password=False
    )


def db_url_for(app: AppContext) -> str:
    """The database URL: ``--db``/``$ESUP_DB`` (relative to the working directory), else
    ``[store] url`` of the configuration (relative to the file's folder), else
    ``./esup.sqlite``."""
    config = app.config()
    return resolve_db_url(app.db_url, _config_relative(config, config.section("store").get("url")))


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (``None`` for other databases and in-memory SQLite)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database)


def open_store(app: AppContext, *, migrate: bool = True, create: bool = False) -> Store:
    """The store named by ``--db``/``$ESUP_DB``/``[store] url``/``./esup.sqlite``.

    Only ``create=True`` (``esup init`` and the commands that store records: ``esup import``,
    the supervision recording commands) makes a SQLite database that does not exist yet; any
    other command says which file is missing and stops.
    """
    url = db_url_for(app)
    path = sqlite_path(url)
    if not create and path is not None and not path.exists():
        raise StoreError(
            f"数据库不存在：{path}（请先运行 esup init，或用 --db/--config 指定已有的数据库）",
            f"no database at {path} (run `esup init` first, or name an existing database "
            f"with --db or --config)",
        )
    return Store.open(url, migrate=migrate)
