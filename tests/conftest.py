"""Shared fixtures: a real DuckDB file per test, a fake and a real embedder, the real redactor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Tests must never touch the user's database or pick up their settings.
for _key in [k for k in os.environ if k.startswith("EARSHOT_")]:
    del os.environ[_key]

from insight.embedder import HashingEmbedder, SentenceTransformerEmbedder  # noqa: E402
from insight.settings import Settings, load_settings  # noqa: E402
from insight.store import Store  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh DuckDB file path for this test."""
    return tmp_path / "earshot.duckdb"


@pytest.fixture
def store(db_path: Path) -> Store:
    """A real DuckDB store on a temp file, released after the test."""
    s = Store(db_path, lock_timeout_s=30)
    yield s
    s.release()


@pytest.fixture
def settings(db_path: Path) -> Settings:
    """Default settings pointing at this test's database."""
    return load_settings(environ={}, db=db_path)


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    """A fast deterministic embedder, for tests about something other than embeddings."""
    return HashingEmbedder(64)


@pytest.fixture(scope="session")
def real_embedder() -> SentenceTransformerEmbedder:
    """The real packaged all-MiniLM-L6-v2 model, loaded once per test session."""
    embedder = SentenceTransformerEmbedder()
    embedder.warm_up()
    return embedder


@pytest.fixture(scope="session")
def redactor():
    """The real Presidio-based redactor (built once: it is expensive)."""
    from ingest.redaction import default_redactor

    return default_redactor()
