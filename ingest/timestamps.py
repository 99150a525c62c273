"""Reading one creation time: datetimes, dates, epoch numbers and the common written forms, as naive UTC.

How a whole file's ambiguous dates (``03/04/2025``) are read is decided once per file by :mod:`ingest.dates`
and passed in as ``order``.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta

from ingest.cells import JUNK, as_text, quote_value
from insight.records import Problem

# Candidate formats by the separators a value contains, so an unreadable value costs a handful of
# strptime calls rather than a hundred (a file whose every date is unreadable must stay fast).
_DATES_BY_MARK: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("/", ("%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y", "%Y/%m/%d")),
    (".", ("%d.%m.%Y", "%d.%m.%y", "%Y.%m.%d")),
    ("-", ("%Y-%m-%d", "%d-%b-%Y", "%d-%b-%y")),
    (" ", ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%a %d %b %Y", "%A %d %B %Y")),
)
_AMPM = re.compile(r"\d\s*[ap]\.?m\.?$", re.I)
# A trailing zone: "Z"/"UTC"/"GMT" after a digit or space, or an offset after a space or a time
# ("14:05 +0100", "14:05:00-05:00"), never the "-2025" of "04-Mar-2025".
_ZONE = re.compile(
    r"\s*(?:(?<=[\s\d])(?P<utc>Z|UTC|GMT)|(?:(?<=\s)|(?<=:\d\d))(?:UTC|GMT)?"
    r"(?P<sign>[+-])(?P<hh>\d{2}):?(?P<mm>\d{2}))$",
    re.I,
)
_EPOCH = re.compile(r"^[0-9]{9,10}(\.[0-9]+)?$")
_EPOCH_MS = re.compile(r"^[0-9]{12,13}$")


def to_naive_utc(moment: datetime) -> datetime:
    """An aware datetime converted to UTC without its zone; a naive one is taken as UTC already."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _from_epoch(seconds: float) -> datetime | None:
    if seconds >= 1e11:  # 1e11 s is the year 5138: a value this big is milliseconds
        seconds /= 1000
    if not seconds >= 1e8:  # before 1973 (or NaN): a count or a spreadsheet serial, not a timestamp
        return None
    return datetime(1970, 1, 1) + timedelta(seconds=seconds)


_SLASH_BY_ORDER: dict[str | None, tuple[str, ...]] = {
    None: ("%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y", "%Y/%m/%d"),
    "day-first": ("%d/%m/%Y", "%d/%m/%y", "%Y/%m/%d"),
    "month-first": ("%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d"),
}


def _slash_formats(order: str | None) -> tuple[str, ...]:
    if order in _SLASH_BY_ORDER:
        return _SLASH_BY_ORDER[order]
    # an explicit pattern that did not match: other slash dates follow the order the pattern implies
    assert order is not None
    month_first = 0 <= order.find("%m") < order.find("%d")
    return _SLASH_BY_ORDER["month-first" if month_first else "day-first"]


def _parse_string(text: str, order: str | None = None) -> datetime | None:
    if order and "%" in order:  # an explicit pattern (--date-format) wins over every guess
        try:
            return to_naive_utc(datetime.strptime(text, order))
        except ValueError:
            pass
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    if _EPOCH_MS.match(text):
        return _from_epoch(int(text))
    try:
        return to_naive_utc(datetime.fromisoformat(text))  # ISO 8601, incl. "Z", offsets, "2025-03-04 14:05"
    except ValueError:
        pass
    offset = None
    zone = _ZONE.search(text)
    if zone:
        if not zone["utc"]:
            minutes = int(zone["hh"]) * 60 + int(zone["mm"])
            offset = timedelta(minutes=minutes if zone["sign"] == "+" else -minutes)
        else:
            offset = timedelta(0)
        text = text[: zone.start()]
    text = " ".join(text.replace(",", " ").split())
    if len(text) > 64 or not any(ch.isdigit() for ch in text):
        return None
    # Slashes read month first ("03/04/2025" is 4 March) unless the first number cannot be a month;
    # dotted dates read day first, as they are written in Europe.
    slash = _slash_formats(order)
    dates = [f for mark, formats in _DATES_BY_MARK if mark in text for f in (slash if mark == "/" else formats)]
    if _AMPM.search(text):
        text = re.sub(r"([ap])\.?m\.?$", r"\1m", text, flags=re.I)
        times: tuple[str, ...] = (" %I:%M %p", " %I:%M:%S %p", " %I%p", " %I %p")
    else:
        times = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f") if ":" in text else ("",)
    for date_format in dates:
        for time_format in times:
            try:
                moment = datetime.strptime(text, date_format + time_format)
            except ValueError:
                continue
            return moment - offset if offset is not None else moment
    return None


def parse_created_at(value: object, row: int | None = None, order: str | None = None) -> datetime | Problem | None:
    """Read a creation time as a naive UTC datetime; never raises.

    Accepts datetimes and dates (an aware one is converted to UTC, a naive one is taken as UTC),
    epoch seconds or milliseconds (numbers or digit strings, from 1973 on), ISO 8601 and common
    formats such as ``2025-03-04 14:05``, ``03/04/2025`` (month first), ``13/04/2025``, ``04.03.2025``,
    ``4 Mar 2025``, ``Mar 4, 2025 2:05 PM`` and ``Tue, 04 Mar 2025 14:05:00``, optionally followed
    by ``Z``/``UTC``/``GMT``/``+01:00``/``+0100``. ``order`` (``day-first``, ``month-first`` or a
    strptime pattern, decided per file by :mod:`ingest.dates`) fixes how ``03/04/2025`` is read.

    Returns:
        The datetime; ``None`` for an empty value (the caller uses "now"); or a ``Problem`` on
        ``created_at`` that quotes the value (40 characters at most).
    """
    try:
        if isinstance(value, datetime):
            return to_naive_utc(value)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if math.isnan(value):
                return None
            moment = _from_epoch(float(value))
            if moment is None:
                message = f"{quote_value(value)} is a number but not a timestamp; write the date"
                return Problem(row, "created_at", message)
            return moment
        text = as_text(value)
        if text is None or not text.strip():
            return None
        moment = _parse_string(" ".join(JUNK.sub("", text).split()), order)
    except (ValueError, OverflowError, OSError, TypeError, ArithmeticError):
        moment = None
    if moment is None:
        hint = "use a form like 2025-03-04 14:05 or 2025-03-04T14:05:00+01:00"
        if order:
            hint = f"this file's dates are read {order.replace('-', ' ')}, and this one is not a date that way"
        return Problem(row, "created_at", f"{quote_value(value)} is not a date Earshot can read; {hint}")
    return moment
