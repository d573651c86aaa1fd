"""Plugin discovery and loading: bad plugins are reported and skipped, never fatal."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pytest

from enforcement_supervision._host import (
    PluginInfo,
    PluginManager,
    PluginStatus,
    hookspec,
    load_plugins,
)
from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.rules import RuleConfigurationError, hookimpl
from enforcement_supervision.rules.hookspecs import (
    HOOK_API_MIN,
    HOOK_API_VERSION,
    EsupHookDeprecationWarning,
)
from enforcement_supervision.statutory_time import provisional_schedule

from .conftest import MakeDist, rule_module


def by_name(manager: PluginManager) -> dict[str, PluginInfo]:
    return {info.name: info for info in manager.plugins()}


class TestDiscovery:
    def test_a_plugin_that_raises_on_import_is_an_error_while_others_load(
        self, fake_dist: MakeDist
    ) -> None:
        fake_dist(
            "esup-fake-broken",
            {"fake_broken": "raise RuntimeError('database driver missing')\n"},
            {"fake-broken": "fake_broken"},
        )
        fake_dist(
            "esup-fake-good", {"fake_good": rule_module("FAKE-GOOD")}, {"fake-good": "fake_good"}
        )
        manager = load_plugins(Config())
        infos = by_name(manager)
        broken = infos["fake-broken"]
        assert broken.status is PluginStatus.ERROR
        assert broken.distribution == "esup-fake-broken"
        assert broken.version == "1.0"
        assert broken.error is not None
        assert "RuntimeError: database driver missing" in broken.error
        good = infos["fake-good"]
        assert good.status is PluginStatus.LOADED
        assert good.rule_ids == ("FAKE-GOOD",)
        assert good.hooks == ("esup_rules",)
        assert infos["example-local-rules"].status is PluginStatus.LOADED
        rules = {rule.id: rule for rule in manager.rules()}
        assert rules["FAKE-GOOD"].plugin == "fake-good"
        assert rules["FAKE-GOOD"].distribution == "esup-fake-good"
        assert "LOCAL-LIAISON-QUARTERLY" in rules

    def test_a_module_calling_sys_exit_does_not_stop_the_host(self, fake_dist: MakeDist) -> None:
        fake_dist(
            "esup-fake-exit", {"fake_exit": "import sys\nsys.exit(3)\n"}, {"fake-exit": "fake_exit"}
        )
        info = by_name(load_plugins(Config()))["fake-exit"]
        assert info.status is PluginStatus.ERROR
        assert "SystemExit" in (info.error or "")

    def test_duplicate_rule_ids_name_both_distributions(self, fake_dist: MakeDist) -> None:
        fake_dist(
            "esup-fake-alpha", {"fake_alpha": rule_module("FAKE-DUP")}, {"alpha": "fake_alpha"}
        )
        fake_dist(
            "esup-fake-beta",
            {"fake_beta": rule_module("FAKE-DUP")},
            {"beta": "fake_beta"},
            version="2.3",
        )
        manager = load_plugins(Config())
        infos = by_name(manager)
        assert infos["alpha"].status is PluginStatus.LOADED
        beta = infos["beta"]
        assert beta.status is PluginStatus.ERROR
        assert beta.error is not None
        assert "FAKE-DUP" in beta.error
        assert "esup-fake-alpha" in beta.error
        assert "esup-fake-beta" in beta.error
        assert manager.rule("FAKE-DUP").distribution == "esup-fake-alpha"
        # the skipped plugin is not registered, so none of its hooks is ever called
        assert manager.pm.get_plugin("beta") is None
        assert "beta" not in [name for name, _ in manager.call("esup_rules").results]

    def test_duplicate_with_an_installed_rule(self, fake_dist: MakeDist) -> None:
        fake_dist(
            "esup-fake-copycat",
            {"fake_copycat": rule_module("LOCAL-LIAISON-QUARTERLY", applies_to="feedback")},
            {"copycat": "fake_copycat"},
        )
        info = by_name(load_plugins(Config()))["copycat"]
        assert info.status is PluginStatus.ERROR
        assert "esup-example-local-rules" in (info.error or "")
        assert "esup-fake-copycat" in (info.error or "")

    def test_a_rule_for_an_unknown_record_type_is_invalid(self, fake_dist: MakeDist) -> None:
        fake_dist(
            "esup-fake-typo",
            {"fake_typo": rule_module("FAKE-TYPO", applies_to="penalty-cases")},
            {"typo": "fake_typo"},
        )
        info = by_name(load_plugins(Config()))["typo"]
        assert info.status is PluginStatus.ERROR
        assert "unknown record type 'penalty-cases' (did you mean 'penalty-case'?)" in (
            info.error or ""
        )

    def test_an_invalid_declaration_fails_the_import(self, fake_dist: MakeDist) -> None:
        fake_dist(
            "esup-fake-badid",
            {"fake_badid": rule_module("bad id")},
            {"badid": "fake_badid"},
        )
        info = by_name(load_plugins(Config()))["badid"]
        assert info.status is PluginStatus.ERROR
        assert "rule id 'bad id'" in (info.error or "")

    def test_returning_something_that_is_not_a_rule(self, esup_plugins: PluginManager) -> None:
        class Plugin:
            @hookimpl
            def esup_rules(self) -> list[str]:
                return ["PEN-X"]

        info = esup_plugins.register(Plugin(), "not-rules")
        assert info.status is PluginStatus.ERROR
        assert "not a Rule" in (info.error or "")
        assert esup_plugins.rules() == []


class TestAllowAndBlock:
    @pytest.fixture
    def two_plugins(self, fake_dist: MakeDist) -> None:
        fake_dist("esup-fake-one", {"fake_one": rule_module("FAKE-ONE")}, {"fake-one": "fake_one"})
        fake_dist("esup-fake-two", {"fake_two": rule_module("FAKE-TWO")}, {"fake-two": "fake_two"})

    @pytest.mark.usefixtures("two_plugins")
    def test_block_by_distribution_or_plugin_name(self) -> None:
        manager = load_plugins(Config(data={"plugins": {"block": ["esup_fake_one", "Fake-Two"]}}))
        infos = by_name(manager)
        assert infos["fake-one"].status is PluginStatus.BLOCKED
        assert infos["fake-one"].reason == "blocked by [plugins] block"
        assert infos["fake-two"].status is PluginStatus.BLOCKED
        assert {"FAKE-ONE", "FAKE-TWO"}.isdisjoint(rule.id for rule in manager.rules())

    @pytest.mark.usefixtures("two_plugins")
    def test_allow_list_loads_only_those_and_block_wins(self) -> None:
        config = Config(
            data={"plugins": {"allow": ["fake-one", "fake-two"], "block": ["fake-two"]}}
        )
        infos = by_name(load_plugins(config))
        assert infos["fake-one"].status is PluginStatus.LOADED
        assert infos["fake-two"].status is PluginStatus.BLOCKED
        assert infos["example-local-rules"].status is PluginStatus.BLOCKED
        assert infos["example-local-rules"].reason == "not in [plugins] allow"

    def test_empty_allow_list_loads_nothing(self) -> None:
        manager = load_plugins(Config(data={"plugins": {"allow": []}}))
        assert manager.rules() == []
        assert all(info.status is PluginStatus.BLOCKED for info in manager.plugins())

    def test_allow_must_be_a_list_of_names(self) -> None:
        with pytest.raises(ConfigurationError, match="allow"):
            PluginManager(Config(data={"plugins": {"allow": "fake-one"}}))


class TestHookValidation:
    def test_misspelt_hook_is_rejected_with_a_hint(self, esup_plugins: PluginManager) -> None:
        class Plugin:
            @hookimpl
            def esup_rule(self) -> list[Any]:
                return []

        info = esup_plugins.register(Plugin(), "typo")
        assert info.status is PluginStatus.ERROR
        assert "unknown hook esup_rule (did you mean esup_rules?)" in (info.error or "")

    def test_hook_without_marker_is_rejected(self, esup_plugins: PluginManager) -> None:
        class Plugin:
            def esup_rules(self) -> list[Any]:
                return []

        info = esup_plugins.register(Plugin(), "unmarked")
        assert info.status is PluginStatus.ERROR
        assert "without the @hookimpl marker" in (info.error or "")

    def test_unknown_argument_is_rejected(self, esup_plugins: PluginManager) -> None:
        class Plugin:
            @hookimpl
            def esup_run_started(self, run: Any, store: Any) -> None:
                return None

        info = esup_plugins.register(Plugin(), "bad-args")
        assert info.status is PluginStatus.ERROR
        assert "store" in (info.error or "")

    def test_wrappers_are_rejected(self, esup_plugins: PluginManager) -> None:
        class Plugin:
            @hookimpl(wrapper=True)
            def esup_run_started(self, run: Any) -> Iterator[None]:
                yield None

        info = esup_plugins.register(Plugin(), "wrapper")
        assert info.status is PluginStatus.ERROR
        assert "wrappers are not supported" in (info.error or "")

    def test_a_plugin_needing_a_newer_hook_api_is_skipped(
        self, esup_plugins: PluginManager
    ) -> None:
        class Plugin:
            ESUP_HOOK_API = 99

            @hookimpl
            def esup_rules(self) -> list[Any]:
                return []

        info = esup_plugins.register(Plugin(), "future")
        assert info.status is PluginStatus.ERROR
        assert "hook API 99" in (info.error or "")
        assert "upgrade enforcement-supervision" in (info.error or "")

    @pytest.mark.parametrize(
        ("declared", "served", "says"),
        [
            (HOOK_API_MIN - 1, False, "upgrade the plugin"),
            (HOOK_API_MIN, True, None),
            (HOOK_API_VERSION, True, None),
            (HOOK_API_VERSION + 1, False, "upgrade enforcement-supervision"),
            ("2", False, "must be a whole number"),
            (True, False, "must be a whole number"),
        ],
    )
    def test_the_host_serves_a_range_of_hook_apis(
        self, esup_plugins: PluginManager, declared: object, served: bool, says: str | None
    ) -> None:
        class Plugin:
            ESUP_HOOK_API = declared

            @hookimpl
            def esup_rules(self) -> list[Any]:
                return []

        info = esup_plugins.register(Plugin(), "versioned")
        if served:
            assert info.status is PluginStatus.LOADED
            return
        assert info.status is PluginStatus.ERROR
        assert says is not None
        assert says in (info.error or "")
        assert f"{HOOK_API_MIN}–{HOOK_API_VERSION}" in (info.error or "")

    def test_deprecated_arguments_warn_at_registration(self, esup_plugins: PluginManager) -> None:
        class FutureSpecs:
            @hookspec(
                warn_on_impl_args={
                    "legacy": EsupHookDeprecationWarning("legacy is deprecated; use run")
                }
            )
            def esup_example_event(self, run: Any, legacy: Any) -> None:
                """An event with a deprecated argument."""

        esup_plugins.pm.add_hookspecs(FutureSpecs)

        class Plugin:
            @hookimpl
            def esup_example_event(self, legacy: Any) -> None:
                return None

        info = esup_plugins.register(Plugin(), "old-style")
        assert info.status is PluginStatus.LOADED
        assert info.warnings == ("legacy is deprecated; use run",)


class TestSafeCalls:
    def test_a_failing_hookimpl_is_isolated(self, esup_plugins: PluginManager) -> None:
        seen: list[str] = []

        def plugin(name: str, fail: bool = False) -> object:
            class Plugin:
                @hookimpl
                def esup_run_started(self, run: Any) -> str:
                    seen.append(name)
                    if fail:
                        raise ConnectionError("SMTP server unreachable")
                    return name

            return Plugin()

        esup_plugins.register(plugin("first"), "first")
        esup_plugins.register(plugin("mailer", fail=True), "mailer")
        esup_plugins.register(plugin("last"), "last")
        result = esup_plugins.call("esup_run_started", run=object())
        assert seen == ["last", "mailer", "first"]  # pluggy order: latest registered first
        assert [name for name, _ in result.results] == ["last", "first"]
        (error,) = result.errors
        assert (error.plugin, error.hook, error.error_type) == (
            "mailer",
            "esup_run_started",
            "ConnectionError",
        )
        assert "SMTP server unreachable" in error.traceback
        assert esup_plugins.notify("esup_run_started", run=object())[0].plugin == "mailer"
        assert by_name(esup_plugins)["mailer"].hook_errors[0].startswith("esup_run_started")

    def test_firstresult_stops_at_the_first_answer(self, esup_plugins: PluginManager) -> None:
        calls: list[str] = []

        def plugin(name: str, answer: object) -> object:
            class Plugin:
                @hookimpl
                def esup_run_finished(self, run: Any) -> object:
                    calls.append(name)
                    return answer

            return Plugin()

        esup_plugins.register(plugin("a", "A"), "a")
        esup_plugins.register(plugin("b", None), "b")
        result = esup_plugins.call("esup_run_finished", firstresult=True, run=None)
        assert result.values == ["A"]
        assert calls == ["b", "a"]

    def test_esup_rules_failing_at_load_is_a_load_error(self, esup_plugins: PluginManager) -> None:
        class Plugin:
            @hookimpl
            def esup_rules(self) -> list[Any]:
                raise KeyError("rules.yaml")

        info = esup_plugins.register(Plugin(), "fails")
        assert info.status is PluginStatus.ERROR
        assert "esup_rules failed: KeyError" in (info.error or "")
        assert esup_plugins.pm.get_plugin("fails") is None


class TestConfiguration:
    def test_each_plugin_gets_its_own_section(self, fake_dist: MakeDist) -> None:
        fake_dist(
            "esup-fake-conf",
            {
                "fake_conf": rule_module(
                    "FAKE-CONF",
                    extra="""
SETTINGS = {}

@hookimpl
def esup_configure(config, settings):
    SETTINGS.update(settings)
""",
                )
            },
            {"fake-conf": "fake_conf"},
        )
        config = Config(data={"plugins": {"fake-conf": {"sector": "market-regulation"}}})
        manager = load_plugins(config)
        assert by_name(manager)["fake-conf"].hooks == ("esup_configure", "esup_rules")
        module = manager.plugin_object("fake-conf")
        assert module is not None
        assert module.SETTINGS == {"sector": "market-regulation"}  # type: ignore[attr-defined]

    def test_a_configuration_error_skips_the_plugin(self, esup_plugins: PluginManager) -> None:
        class Plugin:
            @hookimpl
            def esup_configure(self, settings: Mapping[str, Any]) -> None:
                raise ConfigurationError("缺少 sector", "sector is required")

        info = esup_plugins.register(Plugin(), "needs-sector")
        assert info.status is PluginStatus.ERROR
        assert "sector is required" in (info.error or "")

    @pytest.fixture
    def manager(self, fake_dist: MakeDist) -> MakeDist:
        fake_dist(
            "esup-fake-params", {"fake_params": rule_module("FAKE-PARAMS")}, {"p": "fake_params"}
        )
        return fake_dist

    @pytest.mark.usefixtures("manager")
    def test_rule_parameters_from_the_configuration(self) -> None:
        config = Config(data={"rules": {"FAKE-PARAMS": {"cap": 20, "enabled": False}}})
        settings = load_plugins(config).rule_settings()["FAKE-PARAMS"]
        assert settings.parameters["cap"].default == 20
        assert settings.sources == {"cap": "config"}
        assert settings.enabled is False
        default = load_plugins(Config()).rule_settings()["FAKE-PARAMS"]
        assert default.parameters["cap"].default == 10
        assert default.digest() != settings.digest()

    @pytest.mark.usefixtures("manager")
    def test_unknown_parameter_names_rule_and_parameter(self) -> None:
        config = Config(data={"rules": {"FAKE-PARAMS": {"capp": 20}}})
        with pytest.raises(RuleConfigurationError) as raised:
            load_plugins(config).rule_settings()
        assert "FAKE-PARAMS" in raised.value.message_en
        assert "'capp'" in raised.value.message_en
        assert "cap" in raised.value.message_en

    @pytest.mark.usefixtures("manager")
    def test_wrong_value_type_is_an_error(self) -> None:
        config = Config(data={"rules": {"FAKE-PARAMS": {"cap": "ten"}}})
        with pytest.raises(RuleConfigurationError, match=r"FAKE-PARAMS.*cap"):
            load_plugins(config).rule_settings()

    @pytest.mark.usefixtures("manager")
    def test_unknown_rule_id_is_a_warning(self) -> None:
        manager = load_plugins(Config(data={"rules": {"NOT-INSTALLED": {"x": 1}}}))
        manager.rule_settings()
        assert any("NOT-INSTALLED" in warning for warning in manager.warnings)

    @pytest.mark.usefixtures("manager")
    def test_plugin_overrides_sit_between_defaults_and_configuration(self) -> None:
        class CountyPack:
            @hookimpl
            def esup_parameter_overrides(self, config: Config) -> dict[str, Any]:
                return {"FAKE-PARAMS": {"cap": 15}, "NOT-INSTALLED": {"x": 1}}

        manager = load_plugins(Config())
        manager.register(CountyPack(), "county-pack")
        settings = manager.rule_settings()["FAKE-PARAMS"]
        assert settings.parameters["cap"].default == 15
        assert settings.sources == {"cap": "plugin:county-pack"}

        configured = load_plugins(Config(data={"rules": {"FAKE-PARAMS": {"cap": 30}}}))
        configured.register(CountyPack(), "county-pack")
        assert configured.rule_settings()["FAKE-PARAMS"].parameters["cap"].default == 30

    @pytest.mark.usefixtures("manager")
    def test_a_bad_plugin_override_is_reported_not_raised(self) -> None:
        class Sloppy:
            @hookimpl
            def esup_parameter_overrides(self, config: Config) -> dict[str, Any]:
                return {"FAKE-PARAMS": {"kap": 1}}

        manager = load_plugins(Config())
        manager.register(Sloppy(), "sloppy")
        assert manager.rule_settings()["FAKE-PARAMS"].parameters["cap"].default == 10
        assert any(e.plugin == "sloppy" and "'kap'" in e.message for e in manager.hook_errors)


class TestContributions:
    def test_holiday_schedules_first_result_per_year(self, esup_plugins: PluginManager) -> None:
        official = provisional_schedule(2027)
        other = attrs.evolve(official, note="a different 2027")

        def plugin(schedule: Any) -> object:
            class Plugin:
                @hookimpl
                def esup_holiday_schedules(self) -> list[Any]:
                    return [schedule]

            return Plugin()

        esup_plugins.register(plugin(other), "older")
        esup_plugins.register(plugin(official), "newer")
        schedules = esup_plugins.holiday_schedules()
        assert schedules == {2027: official}  # the most recently registered is called first
        assert any("2027" in w and "older" in w for w in esup_plugins.warnings)

    def test_record_sources_follow_the_protocol(self, esup_plugins: PluginManager) -> None:
        class TownshipDb:
            name = "township-db"
            record_types = ("penalty-case",)

            def iter_records(self, record_type: str) -> Iterator[dict[str, Any]]:
                yield {"id": "PC-1"}

        class Plugin:
            @hookimpl
            def esup_record_sources(self, config: Config) -> list[object]:
                return [TownshipDb(), "not a source"]

        esup_plugins.register(Plugin(), "db")
        (source,) = esup_plugins.record_sources()
        assert source.name == "township-db"
        assert list(source.iter_records("penalty-case")) == [{"id": "PC-1"}]
        assert any("RecordSource" in e.message for e in esup_plugins.hook_errors)

    def test_register_rules_without_a_plugin(self, esup_plugins: PluginManager) -> None:
        from enforcement_supervision.rules import LegalBasis, rule

        @rule(
            id="EMBED-ONE",
            title_zh="嵌入",
            title_en="embedded",
            category="procedure",
            severity="S4",
            legal_basis=LegalBasis(instrument="内部规定"),
            applies_to="officer",
        )
        def embedded(record: Any, ctx: Any) -> None:
            return None

        info = esup_plugins.register_rules(embedded, name="township-system")
        assert info.rule_ids == ("EMBED-ONE",)
        assert esup_plugins.rule("embed-one").plugin == "township-system"
        assert esup_plugins.select_rules(["EMBED-*"]) == [esup_plugins.rule("EMBED-ONE")]


def test_loading_twice_does_not_duplicate(fake_dist: MakeDist) -> None:
    fake_dist("esup-fake-once", {"fake_once": rule_module("FAKE-ONCE")}, {"once": "fake_once"})
    manager = load_plugins(Config())
    assert manager.load_entry_points() == []
    assert [info.name for info in manager.plugins()].count("once") == 1
    assert by_name(manager)["once"].status is PluginStatus.LOADED


def test_hook_errors_are_records_and_raise_for_errors_raises_the_exception(
    esup_plugins: PluginManager,
) -> None:
    from enforcement_supervision._host import HookError, HookErrorRecord
    from enforcement_supervision.errors import EsupError

    class Broken:
        @hookimpl
        def esup_holiday_schedules(self) -> list[Any]:
            raise RuntimeError("no schedules today")

    esup_plugins.register(Broken(), "broken-hook")
    result = esup_plugins.call("esup_holiday_schedules")
    (record,) = result.errors
    assert isinstance(record, HookErrorRecord)
    assert not isinstance(record, BaseException)
    with pytest.raises(HookError, match="no schedules today") as raised:
        result.raise_for_errors()
    assert isinstance(raised.value, EsupError)
    assert raised.value.records == (record,)
