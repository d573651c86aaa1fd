"""``esup report``: render the stored findings as HTML, notices, XLSX, JSON, SARIF, JUnit or
Markdown (never by re-running rules)."""

from __future__ import annotations

from pathlib import Path

import click

from enforcement_supervision.cli._common import (
    AppContext,
    Choice,
    json_option,
    open_store,
    print_json,
)
from enforcement_supervision.cli._i18n import say
from enforcement_supervision.reports._clocks import REMINDER_TITLE

__all__ = ["report_command"]

# The list is repeated here (and checked against the library in the tests) so that
# ``esup --help`` does not import the reports package.
_FORMATS = ("html", "notice", "xlsx", "json", "sarif", "junit", "md")


@click.command("report")
@click.option(
    "--format",
    "fmt",
    type=Choice(_FORMATS),
    help="html: one self-contained page with charts; notice: 行政执法监督意见书 per agency "
    "(.docx + .html, --out is a directory); xlsx: the ledger (监督台账); json: the report "
    "document (schema: --schema); sarif: SARIF 2.1.0; junit: JUnit XML; md: Markdown summary.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    help="File to write (for --format notice: the directory that receives the notices).",
)
@click.option("--agency", "agency", metavar="AGENCY_ID", help="Only this agency's findings.")
@click.option(
    "--from",
    "date_from",
    metavar="YYYY-MM-DD",
    help="Only findings whose facts date (else the date found) is on or after this day.",
)
@click.option(
    "--to",
    "date_to",
    metavar="YYYY-MM-DD",
    help="Only findings whose facts date (else the date found) is on or before this day.",
)
@click.option(
    "--lang",
    "lang",
    type=Choice(["zh", "en"]),
    help="Language of the report. Default: the global --lang (zh).",
)
@click.option(
    "--audience",
    type=Choice(["internal", "agency", "public"]),
    default="internal",
    show_default=True,
    help="internal: everything; agency: reporters pseudonymised; public: also natural "
    "persons' names, ID and phone numbers and addresses masked.",
)
@click.option(
    "--compare",
    "compare",
    metavar="RUN_OR_DATE",
    help="Compare with the state after an earlier check: a run id (or its first characters) "
    "or a day YYYY-MM-DD (the last run evaluated on or before it): new, resolved, still open "
    "and overdue since then, by agency and category. Default: the last run a month or more "
    "before the report's day, if any; 'none' for no comparison.",
)
@click.option(
    "--schema",
    "print_schema",
    is_flag=True,
    help="Print the JSON Schema of the JSON report and exit.",
)
@json_option("Print what was written as JSON (the files, the number of findings).")
@click.pass_obj
def report_command(
    app: AppContext,
    fmt: str | None,
    out: Path | None,
    agency: str | None,
    date_from: str | None,
    date_to: str | None,
    lang: str | None,
    audience: str,
    compare: str | None,
    print_schema: bool,
    as_json: bool,
) -> None:
    """Render the stored findings as a report and print the paths written.

    Reads findings, their follow-through, the last run and the rules' metadata from the
    store; nothing is re-checked. Personal data is masked for --audience.

    \b
    Examples:
      esup report --format html --out var/report.html
      esup report --format notice --out var/notices --audience agency
      esup report --format sarif --out esup.sarif --lang en
      esup report --format html --out var/report.html --compare 2025-11-30
      esup report --schema > report.schema.json
    """
    from enforcement_supervision import reports

    if print_schema:
        click.echo(reports.report_schema_text(), nl=False)
        return
    if fmt is None or out is None:
        raise click.UsageError(
            say(
                "需要 --format 和 --out（或给出 --schema）",
                "--format and --out are required (or give --schema)",
            )
        )
    store = open_store(app, migrate=False)
    data = reports.build_report_data(
        store,
        agency=agency,
        date_from=date_from,
        date_to=date_to,
        lang=lang or app.lang,
        audience=audience,
        config=app.config(),
        include_passed=fmt == "junit",
        compare=compare,
    )
    paths = reports.render(fmt, data, out)
    en = (lang or app.lang) == "en"
    if as_json:
        print_json(
            {
                "format": fmt,
                "paths": [str(path) for path in paths],
                "findings": data.summary.total,
                "audience": audience,
                "lang": lang or app.lang,
            }
        )
        return
    if not paths:
        click.echo(
            "no active finding: no notice written"
            if en
            else "没有需要发出意见书的有效发现，未写出文件",
            err=True,
        )
    for path in paths:
        click.echo(str(path))
    limit = data.settings.html_max_findings
    if fmt == "html" and limit and data.summary.total > limit:
        click.echo(
            f"{data.summary.total} findings: the report is split by agency "
            f"(at most {limit} per page); {paths[0]} lists the parts"
            if en
            else f"共 {data.summary.total} 条发现，报告已按执法主体分册（每册至多 {limit} 条），"
            f"目录见 {paths[0]}",
            err=True,
        )
    addressed = sum(1 for key in data.summary.by_agency if key)
    # The reminder letters of early warning are written beside the notices.
    notices = sum(1 for path in paths if not path.name.startswith(REMINDER_TITLE)) // 2
    if fmt == "notice" and notices > addressed:
        limit = data.settings.notice_max_items
        click.echo(
            f"{notices} notices for {addressed} agencies: an agency with more than "
            f"{limit} matters gets one notice per month of the facts"
            if en
            else f"共 {notices} 份意见书、{addressed} 个执法主体：问题超过 {limit} 项的，"
            "已按事实发生月份分为多份",
            err=True,
        )
    if fmt in ("html", "notice"):
        click.echo(
            "Chinese fonts: the pages need a CJK font (e.g. fonts-wqy-microhei); the notices "
            "use FangSong/XiaoBiaoSong and fall back to SimSun or a serif font without them."
            if en
            else "字体提示：页面需安装中文字体（如 fonts-wqy-microhei 文泉驿微米黑）；意见书使用"
            "仿宋、小标宋，未安装时以宋体或衬线字体代替。",
            err=True,
        )
