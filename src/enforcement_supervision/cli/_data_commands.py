"""``esup init``, ``import``, ``export``, ``records`` and ``schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from enforcement_supervision.cli._common import EXIT_REJECTS, AppContext, open_store
from enforcement_supervision.ingest import export_jsonl, import_file
from enforcement_supervision.model import RECORD_TYPES, json_schema, unstructure_record

__all__ = [
    "export_command",
    "import_command",
    "init_command",
    "records_group",
    "schema_command",
]

_TYPE_CHOICE = click.Choice(sorted(RECORD_TYPES))


@click.command("init")
@click.pass_obj
def init_command(app: AppContext) -> None:
    """Create the database (or migrate it to the latest schema) and print where it is."""
    store = open_store(app)
    click.echo(f"database: {store.url}")
    click.echo(f"schema revision: {store.current_revision()}")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--type",
    "record_type",
    type=_TYPE_CHOICE,
    help="Record type of every row "
    "(required for CSV/XLSX; JSON Lines rows may carry their own record_type).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "xlsx"]),
    help="Input format. Default: from the file name.",
)
@click.option(
    "--column-map",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file mapping spreadsheet headers to fields (CSV/XLSX).",
)
@click.option("--sheet", help="XLSX sheet name (default: the first sheet).")
@click.pass_obj
def import_command(
    app: AppContext,
    paths: tuple[Path, ...],
    record_type: str | None,
    fmt: str | None,
    column_map: Path | None,
    sheet: str | None,
) -> None:
    """Import records from JSON Lines, CSV or XLSX files.

    Valid rows are stored; invalid rows are written to PATH.rejects.jsonl beside the input
    with their line numbers and reasons. Importing the same file again stores nothing new;
    a changed record gets a new version.

    \b
    Exit status: 0 every row stored or unchanged; 4 some rows rejected (see the rejects
    file; the other rows were stored); 2 the input could not be read at all.
    """
    store = open_store(app)
    any_rejected = False
    for path in paths:
        report = import_file(
            store, path, record_type=record_type, fmt=fmt, column_map=column_map, sheet=sheet
        )
        click.echo(
            f"{path}: {report.rows_read} rows read, {report.put.inserted} new, "
            f"{report.put.updated} updated, {report.put.unchanged} unchanged, "
            f"{report.rejected} rejected"
        )
        for reject in report.rejects[:10]:
            click.echo(f"  {reject.summary(app.lang)}", err=True)
        if report.rejected > 10:
            click.echo(f"  … {report.rejected - 10} more", err=True)
        if report.rejects_path is not None:
            click.echo(f"  rejects: {report.rejects_path}")
            any_rejected = True
    click.echo(f"database: {store.url}")
    if any_rejected:
        sys.exit(EXIT_REJECTS)


@click.command("export")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output).",
)
@click.option("--type", "record_type", type=_TYPE_CHOICE, help="Only this record type.")
@click.option("--agency", "agency_id", help="Only records of this agency id.")
@click.pass_obj
def export_command(
    app: AppContext, out: Path | None, record_type: str | None, agency_id: str | None
) -> None:
    """Export the current version of stored records as JSON Lines (re-importable)."""
    store = open_store(app, migrate=False)
    if out is None:
        export_jsonl(store, sys.stdout, record_type=record_type, agency_id=agency_id)
        return
    count = export_jsonl(store, out, record_type=record_type, agency_id=agency_id)
    click.echo(f"{count} records → {out}")


@click.group("records")
def records_group() -> None:
    """Look at stored records."""


@records_group.command("list")
@click.option("--type", "record_type", type=_TYPE_CHOICE, help="Only this record type.")
@click.option("--agency", "agency_id", help="Only records of this agency id.")
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many rows.")
@click.option("--counts", is_flag=True, help="Only print how many records of each type.")
@click.pass_obj
def records_list(
    app: AppContext, record_type: str | None, agency_id: str | None, limit: int, counts: bool
) -> None:
    """List stored records (current versions): type, id, version, agency."""
    store = open_store(app, migrate=False)
    if counts:
        for name, count in sorted(store.count_records().items()):
            click.echo(f"{name}\t{count}")
        return
    for index, stored in enumerate(store.iter_records(record_type, agency_id=agency_id)):
        if index >= limit:
            click.echo("… (more; raise --limit)", err=True)
            break
        record = stored.record
        agency = getattr(record, "agency_id", None) or "-"
        click.echo(f"{record.record_type}\t{record.id}\tv{stored.version}\t{agency}")


@records_group.command("show")
@click.argument("record_type", type=_TYPE_CHOICE)
@click.argument("record_id")
@click.option("--version", type=int, help="A past version (default: the current one).")
@click.option("--history", is_flag=True, help="List every stored version.")
@click.pass_obj
def records_show(
    app: AppContext, record_type: str, record_id: str, version: int | None, history: bool
) -> None:
    """Show one stored record as JSON."""
    store = open_store(app, migrate=False)
    if history:
        for stored in store.record_history(record_type, record_id):
            current = " (current)" if stored.is_current else ""
            click.echo(
                f"v{stored.version}\t{stored.content_hash[:12]}\t"
                f"{stored.imported_at.isoformat()}\t{stored.source or '-'}{current}"
            )
        return
    found = store.get_record(record_type, record_id, version=version)
    if found is None:
        raise click.ClickException(f"no {record_type} with id {record_id!r}")
    payload = {
        "record_type": record_type,
        "version": found.version,
        **unstructure_record(found.record),
    }
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@click.command("schema")
@click.argument("record_type", type=_TYPE_CHOICE, required=False)
@click.option("--list", "list_types", is_flag=True, help="List the record types.")
def schema_command(record_type: str | None, list_types: bool) -> None:
    """Print the JSON Schema of a record type (for validating JSON Lines input)."""
    if list_types or record_type is None:
        for name in sorted(RECORD_TYPES):
            click.echo(name)
        return
    click.echo(json.dumps(json_schema(record_type), ensure_ascii=False, indent=2))
