"""The weekly brief as one self-contained HTML page: inline CSS, inline SVG charts, no script.

Page one (headline, top emerging needs, what changed, what was decided) prints on one A4 page; the
appendix starts on a new page (``@media print``).

Every piece of note-derived text goes through :func:`html.escape`; a Content-Security-Policy that
allows no script is a second line of defence.
"""

from __future__ import annotations

import re
from html import escape

from insight.brief.charts import product_bars_svg, sparkline_svg, week_bars_svg
from insight.brief.markdown import PAGE_ONE_DECISIONS, PAGE_ONE_NEEDS, page_one_quote, page_one_summary
from insight.brief.records import Brief, BriefItem, KindSection, TopicLine, group_needs
from insight.brief.summarise import shorten
from insight.brief.text import (
    QUOTE_CHARS,
    also_rising,
    change,
    changed_facts,
    decision_counts,
    decisions,
    delta,
    inside,
    rise,
    volume,
    weekly_rate,
)
from insight.trends.records import Quote

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;max-width:960px;margin:24px auto;
padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.kpis{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-end}.kpi{background:#f8fafc;border:1px solid #e5e7eb;
border-radius:6px;padding:8px 12px}.kpi b{display:block;font-size:20px}.muted{color:#6b7280}
ol,ul{padding-left:20px}li{margin:6px 0}blockquote{margin:4px 0 4px 8px;padding:2px 8px;border-left:3px solid #cbd5e1;
color:#374151}blockquote cite{display:block;font-style:normal;font-size:12px;color:#6b7280}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eef0f3;padding:4px 6px;
text-align:left}td.n,th.n{text-align:right}.up{color:#047857}.down{color:#b91c1c}.tag{font-size:11px;padding:1px 6px;
border-radius:8px;background:#eef2ff;color:#3730a3}svg text{font-size:10px;fill:#4b5563}.spark{vertical-align:middle}
footer{margin-top:24px;font-size:12px;color:#6b7280}code{background:#f3f4f6;padding:0 3px;border-radius:3px}
.appendix{margin-top:40px}.appendix h2{font-size:15px}
@page{size:A4;margin:14mm 14mm 16mm}
@media print{body{font-size:9.5pt;line-height:1.35;max-width:none;margin:0;padding:0}h1{font-size:15pt}
h2{font-size:11pt;margin:8px 0 3px}li{margin:2px 0}blockquote{margin:1px 0 1px 8px}blockquote cite{font-size:8pt}
.kpi{padding:3px 8px}.kpi b{font-size:13pt}
.appendix{break-before:page;margin-top:0}table,blockquote,li,svg{break-inside:avoid}a{color:inherit;text-decoration:none}}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _quote(q: Quote) -> str:
    where = " · ".join(_e(p) for p in (q.agent_id and f"agent {q.agent_id}", q.channel, q.product) if p)
    return (
        f"<blockquote>“{_e(shorten(q.text, QUOTE_CHARS))}”<cite>note #{q.note_id}"
        + (f" · {where}" if where else "")
        + "</cite></blockquote>"
    )


def _owner(item: BriefItem) -> str:
    owner = f"owner: {_e(item.owner)}" if item.owner else "no owner"
    return f'<span class="tag">{owner}</span> <span class="tag">status: {_e(item.status or "new")}</span>'


def _emerging(items: tuple[BriefItem, ...]) -> str:
    if not items:
        return "<p>No topic emerged this week.</p>"
    out = ["<ol>"]
    needs = group_needs(items)
    for group in needs[:PAGE_ONE_NEEDS]:
        item = group.lead
        out.append(
            f"<li><b>{_e(item.label)}</b> — {volume(item.count, item.distinct_agents)} "
            f'<span class="muted">({rise(item.baseline, item.growth, item.window_weeks, item.previous)})</span> '
            f"{sparkline_svg(item.weekly_counts)} "
            + (f"{where} " if (where := inside(item, lambda label: f"<b>{_e(label)}</b>")) else "")
            + _owner(item)
        )
        if also := also_rising(group, lambda label: f"<b>{_e(label)}</b>"):
            out.append(f"<div>{also}</div>")
        if summary := page_one_summary(item):
            out.append(f"<div><i>In short:</i> {_e(summary)}</div>")
        out.extend(_quote(q) for q in page_one_quote(item))
        out.append("</li>")
    out.append("</ol>")
    if len(needs) > PAGE_ONE_NEEDS:
        out.append(f'<p class="muted">…and {len(needs) - PAGE_ONE_NEEDS} more in the appendix.</p>')
    return "".join(out)


def _changed(brief: Brief) -> str:
    marked = {"Up": "up", "Down": "down"}  # moves get a coloured title
    facts = [
        f'<li><span class="{marked[title]}">{title}:</span> {text}</li>'
        if title in marked
        else f"<li>{title}: {text}</li>"
        for title, text in changed_facts(brief, lambda label: f"<b>{_e(label)}</b>")
    ]
    return f"<ul>{''.join(facts)}</ul>" if facts else "<p>Nothing moved much this week.</p>"


def _decided(topics: tuple[TopicLine, ...]) -> str:
    decided = decisions(topics)
    if not decided:
        return "<p>No topic active this week has a decision yet (set one on its Topic page).</p>"
    lis = [
        f"<li><b>{_e(d.label)}</b> — {_e(d.status)}"
        + (f" · owner: {_e(d.owner)}" if d.owner else "")
        + f' <span class="muted">· {_e(decision_counts(d))}</span>'
        + (f": <i>{_e(d.note)}</i>" if d.note else "")
        + "</li>"
        for d in decided[:PAGE_ONE_DECISIONS]
    ]
    if len(decided) > PAGE_ONE_DECISIONS:
        lis.append(f'<li class="muted">…and {len(decided) - PAGE_ONE_DECISIONS} more in the appendix.</li>')
    return f"<ul>{''.join(lis)}</ul>"


def _movers(brief: Brief) -> str:
    up, down = brief.movers_up, brief.movers_down
    out = []
    if not up and not down:
        out.append("<p>No topic moved much this week.</p>")
    else:
        out.append(
            '<table><tr><th></th><th>Topic</th><th class="n">This week</th><th class="n">Last week</th>'
            '<th class="n">Change</th><th class="n">Agents</th><th>Signal</th></tr>'
        )
        for css, arrow, items in (("up", "▲", up), ("down", "▼", down)):
            for i in items:
                out.append(
                    f'<tr><td class="{css}">{arrow}</td><td>{_e(i.label)}</td><td class="n">{i.count}</td>'
                    f'<td class="n">{i.previous}</td><td class="n {css}">{delta(i.count, i.previous)} '
                    f'({change(i.count, i.previous)})</td><td class="n">{i.distinct_agents}</td>'
                    f"<td>{_e(i.flag or '')}</td></tr>"
                )
        out.append("</table>")
    for title, items in (("Unusual spikes", brief.spikes), ("Fading", brief.fading)):
        if items:
            lis = "".join(
                f"<li><b>{_e(i.label)}</b> — {volume(i.count, i.distinct_agents, 'this week')}, last week "
                f"{i.previous}, baseline {weekly_rate(i.baseline or 0)} {sparkline_svg(i.weekly_counts)}</li>"
                for i in items
            )
            out.append(f"<p><b>{title}:</b></p><ul>{lis}</ul>")
    return "".join(out)


def _new(items: tuple[BriefItem, ...]) -> str:
    if not items:
        return "<p>No new topic was found this week.</p>"
    lis = "".join(
        f"<li><b>{_e(i.label)}</b> — {volume(i.count, i.distinct_agents)} this week {_owner(i)}</li>" for i in items
    )
    return f"<ul>{lis}</ul>"


def _kind(section: KindSection) -> str:
    out = [
        f"<h3>{_e(section.title)}</h3><p>{section.count} {_e(section.kind)} notes this week "
        f"(last week {section.previous}, {change(section.count, section.previous)}).</p>"
    ]
    if section.items:
        out.append("<ul>")
        for item in section.items:
            out.append(f"<li><b>{_e(item.label)}</b> — {volume(item.count, item.distinct_agents)}")
            out.extend(_quote(q) for q in item.quotes)
            out.append("</li>")
        out.append("</ul>")
    return "".join(out)


def _products(brief: Brief) -> str:
    if not brief.products:
        return "<p>No notes this week.</p>"
    rows = [
        '<table><tr><th>Product</th><th class="n">Notes</th><th class="n">Last week</th><th class="n">Change</th>'
        '<th class="n">Agents</th><th>Biggest topic</th></tr>'
    ]
    for p in brief.products:
        top = f"{_e(p.top_topic)} ({p.top_topic_count})" if p.top_topic else ""
        rows.append(
            f'<tr><td>{_e(p.product)}</td><td class="n">{p.count}</td><td class="n">{p.previous}</td>'
            f'<td class="n">{change(p.count, p.previous)}</td><td class="n">{p.agents}</td><td>{top}</td></tr>'
        )
    chart = product_bars_svg([(p.product, p.count, p.previous) for p in brief.products[:12]])
    return chart + "".join([*rows, "</table>"])


def _topics(brief: Brief) -> str:
    if not brief.topics:
        return "<p>No topic had notes this week.</p>"
    rows = [
        '<table><tr><th>Topic</th><th>Owner</th><th>Status</th><th class="n">Notes</th><th class="n">Last week</th>'
        '<th class="n">Agents</th></tr>'
    ]
    for t in brief.topics:
        rows.append(
            f"<tr><td>{_e(t.label)}</td><td>{_e(t.owner or '—')}</td><td>{_e(t.status or 'new')}</td>"
            f'<td class="n">{t.count}</td><td class="n">{t.previous}</td><td class="n">{t.distinct_agents}</td></tr>'
        )
    return "".join([*rows, "</table>"])


def _method(text: str) -> str:
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", _e(text))


def render_html(brief: Brief) -> str:
    """The brief as one HTML page that needs nothing else (no script, no fonts, no images from elsewhere)."""
    h = brief.headline
    title = f"Weekly brief — {brief.week}"
    kpis = (
        f'<div class="kpis"><div class="kpi"><b>{h.notes:,}</b>notes · {change(h.notes, h.notes_previous)} vs '
        f'{_e(brief.previous_week)}</div><div class="kpi"><b>{h.agents}</b>active agents · '
        f'{delta(h.agents, h.agents_previous)}</div><div class="kpi"><b>{h.topics}</b>topics · '
        f"{delta(h.topics, h.topics_previous)}</div>{week_bars_svg(brief.weekly_notes)}</div>"
    )
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="muted">{brief.week_start:%d %b} – {brief.week_end:%d %b %Y} (UTC)</p>',
        kpis,
        "<h2>Top emerging needs</h2>",
        _emerging(brief.emerging),
        "<h2>What changed since last week</h2>",
        _changed(brief),
        "<h2>What was decided</h2>",
        _decided(brief.topics),
        '<section class="appendix"><h2>Appendix</h2>',
        "<h3>Biggest movers</h3>",
        _movers(brief),
        "<h3>New topics</h3>",
        _new(brief.new_topics),
        *(_kind(s) for s in brief.kinds),
        "<h3>By product</h3>",
        _products(brief),
        "<h3>Topics this week</h3>",
        _topics(brief),
        f"<footer><b>How this was counted:</b> {_method(brief.method)}</footer></section>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
