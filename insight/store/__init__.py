"""The DuckDB store: the only place with SQL. See :class:`insight.store.db.Store`."""

from insight.store.db import Store

__all__ = ["Store"]
