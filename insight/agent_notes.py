"""An agent's own notes, each with where it went and what is being done about it (the My notes page)."""

from __future__ import annotations

from dataclasses import dataclass

from insight.records import Note
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
