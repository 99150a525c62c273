"""Cached service calls: ``cached(fn, *args, **kwargs)`` memoises a read for a minute, per data version.

Writes made through this server call :func:`changed` so every session sees them at once; writes from
elsewhere (the CLI, another server) show up when the short TTL expires. Results are pickled copies,
so a page can never mutate what another session sees.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")
TTL_SECONDS = 60


class _Version:
    """A server-wide counter of data changes (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def bump(self) -> None:
        with self._lock:
            self.value += 1


@st.cache_resource(show_spinner=False)
def _version() -> _Version:
    return _Version()


def changed() -> None:
    """Call after a write: cached reads are recomputed on their next use."""
    _version().bump()


@st.cache_data(ttl=TTL_SECONDS, max_entries=512, show_spinner=False)
def _call(name: str, version: int, key: str, _fn: Callable[..., Any], _args: tuple, _kwargs: dict) -> Any:
    return _fn(*_args, **_kwargs)


def cached(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)``, memoised by the function's name, the arguments' ``repr`` and the data version.

    Only for reads whose arguments have a faithful ``repr`` (stores, frozen dataclasses, plain values).
    """
    key = repr((args, sorted(kwargs.items())))
    return _call(f"{fn.__module__}.{fn.__qualname__}", _version().value, key, fn, args, kwargs)
