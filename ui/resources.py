"""Per-server resources, built once with ``st.cache_resource``: settings, store, embedder, redactor.

Heavy imports (sentence-transformers, presidio) happen inside these builders, so a page rerun never
pays for them; the model is loaded by the first session of a server, before any page renders.
``EARSHOT_EMBEDDING_MODEL=hashing`` (or ``hashing-384``) selects the fast fake embedder, for tests and
benchmarks.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from insight.embedder import Embedder
from insight.logs import configure_logging
from insight.runtime import embedder_for, open_store
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
def _store(db: str, lock_timeout_s: float, _settings: Settings) -> Store:
    # Keyed on what identifies the store; the leading underscore keeps Streamlit from hashing the settings.
    return open_store(_settings)


def get_store() -> Store:
    """The database of this server (one gateway per file, shared by every session)."""
    settings = get_settings()
    return _store(str(settings.db), settings.lock_timeout_s, settings)


@st.cache_resource(show_spinner="Loading the language model (once per server)…")
def _embedder(model: str, batch_size: int, backend: str, _settings: Settings) -> Embedder:
    embedder = embedder_for(_settings)
    warm_up = getattr(embedder, "warm_up", None)
    if warm_up is not None:
        # Loaded here, in the script thread, before any page or background job runs: importing torch
        # in a background thread while a page imports scipy crashed scipy's torch check ("partially
        # initialized module 'torch'"), so the import must finish before anything else starts.
        warm_up()
    return embedder


def get_embedder() -> Embedder:
    """The embedder of this server (the real model is loaded and warmed once)."""
    settings = get_settings()
    return _embedder(settings.embedding_model, settings.embed_batch_size, settings.embedding_backend, settings)


@st.cache_resource(show_spinner="Loading the redaction models (once per server)…")
def _redactor(keep_terms: tuple[str, ...]) -> Any:
    from ingest.redaction import default_redactor

    return default_redactor(keep_terms)


def get_redactor() -> Any:
    """The default redactor (recognisers and the NER model are built once per server)."""
    from ingest.redaction import keep_terms_from

    return _redactor(keep_terms_from(get_settings()))


def warm_up() -> None:
    """Load the embedder now (a no-op after the first session): see :func:`_embedder` for why."""
    get_embedder()
