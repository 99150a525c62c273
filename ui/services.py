"""Service functions that other parts of Earshot are still writing, looked up when a page needs them.

A page asks for, say, ``topics("rename_topic")`` and renders a "coming soon" state while it is
``None``, instead of inventing the business logic itself. Once every service exists these lookups
can become plain imports.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

_TOPIC_MODULES = ("insight.topics", "insight.topics.service", "insight.topics.refit", "insight.topics.manage")
_BRIEF_MODULES = ("insight.brief", "insight.brief.service", "insight.brief.build", "insight.brief.render")


def _find(name: str, modules: tuple[str, ...]) -> Callable[..., Any] | None:
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        found = getattr(module, name, None)
        if inspect.ismodule(found):  # e.g. insight.topics.refit the module, not the function
            found = getattr(found, name, None)
        if callable(found):
            return found
    return None


def topics(name: str) -> Callable[..., Any] | None:
    """A function of the topics service (``list_topics``, ``get_topic``, ``refit``…), or ``None`` for now."""
    return _find(name, _TOPIC_MODULES)


def brief(name: str) -> Callable[..., Any] | None:
    """A function of the brief service (``build_brief``, ``render_markdown``, ``render_html``), or ``None``."""
    return _find(name, _BRIEF_MODULES)
