# ruff: noqa: F811  (pytest fixtures imported from the support modules are redefined as parameters)
"""Each role's daily job in Chromium, as a first-time user did it (issue #12): every step asserts what they see.

The real ``streamlit run app.py`` runs on a free loopback port against a copy of the demo database
(fake embedder, fixture topics). Screenshots go to test-artifacts/ at 1440 and 1280 px.
"""

from __future__ import annotations

import re
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
    # What the real demo records after its first fit, so the leader's brief carries decisions (page one's length).
    from ingest.demo import record_demo_decisions
    from ingest.redaction import default_redactor
    from insight.store import Store

    store = Store(db)
    assert record_demo_decisions(store, redactor=default_redactor()) > 0
    store.release()
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


def _within(inner, outer) -> bool:
    a, b = inner.bounding_box(), outer.bounding_box()
    return a is not None and b is not None and a["x"] >= b["x"] - 1 and a["x"] + a["width"] <= b["x"] + b["width"] + 1


@pytest.mark.parametrize("width", [1280, 1440])
def test_agent_logs_two_notes_in_a_row(browser, served, width) -> None:
    """Every kind and channel is on screen, a kind cannot be unpicked, the box empties after a save,
    the agent id is theirs (not a demo colleague's), and the feedback figures agree with each other."""
    url, db, _ = served
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        _open(page, f"{url}/log")
        agent_box = page.get_by_role("textbox", name="You (agent id)")
        expect(agent_box).to_have_value("")  # demo mode: nobody else's id pre-filled
        form = page.get_by_test_id("stForm")
        kinds, channels = form.get_by_role("radiogroup", name="Kind"), form.get_by_role("radiogroup", name="Channel")
        for option in ("need", "complaint", "idea", "praise", "churn-risk", "upsell", "other"):
            assert _within(kinds.get_by_role("radio", name=option, exact=True), form), f"kind {option} is cut off"
        for option in ("phone", "chat", "email", "social", "in-person", "other"):
            assert _within(channels.get_by_role("radio", name=option, exact=True), form), f"{option} is cut off"
        # Clicking the chosen kind again keeps it chosen.
        need = kinds.get_by_role("radio", name="need", exact=True)
        need.click()
        settle(page)
        expect(need).to_have_attribute("aria-checked", "true")
        text = page.get_by_role("textbox", name="Observation")
        text.fill("Customer wants eSIM on the new Pixel 9, we can't offer it yet.")
        page.get_by_role("button", name="Log it").click()
        settle(page)
        expect(page.get_by_text("type your agent id above first")).to_be_visible()
        expect(text).to_have_value(re.compile("eSIM"))  # kept, so nothing typed is lost
        agent_box.fill(f"new.agent.{width}")
        agent_box.press("Tab")
        settle(page)
        kinds.get_by_role("radio", name="upsell", exact=True).click()
        page.get_by_role("button", name="Log it").click()
        settle(page, timeout=90_000)  # the first save in a server builds the redactor
        expect(page.get_by_text(re.compile("Saved — filed under"))).to_be_visible()
        expect(text).to_have_value("")  # the next note starts empty (and personal data is not left on screen)
        heading = page.get_by_role("heading", name=re.compile("reported something similar|Nobody else reported"))
        expect(heading).to_be_visible()
        said = heading.inner_text()
        colleagues = int(re.match(r"(\d+) colleagues?", said).group(1)) if said[0].isdigit() else 0
        caption = page.get_by_text(re.compile(r"from other agents in the last 7 days|you may be the first"))
        said_after = caption.inner_text()
        notes = int(re.match(r"(\d+) notes?", said_after).group(1)) if said_after[0].isdigit() else 0
        assert colleagues <= notes  # never "13 colleagues" beside "10 notes"
        if notes:  # never "5 colleagues reported" above "you may be first"
            assert page.get_by_text("you may be the first").count() == 0
        shot(page, f"agent-log-{width}")
        from insight.store import Store

        store = Store(db)
        try:
            with store.read() as con:
                saved = con.execute(
                    "SELECT kind, channel FROM notes WHERE agent_id = ? ORDER BY id DESC", [f"new.agent.{width}"]
                ).fetchall()
        finally:
            store.release()
        assert saved == [("upsell", "phone")]
    finally:
        context.close()


def test_pm_exports_the_trends_table_as_plain_rounded_text(page, served) -> None:
    """The CSV a PM opens in a spreadsheet: no emoji, whole-percent growth, and "Signal & growth" ranks a
    real rise above a topic that went from 0 to 1 note."""
    import csv
    import io
    from pathlib import Path

    url, _, _ = served
    _open(page, f"{url}/trends")
    with page.expect_download() as download:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    body = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert not re.search("[\U0001f000-\U0001ffff\u2600-\u27bf\ufe0f]", body), "emoji in the export"
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and {"Topic", "Signal", "Growth", "Status"} <= set(rows[0])
    assert {r["Status"] for r in rows} <= {"new", "investigating", "planned", "done", "declined", ""}
    assert all(re.fullmatch(r"-?\d+(\.0)?", r["Growth"]) for r in rows if r["Growth"]), "growth not rounded"
    weekly = next(c for c in rows[0] if c.startswith("Weekly"))
    for signal in {r["Signal"] for r in rows}:
        group = [[int(x) for x in r[weekly].split(", ")] for r in rows if r["Signal"] == signal]
        rises = [sum(w[-2:]) - sum(w[-4:-2]) for w in group]
        assert rises == sorted(rises, reverse=True), f"{signal or 'no signal'}: not ranked by the rise in notes"


@pytest.mark.parametrize("width", [1280, 1440])
def test_leader_reads_the_brief_on_one_screen_and_a_half_and_prints_page_one_on_a4(browser, served, width) -> None:
    url, _, _ = served
    context = browser.new_context(viewport={"width": width, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        _open(page, f"{url}/brief?demo_role=leader")
        expect(page.get_by_role("heading", name="What was decided")).to_be_visible()
        expect(page.get_by_text("in the app from the next billing release").first).to_be_visible()
        expect(page.get_by_text("Appendix — movers")).to_be_visible()  # the rest, one click away
        assert (
            page.get_by_role("heading", name="Topics this week").count() == 0
            or not page.get_by_role("heading", name="Topics this week").is_visible()
        )
        tall = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
        assert tall <= 1.5 * 1000 + 120, f"the brief is {tall} px tall at {width} px"  # + the demo banner
        shot(page, f"brief-{width}")
        with page.expect_download() as download:
            page.get_by_role("button", name="HTML").click()
        html = ARTIFACTS / f"brief-{width}.html"  # a .html name, or Chromium shows it as plain text
        download.value.save_as(html)
        printed = context.new_page()
        printed.goto(html.as_uri())
        printed.emulate_media(media="print")
        # A4 less the @page margins, at 96 px per inch: 182 mm x 267 mm.
        printed.set_viewport_size({"width": round(182 / 25.4 * 96), "height": round(267 / 25.4 * 96)})
        bottom = printed.evaluate(
            """() => { const h = [...document.querySelectorAll('h2')].find(e => e.textContent === 'What was decided');
                      let last = h; while (last.nextElementSibling && last.nextElementSibling.tagName !== 'SECTION')
                        last = last.nextElementSibling;
                      return last.getBoundingClientRect().bottom; }"""
        )
        assert bottom <= 267 / 25.4 * 96, f"page one ends at {bottom:.0f} px, beyond one A4 page"
        printed.screenshot(path=str(ARTIFACTS / f"brief-print-{width}.png"))
        printed.pdf(path=str(ARTIFACTS / "brief.pdf"), format="A4")
        assert (
            printed.evaluate("() => getComputedStyle(document.querySelector('section.appendix')).breakBefore") == "page"
        )
    finally:
        context.close()


def test_nonsense_search_finds_nothing_close_in_the_app(page, served) -> None:
    """(Fake embedder here: the floor is per model, see test_search for the real one.) The empty state
    says nothing is close instead of "No notes match these filters"."""
    url, _, _ = served
    _open(page, f"{url}/explore")
    page.get_by_role("textbox", name="Search by meaning").fill("eSIM")
    page.get_by_role("textbox", name="Search by meaning").press("Enter")
    settle(page)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()


def test_admin_removes_the_demo_data(page, served) -> None:
    """Last in this module (it empties the shared database of demo notes): an admin leaves the demo;
    the banner goes, the agents' own notes stay, and the empty database is not seeded again."""
    url, db, _ = served
    from app_support import DIM

    from ingest.redaction import default_redactor
    from ingest.service import save_note
    from insight.demo_data import demo_note_count, note_count
    from insight.embedder import HashingEmbedder
    from insight.settings import load_settings
    from insight.store import Store

    store = Store(db)
    fields = {"text": "Customer asks for a paper copy of the contract, in large print.", "agent_id": "real.agent"}
    embedder, settings = HashingEmbedder(DIM), load_settings({}, db=db)
    save_note(store, fields, embedder=embedder, redactor=default_redactor(), settings=settings)
    own_before = note_count(store) - demo_note_count(store)
    store.release()
    _open(page, f"{url}/?demo_role=pm")
    banner = page.get_by_text(re.compile("generated demo notes|generated demo data"))
    expect(banner).to_be_visible()
    expect(page.get_by_text("./earshot run")).to_be_visible()  # not "streamlit run app.py"
    assert page.get_by_role("button", name="Remove demo data").count() == 0  # a PM cannot
    _open(page, f"{url}/?demo_role=admin")
    page.get_by_role("button", name="Remove demo data").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("only them")
    shot(page, "demo-remove-dialog")
    dialog.get_by_role("button", name="Remove demo data").click()
    settle(page)
    expect(page.get_by_text(re.compile(r"Removed [\d,]+ generated demo notes"))).to_be_visible()
    assert page.get_by_role("button", name="Remove demo data").count() == 0
    assert page.get_by_text(re.compile("are mixed with|You are looking at")).count() == 0  # the banner
    shot(page, "demo-removed")
    store = Store(db)
    try:
        assert demo_note_count(store) == 0 and note_count(store) == own_before
    finally:
        store.release()
