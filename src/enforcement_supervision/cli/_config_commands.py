"""``esup config check``: validate a configuration file before a check trips over it."""

from __future__ import annotations

from pathlib import Path

import click

from enforcement_supervision.cli._common import (
    EXIT_USAGE,
    AppContext,
    EsupGroup,
    json_option,
    print_json,
)
from enforcement_supervision.config import load_config

__all__ = ["config_group"]


@click.group("config", cls=EsupGroup)
def config_group() -> None:
    """The configuration file (esup.toml)."""


@config_group.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@json_option()
@click.pass_obj
def config_check(app: AppContext, path: Path | None, as_json: bool) -> None:
    """Validate a configuration file: unknown sections and keys, values of the wrong type,
    unknown rule ids, parameters and packs, the store URL, the notice settings, schedules.

    PATH defaults to --config, then $ESUP_CONFIG, then ./esup.toml. Prints one line per
    problem, starting with its key path (rules.PEN-NOTICE.hearing_days).

    \b
    Exit status: 0 no errors (warnings may be printed); 2 errors.
    """
    from enforcement_supervision.cli._config_check import ERROR, check_config

    config = load_config(path) if path is not None else app.config()
    problems = check_config(config)
    errors = sum(1 for problem in problems if problem.severity == ERROR)
    shown = str(config.path) if config.path is not None else None
    if as_json:
        print_json(
            {
                "path": shown,
                "ok": errors == 0,
                "errors": errors,
                "warnings": len(problems) - errors,
                "problems": [problem.to_dict() for problem in problems],
            }
        )
    else:
        for problem in problems:
            click.echo(problem.line(app.lang))
        en = app.lang == "en"
        name = shown or (
            "(no configuration file: the defaults)" if en else "（无配置文件：默认设置）"
        )
        if errors:
            click.echo(
                f"{name}: {errors} error(s), {len(problems) - errors} warning(s)"
                if en
                else f"{name}：{errors} 处错误，{len(problems) - errors} 处警告",
                err=True,
            )
        else:
            click.echo(f"{name}: OK" if en else f"{name}：配置有效")
    if errors:
        raise click.exceptions.Exit(EXIT_USAGE)
