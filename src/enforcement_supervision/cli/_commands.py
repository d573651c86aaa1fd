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
    from enforcement_supervision.cli import _time_commands as time

    commands += [time.deadline_command, time.calendar_command]
    from enforcement_supervision.cli import _plugin_commands as plugins

    commands += [plugins.plugins_group, plugins.rules_group]
    from enforcement_supervision.cli import _check_commands as check

    commands += [check.check_command, check.findings_group, check.runs_group]
    # Importing it adds the follow-through verbs to the ``findings`` group.
    from enforcement_supervision.cli import _followup_commands as followup

    commands += [followup.baseline_group, followup.supervision_group]
    from enforcement_supervision.cli import _clocks_commands as clocks

    commands += [clocks.clocks_group]
    from enforcement_supervision.cli import _schedule_commands as schedule

    commands += [schedule.schedule_group]
    from enforcement_supervision.cli import _report_commands as report

    commands += [report.report_command]
    from enforcement_supervision.cli import _config_commands as configuration

    commands += [configuration.config_group]
    return commands
