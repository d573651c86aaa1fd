"""The plugin manager: safe discovery, allow/block lists, safe hook calls, rule settings."""

from __future__ import annotations

import difflib
import enum
import fnmatch
import importlib.metadata as importlib_metadata
import re
import sys
import traceback
import types
import warnings
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import pluggy

from enforcement_supervision._logging import get_logger
from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError, EsupError
from enforcement_supervision.rules import hookspecs
from enforcement_supervision.rules._disabled import DISABLED_KEY, disabled_rule_ids
from enforcement_supervision.rules._errors import (
    DuplicateRuleError,
    RuleConfigurationError,
    RuleDefinitionError,
)
from enforcement_supervision.rules._json import JSONValue
from enforcement_supervision.rules._law import LawInForce, instruments_cited
from enforcement_supervision.rules._meta import RESERVED_SETTING_KEYS, Parameter, Rule
from enforcement_supervision.rules._packs import settle_pack_parameters
from enforcement_supervision.rules._settings import RuleSettings
from enforcement_supervision.rules.hookspecs import (
    HOOK_API_MIN,
    HOOK_API_VERSION,
    PROJECT_NAME,
    RecordSource,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "HookCallResult",
    "HookError",
    "HookErrorRecord",
    "PluginInfo",
    "PluginManager",
    "PluginStatus",
    "UnknownRuleError",
    "load_plugins",
]

_log = get_logger(__name__)

#: The entry-point group plugins register under.
ENTRY_POINT_GROUP = PROJECT_NAME


def _normalise(name: str) -> str:
    """PEP 503 normalisation: ``Esup_Example.Local`` → ``esup-example-local``."""
    return re.sub(r"[-_.]+", "-", name).lower()


class UnknownRuleError(EsupError):
    """No loaded plugin contributes a rule with this id."""


class PluginStatus(enum.StrEnum):
    """Whether a plugin is in use: ``loaded``, ``blocked`` (by the allow or block list), or
    ``error`` (failed to import, invalid, or conflicting; see ``PluginInfo.error``)."""

    LOADED = "loaded"
    BLOCKED = "blocked"
    ERROR = "error"


@attrs.frozen(kw_only=True)
class PluginInfo:
    """One plugin as ``esup plugins list`` shows it.

    ``pack`` is the rule pack the plugin's rules belong to: the entry-point name up to its
    first dot (``national.penalty`` → ``national``: a pack may ship one entry point per
    section, so a broken section hides only its own rules), else the plugin's name. Rules
    carry it as ``Rule.plugin`` and ``[packs."<pack>"]`` configures it.
    """

    name: str
    status: PluginStatus
    pack: str = attrs.field(default=attrs.Factory(lambda self: self.name, takes_self=True))
    distribution: str | None = None
    version: str | None = None
    module: str | None = None
    hooks: tuple[str, ...] = ()
    rule_ids: tuple[str, ...] = ()
    error: str | None = None
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    hook_errors: tuple[str, ...] = ()
    path: Path | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "name": self.name,
            "pack": self.pack,
            "distribution": self.distribution,
            "version": self.version,
            "status": self.status.value,
            "module": self.module,
            "hooks": list(self.hooks),
            "rule_ids": list(self.rule_ids),
            "error": self.error,
            "reason": self.reason,
            "warnings": list(self.warnings),
            "hook_errors": list(self.hook_errors),
        }


@attrs.frozen(kw_only=True)
class HookErrorRecord:
    """A hook implementation raised; the other implementations were still called."""

    hook: str
    plugin: str
    error_type: str
    message: str
    traceback: str = ""

    def __str__(self) -> str:
        return f"{self.hook} in plugin {self.plugin}: {self.error_type}: {self.message}"

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "hook": self.hook,
            "plugin": self.plugin,
            "error_type": self.error_type,
            "message": self.message,
            "traceback": self.traceback,
        }


@attrs.frozen(kw_only=True)
class HookCallResult:
    """What a safe hook call returned: ``(plugin name, value)`` per implementation that
    returned something other than ``None``, in call order, and the errors."""

    results: tuple[tuple[str, Any], ...] = ()
    errors: tuple[HookErrorRecord, ...] = ()

    @property
    def values(self) -> list[Any]:
        return [value for _, value in self.results]

    def raise_for_errors(self) -> None:
        """Raise :class:`HookError` if an implementation raised (for callers that cannot go
        on without every answer)."""
        if self.errors:
            raise HookError(self.errors)


class HookError(EsupError):
    """One or more hook implementations raised; ``records`` says which and what.

    The manager never raises it by itself (a failing plugin must not stop the others): a
    caller that needs every implementation to succeed asks for it with
    :meth:`HookCallResult.raise_for_errors`.
    """

    def __init__(self, records: Iterable[HookErrorRecord]) -> None:
        self.records = tuple(records)
        text = "; ".join(str(record) for record in self.records)
        super().__init__(f"插件钩子出错：{text}", f"plugin hook failed: {text}")


def _format_exception(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def _exception_text(exc: BaseException) -> str:
    if isinstance(exc, EsupError):
        return f"{exc.message_zh} / {exc.message_en}"
    return f"{type(exc).__name__}: {exc}"


class _PluginFailed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@attrs.define
class _Entry:
    info: PluginInfo
    plugin: object | None = None


class PluginManager:
    """Loads plugins safely and calls their hooks safely.

    * :meth:`load_entry_points` discovers the entry-point group ``enforcement_supervision``
      and loads **one plugin at a time**, distribution by distribution (sorted by name): a
      plugin that fails to import, implements an unknown hook, fails to configure, has an
      invalid rule or registers a rule id another distribution already has, is reported
      (``PluginInfo.status == "error"``) and skipped; the others load.
    * ``[plugins] allow = [...]`` (only these; an empty list loads none) and
      ``block = [...]`` take plugin names, distribution names or ``DISTRIBUTION:NAME``;
      block wins. Two distributions claiming one plugin name are both refused.
    * :meth:`call` calls a hook implementation by implementation: one that raises is
      recorded with its plugin's name and the others are still called (pluggy alone stops at
      the first exception).

    ``known_record_types`` (default: the model's record types) is used to reject rules
    that apply to a record type the library does not know.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        known_record_types: Collection[str] | None = None,
    ) -> None:
        self.config = config if config is not None else Config()
        self.pm = pluggy.PluginManager(PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self._entries: list[_Entry] = []
        self._loaded: dict[str, _Entry] = {}
        self._rules: dict[str, Rule] = {}
        self._hook_errors: list[HookErrorRecord] = []
        self._warnings: list[str] = []
        self._known_record_types = (
            frozenset(known_record_types)
            if known_record_types is not None
            else _model_record_types()
        )
        settings = self.config.section("plugins")
        allow = settings.get("allow")
        block = settings.get("block", [])
        for key, value in (("allow", allow), ("block", block)):
            if value is not None and (
                not isinstance(value, list) or not all(isinstance(v, str) for v in value)
            ):
                raise ConfigurationError(
                    f"[plugins] {key} 必须是字符串列表", f"[plugins] {key} must be a list of names"
                )
        self._allow = None if allow is None else {_normalise(name) for name in allow}
        self._block = {_normalise(name) for name in block}

    # -- discovery ------------------------------------------------------------------------------

    def load_entry_points(self, group: str = ENTRY_POINT_GROUP) -> list[PluginInfo]:
        """Discover and load every plugin of the entry-point ``group``; never raises for a
        bad plugin. Returns the infos of the plugins seen (loaded, blocked or failed)."""
        seen: list[PluginInfo] = []
        known = {(entry.info.distribution, entry.info.name) for entry in self._entries}
        entry_points = sorted(
            importlib_metadata.entry_points(group=group),
            key=lambda ep: (_normalise(_dist_name(ep) or ep.module), ep.name),
        )
        fresh = [ep for ep in entry_points if (_dist_name(ep), ep.name) not in known]
        # Two distributions claiming one plugin name (of those the lists let through): refuse
        # both, or a package sorting first could stand in for the real one.
        claims: dict[str, set[str]] = defaultdict(set)
        for entry_point in fresh:
            if self._blocked_reason(entry_point.name, _dist_name(entry_point)) is None:
                claims[entry_point.name].add(_dist_name(entry_point) or entry_point.module)
        for entry_point in fresh:
            claimants = claims.get(entry_point.name, set())
            if len(claimants) > 1:
                seen.append(self._refuse_claim(entry_point, sorted(claimants)))
                continue
            seen.append(self._load_entry_point(entry_point))
        return seen

    def _refuse_claim(
        self, entry_point: importlib_metadata.EntryPoint, claimants: list[str]
    ) -> PluginInfo:
        name = entry_point.name
        _log.warning("plugin_name_claimed_twice", plugin=name, distributions=claimants)
        return self._record(
            PluginInfo(
                name=name,
                status=PluginStatus.ERROR,
                distribution=_dist_name(entry_point),
                version=entry_point.dist.version if entry_point.dist is not None else None,
                module=entry_point.module,
                error=f"plugin name {name!r} is claimed by distributions "
                f"{', '.join(claimants)}; none of them is loaded. Name the one to trust in "
                "[plugins] allow as DISTRIBUTION or DISTRIBUTION:NAME",
            )
        )

    def _load_entry_point(self, entry_point: importlib_metadata.EntryPoint) -> PluginInfo:
        name = entry_point.name
        dist_name = _dist_name(entry_point)
        version = entry_point.dist.version if entry_point.dist is not None else None
        base = PluginInfo(
            name=name,
            pack=name.partition(".")[0],
            status=PluginStatus.ERROR,
            distribution=dist_name,
            version=version,
            module=entry_point.module,
        )
        if name in self._loaded:
            other = self._loaded[name].info
            return self._record(
                attrs.evolve(
                    base,
                    error=f"plugin name {name!r} is already used by distribution "
                    f"{other.distribution or other.module}; {dist_name} skipped",
                )
            )
        blocked = self._blocked_reason(name, dist_name, base.pack)
        if blocked is not None:
            return self._record(attrs.evolve(base, status=PluginStatus.BLOCKED, reason=blocked))
        try:
            plugin = entry_point.load()
        except (Exception, SystemExit) as exc:  # a broken plugin must never stop the host
            _log.warning(
                "plugin_import_failed", plugin=name, distribution=dist_name, error=repr(exc)
            )
            return self._record(attrs.evolve(base, error=f"import failed: {_exception_text(exc)}"))
        return self._register(plugin, base)

    def _blocked_reason(
        self, name: str, dist_name: str | None, pack: str | None = None
    ) -> str | None:
        # A list entry names a plugin, its pack (``allow = ["national"]`` keeps every section
        # of that pack), a distribution (all its plugins) or exactly one entry point as
        # DISTRIBUTION:NAME. A bare plugin name is matched too, but a name two distributions
        # claim is refused (load_entry_points): name the distribution then.
        names = {_normalise(name), _normalise(pack or name)}
        if dist_name:
            names.add(_normalise(dist_name))
            names.add(f"{_normalise(dist_name)}:{_normalise(name)}")
        if names & self._block:
            return "blocked by [plugins] block"
        if self._allow is not None and not names & self._allow:
            return "not in [plugins] allow"
        return None

    def register(
        self,
        plugin: object,
        name: str | None = None,
        *,
        distribution: str | None = None,
        version: str | None = None,
    ) -> PluginInfo:
        """Register a plugin object (a module, a class instance or a namespace of hook
        functions) directly, with the same checks as entry-point plugins. Use it for local
        plugins of an embedding system and in tests."""
        plugin_name = name or getattr(plugin, "__name__", None) or f"plugin-{id(plugin)}"
        module = plugin.__name__ if isinstance(plugin, types.ModuleType) else None
        base = PluginInfo(
            name=plugin_name,
            status=PluginStatus.ERROR,
            distribution=distribution,
            version=version or _version_attribute(plugin),
            module=module,
        )
        if plugin_name in self._loaded:
            raise ValueError(f"a plugin named {plugin_name!r} is already registered")
        blocked = self._blocked_reason(plugin_name, distribution)
        if blocked is not None:
            return self._record(attrs.evolve(base, status=PluginStatus.BLOCKED, reason=blocked))
        return self._register(plugin, base)

    def register_rules(self, *rules: Rule, name: str = "local-rules") -> PluginInfo:
        """Register rules without writing a plugin (an embedding system's own rules)."""
        collected = list(rules)

        class _LocalRules:
            @hookspecs.hookimpl
            def esup_rules(self) -> list[Rule]:
                return collected

        return self.register(_LocalRules(), name)

    def _register(self, plugin: object, base: PluginInfo) -> PluginInfo:
        name = base.name
        path = _plugin_path(plugin)
        base = attrs.evolve(base, path=path)
        caught: list[warnings.WarningMessage] = []
        try:
            self._check_api_version(plugin)
            hook_names = self._check_hook_names(plugin, name)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self.pm.register(plugin, name)
        except _PluginFailed as failure:
            return self._record(attrs.evolve(base, error=failure.message))
        except Exception as exc:  # pluggy validation errors and the like
            return self._record(attrs.evolve(base, error=_exception_text(exc)))
        warning_texts = tuple(str(item.message) for item in caught)
        for text in warning_texts:
            _log.warning("plugin_warning", plugin=name, warning=text)
        base = attrs.evolve(base, hooks=hook_names, warnings=warning_texts)
        try:
            self._configure(plugin, name)
            rules = self._collect_rules(plugin, base)
        except _PluginFailed as failure:
            self.pm.unregister(plugin)
            _log.warning("plugin_skipped", plugin=name, error=failure.message)
            return self._record(attrs.evolve(base, error=failure.message))
        for rule in rules:
            self._rules[rule.id] = rule
        info = attrs.evolve(
            base,
            status=PluginStatus.LOADED,
            rule_ids=tuple(sorted(rule.id for rule in rules)),
        )
        entry = _Entry(info=info, plugin=plugin)
        self._entries.append(entry)
        self._loaded[name] = entry
        return info

    def _record(self, info: PluginInfo) -> PluginInfo:
        self._entries.append(_Entry(info=info))
        if info.status is PluginStatus.ERROR:
            _log.warning(
                "plugin_error", plugin=info.name, distribution=info.distribution, error=info.error
            )
        return info

    @staticmethod
    def _check_api_version(plugin: object) -> None:
        wanted = getattr(plugin, "ESUP_HOOK_API", None)
        if wanted is None:
            return
        served = f"{HOOK_API_MIN}–{HOOK_API_VERSION}"
        if isinstance(wanted, bool) or not isinstance(wanted, int):
            raise _PluginFailed(
                f"ESUP_HOOK_API must be a whole number (the hook API the plugin was written "
                f"for), not {wanted!r}; this enforcement-supervision serves hook API {served}"
            )
        if wanted > HOOK_API_VERSION:
            raise _PluginFailed(
                f"plugin written for hook API {wanted}, newer than this enforcement-supervision "
                f"serves ({served}): upgrade enforcement-supervision"
            )
        if wanted < HOOK_API_MIN:
            raise _PluginFailed(
                f"plugin written for hook API {wanted}, older than this enforcement-supervision "
                f"still serves ({served}): upgrade the plugin"
            )

    def _check_hook_names(self, plugin: object, name: str) -> tuple[str, ...]:
        found: list[str] = []
        known = sorted(
            name
            for name, caller in vars(self.pm.hook).items()
            if getattr(caller, "spec", None) is not None
        )
        for attribute in dir(plugin):
            try:
                function = getattr(plugin, attribute)
            except Exception:
                continue
            options = self.pm.parse_hookimpl_opts(plugin, attribute)
            if options is None:
                if attribute in known and callable(function):
                    raise _PluginFailed(
                        f"defines {attribute} without the @hookimpl marker "
                        "(from enforcement_supervision import hookimpl)"
                    )
                continue
            hook_name = options.get("specname") or attribute
            if hook_name not in known:
                if options.get("optionalhook"):
                    continue
                raise _PluginFailed(_unknown_hook_message(hook_name, known))
            if options.get("wrapper") or options.get("hookwrapper"):
                raise _PluginFailed(
                    f"hook wrappers are not supported for {hook_name} (plugin {name}): the host "
                    "calls each implementation on its own"
                )
            found.append(hook_name)
        return tuple(sorted(found))

    def _own_impls(self, plugin: object, hook_name: str) -> list[pluggy.HookImpl]:
        caller = getattr(self.pm.hook, hook_name)
        return [impl for impl in caller.get_hookimpls() if impl.plugin is plugin]

    def _configure(self, plugin: object, name: str) -> None:
        section = self.config.section("plugins")
        settings: Mapping[str, Any] = {}
        for key in (name, _normalise(name)):
            value = section.get(key)
            if isinstance(value, Mapping):
                settings = value
                break
        for impl in self._own_impls(plugin, "esup_configure"):
            try:
                _call_impl(impl, {"config": self.config, "settings": settings})
            except Exception as exc:
                raise _PluginFailed(f"esup_configure failed: {_exception_text(exc)}") from exc

    def _collect_rules(self, plugin: object, info: PluginInfo) -> list[Rule]:
        collected: list[Rule] = []
        for impl in self._own_impls(plugin, "esup_rules"):
            try:
                returned = _call_impl(impl, {})
                items = [] if returned is None else list(returned)
            except Exception as exc:
                raise _PluginFailed(f"esup_rules failed: {_exception_text(exc)}") from exc
            for item in items:
                if not isinstance(item, Rule):
                    raise _PluginFailed(
                        f"esup_rules returned {item!r}, which is not a Rule (use the @rule "
                        "decorator)"
                    )
                collected.append(item)
        ids: set[str] = set()
        result: list[Rule] = []
        for item in collected:
            problems = self._rule_problems(item)
            if problems:
                raise _PluginFailed(f"invalid rule {item.id}: " + "; ".join(problems))
            if item.id in ids:
                raise _PluginFailed(f"rule id {item.id} is contributed twice by this plugin")
            ids.add(item.id)
            if item.id in self._rules:
                owner = self._rules[item.id]
                raise _PluginFailed(
                    str(
                        DuplicateRuleError(
                            f"规则编号 {item.id} 重复：{_who(owner.distribution, owner.plugin)} 与 "
                            f"{_who(info.distribution, info.name)} 都提供了它；后者被跳过",
                            f"duplicate rule id {item.id}: contributed by both "
                            f"{_who(owner.distribution, owner.plugin)} and "
                            f"{_who(info.distribution, info.name)}; the latter is skipped",
                        )
                    )
                )
            result.append(
                attrs.evolve(item, plugin=info.pack, distribution=info.distribution or info.name)
            )
        return result

    def _rule_problems(self, item: Rule) -> list[str]:
        try:
            problems = [en for _, en in item.problems()]
        except RuleDefinitionError as error:  # pragma: no cover - defensive
            return [error.message_en]
        if self._known_record_types:
            names = list(item.applies_to)
            if item.group_by is not None and item.group_by.anchor is not None:
                names.append(item.group_by.anchor)
            for record_type in names:
                if record_type not in self._known_record_types:
                    close = difflib.get_close_matches(record_type, sorted(self._known_record_types))
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    problems.append(f"unknown record type {record_type!r}{hint}")
        return problems

    # -- what is loaded -------------------------------------------------------------------------

    def plugins(self) -> list[PluginInfo]:
        """Every plugin seen (loaded, blocked or failed), with the hook errors so far."""
        out: list[PluginInfo] = []
        for entry in self._entries:
            errors = tuple(str(e) for e in self._hook_errors if e.plugin == entry.info.name)
            out.append(attrs.evolve(entry.info, hook_errors=errors) if errors else entry.info)
        return sorted(out, key=lambda info: (_normalise(info.distribution or info.name), info.name))

    def plugin(self, name: str) -> PluginInfo:
        for info in self.plugins():
            if info.name == name or _normalise(info.name) == _normalise(name):
                return info
        raise KeyError(name)

    def plugin_object(self, name: str) -> object | None:
        """The registered plugin object (module or instance) of a loaded plugin."""
        entry = self._loaded.get(name)
        return None if entry is None else entry.plugin

    def rules(self) -> list[Rule]:
        """The rules of every loaded plugin, ordered by id."""
        return [self._rules[rule_id] for rule_id in sorted(self._rules)]

    def rule(self, rule_id: str) -> Rule:
        """The rule ``rule_id`` (case-insensitive); :class:`UnknownRuleError` when none."""
        found = self._rules.get(rule_id) or self._rules.get(rule_id.upper())
        if found is None:
            close = difflib.get_close_matches(rule_id.upper(), sorted(self._rules))
            hint_zh = f"（是否指 {close[0]}？）" if close else ""
            hint_en = f" (did you mean {close[0]}?)" if close else ""
            raise UnknownRuleError(
                f"没有编号为 {rule_id} 的规则{hint_zh}", f"no rule {rule_id}{hint_en}"
            )
        return found

    def select_rules(self, patterns: Iterable[str] = ()) -> list[Rule]:
        """The rules whose id matches any of the shell-style ``patterns`` (all when none)."""
        wanted = [pattern.upper() for pattern in patterns]
        if not wanted:
            return self.rules()
        return [
            rule for rule in self.rules() if any(fnmatch.fnmatchcase(rule.id, p) for p in wanted)
        ]

    @property
    def hook_errors(self) -> list[HookErrorRecord]:
        return list(self._hook_errors)

    @property
    def warnings(self) -> list[str]:
        """Non-fatal problems found so far (unknown rule ids in the configuration, holiday
        schedule conflicts, ...)."""
        return list(self._warnings)

    def case_directories(self) -> list[tuple[str, Path]]:
        """``(plugin name, folder)`` for each loaded plugin that ships a ``cases`` folder next
        to its module (the data-driven rule tests)."""
        out: list[tuple[str, Path]] = []
        for info in self.plugins():
            if info.status is PluginStatus.LOADED and info.path is not None:
                folder = info.path / "cases"
                if folder.is_dir():
                    out.append((info.name, folder))
        return out

    # -- calling hooks safely -------------------------------------------------------------------

    def call(
        self,
        hook_name: str,
        *,
        firstresult: bool = False,
        **kwargs: Any,
    ) -> HookCallResult:
        """Call hook ``hook_name`` one implementation at a time, in pluggy's order
        (``tryfirst`` first, then the most recently registered first).

        An implementation that raises is recorded (:attr:`hook_errors`, logged, shown by
        ``esup plugins list``) and the next one is called. With ``firstresult`` the call
        stops at the first value that is not ``None``.
        """
        caller = getattr(self.pm.hook, hook_name, None)
        if caller is None:
            raise AttributeError(f"no hook named {hook_name}")
        results: list[tuple[str, Any]] = []
        errors: list[HookErrorRecord] = []
        for impl in reversed(caller.get_hookimpls()):
            try:
                value = _call_impl(impl, kwargs)
            except Exception as exc:
                error = HookErrorRecord(
                    hook=hook_name,
                    plugin=impl.plugin_name,
                    error_type=type(exc).__name__,
                    message=str(exc),
                    traceback=_format_exception(exc),
                )
                errors.append(error)
                self._hook_errors.append(error)
                _log.error("hook_failed", hook=hook_name, plugin=impl.plugin_name, error=repr(exc))
                continue
            if value is not None:
                results.append((impl.plugin_name, value))
                if firstresult:
                    break
        return HookCallResult(results=tuple(results), errors=tuple(errors))

    def notify(self, hook_name: str, **kwargs: Any) -> tuple[HookErrorRecord, ...]:
        """Call an event hook (``esup_run_started``, ``esup_finding_opened``, ...) safely;
        returns the errors, which are also recorded."""
        return self.call(hook_name, **kwargs).errors

    # -- contributions --------------------------------------------------------------------------

    def holiday_schedules(self) -> dict[int, Any]:
        """The holiday schedules plugins contribute, by year: the first result per year wins
        (see :func:`~enforcement_supervision.rules.hookspecs.esup_holiday_schedules`)."""
        chosen: dict[int, tuple[str, Any]] = {}
        for plugin_name, value in self.call("esup_holiday_schedules").results:
            for schedule in value:
                year = getattr(schedule, "year", None)
                if not isinstance(year, int):
                    self._plugin_problem(
                        "esup_holiday_schedules",
                        plugin_name,
                        f"{schedule!r} is not a HolidaySchedule (it has no year)",
                    )
                    continue
                if year in chosen:
                    first_plugin, first = chosen[year]
                    if first != schedule:
                        self._warn(
                            f"holiday schedule {year} from plugin {plugin_name} differs from the "
                            f"one of plugin {first_plugin}, which is used"
                        )
                    continue
                chosen[year] = (plugin_name, schedule)
        return {year: schedule for year, (_, schedule) in sorted(chosen.items())}

    def record_sources(self) -> list[RecordSource]:
        """The record sources every source plugin supplies, in call order."""
        sources: list[RecordSource] = []
        for plugin_name, value in self.call("esup_record_sources", config=self.config).results:
            for source in value:
                if isinstance(source, RecordSource):
                    sources.append(source)
                else:
                    self._plugin_problem(
                        "esup_record_sources",
                        plugin_name,
                        f"{source!r} does not follow the RecordSource protocol "
                        "(name, record_types, iter_records)",
                    )
        return sources

    def rule_settings(self) -> dict[str, RuleSettings]:
        """Every rule's settings after plugin overrides, the ``[rules."ID"]`` and
        ``[packs."PLUGIN"]`` tables (pack parameters), with the local law in force
        (``[law] local_instruments``).

        Raises :class:`RuleConfigurationError` naming the rule and parameter for an unknown
        parameter or a value of the wrong type in the configuration file. A table naming a
        rule that no loaded plugin provides is a warning (its plugin may be blocked).
        """
        parameters: dict[str, dict[str, Parameter]] = {
            rule.id: {p.name: p for p in rule.parameters} for rule in self.rules()
        }
        sources: dict[str, dict[str, str]] = {rule_id: {} for rule_id in parameters}
        enabled: dict[str, bool] = dict.fromkeys(parameters, True)

        # Plugin overrides: the first plugin called wins, so apply them in reverse order.
        call = self.call("esup_parameter_overrides", config=self.config)
        for plugin_name, overrides in reversed(call.results):
            if not isinstance(overrides, Mapping):
                self._plugin_problem(
                    "esup_parameter_overrides", plugin_name, "did not return a mapping"
                )
                continue
            for rule_id, values in overrides.items():
                if rule_id not in parameters:
                    self._warn(
                        f"plugin {plugin_name} overrides parameters of unknown rule {rule_id}"
                    )
                    continue
                for name, value in dict(values).items():
                    try:
                        parameters[rule_id][name] = self._override(rule_id, name, value)
                    except RuleConfigurationError as error:
                        self._plugin_problem(
                            "esup_parameter_overrides", plugin_name, error.message_en
                        )
                        continue
                    sources[rule_id][name] = f"plugin:{plugin_name}"

        problems: list[RuleConfigurationError] = []
        disabled: list[str] = []
        for rule_id, table in self.config.section("rules").items():
            if rule_id == DISABLED_KEY:
                disabled, found = disabled_rule_ids(table, parameters)
                problems.extend(found)
                continue
            if rule_id not in parameters:
                self._warn(f'[rules."{rule_id}"] names a rule that no loaded plugin provides')
                continue
            if not isinstance(table, Mapping):
                problems.append(
                    RuleConfigurationError(
                        f'[rules."{rule_id}"] 必须是表', f'[rules."{rule_id}"] must be a table'
                    )
                )
                continue
            for name, value in table.items():
                if name == "enabled":
                    if not isinstance(value, bool):
                        problems.append(
                            RuleConfigurationError(
                                f"规则 {rule_id} 的 enabled 必须是 true 或 false",
                                f"rule {rule_id}: enabled must be true or false",
                            )
                        )
                    else:
                        enabled[rule_id] = value
                    continue
                try:
                    parameters[rule_id][name] = self._override(rule_id, name, value)
                except RuleConfigurationError as error:
                    problems.append(error)
                    continue
                sources[rule_id][name] = "config"
        # [rules] disabled wins over an ``enabled = true`` in the rule's own table.
        for rule_id in disabled:
            enabled[rule_id] = False
        # Pack parameters: one value for every rule of the pack ([packs."PLUGIN"]).
        problems.extend(
            settle_pack_parameters(
                self.rules(), parameters, sources, self.config.section("packs"), self._warn
            )
        )
        law = LawInForce.from_config(self.config.section("law"))
        cited = instruments_cited(
            self.rules(), [p for table in parameters.values() for p in table.values()]
        )
        for unknown in sorted(law.local_instruments - set(cited)):
            self._warn(f"[law] local_instruments names {unknown}, which no loaded plugin cites")
        if problems:
            raise RuleConfigurationError(
                "；".join(p.message_zh for p in problems), "; ".join(p.message_en for p in problems)
            )
        return {
            rule.id: RuleSettings(
                rule=rule,
                parameters=parameters[rule.id],
                enabled=enabled[rule.id],
                sources=sources[rule.id],
                law=law,
            )
            for rule in self.rules()
        }

    def _override(self, rule_id: str, name: str, value: Any) -> Parameter:
        rule = self._rules[rule_id]
        try:
            parameter = rule.parameter(name)
        except KeyError:
            known = ", ".join(p.name for p in rule.parameters) or "none"
            reserved = ", ".join(sorted(RESERVED_SETTING_KEYS))
            raise RuleConfigurationError(
                f"规则 {rule_id} 没有参数 {name}（可用参数：{known}；保留键：{reserved}）",
                f"rule {rule_id} has no parameter {name!r} (parameters: {known}; "
                f"reserved keys: {reserved})",
            ) from None
        return parameter.with_override(value, rule_id=rule_id)

    def _plugin_problem(self, hook: str, plugin_name: str, message: str) -> None:
        error = HookErrorRecord(
            hook=hook, plugin=plugin_name, error_type="InvalidResult", message=message
        )
        self._hook_errors.append(error)
        _log.warning("hook_result_invalid", hook=hook, plugin=plugin_name, problem=message)

    def _warn(self, message: str) -> None:
        if message not in self._warnings:
            self._warnings.append(message)
            _log.warning("plugin_configuration_warning", problem=message)


def load_plugins(
    config: Config | None = None,
    *,
    entry_points: bool = True,
    plugins: Iterable[object] = (),
    known_record_types: Collection[str] | None = None,
) -> PluginManager:
    """A :class:`PluginManager` with the installed plugins loaded (``entry_points=False``
    skips discovery) and the given plugin objects registered."""
    manager = PluginManager(config, known_record_types=known_record_types)
    if entry_points:
        manager.load_entry_points()
    for plugin in plugins:
        manager.register(plugin)
    return manager


# --------------------------------------------------------------------------------------------
# helpers


def _call_impl(impl: pluggy.HookImpl, kwargs: Mapping[str, Any]) -> Any:
    args = [kwargs[name] for name in impl.argnames]
    function: Callable[..., Any] = impl.function
    return function(*args)


def _dist_name(entry_point: importlib_metadata.EntryPoint) -> str | None:
    dist = entry_point.dist
    if dist is None:
        return None
    name = dist.metadata["Name"] if dist.metadata is not None else None
    return str(name) if name else None


def _version_attribute(plugin: object) -> str | None:
    version = getattr(plugin, "__version__", None)
    return str(version) if version is not None else None


def _plugin_path(plugin: object) -> Path | None:
    module = plugin if isinstance(plugin, types.ModuleType) else None
    if module is None:
        module_name = getattr(type(plugin), "__module__", None)
        module = sys.modules.get(module_name) if module_name else None
    file = getattr(module, "__file__", None)
    return Path(file).parent if file else None


def _who(distribution: str | None, plugin: str | None) -> str:
    if distribution and plugin and _normalise(distribution) != _normalise(plugin):
        return f"distribution {distribution} (plugin {plugin})"
    return f"distribution {distribution or plugin}"


def _unknown_hook_message(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"implements unknown hook {name}{hint}; known hooks: {', '.join(known)}"


def _model_record_types() -> frozenset[str]:
    try:
        from enforcement_supervision.model import RECORD_TYPES
    except Exception:  # the model is optional for this check
        return frozenset()
    return frozenset(RECORD_TYPES)
