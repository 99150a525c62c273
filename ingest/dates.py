"""Dates are decided per file: one reading of ``03/04/2025`` for every row, from all of the file's dates.

Guessing row by row read ``26/11/2026`` day-first and ``11/26/2026`` month-first from one file, and
``01/11/2026`` as 11 January in a day-first file. Instead, :class:`DateEvidence` looks at every
slash date of the file first (the import reads the file once before storing anything):

* a first number above 12 proves day-first (``26/11/2026``), a second one above 12 proves month-first;
* evidence one way only decides the file; evidence both ways is decided by the clear majority and
  the minority rows are rejected as rows (naming the format the file was read in);
* no evidence at all (every slash date could be either) is refused unless the ``date_format``
  setting or ``--date-format`` decides it — the message says so.

Dates written ``2025-03-04``, ``04.03.2025`` (dotted: always day-first), ``4 Mar 2025``, epoch
numbers or typed workbook dates are never ambiguous and need no decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from insight.errors import InputError

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
_ALIASES = {
    "day-first": DAY_FIRST,
    "dayfirst": DAY_FIRST,
    "dmy": DAY_FIRST,
    "dd/mm/yyyy": DAY_FIRST,
    "month-first": MONTH_FIRST,
    "monthfirst": MONTH_FIRST,
    "mdy": MONTH_FIRST,
    "mm/dd/yyyy": MONTH_FIRST,
}
_SLASH = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")


def normalise_format(value: str | None) -> str | None:
    """``None`` for automatic; ``day-first`` / ``month-first``; or a strptime pattern (contains ``%``).

    Raises:
        InputError: anything else, naming the accepted values.
    """
    text = (value or "").strip()
    if not text or text.lower() == "auto":
        return None
    if "%" in text:
        return text
    found = _ALIASES.get(text.lower())
    if found is None:
        raise InputError(
            f"--date-format {text!r} is not a date format Earshot knows. Use day-first (03/04/2025 is 3 April), "
            "month-first (03/04/2025 is 4 March), or a strptime pattern such as %d/%m/%Y.",
            title="Bad date format",
        )
    return found


@dataclass
class DateEvidence:
    """Counts of the file's slash dates that prove day-first, prove month-first, or prove nothing."""

    day_first: int = 0
    month_first: int = 0
    ambiguous: int = 0
    example: str | None = None

    def add(self, value: object) -> None:
        """Look at one raw ``created_at`` value (anything that is not a slash date is ignored)."""
        if not isinstance(value, str):
            return
        match = _SLASH.match(value)
        if match is None:
            return
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 and second <= 12:
            self.day_first += 1
        elif second > 12 and first <= 12:
            self.month_first += 1
        elif first <= 12 and second <= 12:
            self.ambiguous += 1
            self.example = self.example or match.group(0).strip()

    @property
    def total(self) -> int:
        """Slash dates seen."""
        return self.day_first + self.month_first + self.ambiguous


@dataclass(frozen=True)
class DateDecision:
    """How one file's dates are read: ``order`` is ``None`` (nothing to decide), a named order or a pattern."""

    order: str | None
    note: str | None  # for the summary


def decide(evidence: DateEvidence, configured: str | None, file_name: str) -> DateDecision:
    """Decide how a file's slash dates are read.

    Args:
        evidence: what the file's dates show.
        configured: ``--date-format`` or the ``date_format`` setting, normalised (``None`` = auto).
        file_name: for messages.

    Raises:
        InputError: the file's dates are ambiguous (or split evenly) and nothing configured decides it.
    """
    if configured is not None:
        how = configured if "%" in configured else configured.replace("-", " ")
        return DateDecision(configured, f"read as {how} (--date-format / EARSHOT_DATE_FORMAT)")
    if evidence.total == 0:
        return DateDecision(None, None)
    day, month = evidence.day_first, evidence.month_first
    if day and month and max(day, month) < 3 * min(day, month):
        raise InputError(
            f"{file_name} mixes day-first dates ({day:,} like 26/11/2026) and month-first dates ({month:,} like "
            "11/26/2026), so there is no telling how to read the rest. Fix the dates, or run again with "
            "--date-format day-first or --date-format month-first (the Import page has the same choice); rows in "
            "the other format will then be rejected.",
            title="Dates in two formats",
        )
    if day > month:
        return DateDecision(
            DAY_FIRST, f"read day-first (dd/mm/yyyy): {day:,} of {evidence.total:,} slash dates have a day above 12"
        )
    if month > day:
        return DateDecision(
            MONTH_FIRST,
            f"read month-first (mm/dd/yyyy): {month:,} of {evidence.total:,} slash dates have a day above 12",
        )
    raise InputError(
        f"{file_name}: dates like {evidence.example} could be day-first ({_spell(evidence.example, True)}) or "
        f"month-first ({_spell(evidence.example, False)}), and none of its {evidence.total:,} dates decides it. "
        "Run again with --date-format day-first or --date-format month-first (or choose it on the Import page, or "
        "set EARSHOT_DATE_FORMAT).",
        title="Ambiguous dates",
    )


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _spell(example: str | None, day_first: bool) -> str:
    match = _SLASH.match(example or "")
    if match is None:
        return "?"
    a, b = int(match.group(1)), int(match.group(2))
    day, month = (a, b) if day_first else (b, a)
    return f"{day} {_MONTHS[month - 1]}"
