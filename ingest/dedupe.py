"""Duplicate detection: the same note imported twice is stored once.

A note with an external id is identified by (source, external id): ids are only unique within the
system that issued them. A note without one is identified by its normalised (already redacted) text,
its agent and its UTC day — the same agent logging the same words the same day is the same note.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from insight.records import NoteDraft

_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def normalise_text(text: str) -> str:
    """Case-, space- and edge-punctuation-insensitive form of a note, for duplicate detection."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _EDGE_PUNCT.sub("", _SPACE.sub(" ", text).strip())


def dedupe_key(draft: NoteDraft) -> str:
    """The identity of a note for duplicate detection (see the module docstring)."""
    if draft.external_id:
        basis = f"{draft.source}\x1f{draft.external_id.strip()}"
        return "ext:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]
    basis = f"{normalise_text(draft.text)}\x1f{draft.agent_id or ''}\x1f{draft.created_at.date().isoformat()}"
    return "txt:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]
