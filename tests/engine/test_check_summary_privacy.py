"""The ``esup check`` summary never prints what a rule's exception says (issue 19 item 10).

A rule's error text is whatever its exception says, and an exception quotes data: a party's
name, ID and phone number. Rule error text is for the supervision office only (``esup runs
show``, the internal report); the summary on the terminal, which ends up in cron mails and CI
logs, names the rule, the subject and the type of error, and where to read the rest.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.cli._common import EXIT_RULE_ERRORS
from enforcement_supervision.store import Store

from .conftest import MakeDist
from .rules_for_tests import agency, lead

LEAKY_RULES = """
from typing import Any
from enforcement_supervision.rules import LegalBasis, hookimpl, rule

@rule(
    id="T-LEAKY",
    title_zh="报错时引用当事人信息的规则",
    title_en="A rule whose error quotes the party",
    category="procedure",
    severity="S2",
    legal_basis=LegalBasis(instrument="测试规定", article="1"),
    applies_to="lead",
)
def leaky(lead: Any, ctx: Any) -> None:
    \"\"\"Raises with personal data in its message.\"\"\"
    raise ValueError("当事人甄士隐 身份证110101199003071234 电话13912345678 住址葫芦庙旁")

@hookimpl
def esup_rules():
    return [leaky]
"""

PERSONAL = ("甄士隐", "110101199003071234", "13912345678", "葫芦庙")


def test_the_check_summary_prints_no_rule_error_text(
    tmp_path: Path, fake_dist: MakeDist, db_url: str
) -> None:
    fake_dist("esup-fake-leaky", {"fake_leaky": LEAKY_RULES}, {"fake-leaky": "fake_leaky"})
    config = tmp_path / "esup.toml"
    config.write_text('[plugins]\nallow = ["fake-leaky"]\n', encoding="utf-8")
    with Store.open(db_url) as store:
        store.put_records([agency("AG-1"), lead("L-01", received_date="2025-03-03")])
    for lang in ("zh", "en"):
        result = CliRunner().invoke(
            main,
            ["--config", str(config), "--db", db_url, "--lang", lang, "check", "--full"],
            catch_exceptions=False,
        )
        assert result.exit_code == EXIT_RULE_ERRORS
        shown = result.stdout + result.stderr
        assert "T-LEAKY" in shown
        assert "ValueError" in shown
        assert "lead/L-01" in shown
        assert "esup runs show" in shown
        for value in PERSONAL:
            assert value not in shown, (lang, value)
