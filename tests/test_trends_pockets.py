"""Emerging needs below the topic level (pockets), on a real DuckDB with note vectors."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pocket_fixtures import CARDS, LOGIN, LOOP, OTHER, STEADY, TARGET, Cluster, build, direction, reassign
from trend_fixtures import new_store

from insight.settings import load_settings
from insight.trends import detect_signals, weekly_signals
from insight.trends.pockets import benjamini_hochberg

SETTINGS = load_settings(environ={})
LABELS = {1: "log in", 2: "card delivery", 3: "other things"}
LOGIN_TEXT = "customer cannot log in to the app"
LOOP_TEXT = "login loop after the update on android"


def _steady_world(rise: list[int], **loop: object) -> list[Cluster]:
    return [
        Cluster("login", LOGIN, STEADY, topics=(1,), text=LOGIN_TEXT),
        Cluster("loop", LOOP, rise, text=LOOP_TEXT, **loop),  # type: ignore[arg-type]
        Cluster("cards", CARDS, (20, 21, 19, 20, 22, 20, 19, 21), topics=(2,), text="card not delivered yet"),
        Cluster("other", OTHER, (9, 8, 10, 9, 9, 10, 8, 9), topics=(3,), text="asks about opening hours"),
    ]


def _emerging(store):
    return [s for s in detect_signals(store, SETTINGS, TARGET) if s.kind == "emerging"]


def test_a_need_rising_inside_its_near_twins_topic_is_found_as_a_pocket(tmp_path):
    store = new_store(tmp_path)
    ids = build(store, _steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)), LABELS)
    (signal,) = _emerging(store)
    assert signal.scope == "pocket" and signal.topic_id == 1 and signal.parent_topic_ids == (1,)
    loop_now = set(ids["loop"][-14:])
    # The pocket is the new need (its core: the region holds three quarters of the notes that made it) …
    assert len(loop_now & set(signal.note_ids)) >= 10
    assert len(set(signal.note_ids) - loop_now) <= 2  # … not its flat twin
    assert signal.count == len(signal.note_ids) and signal.distinct_agents >= 3
    weekly = [c for _, c in signal.weekly_counts]
    assert weekly[-1] == signal.count and sum(weekly[:-1]) <= 3
    assert any(word in signal.label for word in ("loop", "update", "android")), signal.label
    assert signal.change.startswith("<1 → ") or signal.change.startswith("0 → ")
    assert signal.chance == "very unlikely by chance (p < 0.001)" and signal.growth is None
    assert {q.agent_id for q in signal.quotes} and all("login loop" in q.text for q in signal.quotes)


def test_the_topic_count_alone_would_not_call_it_emerging(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)), LABELS)
    topic_level = [s for s in detect_signals(store, SETTINGS.replace(pocket_search=False), TARGET)]
    assert not [s for s in topic_level if s.kind == "emerging"]  # the twin's 12 a week hide it


def test_a_pocket_across_two_topics_names_both_parents(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 0, 0, 16], topics=(1, 3)), LABELS)
    (signal,) = _emerging(store)
    assert signal.scope == "pocket" and set(signal.parent_topic_ids) == {1, 3}
    assert signal.topic_id in (1, 3) and signal.count >= 11  # of 16


def test_a_rise_in_overall_volume_is_not_a_rise_of_every_topic(tmp_path):
    store = new_store(tmp_path)
    double = lambda counts: [*counts[:-1], 2 * counts[-1]]  # noqa: E731
    clusters = [
        Cluster("login", LOGIN, double(STEADY), topics=(1,), text=LOGIN_TEXT),
        Cluster("loop", LOOP, double([3, 4, 3, 3, 4, 3, 3, 4]), text=LOOP_TEXT),
        Cluster("cards", CARDS, double([20, 21, 19, 20, 22, 20, 19, 21]), topics=(2,), text="card not delivered"),
        Cluster("other", OTHER, double([9, 8, 10, 9, 9, 10, 8, 9]), topics=(3,), text="asks about opening hours"),
    ]
    build(store, clusters, LABELS)
    assert _emerging(store) == []


def test_one_agent_repeating_themselves_is_not_a_pocket(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 0, 0, 15], topics=(1,), agents=("a9",)), LABELS)
    assert _emerging(store) == []


def test_two_agents_are_not_enough_either(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 0, 0, 15], topics=(1,), agents=("a8", "a9")), LABELS)
    assert _emerging(store) == []


def test_a_slow_ramp_is_caught_over_several_weeks(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 4, 6, 9], topics=(1,)), LABELS)
    (signal,) = _emerging(store)
    assert signal.scope == "pocket" and signal.window_weeks >= 2


def test_notes_without_vectors_or_pockets_turned_off_change_nothing(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)), LABELS)
    off = detect_signals(store, SETTINGS.replace(pocket_search=False), TARGET)
    assert all(s.scope == "topic" for s in off)


def test_a_rise_that_is_the_whole_topic_is_said_once(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(4,)), {**LABELS, 4: "login loop"})
    (signal,) = _emerging(store)
    assert signal.scope == "topic" and signal.topic_id == 4


def test_past_weeks_signals_survive_a_refit(tmp_path):
    store = new_store(tmp_path)
    ids = build(store, _steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)), LABELS)
    said = weekly_signals(store, SETTINGS, TARGET)
    assert [s.scope for s in said if s.kind == "emerging"] == ["pocket"]
    assert said[0].computed_at is not None and said[0].pocket_id is not None
    # A refit moves the login loop notes into a topic of their own and relabels the old one.
    reassign(store, {n: 4 for n in ids["loop"]}, {**LABELS, 1: "renamed", 4: "login loop"})
    again = weekly_signals(store, SETTINGS, TARGET)
    assert [s.as_dict() for s in again] == [s.as_dict() for s in said]
    fresh = weekly_signals(store, SETTINGS, TARGET, recompute=True)
    assert [(s.kind, s.scope, s.topic_id) for s in fresh if s.kind == "emerging"] == [("emerging", "topic", 4)]
    assert [s.as_dict() for s in weekly_signals(store, SETTINGS, TARGET)] == [s.as_dict() for s in fresh]


def test_the_running_week_is_not_stored(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)), LABELS)
    weekly_signals(store, SETTINGS, TARGET, now=TARGET.start)  # asked on Monday of the week itself
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM trend_weeks").fetchall()[0][0] == 0


def test_the_same_pocket_next_week_keeps_its_id(tmp_path):
    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 0, 14, 18], topics=(1,)), LABELS)
    first = [s for s in weekly_signals(store, SETTINGS, TARGET.shift(-1)) if s.scope == "pocket"]
    second = [s for s in weekly_signals(store, SETTINGS, TARGET) if s.scope == "pocket"]
    assert first and second and first[0].pocket_id == second[0].pocket_id


def test_benjamini_hochberg_matches_the_textbook():
    q = benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.2]))
    # sorted 0.01 0.03 0.04 0.2 → ×4/rank 0.04 0.06 0.0533 0.2 → running minimum from the top
    assert q == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2])
    assert direction((0, 1.0)) @ direction((0, 1.0), (1, 0.75)) == pytest.approx(0.8)  # the fixture's twins


def test_the_cli_prints_a_pocket_with_the_contract_fields_and_keeps_the_week(tmp_path, capsys):
    from insight.cli import main

    store = new_store(tmp_path)
    build(store, _steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)), LABELS)
    store.release()
    db = str(store.path)
    assert main(["trends", "--week", TARGET.label, "--json", "--db", db]) == 0
    (pocket,) = [s for s in json.loads(capsys.readouterr().out) if s["kind"] == "emerging"]
    required = {"topic_id", "label", "kind", "score", "week", "count", "baseline", "distinct_agents"}
    assert required <= set(pocket) and pocket["scope"] == "pocket" and pocket["parent_topic_ids"] == [1]
    assert pocket["count"] == len(pocket["note_ids"]) and pocket["chance"].endswith("(p < 0.001)")
    assert main(["trends", "--week", TARGET.label, "--db", db]) == 0
    table = capsys.readouterr().out
    assert "growing inside #1" in table and "As signalled on" in table and "1 in " not in table
    assert main(["trends", "--week", TARGET.label, "--recompute", "--json", "--db", db]) == 0
    assert [s["label"] for s in json.loads(capsys.readouterr().out)] == [pocket["label"]]


def _vectors_only(clusters: list[Cluster], seed: int = 0):
    """The pocket input of the last seven weeks of ``clusters``, built in memory (no store), and week totals."""
    from insight.trends.pockets import PocketInput
    from insight.trends.signals import history_weeks

    rng = np.random.default_rng(seed)
    weeks = history_weeks(SETTINGS, TARGET)
    first = len(clusters[0].counts) - len(weeks)
    rows, names = [], []
    for cluster in clusters:
        for w, count in enumerate(cluster.counts[first:]):
            for i in range(count):
                v = cluster.centre + rng.normal(0.0, 0.09, len(cluster.centre))
                rows.append((v / np.linalg.norm(v), w, cluster.agents[i % len(cluster.agents)], cluster.topics[0]))
                names.append(cluster.name)
    data = PocketInput(
        note_ids=np.arange(len(rows), dtype=np.int64),
        vectors=np.vstack([r[0] for r in rows]).astype(np.float32),
        week_index=np.array([r[1] for r in rows], dtype=np.int64),
        agents=tuple(r[2] for r in rows),
        topic_ids=np.array([r[3] for r in rows], dtype=np.int64),
        n_weeks=len(weeks),
        observed=(True,) * len(weeks),
    )
    totals = {wk.monday: int((data.week_index == i).sum()) for i, wk in enumerate(weeks)}
    return data, np.array(names), weeks, totals


def test_confirm_pockets_judges_vectors_alone_and_keeps_its_guards():
    """The store-free step (the one ``benchmarks/pocket_diagnose.py`` runs) says what ``detect_signals`` says."""
    from insight.trends.detectors import PoissonGammaDetector
    from insight.trends.pocket_signals import confirm_pockets

    detector = PoissonGammaDetector(SETTINGS)
    data, names, weeks, totals = _vectors_only(_steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)))
    (found,) = confirm_pockets(data, weeks, totals, detector, SETTINGS)
    detection, history, parents, _, note_ids, _ = found
    assert detection.kind == "emerging" and parents == (1,) and history.counts[-1] == len(note_ids)
    assert (names[list(note_ids)] == "loop").mean() >= 0.85  # the new need, not its flat twin
    one_agent = _vectors_only(_steady_world([0, 0, 0, 0, 0, 0, 0, 15], topics=(1,), agents=("a9",)))
    assert confirm_pockets(*one_agent[:1], *one_agent[2:], detector, SETTINGS) == []


def test_the_radius_screen_is_still_there_when_asked_for(tmp_path):
    store = new_store(tmp_path)
    ids = build(store, _steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)), LABELS)
    by_radius = SETTINGS.replace(pocket_neighbours=0)
    (signal,) = [s for s in detect_signals(store, by_radius, TARGET) if s.kind == "emerging"]
    assert signal.scope == "pocket" and len(set(ids["loop"][-14:]) & set(signal.note_ids)) >= 12


@pytest.mark.parametrize("hubness", ["none", "csls"])
def test_the_neighbour_share_screen_finds_the_new_need_beside_its_twin_and_nothing_in_a_steady_world(hubness):
    from insight.trends.pocket_knn import KNN_FLOOR, knn_screen

    def candidates(clusters):
        data, names, *_ = _vectors_only(clusters)
        found = knn_screen(data, baseline_weeks=4, window_weeks=3, k=10, floor=KNN_FLOOR, fdr=0.05, hubness=hubness)
        return [names[c.members] for c in found]

    found = candidates(_steady_world([0, 0, 0, 0, 0, 1, 0, 14], topics=(1,)))  # the same group, once per window
    assert found and all((members == "loop").mean() >= 0.9 and len(members) >= 9 for members in found)
    # Every cluster steady (Poisson swings around its level): week labels are as good as shuffled.
    rng = np.random.default_rng(3)
    steady = [
        Cluster(name, centre, tuple(int(n) for n in rng.poisson(level, 8)), text=name)
        for name, centre, level in (("login", LOGIN, 12), ("loop", LOOP, 4), ("cards", CARDS, 20), ("other", OTHER, 9))
    ]
    assert candidates(steady) == []


def test_the_hub_discount_pushes_back_a_note_close_to_everything():
    from insight.trends.pocket_knn import hub_penalty

    rng = np.random.default_rng(0)
    common = np.eye(16)[0] * 3.0  # what every note shares (sentence vectors sit in a narrow cone)
    spread = common + rng.normal(0.0, 1.0, (400, 16))
    vectors = np.vstack([spread, common[None, :]]).astype(np.float32)  # the last note: the cone's axis, a hub
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = hub_penalty(vectors, 10)
    assert exact[-1] > np.quantile(exact[:-1], 0.95)  # the hub is discounted more than almost any other note
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    assert np.allclose(exact, np.sort(sims, axis=1)[:, -10:].mean(axis=1) / 2, atol=1e-5)  # CSLS's r(y) / 2
    sampled = hub_penalty(vectors, 10, sample=200)  # beyond the sample size: a sample, k scaled to it
    assert np.corrcoef(exact, sampled)[0, 1] > 0.7 and sampled[-1] > np.quantile(sampled[:-1], 0.9)
    in_sample = np.zeros(len(vectors), dtype=bool)
    in_sample[np.random.default_rng(0).choice(len(vectors), 200, replace=False)] = True
    # A note in the sample does not count itself among its nearest (it would be discounted for it).
    assert abs(sampled[in_sample].mean() - sampled[~in_sample].mean()) < 0.02


def test_a_pocket_inside_a_topic_that_is_itself_new_is_that_topics_rise():
    """The demo's "Login loop" (0 → 19 → 23 a week) was shown only as its 13-note pocket: the whole topic is new."""
    from insight.trends.records import TrendSignal
    from insight.trends.signals import merge_pockets

    def signal(scope: str, count: int, baseline: float, expected: float) -> TrendSignal:
        return TrendSignal(
            7, f"{scope} label", "emerging", 5.0, "2025-W10", count, baseline, 8, 0.99, 1e-6, None, count, expected, "",
            scope=scope, parent_topic_ids=(7,) if scope == "pocket" else (),
        )  # fmt: skip

    new_topic = signal("topic", 23, 0.0, 0.5)
    pocket = signal("pocket", 13, 0.0, 0.2)
    assert merge_pockets([new_topic], [pocket], {7: 23}) == [new_topic]
    # an older topic whose rise the pocket carries still gives way to the pocket, which says what is new
    old_topic = signal("topic", 23, 8.0, 9.0)
    assert merge_pockets([old_topic], [pocket], {7: 23}) == [pocket]
