"""The summariser stage: one line about a topic from its quotes. Extractive by default (no model)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_WORD = re.compile(r"[a-z0-9']+")


class Summariser(Protocol):
    """Anything that writes one short line about a topic from its (redacted) notes."""

    def summarise(self, label: str, texts: Sequence[str]) -> str:
        """Return one line; the brief escapes it like note text, so it may contain anything."""
        ...


def shorten(text: str, limit: int = 280) -> str:
    """One line (whitespace collapsed), cut at a word boundary to at most ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] or flat[: limit - 1]
    return cut + "…"


class ExtractiveSummariser:
    """Picks the note that shares the most words with the others (the most typical one), verbatim.

    Deterministic, needs no model, and never says anything an agent did not write.
    """

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit

    def summarise(self, label: str, texts: Sequence[str]) -> str:
        """The most typical of ``texts`` (ties: the earliest given), shortened; ``""`` when there are none."""
        if not texts:
            return ""
        bags = [set(_WORD.findall(t.lower())) for t in texts]

        def typicality(i: int) -> float:
            others = [b for j, b in enumerate(bags) if j != i]
            if not others or not bags[i]:
                return 0.0
            return sum(len(bags[i] & b) / len(bags[i] | b) for b in others) / len(others)

        best = max(range(len(texts)), key=lambda i: (typicality(i), -i))
        return shorten(texts[best], self.limit)
