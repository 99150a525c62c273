"""Formatting shared by the renderers: changes, growth, and making note text inert in Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from insight.brief.records import Brief, BriefItem, NeedGroup, TopicLine
from insight.brief.summarise import shorten
from insight.records import decision_key

# Inline Markdown punctuation. Note text never starts a line in the brief, so "#", "-", "+" and "1." cannot
# start a heading or a list and are left alone for readability.
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_SPECIAL = re.compile(r"([\\`*_\[\](){}!|~])")
QUOTE_CHARS = 280
PAGE_ONE_CHANGES = 3  # topics up / down in "what changed"
DECISION_NOTE_CHARS = 100  # page one keeps each decision to about two lines (and one A4 page)
DECISION_ORDER = {"done": 0, "planned": 1, "declined": 2, "investigating": 3}  # furthest along first


def change(now: int, before: int) -> str:
    """``+12%`` / ``-40%`` / ``±0`` / ``from none`` — how ``now`` compares with ``before``.

    Not "new": a topic of 77 notes that had none last week read "+5 (new)", as if it had just appeared.
    """
    if now == before:
        return "±0"
    if before == 0:
        return "from none"
    pct = round(100 * (now - before) / before)
    return f"{pct:+d}%"


def delta(now: int, before: int) -> str:
    """``+3`` / ``-2`` / ``±0``."""
    return "±0" if now == before else f"{now - before:+d}"


def growth(value: float | None) -> str:
    """``×4.5`` or ``from zero``."""
    return "from zero" if value is None else f"×{value:.1f}"


def md_text(text: str | None, limit: int | None = None) -> str:
    r"""Note-derived text made inert for Markdown: one line, HTML characters as entities, markup escaped.

    Angle brackets become ``&lt;`` ``&gt;`` and an ampersand that starts an entity ``&amp;`` (so ``<script>``
    shows as text in any renderer, and "TV & Streaming" as written), Markdown punctuation gets a backslash (no
    emphasis, links or table cells), and ``://`` becomes ``\://`` so no renderer turns a pasted address into a
    live link.
    """
    if text is None:
        return ""
    flat = shorten(text, limit) if limit else " ".join(text.split())
    # Only an ampersand that could start an entity ("&lt;", "&#60;") is written "&amp;": "TV & Streaming" stays.
    flat = _ENTITY_START.sub("&amp;", flat).replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat).replace("://", "\\://")


def counted(n: int, noun: str) -> str:
    """``1 note`` / ``3 notes`` (nouns here take a plain ``s``)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def volume(notes: int, agents: int, when: str = "") -> str:
    """``9 notes from 5 agents`` (``when`` goes between, e.g. ``this week``)."""
    middle = f" {when}" if when else ""
    return f"{counted(notes, 'note')}{middle} from {counted(agents, 'agent')}"


def weekly_rate(rate: float) -> str:
    """A baseline rate as people say it: ``none``, ``under 1 a week``, ``2.5 a week``, ``14 a week``."""
    if rate < 0.05:
        return "none"
    if rate < 1:
        return "under 1 a week"
    return f"{rate:.1f} a week" if rate < 10 else f"{rate:.0f} a week"


def rise(baseline: float | None, growth_ratio: float | None, window_weeks: int, previous: int) -> str:
    """``new — none in the weeks before; last week 1``, ``3.6 times the usual 2.5 a week; last week 4`` or, for a rise
    judged over weeks, ``rising for 2 weeks from under 1 a week before; last week 8``.

    A leader reads "0.0 a week" as a glitch and "×36.0" from a near-empty baseline as hype, so a rise from
    (almost) nothing is called new and the ratio is left out.
    """
    base = baseline or 0.0
    rate = weekly_rate(base).replace(".0 a week", " a week")  # "about 1 a week", not "1.0"
    if rate == "none":
        before = f"before these {window_weeks} weeks" if window_weeks > 1 else "in the weeks before"
        return f"new — none {before}; last week {previous}"
    if window_weeks > 1:
        return f"rising for {window_weeks} weeks from {rate} before; last week {previous}"
    if base >= 1 and growth_ratio is not None and growth_ratio >= 1.5:
        times = f"{growth_ratio:.0f}" if growth_ratio >= 10 else f"{growth_ratio:.1f}".rstrip("0").rstrip(".")
        return f"{times} times the usual {rate}; last week {previous}"
    return f"usually {rate}; last week {previous}"


def inside(item: BriefItem, strong: Callable[[str], str]) -> str:
    """``inside **Login loop** (23 notes this week)`` for a need still inside a broader topic; else empty.

    The appendix lists topics, not needs: without this a reader finds "Login loop, 23" there and cannot tell
    it holds the 13 notes of "Login screen after update". ``strong`` renders a label for the format.
    """
    if not item.inside:
        return ""
    return f"inside {strong(item.inside)} ({counted(item.inside_count or 0, 'note')} this week)"


def changed_facts(brief: Brief, strong: Callable[[str], str]) -> list[tuple[str, str]]:
    """What changed since last week as ``(title, text)`` facts: the biggest moves, new topics, spikes and fades.

    Both renderers list these; ``strong`` renders a topic label escaped and emphasised for the format.
    """

    def moves(items: tuple[BriefItem, ...]) -> str:
        return ", ".join(f"{strong(i.label)} {i.previous} → {i.count}" for i in items[:PAGE_ONE_CHANGES])

    facts = []
    if brief.movers_up:
        facts.append(("Up", moves(brief.movers_up)))
    if brief.movers_down:
        facts.append(("Down", moves(brief.movers_down)))
    if brief.new_topics:
        facts.append(
            ("New", ", ".join(f"{strong(i.label)} ({counted(i.count, 'note')})" for i in brief.new_topics[:3]))
        )
    for title, items in (("Unusual spike", brief.spikes), ("Fading", brief.fading)):
        if items:
            facts.append((title, ", ".join(strong(i.label) for i in items[:3])))
    if arrived := brief.from_new_sources:
        named = ", ".join(f"{strong(i.label)} ({counted(i.count, 'note')})" for i in arrived[:3])
        more = f" and {len(arrived) - 3} more" if len(arrived) > 3 else ""
        facts.append(("From a new source", f"{named}{more}: needs that came with a source connected lately, not rises"))
    return facts


def also_rising(group: NeedGroup, strong: Callable[[str], str]) -> str:
    """``Also rising in the theme *eSIM*: **eSIM option** 9 notes from 8 agents; …`` (empty for a lone topic).

    ``strong`` renders a topic label escaped and emphasised for the format.
    """
    if not group.also:
        return ""
    others = "; ".join(f"{strong(i.label)} {volume(i.count, i.distinct_agents)}" for i in group.also)
    return f"Also rising in the same theme: {others}"


@dataclass(frozen=True)
class Decision:
    """One decision of "What was decided": a status with its owner and note, on one or more of this week's topics.

    ``label`` is the busiest of those topics; ``count`` their notes this week; ``topics`` how many they are.
    """

    label: str
    status: str
    owner: str | None
    note: str | None
    count: int
    topics: int


def decisions(topics: Sequence[TopicLine]) -> list[Decision]:
    """This week's topics whose status moved past "new", one line per decision, furthest along first.

    A PM who set the same status, owner and note on the sibling topics of one need made one decision, so
    those topics are one line (named by the busiest) — the brief does not list the same decision three times.
    Topics without a note are never put together: nothing says they are the same decision.
    """
    groups: dict[tuple, list[TopicLine]] = {}
    for t in topics:
        if t.status in DECISION_ORDER:
            groups.setdefault(decision_key(t.status, t.owner, t.status_note, t.topic_id), []).append(t)
    out = []
    for members in groups.values():
        busiest = max(members, key=lambda t: (t.count, -t.topic_id))
        note = (busiest.status_note or "").strip() or None
        out.append(
            Decision(
                busiest.label,
                str(busiest.status),
                busiest.owner,
                shorten(note, DECISION_NOTE_CHARS) if note else None,
                sum(t.count for t in members),
                len(members),
            )
        )
    return sorted(out, key=lambda d: (DECISION_ORDER[d.status], -d.count, d.label))


def decision_counts(d: Decision) -> str:
    """``10 notes this week`` / ``10 notes this week in 3 topics``."""
    where = f" in {d.topics} topics" if d.topics > 1 else ""
    return f"{counted(d.count, 'note')} this week{where}"
