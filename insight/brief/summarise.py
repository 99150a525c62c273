"""The summariser stage: one line about a topic from its quotes. Extractive by default (no model)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_WORD = re.compile(r"[a-z0-9']+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_LEAD = re.compile(r"^\s*([^:.!?]{1,30}):\s+")  # "3rd this week: ", "Again today: "
_AGENT_ASIDE = re.compile(r"^\s*(?:fyi|n\.?b\.?|psa|btw|fwiw)\b[\s:,;.\-\u2013\u2014]*", re.IGNORECASE)  # "FYI …"


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

    Deterministic, needs no model, and never says anything an agent did not write. What the note says beside
    the topic is left out: a sentence or a lead-in that shares no word with what most of the notes say
    ("… Escalated to team lead.", "3rd this week: …" — an agent's habit, not the need).
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
        return shorten(without_asides(texts[best], shared_words(bags)), self.limit)


def shared_words(bags: Sequence[set[str]]) -> frozenset[str]:
    """Content words in more than half of the notes (none below three notes): what the notes have in common."""
    if len(bags) < 3:
        return frozenset()
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counts: dict[str, int] = {}
    for bag in bags:
        for word in bag:
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n * 2 > len(bags) and len(w) > 2 and w not in ENGLISH_STOP_WORDS)


def without_asides(text: str, shared: frozenset[str]) -> str:
    """``text`` without its sentences and lead-in that share no word with ``shared``; whole when none does."""
    if not shared:
        return text

    def says_it(part: str) -> bool:
        return bool(shared & set(_WORD.findall(part.lower())))

    kept = [s for s in _SENTENCE_END.split(text.strip()) if says_it(s)]
    if not kept:
        return text
    lead = _LEAD.match(kept[0]) or _AGENT_ASIDE.match(kept[0])
    if lead and not says_it(lead.group(0)) and says_it(kept[0][lead.end() :]):
        kept[0] = kept[0][lead.end() :]
    return " ".join(kept)
