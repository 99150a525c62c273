# ruff: noqa: F811  (pytest fixtures imported from app_support are redefined as parameters)
"""AppTest: the agent's pages — logging an observation (success, validation, safety) and My notes."""

from __future__ import annotations

import importlib.util

from app_support import clean_streamlit, demo_db, demo_template, new_app, open_page, texts  # noqa: F401

from insight.store import Store
from tests import store_fixtures as fixtures


def _log(at, text: str, kind: str = "need"):
    at.text_area[0].set_value(text)
    at.get("button_group")[0].set_value(kind)  # the kind pills
    next(b for b in at.button if b.label == "Log it").click()
    return at.run()


def test_agent_sees_only_agent_pages(demo_db) -> None:
    at = open_page(new_app("agent"), "log_note")
    assert at.title[0].value == "Log an observation"
    for forbidden in ("trends", "topic", "explore", "brief", "import_notes", "topics_admin", "settings"):
        try:
            at.switch_page(f"app_pages/{forbidden}.py")
        except ValueError:
            continue
        raise AssertionError(f"{forbidden} is registered for an agent")


def test_log_note_shows_topic_and_similar_notes(demo_db) -> None:
    at = open_page(new_app("agent"), "log_note")
    at.text_input(key="agent-id-input").set_value("test.agent")
    at = _log(at, "Customer wants to move to eSIM on new Pixel 9, we can't offer it yet.")
    assert not at.exception, [e.message for e in at.exception]
    page = texts(at)
    assert "Saved — filed under" in page
    assert "reported something similar this week" in page
    assert "esim" in page.lower()  # the similar notes are about eSIM too
    assert not at.text_area[0].value  # the box is empty for the next note


def test_log_note_validation_message(demo_db) -> None:
    at = open_page(new_app("agent"), "log_note")
    assert at.text_input(key="agent-id-input").value == ""  # no demo colleague's id pre-filled
    at = _log(at, "Customer wants eSIM")
    assert "type your agent id" in at.error[0].value and at.text_area[0].value == "Customer wants eSIM"
    at.text_input(key="agent-id-input").set_value("test.agent")
    at = _log(at, "x")
    assert at.error, "a one-letter note must be rejected"
    assert "not saved" in at.error[0].value and "text" in at.error[0].value
    assert at.text_area[0].value == "x"  # kept, so the agent only fixes what is wrong


def test_note_markup_is_shown_as_text(demo_db) -> None:
    nasty = "<script>alert(1)</script> **bold** ![x](http://evil.example/x.png) <img src=x onerror=alert(2)>"
    at = open_page(new_app("agent"), "log_note")
    at.text_input(key="agent-id-input").set_value("test.agent")
    at = _log(at, "Customer wants eSIM " + nasty)
    at = open_page(at, "my_notes")
    cells = at.dataframe[0].value["Note"].tolist()
    assert any("<script>alert(1)</script>" in c for c in cells)  # a dataframe cell is plain text
    # Wherever a note is shown as Markdown, every markup character is escaped.
    for md in at.markdown:
        assert "<script>" not in md.value and "![x](" not in md.value


def test_my_notes_shows_topic_status_and_note(demo_db) -> None:
    path, topics = demo_db
    at = open_page(new_app("agent"), "my_notes")
    at.text_input(key="agent-id-input").set_value("test.agent")
    at.run()
    assert "not logged any notes" in texts(at)
    at = open_page(at, "log_note")
    at = _log(at, "eSIM not available on our network, customer bought a Pixel 9 and is stuck.")
    # A PM has planned the topic this note sits in (written as the topics service would).
    store = Store(path)
    with store.transaction() as con:
        run_id, note_id = con.execute("SELECT (SELECT max(run_id) FROM topic_runs), max(id) FROM notes").fetchall()[0]
        fixtures.record_assignments(con, run_id, [(note_id, topics["esim"], 0.9)])
        fixtures.record_topic_profile(con, topics["esim"], owner="product", status="planned")
        con.execute(
            "UPDATE topic_profiles SET status_note = 'Coming in the spring release' WHERE topic_id = ?",
            [topics["esim"]],
        )
    store.release()
    at = open_page(at, "my_notes")
    frame = at.dataframe[0].value
    first = frame.iloc[0]
    assert first["Note"].startswith("eSIM not available")
    assert first["Topic"] == "Esim"
    assert "planned" in first["Status"]
    assert first["Owner"] == "product"
    assert first["What's happening"] == "Coming in the spring release"
    # what was decided sits beside the topic, ahead of Kind and Product (at 1280 px those scroll off)
    assert list(frame.columns)[:6] == ["When", "Note", "Topic", "Status", "What's happening", "Owner"]
    assert at.metric[0].value == "1"
    page = texts(at)
    assert "Updates on what you reported" in page and "Coming in the spring release" in page
    assert "planned · owner: product" in page  # the card's header keeps its spaces (escaping trims text)
    if importlib.util.find_spec("insight.export"):
        assert len(at.download_button) == 2


def test_agent_sees_what_a_pm_decided(demo_db) -> None:
    from app_support import DIM

    from insight.embedder import HashingEmbedder
    from insight.search import search_notes

    path, topics = demo_db
    esim = topics["esim"]
    store = Store(path)
    hit = next(
        h for h in search_notes(store, "eSIM", embedder=HashingEmbedder(DIM), limit=50) if h.note.topic_id == esim
    )
    store.release()

    pm = open_page(new_app("pm", topic=str(esim)), "topic")
    pm.session_state[f"status-value-{esim}"] = "declined"
    pm.text_area(key=f"status-note-{esim}").set_value("Not on our network this year; the FAQ explains why")
    next(b for b in pm.button if b.label == "Save status").click()
    pm.run()
    assert not pm.exception

    agent = open_page(new_app("agent"), "my_notes")
    agent.text_input(key="agent-id-input").set_value(hit.note.agent_id)
    agent.run()
    page = texts(agent)
    assert "Updates on what you reported" in page
    assert "declined" in page and "Not on our network this year" in page
    row = agent.dataframe[0].value.set_index("Note").loc[hit.note.text]
    row = row.iloc[0] if hasattr(row, "iloc") and row.ndim == 2 else row
    assert "declined" in row["Status"]


def test_a_note_far_from_its_topic_is_not_told_colleagues_said_the_same(demo_db) -> None:
    """A note the nearest topic only roughly fits is told so; that topic's notes are not "something similar"."""
    at = open_page(new_app("agent"), "log_note")
    at.text_input(key="agent-id-input").set_value("test.agent")
    at = _log(at, "Customer asks if she can get the bill in Welsh; third time this week someone asked.")
    assert not at.exception, [e.message for e in at.exception]
    page = texts(at)
    assert "not a close match" in page
    assert "of them in the same topic" not in page
