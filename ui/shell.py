"""The app around the pages: settings, sign-in, first-run seeding, the demo banner and navigation.

A page a role may not see is not registered with ``st.navigation`` at all, so a deep link to it
shows Streamlit's "Page not found" instead of the page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from insight.errors import EarshotError
from ui import auth, demo, refit, render, resources, state

log = logging.getLogger("ui.shell")


@dataclass(frozen=True)
class PageSpec:
    """One page: its module, title, icon, URL, navigation section and the roles that may open it."""

    path: str
    title: str
    icon: str
    url_path: str
    section: str
    roles: tuple[str, ...]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("app_pages/log_note.py", "Log an observation", ":material/edit_note:", "log", "Agents", ("agent",)),
    PageSpec("app_pages/my_notes.py", "My notes", ":material/history:", "my-notes", "Agents", ("agent",)),
    PageSpec("app_pages/trends.py", "Trends", ":material/trending_up:", "trends", "Insights", ("pm", "leader")),
    PageSpec("app_pages/topic.py", "Topic", ":material/topic:", "topic", "Insights", ("pm", "leader")),
    PageSpec("app_pages/explore.py", "Explore", ":material/travel_explore:", "explore", "Insights", ("pm",)),
    PageSpec("app_pages/brief.py", "Weekly brief", ":material/summarize:", "brief", "Insights", ("pm", "leader")),
    PageSpec("app_pages/import_notes.py", "Import", ":material/upload_file:", "import", "Admin", ("admin",)),
    PageSpec(
        "app_pages/topics_admin.py", "Topics admin", ":material/model_training:", "topics-admin", "Admin", ("admin",)
    ),
    PageSpec("app_pages/deliveries.py", "API & deliveries", ":material/send:", "deliveries", "Admin", ("admin",)),
    PageSpec("app_pages/settings.py", "Settings in effect", ":material/tune:", "settings", "Admin", ("admin",)),
)
HOME: dict[str, str] = {"agent": "log", "pm": "trends", "leader": "brief", "admin": "trends"}


def allowed_pages(identity: auth.Identity) -> list[PageSpec]:
    """The pages this person may open, in menu order."""
    return [p for p in PAGES if any(identity.can(role) for role in p.roles)]


def home_page(identity: auth.Identity) -> PageSpec:
    """The page this person lands on at ``/`` (an admin's home is Trends, a leader's the brief…)."""
    specs = allowed_pages(identity)
    url = next((HOME[r] for r in auth.ROLES[::-1] if r in identity.roles and r in HOME), specs[0].url_path)
    return next(p for p in specs if p.url_path == url)


def link_role(url: str | None) -> str | None:
    """The role whose page a URL opens (``…/log`` → agent), for deep links in demo mode; ``None`` otherwise."""
    if not url:
        return None
    last = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    spec = next((p for p in PAGES if p.url_path == last), None)
    return spec.roles[0] if spec else None


def _navigation(identity: auth.Identity) -> st.navigation:
    specs = allowed_pages(identity)
    home = home_page(identity)
    pages = {spec.path: st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path) for spec in specs}
    sections: dict[str, list[st.Page]] = {}
    for spec in specs:
        sections.setdefault(spec.section, []).append(pages[spec.path])
    # Streamlit serves the default page at "/" only, so a home page marked default answered its own
    # link (/trends, /brief) with "Page not found". A hidden default running the same script keeps
    # every page at its own URL, and "/" keeps its query string (?demo_role=…).
    root = st.Page(home.path, title=home.title, icon=home.icon, url_path="home", default=True, visibility="hidden")
    sections.setdefault(home.section, []).append(root)
    return st.navigation(sections, position="sidebar")


def _single(screen, title: str) -> None:
    """One screen for every address (first-run welcome, sign-in): a link such as /trends opened meanwhile
    shows this screen, then its page once the app is ready, instead of "Page not found"."""
    at_every_url = [st.Page(screen, title=title, url_path=spec.url_path) for spec in PAGES]
    st.navigation(
        [st.Page(screen, title=title, url_path="welcome", default=True), *at_every_url], position="hidden"
    ).run()


def main() -> None:
    """Run one script pass: everything a page needs before it renders."""
    state.apply_cleared_inputs()
    try:
        settings = resources.get_settings()
        store = resources.get_store()
    except EarshotError as exc:
        render.show_error(exc)
        st.stop()
    if auth.auth_configured():
        identity = auth.current_identity()
        if identity is None:
            _single(auth.sign_in_screen, "Sign in")
            return
        if not identity.roles:
            _single(lambda: auth.no_role_screen(identity), "No access")
            return
        auth.sign_out_button(identity)
    else:
        auth.demo_role_picker(link_role(st.context.url))
        identity = auth.current_identity()
        assert identity is not None
    try:
        resources.warm_up()  # before seeding, pages or jobs: see ui.resources._embedder
        if demo.seeding_needed(store, settings):
            _single(lambda: demo.seeding_screen(store, settings), "Welcome")
            return
    except EarshotError as exc:
        render.show_error(exc)
        st.stop()
    refit.maybe_auto_refit(store, settings)
    with st.sidebar:
        st.caption("Earshot · voice of the agent")
    page = _navigation(identity)
    try:
        demo.removal_notice()
        demo.demo_banner(store, settings, can_remove=identity.can("admin"))
    except EarshotError as exc:  # e.g. a damaged database: one message, and no page on top of it
        render.show_error(exc)
        st.stop()
    try:
        page.run()
    except EarshotError as exc:
        render.show_error(exc)
    except Exception as exc:
        # Anything else still reaches a person as one clear message (the traceback goes to the log);
        # with error details switched on (development, tests) it is raised as it is.
        from streamlit import config

        if config.get_option("client.showErrorDetails") in ("full", "stacktrace", True):
            raise
        from insight.failures import explain

        log.exception("page failed")
        render.show_error(explain(exc))
