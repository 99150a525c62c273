# ruff: noqa: F811  (pytest fixtures imported from the support modules are redefined as parameters)
"""Each role's daily job in Chromium, as a first-time user did it (issue #12): every step asserts what they see.

The real ``streamlit run app.py`` runs on a free loopback port against a copy of the demo database
(fake embedder, fixture topics). Screenshots go to test-artifacts/ at 1440 and 1280 px.
"""

from __future__ import annotations

import shutil

import pytest
from app_support import EMBEDDER, demo_template  # noqa: F401
from browser_support import ARTIFACTS, browser, page, settle, shot, streamlit_server  # noqa: F401
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(demo_template, tmp_path_factory):
    """(URL, database path, theme → topic id) of a server on a private copy of the demo database."""
    folder = tmp_path_factory.mktemp("roles")
    db = folder / "demo.duckdb"
    shutil.copy(demo_template[0], db)
    ARTIFACTS.mkdir(exist_ok=True)
    env = {"EARSHOT_DB": str(db), "EARSHOT_EMBEDDING_MODEL": EMBEDDER}
    with streamlit_server(env, log=ARTIFACTS / "streamlit-roles.log") as url:
        yield url, db, demo_template[1]


def _open(page, url: str) -> None:
    page.goto(url)
    settle(page)


def _topic_status(db, topic_id: int) -> str | None:
    from insight.store import Store
    from insight.topics import list_topics

    store = Store(db)
    try:
        return next(t.status for t in list_topics(store) if t.topic_id == topic_id)
    finally:
        store.release()


def test_topic_picker_honours_the_first_pick(page, served) -> None:
    """Picking a topic opens it at once, and what the PM then changes lands on that topic."""
    url, db, topics = served
    _open(page, f"{url}/topic")
    first = page.locator("h1").first.inner_text()
    assert first != "Login loop"
    page.get_by_test_id("stSelectbox").filter(has_text="Topic").first.click()
    page.get_by_role("option", name="Login loop", exact=True).click()
    settle(page)
    expect(page.locator("h1").first).to_have_text("Login loop")
    assert f"topic={topics['login-loop']}" in page.url
    page.get_by_role("tab", name="Manage").click()
    status_form = page.get_by_test_id("stForm").filter(has_text="Save status")
    status_form.get_by_text("investigating", exact=True).click()
    page.get_by_role("button", name="Save status").click()
    settle(page)
    shot(page, "topic-picked")
    assert _topic_status(db, topics["login-loop"]) == "investigating"
    assert _topic_status(db, topics["chat-praise"]) in (None, "new")


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/trends", "Trends"), ("/brief", "Weekly brief"), ("/log", "Log an observation"), ("/", "Trends")],
)
def test_each_roles_home_page_opens_from_its_link(page, served, path, heading) -> None:
    url, _, _ = served
    _open(page, url + path)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    assert page.get_by_text("Page not found").count() == 0


def test_demo_role_in_the_url_is_read_in_any_case(page, served) -> None:
    url, _, _ = served
    _open(page, f"{url}/?demo_role=admin")
    expect(page.get_by_role("link", name="Topics admin")).to_be_visible()
    expect(page.get_by_role("combobox", name="View as (demo mode)")).to_have_value("Admin")
    _open(page, f"{url}/brief?demo_role=LEADERSHIP")
    expect(page.get_by_role("heading", name="Weekly brief", exact=True)).to_be_visible()
    assert page.get_by_role("link", name="Explore").count() == 0  # a leader's menu, not a PM's


def test_an_explicit_role_still_gates_pages(page, served) -> None:
    url, _, _ = served
    _open(page, f"{url}/import?demo_role=pm")
    page.get_by_text("Page not found").first.wait_for()
    assert page.get_by_role("heading", name="Import notes").count() == 0
