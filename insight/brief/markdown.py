"""The weekly brief as Markdown (GitHub-flavoured tables). Every piece of note-derived text is escaped.

Page one is what leadership reads (it fits one A4 page): the headline numbers, the top emerging needs
(each with one sentence, its counts, distinct agents and one quote), what changed since last week and
what was decided. Everything else — movers table, kinds, products, every topic — is the appendix.
"""

from __future__ import annotations

import re

from insight.brief.records import Brief, BriefItem, KindSection, TopicLine, group_needs
from insight.brief.text import (
    QUOTE_CHARS,
    also_rising,
    change,
    changed_facts,
    decision_counts,
    decisions,
    delta,
    inside,
    md_text,
    rise,
    volume,
    weekly_rate,
)
from insight.trends.records import Quote


def _quote_line(q: Quote) -> str:
    where = " · ".join(md_text(p) for p in (q.agent_id and f"agent {q.agent_id}", q.channel, q.product) if p)
    return f"  > “{md_text(q.text, QUOTE_CHARS)}” — note #{q.note_id}" + (f" · {where}" if where else "")


def _quote_lines(quotes: tuple[Quote, ...]) -> list[str]:
    """Quotes as one blockquote, an empty quoted line between them (else Markdown runs them together)."""
    lines: list[str] = []
    for q in quotes:
        lines += [*(["  >"] if lines else []), _quote_line(q)]
    return lines


def _owner(item: BriefItem) -> str:
    parts = [f"owner: {md_text(item.owner)}" if item.owner else "no owner", f"status: {md_text(item.status or 'new')}"]
    return " · ".join(parts)


PAGE_ONE_NEEDS = 5  # emerging needs on page one
PAGE_ONE_DECISIONS = 6


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def repeats(quote: str, summary: str | None, overlap: float = 0.7) -> bool:
    """Whether ``quote`` says what ``summary`` already says: most words of the shorter text are in the other.

    Agents repeat a note with "Again today:" or "Quite frustrated." around it; a quote that differs only by
    such words added nothing under an "In short" that was the same note.
    """
    a, b = _words(quote), _words(summary or "")
    if not a or not b:
        return False
    return len(a & b) >= overlap * min(len(a), len(b))


def page_one_quote(item: BriefItem) -> tuple[Quote, ...]:
    """The one quote page one shows: the first that does not repeat the summary."""
    fresh = [q for q in item.quotes if not repeats(q.text, item.summary)]
    return tuple((fresh or list(item.quotes))[:1])


def page_one_summary(item: BriefItem) -> str | None:
    """The "In short" sentence, unless page one's quote already says it (then the quote, with who said it, stays)."""
    if not item.summary or any(repeats(q.text, item.summary) for q in page_one_quote(item)):
        return None
    return item.summary


def _emerging(items: tuple[BriefItem, ...]) -> list[str]:
    lines = ["## Top emerging needs", ""]
    if not items:
        return [*lines, "No topic emerged this week.", ""]
    needs = group_needs(items)
    for i, group in enumerate(needs[:PAGE_ONE_NEEDS], 1):
        item = group.lead
        lines.append(
            f"{i}. **{md_text(item.label)}** — {volume(item.count, item.distinct_agents)} "
            f"({rise(item.baseline, item.growth, item.window_weeks, item.previous)}) · "
            + (f"{where} · " if (where := inside(item, lambda label: f"**{md_text(label)}**")) else "")
            + f"{_owner(item)}"
        )
        if also := also_rising(group, lambda label: f"**{md_text(label)}**"):
            lines += ["", f"   {also}"]
        if summary := page_one_summary(item):
            lines += ["", f"   _In short:_ {md_text(summary)}", ""]  # its own paragraph, not run on
        lines.extend(_quote_line(q) for q in page_one_quote(item))  # one quote on page one
    if len(needs) > PAGE_ONE_NEEDS:
        lines.append(f"…and {len(needs) - PAGE_ONE_NEEDS} more in the appendix and on the Trends page.")
    return [*lines, ""]


def _changed(brief: Brief) -> list[str]:
    """What changed since last week, in a few lines: the biggest moves, new topics, spikes and fades."""
    lines = ["## What changed since last week", ""]
    facts = [f"- {title}: {text}" for title, text in changed_facts(brief, lambda label: f"**{md_text(label)}**")]
    return [*lines, *(facts or ["Nothing moved much this week."]), ""]


def _decided(topics: tuple[TopicLine, ...]) -> list[str]:
    """What was decided: one line per decision, furthest along first, with what the PM told agents."""
    decided = decisions(topics)
    lines = ["## What was decided", ""]
    if not decided:
        return [*lines, "No topic active this week has a decision yet (set one on its Topic page).", ""]
    for d in decided[:PAGE_ONE_DECISIONS]:
        owner = f" · owner: {md_text(d.owner)}" if d.owner else ""
        note = f": *{md_text(d.note)}*" if d.note else ""
        lines.append(f"- **{md_text(d.label)}** — {md_text(d.status)}{owner} · {decision_counts(d)}{note}")
    if len(decided) > PAGE_ONE_DECISIONS:
        lines.append(f"- …and {len(decided) - PAGE_ONE_DECISIONS} more in the appendix.")
    return [*lines, ""]


def _movers(brief: Brief) -> list[str]:
    lines = ["### Biggest movers", ""]
    up, down = brief.movers_up, brief.movers_down
    if not up and not down:
        lines += ["No topic moved much this week.", ""]
    else:
        lines += [
            "| | Topic | This week | Last week | Change | Agents | Signal |",
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for arrow, items in (("▲", up), ("▼", down)):
            for item in items:
                lines.append(
                    f"| {arrow} | {md_text(item.label)} | {item.count} | {item.previous} | "
                    f"{delta(item.count, item.previous)} ({change(item.count, item.previous)}) | "
                    f"{item.distinct_agents} | {item.flag or ''} |"
                )
        lines.append("")
    for title, items in (("Unusual spikes", brief.spikes), ("Fading", brief.fading)):
        if items:
            lines += [f"**{title}:**", ""]
            lines += [f"- **{md_text(i.label)}** — {md_text(_signal_reason(i))}" for i in items]
            lines.append("")
    return lines


def _signal_reason(item: BriefItem) -> str:
    return (
        f"{volume(item.count, item.distinct_agents, 'this week')}, last week {item.previous}, "
        f"baseline {weekly_rate(item.baseline or 0)}"
    )


def _new(items: tuple[BriefItem, ...]) -> list[str]:
    lines = ["### New topics", ""]
    if not items:
        return [*lines, "No new topic was found this week.", ""]
    lines += [f"- **{md_text(i.label)}** — {volume(i.count, i.distinct_agents)} this week · {_owner(i)}" for i in items]
    return [*lines, ""]


def _kind(section: KindSection) -> list[str]:
    lines = [
        f"### {section.title}",
        "",
        f"{section.count} {section.kind} notes this week (last week {section.previous}, "
        f"{change(section.count, section.previous)}).",
        "",
    ]
    for item in section.items:
        lines.append(f"- **{md_text(item.label)}** — {volume(item.count, item.distinct_agents)}")
        lines.extend(_quote_lines(item.quotes))
    return [*lines, ""] if section.items else lines


def render_page_one(brief: Brief, *, heading: bool = True) -> str:
    """Page one of the brief (one A4 page): headline, top emerging needs, what changed, what was decided.

    ``heading=False`` leaves out the title and headline numbers (the app shows them as metrics).
    """
    h = brief.headline
    lines = (
        []
        if not heading
        else [
            f"# Weekly brief — {brief.week} ({brief.week_start:%d %b} – {brief.week_end:%d %b %Y})",
            "",
            f"**{h.notes:,} notes** ({change(h.notes, h.notes_previous)} vs {brief.previous_week}) · "
            f"**{h.agents} active agents** ({delta(h.agents, h.agents_previous)}) · "
            f"**{h.topics} topics** ({delta(h.topics, h.topics_previous)})",
            "",
        ]
    )
    lines += _emerging(brief.emerging)
    lines += _changed(brief)
    lines += _decided(brief.topics)
    return "\n".join(lines)


def render_appendix(brief: Brief) -> str:
    """Everything page one leaves out: weekly volumes, movers, new topics, kinds, products, every topic."""
    lines = [
        "## Appendix",
        "",
        "Notes per week: " + " · ".join(f"{w}: {n}" for w, n in brief.weekly_notes),
        "",
    ]
    lines += _movers(brief)
    lines += _new(brief.new_topics)
    for section in brief.kinds:
        lines += _kind(section)
    lines += ["### By product", ""]
    if brief.products:
        lines += ["| Product | Notes | Last week | Change | Agents | Biggest topic |", "|---|---:|---:|---:|---:|---|"]
        for p in brief.products:
            top = f"{md_text(p.top_topic)} ({p.top_topic_count})" if p.top_topic else ""
            lines.append(
                f"| {md_text(p.product)} | {p.count} | {p.previous} | {change(p.count, p.previous)} | {p.agents} "
                f"| {top} |"
            )
    else:
        lines.append("No notes this week.")
    lines += ["", "### Topics this week", ""]
    if brief.topics:
        lines += ["| Topic | Owner | Status | Notes | Last week | Agents |", "|---|---|---|---:|---:|---:|"]
        for t in brief.topics:
            lines.append(
                f"| {md_text(t.label)} | {md_text(t.owner) or '—'} | {md_text(t.status or 'new')} | {t.count} | "
                f"{t.previous} | {t.distinct_agents} |"
            )
    else:
        lines.append("No topic had notes this week.")
    lines += ["", "---", "", f"_How this was counted:_ {brief.method}", ""]
    return "\n".join(lines)


def render_markdown(brief: Brief) -> str:
    """The brief as one Markdown document: page one, then the appendix.

    Note text, labels, product and agent names are escaped with :func:`~insight.brief.text.md_text`, so a
    note cannot inject HTML, links, emphasis or table cells.
    """
    return render_page_one(brief) + "\n---\n\n" + render_appendix(brief)
