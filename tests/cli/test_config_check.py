"""``esup config check``: one line per problem with its key path, exit 2 on errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from enforcement_supervision.cli import main

BAD = """
[store]
url = "oracle://x@y/z"
ulr = "typo"

[engine]
workers = "two"

[rules]
disabled = ["PUB-EX-ANTEE"]

[rules."PEN-DECISION-90D"]
agency_deadline_rolover = false

[rules."PEN-DECISON-90D"]
enabled = false

[packs."nationl"]
x = 1

[packs."national"]
hearing_fine_threshold_persn = 3000

[notice]
issuing_office = "青岚县司法局"

[reprots]
docs_url = "https://example.org/"
"""


def check(path: Path, *extra: str, lang: str = "en") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--lang", lang, "config", "check", str(path), *extra])
    return result.exit_code, result.stdout


def test_every_problem_on_its_own_line_with_the_key_path(tmp_path: Path) -> None:
    path = tmp_path / "esup.toml"
    path.write_text(BAD, encoding="utf-8")
    code, out = check(path)
    assert code == 2
    lines = out.splitlines()
    expected = [
        "store.ulr: unknown key ulr (did you mean url?)",
        "reprots: unknown section reprots (did you mean reports?)",
        "store.url: unknown database oracle",
        "engine: [engine] workers must be a non-negative integer (0: one per CPU)",
        "notice: notices need number_prefix under [notice]",
        "rules.disabled: [rules] disabled: no rule PUB-EX-ANTEE (did you mean PUB-EX-ANTE?)",
        "rules.PEN-DECISION-90D.agency_deadline_rolover: unknown parameter "
        "agency_deadline_rolover (did you mean agency_deadline_rollover?)",
        "rules.PEN-DECISON-90D: no rule PEN-DECISON-90D (did you mean PEN-DECISION-90D?)",
        "packs.nationl: unknown pack (plugin with pack parameters) nationl "
        "(did you mean national?)",
        "packs.national.hearing_fine_threshold_persn: unknown pack parameter "
        "hearing_fine_threshold_persn (did you mean hearing_fine_threshold_person?)",
    ]
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), line
    code, out = check(path, lang="zh")
    zh = "rules.PEN-DECISON-90D：没有编号为 PEN-DECISON-90D 的规则（是否指 PEN-DECISION-90D？）"
    assert zh in out


def test_json(tmp_path: Path) -> None:
    path = tmp_path / "esup.toml"
    path.write_text(BAD, encoding="utf-8")
    code, out = check(path, "--json")
    assert code == 2
    data = json.loads(out)
    schema = Path(__file__).resolve().parents[2] / "src" / "enforcement_supervision" / "reports"
    schema = schema / "schemas" / "cli-config-check-v1.schema.json"
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))
    assert data["ok"] is False
    assert data["errors"] == len(data["problems"]) == 10
    assert data["problems"][0] == {
        "key": "store.ulr",
        "severity": "error",
        "message_zh": "未知的键 ulr（是否指 url？）",
        "message_en": "unknown key ulr (did you mean url?)",
    }


def test_a_good_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "esup.toml"
    path.write_text(
        '[store]\nurl = "sqlite:///esup.sqlite"\n\n[rules]\ndisabled = ["PUB-EX-ANTE"]\n\n'
        '[rules."PEN-DECISION-90D"]\nagency_deadline_rollover = false\n\n'
        '[notice]\nissuing_office = "青岚县司法局"\nnumber_prefix = "青司监"\n',
        encoding="utf-8",
    )
    code, out = check(path)
    assert code == 0, out
    assert out.strip() == f"{path}: OK"


def test_a_plugin_that_fails_on_its_settings_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "esup.toml"
    path.write_text('[plugins.notify]\nmin_severity = "S9"\n', encoding="utf-8")
    code, out = check(path)
    assert code == 2
    assert out.startswith("plugins.notify: plugin notify failed to load: ")
    assert "min_severity: must be S1-S4" in out
