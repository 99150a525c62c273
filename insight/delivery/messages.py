"""What Earshot sends: the weekly brief and emerging-need alerts, written for e-mail and for chat.

E-mail gets the full self-contained HTML brief (the same page the dashboard downloads). Slack and Teams
get a short Markdown digest — the headline, the top emerging needs with a quote each, and a link to the
full brief — because a chat message is read in a glance. Every number comes from the brief's records,
which come from the trend service functions the dashboard uses; note text is made inert (``md_text``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from insight.brief import Brief, render_html
from insight.brief.records import group_needs
from insight.brief.text import also_rising, change, md_text, rise, volume
from insight.trends.records import TrendSignal

CHAT_QUOTE_CHARS = 180


@dataclass(frozen=True)
class Message:
    """One thing to deliver, in a Markdown form (chat) and an HTML form (e-mail)."""

    kind: str  # brief · alert
    subject_key: str  # brief:2025-W10 · alert:12:2025-W10 — one delivery per key and channel
    week: str
    title: str
    markdown: str
    html: str
    topic_id: int | None = None
    count: int | None = None  # alerts: the need's notes that week
    need_key: str | None = None  # alerts: the need's alert state key (topic:12 · pocket:3)
    # alerts: topics of the same theme told in this alert, as (need key, notes that week): their state is saved
    # with it, so a sibling is not alerted on its own next week for the same surge.
    also_states: tuple[tuple[str, int], ...] = ()


def _link(base: str, path: str) -> str:
    return base.rstrip("/") + path


def brief_message(brief: Brief, public_url: str) -> Message:
    """The weekly brief: full HTML for e-mail, a digest for chat."""
    h = brief.headline
    sunday = brief.week_end
    lines = [
        f"**{h.notes:,} notes** ({change(h.notes, h.notes_previous)} vs {brief.previous_week}) · "
        f"**{h.agents:,} agents** · **{h.topics:,} topics** · {brief.week_start:%d %b} – {sunday:%d %b %Y}",
        "",
    ]
    if brief.emerging:
        lines.append("**Top emerging needs**")
        for i, group in enumerate(group_needs(brief.emerging), 1):
            item = group.lead
            owner = f" · owner: {md_text(item.owner)}" if item.owner else " · no owner yet"
            lines.append(
                f"{i}. **{md_text(item.label)}** — {volume(item.count, item.distinct_agents)} "
                f"({rise(item.baseline, item.growth, item.window_weeks, item.previous)}){owner}"
            )
            if also := also_rising(group, lambda label: f"**{md_text(label)}**"):
                lines.append(f"   {also}")
            if item.quotes:
                lines.append(f"   > “{md_text(item.quotes[0].text, CHAT_QUOTE_CHARS)}”")
    else:
        lines.append("No customer need emerged this week.")
    movers = [*brief.movers_up[:2], *brief.movers_down[:1]]
    if movers:
        lines += ["", "**Biggest movers:** " + " · ".join(f"{md_text(m.label)} {m.previous}→{m.count}" for m in movers)]
    lines += ["", f"Full brief: {_link(public_url, '/brief')}"]
    return Message(
        kind="brief",
        subject_key=f"brief:{brief.week}",
        week=brief.week,
        title=f"Earshot weekly brief — {brief.week}",
        markdown="\n".join(lines),
        html=render_html(brief),
    )


def need_key(signal: TrendSignal, born: dict[int, int] | None = None) -> str:
    """The need a signal is about, as an alert-state key.

    A pocket is its own need (``pocket:3``), not its parent topic; a topic a refit gave to a pocket is
    still that pocket's need, so it is not alerted afresh under its new topic id. Any other topic is
    ``topic:12``. A pocket of a week not stored yet has no id and is keyed by week and name.
    """
    born = born or {}
    if signal.scope == "pocket":
        return f"pocket:{signal.pocket_id}" if signal.pocket_id is not None else f"pocket:{signal.week}:{signal.label}"
    if signal.topic_id in born:
        return f"pocket:{born[signal.topic_id]}"
    return f"topic:{signal.topic_id}"


def alert_message(
    signal: TrendSignal,
    public_url: str,
    previous_count: int | None = None,
    key: str | None = None,
    also: Sequence[tuple[TrendSignal, str]] = (),
) -> Message:
    """A new emerging need (or one that grew materially since its last alert); ``key`` as :func:`need_key`.

    ``also``: other emerging topics of the same theme, as (signal, need key), told on one line of this alert
    instead of an alert each (one surge often lands in several sibling topics).
    """
    label = md_text(signal.label)
    again = previous_count is not None
    title = f"{'Still growing' if again else 'Emerging need'}: {signal.label}"
    why = (
        f"now {signal.count} notes this week, up from {previous_count} when first alerted"
        if again
        else rise(signal.baseline, signal.growth, signal.window_weeks, _previous(signal))
    )
    link = _link(public_url, f"/topic?topic={signal.topic_id}")
    lines = [
        f"**{label}** — {volume(signal.count, signal.distinct_agents)} in {signal.week} ({why}).",
        f"Owner: {md_text(signal.owner) if signal.owner else 'nobody yet'} · status: {md_text(signal.status or 'new')}",
    ]
    if also:
        others = "; ".join(f"**{md_text(s.label)}** {volume(s.count, s.distinct_agents)}" for s, _ in also)
        lines.append(f"Also rising in the same theme: {others}")
    for quote in signal.quotes[:2]:
        lines.append(f"> “{md_text(quote.text, CHAT_QUOTE_CHARS)}”")
    lines += ["", f"Evidence and notes: {link}"]
    markdown = "\n".join(lines)
    key = key or need_key(signal)
    # A topic keeps the subject key it always had, so a week already delivered is never sent again.
    subject = str(signal.topic_id) if key.startswith("topic:") else key.replace(":", "-", 1)
    return Message(
        kind="alert",
        subject_key=f"alert:{subject}:{signal.week}",
        week=signal.week,
        title=title,
        markdown=markdown,
        html=_markdown_as_html(lines),
        topic_id=signal.topic_id,
        count=signal.count,
        need_key=key,
        also_states=tuple((k, s.count) for s, k in also),
    )


def _previous(signal: TrendSignal) -> int:
    counts = [c for _, c in signal.weekly_counts]
    return counts[-2] if len(counts) >= 2 else 0


def _markdown_as_html(lines: list[str]) -> str:
    """The alert's few lines as simple HTML (already entity-escaped by ``md_text``)."""
    import re

    out = []
    for line in lines:
        if not line:
            continue
        body = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", line).replace("\\", "")
        if body.startswith("> "):
            out.append(f"<blockquote>{body[2:]}</blockquote>")
        else:
            out.append(f"<p>{body}</p>")
    return '<html><body style="font-family:sans-serif">' + "".join(out) + "</body></html>"
