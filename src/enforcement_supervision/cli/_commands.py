"""The list of sub-commands, in the order ``esup --help`` shows them."""

from __future__ import annotations

import click


def all_commands() -> list[click.Command]:
    from enforcement_supervision.cli import _data_commands as data

    commands: list[click.Command] = [
        data.init_command,
        data.import_command,
        data.export_command,
        data.records_group,
        data.schema_command,
    ]
    return commands
