"""ISO weeks (Monday start, UTC) and which week a command means when none is given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from insight.errors import EarshotError

_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Week:
    """One ISO week. ``start`` is Monday 00:00 UTC; ``end`` is the next Monday (exclusive)."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Week:
        """Read ``2025-W10`` (or ``2025W10``); raise :class:`EarshotError` on anything else."""
        match = _WEEK_RE.match(text or "")
        if not match:
            raise EarshotError(f"{text!r} is not an ISO week; write it like 2025-W10.", title="Bad week")
        year, number = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError as exc:
            raise EarshotError(f"{year} has no week {number}.", title="Bad week") from exc
        return cls(year, number)

    @classmethod
    def containing(cls, moment: date | datetime) -> Week:
        """The ISO week a date or (UTC, naive) datetime falls in."""
        day = moment.date() if isinstance(moment, datetime) else moment
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        """The week's first day."""
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def start(self) -> datetime:
        """Monday 00:00 (naive UTC, as notes store ``created_at``)."""
        return datetime.combine(self.monday, datetime.min.time())

    @property
    def end(self) -> datetime:
        """The next Monday 00:00: notes of this week have ``created_at < end``."""
        return self.start + timedelta(days=7)

    @property
    def label(self) -> str:
        """``2025-W10``."""
        return f"{self.year}-W{self.number:02d}"

    def shift(self, weeks: int) -> Week:
        """The week ``weeks`` later (negative: earlier)."""
        return Week.containing(self.monday + timedelta(weeks=weeks))

    def previous(self, count: int) -> list[Week]:
        """The ``count`` weeks before this one, oldest first."""
        return [self.shift(-k) for k in range(count, 0, -1)]

    def __str__(self) -> str:
        return self.label


def default_week(today: date, latest_note: datetime | None) -> Week:
    """The week a report is about when none is asked for.

    The latest *complete* ISO week up to ``today`` (the week before the one containing today); if the
    data ends earlier, the last week that contains a note instead.
    """
    last_complete = Week.containing(today).shift(-1)
    if latest_note is None:
        return last_complete
    return min(last_complete, Week.containing(latest_note))


def week_range(first: Week, last: Week) -> list[Week]:
    """Every week from ``first`` to ``last`` inclusive (empty if ``last`` is earlier)."""
    weeks = []
    current = first
    while current <= last:
        weeks.append(current)
        current = current.shift(1)
    return weeks
