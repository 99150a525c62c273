"""The HTTP API on a real uvicorn server: tokens and scopes, notes in (one, batches, limits), insight out."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import datetime

import httpx
import pytest
from api_support import live_api
from trend_fixtures import build_brief_world

from insight.settings import load_settings
from insight.store import Store
from insight.tokens import create_token, list_tokens, revoke_token


@pytest.fixture
def api(store, settings, fake_embedder, redactor):
    with live_api(settings, store, fake_embedder, redactor) as live:
        yield live


def _stored(store: Store) -> list[tuple]:
    with store.read() as con:
        return con.execute("SELECT external_id, source, text, agent_id FROM notes ORDER BY id").fetchall()


# -- tokens: 401 / 403 and nothing else ------------------------------------------------------------------


def test_requests_without_a_valid_token_for_the_scope_get_401_or_403_and_no_data(api):
    note = {"text": "Customer wants to pause the plan while abroad", "external_id": "n1"}
    routes = [
        ("POST", "/api/v1/notes", "ingest"),
        ("GET", "/api/v1/topics", "read"),
        ("GET", "/api/v1/trends", "read"),
        ("GET", "/api/v1/brief", "read"),
        ("GET", "/api/v1/notes/search?q=pause", "read"),
    ]
    revoked = create_token(api.store, "old", "read").secret
    revoke_token(api.store, "old")
    for method, path, scope in routes:
        wrong = api.read_token if scope == "ingest" else api.ingest_token
        for token, status in [
            (None, 401),
            ("esk_not-a-real-token", 401),
            ("Basic abc", 401),
            (revoked, 401),
            (wrong, 403),
        ]:
            with api.client(token) as c:
                r = c.request(method, path, json=note if method == "POST" else None)
            assert r.status_code == status, (method, path, token, r.text)
            assert set(r.json()) == {"error"}, r.text  # nothing but the error
            if status == 401:
                assert r.headers["www-authenticate"] == "Bearer"
    assert _stored(api.store) == []  # nothing got in


def test_tokens_store_only_a_hash_and_the_cli_prints_the_token_once(db_path):
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "insight",
            "tokens",
            "create",
            "--name",
            "zendesk",
            "--scope",
            "ingest",
            "--json",
            "--db",
            str(db_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    token = json.loads(out.stdout)["token"]
    assert token.startswith("esk_") and len(token) > 40
    listed = subprocess.run(
        [sys.executable, "-m", "insight", "tokens", "list", "--db", str(db_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    ).stdout
    assert "zendesk" in listed and token not in listed
    store = Store(db_path)
    with store.read() as con:
        rows = con.execute("SELECT * FROM api_tokens").fetchall()
    store.release()
    assert token not in repr(rows)  # only the hash is kept
    bad = subprocess.run(
        [sys.executable, "-m", "insight", "tokens", "create", "--name", "x", "--scope", "admin", "--db", str(db_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


# -- notes in -------------------------------------------------------------------------------------------


def test_a_single_note_is_validated_redacted_stored_and_idempotent_on_external_id(api):
    note = {
        "text": "Customer Jane Doe called from 415-555-0132 wants to pause the plan",
        "external_id": "crm-7",
        "agent_id": "ana",
        "channel": "Phone call",
        "kind": "feature request",
        "tags": "vip, pause",
    }
    with api.client(api.ingest_token) as c:
        first = c.post("/api/v1/notes", json=note)
        again = c.post("/api/v1/notes", json={**note, "text": "edited text, same external id"})
    assert first.status_code == 200, first.text
    created = first.json()["results"][0]
    assert created["status"] == "created" and "PHONE" in created["redactions"]
    assert again.json()["results"][0] == {
        "index": 0,
        "status": "duplicate",
        "note_id": created["note_id"],
        "external_id": "crm-7",
    }
    rows = _stored(api.store)
    assert len(rows) == 1
    external_id, source, text, agent = rows[0]
    assert (external_id, source, agent) == ("crm-7", "crm", "ana")  # source defaults to the token's name
    assert "415-555-0132" not in text and "<PHONE>" in text


def test_a_batch_gets_one_result_per_note_and_keeps_the_good_ones(api):
    notes = [
        {"text": "Wants to pay by Apple Pay", "external_id": "b1"},
        {"text": "x", "external_id": "b2"},  # too short
        {"text": "Card arrived damaged", "channel": "carrier pigeon"},  # unknown channel
        "not an object",
        {"text": "Wants to pay by Apple Pay", "external_id": "b1"},  # same as the first
        {"text": "Asks for paper statements", "colour": "red"},  # unknown field
        {"text": "Asks for a dark mode", "source": "other-system", "external_id": "b1"},  # same id, other source
    ]
    with api.client(api.ingest_token) as c:
        r = c.post("/api/v1/notes", json={"notes": notes})
    assert r.status_code == 200
    body = r.json()
    assert [x["status"] for x in body["results"]] == [
        "created",
        "rejected",
        "rejected",
        "rejected",
        "duplicate",
        "rejected",
        "created",
    ]
    assert (body["created"], body["duplicates"], body["rejected"]) == (2, 1, 4)
    assert body["results"][4]["note_id"] == body["results"][0]["note_id"]
    assert body["results"][1]["problems"][0]["field"] == "text"
    assert body["results"][2]["problems"][0]["field"] == "channel"
    assert body["results"][5]["problems"][0]["field"] == "colour"
    assert [(e, s) for e, s, _, _ in _stored(api.store)] == [("b1", "crm"), ("b1", "other-system")]


def test_a_rejected_single_note_answers_422_with_its_problems(api):
    with api.client(api.ingest_token) as c:
        r = c.post("/api/v1/notes", json={"text": "ok", "created_at": "next tuesday"})
        junk = c.post("/api/v1/notes", content=b"{not json", headers={"Content-Type": "application/json"})
        empty = c.post("/api/v1/notes", json={"notes": []})
    assert r.status_code == 422
    assert {p["field"] for p in r.json()["results"][0]["problems"]} == {"text", "created_at"}
    assert junk.status_code == 400 and junk.json()["error"]["title"] == "Not JSON"
    assert empty.status_code == 422
    assert _stored(api.store) == []


def test_size_and_batch_limits_answer_413_and_rates_429(store, db_path, fake_embedder, redactor):
    settings = load_settings(
        environ={}, db=db_path, api_max_body_bytes=20_000, api_max_batch=5, api_rate_limit_per_minute=8
    )
    with live_api(settings, store, fake_embedder, redactor) as api, api.client(api.ingest_token) as c:
        six = c.post("/api/v1/notes", json=[{"text": f"note number {i}"} for i in range(6)])
        assert six.status_code == 413 and "limit is 5" in six.json()["error"]["message"]
        big = c.post("/api/v1/notes", json={"text": "y" * 30_000})
        assert big.status_code == 413 and "20,000 bytes" in big.json()["error"]["message"]

        def chunks():  # no Content-Length: the limit must hold while streaming too
            for _ in range(30):
                yield b" " * 1000

        streamed = c.post("/api/v1/notes", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        statuses = [c.post("/api/v1/notes", json={"text": f"rate note {i}"}).status_code for i in range(8)]
        assert statuses[:5] == [200] * 5 and statuses[-1] == 429
        limited = c.post("/api/v1/notes", json={"text": "one more"})
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert "requests a minute" in limited.json()["error"]["message"]
    with store.read() as con:
        stored = con.execute("SELECT count(*) FROM notes").fetchone()[0]
    assert stored == statuses.count(200)  # every 200 stored its note, nothing else got in


def test_concurrent_posts_of_the_same_notes_store_each_once(api):
    notes = [{"text": f"Customer wants feature number {i}", "external_id": f"c{i}"} for i in range(40)]
    results: list[int] = []

    def post(offset: int) -> None:
        with api.client(api.ingest_token) as c:
            for i in range(0, 40, 10):
                batch = notes[(i + offset) % 40 : (i + offset) % 40 + 10]
                results.append(c.post("/api/v1/notes", json={"notes": batch}).status_code)
            for note in notes[offset : offset + 5]:
                results.append(c.post("/api/v1/notes", json=note).status_code)

    threads = [threading.Thread(target=post, args=(k * 5,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(results) == {200}
    ids = [e for e, _, _, _ in _stored(api.store)]
    assert sorted(ids) == sorted(n["external_id"] for n in notes)


# -- insight out ----------------------------------------------------------------------------------------


def test_read_routes_return_what_the_cli_prints(tmp_path, fake_embedder, redactor):
    store = Store(tmp_path / "world.duckdb")
    build_brief_world(store)
    settings = load_settings(environ={}, db=store.path)
    with live_api(settings, store, fake_embedder, redactor) as api, api.client(api.read_token) as c:
        topics = c.get("/api/v1/topics").json()
        trends = c.get("/api/v1/trends", params={"week": "2025-W10"}).json()
        md = c.get("/api/v1/brief", params={"week": "2025-W10"})
        html = c.get("/api/v1/brief", params={"week": "2025-W10", "format": "html"})
        bad = c.get("/api/v1/trends", params={"week": "2025-W99"})
        wrong_format = c.get("/api/v1/brief", params={"format": "pdf"})
        docs = c.get("/openapi.json").json()
    cli = subprocess.run(
        [sys.executable, "-m", "insight", "trends", "--week", "2025-W10", "--json", "--db", str(store.path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert trends == {"week": "2025-W10", "signals": json.loads(cli.stdout)}
    assert any(s["kind"] == "emerging" and s["topic_id"] == 4 for s in trends["signals"])
    assert {t["topic_id"] for t in topics} >= {1, 2, 4, -1}
    assert md.headers["content-type"].startswith("text/markdown") and md.text.startswith("# Weekly brief — 2025-W10")
    assert html.headers["content-type"].startswith("text/html") and "<script>alert" not in html.text
    assert bad.status_code == 400 and bad.json()["error"]["title"] == "Bad week"
    assert wrong_format.status_code == 422
    assert {
        "/api/v1/notes",
        "/api/v1/topics",
        "/api/v1/trends",
        "/api/v1/brief",
        "/api/v1/notes/search",
        "/api/v1/hooks/zendesk",
        "/api/v1/hooks/intercom",
    } <= set(docs["paths"])


def test_search_finds_posted_notes(api):
    with api.client(api.ingest_token) as c:
        c.post(
            "/api/v1/notes",
            json=[{"text": "wants to pause the subscription while travelling"}, {"text": "the invoice total is wrong"}],
        )
    with api.client(api.read_token) as c:
        hits = c.get("/api/v1/notes/search", params={"q": "pause subscription travelling"}).json()["results"]
        blank = c.get("/api/v1/notes/search", params={"q": "  "})
    assert hits[0]["text"] == "wants to pause the subscription while travelling"
    assert blank.status_code == 422


def test_unexpected_errors_are_500_with_no_traceback(store, settings, fake_embedder, redactor):
    class Broken:
        model_id = "broken"

        def embed(self, texts, progress=None):
            raise RuntimeError("secret internals")

    with live_api(settings, store, Broken(), redactor) as api, api.client(api.ingest_token) as c:
        r = c.post("/api/v1/notes", json={"text": "a perfectly fine note"})
    assert r.status_code == 500 and "secret internals" not in r.text
    assert r.json()["error"]["title"] == "Something went wrong"


def test_token_last_used_is_recorded(api):
    with api.client(api.read_token) as c:
        assert c.get("/api/v1/topics").status_code == 200
    used = {t.name: t.last_used_at for t in list_tokens(api.store)}
    assert isinstance(used["bi"], datetime) and used["crm"] is None
    with pytest.raises(Exception, match="No live token"):
        revoke_token(api.store, "nobody")
    assert httpx.get(api.url + "/api/v1/health").json() == {"status": "ok"}


def test_a_batch_after_a_trends_read_still_stores(tmp_path, fake_embedder, redactor):
    # Regression: resolve_week left a half-read DuckDB result on the shared connection, and the next batch's
    # key probe (con.register) failed with "unfinished result" — a 500 on the first batch after any read.
    store = Store(tmp_path / "world.duckdb")
    build_brief_world(store)
    settings = load_settings(environ={}, db=store.path)
    with live_api(settings, store, fake_embedder, redactor) as api:
        with api.client(api.read_token) as c:
            assert c.get("/api/v1/trends").status_code == 200
        with api.client(api.ingest_token) as c:
            r = c.post("/api/v1/notes", json=[{"text": f"customer asks about item {i}"} for i in range(10)])
    assert r.status_code == 200 and r.json()["created"] == 10


def test_each_api_batch_is_one_import_in_the_ledger_and_can_be_undone(api):
    from ingest.ledger import list_imports, undo_import

    with api.client(api.ingest_token) as c:
        first = c.post(
            "/api/v1/notes",
            json=[{"text": "wrong system sent this", "external_id": f"w{i}"} for i in range(3)] + [{"text": "x"}],
        ).json()
        c.post("/api/v1/notes", json={"text": "a good note that stays", "external_id": "g1"})
    imports = list_imports(api.store)
    assert [(r.kind, r.name, r.status) for r in imports] == [
        ("api", "API note from crm", "complete"),
        ("api", "API batch from crm", "complete"),
    ]
    batch = imports[1]
    assert (batch.rows_read, batch.imported, batch.duplicates, batch.rejected, batch.source) == (4, 3, 0, 1, "crm")
    assert first["created"] == 3
    undone = undo_import(api.store, batch.import_id)
    assert undone.notes_removed == 3
    assert [e for e, _, _, _ in _stored(api.store)] == ["g1"]
