"""The plugin hooks of enforcement-supervision (the one hookspec module).

A plugin is a module (or object) with functions marked ``@hookimpl`` whose names are the
hook names below; it is found through the entry-point group ``enforcement_supervision``.
Every hook is documented here and in ``docs/reference/hooks.md`` (a test keeps them in
step). The host calls hooks **one implementation at a time**: an implementation that raises
is reported with its plugin's name and the others still run. Implementations may accept
fewer arguments than the spec names (pluggy passes only those they ask for).

Versioning: :data:`HOOK_API_VERSION` grows by one when a hook is removed or changes
incompatibly. Before that, a deprecated hook or argument is declared with pluggy's
``warn_on_impl`` / ``warn_on_impl_args`` for at least one minor release, so plugins see an
:class:`EsupHookDeprecationWarning` when they are registered (``esup plugins list`` shows it)
instead of breaking on upgrade day. A plugin declares the API it was written for with a
module attribute ``ESUP_HOOK_API = 2``; the host serves every version from
:data:`HOOK_API_MIN` to :data:`HOOK_API_VERSION`, and refuses a plugin declaring one outside
that range (too new: upgrade enforcement-supervision; too old: upgrade the plugin) with a
message saying so (``esup plugins list`` shows it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs
import pluggy

if TYPE_CHECKING:
    from enforcement_supervision.config import Config
    from enforcement_supervision.rules._finding import Finding
    from enforcement_supervision.rules._meta import Rule
    from enforcement_supervision.statutory_time import HolidaySchedule
    from enforcement_supervision.store import StoreReader

__all__ = [
    "HOOK_API_MIN",
    "HOOK_API_VERSION",
    "PROJECT_NAME",
    "EsupHookDeprecationWarning",
    "RecordSource",
    "RunInfo",
    "hookimpl",
    "hookspec",
]

#: The pluggy project name (also the entry-point group).
PROJECT_NAME = "enforcement_supervision"

#: The version of the hook API described in this module. Raised by one on every
#: incompatible change; plugins may declare ``ESUP_HOOK_API`` to say which one they need.
#: Version 2: every run hook gets one frozen :class:`RunInfo` (with ``schedule``, ``slot``,
#: ``counts`` and a read-only ``store``) instead of the engine's run record or result.
HOOK_API_VERSION = 2
#: The oldest hook API this host still serves: a plugin declaring ``ESUP_HOOK_API`` below it
#: (or above :data:`HOOK_API_VERSION`) is refused with a message naming the range. Version 1
#: plugins still work: :class:`RunInfo` keeps the attributes they read.
HOOK_API_MIN = 1

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Mark a plugin's hook implementations: ``@hookimpl def esup_rules(): ...``.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class EsupHookDeprecationWarning(DeprecationWarning):
    """A plugin implements a deprecated hook or uses a deprecated hook argument."""


@runtime_checkable
class RecordSource(Protocol):
    """Records from the embedding system's own database, without copying them first.

    ``name`` identifies the source in logs and in the store's ``source`` column;
    ``record_types`` lists the types it can supply; ``iter_records(record_type)`` yields,
    for one type, either model record objects or plain mappings in the JSON form of the
    record (they are validated like imported rows; a bad one is reported, never dropped
    silently). Implementations should stream (a generator, a server-side cursor) rather than
    build lists, so memory stays bounded by the batch.
    """

    name: str

    @property
    def record_types(self) -> Iterable[str]: ...

    def iter_records(self, record_type: str) -> Iterator[Any]: ...


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({key: _frozen(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


@attrs.frozen(kw_only=True)
class RunInfo:
    """One check run, as every run hook receives it (``esup_run_started``, the finding hooks,
    ``esup_rule_error`` and ``esup_run_finished`` get the same type).

    ``run_id``; ``as_of`` (the evaluation instant); ``mode`` (``incremental``, ``full`` or
    ``retrospective``); ``schedule`` and ``slot`` (the schedule and slot the run was made
    for, ``None`` for a check run by hand); ``started_at``; ``finished_at`` and ``outcome``
    (``None`` and ``running`` until the run finishes; then ``ok``, ``errors`` or
    ``failed``); ``counts`` (empty until the run finishes; then ``evaluated``, ``skipped``,
    ``not_in_force``, ``opened``, ``resolved``, ``reopened``, ``undetected``,
    ``redetected``, ``active``, ``records_synced``, ``errors``, ``rules``,
    ``active_by_severity``, ``active_by_category``, ``notes``; read-only); ``store``, a
    read-only view of the store the run writes to
    (:class:`~enforcement_supervision.store.StoreReader`: ``run.store.open_findings()``,
    ``run.store.get_run(run.run_id)``…; ``None`` when the host has no store).

    For plugins written for hook API 1, a count is also readable as an attribute
    (``run.opened``); new code reads ``run.counts["opened"]``.
    """

    run_id: str
    as_of: datetime
    mode: str
    started_at: datetime
    outcome: str
    finished_at: datetime | None = None
    schedule: str | None = None
    slot: datetime | None = None
    counts: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen)
    store: StoreReader | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def duration(self) -> float | None:
        """Seconds from start to finish (``None`` while running)."""
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    @property
    def retrospective(self) -> bool:
        """A check as of an instant before the store's latest check: it changed nothing."""
        return self.mode == "retrospective"

    def __getattr__(self, name: str) -> Any:
        # Hook API 1 handed esup_run_finished the engine's result, with counts as attributes.
        try:
            counts = object.__getattribute__(self, "counts")
        except AttributeError:
            raise AttributeError(name) from None
        if not name.startswith("_") and name in counts:
            return counts[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


# --------------------------------------------------------------------------------------------
# Contributing things


@hookspec
def esup_rules() -> Iterable[Rule]:  # type: ignore[empty-body]
    """Contribute rules.

    **When:** once, while the plugin manager loads the plugin (after
    :func:`esup_configure`), one plugin at a time.

    **Receives:** nothing.

    **Returns:** an iterable of :class:`~enforcement_supervision.rules.Rule` objects
    (usually made with the ``@rule`` decorator), or ``None``. Every implementation's rules
    are collected (not first-result). A plugin whose rules are invalid, or whose rule id is
    already taken by another distribution, is reported as an error (naming both
    distributions) and skipped as a whole; the other plugins load.

    Example::

        @hookimpl
        def esup_rules():
            return [liaison_feedback_quarterly]
    """


@hookspec
def esup_holiday_schedules() -> Iterable[HolidaySchedule]:  # type: ignore[empty-body]
    """Contribute official holiday schedules (放假调休安排) for years the library lacks.

    **When:** when the host builds the statutory calendar (each ``esup`` command that counts
    deadlines), after all plugins are loaded.

    **Receives:** nothing.

    **Returns:** an iterable of
    :class:`~enforcement_supervision.statutory_time.HolidaySchedule` objects (one per year),
    or ``None``. All implementations are called; **per year the first result wins**:
    implementations run in pluggy's order (``tryfirst`` ones first, then the most recently
    registered first), and a later schedule for a year already supplied is ignored with a
    warning when it differs. Plugin schedules take precedence over the schedules built into
    the library for the same year (a deployment installs them on purpose, e.g. for an
    autonomous region's extra holidays); schedule files named in ``[calendar]`` of the
    configuration take precedence over both.

    Example::

        @hookimpl
        def esup_holiday_schedules():
            return load_schedule_file(Path(__file__).with_name("2027.toml"))
    """


@hookspec
def esup_record_sources(config: Config) -> Iterable[RecordSource]:  # type: ignore[empty-body]
    """Supply records straight from the embedding system's database (a *source plugin*).

    **When:** when records are gathered for a check (``esup check``, ``run_check``), after
    plugins are loaded and configured.

    **Receives:** ``config``, the parsed configuration file
    (:class:`~enforcement_supervision.config.Config`); read your connection settings from
    ``config.section("plugins").get("<your plugin name>")`` or keep what
    :func:`esup_configure` gave you.

    **Returns:** an iterable of objects following the :class:`RecordSource` protocol
    (``name``, ``record_types``, ``iter_records(record_type)``), or ``None``. All
    implementations are called (not first-result); sources are read in the order returned.

    Example::

        class TownshipDb:
            name = "township-db"
            record_types = ("penalty-case",)
            def iter_records(self, record_type):
                for row in db.execute("select * from cases"):
                    yield {"id": row.case_no, "filed_date": row.filed, ...}

        @hookimpl
        def esup_record_sources(config):
            return [TownshipDb()]
    """


@hookspec
def esup_parameter_overrides(config: Config) -> Mapping[str, Mapping[str, Any]] | None:
    """Override parameters of rules contributed by *other* plugins (a county pack setting
    its own hearing thresholds for the national rules, a sector profile).

    **When:** when the manager resolves rule settings, after every plugin's rules are known.

    **Receives:** ``config``, the parsed configuration file.

    **Returns:** a mapping ``{rule_id: {parameter: value}}`` or ``None``. Values take the same
    forms as in a ``[rules."RULE-ID"]`` table (a plain value, or a list of
    ``{since = DATE, value = ...}`` tables for dated values) and are validated the same way;
    a list of :class:`~enforcement_supervision.rules.DatedValue` keeps each value's ``source``,
    which the findings that use the value cite (a local profile). An override of a pack
    parameter for one rule applies to every rule of its pack. All implementations are called;
    when two plugins set the same parameter, the one called first wins (``tryfirst``, then most
    recently registered). Precedence, lowest first: the rule's defaults, plugin overrides, the
    deployment's ``[rules."RULE-ID"]`` and ``[packs."PLUGIN"]`` tables.

    Example::

        @hookimpl
        def esup_parameter_overrides(config):
            return {"PEN-HEARING-RIGHT": {"hearing_fine_threshold_person": 5000}}
    """


@hookspec
def esup_configure(config: Config, settings: Mapping[str, Any]) -> None:
    """Configure the plugin from its own section of the configuration file.

    **When:** once per plugin while it is loaded, before :func:`esup_rules`.

    **Receives:** ``config``, the whole parsed configuration file, and ``settings``, the
    plugin's own table ``[plugins.<plugin name>]`` (an empty mapping when absent). The host
    calls each implementation with *its* plugin's table.

    **Returns:** nothing. Raise :class:`~enforcement_supervision.errors.ConfigurationError`
    (with both languages) for a bad setting: the plugin is then reported as an error and
    skipped, and the other plugins load.

    Example::

        @hookimpl
        def esup_configure(config, settings):
            global SECTOR
            SECTOR = settings.get("sector", "market-regulation")
    """


# --------------------------------------------------------------------------------------------
# Events (notifications); return values are ignored


@hookspec
def esup_run_started(run: RunInfo) -> None:
    """A check run has started.

    **When:** after the run record is created and before any rule is evaluated.

    **Receives:** ``run``, a :class:`RunInfo` (``run_id``, ``as_of``, ``mode``,
    ``schedule``, ``slot``, ``started_at``; ``finished_at`` is ``None``, ``outcome`` is
    ``running`` and ``counts`` is empty here; ``run.store`` reads the store).

    **Returns:** nothing (ignored). All implementations are called; one that raises is
    logged with its plugin's name and does not stop the run.

    Example::

        @hookimpl
        def esup_run_started(run):
            log.info("esup run", run_id=run.run_id, as_of=run.as_of.isoformat())
    """


@hookspec
def esup_run_finished(run: RunInfo) -> None:
    """A check run has finished and its findings are stored.

    **When:** after reconciliation and after every finding event of the run was delivered.
    A retrospective check (an instant before the store's latest check, mode
    ``retrospective``) fires both run hooks but stores no finding and fires no finding hook.

    **Receives:** ``run``, the same :class:`RunInfo` as the other run hooks, finished:
    ``finished_at``, ``outcome`` and ``counts`` are set; ``run.store`` reads the findings
    the run stored (``run.store.open_findings()``) and the stored run with its per-rule
    timings (``run.store.get_run(run.run_id)``).

    **Returns:** nothing (ignored). All implementations are called.

    Example::

        @hookimpl
        def esup_run_finished(run):
            if run.counts["opened"]:
                send_daily_digest(run.run_id, run.store.open_findings(min_severity="S2"))
    """


@hookspec
def esup_finding_opened(finding: Finding, run: RunInfo) -> None:
    """A new finding was stored (first seen in this run).

    **When:** during reconciliation, after the finding and its ``opened`` event are stored.

    **Receives:** ``finding`` (:class:`~enforcement_supervision.rules.Finding`, with its
    statement of reasons) and ``run``.

    **Returns:** nothing (ignored). All implementations are called; use it to notify the
    agency or a liaison point. Never put personal data of parties or reporters in logs.

    Example::

        @hookimpl
        def esup_finding_opened(finding, run):
            if finding.severity.at_least("S2"):
                notify(finding.agency_id, finding.message_zh)
    """


@hookspec
def esup_finding_resolved(finding: Finding, run: RunInfo) -> None:
    """An open finding was not produced again, so it was resolved.

    **When:** during reconciliation, after the ``resolved`` event is stored.

    **Receives:** ``finding`` (as last produced) and ``run``.

    **Returns:** nothing (ignored). All implementations are called.

    Example::

        @hookimpl
        def esup_finding_resolved(finding, run):
            close_ticket(finding.fingerprint)
    """


@hookspec
def esup_finding_reopened(finding: Finding, run: RunInfo) -> None:
    """A resolved finding came back (the same fingerprint was produced again).

    **When:** during reconciliation, after the ``reopened`` event is stored.

    **Receives:** ``finding`` (as produced now) and ``run``.

    **Returns:** nothing (ignored). All implementations are called.

    Example::

        @hookimpl
        def esup_finding_reopened(finding, run):
            reopen_ticket(finding.fingerprint, finding.message_zh)
    """


@hookspec
def esup_rule_error(rule_id: str, plugin: str | None, error: Any, run: RunInfo) -> None:
    """A rule raised (or exceeded its time budget) during a run.

    **When:** as soon as the engine records the error outcome for the (plugin, rule) pair;
    the run continues with the other rules.

    **Receives:** ``rule_id``; ``plugin``, the name of the plugin that contributed the rule
    (``None`` for rules registered directly); ``error``, a
    :class:`~enforcement_supervision._host.RuleErrorRecord` (type, message, traceback, subject);
    ``run``.

    **Returns:** nothing (ignored). All implementations are called.

    Example::

        @hookimpl
        def esup_rule_error(rule_id, plugin, error, run):
            alert_maintainers(plugin, rule_id, error.message)
    """
