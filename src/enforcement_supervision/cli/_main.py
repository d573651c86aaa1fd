"""The root ``esup`` group; sub-commands live in their own modules and are added here."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click
from sqlalchemy.exc import StatementError

from enforcement_supervision._logging import configure_logging
from enforcement_supervision._version import __version__
from enforcement_supervision.cli._common import (
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    AppContext,
    Choice,
    EsupGroup,
)
from enforcement_supervision.cli._i18n import LANG_ENV, apply_help, detect_lang, language
from enforcement_supervision.errors import EsupError

#: Root options that take a value (to find ``--lang`` before click parses the command line).
_VALUE_OPTIONS = ("--config", "--db", "--lang")


def _one_line(error: BaseException) -> str:
    """What an unexpected error says, in one line, without the SQL statement or its
    parameters (a database error's own message names what failed; the values being written
    — party names — must not reach a terminal or a log)."""
    if isinstance(error, StatementError):
        cause = error.orig if error.orig is not None else error
        text = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
        name = type(cause).__name__
    else:
        text = str(error).strip().splitlines()[0] if str(error).strip() else ""
        name = type(error).__name__
    if len(text) > _MAX_LINE:
        text = text[:_MAX_LINE] + "…"
    return f"{name}: {text}" if text else name


_MAX_LINE = 300


class _EsupGroup(EsupGroup):
    """The root group: the language of help and of click's messages is chosen before parsing;
    library errors become one line and a documented exit status, any other error one line
    and exit status 5 (``--debug``: the traceback)."""

    def main(self, args: Any = None, *pos: Any, **kwargs: Any) -> Any:
        argv = [str(arg) for arg in (sys.argv[1:] if args is None else args)]
        lang = detect_lang(argv, _VALUE_OPTIONS)
        with language(lang):
            apply_help(self, lang)
            return super().main(argv, *pos, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EsupError as error:
            app = ctx.find_object(AppContext)
            if app is not None and app.debug:
                raise
            lang = app.lang if app is not None else "zh"
            click.echo(f"esup: {error.message(lang)}", err=True)
            ctx.exit(getattr(error, "exit_status", EXIT_USAGE))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:
            app = ctx.find_object(AppContext)
            if app is not None and app.debug:
                raise
            lang = app.lang if app is not None else "zh"
            lead = "意外错误" if lang == "zh" else "unexpected error"
            hint = "（--debug 显示详情）" if lang == "zh" else " (--debug shows the traceback)"
            click.echo(f"esup: {lead}: {_one_line(error)}{hint}", err=True)
            ctx.exit(EXIT_UNEXPECTED)


@click.group(cls=_EsupGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="esup")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="ESUP_CONFIG",
    help="Configuration file (TOML). Default: ./esup.toml when it exists. Env: ESUP_CONFIG.",
)
@click.option(
    "--db",
    "db_url",
    envvar="ESUP_DB",
    help="Database URL or SQLite file path. Default: from the configuration, else "
    "./esup.sqlite. Env: ESUP_DB.",
)
@click.option(
    "--lang",
    type=Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    envvar=LANG_ENV,
    help="Language of messages and of --help (zh: Chinese, en: English). Env: ESUP_LANG.",
)
@click.option("--json-logs/--no-json-logs", default=None, help="Force JSON log lines on stderr.")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="More log output on stderr: -v for progress events, -vv for debugging. "
    "Default: warnings and errors only.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(
    ctx: click.Context,
    config_path: Path | None,
    db_url: str | None,
    lang: str,
    json_logs: bool | None,
    verbose: int,
    debug: bool,
) -> None:
    """esup — administrative law-enforcement supervision (行政执法监督).

    Import enforcement records, count statutory deadlines, run rule checks and follow
    findings until they are rectified. Run ``esup COMMAND --help`` for each command.
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    configure_logging(json=json_logs, level=logging.DEBUG if debug else level)
    ctx.obj = AppContext(config_path=config_path, db_url=db_url, lang=lang, debug=debug)


def _register() -> None:
    # Sub-command modules are imported here, not at the top, so that the group exists first and
    # each module stays importable on its own.
    from enforcement_supervision.cli import _commands

    for command in _commands.all_commands():
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
