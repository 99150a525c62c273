"""Helpdesk webhooks on a real uvicorn server: vendor-shaped payloads, good and bad signatures, replays."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from datetime import UTC, datetime, timedelta

import pytest
from api_support import (
    intercom_admin_noted,
    intercom_headers,
    live_api,
    zendesk_comment_event,
    zendesk_headers,
)

from api.routes_hooks import zendesk_signature
from ingest.helpdesk import html_to_text, map_intercom, map_zendesk
from insight.agent_notes import notes_by_agent
from insight.settings import load_settings

ZENDESK_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="
INTERCOM_SECRET = "intercom-client-secret"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def hooks(store, db_path, fake_embedder, redactor):
    settings = load_settings(
        environ={}, db=db_path, zendesk_webhook_secret=ZENDESK_SECRET, intercom_webhook_secret=INTERCOM_SECRET
    )
    with live_api(settings, store, fake_embedder, redactor) as live:
        yield live


def _rows(store):
    with store.read() as con:
        return con.execute(
            "SELECT external_id, source, agent_id, team, channel, tags, text, extra FROM notes ORDER BY id"
        ).fetchall()


def test_zendesk_signature_is_base64_hmac_sha256_of_timestamp_then_body():
    # Zendesk's documented recipe, recomputed independently with openssl.
    body, ts = b'{"say": "hello"}', "2021-07-25T10:00:00Z"
    openssl = subprocess.run(
        ["openssl", "dgst", "-sha256", "-hmac", ZENDESK_SECRET, "-binary"],
        input=ts.encode() + body,
        capture_output=True,
        check=True,
    ).stdout
    import base64

    assert zendesk_signature(ZENDESK_SECRET, ts, body) == base64.b64encode(openssl).decode()


def test_a_signed_zendesk_internal_comment_becomes_the_agents_note_once(hooks):
    now = datetime.now(UTC)
    payload = zendesk_comment_event(
        987654321, "Customer (call me on +44 20 7946 0958) wants to pause the plan while abroad", when=_iso(now)
    )
    body = json.dumps(payload).encode()
    with hooks.client() as c:
        first = c.post("/api/v1/hooks/zendesk", content=body, headers=zendesk_headers(ZENDESK_SECRET, body, _iso(now)))
        # Zendesk retries a delivery it thinks failed: same comment, new signature time.
        later = _iso(now + timedelta(seconds=30))
        again = c.post("/api/v1/hooks/zendesk", content=body, headers=zendesk_headers(ZENDESK_SECRET, body, later))
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "created" and again.json()["status"] == "duplicate"
    (row,) = _rows(hooks.store)
    external_id, source, agent, team, channel, tags, text, extra = row
    assert (external_id, source, agent, team, channel) == (
        "987654321",
        "zendesk",
        "zendesk:8447388090495",
        "zendesk-group:360001234567",
        "phone",
    )
    assert list(tags) == ["vip", "pause_request"]
    assert "7946" not in text and "<PHONE>" in text
    assert json.loads(extra) == {"ticket_id": "5158"}
    from ingest.ledger import list_imports

    assert [(r.kind, r.name, r.imported, r.duplicates) for r in list_imports(hooks.store)] == [
        ("webhook", "Zendesk comment 987654321", 0, 1),
        ("webhook", "Zendesk comment 987654321", 1, 0),
    ]


def test_public_replies_and_other_events_are_acknowledged_but_not_stored(hooks):
    now = _iso(datetime.now(UTC))
    public = json.dumps(zendesk_comment_event(1, "Thanks for reaching out!", public=True, when=now)).encode()
    other = json.dumps({**zendesk_comment_event(2, "x", when=now), "type": "zen:event-type:ticket.status_changed"})
    with hooks.client() as c:
        r1 = c.post("/api/v1/hooks/zendesk", content=public, headers=zendesk_headers(ZENDESK_SECRET, public, now))
        r2 = c.post(
            "/api/v1/hooks/zendesk",
            content=other.encode(),
            headers=zendesk_headers(ZENDESK_SECRET, other.encode(), now),
        )
    assert r1.json()["status"] == "ignored" and "public" in r1.json()["reason"]
    assert r2.json()["status"] == "ignored"
    assert _rows(hooks.store) == []


def test_badly_signed_stale_or_unsigned_zendesk_requests_are_refused(hooks):
    now = datetime.now(UTC)
    body = json.dumps(zendesk_comment_event(5, "Wants invoices in PDF", when=_iso(now))).encode()
    good = zendesk_headers(ZENDESK_SECRET, body, _iso(now))
    cases = {
        "wrong secret": zendesk_headers("another-secret", body, _iso(now)),
        "body changed": zendesk_headers(ZENDESK_SECRET, body + b" ", _iso(now)),
        "timestamp swapped": {**good, "X-Zendesk-Webhook-Signature-Timestamp": _iso(now + timedelta(seconds=1))},
        "stale": zendesk_headers(ZENDESK_SECRET, body, _iso(now - timedelta(minutes=10))),
        "from the future": zendesk_headers(ZENDESK_SECRET, body, _iso(now + timedelta(minutes=10))),
        "no signature": {"Content-Type": "application/json"},
        "hex instead of base64": {**good, "X-Zendesk-Webhook-Signature": "ab" * 32},
    }
    with hooks.client() as c:
        for name, headers in cases.items():
            r = c.post("/api/v1/hooks/zendesk", content=body, headers=headers)
            assert r.status_code == 401, (name, r.text)
            assert set(r.json()) == {"error"}
        assert c.post("/api/v1/hooks/zendesk", content=body, headers=good).status_code == 200
    assert len(_rows(hooks.store)) == 1


def test_webhooks_are_off_until_a_secret_is_set(store, settings, fake_embedder, redactor):
    body = b"{}"
    with live_api(settings, store, fake_embedder, redactor) as api, api.client() as c:
        r = c.post("/api/v1/hooks/zendesk", content=body, headers=zendesk_headers("", body, "2026-01-01T00:00:00Z"))
        assert r.status_code == 404 and "EARSHOT_ZENDESK_WEBHOOK_SECRET" in r.json()["error"]["message"]
        assert c.post("/api/v1/hooks/intercom", content=body).status_code == 404


def test_a_signed_intercom_admin_note_becomes_a_note_and_bad_ones_are_refused(hooks):
    now = int(time.time())
    payload = intercom_admin_noted(
        "2826904904", "<p>Customer asks for <b>dark mode</b> in the app.</p><p>Twice.</p>", now
    )
    body = json.dumps(payload).encode()
    stale = json.dumps(intercom_admin_noted("1", "<p>old note text</p>", now - 3600)).encode()
    ping = json.dumps({**intercom_admin_noted("2", "<p>x</p>", now), "topic": "ping"}).encode()
    with hooks.client() as c:
        ok = c.post("/api/v1/hooks/intercom", content=body, headers=intercom_headers(INTERCOM_SECRET, body))
        dup = c.post("/api/v1/hooks/intercom", content=body, headers=intercom_headers(INTERCOM_SECRET, body))
        bad = c.post("/api/v1/hooks/intercom", content=body, headers=intercom_headers("nope", body))
        unsigned = c.post("/api/v1/hooks/intercom", content=body)
        old = c.post("/api/v1/hooks/intercom", content=stale, headers=intercom_headers(INTERCOM_SECRET, stale))
        pinged = c.post("/api/v1/hooks/intercom", content=ping, headers=intercom_headers(INTERCOM_SECRET, ping))
    assert ok.status_code == 200 and ok.json()["status"] == "created"
    assert dup.json()["status"] == "duplicate"
    assert (bad.status_code, unsigned.status_code, old.status_code) == (401, 401, 401)
    assert pinged.status_code == 200 and pinged.json()["status"] == "ignored"
    (row,) = _rows(hooks.store)
    external_id, source, agent, team, channel, tags, text, _ = row
    assert (external_id, source, agent, team, channel, list(tags)) == (
        "2826904904",
        "intercom",
        "jo@acme.test",
        "intercom-team:5017691",
        "chat",
        ["billing"],
    )
    assert text == "Customer asks for dark mode in the app.\nTwice."


def test_signed_payloads_that_are_not_notes_get_422(hooks):
    now = _iso(datetime.now(UTC))
    for payload in ([1, 2], {"hello": "world"}, {"comment": {"body": "no id", "public": False}}):
        body = json.dumps(payload).encode()
        with hooks.client() as c:
            r = c.post("/api/v1/hooks/zendesk", content=body, headers=zendesk_headers(ZENDESK_SECRET, body, now))
        assert r.status_code == 422, payload
    short = json.dumps(zendesk_comment_event(77, "ok", when=now)).encode()
    with hooks.client() as c:
        r = c.post("/api/v1/hooks/zendesk", content=short, headers=zendesk_headers(ZENDESK_SECRET, short, now))
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "text"


def test_trigger_webhook_body_from_the_docs_maps_agent_group_channel_and_tags():
    mapped = map_zendesk(
        {
            "ticket": {"id": "88", "group": "Billing EMEA", "tags": "vip pause_request", "via": "Email"},
            "comment": {
                "id": "4242",
                "body": "Asks to split the bill",
                "public": "false",
                "author": {"email": "Ana@Acme.test", "name": "Ana"},
                "created_at": "2026-11-29T10:00:00Z",
            },
        }
    )
    assert mapped.fields == {
        "text": "Asks to split the bill",
        "external_id": "4242",
        "source": "zendesk",
        "agent_id": "ana@acme.test",
        "team": "Billing EMEA",
        "channel": "email",
        "tags": ["vip", "pause_request"],
        "created_at": "2026-11-29T10:00:00Z",
        "extra": {"ticket_id": "88"},
    }
    assert map_zendesk({"ticket": {}, "comment": {"id": 1, "body": "x", "public": True}}).fields is None
    assert map_intercom({"type": "notification_event", "topic": "conversation.user.replied"}).fields is None
    assert html_to_text("<p>a &amp; b</p><ul><li>one</li><li>two</li></ul>") == "a & b\none\ntwo"


@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("openssl")), reason="needs curl and openssl")
def test_the_curl_example_from_the_docs_shows_up_on_my_notes_within_a_second(hooks):
    # docs/helpdesk.md: sign with openssl, send with curl. Run it exactly as a person would.
    script = (
        "TS=$(date -u +%Y-%m-%dT%H:%M:%SZ)\n"
        'BODY=\'{"ticket": {"id": "5158", "group": "Billing", "tags": "vip", "via": "voice"}, '
        '"comment": {"id": "900001", "body": "Customer wants to pause the plan while abroad", '
        '"public": false, "author": {"email": "ana@example.com"}}}\'\n'
        'SIG=$(printf \'%s%s\' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64)\n'
        "curl -sS -X POST \"$URL/api/v1/hooks/zendesk\" -H 'Content-Type: application/json' "
        '-H "X-Zendesk-Webhook-Signature: $SIG" -H "X-Zendesk-Webhook-Signature-Timestamp: $TS" '
        '--data-binary "$BODY"\n'
    )
    started = time.monotonic()
    out = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        env={"PATH": "/usr/bin:/bin", "SECRET": ZENDESK_SECRET, "URL": hooks.url},
    )
    mine = notes_by_agent(hooks.store, "ana@example.com")
    elapsed = time.monotonic() - started
    assert json.loads(out.stdout)["status"] == "created", out.stdout + out.stderr
    assert [m.note.text for m in mine] == ["Customer wants to pause the plan while abroad"]
    assert mine[0].note.team == "Billing" and mine[0].note.channel == "phone"
    # The promise is "within a second" (benchmarks/api.py reports p50/p95); this looser bound only catches a
    # note that waits behind a refit or a batch, without failing CI on a busy machine.
    assert elapsed < 5.0, f"took {elapsed:.2f} s"
