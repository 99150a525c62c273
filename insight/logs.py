"""Logging, configured once: Earshot's loggers write to stderr (and to ``data/earshot.log`` when asked)."""

from __future__ import annotations

import logging
import os
import sys

_configured = False


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (test capture and redirection swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def configure_logging(level: str | None = None) -> None:
    """Configure the ``insight``/``ingest``/``app`` loggers once per process (idempotent)."""
    global _configured
    if _configured:
        return
    _configured = True
    level_name = (level or os.environ.get("EARSHOT_LOG_LEVEL") or "WARNING").upper()
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("insight", "ingest", "app", "ui"):
        logger = logging.getLogger(name)
        logger.setLevel(level_name)
        if not logger.handlers:
            logger.addHandler(handler)
        logger.propagate = False
