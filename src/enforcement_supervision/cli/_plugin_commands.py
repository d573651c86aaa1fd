"""``esup plugins list`` and ``esup rules list|show|test``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import click

from enforcement_supervision._host import (
    CaseReport,
    PluginManager,
    PluginStatus,
    RuleSettings,
    load_cases,
    load_plugins,
    run_cases,
    to_json_value,
)
from enforcement_supervision.cli._common import (
    AppContext,
    EsupGroup,
    json_option,
    unknown_name,
)
from enforcement_supervision.rules import Rule

__all__ = ["plugins_group", "rules_group"]

#: ``esup rules test``: a case failed, a case file is unreadable, or a rule lacks a flagging
#: or a non-flagging case.
EXIT_CASES_FAILED = 1


def _manager(app: AppContext) -> PluginManager:
    return load_plugins(app.config())


def _warn_plugin_errors(manager: PluginManager, app: AppContext) -> None:
    failed = [info.name for info in manager.plugins() if info.status is PluginStatus.ERROR]
    if failed:
        names = ", ".join(failed)
        click.echo(
            f"esup: 插件加载失败：{names}（详见 esup plugins list）"
            if app.lang == "zh"
            else f"esup: plugins failed to load: {names} (see esup plugins list)",
            err=True,
        )


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# --------------------------------------------------------------------------------------------
# esup plugins


@click.group("plugins", cls=EsupGroup)
def plugins_group() -> None:
    """Installed plugins (entry-point group ``enforcement_supervision``)."""


@plugins_group.command("list")
@json_option()
@click.pass_obj
def plugins_list(app: AppContext, as_json: bool) -> None:
    """List plugins: name, version, status (loaded, blocked, error), hooks, rules and, for a
    plugin that failed, why. A failing plugin never stops the others."""
    manager = _manager(app)
    infos = manager.plugins()
    if as_json:
        _dump([info.to_dict() for info in infos])
        return
    if not infos:
        click.echo("没有安装插件" if app.lang == "zh" else "no plugins installed")
        return
    for info in infos:
        version = f" {info.version}" if info.version else ""
        dist = (
            f" [{info.distribution}]"
            if info.distribution and info.distribution != info.name
            else ""
        )
        click.echo(f"{info.name}{version}{dist}: {info.status.value}")
        if info.hooks:
            click.echo(f"    hooks: {', '.join(info.hooks)}")
        if info.rule_ids:
            click.echo(f"    rules: {', '.join(info.rule_ids)}")
        if info.reason:
            click.echo(f"    reason: {info.reason}")
        if info.error:
            click.echo(f"    error: {info.error}")
        for warning in info.warnings:
            click.echo(f"    warning: {warning}")
        for error in info.hook_errors:
            click.echo(f"    hook error: {error}")


# --------------------------------------------------------------------------------------------
# esup rules


@click.group("rules", cls=EsupGroup)
def rules_group() -> None:
    """The rules contributed by the loaded plugins."""


def _title(rule: Rule, lang: str) -> str:
    return rule.title_en if lang == "en" else rule.title_zh


def _current_values(settings: RuleSettings | None, rule: Rule) -> dict[str, Any]:
    if settings is None:
        settings = RuleSettings.defaults(rule)
    parameters = settings.parameters
    out: dict[str, Any] = {}
    for name, parameter in parameters.items():
        out[name] = {
            "default": to_json_value(parameter.default),
            "values": [
                {"since": dated.since.isoformat(), "value": to_json_value(dated.value)}
                for dated in parameter.values
            ],
            "source": settings.sources.get(name) or "rule",
        }
    return out


@rules_group.command("list")
@json_option()
@click.option("--plugin", "plugin_name", help="Only the rules of this plugin.")
@click.pass_obj
def rules_list(app: AppContext, as_json: bool, plugin_name: str | None) -> None:
    """List the rules: id, severity, categories, title, legal basis and plugin."""
    manager = _manager(app)
    if plugin_name is not None:
        known = {rule.plugin or "" for rule in manager.rules()}
        known |= {rule.distribution or "" for rule in manager.rules()}
        if plugin_name not in known:
            raise unknown_name("插件", "plugin", plugin_name, known - {""}, option="--plugin")
    rules = [
        rule
        for rule in manager.rules()
        if plugin_name is None or rule.plugin == plugin_name or rule.distribution == plugin_name
    ]
    if as_json:
        settings = manager.rule_settings()
        _dump([{**rule.to_dict(), "enabled": settings[rule.id].enabled} for rule in rules])
    else:
        for rule in rules:
            basis = ("; " if app.lang == "en" else "；").join(
                b.cite(app.lang) for b in rule.legal_basis
            )
            click.echo(
                f"{rule.id:<28} {rule.severity.value}  {rule.categories_text():<28} "
                f"{_title(rule, app.lang)}  [{basis}]  ({rule.plugin})"
            )
        if not rules:
            click.echo("没有规则" if app.lang == "zh" else "no rules")
    _warn_plugin_errors(manager, app)


@rules_group.command("show")
@click.argument("rule_id")
@json_option()
@click.pass_obj
def rules_show(app: AppContext, rule_id: str, as_json: bool) -> None:
    """Show one rule: metadata, legal basis, parameters with their current values, docs."""
    manager = _manager(app)
    rule = manager.rule(rule_id)
    settings = manager.rule_settings().get(rule.id)
    if as_json:
        _dump(
            {
                **rule.to_dict(),
                "enabled": True if settings is None else settings.enabled,
                "current_parameters": _current_values(settings, rule),
            }
        )
        return
    lines = [
        f"{rule.id} (version {rule.version}, {rule.stability})",
        f"  {rule.title_zh}",
        f"  {rule.title_en}",
        f"severity:    {rule.severity.value} — {rule.severity.label(app.lang)}",
        f"categories:  {rule.categories_text()}",
        f"applies to:  {', '.join(rule.applies_to)}"
        + (f" (grouped by {rule.group_by.name})" if rule.group_by else ""),
        f"in force:    {rule.valid_from or '…'} – {rule.valid_to or '…'} (date of the facts)",
        f"waivable:    {'yes' if rule.waivable else 'no'}",
        f"plugin:      {rule.plugin} ({rule.distribution})",
    ]
    if settings is not None and not settings.enabled:
        lines.append("enabled:     no ([rules] configuration)")
    lines.append("legal basis:")
    for basis in rule.legal_basis:
        mark = f" [{basis.verification}]" if basis.verification else ""
        url = f" <{basis.url}>" if basis.url else ""
        lines.append(f"  {basis.cite('zh')} / {basis.cite('en')}{mark}{url}")
    if rule.parameters:
        lines.append("parameters:")
        parameters = settings.parameters if settings is not None else {}
        for declared in rule.parameters:
            current = parameters.get(declared.name, declared)
            unit = f" {declared.unit}" if declared.unit else ""
            source = settings.sources.get(declared.name) if settings is not None else None
            origin = f" (set by {source})" if source else ""
            kind = " [reading]" if declared.reading else ""
            pack = " [pack parameter]" if declared.shared else ""
            lines.append(
                f"  {declared.name}{kind}{pack} = {_show(current.default)}{unit}{origin}"
                + (f" — {current.source.cite(app.lang)}" if current.source else "")
            )
            for dated in current.values:
                cited = f" — {dated.source.cite(app.lang)}" if dated.source else ""
                lines.append(f"      since {dated.since}: {_show(dated.value)}{unit}{cited}")
            if declared.doc:
                lines.append(f"      {declared.doc}")
    if rule.messages:
        lines.append("messages:")
        for kind_name, message in rule.messages.items():
            severity = f" [{message.severity.value}]" if message.severity else ""
            lines.append(f"  {kind_name}{severity}")
            lines.append(f"      zh: {message.zh}")
            lines.append(f"      en: {message.en}")
            if message.articles:
                cited = "; ".join(basis.cite(app.lang) for basis in message.articles)
                lines.append(f"      cites: {cited}")
    if rule.township_wide:
        lines.append("township-wide: findings need no agency (the township's own office)")
    docs = rule.docs.to_markdown(heading_level=3)
    if docs:
        lines.append("")
        lines.append(docs)
    click.echo("\n".join(lines))


def _show(value: Any) -> str:
    converted = to_json_value(value)
    return converted if isinstance(converted, str) else json.dumps(converted, ensure_ascii=False)


@rules_group.command("new")
@click.argument("name")
@click.option(
    "--dir",
    "parent",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The folder in which the pack's folder NAME is made.",
)
@json_option()
@click.pass_obj
def rules_new(app: AppContext, name: str, parent: Path, as_json: bool) -> None:
    """Make a new rule-pack plugin in DIR/NAME: pyproject.toml with the entry point, one
    example rule on message templates with its citation and cases, tests and a README.

    It passes its own tests at once:

    \b
      esup rules new mypack && (cd mypack && pip install -e . && pytest)
    """
    from enforcement_supervision.cli._scaffold import plan_scaffold, write_scaffold

    scaffold = plan_scaffold(name, parent)
    write_scaffold(scaffold)
    if as_json:
        _dump(scaffold.to_dict())
        return
    en = app.lang == "en"
    click.echo(
        f"rule pack {name} created in {scaffold.directory}:"
        if en
        else f"已在 {scaffold.directory} 创建规则包 {name}："
    )
    for path in scaffold.files:
        click.echo(f"  {path}")
    click.echo(
        f"next: cd {scaffold.directory} && pip install -e . && pytest"
        if en
        else f"下一步：cd {scaffold.directory} && pip install -e . && pytest"
    )


@rules_group.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--plugin", "plugin_name", help="Only this plugin's cases and rules.")
@click.option("-v", "--verbose", is_flag=True, help="List passing cases too.")
@click.option(
    "-k",
    "keyword",
    metavar="EXPR",
    help="Only the cases whose id (RULE-ID::case name) or file name matches EXPR: words "
    "(substrings, any case) with and, or, not and parentheses, as pytest -k. The coverage "
    "requirement is then left out.",
)
@click.option(
    "--junit",
    "junit",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the results as JUnit XML to FILE (for CI).",
)
@json_option()
@click.pass_obj
def rules_test(
    app: AppContext,
    paths: tuple[Path, ...],
    plugin_name: str | None,
    verbose: bool,
    keyword: str | None,
    junit: Path | None,
    as_json: bool,
) -> None:
    """Run the data-driven rule cases and report rule coverage.

    Without PATHS, the ``cases`` folder of every loaded plugin is used and every rule must
    have at least one flagging and one non-flagging case. With PATHS (case files or
    folders), the rules named in those cases — and all rules of a plugin whose ``cases``
    folder is given — must be covered.

    \b
    Exit status: 0 every case passed and coverage is complete; 1 otherwise.
    """
    from enforcement_supervision.cli._junit_cases import write_junit
    from enforcement_supervision.cli._select_expr import compile_keyword_expression

    matches = None if keyword is None else compile_keyword_expression(keyword)
    manager = _manager(app)
    directories = manager.case_directories()
    rules = manager.rules()
    if plugin_name is not None:
        _require_plugin(manager, plugin_name)
        directories = [(name, folder) for name, folder in directories if name == plugin_name]
        rules = [rule for rule in rules if rule.plugin == plugin_name]
    coverage_of: set[str] | None
    if paths:
        files = load_cases(paths)
        coverage_of = {case.rule_id for file in files for case in file.cases}
        given = [path.resolve() for path in paths]
        for name, folder in directories:
            if any(folder.resolve() == path or path in folder.resolve().parents for path in given):
                coverage_of.update(rule.id for rule in rules if rule.plugin == name)
    else:
        files = load_cases(folder for _, folder in directories)
        coverage_of = {rule.id for rule in rules}
    deselected = 0
    if matches is not None:
        chosen = []
        for file in files:
            kept = tuple(case for case in file.cases if matches(f"{case.id} {file.path.name}"))
            deselected += len(file.cases) - len(kept)
            chosen.append(attrs.evolve(file, cases=kept))
        files = chosen
        coverage_of = set()
    report = run_cases(files, manager.rules(), coverage_of=coverage_of)
    if junit is not None:
        write_junit(report, junit, deselected=deselected)
    if as_json:
        _dump({**_case_report_json(report), "deselected": deselected})
    else:
        click.echo(report.render(app.lang, verbose=verbose))
        if matches is not None:
            click.echo(
                f"{deselected} case(s) deselected by -k"
                if app.lang == "en"
                else f"-k 未选中 {deselected} 个用例"
            )
    _warn_plugin_errors(manager, app)
    if not report.ok:
        raise click.exceptions.Exit(EXIT_CASES_FAILED)


def _require_plugin(manager: PluginManager, name: str) -> None:
    """An unknown --plugin name is an error with a "did you mean", not an empty run."""
    names = [info.name for info in manager.plugins()]
    if name not in names:
        raise unknown_name("插件", "plugin", name, names, option="--plugin")


def _case_report_json(report: CaseReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "cases": [
            {
                "id": result.case.id,
                "rule_id": result.case.rule_id,
                "name": result.case.name,
                "expect": result.case.expect,
                "path": None if result.case.path is None else str(result.case.path),
                "passed": result.passed,
                "problems": list(result.problems),
            }
            for result in report.results
        ],
        "file_errors": list(report.file_errors),
        "coverage": [
            {
                "rule_id": item.rule_id,
                "flag_cases": item.flag_cases,
                "pass_cases": item.pass_cases,
                "undecided_cases": item.undecided_cases,
                "complete": item.complete,
            }
            for item in report.coverage
        ],
        "passed": len(report.results) - len(report.failed),
        "failed": len(report.failed),
    }
