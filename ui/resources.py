"""Per-server resources, built once with ``st.cache_resource``: settings, store, embedder, redactor.

Heavy imports (sentence-transformers, presidio) happen inside these builders, so a page rerun never
pays for them. ``EARSHOT_EMBEDDING_MODEL=hashing`` (or ``hashing-384``) selects the fast fake
embedder, for tests and benchmarks.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import streamlit as st

from insight.embedder import Embedder, HashingEmbedder, SentenceTransformerEmbedder
from insight.logs import configure_logging
from insight.settings import Settings, load_settings
from insight.store import Store

log = logging.getLogger("ui.resources")


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """The settings in effect for this server (environment read once)."""
    settings = load_settings()
    configure_logging(settings.log_level)
    return settings


@st.cache_resource(show_spinner=False)
def _store(path: str, lock_timeout_s: float) -> Store:
    return Store(path, lock_timeout_s=lock_timeout_s)


def get_store() -> Store:
    """The database of this server (one gateway per file, shared by every session)."""
    settings = get_settings()
    return _store(str(settings.db), settings.lock_timeout_s)


def build_embedder(model: str, batch_size: int) -> Embedder:
    """The configured embedder; ``hashing[-DIM]`` is the deterministic fake (no model load)."""
    if model.startswith("hashing"):
        _, _, dim = model.partition("-")
        return HashingEmbedder(int(dim) if dim else 64)
    return SentenceTransformerEmbedder(model, batch_size)


@st.cache_resource(show_spinner=False)
def _embedder(model: str, batch_size: int) -> Embedder:
    embedder = build_embedder(model, batch_size)
    warm_up = getattr(embedder, "warm_up", None)
    if warm_up is not None:
        # Load the model in the background once per server; the first page that needs it waits on
        # the embedder's own load lock instead of every page paying for the import.
        threading.Thread(target=_safe_call, args=(warm_up,), name="earshot-embedder-warmup", daemon=True).start()
    return embedder


def get_embedder() -> Embedder:
    """The embedder of this server (the real model is loaded once, in the background)."""
    settings = get_settings()
    return _embedder(settings.embedding_model, settings.embed_batch_size)


@st.cache_resource(show_spinner=False)
def get_redactor() -> Any:
    """The default redactor (presidio recognisers are built once per server)."""
    from ingest.redaction import default_redactor

    return default_redactor()


def _safe_call(fn: Any) -> None:
    try:
        fn()
    except Exception:  # a warm-up failure resurfaces, with its message, on first real use
        log.exception("warm-up failed")


def warm_up() -> None:
    """Start loading the embedder in the background so the first note a person saves is fast."""
    get_embedder()
