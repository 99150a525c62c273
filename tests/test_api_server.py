"""End to end as an admin would run it: `python -m insight serve-api` in its own process, a Zendesk-shaped
webhook sent by curl exactly as docs/helpdesk.md shows, and the note on the agent's My notes page."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from app_support import clean_streamlit, new_app, open_page, texts  # noqa: F401

from insight.agent_notes import notes_by_agent
from insight.store import Store

ROOT = Path(__file__).resolve().parent.parent
SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="


def _docs_curl_example() -> str:
    """The signed curl example from docs/helpdesk.md (the block after 'Try it with curl')."""
    text = (ROOT / "docs" / "helpdesk.md").read_text(encoding="utf-8")
    block = text.split("<!-- curl-example -->", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return block


def _started_on(server: subprocess.Popen, timeout: float = 90.0) -> str:
    """The URL a ``serve-api --port 0`` server printed once it held its port (it binds before it prints)."""
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(server.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    exited = server.poll()
    assert lines and lines[0], f"serve-api did not start (exit {exited}): {server.stderr.read() if exited else ''}"
    match = re.search(r"http://127\.0\.0\.1:(\d+)", lines[0])
    assert match, lines[0]
    return f"http://127.0.0.1:{match.group(1)}"


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("openssl")), reason="needs curl and openssl")
def test_webhook_from_the_docs_reaches_my_notes_within_a_second(tmp_path, monkeypatch):
    db = tmp_path / "earshot.duckdb"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")},
        "EARSHOT_DB": str(db),
        "EARSHOT_EMBEDDING_MODEL": "hashing",
        "EARSHOT_ZENDESK_WEBHOOK_SECRET": SECRET,
        "EARSHOT_DELIVERY_SCHEDULE": "off",
    }
    # Port 0: the server binds a free port itself and prints it, so no other process can take it in between.
    server = subprocess.Popen(
        [sys.executable, "-m", "insight", "serve-api", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = _started_on(server)
        assert httpx.get(url + "/api/v1/health", timeout=5).status_code == 200
        assert httpx.get(url + "/docs").status_code == 200  # the OpenAPI docs are served

        started = time.monotonic()
        out = subprocess.run(
            ["bash", "-c", _docs_curl_example()],
            capture_output=True,
            text=True,
            timeout=30,
            env={"PATH": "/usr/bin:/bin", "EARSHOT_URL": url, "SECRET": SECRET},
            check=True,
        )
        store = Store(db)  # this test process reads the file the server process writes
        mine = notes_by_agent(store, "ana@example.com")
        elapsed = time.monotonic() - started
        store.release()
        assert json.loads(out.stdout)["status"] == "created", out.stdout + out.stderr
        assert len(mine) == 1 and elapsed < 5.0, elapsed  # the promise is 1 s; see test_api_hooks for why 5

        monkeypatch.setenv("EARSHOT_DB", str(db))
        at = new_app("agent")
        at.session_state["agent_id"] = "ana@example.com"
        at = open_page(at, "my_notes")
        assert "wants to pause" in " ".join(at.dataframe[0].value["Note"]).lower(), texts(at)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_a_port_already_taken_is_refused_in_words_before_the_model_loads(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")},
        "EARSHOT_DB": str(tmp_path / "earshot.duckdb"),
        "EARSHOT_DELIVERY_SCHEDULE": "off",
    }
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "insight", "serve-api", "--port", str(port)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Earshot API on" not in done.stdout
    assert not (tmp_path / "earshot.duckdb").exists()  # refused before anything was opened


def test_the_printed_address_takes_connections_before_the_server_loop_runs():
    """The address is printed before uvicorn starts; a client that connects at once must queue, not be refused."""
    from api.server import listen

    sock = listen("127.0.0.1", 0)
    try:
        with socket.create_connection(sock.getsockname(), timeout=2):
            pass  # refused (ECONNREFUSED) if the socket were only bound, as a CI run once saw
    finally:
        sock.close()
