"""Topics: fitting runs with BERTopic, matching them across refits, placing new notes on arrival.

The service functions are importable from here (lazily, so ``import insight.topics`` stays cheap and
never loads BERTopic):

* :func:`refit`, :func:`needs_refit` — :mod:`insight.topics.refitting`
* :func:`list_topics`, :func:`get_topic`, :func:`topic_lineage`, :func:`topic_names`, :func:`list_runs`,
  :func:`rename_topic`, :func:`merge_topics`, :func:`set_topic_status`, :func:`set_topic_owner` —
  :mod:`insight.topics.manage`
* :func:`assign_notes` — :mod:`insight.topics.assign`
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "refit": "insight.topics.refitting",
    "needs_refit": "insight.topics.refitting",
    "list_topics": "insight.topics.manage",
    "get_topic": "insight.topics.manage",
    "topic_lineage": "insight.topics.manage",
    "list_runs": "insight.topics.manage",
    "topic_names": "insight.topics.manage",
    "rename_topic": "insight.topics.manage",
    "merge_topics": "insight.topics.manage",
    "set_topic_status": "insight.topics.manage",
    "set_topic_owner": "insight.topics.manage",
    "assign_notes": "insight.topics.assign",
    "Placement": "insight.topics.assign",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'insight.topics' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
