"""Per-session memory (``st.session_state``), behind small named helpers so pages never touch it directly."""

from __future__ import annotations

from typing import Any

import streamlit as st

AGENT_KEY = "agent_id"
TEAM_KEY = "agent_team"
TOPIC_KEY = "selected_topic_id"


def remember(key: str, value: Any) -> None:
    """Keep a value for this session (e.g. the last saved note, to show it after the rerun)."""
    st.session_state[f"_mem_{key}"] = value


def recall(key: str, default: Any = None) -> Any:
    """A value kept with :func:`remember`."""
    return st.session_state.get(f"_mem_{key}", default)


def forget(key: str) -> None:
    """Drop a remembered value."""
    st.session_state.pop(f"_mem_{key}", None)


def clear_inputs(*keys: str) -> None:
    """Empty text widgets on the next run (e.g. the note box after a successful save).

    Removing a widget's key is not enough: the browser keeps showing what was typed. Its value is set
    to "" before the widget is drawn again (:func:`apply_cleared_inputs`), which the browser does show.
    """
    st.session_state["_clear_inputs"] = [*st.session_state.get("_clear_inputs", []), *keys]


def apply_cleared_inputs() -> None:
    """Empty the widgets :func:`clear_inputs` named; called at the start of every run, before any page."""
    for key in st.session_state.pop("_clear_inputs", []):
        st.session_state[key] = ""


def agent_identity() -> tuple[str, str]:
    """The agent id and team this session logs notes as ('' when not set yet)."""
    return st.session_state.get(AGENT_KEY, ""), st.session_state.get(TEAM_KEY, "")


def set_agent_default(agent_id: str, team: str | None) -> None:
    """Pre-fill the agent identity once per session (the signed-in e-mail, or a demo agent)."""
    if not st.session_state.get(AGENT_KEY):
        st.session_state[AGENT_KEY] = agent_id
        if team and not st.session_state.get(TEAM_KEY):
            st.session_state[TEAM_KEY] = team


def _copy(widget_key: str, target: str) -> None:
    st.session_state[target] = st.session_state.get(widget_key) or ""


def agent_inputs(teams: tuple[str, ...], locked: bool) -> tuple[str, str]:
    """The 'who am I' inputs; ``locked`` when the id comes from sign-in.

    The identity lives under its own session keys (not the widgets'), so it survives page switches.
    """
    agent, team = agent_identity()
    left, right = st.columns(2)
    left.text_input(
        "You (agent id)",
        value=agent,
        key="agent-id-input",
        disabled=locked,
        help="Remembered for this session.",
        on_change=_copy,
        args=("agent-id-input", AGENT_KEY),
    )
    options = sorted({*teams, *([team] if team else [])})
    right.selectbox(
        "Team",
        options,
        index=options.index(team) if team in options else None,
        key="agent-team-input",
        accept_new_options=True,
        placeholder="Your team",
        on_change=_copy,
        args=("agent-team-input", TEAM_KEY),
    )
    return agent_identity()


def selected_topic() -> int | None:
    """The topic this session has open (from a chart click, a link or the picker)."""
    raw = st.query_params.get("topic")
    if raw is not None and str(raw).lstrip("-").isdigit():
        st.session_state[TOPIC_KEY] = int(raw)
    return st.session_state.get(TOPIC_KEY)


def open_topic(topic_id: int, page: Any) -> None:
    """Remember the topic and go to the Topic page."""
    st.session_state[TOPIC_KEY] = int(topic_id)
    st.switch_page(page, query_params={"topic": str(int(topic_id))})


def select_topic(topic_id: int | None) -> None:
    """Remember the topic picked on the Topic page (and put it in the URL, so it can be shared)."""
    if topic_id is None:
        st.session_state.pop(TOPIC_KEY, None)
        st.query_params.pop("topic", None)
    else:
        st.session_state[TOPIC_KEY] = int(topic_id)
        st.query_params["topic"] = str(int(topic_id))


PICKER_KEY = "topic-pick"


def _picked(widget_key: str) -> None:
    select_topic(st.session_state.get(widget_key))


def topic_picker(labels: dict[int, str], wanted: int | None) -> int:
    """The Topic page's picker: shows ``wanted`` (from a link or a chart click), and a pick applies at once.

    One stable widget key, whose value is set *before* the widget is drawn whenever the wanted topic
    changed elsewhere (a link, a click on Trends). A key that embedded the wanted id made every first
    pick create a different widget on the next run, so the pick was dropped and the page stayed put.
    """
    ids = list(labels)
    target = wanted if wanted in labels else ids[0]
    if st.session_state.get(PICKER_KEY) != target:
        st.session_state[PICKER_KEY] = target
    if wanted != target:
        select_topic(target)
    return st.selectbox(
        "Topic", ids, format_func=labels.__getitem__, key=PICKER_KEY, on_change=_picked, args=(PICKER_KEY,)
    )
