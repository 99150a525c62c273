"""The weekly brief: numbers traceable to notes, golden Markdown/HTML, and hostile note text kept inert.

Regenerate the golden files after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_brief.py``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from trend_fixtures import HOSTILE_TEXT, build_brief_world, new_store

from insight.brief import ExtractiveSummariser, build_brief, render_html, render_markdown
from insight.brief.text import md_text
from insight.settings import load_settings
from insight.trends import VolumeFilters, notes_behind

GOLDEN = Path(__file__).parent / "golden"
SETTINGS = load_settings(environ={})


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    store = new_store(tmp_path_factory.mktemp("brief"))
    build_brief_world(store)
    return store


@pytest.fixture(scope="module")
def brief(world):
    return build_brief(world, SETTINGS, "2025-W10")


def _check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; UPDATE_GOLDEN=1 creates it"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 regenerates it"


def test_golden_markdown(brief):
    _check_golden("brief_2025-W10.md", render_markdown(brief))


def test_golden_html(brief):
    _check_golden("brief_2025-W10.html", render_html(brief))


def test_headline_and_sections(brief):
    h = brief.headline
    assert (h.notes, h.notes_previous, h.agents, h.topics) == (91, 38, 8, 9)
    assert [i.topic_id for i in brief.emerging] == [4]
    item = brief.emerging[0]
    assert (item.count, item.distinct_agents, item.previous, item.owner, item.status) == (9, 5, 1, "product", "new")
    assert 2 <= len(item.quotes) <= 3 and item.summary
    assert [i.topic_id for i in brief.new_topics] == [8]
    assert [i.topic_id for i in brief.spikes] == [2] and [i.topic_id for i in brief.fading] == [3]
    assert brief.movers_up[0].topic_id == 2 and brief.movers_up[0].flag == "spike"
    kinds = {k.kind: k for k in brief.kinds}
    assert set(kinds) == {"praise", "churn-risk", "upsell"}
    assert kinds["praise"].count == 6 and kinds["praise"].items[0].label == "branch staff friendly"
    assert all(q.kind == "praise" for q in kinds["praise"].items[0].quotes)
    topics = {t.topic_id: t for t in brief.topics}
    assert (topics[1].label, topics[1].owner, topics[1].status) == ("Card delivery delays", "service", "investigating")
    assert -1 not in topics and 9 not in topics  # Unclear and merged-away topics are not listed


def test_every_number_traces_to_notes(world, brief):
    week = brief.week
    assert len(notes_behind(world, week)) == brief.headline.notes
    for item in (*brief.emerging, *brief.movers_up, *brief.movers_down):
        assert len(notes_behind(world, week, VolumeFilters(topic_ids=(item.topic_id,)))) == item.count
    for section in brief.kinds:
        assert len(notes_behind(world, week, VolumeFilters(kinds=(section.kind,)))) == section.count
        for item in section.items:
            f = VolumeFilters(kinds=(section.kind,), topic_ids=(item.topic_id,))
            assert len(notes_behind(world, week, f)) == item.count
    assert sum(p.count for p in brief.products) == brief.headline.notes
    for line in brief.topics:
        assert len(notes_behind(world, week, VolumeFilters(topic_ids=(line.topic_id,)))) == line.count
    quoted = {q.note_id for item in brief.emerging for q in item.quotes}
    assert quoted <= set(notes_behind(world, week, VolumeFilters(topic_ids=(4,))))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]


def test_hostile_note_is_text_in_html(brief):
    page = render_html(brief)
    assert "<script" not in page and "<b>more</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and parser.urls == []  # self-contained: nothing loaded from elsewhere
    assert "svg" in parser.tags and "style" in parser.tags
    assert "Content-Security-Policy" in page


def test_hostile_note_is_inert_in_markdown(brief):
    page = render_markdown(brief)
    assert "<script" not in page and "<b>" not in page and "**Apple Pay**" not in page
    assert md_text(HOSTILE_TEXT) in page
    assert "[link](http://evil.example)" not in page
    assert md_text("a | b") == r"a \| b"  # cannot break out of a table cell


class _LoudSummariser:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def summarise(self, label: str, texts: Sequence[str]) -> str:
        self.calls.append((label, len(texts)))
        return "<img src=x onerror=alert(1)> *model* says"


def test_summariser_is_pluggable_and_escaped(world):
    summariser = _LoudSummariser()
    brief = build_brief(world, SETTINGS, "2025-W10", summariser=summariser)
    assert summariser.calls == [("apple pay wallet", 9)]  # its 9 notes this week, not only the 3 quoted
    assert "<img" not in render_html(brief) and "&lt;img src=x" in render_html(brief)
    assert "<img" not in render_markdown(brief) and r"\*model\*" in render_markdown(brief)


def test_a_topic_is_summarised_from_its_weeks_notes_and_a_pocket_from_its_own_quotes():
    from insight.brief.build import _emerging_needs
    from insight.trends.records import Quote, TrendSignal

    def signal(topic_id: int, scope: str, text: str) -> TrendSignal:
        quote = Quote(topic_id * 10, text, datetime(2025, 3, 5), "a1", "chat", None, None)
        return TrendSignal(
            topic_id, text, "emerging", 5.0, "2025-W10", 9, 1.0, 5, 0.99, 1e-5, 9.0, 9, 1.0, "", quotes=(quote,),
            scope=scope,
        )  # fmt: skip

    summariser = _LoudSummariser()
    week_notes = {1: ["topic note a", "topic note b"]}
    signals = [signal(1, "topic", "topic quote"), signal(1, "pocket", "pocket quote")]  # a pocket inside topic 1
    _emerging_needs(signals, {}, {}, summariser, top_n=5, week_notes=week_notes)
    # the topic's quote and its week's notes; the pocket its own quote only, not its parent topic's notes
    assert sorted(summariser.calls) == [("pocket quote", 1), ("topic quote", 3)]


def test_extractive_summariser_picks_the_typical_note():
    texts = ["card never arrived", "my new card has not arrived", "the card has not arrived yet", "weather is nice"]
    assert ExtractiveSummariser().summarise("cards", texts) == "my new card has not arrived"
    assert ExtractiveSummariser().summarise("cards", []) == ""
    assert ExtractiveSummariser(limit=10).summarise("x", ["a very long note indeed"]) == "a very…"


def test_the_summary_leaves_out_an_agents_habit():
    texts = [
        "3rd this week: eSIM not available on our network, customer bought a new Pixel 9 and is stuck. Escalated to "
        "team lead.",
        "eSIM not available on our network, customer bought a new iPhone and is stuck. Escalated to team lead.",
        "Customer asked whether we support eSIM on the network. Took 20 min to sort out.",
        "eSIM not available on our network, caller is stuck with a new phone.",
    ]
    summary = ExtractiveSummariser().summarise("esim", texts)
    assert "eSIM not available on our network" in summary
    assert "Escalated" not in summary and "3rd this week" not in summary
    # a note that is all need stays whole, and so does one the others share nothing with
    assert ExtractiveSummariser().summarise("x", ["card lost. card stolen.", "card lost", "card gone"]) == "card lost"
    # "FYI" opens an agent's note, not the need (the brief said "In short: FYI Verification code by SMS never…")
    fyi = [
        "FYI Verification code by SMS never arrives for the app login",
        "verification code never arrives",
        "SMS code never arrives for app login",
        "the code by SMS never arrives",
    ]
    assert ExtractiveSummariser().summarise("2fa", fyi) == "Verification code by SMS never arrives for the app login"


def test_quiet_week_renders(world):
    brief = build_brief(world, SETTINGS, "2024-W40")  # before any note
    assert brief.headline.notes == 0 and brief.emerging == () and brief.topics == ()
    assert "No topic emerged this week." in render_markdown(brief)
    assert "No notes this week." in render_html(brief)


def test_a_rise_from_nothing_reads_new_and_rates_read_as_people_say_them():
    from insight.brief.text import rise, weekly_rate

    assert [weekly_rate(r) for r in (0.0, 0.3, 2.46, 14.2)] == ["none", "under 1 a week", "2.5 a week", "14 a week"]
    assert rise(0.0, None, 2, 22) == "new — none before these 2 weeks; last week 22"
    assert rise(0.0, None, 1, 0) == "new — none in the weeks before; last week 0"
    assert rise(0.5, 19.0, 3, 8) == "rising for 3 weeks from under 1 a week before; last week 8"
    assert rise(0.5, 19.0, 1, 1) == "usually under 1 a week; last week 1"  # no "×19.0" from a near-empty base
    assert rise(2.5, 3.6, 1, 4) == "3.6 times the usual 2.5 a week; last week 4"
    assert rise(1.0, 43.0, 1, 2) == "43 times the usual 1 a week; last week 2"  # was "baseline 1.0 a week, ×43.0"
    assert rise(4.0, 1.2, 1, 4) == "usually 4 a week; last week 4"


def test_page_one_quote_skips_a_repeat_of_the_summary_with_words_around_it():
    from insight.brief.markdown import page_one_quote, page_one_summary, repeats
    from insight.brief.records import BriefItem
    from insight.trends.records import Quote

    summary = "App keeps looping back to the login screen after the update, the customer can't see their bill."
    again = "Again today: App keeps looping back to the login screen after the update. Quite frustrated."
    other = "Login fails since Tuesday's release; reinstalling did not help."
    assert repeats(again, summary) and not repeats(other, summary)
    when = datetime(2025, 3, 5, tzinfo=UTC)
    quotes = tuple(Quote(i, text, when, "a1", "chat", None, "need") for i, text in ((1, again), (2, other)))
    item = BriefItem(
        topic_id=1, label="Login loop", count=9, previous=2, distinct_agents=5, summary=summary, quotes=quotes
    )
    assert [q.note_id for q in page_one_quote(item)] == [2] and page_one_summary(item) == summary
    # Every quote repeats it: the quote (with who said it) stays, the anonymous "In short" goes.
    only_repeats = replace(item, quotes=quotes[:1])
    assert [q.note_id for q in page_one_quote(only_repeats)] == [1] and page_one_summary(only_repeats) is None


def test_emerging_topics_of_one_theme_are_one_need_on_page_one(brief):
    from insight.brief.records import group_needs

    (lead,) = brief.emerging
    esim = replace(lead, topic_id=101, label="eSIM option", count=9, distinct_agents=8, theme="eSIM")
    galaxy = replace(lead, topic_id=102, label="Bought new Galaxy", count=30, distinct_agents=21, theme="eSIM")
    login = replace(lead, topic_id=103, label="Login loop", count=24, distinct_agents=15, theme="App login")
    pocket = replace(lead, topic_id=104, label="Travel alerts", count=7, distinct_agents=5, theme=None)
    dual = replace(lead, topic_id=105, label="Dual SIM setup", count=10, distinct_agents=10, theme="eSIM")
    items = (galaxy, login, esim, pocket, dual)
    groups = group_needs(items)
    assert [(g.lead.label, [a.label for a in g.also]) for g in groups] == [
        ("Bought new Galaxy", ["eSIM option", "Dual SIM setup"]),
        ("Login loop", []),
        ("Travel alerts", []),
    ]
    assert len(group_needs((pocket, replace(pocket, topic_id=106)))) == 2  # no theme: never grouped
    grouped = replace(brief, emerging=items)
    markdown = render_markdown(grouped)
    assert "1. **Bought new Galaxy**" in markdown and "2. **Login loop**" in markdown
    assert "3. **Travel alerts**" in markdown and "4. " not in markdown.split("## What changed")[0]
    assert "Also rising in the same theme: **eSIM option** 9 notes from 8 agents; **Dual SIM setup**" in markdown
    html = render_html(grouped)
    assert "Also rising in the same theme: <b>eSIM option</b>" in html and html.count("<li><b>") >= 3


def test_one_decision_set_on_a_needs_sibling_topics_is_one_line_with_its_note(brief):
    """The demo's direct-debit need sat in three topics with one decision: the brief said it three times."""
    from insight.brief import TopicLine
    from insight.brief.text import decisions

    note = "Customers will choose their direct debit date in the app from the next billing release."
    topics = (
        TopicLine(1, "Move direct debit date", "product", "planned", 4, 3, 4, note),
        TopicLine(2, "Change payment date", "product", "planned", 3, 2, 3, note),
        TopicLine(3, "Direct debit date change request", "product", "planned", 5, 5, 4, note),
        TopicLine(4, "Sports pack missing", "product", "done", 1, 6, 1, "Back on every box."),
        TopicLine(5, "Roaming alerts", "product", "investigating", 6, 6, 5, None),
        TopicLine(6, "Roaming charges", "product", "investigating", 2, 2, 2, None),  # no note: not the same decision
        TopicLine(7, "Login loop", None, "new", 26, 20, 15, None),
    )
    got = decisions(topics)
    assert [(d.label, d.status, d.count, d.topics) for d in got] == [
        ("Sports pack missing", "done", 1, 1),
        ("Direct debit date change request", "planned", 12, 3),
        ("Roaming alerts", "investigating", 6, 1),
        ("Roaming charges", "investigating", 2, 1),
    ]
    page = render_markdown(replace(brief, topics=topics))
    decided = page.split("## What was decided", 1)[1].split("##", 1)[0]
    assert decided.count("Direct debit") == 1 and decided.count("Change payment date") == 0
    assert "12 notes this week in 3 topics" in decided and "next billing release" in decided
    html = render_html(replace(brief, topics=topics))
    assert "12 notes this week in 3 topics" in html and "next billing release" in html


def test_markdown_keeps_a_plain_ampersand_and_escapes_what_could_become_markup():
    from insight.brief.text import md_text

    assert md_text("TV & Streaming") == "TV & Streaming"  # the download read "TV &amp; Streaming"
    assert md_text("<b>x</b> &lt;i&gt;") == "&lt;b&gt;x&lt;/b&gt; &amp;lt;i&amp;gt;"


def _pocket_signal(pocket_id: int, parent: int):
    from insight.trends.records import Quote, TrendSignal

    quote = Quote(99, "app loops back to login after update", datetime(2025, 3, 5), "a1", "chat", None, None)
    return TrendSignal(
        parent, "Login screen after update", "emerging", 5.0, "2025-W10", 13, 0.0, 11, 0.99, 1e-5, None, 13, 0.5,
        "", quotes=(quote,), scope="pocket", parent_topic_ids=(parent,), pocket_id=pocket_id,
        weekly_counts=(("2025-W09", 3), ("2025-W10", 13)),
    )  # fmt: skip


def test_a_pocket_says_which_topic_it_grows_inside_and_how_big_that_topic_is_this_week():
    """The appendix lists topics: "Login loop, 23" must be readable as the home of this 13-note need."""
    from insight.brief.build import _emerging_needs
    from insight.brief.records import Brief, Headline
    from insight.trends import TopicInfo

    catalogue = {1: TopicInfo(1, "Login loop")}
    (item,) = _emerging_needs(
        [_pocket_signal(4, 1)], {1: 19}, catalogue, ExtractiveSummariser(), 5, born={}, now={1: (23, 14)}
    )
    assert (item.topic_id, item.count, item.previous, item.inside, item.inside_count) == (1, 13, 3, "Login loop", 23)
    page = Brief(
        week="2025-W10", week_start=datetime(2025, 3, 3).date(), week_end=datetime(2025, 3, 9).date(),
        previous_week="2025-W09", headline=Headline(30, 20, 5, 5, 3, 3), weekly_notes=(), emerging=(item,),
        new_topics=(), movers_up=(), movers_down=(), spikes=(), fading=(), kinds=(), products=(), topics=(), method="",
    )  # fmt: skip
    assert (
        "13 notes from 11 agents (new — none in the weeks before; last week 3) · inside **Login loop** (23 notes"
        in (render_markdown(page))
    )
    assert "inside <b>Login loop</b> (23 notes this week)" in render_html(page)


def test_a_pocket_a_refit_made_a_topic_is_that_topic_and_is_not_listed_again_as_a_mover():
    """After a refit gave the pocket a topic, "Up: Login screen after update 1 → 13" beside the emerging need
    "Login screen after update, 13 notes, last week 3" told one need twice with two histories."""
    from insight.brief.build import _emerging_needs, _movers
    from insight.trends import TopicInfo

    catalogue = {1: TopicInfo(1, "Login loop"), 7: TopicInfo(7, "Login screen after update")}
    now, before = {1: (10, 9), 7: (13, 11)}, {1: 19, 7: 1}
    (item,) = _emerging_needs(
        [_pocket_signal(4, 1)], before, catalogue, ExtractiveSummariser(), 5, born={4: 7}, now=now
    )
    assert (item.topic_id, item.inside) == (7, None)
    up, down = _movers(now, before, catalogue, {}, {item.topic_id}, SETTINGS)
    assert [i.topic_id for i in up + down] == [1]  # the parent moved (19 → 10); the need is not listed twice


def test_a_topic_only_a_newly_connected_source_fills_is_not_a_move_in_what_changed(tmp_path):
    """An export of a fortnight: 7 notes, then 2 — the export's dates, not a fall in what customers need."""
    from trend_fixtures import populate, series_notes

    steady = series_notes(1, "2025-W03", [10, 10, 10, 10, 10, 10, 12, 5])  # a real fall: 12 → 5
    imported = [replace(n, source="helpdesk") for n in series_notes(2, "2025-W09", [7, 2])]
    store = new_store(tmp_path)
    populate(store, steady + imported, {1: "Card delivery", 2: "Order status"}, datetime(2025, 3, 9, 22))
    brief = build_brief(store, SETTINGS, "2025-W10")
    assert [i.label for i in brief.movers_down] == ["Card delivery"]


def test_the_topic_a_need_emerged_inside_is_not_also_a_mover():
    """After a refit carved the login pocket out, "Down: Login loop 18 → 10" read as the need falling."""
    from insight.brief.build import _emerging_needs, _movers, said_above
    from insight.trends import TopicInfo

    catalogue = {1: TopicInfo(1, "Login loop"), 2: TopicInfo(2, "Roaming charges"), 7: TopicInfo(7, "Login screen")}
    now, before = {1: (10, 8), 2: (6, 5), 7: (13, 11)}, {1: 18, 2: 2, 7: 1}
    signals = [_pocket_signal(4, 1)]
    items = _emerging_needs(signals, before, catalogue, ExtractiveSummariser(), 5, born={4: 7}, now=now)
    up, down = _movers(now, before, catalogue, {}, said_above(signals, items, []), SETTINGS)
    assert [i.label for i in up + down] == ["Roaming charges"]
