"""What ``esup config check`` finds in a configuration file: one problem per key path.

Each section is validated by the code that reads it (the engine settings, the calendar, the
report and notice settings, the schedules, the plugin manager), so the check and a real run
can never disagree; what those readers only warn about or silently ignore (an unknown key, a
rule id no plugin has) is added here with a "did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

import attrs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from enforcement_supervision._host import PluginManager, PluginStatus, load_plugins
from enforcement_supervision.config import Config
from enforcement_supervision.errors import EsupError
from enforcement_supervision.rules._disabled import DISABLED_KEY, did_you_mean, disabled_rule_ids
from enforcement_supervision.rules._packs import pack_parameter_names

__all__ = ["KNOWN_SECTIONS", "Problem", "check_config"]

ERROR = "error"
WARNING = "warning"

#: Keys of the sections whose keys are fixed (``None``: the section's reader checks them, or
#: its keys are names of rules, packs or plugins).
KNOWN_SECTIONS: Mapping[str, frozenset[str] | None] = {
    "store": frozenset({"url"}),
    "calendar": None,
    "engine": None,
    "plugins": None,
    "rules": None,
    "packs": None,
    "law": frozenset({"local_instruments"}),
    "privacy": frozenset({"salt"}),
    "reports": frozenset(
        {
            "docs_url",
            "township_agency",
            "html_max_findings",
            "md_max_findings",
            "sectors",
            # Older spellings of [notice] keys, still read.
            "issuing_office",
            "document_prefix",
            "notice_title",
            "notice_title_en",
            "rectification_days",
        }
    ),
    "notice": frozenset(
        {
            "issuing_office",
            "number_prefix",
            "title",
            "title_en",
            "rectification_days",
            "township_agency",
            "first_number",
            "seal_line",
            "copy_to_superior",
            "max_items",
        }
    ),
    "schedules": None,
}

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def key_path(*parts: str) -> str:
    """``rules.PEN-NOTICE.hearing_days``; a part that is not a bare TOML key is quoted."""
    return ".".join(part if _BARE.match(part) else f'"{part}"' for part in parts)


@attrs.frozen
class Problem:
    """One problem: where (the dotted key path), how bad, and why in both languages."""

    key: str
    severity: str
    message_zh: str
    message_en: str

    def line(self, lang: str) -> str:
        mark = ("警告" if lang == "zh" else "warning") if self.severity == WARNING else ""
        text = self.message_en if lang == "en" else self.message_zh
        sep = "：" if lang == "zh" else ": "
        return f"{self.key or '(file)'}{sep}" + (f"{mark}{sep}" if mark else "") + text

    def to_dict(self) -> dict[str, str]:
        return attrs.asdict(self)


class _Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, key: str, zh: str, en: str, severity: str = ERROR) -> None:
        self.items.append(Problem(key, severity, zh, en))

    def error(self, key: str, error: EsupError, severity: str = ERROR) -> None:
        self.add(key, error.message("zh"), error.message("en"), severity)

    def unknown(self, key: str, name: str, known: Collection[str], what: tuple[str, str]) -> None:
        hint_zh, hint_en = did_you_mean(name, known)
        self.add(
            key,
            f"未知的{what[0]} {name}{hint_zh}",
            f"unknown {what[1]} {name}{hint_en}",
        )

    def run(self, key: str, read: Callable[[], object]) -> None:
        try:
            read()
        except EsupError as error:
            self.error(key, error)


def check_config(config: Config) -> list[Problem]:
    """Every problem of ``config``, sections in file order, errors before warnings within
    each key."""
    found = _Problems()
    for name, value in config.data.items():
        if name not in KNOWN_SECTIONS:
            found.unknown(key_path(name), name, KNOWN_SECTIONS, ("配置节", "section"))
            continue
        if name == "schedules":
            continue
        if not isinstance(value, Mapping):
            found.add(key_path(name), f"[{name}] 必须是表", f"[{name}] must be a table")
            continue
        keys = KNOWN_SECTIONS[name]
        if keys is not None:
            for key in value:
                if key not in keys:
                    found.unknown(key_path(name, key), key, keys, ("键", "key"))
    _check_store(config, found)
    _check_readers(config, found)
    manager = _manager(config, found)
    if manager is not None:
        _check_plugins(config, manager, found)
        _check_rules(config, manager, found)
        _check_packs(config, manager, found)
        if not found.items:
            found.run("rules", manager.rule_settings)
        for warning in manager.warnings:
            if "names a rule that no loaded plugin provides" in warning:
                continue  # reported above, with its key path
            found.add("", warning, warning, WARNING)
    return found.items


def _section(config: Config, name: str) -> Mapping[str, Any]:
    value = config.data.get(name, {})
    return value if isinstance(value, Mapping) else {}


def _check_store(config: Config, found: _Problems) -> None:
    url = _section(config, "store").get("url")
    if url is None:
        return
    if not isinstance(url, str) or not url.strip():
        found.add(
            "store.url",
            "必须是数据库 URL 或 SQLite 文件路径（字符串）",
            "must be a database URL or a SQLite file path (a string)",
        )
        return
    if "://" not in url:
        return  # a SQLite file path
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        found.add("store.url", f"不是有效的数据库 URL：{url}", f"not a database URL: {url}")
        return
    supported = ("sqlite", "postgresql", "mysql", "mariadb")
    if backend not in supported:
        found.unknown("store.url", backend, supported, ("数据库类型", "database"))


def _check_readers(config: Config, found: _Problems) -> None:
    # Imported here: each reader pulls in its own layer, and `esup --help` stays fast.
    from enforcement_supervision.engine import EngineSettings
    from enforcement_supervision.reports._settings import ReportSettings
    from enforcement_supervision.rules import LawInForce
    from enforcement_supervision.schedule import load_schedules
    from enforcement_supervision.statutory_time import calendar_from_config

    if "engine" in config.data:
        found.run("engine", lambda: EngineSettings.from_config(config))
    if "calendar" in config.data:
        found.run(
            "calendar",
            lambda: calendar_from_config(_section(config, "calendar"), base_dir=config.base_dir),
        )
    if "reports" in config.data or "notice" in config.data:
        try:
            settings = ReportSettings.from_config(config)
        except EsupError as error:
            found.error("notice", error)
        else:
            if "notice" in config.data:
                found.run("notice", settings.require_notice)
    if "law" in config.data:
        found.run("law", lambda: LawInForce.from_config(_section(config, "law")))
    if "schedules" in config.data:
        found.run("schedules", lambda: load_schedules(config))
    salt = _section(config, "privacy").get("salt")
    if salt is not None and not isinstance(salt, str):
        found.add("privacy.salt", "必须是字符串", "must be a string")


def _manager(config: Config, found: _Problems) -> PluginManager | None:
    try:
        return load_plugins(config)
    except EsupError as error:
        found.error("plugins", error)
        return None


def _check_plugins(config: Config, manager: PluginManager, found: _Problems) -> None:
    names = [info.name for info in manager.plugins()]
    for info in manager.plugins():
        # A plugin that fails to load (often: its own [plugins.NAME] settings, read by its
        # esup_configure hook) is an error here, although a check only warns and goes on.
        if info.status is PluginStatus.ERROR:
            why = info.error or info.reason or "-"
            found.add(
                key_path("plugins", info.name),
                f"插件 {info.name} 加载失败：{why}",
                f"plugin {info.name} failed to load: {why}",
            )
    for key, value in _section(config, "plugins").items():
        if key in ("allow", "block"):
            for name in value if isinstance(value, list) else ():
                if isinstance(name, str) and name not in names and name != "none":
                    hint_zh, hint_en = did_you_mean(name, names)
                    found.add(
                        key_path("plugins", key),
                        f"没有安装名为 {name} 的插件{hint_zh}",
                        f"no installed plugin is called {name}{hint_en}",
                        WARNING,
                    )
        elif not isinstance(value, Mapping):
            found.add(
                key_path("plugins", key),
                "插件设置必须是表（[plugins.名称]），或 allow、block",
                "must be a table of plugin settings ([plugins.NAME]), or allow or block",
            )
        elif key not in names:
            found.unknown(key_path("plugins", key), key, names, ("插件", "plugin"))


def _incomplete(manager: PluginManager) -> bool:
    """Some plugin is blocked or failed: an unknown rule id may be one of its rules."""
    return any(info.status is not PluginStatus.LOADED for info in manager.plugins())


def _check_rules(config: Config, manager: PluginManager, found: _Problems) -> None:
    rules = {rule.id: rule for rule in manager.rules()}
    for rule_id, table in _section(config, "rules").items():
        where = key_path("rules", rule_id)
        if rule_id == DISABLED_KEY:
            for problem in disabled_rule_ids(table, rules)[1]:
                found.error(where, problem)
            continue
        rule = rules.get(rule_id)
        if rule is None:
            hint_zh, hint_en = did_you_mean(rule_id, rules)
            found.add(
                where,
                f"没有编号为 {rule_id} 的规则{hint_zh}",
                f"no rule {rule_id}{hint_en}"
                + (
                    " (it may belong to a blocked or failed plugin)" if _incomplete(manager) else ""
                ),
                WARNING if _incomplete(manager) and not hint_en else ERROR,
            )
            continue
        if not isinstance(table, Mapping):
            found.add(where, "必须是表", "must be a table")
            continue
        known = [parameter.name for parameter in rule.parameters]
        for name, value in table.items():
            if name == "enabled":
                if not isinstance(value, bool):
                    found.add(
                        key_path("rules", rule_id, name),
                        "必须是 true 或 false",
                        "must be true or false",
                    )
                continue
            try:
                parameter = rule.parameter(name)
            except KeyError:
                found.unknown(key_path("rules", rule_id, name), name, known, ("参数", "parameter"))
                continue
            try:
                parameter.with_override(value, rule_id=rule_id)
            except EsupError as error:
                found.error(key_path("rules", rule_id, name), error)


def _check_packs(config: Config, manager: PluginManager, found: _Problems) -> None:
    packs = pack_parameter_names(manager.rules())
    rules = {rule.id: rule for rule in manager.rules()}
    for plugin, table in _section(config, "packs").items():
        where = key_path("packs", plugin)
        if plugin not in packs:
            found.unknown(
                where,
                plugin,
                packs,
                ("规则包（有包参数的插件）", "pack (plugin with pack parameters)"),
            )
            continue
        if not isinstance(table, Mapping):
            found.add(where, "必须是表", "must be a table")
            continue
        for name, value in table.items():
            if name not in packs[plugin]:
                found.unknown(
                    key_path("packs", plugin, name),
                    name,
                    packs[plugin],
                    ("包参数", "pack parameter"),
                )
                continue
            declared = rules[packs[plugin][name][0]].parameter(name)
            try:
                declared.with_override(value, rule_id=f"packs.{plugin}")
            except EsupError as error:
                found.error(key_path("packs", plugin, name), error)
