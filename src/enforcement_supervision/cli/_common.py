"""State shared by the CLI commands, and the documented exit statuses."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from enforcement_supervision.config import Config, load_config
from enforcement_supervision.errors import EsupError
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
    "Choice",
    "EsupGroup",
    "db_url_for",
    "json_option",
    "open_store",
    "print_json",
    "sqlite_path",
    "unknown_name",
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


_F = TypeVar("_F", bound=Callable[..., Any])

#: Where every command's JSON shape is documented (docs/reference/json-output.md).
JSON_HELP = "Print JSON instead of text (shapes: docs/reference/json-output.md)."


def json_option(help_text: str = JSON_HELP) -> Callable[[_F], _F]:
    """The one ``--json`` flag every command that prints data carries (parameter ``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help_text)


def print_json(data: Any) -> None:
    """Print one JSON document (UTF-8 text, not ``\\u`` escapes; dates as ISO strings)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def unknown_name(
    what_zh: str, what_en: str, name: str, known: Collection[str], *, option: str = ""
) -> EsupError:
    """The error for a name that is not one of ``known``, with the closest one suggested
    (``did you mean``); raise it, the root group prints it in the chosen language."""
    from enforcement_supervision.rules._disabled import did_you_mean

    hint_zh, hint_en = did_you_mean(name, known)
    where = f"{option} " if option else ""
    return EsupError(
        f"{where}没有名为 {name} 的{what_zh}{hint_zh}", f"{where}no {what_en} {name}{hint_en}"
    )


def _suggestion(name: str, known: Collection[str]) -> str:
    import difflib

    from enforcement_supervision.cli._i18n import tr

    close = difflib.get_close_matches(name, sorted(known), n=1)
    if not close:
        close = difflib.get_close_matches(name.lower(), sorted(k.lower() for k in known), n=1)
    if not close:
        return ""
    text = tr("Did you mean {possibility}?", possibility=repr(close[0]))
    # Chinese needs no space after the full stop before it.
    return text if text.startswith("是否") else " " + text


class EsupGroup(click.Group):
    """A command group whose unknown sub-command gets a "did you mean" on every click
    version, in the command line's language."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        from enforcement_supervision.cli._i18n import tr

        name = args[0]
        if (
            self.get_command(ctx, name) is None
            and not ctx.resilient_parsing
            and not name.startswith("-")
        ):
            raise click.UsageError(
                tr("No such command {name!r}.", name=name) + _suggestion(name, self.commands),
                ctx,
            )
        return super().resolve_command(ctx, args)


class Choice(click.Choice):  # type: ignore[type-arg]
    """``click.Choice`` whose error adds the closest choice: ``'S9' is not one of 's1', …
    Did you mean 's1'?`` (record types, formats, severities, categories …)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from enforcement_supervision.cli._i18n import tr

        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            # The same words on every click version, the choices as declared (click shows
            # them lower-cased when the choice ignores case), and the closest one.
            choices = [str(choice) for choice in self.choices]
            message = tr(
                "{value!r} is not one of {choices}.",
                value=value,
                choices=", ".join(repr(choice) for choice in choices),
            )
            hint = _suggestion(str(value), choices)
            raise click.BadParameter(message + hint, ctx=ctx, param=param) from None
