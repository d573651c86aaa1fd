"""``esup rules new NAME``: the files of a new rule-pack plugin.

The pack passes its own tests at once: one example rule on message templates (with its
citation and docs), its data-driven cases (a flagging and a non-flagging one), and tests that
use the testing kit, register the plugin through a fresh plugin manager (so they pass before
``pip install -e .``) and, once installed, run ``esup rules test`` on it.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path

import attrs

from enforcement_supervision.errors import ConfigurationError

__all__ = ["Scaffold", "plan_scaffold", "write_scaffold"]

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@attrs.frozen
class Scaffold:
    """What ``esup rules new`` writes: where, under which names, and the files."""

    name: str
    directory: Path
    package: str
    rule_id: str
    files: dict[str, str]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "directory": str(self.directory),
            "package": self.package,
            "entry_point": f"{self.name} = {self.package}",
            "rule_id": self.rule_id,
            "files": [str(self.directory / path) for path in self.files],
        }


def plan_scaffold(name: str, parent: Path) -> Scaffold:
    """The scaffold of pack ``name`` in ``parent/name``; refuses a bad name or a folder that
    exists (nothing is overwritten)."""
    if not _NAME.match(name):
        raise ConfigurationError(
            f"规则包名称 {name!r} 无效：以字母开头，只用字母、数字、- 和 _",
            f"invalid pack name {name!r}: start with a letter, use letters, digits, - and _",
        )
    package = re.sub(r"[^a-z0-9_]", "_", name.lower())
    if keyword.iskeyword(package) or package in {"enforcement_supervision", "test", "tests"}:
        raise ConfigurationError(
            f"规则包名称 {name!r} 与 Python 保留名称冲突", f"pack name {name!r} is a reserved name"
        )
    directory = parent / name
    if directory.exists():
        raise ConfigurationError(
            f"{directory} 已存在（不会覆盖）",
            f"{directory} already exists (nothing is overwritten)",
        )
    prefix = re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")
    rule_id = f"{prefix}-CERT-EXPIRED"
    values = {"name": name, "package": package, "rule_id": rule_id}
    files = {
        "pyproject.toml": _PYPROJECT,
        "README.md": _README,
        f"src/{package}/__init__.py": _INIT,
        f"src/{package}/py.typed": "",
        f"src/{package}/cases/{rule_id}.toml": _CASES,
        "tests/test_rules.py": _TESTS,
    }
    return Scaffold(
        name=name,
        directory=directory,
        package=package,
        rule_id=rule_id,
        files={path: _fill(text, values) for path, text in files.items()},
    )


def write_scaffold(scaffold: Scaffold) -> None:
    for path, text in scaffold.files.items():
        target = scaffold.directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _fill(text: str, values: dict[str, str]) -> str:
    # Placeholders are @name@: the files are full of braces (TOML, f-strings, templates).
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = "@name@"
version = "0.1.0"
description = "A rule pack for enforcement-supervision (esup)."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["enforcement-supervision"]

[project.optional-dependencies]
test = ["pytest"]

# The plugin: one entry point in the group "enforcement_supervision".
[project.entry-points.enforcement_supervision]
@name@ = "@package@"

[tool.hatch.build.targets.wheel]
packages = ["src/@package@"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

_README = """\
# @name@

A rule pack for enforcement-supervision (`esup`), made by `esup rules new @name@`.

```console
$ pip install -e .          # registers the entry point: esup loads the pack
$ pytest                    # the cases, the coverage, the plugin, `esup rules test`
$ esup plugins list         # @name@ ... loaded
$ esup rules show @rule_id@
$ esup rules test --plugin @name@
```

## Layout

- `src/@package@/__init__.py` — the rules and the `esup_rules` hook. Each rule declares its
  messages per finding kind (Chinese and English templates with `{fields}` from the facts) and
  its legal basis; the body decides and calls `ctx.finding("kind", key=..., facts=...)`.
- `src/@package@/cases/*.toml` — data-driven cases: every rule needs at least one flagging and
  one non-flagging case (`esup rules test` and `pytest` check both).
- `tests/test_rules.py` — the cases through the testing kit (`enforcement_supervision.testing`),
  the plugin registered through a fresh plugin manager, and `esup rules test` once installed.

To add a rule: write it next to the example, add it to `RULES`, add a case file, run `pytest`.
See the guide "Writing rules" of enforcement-supervision.
"""

_INIT = '''\
"""@name@: a rule pack for enforcement-supervision.

One example rule to start from: an officer whose enforcement certificate has expired.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from enforcement_supervision.rules import Context, LegalBasis, Message, Rule, hookimpl, rule

__version__ = "0.1.0"
#: The hook API this plugin was written for.
ESUP_HOOK_API = 1

#: 行政处罚法 Art. 42(1): penalties are imposed by officers qualified for enforcement.
QUALIFIED_OFFICERS = LegalBasis(
    instrument="中华人民共和国行政处罚法",
    instrument_en="Administrative Penalty Law",
    article="42",
    paragraph="1",
)


@rule(
    id="@rule_id@",
    title_zh="执法证件已过有效期",
    title_en="Enforcement certificate expired",
    category="personnel",
    severity="S3",
    legal_basis=QUALIFIED_OFFICERS,
    applies_to="officer",
    messages={
        "expired": Message(
            zh="执法人员 {officer} 的执法证件（{cert_number}）已于 {valid_to} 到期",
            en="officer {officer}: enforcement certificate {cert_number} expired on {valid_to}",
        )
    },
)
def cert_expired(officer: Any, ctx: Context) -> None:
    """Flags an officer whose enforcement certificate is past its last valid day.

    ## Why
    Only officers qualified for enforcement may impose penalties (行政处罚法 Art. 42(1)); an
    expired certificate must be renewed or the officer taken off enforcement work.

    ## Example that flags
    Officer OF-1 with certificate valid to 2025-03-31, checked on 2025-06-30.

    ## Example that does not flag
    The same officer checked on 2025-03-31 (the last valid day), or with no expiry date.
    """
    valid_to = officer.cert_valid_to
    if valid_to is None or not ctx.ended(valid_to):
        return  # ctx.ended records the recheck time: the day after the last valid day
    ctx.finding(
        "expired",
        key="certificate",
        facts={
            "officer": officer.id,
            "cert_number": officer.cert_number or "-",
            "valid_to": valid_to,
            "expired_on": valid_to + timedelta(days=1),
        },
    )


RULES: tuple[Rule, ...] = (cert_expired,)


@hookimpl
def esup_rules() -> tuple[Rule, ...]:
    """Contribute this pack's rules."""
    return RULES
'''

_CASES = """\
# Data-driven cases for @rule_id@ (run by `esup rules test` and by pytest).
rule = "@rule_id@"

[[case]]
name = "certificate expired before the check"
as_of = 2025-06-30
expect = "flag"
key = "certificate"
subject = "officer/OF-1"
count = 1
reasons = ["2025-03-31"]

[[case.records]]
record_type = "officer"
id = "OF-1"
agency_id = "AG-1"
name = "执法人员甲"
cert_number = "Z-0001"
cert_valid_to = 2025-03-31

[[case]]
name = "last valid day: not yet expired"
as_of = 2025-03-31T18:00:00+08:00
expect = "pass"

[[case.records]]
record_type = "officer"
id = "OF-1"
agency_id = "AG-1"
name = "执法人员甲"
cert_number = "Z-0001"
cert_valid_to = 2025-03-31

[[case]]
name = "no expiry date recorded"
as_of = 2025-06-30
expect = "pass"

[[case.records]]
record_type = "officer"
id = "OF-2"
agency_id = "AG-1"
name = "执法人员乙"
"""

_TESTS = '''\
"""Tests of @name@: the cases through the testing kit, the plugin through a fresh plugin
manager, and `esup rules test` once the pack is installed (`pip install -e .`)."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import @package@ as pack
from enforcement_supervision.cli import main
from enforcement_supervision.testing import (
    PluginManager,
    PluginStatus,
    assert_cases_pass,
    rule_case_params,
    run_rule_case,
)

CASES = Path(pack.__file__).parent / "cases"


@pytest.mark.parametrize("case", rule_case_params(CASES))
def test_case(case: Any) -> None:
    run_rule_case(case, pack.RULES)


def test_every_rule_has_flagging_and_non_flagging_cases() -> None:
    assert_cases_pass(CASES, pack.RULES)


def test_the_plugin_loads(esup_plugins: PluginManager) -> None:
    # esup_plugins: a plugin manager without the installed plugins (the testing kit).
    info = esup_plugins.register(pack, name="@name@")
    assert info.status is PluginStatus.LOADED, info.error
    assert [rule.id for rule in esup_plugins.rules()] == [rule.id for rule in pack.RULES]


def _installed() -> bool:
    found = importlib.metadata.entry_points(group="enforcement_supervision", name="@name@")
    return bool(list(found))


@pytest.mark.skipif(not _installed(), reason="not installed yet: pip install -e .")
def test_esup_rules_test(tmp_path: Path) -> None:
    config = tmp_path / "esup.toml"
    config.write_text('[plugins]\\nallow = ["@name@"]\\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--config", str(config), "--lang", "en", "rules", "test", "--plugin", "@name@"]
    )
    assert result.exit_code == 0, result.output
'''
