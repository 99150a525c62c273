"""Alerts are per need: a pocket is alerted apart from its parent topic, and keeps its state once it is a topic."""

from __future__ import annotations

from datetime import datetime

from pocket_fixtures import CARDS, LOGIN, LOOP, OTHER, STEADY, TARGET, Cluster, build
from trend_fixtures import new_store

from insight.delivery.channels import SendResult
from insight.delivery.messages import need_key
from insight.delivery.service import plan_messages
from insight.settings import load_settings
from insight.store import deliveries as sql
from insight.store import signals as signals_sql
from insight.trends import weekly_signals

NOW = datetime(2025, 3, 3, 8, 0)
LABELS = {1: "log in", 2: "card delivery", 3: "other things"}
LOOP_TEXT = "login loop after the update on android"


def _world(tmp_path):
    store = new_store(tmp_path)
    build(
        store,
        [
            Cluster("login", LOGIN, STEADY, topics=(1,), text="customer cannot log in to the app"),
            Cluster(
                "loop", LOOP, (0, 0, 0, 0, 0, 1, 0, 14), topics=(1,), text="login loop after the update on android"
            ),
            Cluster("cards", CARDS, (20, 21, 19, 20, 22, 20, 19, 21), topics=(2,), text="card not delivered yet"),
            Cluster("other", OTHER, (9, 8, 10, 9, 9, 10, 8, 9), topics=(3,), text="asks about opening hours"),
        ],
        LABELS,
    )
    return store


def _alerts(store, settings):
    return [m for m in plan_messages(store, settings, TARGET) if m.kind == "alert"]


def test_a_pocket_is_alerted_even_when_its_parent_topic_was_alerted_before(tmp_path):
    store = _world(tmp_path)
    settings = load_settings(environ={}, db=store.path)
    (pocket,) = [s for s in weekly_signals(store, settings, TARGET) if s.scope == "pocket"]
    with store.transaction() as con:  # "log in" itself was alerted at a size the pocket never reaches
        sql.save_alert_state(con, "topic:1", 500, "2025-W08", NOW)
    (alert,) = _alerts(store, settings)
    assert alert.need_key == f"pocket:{pocket.pocket_id}" and alert.topic_id == 1
    assert alert.subject_key == f"alert:pocket-{pocket.pocket_id}:{TARGET.label}"
    assert alert.title == f"Emerging need: {pocket.label}"
    # Once alerted, the pocket is not alerted again for the same week …
    with store.transaction() as con:
        sql.save_alert_state(con, alert.need_key, alert.count, alert.week, NOW)
    assert _alerts(store, settings) == []


def test_a_topic_born_from_a_pocket_is_still_that_need(tmp_path):
    store = _world(tmp_path)
    settings = load_settings(environ={}, db=store.path)
    (pocket,) = [s for s in weekly_signals(store, settings, TARGET) if s.scope == "pocket"]
    with store.transaction() as con:
        signals_sql.mark_pocket_born(con, pocket.pocket_id, 7, 99)
        born = signals_sql.pocket_topics(con)
    assert born == {7: pocket.pocket_id}
    as_topic = pocket.__class__(**{**pocket.__dict__, "scope": "topic", "topic_id": 7, "pocket_id": None})
    assert need_key(as_topic, born) == need_key(pocket, born) == f"pocket:{pocket.pocket_id}"
    plain = pocket.__class__(**{**pocket.__dict__, "scope": "topic", "topic_id": 2, "pocket_id": None})
    assert need_key(plain, born) == "topic:2"


def test_topics_of_one_theme_rising_together_are_one_alert_and_stay_told(tmp_path):
    """One surge split over sibling topics: one alert that names them all; none of them alerts alone next."""
    from pocket_fixtures import direction

    from insight.delivery.service import deliver

    store = new_store(tmp_path)
    rise = (0, 0, 0, 0, 0, 1, 2, 14)
    build(
        store,
        [
            Cluster("esim", direction((5, 1.0)), rise, topics=(4,), text="wants esim on the new phone"),
            Cluster("dual", direction((6, 1.0)), rise, topics=(5,), text="asks for dual sim with esim"),
            Cluster("cards", CARDS, (20, 21, 19, 20, 22, 20, 19, 21), topics=(2,), text="card not delivered yet"),
        ],
        {2: "card delivery", 4: "esim option", 5: "dual sim setup"},
    )
    with store.transaction() as con:
        con.execute("UPDATE topics SET theme_id = 1, theme_label = 'eSIM' WHERE topic_id IN (4, 5)")
    # A Slack channel with a recording sender (the real SMTP/HTTPS receivers are in test_delivery.py).
    settings = load_settings(environ={}, db=store.path, delivery_slack_webhook="https://hooks.slack.com/services/T/B/C")
    emerging = {s.topic_id for s in weekly_signals(store, settings, TARGET) if s.kind == "emerging"}
    assert emerging >= {4, 5}, emerging
    (alert,) = [m for m in _alerts(store, settings) if m.topic_id in (4, 5)]
    sibling = 5 if alert.topic_id == 4 else 4
    assert "Also rising in the same theme:" in alert.markdown
    assert {k for k, _ in alert.also_states} == {f"topic:{sibling}"}
    sent: list[str] = []

    def record(channel, title, body):
        sent.append(title)
        return SendResult(ok=True)

    report = deliver(store, settings, TARGET, now=NOW, sender=record)
    labels = {4: "esim option", 5: "dual sim setup"}
    assert not report.failed and sent.count(alert.title) == 1
    assert f"Emerging need: {labels[sibling]}" not in sent  # told inside the lead's alert, not alone
    with store.read() as con:
        states = sql.alert_states(con)
    # Saved with the alert that told them, so the sibling is not alerted on its own afterwards.
    assert {f"topic:{alert.topic_id}", f"topic:{sibling}"} <= set(states)
    assert [m for m in _alerts(store, settings) if m.topic_id in (4, 5)] == []
