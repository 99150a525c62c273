"""The Topic page's Manage tab: status (with the note agents see), owner, rename, merge, lineage.

Each form calls one function of the topics service (``insight.topics``) and refreshes the cached reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from insight.errors import EarshotError
from insight.records import OWNER_TEAMS, TOPIC_STATUSES, LineageEvent
from insight.store import Store
from insight.topics import merge_topics, rename_topic, set_topic_owner, set_topic_status, topic_names
from insight.topics.records import TopicSummary
from ui import data, render, resources

EVENTS = {
    "birth": "🐣 born",
    "continue": "➡️ continued",
    "merge": "🔀 merged",
    "split": "✂️ split",
    "death": "🪦 ended",
    "pm-merge": "🔀 merged by a PM",
}


def _run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    try:
        fn(*args, **kwargs)
    except EarshotError as exc:
        render.show_error(exc)
        return False
    data.changed()
    return True


def manage_topic(
    store: Store,
    info: TopicSummary,
    labels: dict[int, str],
    lineage: Sequence[LineageEvent],
    *,
    can_edit: bool,
) -> None:
    """Render the status, owner, rename and merge forms (read-only for people who may not edit) and lineage."""
    if not can_edit:
        st.caption("Only product managers and admins can change a topic.")
    topic_id = info.topic_id
    left, right = st.columns(2)
    with left.form(f"status-{topic_id}"):
        st.write("**Status** — agents see it, with the note, on *My notes*.")
        current = info.status or "new"
        status = st.segmented_control(
            "Status", TOPIC_STATUSES, default=current, format_func=render.status_word, key=f"status-value-{topic_id}"
        )
        note = st.text_area(
            "Note for agents",
            value=info.status_note or "",
            placeholder="e.g. Planned for the March release.",
            key=f"status-note-{topic_id}",
        )
        if st.form_submit_button("Save status", disabled=not can_edit, type="primary") and _run(
            set_topic_status, store, topic_id, status or current, note=note or None, redactor=resources.get_redactor()
        ):
            st.toast(f"Status set to {status}.")
            st.rerun()
    with right.form(f"owner-{topic_id}"):
        st.write("**Owner team**")
        owner = st.selectbox(
            "Owner",
            OWNER_TEAMS,
            index=OWNER_TEAMS.index(info.owner) if info.owner in OWNER_TEAMS else None,
            placeholder="Nobody yet",
            key=f"owner-value-{topic_id}",
        )
        if (
            st.form_submit_button("Save owner", disabled=not can_edit)
            and owner
            and _run(set_topic_owner, store, topic_id, owner)
        ):
            st.toast(f"Owner set to {owner}.")
            st.rerun()
    left, right = st.columns(2)
    with left.form(f"rename-{topic_id}"):
        st.write("**Rename**")
        name = st.text_input("New name", value=info.label, max_chars=120, key=f"rename-value-{topic_id}")
        if (
            st.form_submit_button("Rename", disabled=not can_edit)
            and name.strip()
            and name != info.label
            and _run(rename_topic, store, topic_id, name.strip(), redactor=resources.get_redactor())
        ):
            st.toast("Renamed.")
            st.rerun()
    with right.form(f"merge-{topic_id}"):
        st.write("**Merge into another topic** — its notes then count there.")
        others = [tid for tid in labels if tid != topic_id]
        target = st.selectbox(
            "Merge into",
            others,
            index=None,
            format_func=labels.__getitem__,
            placeholder="Pick a topic",
            key=f"merge-value-{topic_id}",
        )
        if (
            st.form_submit_button("Merge", disabled=not can_edit)
            and target is not None
            and _run(merge_topics, store, topic_id, target)
        ):
            st.toast(f"Merged into {render.escape_markdown(labels[target])}.")
            st.rerun()
    st.write("**Lineage** — what refits and PMs did to this topic")
    if not lineage:
        st.caption("No refit has changed this topic yet.")
        return
    names = data.cached(topic_names, store)  # ended and merged topics too: lineage is about them
    frame = render.notes_frame(
        {
            "When": e.created_at,
            "Run": e.run_id,
            "What happened": EVENTS.get(e.event, e.event),
            "Related topics": ", ".join(names.get(t, f"Topic {t}") for t in e.related_topic_ids),
            "Overlap": f"{e.overlap:.0%} of its notes" if e.overlap is not None else "",
        }
        for e in lineage
    )
    st.dataframe(
        frame,
        hide_index=True,
        column_config={"When": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")},
    )
