"""The HTML report in a real browser: headless Chromium loads it without console errors,
the filter script works, and a screenshot is saved to ``test-artifacts/`` for people to look
at. Skipped (with the reason) when Chromium is missing, unless ``ESUP_REQUIRE_BROWSER`` is
set: then a missing browser is a failure."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

from enforcement_supervision.config import Config
from enforcement_supervision.reports import ReportData, build_report_data, render
from enforcement_supervision.reports._groups import group_rows
from enforcement_supervision.store import Store

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT = 120  # seconds for one browser run; a cold start takes one or two


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        if os.environ.get("ESUP_REQUIRE_BROWSER"):
            pytest.fail("ESUP_REQUIRE_BROWSER is set but chromium is not installed")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    return found


def run_chromium(url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """One headless run, bounded in time; the whole process group is killed on timeout."""
    with tempfile.TemporaryDirectory(prefix="esup-chromium-") as profile:
        command = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *extra,
            url,
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"chromium did not finish within {TIMEOUT} s")
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def console_problems(stderr: str) -> list[str]:
    """Console messages (the page logs nothing on purpose) and uncaught errors."""
    return [
        line
        for line in stderr.splitlines()
        if ":CONSOLE" in line or "Uncaught" in line or "Refused to" in line
    ]


@pytest.fixture(scope="module")
def sample_data(sample_store: Store, sample_config: Config) -> ReportData:
    return build_report_data(sample_store, config=sample_config)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_renders_without_console_errors_and_is_screenshot(
    sample_store: Store, sample_config: Config, lang: str
) -> None:
    chromium()
    data = build_report_data(sample_store, config=sample_config, lang=lang)
    ARTIFACTS.mkdir(exist_ok=True)
    [page] = render("html", data, ARTIFACTS / f"report-sample-{lang}.html")
    screenshot = ARTIFACTS / f"report-sample-{lang}.png"
    screenshot.unlink(missing_ok=True)
    result = run_chromium(
        page.resolve().as_uri(), f"--screenshot={screenshot}", "--window-size=1280,2000"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_problems(result.stderr) == []
    assert screenshot.exists()
    assert screenshot.stat().st_size > 20_000
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_filter_script_runs_in_the_browser(sample_data: ReportData) -> None:
    chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    [page] = render("html", sample_data, ARTIFACTS / "report-sample-zh-filter.html")
    groups = group_rows(sample_data.findings)  # one table row per subject and event
    s1 = sum(1 for group in groups if "S1" in group.severities)
    agency = "AG-QHZ"
    both = sum(1 for g in groups if "S1" in g.severities and g.addressed_to == agency)
    for fragment, expected in (("", len(groups)), ("#severity=S1", s1)):
        result = run_chromium(page.resolve().as_uri() + fragment, "--dump-dom")
        assert result.returncode == 0, result.stderr[-2000:]
        assert console_problems(result.stderr) == []
        body = re.search(r"<body[^>]*>", result.stdout)
        assert body is not None
        assert 'data-ready="1"' in body.group(0)
        assert f'data-shown="{expected}"' in body.group(0), body.group(0)
    result = run_chromium(page.resolve().as_uri() + f"#severity=S1&agency={agency}", "--dump-dom")
    assert f'data-shown="{both}"' in result.stdout
    assert 0 < both < s1 < len(groups) < len(sample_data.findings)


def test_the_console_check_catches_errors(tmp_path: Path) -> None:
    """The control: a page that logs and throws is caught by the same check."""
    chromium()
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><meta charset="utf-8"><script>console.error("x"); missing();</script>',
        encoding="utf-8",
    )
    result = run_chromium(page.as_uri(), "--dump-dom")
    problems = console_problems(result.stderr)
    assert any("Uncaught" in line for line in problems), result.stderr[-2000:]


def _element(dom: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</', dom, re.S)
    assert found is not None, element_id
    return found.group(1).strip()


def test_notice_prints_with_every_line_filled(sample_data: ReportData, tmp_path: Path) -> None:
    """The print view of a notice, rendered by Chromium, and the .docx read by python-docx:
    addressee, issuing office, number, deadline and signature lines are filled."""
    import docx

    chromium()
    paths = render("notice", sample_data, tmp_path / "notices")
    html = next(p for p in paths if p.name == "行政执法监督意见书-青岚县市场监督管理局.html")
    result = run_chromium(html.resolve().as_uri(), "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_problems(result.stderr) == []
    dom = result.stdout
    assert _element(dom, "addressee") == "青岚县市场监督管理局："
    assert re.fullmatch(r"青岚司监〔\d{4}〕\d+号", _element(dom, "number"))
    assert re.search(r"于\d{4}年\d{1,2}月\d{1,2}日前将整改情况", _element(dom, "requirement"))
    assert _element(dom, "signature") == "青岚县司法局（印章）"
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", _element(dom, "issued"))
    assert _element(dom, "copy") == "抄送：青岚县人民政府。"
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "notice-sample-zh.png"
    screenshot.unlink(missing_ok=True)
    shot = run_chromium(
        html.resolve().as_uri(), f"--screenshot={screenshot}", "--window-size=900,1400"
    )
    assert shot.returncode == 0
    assert screenshot.stat().st_size > 20_000
    document = docx.Document(str(html.with_suffix(".docx")))
    lines = [paragraph.text for paragraph in document.paragraphs]
    assert lines[0] == "行政执法监督意见书"  # no empty first paragraph
    assert lines[1] == _element(dom, "number")
    assert lines[2] == "青岚县市场监督管理局："
    assert any(re.search(r"于\d{4}年\d{1,2}月\d{1,2}日前将整改情况", line) for line in lines)
    assert lines[-3:] == [
        "青岚县司法局（印章）",
        _element(dom, "issued"),
        "抄送：青岚县人民政府。",
    ]
    assert all(line.strip() for line in lines)  # no empty paragraph anywhere
