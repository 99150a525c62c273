"""Who is using the app and which pages they may open.

Without an ``[auth]`` section in ``.streamlit/secrets.toml`` the app runs in *demo mode*: a role
picker in the sidebar, clearly labelled. With one, people sign in through ``st.login`` (OIDC) and
their roles come from the ``[roles]`` section::

    [roles]
    default = "agent"                       # role of a signed-in person not listed below ("" = none)
    admin = ["ops@example.com"]
    pm = ["pm@example.com", "group:product"]  # "group:NAME" matches the token's groups claim
    leader = ["*@board.example.com"]          # "*@domain" matches a whole domain
    agent = ["*@example.com"]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

import streamlit as st

from ui.render import escape_markdown as escape

ROLES: tuple[str, ...] = ("agent", "pm", "leader", "admin")
ROLE_LABELS: dict[str, str] = {
    "agent": "Agent",
    "pm": "Product manager",
    "leader": "Leadership",
    "admin": "Admin",
}
DEMO_ROLE_KEY = "demo_role"
PICKER_ORDER: tuple[str, ...] = ("pm", "agent", "leader", "admin")


@dataclass(frozen=True)
class Identity:
    """The person at the keyboard: who, which roles, and how we know."""

    name: str
    email: str | None
    roles: tuple[str, ...]
    signed_in: bool
    demo: bool

    def can(self, role: str) -> bool:
        """Whether this person has ``role`` (admins have every role)."""
        return role in self.roles or "admin" in self.roles


def _secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file at all: demo mode
        return {}


def auth_configured() -> bool:
    """Whether an ``[auth]`` section exists in the secrets (then sign-in is required)."""
    return bool(_secrets().get("auth"))


def roles_for(email: str | None, groups: Iterable[str], config: Mapping[str, Any]) -> tuple[str, ...]:
    """The roles the ``[roles]`` section gives a person (in ``ROLES`` order).

    An entry matches the e-mail (case-insensitive, ``*`` wildcards allowed) or, written ``group:NAME``,
    one of the groups. Nobody listed gets ``default`` (if set).
    """
    email = (email or "").strip().lower()
    group_set = {str(g).strip().lower() for g in groups}
    found = []
    for role in ROLES:
        entries = config.get(role) or []
        if isinstance(entries, str):
            entries = [entries]
        for entry in entries:
            entry = str(entry).strip().lower()
            if entry.startswith("group:"):
                hit = entry.removeprefix("group:") in group_set
            else:
                hit = bool(email) and fnmatchcase(email, entry)
            if hit:
                found.append(role)
                break
    if not found:
        default = str(config.get("default") or "").strip().lower()
        if default in ROLES:
            found.append(default)
    return tuple(found)


def _user_groups(user: Any) -> list[str]:
    for claim in ("groups", "roles", "cognito:groups"):
        value = user.get(claim)
        if value:
            return [value] if isinstance(value, str) else list(value)
    return []


def current_identity() -> Identity | None:
    """The signed-in person (auth mode), the demo persona (demo mode), or ``None`` if nobody signed in."""
    if auth_configured():
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
        name = st.user.get("name") or email or "signed-in user"
        roles = roles_for(email, _user_groups(st.user), _secrets().get("roles", {}))
        return Identity(str(name), email, roles, signed_in=True, demo=False)
    role = st.session_state.get(DEMO_ROLE_KEY, "pm")
    return Identity(f"Demo {ROLE_LABELS[role].lower()}", None, (role,), signed_in=False, demo=True)


def parse_role(raw: object) -> str | None:
    """A role from a URL or a person: its key or its label, any case (``admin``, ``Admin``, ``product manager``)."""
    text = str(raw or "").strip().lower().replace("_", " ").replace("+", " ")
    for role, label in ROLE_LABELS.items():
        if text in (role, label.lower()):
            return role
    return None


def demo_role_picker(link_role: str | None = None) -> None:
    """The sidebar picker of demo mode (no sign-in configured).

    Bound to the URL (``?demo_role=admin``), so a reload or a shared link keeps the role. The URL value
    is read in any case (``admin`` or ``Admin``); without one, ``link_role`` — the role whose page a deep
    link such as ``/log`` opens — is chosen, so the link shows its page instead of "Page not found".
    """
    raw = st.query_params.get(DEMO_ROLE_KEY)
    wanted = parse_role(raw) if raw is not None else link_role
    if wanted is not None and DEMO_ROLE_KEY not in st.session_state:
        # Set before the widget exists: the binding only accepts the exact label, and drops anything else.
        st.session_state[DEMO_ROLE_KEY] = wanted
    with st.sidebar:
        st.selectbox(
            "View as (demo mode)",
            PICKER_ORDER,  # the default (PM) first: a non-zero default index plus a state write logs a warning
            format_func=ROLE_LABELS.__getitem__,
            key=DEMO_ROLE_KEY,
            bind="query-params",
            help="No sign-in is configured, so anyone can pick any role. Add an [auth] section to "
            ".streamlit/secrets.toml to require sign-in.",
        )
        st.caption("Demo mode — no sign-in configured.")


def sign_in_screen() -> None:
    """What a signed-out person sees when sign-in is required."""
    st.title("Earshot")
    st.write("Sign in to see what customers are telling your agents.")
    if st.button("Sign in", type="primary", icon=":material/login:"):
        st.login()


def no_role_screen(identity: Identity) -> None:
    """A signed-in person with no role in ``[roles]``."""
    st.title("No access yet")
    st.write(f"You are signed in as {escape(identity.email or identity.name)}, but no role is assigned to you.")
    st.write("Ask an administrator to add you to the [roles] section of the app's secrets.")
    if st.button("Sign out"):
        st.logout()


def sign_out_button(identity: Identity) -> None:
    """Sidebar: who is signed in, and a sign-out button."""
    with st.sidebar:
        st.caption(
            f"Signed in as {escape(identity.email or identity.name)} · "
            + ", ".join(ROLE_LABELS[r] for r in identity.roles)
        )
        if st.button("Sign out", icon=":material/logout:"):
            st.logout()
