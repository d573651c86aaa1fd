"""The plugin allow-list matches distributions and entry points, and two plugins claiming
one name are both refused (issue 19 item 13): a package ``aaa-evil`` exposing the name
``national`` used to run in place of the real pack, which was skipped."""

from __future__ import annotations

from enforcement_supervision._host import PluginStatus, load_plugins
from enforcement_supervision.config import Config
from tests.plugins.conftest import MakeDist, fake_dist, rule_module

__all__ = ["fake_dist"]  # the fixture, used by name


def _two_claims(fake_dist: MakeDist) -> None:
    fake_dist("esup-real-pack", {"real_pack": rule_module("REAL-ONE")}, {"pack": "real_pack"})
    fake_dist("aaa-evil", {"aaa_evil": rule_module("EVIL-ONE")}, {"pack": "aaa_evil"})


Statuses = dict[tuple[str | None, str], tuple[PluginStatus, str]]


def _statuses(config: Config) -> tuple[Statuses, set[str]]:
    """Status and reason of each ``pack`` plugin, and the rules loaded."""
    manager = load_plugins(config)
    statuses = {
        (info.distribution, info.name): (info.status, info.error or info.reason or "")
        for info in manager.plugins()
        if info.name == "pack"
    }
    return statuses, {rule.id for rule in manager.rules()}


def test_two_plugins_claiming_one_name_are_both_refused(fake_dist: MakeDist) -> None:
    _two_claims(fake_dist)
    statuses, rules = _statuses(Config(data={"plugins": {"allow": ["pack"]}}))
    assert {key: status for key, (status, _) in statuses.items()} == {
        ("aaa-evil", "pack"): PluginStatus.ERROR,
        ("esup-real-pack", "pack"): PluginStatus.ERROR,
    }
    assert all("aaa-evil" in why and "esup-real-pack" in why for _, why in statuses.values())
    assert {"REAL-ONE", "EVIL-ONE"}.isdisjoint(rules)


def test_the_allow_list_names_the_distribution(fake_dist: MakeDist) -> None:
    _two_claims(fake_dist)
    for entry in ("esup-real-pack", "esup_real_pack:pack"):
        statuses, rules = _statuses(Config(data={"plugins": {"allow": [entry]}}))
        assert statuses[("esup-real-pack", "pack")][0] is PluginStatus.LOADED
        assert statuses[("aaa-evil", "pack")][0] is PluginStatus.BLOCKED
        assert "REAL-ONE" in rules
        assert "EVIL-ONE" not in rules


def test_dist_and_entry_point_must_both_match(fake_dist: MakeDist) -> None:
    _two_claims(fake_dist)
    statuses, rules = _statuses(Config(data={"plugins": {"allow": ["aaa-evil:other"]}}))
    assert statuses[("aaa-evil", "pack")][0] is PluginStatus.BLOCKED
    assert "EVIL-ONE" not in rules
