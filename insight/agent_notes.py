"""An agent's own notes, each with where it went and what is being done about it (the My notes page)."""

from __future__ import annotations

from dataclasses import dataclass

from insight.records import Note, decision_key
from insight.store import Store
from insight.store import note_views as views_sql
from insight.store import notes as notes_sql


@dataclass(frozen=True)
class MyNote:
    """One of an agent's notes, with where it went and what is being done about it."""

    note: Note
    topic_status: str | None
    topic_owner: str | None
    status_note: str | None


def notes_by_agent(store: Store, agent_id: str, *, limit: int = 500) -> list[MyNote]:
    """An agent's notes, newest first, each with its topic and that topic's status, owner and note."""
    with store.read() as con:
        rows = views_sql.notes_of_agent(con, agent_id, limit)
    out = []
    for row in rows:
        *note_row, status, owner, status_note = row
        out.append(MyNote(notes_sql.row_to_note(tuple(note_row)), status, owner, status_note))
    return out


def updates_on(mine: list[MyNote], limit: int = 6) -> list[list[MyNote]]:
    """What is being done about what an agent reported: their notes grouped by decision, newest first.

    Only notes in a topic that moved past "new" count. A PM who set the same status, owner and note on the
    sibling topics of one need made one decision, so the agent reads it once; topics without a note are one
    group each. Each group keeps the agent's notes in the order given (newest first).
    """
    groups: dict[tuple, list[MyNote]] = {}
    for m in mine:
        if m.note.topic_id is None or m.topic_status in (None, "new"):
            continue
        key = decision_key(m.topic_status, m.topic_owner, m.status_note, m.note.topic_id)
        groups.setdefault(key, []).append(m)
    return list(groups.values())[:limit]
