"""``--help`` in Chinese by default and in English under ``--lang en`` / ``ESUP_LANG=en``,
click's own messages included; "did you mean" for unknown names; one reason per error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from enforcement_supervision.cli import main
from enforcement_supervision.cli._help_zh import HELP_ZH
from enforcement_supervision.engine import run_check
from enforcement_supervision.store import Store
from tests.engine.rules_for_tests import lead
from tests.followup.conftest import AS_OF, fingerprint_of, make_manager

#: The top-level commands whose help is translated here; a group added later shows English
#: until its texts are added to _help_zh.py.
TRANSLATED = {
    "baseline", "calendar", "check", "config", "deadline", "export", "findings", "import",
    "init", "plugins", "records", "report", "rules", "runs", "schedule", "schema",
    "supervision",
}  # fmt: skip


def esup(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), env=env, prog_name="esup")


def _commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path + " ")


def test_every_command_and_option_has_a_chinese_help_text() -> None:
    missing = []
    for path, command in _commands(main):
        if path.split()[0] not in TRANSLATED:
            continue
        if command.help and path not in HELP_ZH:
            missing.append(path)
        for param in command.params:
            if not isinstance(param, click.Option) or not param.help or param.hidden:
                continue
            keys = [f"{path} {opt}" for opt in param.opts] + [f"* {opt}" for opt in param.opts]
            if not any(key in HELP_ZH for key in keys):
                missing.append(f"{path} {param.opts[0]}")
    assert not missing, missing


def test_help_is_chinese_by_default_and_english_on_request() -> None:
    zh = esup("--help").stdout
    assert zh.startswith("用法: esup [OPTIONS] COMMAND [ARGS]...")
    assert "选项:" in zh
    assert "命令:" in zh
    assert "显示本帮助并退出。" in zh
    assert "check        对已存储的记录运行已启用的规则" in zh
    for args, env in (
        (("--lang", "en", "--help"), None),
        (("--help", "--lang", "en"), None),
        (("--lang=en", "--help"), None),
        (("--help",), {"ESUP_LANG": "en"}),
    ):
        en = esup(*args, env=env).stdout
        assert en.startswith("Usage: esup [OPTIONS] COMMAND [ARGS]..."), args
        assert "Show this message and exit." in en
    check = esup("check", "--help").stdout
    assert "--skip-rules PATTERN" in check
    assert "本次运行不执行这些规则" in check
    assert "退出状态：" in check
    # The report's own --lang (the report's language) does not switch the CLI's.
    assert esup("report", "--lang", "en", "--help").stdout.startswith("用法:")


def test_click_messages_follow_the_language() -> None:
    zh = esup("check", "--fail-on", "S9")
    assert zh.exit_code == 2
    assert "错误：'--fail-on' 的值无效：'S9' 不是以下之一：" in zh.stderr
    assert "运行 'esup check --help' 查看帮助。" in zh.stderr
    en = esup("--lang", "en", "check", "--fail-on", "S9")
    assert "Error: Invalid value for '--fail-on': 'S9' is not one of" in en.stderr
    missing = esup("findings", "close", "abc")
    assert "错误：缺少选项 '--by'" in missing.stderr


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (("recrods",), "没有命令 'recrods'。是否指 'records'？", "Did you mean 'records'?"),
        (("findings", "lst"), "没有命令 'lst'。是否指 'list'？", "Did you mean 'list'?"),
        (("schema", "penalty-cas"), "是否指 'penalty-case'？", "Did you mean 'penalty-case'?"),
        (
            ("report", "--format", "htm", "--out", "x"),
            "是否指 'html'？",
            "Did you mean 'html'?",
        ),
        (("records", "list", "--type", "oficer"), "是否指 'officer'？", "Did you mean 'officer'?"),
        (
            ("findings", "list", "--status", "notifed"),
            "未知的状态 notifed（是否指 notified？）",
            "unknown status notifed (did you mean notified?)",
        ),
        (("deadline", "2025-01-01"), "须给出且只给出一个", "give exactly one of --days"),
    ],
)
def test_did_you_mean(args: tuple[str, ...], zh: str, en: str) -> None:
    assert zh in esup(*args).stderr
    assert en in esup("--lang", "en", *args).stderr


def test_closing_by_the_rectifier_gives_the_one_reason(tmp_path: Path) -> None:
    config = tmp_path / "esup.toml"
    config.write_text('[plugins]\nallow = ["none"]\n', encoding="utf-8")
    db = str(tmp_path / "esup.sqlite")
    with Store.open(db) as store:
        store.put_records([lead("L-01", summary="有")])
        run_check(store, as_of=AS_OF, manager=make_manager())
        short = fingerprint_of(store, "T-LEAD-15D", "L-01")[:12]
    base = ("--config", str(config), "--db", db)
    for verb in (
        ("notify", "--number", "N-1", "--due", "2099-01-01"),
        ("rectify", "--description", "done"),
    ):
        assert esup(*base, "findings", verb[0], short, "--by", "李所长", *verb[1:]).exit_code == 0
    en = esup(*base, "--lang", "en", "findings", "close", short, "--by", "李所长")
    assert en.exit_code == 2
    assert en.stderr.strip() == (
        f"esup: finding {short} (T-LEAD-15D): cannot close it: the verifier must not be "
        "李所长, who recorded the rectification"
    )
    zh = esup(*base, "findings", "close", short, "--by", "李所长")
    assert zh.stderr.strip() == (
        f"esup: 发现 {short}（T-LEAD-15D）不能核验销号：核验人不能是登记整改的 李所长 本人"
    )


def test_unknown_record_type_in_a_row(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"record_type": "penalty_case", "id": "X"}\n', encoding="utf-8")
    db = str(tmp_path / "esup.sqlite")
    en = esup("--db", db, "--lang", "en", "import", "--dry-run", str(rows))
    assert "unknown record type (did you mean penalty-case?)" in en.stderr
    zh = esup("--db", db, "import", "--dry-run", str(rows))
    assert "未知的记录类型（是否指 penalty-case？）" in zh.stderr


def test_chinese_help_fits_the_terminal() -> None:
    from enforcement_supervision.cli._cjk_wrap import display_width

    too_wide = []
    for path, _ in [("", main), *_commands(main)]:
        args = [*path.split(), "--help"]
        out = CliRunner().invoke(main, args, terminal_width=80, prog_name="esup").stdout
        # Closing punctuation (at most two characters: "）。") may hang past the edge rather
        # than start a line.
        too_wide += [line for line in out.splitlines() if display_width(line) > 84]
    assert not too_wide, too_wide


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("一二三四五六", 6, ["一二三", "四五六"]),
        ("一二，三四", 4, ["一二，", "三四"]),  # a comma never starts a line
        ("一二（三四）", 6, ["一二", "（三四）"]),  # an opening bracket never ends one
        ("中文 and English words", 10, ["中文 and", "English", "words"]),
    ],
)
def test_cjk_wrap(text: str, width: int, expected: list[str]) -> None:
    from enforcement_supervision.cli._cjk_wrap import cjk_wrapper

    def english(*args: object) -> str:
        raise AssertionError("text with Chinese must not reach click's wrapper")

    assert cjk_wrapper(english)(text, width).splitlines() == expected
