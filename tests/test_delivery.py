"""Delivery of the brief and alerts through apprise to a local SMTP server and a local HTTPS receiver."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

import apprise.plugins.slack
import pytest
from delivery_support import https_receiver, mail_html, smtp_server
from trend_fixtures import build_brief_world, new_store

from insight.delivery import (
    deliver,
    delivery_log,
    latest_slot,
    parse_schedule,
    plan_messages,
    retry_due,
    run_schedule,
)
from insight.delivery.channels import SendResult
from insight.errors import EarshotError
from insight.settings import load_settings
from insight.store import deliveries as sql
from insight.trends import detect_signals

NOW = datetime(2025, 3, 10, 7, 0)  # the Monday after the fixture's last week (2025-W10)
SLACK_PATH = "/services/T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7"
TEAMS_QUERY = "api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=KODuebWbDGYFr0z0eu"


@pytest.fixture
def world(tmp_path):
    store = new_store(tmp_path)
    build_brief_world(store)
    yield store
    store.release()


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """SMTP + HTTPS receivers, and settings pointing every channel at them."""
    with smtp_server() as (smtp_port, mail), https_receiver(tmp_path) as (https_port, web):
        # Apprise's Slack plugin always posts to hooks.slack.com: point that host at the local receiver. The
        # payload, headers and URL path are still apprise's own.
        monkeypatch.setattr(
            apprise.plugins.slack.NotifySlack, "webhook_url", f"https://127.0.0.1:{https_port}/services"
        )
        env = {
            "smtp_host": "127.0.0.1",
            "smtp_port": smtp_port,
            "smtp_security": "none",
            "delivery_email_to": "lead@example.com, ceo@example.com",
            "delivery_email_from": "earshot@example.com",
            "delivery_slack_webhook": f"https://hooks.slack.com{SLACK_PATH}?verify=no",
            "delivery_teams_webhook": (
                f"https://127.0.0.1:{https_port}/workflows/643e69f83c8944438d68119179a10a64/triggers/manual/paths/"
                f"invoke?{TEAMS_QUERY}&verify=no"
            ),
            "public_url": "https://earshot.example.com",
        }
        yield env, mail, web


def _settings(store, env, **more):
    return load_settings(environ={}, db=store.path, **env, **more)


def _mondays_by_email(store):
    """The brief by e-mail every Monday at 08:00 (the SMTP server is never reached: the tests' sender records)."""
    return _settings(
        store, {}, delivery_schedule="MON 08:00", smtp_host="127.0.0.1", delivery_email_to="lead@example.com"
    )


def _by_path(web, fragment):
    return [r for r in web.requests if fragment in r["path"]]


def test_the_brief_and_alerts_reach_email_slack_and_teams_once(world, outside):
    env, mail, web = outside
    settings = _settings(world, env)
    emerging = {s.topic_id for s in detect_signals(world, settings, "2025-W10") if s.kind == "emerging"}
    assert 4 in emerging  # the fixture's Apple Pay need

    report = deliver(world, settings, "2025-W10", now=NOW)
    assert not report.failed
    kinds = sorted(m.kind for m in report.planned)
    assert kinds == ["alert"] * len(emerging) + ["brief"]

    # E-mail: the full HTML brief and one e-mail per alert, to both recipients.
    subjects = sorted({m["Subject"] for m in mail.mails})
    assert "Earshot weekly brief — 2025-W10" in subjects
    assert any(s.startswith("Emerging need: apple pay") for s in subjects)
    brief_mail = next(m for m in mail.mails if m["Subject"] == "Earshot weekly brief — 2025-W10")
    assert brief_mail["From"] == "earshot@example.com"
    assert {a for m in mail.mails for a in m["X-Envelope-To"].split(",")} == {"lead@example.com", "ceo@example.com"}
    html = mail_html(brief_mail)
    assert "Top emerging needs" in html and "<script>alert" not in html

    # Slack: the digest as apprise's Slack payload (mrkdwn), on the webhook's own path.
    slack = _by_path(web, SLACK_PATH)
    assert len(slack) == 1 + len(emerging)
    digest = str(slack[0]["json"])
    assert "Top emerging needs" in digest and "https://earshot.example.com/brief" in digest
    assert "<script>" not in digest  # note text stays inert in chat too

    # Teams: an Adaptive Card posted to the Workflows trigger.
    teams = _by_path(web, "/workflows/643e69f83c8944438d68119179a10a64/triggers/manual/paths/invoke")
    assert len(teams) == 1 + len(emerging)
    card = teams[0]["json"]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    texts = [b.get("text", "") for b in card["content"]["body"]]
    assert "Earshot weekly brief — 2025-W10" in texts and any("Top emerging needs" in t for t in texts)

    # Every delivery is recorded: what, to whom, when, how.
    log = delivery_log(world)
    assert len(log) == 3 * (1 + len(emerging)) and {d.status for d in log} == {"sent"}
    assert {d.recipient for d in log} == {
        "lead@example.com, ceo@example.com",
        "hooks.slack.com (webhook)",
        "127.0.0.1 (webhook)",
    }
    assert all(d.sent_at == NOW and d.attempts == 1 for d in log)
    assert all("sig=" not in d.recipient and "TIiaj" not in d.recipient for d in log)

    # Running again sends nothing twice.
    before = (len(mail.mails), len(web.requests))
    again = deliver(world, settings, "2025-W10", now=NOW + timedelta(hours=1))
    assert again.attempted == [] and len(again.already) == 3
    assert (len(mail.mails), len(web.requests)) == before


def test_an_alert_is_sent_once_per_need_and_again_only_when_it_grows(world):
    settings = load_settings(environ={}, db=world.path, alert_regrowth=1.5)
    count = next(s.count for s in detect_signals(world, settings, "2025-W10") if s.topic_id == 4)

    def alerted(state):
        with world.transaction() as con:
            con.execute("DELETE FROM need_alert_state")
            if state:
                sql.save_alert_state(con, "topic:4", state[0], state[1], NOW)
        return [m for m in plan_messages(world, settings, "2025-W10") if m.topic_id == 4]

    assert [m.title for m in alerted(None)] == ["Emerging need: apple pay wallet"]
    assert alerted((count, "2025-W10")) == []  # already alerted this week
    assert alerted((count, "2025-W09")) == []  # same size as at its alert: not material
    assert alerted((int(count / 1.5) + 1, "2025-W09")) == []  # grew, but less than 1.5×
    grown = alerted((int(count / 1.5), "2025-W09"))
    assert [m.title for m in grown] == ["Still growing: apple pay wallet"]
    assert f"up from {int(count / 1.5)}" in grown[0].markdown


def test_a_failed_delivery_is_recorded_retried_with_back_off_and_reported(world, outside):
    env, _, web = outside
    settings = _settings(world, env, delivery_retry_s=60.0, delivery_max_attempts=3)
    web.status = 500  # Slack and Teams are down
    report = deliver(world, settings, "2025-W10", now=NOW)
    failed = report.failed
    assert failed and {d.channel for d in failed} == {"slack", "teams"}
    assert all(d.status == "retrying" and d.next_attempt_at == NOW + timedelta(seconds=60) for d in failed)
    assert all(d.last_error for d in failed)
    assert {d.status for d in delivery_log(world) if d.channel == "email"} == {"sent"}

    assert retry_due(world, settings, now=NOW + timedelta(seconds=30)) == []  # not yet
    second = retry_due(world, settings, now=NOW + timedelta(seconds=61))
    assert len(second) == len(failed) and all(d.next_attempt_at == NOW + timedelta(seconds=181) for d in second)
    third = retry_due(world, settings, now=NOW + timedelta(seconds=200))
    assert {d.status for d in third} == {"failed"} and all(d.attempts == 3 for d in third)  # gave up: reported
    assert retry_due(world, settings, now=NOW + timedelta(days=1)) == []

    # A later run for the next failure recovers when the receiver is back.
    web.status = 200
    with world.transaction() as con:
        con.execute("UPDATE deliveries SET status = 'retrying', next_attempt_at = ? WHERE status = 'failed'", [NOW])
    recovered = retry_due(world, settings, now=NOW + timedelta(days=1))
    assert {d.status for d in recovered} == {"sent"}


def test_deliver_dry_run_prints_what_each_channel_would_receive_and_records_nothing(world, outside):
    env, mail, web = outside
    environ = {**os.environ, "HF_HUB_OFFLINE": "1", "EARSHOT_DB": str(world.path)}
    environ.update({f"EARSHOT_{k.upper()}": str(v) for k, v in env.items() if k != "delivery_teams_webhook"})
    world.release()
    out = subprocess.run(
        [sys.executable, "-m", "insight", "deliver", "--week", "2025-W10", "--dry-run"],
        capture_output=True,
        text=True,
        timeout=180,
        env=environ,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "=== email → lead@example.com, ceo@example.com · brief" in text
    assert "=== slack → hooks.slack.com (webhook) · brief" in text
    assert "=== slack → hooks.slack.com (webhook) · alert" in text
    assert "=== teams: not configured (set EARSHOT_DELIVERY_TEAMS_WEBHOOK)" in text
    assert "Title: Earshot weekly brief — 2025-W10" in text and "Full brief: https://earshot.example.com/brief" in text
    assert "TIiajkdnlazkcOXrIdevi7" not in text  # the webhook's secret path is never printed
    assert mail.mails == [] and web.requests == []
    assert delivery_log(world) == []


def test_deliver_cli_exits_1_and_names_the_failure(world, outside):
    env, _, _ = outside
    environ = {**os.environ, "HF_HUB_OFFLINE": "1", "EARSHOT_DB": str(world.path)}
    environ.update({f"EARSHOT_{k.upper()}": str(v) for k, v in env.items() if k.startswith("smtp") or "email" in k})
    environ["EARSHOT_SMTP_PORT"] = "1"  # nothing listens there
    world.release()
    out = subprocess.run(
        [sys.executable, "-m", "insight", "deliver", "--week", "2025-W10"],
        capture_output=True,
        text=True,
        timeout=180,
        env=environ,
    )
    assert out.returncode == 1
    assert "FAILED    Earshot weekly brief — 2025-W10 → email" in out.stdout and "retry 2 at" in out.stdout
    assert "see the Admin → Deliveries page" in out.stderr


def test_the_schedule_runs_each_slot_once_and_retries_due_failures(world):
    sent: list[tuple[str, str]] = []

    def recorder(channel, title, body):
        sent.append((channel.name, title))
        return SendResult(True)

    settings = _mondays_by_email(world)
    monday = datetime(2025, 3, 10, 8, 5)
    nowhere = load_settings(environ={}, db=world.path, delivery_schedule="MON 08:00")
    assert run_schedule(world, nowhere, now_local=monday, now_utc=NOW, sender=recorder) is None  # no channel yet
    assert run_schedule(world, settings, now_local=monday - timedelta(minutes=10), now_utc=NOW, sender=recorder) is None
    assert sent == []  # 07:55: the slot of a week ago is too old to catch up, this week's is not due
    summary = run_schedule(world, settings, now_local=monday, now_utc=NOW, sender=recorder)
    assert summary and summary.startswith("2025-W10:") and ("email", "Earshot weekly brief — 2025-W10") in sent
    count = len(sent)
    assert run_schedule(world, settings, now_local=monday + timedelta(hours=3), now_utc=NOW, sender=recorder) is None
    assert len(sent) == count  # claimed: a restart does not send it again


def test_schedule_parsing():
    assert parse_schedule("MON 08:00") == (0, datetime(2025, 1, 1, 8, 0).time())
    assert parse_schedule("friday 17:30")[0] == 4
    assert parse_schedule("DAILY 07:15")[0] is None
    assert parse_schedule("off") is None
    for bad in ("MON 25:00", "someday", "08:00"):
        with pytest.raises(EarshotError, match="DELIVERY_SCHEDULE"):
            parse_schedule(bad)
    wednesday = datetime(2025, 3, 12, 9, 0)
    assert latest_slot((0, datetime(2025, 1, 1, 8).time()), wednesday) == datetime(2025, 3, 10, 8, 0)
    assert latest_slot((2, datetime(2025, 1, 1, 10).time()), wednesday) == datetime(2025, 3, 5, 10, 0)
    assert latest_slot((None, datetime(2025, 1, 1, 8).time()), wednesday) == datetime(2025, 3, 12, 8, 0)


def test_the_servers_scheduler_thread_sends_on_its_slot(world):
    import threading

    from insight.delivery import DeliveryScheduler

    sent = threading.Event()

    def recorder(channel, title, body):
        sent.set()
        return SendResult(True)

    settings = _mondays_by_email(world)
    jobs = DeliveryScheduler(world, settings, poll_s=0.05, sender=recorder, clock=lambda: datetime(2025, 3, 10, 8, 1))
    jobs.start()
    try:
        assert sent.wait(60), "the scheduler sent nothing"
    finally:
        jobs.stop()
    assert {d.status for d in delivery_log(world)} == {"sent"}
    with pytest.raises(EarshotError):
        DeliveryScheduler(world, load_settings(environ={}, db=world.path, delivery_schedule="sometimes"))
