"""Generated demo notes as a mode you can leave: count them, remove exactly them, and remember it.

The demo notes are the ones stored with source ``demo`` (``ingest.demo`` writes them). Removing them
deletes those notes with their vectors and topic placements — nothing else — and records that the
demo was removed, so an empty default database is not seeded again. The caller refits the topics
afterwards (``needs_refit`` on the result): in the app that runs in the background, on the CLI at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from insight.settings import Settings
from insight.store import Store, cleanup
from insight.store import notes as notes_sql
from insight.store import runs as runs_sql

DEMO_SOURCE = "demo"
REMOVED_FLAG = "demo_removed"


@dataclass(frozen=True)
class DemoRemoval:
    """What removing the demo did: notes removed and left, and whether topics must be refitted."""

    removed: int
    remaining: int
    needs_refit: bool
    topics_cleared: bool

    @property
    def message(self) -> str:
        """One line for people."""
        if not self.removed:
            return "There were no demo notes to remove."
        if not self.remaining:
            left = "the database is now empty"
        else:
            left = (
                "1 note of your own remains" if self.remaining == 1 else f"{self.remaining:,} notes of your own remain"
            )
        then = (
            " Topics are being refitted on them."
            if self.needs_refit
            else " Topics will appear once there are enough notes."
            if self.topics_cleared
            else ""
        )
        return f"Removed {self.removed:,} generated demo notes; {left}.{then}"


def demo_note_count(store: Store) -> int:
    """How many stored notes are generated demo data; 0 for a fresh file."""
    if not store.exists():
        return 0
    with store.read() as con:
        return notes_sql.count_by_source(con, DEMO_SOURCE)


def note_count(store: Store) -> int:
    """How many notes are stored, demo or not."""
    if not store.exists():
        return 0
    with store.read() as con:
        return notes_sql.count_notes(con)


def demo_was_removed(store: Store) -> bool:
    """Whether someone removed the demo from this database (then it is never seeded again)."""
    if not store.exists():
        return False
    with store.read() as con:
        return cleanup.get_flag(con, REMOVED_FLAG) is not None


def remove_demo_notes(store: Store, settings: Settings) -> DemoRemoval:
    """Delete every generated demo note (and only those), in one transaction.

    When fewer than ``settings.min_notes_for_topics`` notes remain, the current topic run is retired
    (its topics were made of the removed notes); otherwise ``needs_refit`` asks the caller to refit.
    """
    with store.transaction() as con:
        removed = cleanup.delete_notes_from_source(con, DEMO_SOURCE)
        remaining = notes_sql.count_notes(con)
        cleanup.set_flag(con, REMOVED_FLAG, datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"))
        had_run = runs_sql.current_run(con) is not None
        enough = remaining >= settings.min_notes_for_topics
        if removed and had_run and not enough:
            cleanup.retire_current_run(con)
    return DemoRemoval(
        removed=removed,
        remaining=remaining,
        needs_refit=bool(removed) and enough,
        topics_cleared=bool(removed) and had_run and not enough,
    )
