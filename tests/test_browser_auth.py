# ruff: noqa: F811  (pytest fixtures imported from the support modules are redefined as parameters)
"""Sign-in in a real browser: ``st.login`` against a mock OIDC provider on 127.0.0.1, roles from secrets."""

from __future__ import annotations

import shutil

import pytest
from app_support import EMBEDDER, demo_template  # noqa: F401
from browser_support import ARTIFACTS, browser, free_port, page, settle, shot, streamlit_server  # noqa: F401
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

USERS = {
    "pm@example.com": {"email": "pm@example.com", "name": "Pat Product"},
    "agent@example.com": {"email": "agent@example.com", "name": "Alex Agent", "groups": ["care"]},
}


@pytest.fixture(scope="module")
def signed_app(demo_template, tmp_path_factory):
    from oidc_provider_mock import User, run_server_in_thread

    folder = tmp_path_factory.mktemp("auth")
    db = folder / "demo.duckdb"
    shutil.copy(demo_template[0], db)
    port = free_port()
    users = [User(sub=sub, claims=claims) for sub, claims in USERS.items()]
    with run_server_in_thread(user_claims=users) as provider:
        secrets = folder / "secrets.toml"
        secrets.write_text(
            f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-test-cookie-secret-that-is-long-enough"
client_id = "earshot-test"
client_secret = "earshot-test-secret"
server_metadata_url = "http://localhost:{provider.server_port}/.well-known/openid-configuration"

[roles]
default = ""
pm = ["pm@example.com"]
agent = ["group:care"]
"""
        )
        env = {"EARSHOT_DB": str(db), "EARSHOT_EMBEDDING_MODEL": EMBEDDER}
        ARTIFACTS.mkdir(exist_ok=True)
        with streamlit_server(
            env, f"--secrets.files={secrets}", port=port, log=ARTIFACTS / "streamlit-auth.log"
        ) as url:
            yield url


def _sign_in(page, url: str, who: str) -> None:
    page.goto(url)
    settle(page)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=who).click()  # the mock provider's one-click user
    page.wait_for_url(f"{url}/**")
    settle(page)


def test_pm_signs_in_and_gets_pm_pages(page, signed_app) -> None:
    _sign_in(page, signed_app, "pm@example.com")
    page.get_by_role("heading", name="Trends", exact=True).wait_for()
    expect(page.get_by_text("Signed in as pm@example.com")).to_be_visible()
    assert page.get_by_text("Demo mode").count() == 0
    shot(page, "signed-in-pm")
    page.goto(f"{signed_app}/import")
    settle(page)
    page.get_by_text("Page not found").first.wait_for()


def test_agent_group_maps_to_agent_role(page, signed_app) -> None:
    _sign_in(page, signed_app, "agent@example.com")
    page.get_by_role("heading", name="Log an observation").wait_for()
    assert page.get_by_role("link", name="Trends").count() == 0
    # The agent id comes from the sign-in and cannot be changed.
    # (expect() waits: the page may still be finishing the rerun that follows sign-in.)
    expect(page.get_by_role("textbox", name="You (agent id)")).to_have_value("agent@example.com", timeout=15_000)
