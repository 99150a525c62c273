# ruff: noqa: F811  (pytest fixtures imported from app_support are redefined as parameters)
"""AppTest: navigation per role, demo mode, sign-in with roles from secrets, first-run seeding."""

from __future__ import annotations

import time

import pytest
from app_support import clean_streamlit, demo_db, demo_template, new_app, open_page, texts  # noqa: F401

from ui import auth, shell

ALL = {p.path.split("/")[-1].removesuffix(".py") for p in shell.PAGES}
EXPECTED = {
    "agent": {"log_note", "my_notes"},
    "pm": {"trends", "topic", "explore", "brief"},
    "leader": {"trends", "topic", "brief"},
    "admin": ALL,
}


def _registered(at) -> set[str]:
    found = set()
    for page in ALL:
        try:
            at.switch_page(f"app_pages/{page}.py")
        except ValueError:
            continue
        found.add(page)
    return found


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_gets_its_pages_only(demo_db, role: str) -> None:
    at = new_app(role).run()
    assert not at.exception
    assert _registered(at) == EXPECTED[role]
    assert "Demo mode" in texts(at)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_every_allowed_page_renders(demo_db, role: str) -> None:
    at = new_app(role)
    for page in sorted(EXPECTED[role]):
        at = open_page(at, page)
        assert at.title, page


def test_home_page_depends_on_role(demo_db) -> None:
    assert new_app("agent").run().title[0].value == "Log an observation"
    assert new_app("leader").run().title[0].value == "Weekly brief"
    assert new_app("pm").run().title[0].value == "Trends"


def test_roles_from_secrets() -> None:
    config = {
        "default": "agent",
        "admin": ["ops@example.com"],
        "pm": ["group:product", "pm@example.com"],
        "leader": ["*@board.example.com"],
    }
    assert auth.roles_for("OPS@example.com", [], config) == ("admin",)
    assert auth.roles_for("someone@example.com", ["Product"], config) == ("pm",)
    assert auth.roles_for("ceo@board.example.com", [], config) == ("leader",)
    assert auth.roles_for("new@example.com", [], config) == ("agent",)
    assert auth.roles_for("new@example.com", [], {"pm": ["x@y.z"]}) == ()


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-secret",
    "client_id": "earshot",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
}


def test_signed_out_sees_sign_in_only(demo_db) -> None:
    at = new_app(None)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert any(b.label == "Sign in" for b in at.button)
    assert _registered(at) == set()


def test_signed_in_roles_come_from_secrets(demo_db) -> None:
    at = new_app(None)
    at.secrets["auth"] = AUTH
    at.secrets["roles"] = {"leader": ["ceo@example.com"], "default": ""}
    at.user = {"is_logged_in": True, "email": "ceo@example.com", "name": "Casey"}
    at.run()
    assert not at.exception
    assert _registered(at) == EXPECTED["leader"]
    assert "Signed in as ceo@example.com" in texts(at).replace("\\", "")
    assert "Demo mode" not in texts(at)


def test_signed_in_without_role_has_no_access(demo_db) -> None:
    at = new_app(None)
    at.secrets["auth"] = AUTH
    at.secrets["roles"] = {"pm": ["pm@example.com"]}
    at.user = {"is_logged_in": True, "email": "stranger@example.com"}
    at.run()
    assert "No access yet" in texts(at)
    assert _registered(at) == set()


def test_first_run_seeds_demo_with_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import demo, jobs

    monkeypatch.setattr(demo, "is_demo_location", lambda settings: True)
    monkeypatch.setattr(demo, "NOTES_PER_WEEK", 20)
    at = new_app("pm").run()
    assert not at.exception
    assert at.title[0].value == "Welcome to Earshot"
    job = jobs.registry().get(demo.SEED_JOB)
    assert job is not None
    assert job.wait(120).error is None
    time.sleep(0.1)
    at.run()
    at.run()
    assert at.title[0].value == "Trends"
    assert "generated demo data" in texts(at)
    assert at.dataframe, "seeding ran a topic refit, so Trends has topics"


def test_custom_database_starts_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    at = new_app("pm").run()  # EARSHOT_DB points at a temp file: no demo data
    assert at.title[0].value == "Trends"
    assert "generated demo data" not in texts(at)
    assert "No topics yet" in texts(at)


def test_pages_hold_no_sql_raw_html_or_session_state() -> None:
    """House rules, checked: SQL lives in insight/store, note text never goes out as raw HTML, and only
    ui/ touches st.session_state and the caches."""
    import re
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    pages = [*sorted((repo / "app_pages").glob("*.py")), repo / "app.py"]
    for path in pages:
        source = path.read_text()
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.*\bFROM|\.execute\(|import duckdb", source), path
        assert "session_state" not in source and "cache_data" not in source and "cache_resource" not in source, path
    for path in [*pages, *sorted((repo / "ui").glob("*.py"))]:
        assert "unsafe_allow_html=True" not in path.read_text(), path
