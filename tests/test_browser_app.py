# ruff: noqa: F811  (pytest fixtures imported from the support modules are redefined as parameters)
"""Playwright in Debian Chromium: what only a browser shows — clicks on plotly charts, downloads, layout.

Runs the real ``streamlit run app.py`` on a free loopback port against a copy of the demo database
(fake embedder, fixture topics), in demo mode; ``test_browser_auth.py`` covers sign-in.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from app_support import EMBEDDER, demo_template  # noqa: F401
from browser_support import (  # noqa: F401
    ARTIFACTS,
    browser,
    page,
    page_text,
    pick_role,
    settle,
    shot,
    streamlit_server,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def app_url(demo_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "demo.duckdb"
    shutil.copy(demo_template[0], db)
    ARTIFACTS.mkdir(exist_ok=True)
    env = {"EARSHOT_DB": str(db), "EARSHOT_EMBEDDING_MODEL": EMBEDDER}
    with streamlit_server(env, log=ARTIFACTS / "streamlit-browser.log") as url:
        yield url


def test_agent_logs_a_note_and_sees_similar_ones(page, app_url) -> None:
    page.goto(app_url)
    settle(page)
    pick_role(page, "Agent")
    expect(page.get_by_role("heading", name="Log an observation")).to_be_visible()
    page.get_by_role("textbox", name="You (agent id)").fill("browser.agent")
    page.get_by_role("textbox", name="You (agent id)").press("Tab")
    settle(page)
    page.get_by_role("textbox", name="Observation").fill("Customer wants eSIM on the new Pixel 9, we can't offer it.")
    page.get_by_role("button", name="Log it").click()
    settle(page, timeout=90_000)  # the first save in a server builds the redactor
    page.get_by_text("reported something similar this week").wait_for()
    expect(page.get_by_text(re.compile(r"Saved — filed under"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^[1-9]\d* colleagues? reported"))).to_be_visible()
    assert page.get_by_test_id("stMarkdownContainer").filter(has_text=re.compile("eSIM", re.I)).count() >= 1
    shot(page, "agent-logged-note")
    # A note full of markup is shown as typed: no element is created, no script runs.
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_role("textbox", name="Observation").fill(
        "Wants eSIM <img src=x onerror=alert(1)> <script>alert(2)</script> **bold** [link](http://evil.example)"
    )
    page.get_by_role("button", name="Log it").click()
    settle(page)
    assert page.locator("img[src='x']").count() == 0 and not dialogs
    # My notes shows the note as typed: the markup is text, not an element.
    page.get_by_role("link", name="My notes").click()
    settle(page)
    try:
        expect(page.get_by_role("heading", name="My notes")).to_be_visible(timeout=30_000)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)
    except Exception as exc:
        shot(page, "agent-my-notes-failed")  # what the page showed instead, for the CI artefacts
        raise AssertionError(f"My notes did not list the notes; the page said:\n{page_text(page)}") from exc
    assert page.locator("img[src='x']").count() == 0
    shot(page, "agent-my-notes")


def test_pm_clicks_topic_in_chart_sets_status_and_exports(page, app_url) -> None:
    page.goto(app_url)
    settle(page)
    expect(page.get_by_role("heading", name="Trends")).to_be_visible()
    page.get_by_test_id("stDataFrame").first.locator("canvas").first.wait_for()
    page.get_by_test_id("stPlotlyChart").first.locator("g.trace.bars").first.wait_for()
    page.wait_for_timeout(800)
    shot(page, "trends")
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    bar = chart.locator("g.trace.bars path").last  # the top bar (plotly draws bottom-up)
    bar.click(force=True)
    settle(page)
    page.get_by_role("tab", name="Manage").wait_for()
    title = page.locator("h1").first.inner_text()
    assert title and title != "Trends"
    shot(page, "topic")
    page.get_by_role("tab", name="Manage").click()
    status_form = page.get_by_test_id("stForm").filter(has_text="Save status")
    status_form.get_by_text("planned", exact=True).click()
    page.get_by_label("Note for agents").fill("Planned for the spring release")
    page.get_by_role("button", name="Save status").click()
    settle(page)
    shot(page, "topic-status")
    # The page now says so where everyone sees it: agents read this note on My notes.
    expect(page.get_by_text("Note for agents: Planned for the spring release")).to_be_visible(timeout=30_000)
    # Export the Trends table as CSV.
    page.get_by_role("link", name="Trends").click()
    settle(page)
    csv_button = page.get_by_test_id("stDownloadButton").filter(has_text="CSV")
    expect(csv_button.first).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        csv_button.first.click()
    saved = download.value.path()
    assert Path(saved).read_text(encoding="utf-8-sig").startswith("Topic,")


def test_leader_downloads_the_brief(page, app_url) -> None:
    page.goto(app_url)
    settle(page)
    pick_role(page, "Leadership")
    page.get_by_role("link", name="Weekly brief").click()
    settle(page)
    expect(page.get_by_role("heading", name="Weekly brief", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Markdown").click()
    assert download.value.suggested_filename.startswith("earshot-brief-")
    assert Path(download.value.path()).read_text().startswith("#")
    with page.expect_download() as download:
        page.get_by_role("button", name="HTML").click()
    assert "<html" in Path(download.value.path()).read_text().lower()
    shot(page, "brief")


def test_demo_role_survives_a_reload(page, app_url) -> None:
    page.goto(app_url)
    settle(page)
    pick_role(page, "Admin")
    assert "demo_role=Admin" in page.url
    page.goto(f"{app_url}/import?demo_role=Admin")
    settle(page)
    page.get_by_role("heading", name="Import notes").wait_for()


def test_deep_link_to_a_forbidden_page_is_not_found(page, app_url) -> None:
    page.goto(f"{app_url}/import?demo_role=pm")  # a PM may not import (without a role, the link picks Admin)
    settle(page)
    page.get_by_text("Page not found").first.wait_for()
    assert page.get_by_role("heading", name="Import notes").count() == 0
