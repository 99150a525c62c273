"""An agent reads each decision about what they reported once, even when the need sits in several topics."""

from __future__ import annotations

from datetime import datetime

from insight.agent_notes import MyNote, updates_on
from insight.records import Note

PLANNED = "Customers will choose their direct debit date in the app from the next billing release."


def _mine(note_id: int, topic_id: int | None, label: str, status: str | None, note: str | None) -> MyNote:
    n = Note(
        id=note_id,
        text=f"note {note_id}",
        created_at=datetime(2026, 11, 30 - note_id),
        agent_id="ana",
        team=None,
        channel=None,
        product=None,
        customer_segment=None,
        kind=None,
        source="test",
        tags=(),
        external_id=None,
        topic_id=topic_id,
        topic_label=label,
    )
    return MyNote(n, status, "product" if status not in (None, "new") else None, note)


def test_one_decision_on_sibling_topics_is_one_update_and_undecided_notes_are_none() -> None:
    mine = [  # newest first, as notes_by_agent gives them
        _mine(1, 10, "Move direct debit date", "planned", PLANNED),
        _mine(2, 11, "Change payment date", "planned", PLANNED),
        _mine(3, 20, "Roaming alerts", "investigating", None),
        _mine(4, 21, "Roaming charges", "investigating", None),  # no note: nothing says it is the same decision
        _mine(5, 30, "Login loop", "new", None),
        _mine(6, None, "", None, None),
        _mine(7, 10, "Move direct debit date", "planned", PLANNED),
    ]
    groups = updates_on(mine)
    assert [[m.note.id for m in g] for g in groups] == [[1, 2, 7], [3], [4]]
    assert groups[0][0].note.topic_label == "Move direct debit date"  # the card is named by the newest note
    assert len(updates_on(mine, limit=2)) == 2
