"""``esup init``, ``import``, ``export``, ``records`` and ``schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from enforcement_supervision.cli._common import (
    EXIT_REJECTS,
    AppContext,
    Choice,
    EsupGroup,
    db_url_for,
    json_option,
    open_store,
    print_json,
    sqlite_path,
)
from enforcement_supervision.cli._i18n import say
from enforcement_supervision.ingest import (
    BUILTIN_MAPPINGS,
    EXPORT_FORMATS,
    ImportFileError,
    export_jsonl,
    export_records,
    import_file,
)
from enforcement_supervision.ingest._import import FORMATS
from enforcement_supervision.model import RECORD_TYPES, json_schema, unstructure_record
from enforcement_supervision.store import Store

__all__ = [
    "export_command",
    "import_command",
    "init_command",
    "records_group",
    "schema_command",
]

_TYPE_CHOICE = Choice(sorted(RECORD_TYPES))


@click.command("init")
@json_option()
@click.pass_obj
def init_command(app: AppContext, as_json: bool) -> None:
    """Create the database (or migrate it to the latest schema) and print where it is."""
    store = open_store(app, create=True)
    if as_json:
        print_json({"database": store.url, "schema_revision": store.current_revision()})
        return
    click.echo(f"database: {store.url}")
    click.echo(f"schema revision: {store.current_revision()}")


def _import_store(app: AppContext, dry_run: bool) -> Store | None:
    """The store to import into; for a dry run, the existing one or none (nothing created)."""
    if not dry_run:
        return open_store(app, create=True)
    path = sqlite_path(db_url_for(app))
    if path is not None and not path.exists():
        return None
    return open_store(app, migrate=False)


def _worker_threshold(path: Path) -> int:
    """File size above which ``esup import`` validates in 2 worker processes: 4 MB, or
    512 kB for a spreadsheet (compressed: 512 kB of XLSX is about 3,000 rows of 40 columns,
    which the workers then read from the sheet themselves)."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        return 512 << 10
    return 4 << 20


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--type",
    "record_type",
    type=_TYPE_CHOICE,
    metavar="TYPE",
    help="Record type of every row (esup schema --list) "
    "(CSV/XLSX without --mapping; JSON Lines rows may carry their own record_type).",
)
@click.option(
    "--format",
    "fmt",
    type=Choice(list(FORMATS)),
    help="Input format (xlsx also reads .xls and .ods). Default: from the file name.",
)
@click.option(
    "--mapping",
    help="Column mapping (CSV/XLSX): a first-party name ("
    + ", ".join(BUILTIN_MAPPINGS)
    + ") or a TOML file. Default: the model's Chinese labels.",
)
@click.option(
    "--column-map",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Older name of --mapping (a TOML file).",
)
@click.option("--sheet", help="Spreadsheet sheet: name or number from 1 (default: the first).")
@click.option(
    "--header-row",
    type=click.IntRange(min=1),
    help="Row (from 1) holding the headers. Default: found by matching known headers.",
)
@click.option(
    "--encoding",
    help="Text encoding of CSV/text files (utf-8, gb18030, gbk, utf-16 ...). "
    "Default: detected (BOM, UTF-8, then GB18030).",
)
@click.option("--dry-run", is_flag=True, help="Validate and report; store nothing.")
@json_option(
    "Print the summary as JSON Lines: one object per file (docs/reference/json-output.md)."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that validate rows (default: 2 for files over 4 MB, spreadsheets "
    "over 512 kB, else 1).",
)
@click.pass_obj
def import_command(
    app: AppContext,
    paths: tuple[Path, ...],
    record_type: str | None,
    fmt: str | None,
    mapping: str | None,
    column_map: Path | None,
    sheet: str | None,
    header_row: int | None,
    encoding: str | None,
    dry_run: bool,
    as_json: bool,
    workers: int | None,
) -> None:
    """Import records from JSON Lines, CSV (UTF-8, GBK/GB18030, UTF-16) or spreadsheets
    (XLSX, XLS, ODS).

    Valid rows are stored; invalid rows are written to PATH.rejects.jsonl beside the input
    with their line numbers and reasons. Importing the same file again stores nothing new;
    a changed record gets a new version. Creates the database if it does not exist (except
    with --dry-run).

    \b
    Exit status: 0 every row stored or unchanged (or, with --dry-run, valid); 4 some rows
    rejected (see the rejects file; the other rows were stored); 2 an input could not be
    read at all (missing file, unknown format, type or mapping, undecodable text, no header
    row, unknown columns): nothing of that file was stored.
    """
    store = _import_store(app, dry_run)
    any_rejected = False
    for path in paths:
        chosen = workers
        if chosen is None:
            chosen = 2 if path.is_file() and path.stat().st_size > _worker_threshold(path) else 1
        report = import_file(
            store,
            path,
            record_type=record_type,
            fmt=fmt,
            mapping=mapping,
            column_map=column_map,
            sheet=sheet,
            header_row=header_row,
            encoding=encoding,
            dry_run=dry_run,
            workers=chosen,
        )
        if report.rejected:
            any_rejected = True
        if as_json:
            click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
            continue
        would = "would be " if dry_run else ""
        click.echo(
            f"{path}: {report.rows_read} rows read, {report.put.inserted} {would}new, "
            f"{report.put.updated} {would}updated, {report.put.unchanged} unchanged, "
            f"{report.rejected} rejected" + (" (dry run: nothing stored)" if dry_run else "")
        )
        for reject in report.rejects[:10]:
            click.echo(f"  {reject.summary(app.lang)}", err=True)
        if report.rejected > 10:
            click.echo(f"  … {report.rejected - 10} more", err=True)
        if report.rejects_path is not None:
            click.echo(f"  rejects: {report.rejects_path}")
    if not as_json:
        click.echo(f"database: {store.url if store is not None else db_url_for(app)}")
    if any_rejected:
        sys.exit(EXIT_REJECTS)


@click.command("export")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output; required for xlsx).",
)
@click.option(
    "--format",
    "fmt",
    type=Choice(list(EXPORT_FORMATS)),
    help="jsonl (re-importable), xlsx (a sheet per record type, Chinese headers, real date "
    "cells) or csv (one record type). Default: from --out's name, else jsonl.",
)
@click.option(
    "--type",
    "record_type",
    type=_TYPE_CHOICE,
    metavar="TYPE",
    help="Only this record type (esup schema --list).",
)
@click.option("--agency", "agency_id", help="Only records of this agency id.")
@click.option(
    "--encoding",
    default="gb18030",
    show_default=True,
    help="Encoding of a CSV export (gb18030 opens in Chinese Excel; utf-8-sig also works).",
)
@json_option(
    "With --out, print the summary as JSON (without --out the JSON Lines records are the output)."
)
@click.pass_obj
def export_command(
    app: AppContext,
    out: Path | None,
    fmt: str | None,
    record_type: str | None,
    agency_id: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Export the current version of stored records: JSON Lines, XLSX or CSV.

    XLSX and CSV use the model's Chinese labels as headers; `esup import --type TYPE`
    (with --sheet for an XLSX of several record types) reads them back into the very same
    records.
    """
    if fmt is None:
        suffix = out.suffix.lower() if out is not None else ""
        fmt = {".xlsx": "xlsx", ".csv": "csv"}.get(suffix, "jsonl")
    store = open_store(app, migrate=False)
    if out is None:
        if fmt != "jsonl":
            raise ImportFileError(
                "XLSX/CSV 导出需要 --out 文件", "an XLSX or CSV export needs --out FILE"
            )
        export_jsonl(store, sys.stdout, record_type=record_type, agency_id=agency_id)
        return
    count = export_records(
        store, out, fmt=fmt, record_type=record_type, agency_id=agency_id, encoding=encoding
    )
    if as_json:
        print_json({"records": count, "out": str(out), "format": fmt})
        return
    click.echo(f"{count} records → {out}")


@click.group("records", cls=EsupGroup)
def records_group() -> None:
    """Look at stored records."""


@records_group.command("list")
@click.option(
    "--type",
    "record_type",
    type=_TYPE_CHOICE,
    metavar="TYPE",
    help="Only this record type (esup schema --list).",
)
@click.option("--agency", "agency_id", help="Only records of this agency id.")
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many rows.")
@click.option("--counts", is_flag=True, help="Only print how many records of each type.")
@json_option()
@click.pass_obj
def records_list(
    app: AppContext,
    record_type: str | None,
    agency_id: str | None,
    limit: int,
    counts: bool,
    as_json: bool,
) -> None:
    """List stored records (current versions): type, id, version, agency."""
    store = open_store(app, migrate=False)
    if counts:
        found = dict(sorted(store.count_records().items()))
        if as_json:
            print_json(found)
            return
        for name, count in found.items():
            click.echo(f"{name}\t{count}")
        return
    rows: list[dict[str, object]] = []
    for index, stored in enumerate(store.iter_records(record_type, agency_id=agency_id)):
        if index >= limit:
            click.echo("… (more; raise --limit)", err=True)
            break
        record = stored.record
        rows.append(
            {
                "record_type": record.record_type,
                "id": record.id,
                "version": stored.version,
                "agency_id": getattr(record, "agency_id", None),
            }
        )
    if as_json:
        print_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['record_type']}\t{row['id']}\tv{row['version']}\t{row['agency_id'] or '-'}"
        )


@records_group.command("show")
@click.argument("record_type", type=_TYPE_CHOICE, metavar="TYPE")
@click.argument("record_id")
@click.option("--version", type=int, help="A past version (default: the current one).")
@click.option("--history", is_flag=True, help="List every stored version.")
@json_option("Print JSON (the record is always JSON; --history then lists versions as JSON).")
@click.pass_obj
def records_show(
    app: AppContext,
    record_type: str,
    record_id: str,
    version: int | None,
    history: bool,
    as_json: bool,
) -> None:
    """Show one stored record as JSON."""
    store = open_store(app, migrate=False)
    if history:
        versions = store.record_history(record_type, record_id)
        if as_json:
            print_json(
                [
                    {
                        "version": stored.version,
                        "content_hash": stored.content_hash,
                        "imported_at": stored.imported_at.isoformat(),
                        "source": stored.source,
                        "current": stored.is_current,
                    }
                    for stored in versions
                ]
            )
            return
        for stored in versions:
            current = " (current)" if stored.is_current else ""
            click.echo(
                f"v{stored.version}\t{stored.content_hash[:12]}\t"
                f"{stored.imported_at.isoformat()}\t{stored.source or '-'}{current}"
            )
        return
    found = store.get_record(record_type, record_id, version=version)
    if found is None:
        raise click.ClickException(
            say(
                f"没有编号为 {record_id!r} 的 {record_type} 记录",
                f"no {record_type} with id {record_id!r}",
            )
        )
    payload = {
        "record_type": record_type,
        "version": found.version,
        **unstructure_record(found.record),
    }
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@click.command("schema")
@click.argument("record_type", type=_TYPE_CHOICE, required=False, metavar="[TYPE]")
@click.option("--list", "list_types", is_flag=True, help="List the record types.")
@json_option("Print the list of record types as JSON (a schema is always JSON).")
def schema_command(record_type: str | None, list_types: bool, as_json: bool) -> None:
    """Print the JSON Schema of a record type (for validating JSON Lines input)."""
    if list_types or record_type is None:
        if as_json:
            print_json(sorted(RECORD_TYPES))
            return
        for name in sorted(RECORD_TYPES):
            click.echo(name)
        return
    click.echo(json.dumps(json_schema(record_type), ensure_ascii=False, indent=2))
