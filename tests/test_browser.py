"""The HTML reports in a real browser: Debian's headless chromium driven by playwright.

Opens a seed's report over file://, checks that it renders (title, highlighted
passages, the filter bar shown by the CSP-allowed script), that filters hide and
show passages, that the run overview links to the reports, that hostile content
runs nothing, and takes screenshots.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.model import RunReport
from audit.writers import write_outputs
from audit.writers.html import HtmlWriter
from tests.writer_reports import ENGINE, SEEDS, hostile_report, seed_report

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    files = [seed_report(SEEDS[0]), seed_report(SEEDS[3]), seed_report(SEEDS[0], prefix="sub/dir"), hostile_report()]
    write_outputs(RunReport(files=files, settings={"fail_on": "major"}, engine=dict(ENGINE)), out, [HtmlWriter()])
    return out


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    page.events = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: page.events.append(f"pageerror: {e}"))
    page.on("console", lambda m: page.events.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("request", lambda r: page.events.append(f"request: {r.url}") if not r.url.startswith(("file:", "data:")) else None)
    yield page
    context.close()


def visible_passages(page) -> int:
    return page.locator(".passage:not(.gap):visible").count()


def test_seed_report_renders_and_filters(reports: Path, page, tmp_path: Path):
    report = seed_report(SEEDS[0])
    page.goto((reports / f"{report.report_name}.html").as_uri())
    assert page.title() == f"audit — {report.display_path}"
    total = len(report.passages)
    flagged = sum(1 for p in report.passages if p.findings or p.suspect)
    assert 0 < flagged < total
    assert page.locator(".passage.flagged").count() == flagged
    assert page.locator("mark.hl:not(.off)").count() > 0
    # The script ran (the CSP hash matches): the filter bar is shown and counts passages.
    assert page.locator("#filters").is_visible()
    assert page.locator("#shown").inner_text() == f"showing {total} of {total} passages"
    assert visible_passages(page) == total

    shot = tmp_path / "seed-report.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000

    # Only flagged passages.
    page.locator('input[name="show"][value="flagged"]').check()
    assert visible_passages(page) == flagged
    assert page.locator("#shown").inner_text() == f"showing {flagged} of {total} passages"
    # Untick one category: its highlights go, its findings hide, passages with nothing else left hide.
    category = next(iter(report.category_counts()))
    box = page.locator(f'input[data-kind="cat"][value="{category}"]')
    box.uncheck()
    assert page.locator(f'li.finding[data-cat="{category}"]:visible').count() == 0
    assert page.locator(f"mark.hl.cat-{category}").count() == 0
    after = visible_passages(page)
    assert after <= flagged
    box.check()
    assert visible_passages(page) == flagged
    assert page.locator(f'li.finding[data-cat="{category}"]:visible').count() == report.category_counts()[category]
    # Untick every severity: no finding left; only passages suspect by scores alone stay.
    for severity in ("major", "minor", "info"):
        page.locator(f'input[data-kind="sev"][value="{severity}"]').uncheck()
    assert page.locator("li.finding:visible").count() == 0
    assert page.locator("mark.hl:not(.off)").count() == 0
    suspect_only = sum(1 for p in report.passages if p.suspect and not p.findings)
    assert visible_passages(page) == suspect_only
    # Back to the whole article.
    page.locator("#reset").click()
    assert visible_passages(page) == total
    assert page.locator("li.finding:visible").count() == len(report.all_findings())
    assert page.events == []


def test_overview_links_and_chart(reports: Path, page, tmp_path: Path):
    page.goto((reports / "index.html").as_uri())
    assert page.title() == "audit — run overview"
    rows = page.locator("table.files tbody tr")
    assert rows.count() == 4
    assert page.locator("#findings-per-category rect").count() > 3
    page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
    assert (tmp_path / "index.png").stat().st_size > 20_000
    page.locator("table.files a", has_text="sub/dir/").click()
    page.wait_for_load_state()
    assert page.title().startswith("audit — sub/dir/")
    assert page.locator("mark.hl").count() > 0
    page.locator("nav a").click()
    page.wait_for_load_state()
    assert page.title() == "audit — run overview"
    assert page.events == []


def test_hostile_report_runs_nothing(reports: Path, page):
    page.goto((reports / "evil" / "x.html").as_uri())
    page.wait_for_timeout(300)
    assert page.events == []  # no alert dialog, no error, no request
    assert page.locator("img, svg, iframe").count() == 0
    assert page.locator("script").count() == 1
    assert "<script>alert(1)</script>" in page.locator(".passage").first.inner_text()
    assert page.title() == 'audit — evil/<b>x</b>"&.txt'
    assert page.locator("#filters").is_visible()
