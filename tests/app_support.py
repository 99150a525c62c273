"""Shared fixtures for the app tests (AppTest and Playwright): a seeded demo database, built once.

The template database holds generated demo notes (hashing embedder, real redactor) and a topic run
whose topics are the demo themes, written with the store's fixture writers, so page tests need
neither the real model nor BERTopic. Each test gets its own copy.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import streamlit as st

from ingest.demo import seed_demo
from insight.clock import utc_now
from insight.embedder import HashingEmbedder
from insight.settings import load_settings
from insight.store import Store
from insight.store.gate import release_all
from tests.store_fixtures import write_answer_key_topics

REPO = Path(__file__).resolve().parent.parent
APP = str(REPO / "app.py")
DIM = 256
EMBEDDER = f"hashing-{DIM}"


def build_template(path: Path, notes_per_week: int = 60, now: datetime | None = None) -> dict[str, int]:
    """Seed ``path`` with demo notes and a fixture topic run."""
    from ingest.redaction import default_redactor

    settings = load_settings({}, db=path, embedding_model=EMBEDDER)
    store = Store(path)
    now = now or utc_now() - timedelta(minutes=5)
    seed_demo(
        store,
        embedder=HashingEmbedder(DIM),
        redactor=default_redactor(),
        settings=settings,
        notes_per_week=notes_per_week,
        now=now,
        refit_topics=False,
    )
    topic_ids = write_answer_key_topics(store, HashingEmbedder(DIM).model_id, when=now)
    store.release()
    return topic_ids


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A seeded database file, built once per test session."""
    path = tmp_path_factory.mktemp("template") / "demo.duckdb"
    topic_ids = build_template(path)
    release_all()
    return path, topic_ids


@pytest.fixture(autouse=True)
def clean_streamlit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Fresh caches, an empty temp database and the fake embedder for every test."""
    st.cache_data.clear()
    st.cache_resource.clear()
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")  # the app hides details from users; tests want them
    monkeypatch.setenv("EARSHOT_DB", str(tmp_path / "earshot.duckdb"))
    monkeypatch.setenv("EARSHOT_EMBEDDING_MODEL", EMBEDDER)
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
    release_all()


@pytest.fixture
def demo_db(demo_template: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private copy of the seeded database, set as EARSHOT_DB; yields (path, theme → topic id)."""
    src, topic_ids = demo_template
    dst = tmp_path / "demo.duckdb"
    shutil.copy(src, dst)
    monkeypatch.setenv("EARSHOT_DB", str(dst))
    return dst, topic_ids


def new_app(role: str | None = "pm", **query: str):
    """An AppTest of app.py in demo mode as ``role`` (set before the first run), with query parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    if role is not None:
        at.session_state["demo_role"] = role
    for key, value in query.items():
        at.query_params[key] = value
    return at


def open_page(at, page: str):
    """Run the app once, switch to ``app_pages/<page>.py`` and run it; fail on any exception."""
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch):
    """One media store shared by every AppTest run, so tests can read what a download button serves."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    storage = MemoryMediaFileStorage("/mock/media")
    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage", lambda endpoint: storage)

    def read(button) -> bytes:
        return storage.get_file(button.proto.url.rsplit("/", 1)[-1]).content

    return read


def texts(at) -> str:
    """Every markdown/caption/info/success/error/subheader text on the page, joined (for assertions)."""
    parts = []
    for kind in ("markdown", "caption", "info", "success", "error", "warning", "subheader", "title"):
        parts.extend(str(e.value) for e in at.get(kind))
    return "\n".join(parts)
