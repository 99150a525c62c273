"""Weekly volumes and signals computed from a real temp DuckDB."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from trend_fixtures import (
    BRIEF_RUN_AT,
    FixtureNote,
    build_brief_world,
    new_store,
    populate,
    series_notes,
    week_notes,
)

from insight.privacy import CleanText
from insight.settings import load_settings
from insight.store import profiles as profiles_sql
from insight.trends import (
    VolumeFilters,
    Week,
    detect_signals,
    notes_behind,
    resolve_week,
    topic_catalogue,
    weekly_breakdown,
    weekly_topic_volume,
    weekly_totals,
)
from tests import store_fixtures as fixtures

SETTINGS = load_settings(environ={})


@pytest.fixture
def world(tmp_path):
    store = new_store(tmp_path)
    build_brief_world(store)
    return store


def test_iso_weeks_start_on_monday_utc(tmp_path):
    store = new_store(tmp_path)
    notes = [
        FixtureNote(1, datetime(2025, 3, 2, 23, 59, 59), "sunday night"),  # 2025-W09
        FixtureNote(1, datetime(2025, 3, 3, 0, 0, 0), "monday midnight"),  # 2025-W10
        FixtureNote(1, datetime(2025, 3, 9, 23, 59), "sunday of W10"),
        FixtureNote(1, datetime(2025, 3, 10, 0, 0), "monday of W11"),
    ]
    populate(store, notes, {1: "t"}, datetime(2025, 3, 11))
    counts = {(c.week, c.count) for c in weekly_topic_volume(store, "2025-W09", "2025-W11")}
    assert counts == {("2025-W09", 1), ("2025-W10", 2), ("2025-W11", 1)}
    assert Week.parse("2025-W10").monday == date(2025, 3, 3)
    assert Week.parse("2025W1").label == "2025-W01"
    assert Week.containing(date(2024, 12, 30)).label == "2025-W01"  # ISO year, not calendar year


def test_volume_per_product_channel_team_and_kind(world):
    rows = weekly_topic_volume(world, "2025-W10", "2025-W10", VolumeFilters(topic_ids=(2,)), by="channel")
    assert sum(r.count for r in rows) == 34 and {r.dimension for r in rows} == {"channel"}
    assert {r.value for r in rows} <= {"phone", "chat", "email"}
    by_kind = weekly_topic_volume(world, "2025-W10", "2025-W10", VolumeFilters(kinds=("praise",)))
    assert [(r.topic_id, r.count) for r in by_kind] == [(5, 6)]
    teams = weekly_topic_volume(world, "2025-W10", "2025-W10", VolumeFilters(topic_ids=(4,)), by="team")
    assert sum(r.count for r in teams) == 9 and all(r.value in ("Team North", "Team South") for r in teams)
    products = {r.value: r.count for r in weekly_breakdown(world, "2025-W10", "2025-W10", "product")}
    assert products["App"] == 34 + 3 + 12 and products[None] == 2  # the Unclear notes have no product
    with pytest.raises(ValueError):
        weekly_topic_volume(world, "2025-W10", "2025-W10", by="text; DROP TABLE notes")


def test_merged_topic_counts_under_its_target_and_profile_name_wins(world):
    week10 = {r.topic_id: r.count for r in weekly_topic_volume(world, "2025-W10", "2025-W10")}
    assert 9 not in week10 and week10[1] == 13 + 2  # topic 9 was merged into 1
    catalogue = topic_catalogue(world)
    assert catalogue[1].label == "Card delivery delays"  # PM-given name over the run's label
    assert catalogue[2].label == "app login password"  # no name: the current run's label
    assert catalogue[9].topic_id == 1  # a merged topic shows as its target


def test_totals_and_traceability(world):
    totals = weekly_totals(world, "2025-W09", "2025-W10")
    assert [(t.week, t.notes) for t in totals] == [("2025-W09", 38), ("2025-W10", 91)]
    ids = notes_behind(world, "2025-W10", VolumeFilters(topic_ids=(4,)))
    assert len(ids) == 9  # the emerging topic's count is exactly these notes
    assert len(notes_behind(world, "2025-W10")) == 91


def test_signals_of_the_fixture_week(world):
    signals = detect_signals(world, SETTINGS, "2025-W10")
    kinds = {(s.kind, s.topic_id) for s in signals}
    assert kinds == {("emerging", 4), ("new", 8), ("spike", 2), ("fading", 3)}
    emerging = next(s for s in signals if s.kind == "emerging")
    assert emerging.count == 9 and emerging.distinct_agents == 5
    # Judged over W09–W10 (1 then 9 notes) against the four weeks before, which had none.
    assert (emerging.window_weeks, emerging.baseline, emerging.window_agents) == (2, 0.0, 5)
    assert emerging.week == "2025-W10" and emerging.label == "apple pay wallet" and emerging.owner == "product"
    assert [c for _, c in emerging.weekly_counts][-2:] == [1, 9]
    assert len(emerging.quotes) == 3 and len({q.agent_id for q in emerging.quotes}) == 3
    # The single-agent burst (topic 10: 12 notes from one agent) is not a trend.
    assert all(s.topic_id != 10 for s in signals)


def test_only_notes_up_to_the_end_of_the_week_are_used(tmp_path):
    store = new_store(tmp_path)
    notes = series_notes(1, "2025-W05", [10, 10, 10, 10, 10, 10])  # steady W05…W10
    notes += series_notes(2, "2025-W05", [0, 0, 0, 0, 0, 0])
    # A burst in W11 from six agents must not leak into W10 …
    notes += week_notes(2, "2025-W11", 20, agents=("a1", "a2", "a3", "a4", "a5", "a6"))
    populate(store, notes, {1: "steady", 2: "later"}, datetime(2025, 3, 16, 22))
    assert detect_signals(store, SETTINGS, "2025-W10") == []
    # … while W11 sees it.
    assert [(s.kind, s.topic_id, s.count) for s in detect_signals(store, SETTINGS, "2025-W11")] == [("emerging", 2, 20)]


def test_default_week(tmp_path, world):
    # Data ends in W10: asking on a later day gives W10; asking mid-W10 gives W09 (the last complete week).
    assert resolve_week(world, today=date(2025, 4, 1)).label == "2025-W10"
    assert resolve_week(world, today=date(2025, 3, 5)).label == "2025-W09"
    assert resolve_week(world, as_of=date(2025, 3, 10)).label == "2025-W10"
    assert resolve_week(world, week="2025-W07").label == "2025-W07"
    empty = new_store(tmp_path, "empty.duckdb")
    assert resolve_week(empty, today=date(2025, 3, 12)).label == "2025-W10"


def test_new_topic_needs_a_run_made_that_week(world):
    # The run was made in W10: topic 8 is new there, and not in W09.
    assert BRIEF_RUN_AT.isocalendar().week == 10
    assert not [s for s in detect_signals(world, SETTINGS, "2025-W09") if s.kind == "new"]


def test_new_topic_is_dated_by_the_data_its_refit_saw(tmp_path):
    # A user imports history week by week today, refitting after each week: a topic born by the refit made
    # after W09's import is new in W09 (the data it saw), not in the week the import happened to run.
    store = new_store(tmp_path)
    notes = series_notes(1, "2025-W03", [10] * 8) + series_notes(7, "2025-W03", [0] * 6 + [6, 6])
    notes += week_notes(8, "2025-W10", 7, agents=("a1", "a2", "a3"))
    imported, refit = datetime(2026, 6, 1, 10), datetime(2026, 6, 1, 11)
    first = populate(store, notes, {1: "steady", 7: "seven", 8: "eight"}, refit, born=(7,))
    with store.transaction() as con:
        con.execute("UPDATE notes SET ingested_at = ? WHERE created_at < ?", [imported, Week.parse("2025-W10").start])
        con.execute(
            "UPDATE notes SET ingested_at = ? WHERE created_at >= ?",
            [refit + timedelta(hours=1), Week.parse("2025-W10").start],
        )
        second = fixtures.record_topic_run(
            con, refit + timedelta(hours=2), [(1, "steady", ["steady"], 80), (8, "eight", ["eight"], 7)]
        )
        fixtures.record_lineage_event(con, second, "birth", 8)
        born_w09 = profiles_sql.topics_born_between(con, Week.parse("2025-W09").start, Week.parse("2025-W09").end)
        born_w10 = profiles_sql.topics_born_between(con, Week.parse("2025-W10").start, Week.parse("2025-W10").end)
        born_today = profiles_sql.topics_born_between(con, Week.containing(refit).start, Week.containing(refit).end)
    assert first != second and (born_w09, born_w10, born_today) == ({7}, {8}, set())
    assert [s.topic_id for s in detect_signals(store, SETTINGS, "2025-W10") if s.kind == "new"] == [8]


def test_filters_restrict_signals(world):
    only_cards = detect_signals(world, SETTINGS, "2025-W10", filters=VolumeFilters(products=("Cards",)))
    assert {s.topic_id for s in only_cards if s.kind == "emerging"} == {4}
    assert all(s.topic_id != 2 for s in only_cards)  # the app spike is not in Cards


def test_the_first_refits_topics_are_new_only_where_their_notes_start(tmp_path):
    # A user imports last quarter's export and refits once: every topic is born by that run, whose data ends
    # in the export's last week. Only a topic whose notes start that week is news there; the rest are the
    # catalogue the user starts from.
    store = new_store(tmp_path)
    notes = series_notes(1, "2025-W03", [10] * 8) + series_notes(2, "2025-W03", [6] * 8)
    notes += week_notes(3, "2025-W10", 7, agents=("a1", "a2", "a3"))
    run_at = datetime(2026, 6, 1, 11)
    first = populate(store, notes, {1: "steady", 2: "also steady", 3: "three"}, run_at, born=(1, 2, 3))
    with store.transaction() as con:  # imported an hour before the refit
        con.execute("UPDATE notes SET ingested_at = ?", [run_at - timedelta(hours=1)])
    assert [s.topic_id for s in detect_signals(store, SETTINGS, "2025-W10") if s.kind == "new"] == [3]
    # a later run's births stay news by the lineage, history or not (a refit split a need in two): only the
    # first run's births are read against the data
    with store.transaction() as con:
        second = fixtures.record_topic_run(
            con, run_at + timedelta(hours=1), [(1, "steady", ["steady"], 80), (2, "also steady", ["also"], 48)]
        )
        fixtures.record_lineage_event(con, second, "birth", 2)
        fixtures.record_lineage_event(con, second, "birth", 4)
        assert profiles_sql.topics_born_at_first_run(con) == {1, 2, 3}  # 4 was first born by the second run
    assert first != second


def test_a_stored_week_shows_a_later_pm_rename_and_triage_but_keeps_what_was_signalled(world):
    """A week judged and stored keeps its counts; the name, owner and status a PM gives the topic afterwards
    are how it is called now — in the brief, the CLI and the pages alike."""
    from insight.trends.ledger import weekly_signals

    first = weekly_signals(world, SETTINGS, "2025-W10", now=datetime(2025, 3, 20))
    emerging = next(s for s in first if s.kind == "emerging")
    with world.transaction() as con:
        name = CleanText("Apple Pay in the wallet")  # a made-up name, as the fixtures' are
        profiles_sql.update_profile(con, emerging.topic_id, name=name, status="planned")
    again = weekly_signals(world, SETTINGS, "2025-W10", now=datetime(2025, 3, 27))
    shown = next(s for s in again if s.kind == "emerging")
    assert (shown.label, shown.status) == ("Apple Pay in the wallet", "planned")
    said = (emerging.count, emerging.score, emerging.distinct_agents)
    assert (shown.count, shown.score, shown.distinct_agents) == said
    assert {(s.kind, s.topic_id) for s in again} == {(s.kind, s.topic_id) for s in first}


def _from(source: str, notes: list[FixtureNote]) -> list[FixtureNote]:
    return [replace(n, source=source) for n in notes]


SIX_AGENTS = ("a1", "a2", "a3", "a4", "a5", "a6")


def test_a_need_that_arrives_with_a_newly_connected_source_is_new_source_not_emerging(tmp_path):
    """An import of a helpdesk's last fortnight made every one of its topics "emerging": 0 a week before, 19 now.
    Nothing rose; a source was connected. The same notes from the stream's own source are a rise."""
    steady = series_notes(1, "2025-W03", [10] * 8)  # the stream's own source, W03…W10
    burst = week_notes(2, "2025-W09", 12, agents=SIX_AGENTS) + week_notes(2, "2025-W10", 19, agents=SIX_AGENTS)
    connected = new_store(tmp_path, "connected.duckdb")
    populate(connected, steady + _from("helpdesk", burst), {1: "steady", 2: "order status"}, datetime(2025, 3, 9, 22))
    (signal,) = [s for s in detect_signals(connected, SETTINGS, "2025-W10") if s.topic_id == 2]
    assert signal.kind == "new-source"
    assert "'helpdesk', which began sending notes on" in signal.reason and "was: emerging" in signal.reason
    rising = new_store(tmp_path, "rising.duckdb")
    populate(rising, steady + burst, {1: "steady", 2: "order status"}, datetime(2025, 3, 9, 22))
    assert [s.kind for s in detect_signals(rising, SETTINGS, "2025-W10") if s.topic_id == 2] == ["emerging"]


def test_a_source_is_new_only_until_it_has_a_baseline_and_never_when_the_stream_began_with_it(tmp_path):
    steady = series_notes(1, "2025-W01", [10] * 10)  # W01…W10
    # "helpdesk" sends a few notes from W03 on: by W10 it has a baseline, and topic 2's jump is a rise
    early = _from("helpdesk", series_notes(3, "2025-W03", [2] * 8))
    burst = _from("helpdesk", week_notes(2, "2025-W10", 19, agents=SIX_AGENTS))
    store = new_store(tmp_path, "aged.duckdb")
    populate(store, steady + early + burst, {1: "steady", 2: "order status", 3: "other"}, datetime(2025, 3, 9, 22))
    assert [s.kind for s in detect_signals(store, SETTINGS, "2025-W10") if s.topic_id == 2] == ["emerging"]
    # one source from the first week (every benchmark stream, a first import): never new
    alone = new_store(tmp_path, "alone.duckdb")
    populate(alone, _from("import", steady + burst), {1: "steady", 2: "order status"}, datetime(2025, 3, 9, 22))
    assert [s.kind for s in detect_signals(alone, SETTINGS, "2025-W10") if s.topic_id == 2] == ["emerging"]


def test_a_topic_mostly_from_the_established_source_stays_emerging_beside_a_few_new_source_notes(tmp_path):
    steady = series_notes(1, "2025-W03", [10] * 8)
    burst = week_notes(2, "2025-W10", 19, agents=SIX_AGENTS)
    few = _from("helpdesk", week_notes(2, "2025-W10", 5, agents=SIX_AGENTS))  # 5 of 24: under the 80 % share
    store = new_store(tmp_path, "mixed.duckdb")
    populate(store, steady + burst + few, {1: "steady", 2: "order status"}, datetime(2025, 3, 9, 22))
    assert [s.kind for s in detect_signals(store, SETTINGS, "2025-W10") if s.topic_id == 2] == ["emerging"]


def test_the_trends_pages_weekly_notes_count_the_unclear_bucket_as_the_brief_does(tmp_path):
    """The Trends page said 512 notes in a week where the brief said 513: one note sat in Unclear."""
    from insight.brief import build_brief
    from insight.trend_view import topic_overview

    store = new_store(tmp_path)
    notes = series_notes(1, "2025-W05", [10] * 6) + week_notes(-1, "2025-W10", 3)
    populate(store, notes, {1: "steady"}, datetime(2025, 3, 9, 22))
    overview = topic_overview(store, SETTINGS)
    assert overview.signal_week == "2025-W10"
    assert [t.topic_id for t in overview.topics] == [1]  # Unclear is no row
    assert overview.notes_per_week()[-1] == 13 == build_brief(store, SETTINGS, "2025-W10").headline.notes


def test_the_trends_page_marks_a_topic_a_new_source_fills_and_ranks_it_below_topics_with_history(tmp_path):
    """Even with no signal of its own (one agent here; or a week judged before the import arrived), a topic a
    newly connected source fills says so, and does not crowd the top of the page by its volume."""
    from insight.trend_view import topic_overview

    steady = series_notes(1, "2025-W03", [10] * 8)
    imported = _from(
        "helpdesk", week_notes(2, "2025-W09", 30, agents=("a9",)) + week_notes(2, "2025-W10", 40, agents=("a9",))
    )
    store = new_store(tmp_path)
    populate(store, steady + imported, {1: "steady", 2: "order status"}, datetime(2025, 3, 9, 22))
    rows = {t.topic_id: t for t in topic_overview(store, SETTINGS).topics}
    assert rows[2].signal == "new-source" and "source connected lately" in (rows[2].signal_reason or "")
    assert rows[1].signal is None
    assert [t.topic_id for t in topic_overview(store, SETTINGS).topics] == [1, 2]
