"""Playwright helpers: a Streamlit server on a free port (subprocess) and Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def _patient_expect() -> None:
    """``expect`` waits 5 s by default, whatever the page's timeout; a 2-core CI machine running a script
    rerun (a query-param binding, a refit beside) can take longer to redraw, so assertions wait as long
    as the page's own actions do (30 s)."""
    with contextlib.suppress(ImportError):
        from playwright.sync_api import expect

        expect.set_options(timeout=30_000)


_patient_expect()


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(
    env: dict[str, str], *extra_args: str, log: Path | None = None, port: int | None = None
) -> Iterator[str]:
    """Run ``streamlit run app.py`` on 127.0.0.1 and yield its URL; stopped (by its own pid) afterwards."""
    port = port or free_port()
    streamlit = str(Path(sys.executable).with_name("streamlit"))
    cmd = [
        streamlit,
        "run",
        "app.py",
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        *extra_args,
    ]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("EARSHOT_")} | env
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start (see {log})") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


# True once the app has shown "not running" for ``quiet_ms`` in a row. A single look is not enough: on a
# loaded machine the browser may not yet have sent the rerun a click asked for, so the page still reads
# "not running" from the run before (CI failed that way on 2 busy cores).
_IDLE_FOR = """quietMs => {
    const app = document.querySelector("[data-testid='stApp']");
    const idle = app !== null && app.getAttribute("data-test-script-state") === "notRunning";
    const now = performance.now();
    if (!idle) { window.__earshotIdleSince = null; return false; }
    if (window.__earshotIdleSince == null) window.__earshotIdleSince = now;
    return now - window.__earshotIdleSince >= quietMs;
}"""


def settle(page, timeout: float = 60_000, quiet_ms: int = 1_000) -> None:
    """Wait until the script run triggered by the last action has finished and the app stays idle.

    60 s: a save that reruns the page took over 30 s on the 2-core CI machine while another job ran beside it.
    """
    page.wait_for_timeout(300)
    page.evaluate("() => { window.__earshotIdleSince = null; }")
    page.wait_for_function(_IDLE_FOR, arg=quiet_ms, timeout=timeout, polling=100)


def page_text(page, limit: int = 1_500) -> str:
    """What the main area of the page says, for an assertion message that explains a failure in CI logs."""
    try:
        return page.get_by_test_id("stMain").inner_text(timeout=5_000)[:limit]
    except Exception as exc:  # the page itself is broken; say so instead of hiding the first failure
        return f"(could not read the page: {exc})"


def shot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright (never a downloaded browser).

    One per test module: each module imports this fixture, and Playwright's sync API allows one
    running instance at a time.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab (own cookies) that accepts downloads."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def pick_role(page, label: str) -> None:
    """Choose a role in the demo-mode picker in the sidebar."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=label, exact=True).click()
    settle(page)


def copy_db(src: Path, dst: Path) -> Path:
    """A private copy of a database file."""
    shutil.copy(src, dst)
    return dst
