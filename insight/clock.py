"""The one clock: naive UTC, the form every stored time has (DuckDB ``TIMESTAMP`` columns hold no zone)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Now, in UTC, without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)
