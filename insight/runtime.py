"""One way to assemble Earshot's runtime from settings, used by every entry point.

The CLIs, the dashboard, the API and the benchmarks all open the database and pick the embedder here,
so they can never disagree about which file is meant or which model id the stored vectors carry
(they once did: ingest stored ``hashing-64`` vectors while refit looked for ``hashing``).
"""

from __future__ import annotations

from insight.embedder import Embedder, embedder_from_settings
from insight.errors import EarshotError
from insight.settings import Settings
from insight.store import Store


def open_store(settings: Settings, *, must_exist: bool = False, adopt: bool = False) -> Store:
    """The store for ``settings.db``.

    Args:
        settings: the settings in effect.
        must_exist: refuse, with a message saying what to do, when there is no database file yet
            (commands that only read have nothing to show on a new path).
        adopt: add Earshot's tables even to a DuckDB file that holds another program's tables
            (``--force-adopt``); without it such a file is refused.

    Raises:
        EarshotError: ``must_exist`` and the file is missing.
    """
    if must_exist and not settings.db.exists():
        raise EarshotError(
            f"There is no database at {settings.db}. Import notes first, or point --db / EARSHOT_DB at one.",
            title="No database",
        )
    return Store(settings.db, lock_timeout_s=settings.lock_timeout_s, adopt=adopt)


def embedder_for(settings: Settings) -> Embedder:
    """The configured embedder (model and backend); the real model loads lazily, on its first use."""
    return embedder_from_settings(settings)


def model_id_for(settings: Settings) -> str:
    """The model id that the configured embedder writes on vectors (nothing is loaded)."""
    return embedder_for(settings).model_id
