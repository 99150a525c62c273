"""Turn one raw row (file) or one submission (form, API) into a :class:`NoteDraft` or a list of problems.

Every field is checked and every problem is collected, so a person fixes a row once. Messages name
the field and say what to do; they never quote the note text, which may still hold personal data
(redaction comes after validation). Other values (a date, a channel) are quoted, cut to 40 characters.

Values are kept verbatim apart from cleanup: a cell like ``=SUM(A1)``, ``+44 20 7946 0958`` or
``-5% off`` is plain text here; exports escape formulas, nothing is ever evaluated.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

from ingest.columns import ColumnMapping, header_key
from insight.records import CHANNELS, KINDS, NOTE_FIELDS, NoteDraft, Problem
from insight.settings import Settings

SHORT_FIELD_MAX = 200  # agent, team, product, ids…: longer means the wrong column was mapped
_SHORT_FIELDS = ("agent_id", "team", "product", "customer_segment", "source", "external_id")

# Accepted spellings, matched after folding with ingest.columns.header_key (case, spaces, "-" and "_"
# ignored), so "Phone call", "phone_call" and "PHONE-CALL" are one variant.
CHANNEL_VARIANTS: dict[str, str] = {
    "phone": "phone, phone call, call, voice, telephone, tel, inbound call, outbound call, voicemail, call centre",
    "chat": "chat, live chat, web chat, in-app chat, messaging, sms, text message, whatsapp",
    "email": "email, e-mail, mail, emails",
    "social": "social, social media, twitter, x, facebook, instagram, linkedin, tiktok",
    "in-person": "in-person, walk-in, walkin, face to face, f2f, in store, store, branch, counter, visit",
    "other": "other, misc, miscellaneous",
}
KIND_VARIANTS: dict[str, str] = {
    "need": "need, request, question, enquiry, inquiry, customer need",
    # A bug report is, from the customer's side, a complaint about the product.
    "complaint": "complaint, bug, bug report, issue, problem, defect, incident",
    "idea": "idea, feature request, feature, suggestion, enhancement, improvement, wish",
    "praise": "praise, compliment, kudos, positive feedback, thanks",
    "churn-risk": "churn-risk, churn, cancel risk, cancellation, cancel, at risk, retention",
    "upsell": "upsell, upgrade, cross-sell, sales opportunity, sales lead",
    "other": "other, misc, miscellaneous, general",
}
_CHANNEL_LOOKUP = {header_key(v): k for k, vs in CHANNEL_VARIANTS.items() for v in vs.split(", ")}
_KIND_LOOKUP = {header_key(v): k for k, vs in KIND_VARIANTS.items() for v in vs.split(", ")}

# --- text cleanup --------------------------------------------------------------------------------

# NUL and every C0/C1 control character except tab and newline; lone surrogates (JSON can carry
# them, the database cannot store them); zero-width space and BOM left in the middle of a text.
_JUNK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u200b\ufeff]")
_SPACES = re.compile(r"[^\S\n\t]+")  # any run of whitespace but newline and tab (NBSP and friends too)
_TRAILING = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value: str) -> str:
    """Tidy free text: NFC, CR/LF to LF, control characters and NUL removed, spaces collapsed, trimmed.

    Newlines and tabs stay; runs of spaces become one, at most one blank line is kept between
    paragraphs, so the same note pasted twice with different spacing dedupes and embeds the same.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _SPACES.sub(" ", _JUNK.sub("", text))
    text = _BLANK_LINES.sub("\n\n", _TRAILING.sub("\n", text))
    return unicodedata.normalize("NFC", text).strip()


def _as_text(value: object) -> str | None:
    """A raw cell as a string, or ``None`` for an empty cell (None, NaN, blank)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # a spreadsheet id 12345 arrives as 12345.0
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _one_line(value: object) -> str | None:
    text = _as_text(value)
    if text is None:
        return None
    return " ".join(clean_text(text).split()) or None


def _quote(value: object, limit: int = 40) -> str:
    text = " ".join(_JUNK.sub("", str(value)).split())
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


class _Problems(list[Problem]):
    """The problems found in one row; ``add`` fills in the row number."""

    def __init__(self, row: int | None) -> None:
        super().__init__()
        self.row = row

    def add(self, field: str, message: str) -> None:
        self.append(Problem(self.row, field, message))


# --- dates ---------------------------------------------------------------------------------------

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


def _to_naive_utc(moment: datetime) -> datetime:
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
            return _to_naive_utc(datetime.strptime(text, order))
        except ValueError:
            pass
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    if _EPOCH_MS.match(text):
        return _from_epoch(int(text))
    try:
        return _to_naive_utc(datetime.fromisoformat(text))  # ISO 8601, incl. "Z", offsets, "2025-03-04 14:05"
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
            return _to_naive_utc(value)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if math.isnan(value):
                return None
            moment = _from_epoch(float(value))
            if moment is None:
                return Problem(row, "created_at", f"{_quote(value)} is a number but not a timestamp; write the date")
            return moment
        text = _as_text(value)
        if text is None or not text.strip():
            return None
        moment = _parse_string(" ".join(_JUNK.sub("", text).split()), order)
    except (ValueError, OverflowError, OSError, TypeError, ArithmeticError):
        moment = None
    if moment is None:
        hint = "use a form like 2025-03-04 14:05 or 2025-03-04T14:05:00+01:00"
        if order:
            hint = f"this file's dates are read {order.replace('-', ' ')}, and this one is not a date that way"
        return Problem(row, "created_at", f"{_quote(value)} is not a date Earshot can read; {hint}")
    return moment


# --- choices and tags ----------------------------------------------------------------------------


def _choice(
    value: object, field: str, lookup: Mapping[str, str], allowed: tuple[str, ...], problems: _Problems
) -> str | None:
    text = _one_line(value)
    if text is None:
        return None
    found = lookup.get(header_key(text))
    if found is None:
        problems.add(field, f"{_quote(text)} is not a {field} Earshot knows; use one of: {', '.join(allowed)}")
    return found


_TAG_SPLIT = re.compile(r"[,;|\n]")


def parse_tags(value: object) -> tuple[str, ...]:
    """Read tags from ``"billing; urgent"``, ``"billing,urgent"``, a JSON list or a list.

    Tags are trimmed, lower-cased, inner whitespace collapsed, and de-duplicated in order; a tag
    never holds ``, ; |`` or a newline, so ``parse_tags(format_tags(t)) == t`` for any parsed ``t``.
    """
    items: list[object]
    if isinstance(value, (list, tuple)):
        items = list(value)
    else:
        text = _as_text(value)
        if text is None:
            return ()
        items = [text]
        if text.lstrip().startswith("["):
            try:
                decoded = json.loads(text)
            except (ValueError, RecursionError):
                decoded = None
            if isinstance(decoded, list):
                items = decoded
    tags: dict[str, None] = {}
    for item in items:
        text = _as_text(item)
        for part in _TAG_SPLIT.split(text or ""):
            tag = " ".join(clean_text(part).split()).lower()
            if tag:
                tags[tag] = None
    return tuple(tags)


def format_tags(tags: tuple[str, ...]) -> str:
    """Write tags as one cell, ``"billing; urgent"`` (the inverse of :func:`parse_tags`)."""
    return "; ".join(tags)


# --- rows and notes ------------------------------------------------------------------------------


def validate_row(
    raw: Mapping[str, object],
    row: int | None,
    mapping: ColumnMapping,
    settings: Settings,
    now: datetime,
    default_source: str,
    *,
    date_order: str | None = None,
    default_date: datetime | None = None,
) -> NoteDraft | list[Problem]:
    """Validate one row read from a file.

    Args:
        raw: original column name -> raw value, as a reader yields it.
        row: the row number, for problems and the draft.
        mapping: which column feeds which field; every other non-empty cell becomes an extra attribute.
        settings: note length and future-date limits.
        now: the current time, naive UTC (also the default ``created_at``).
        default_source: ``source`` when the row has none (e.g. ``"import"``).
        date_order: how this file's slash dates are read (decided per file, see :mod:`ingest.dates`).
        default_date: ``created_at`` for a row without one (default: ``now``).

    Returns:
        The draft, or every problem found in the row.
    """
    oversized = _oversized_cells(raw, row, settings.import_max_cell_chars)
    if oversized:
        return oversized
    fields = {field: raw.get(column) for field, column in mapping.fields.items()}
    used = set(mapping.fields.values())
    extra = {str(column): value for column, value in raw.items() if column not in used}
    return _validate(fields, extra, row, settings, now, default_source, date_order, default_date)


def _oversized_cells(raw: Mapping[str, object], row: int | None, limit: int) -> list[Problem]:
    """A problem for every cell longer than ``limit`` characters (checked first: nothing else reads them)."""
    problems = []
    for column, value in raw.items():
        if isinstance(value, str):
            size = len(value)
        elif isinstance(value, (list, dict)):
            size = len(_as_text(value) or "")
        else:
            size = 0
        if size > limit:
            problems.append(
                Problem(row, str(column)[:40], f"holds {size:,} characters; the limit is {limit:,} per cell "
                        "(EARSHOT_IMPORT_MAX_CELL_CHARS) — is a file pasted into it?")
            )
    return problems


def validate_note(
    fields: Mapping[str, object], settings: Settings, now: datetime, default_source: str = "app"
) -> NoteDraft | list[Problem]:
    """Validate one note from the app form or the API.

    Args:
        fields: values by note field name (see ``insight.records.NOTE_FIELDS``); ``text`` is required.
            Custom attributes go under ``"extra"`` as a mapping; any other unknown key is a problem.
        settings: note length and future-date limits.
        now: the current time, naive UTC (also the default ``created_at``).
        default_source: ``source`` when none is given.

    Returns:
        The draft (``row`` is ``None``), or every problem found.
    """
    problems = _Problems(None)
    for key in fields:
        if key not in NOTE_FIELDS and key != "extra":
            problems.add(str(key), f"is not a note field; use one of: {', '.join(NOTE_FIELDS)} (or put it in 'extra')")
    extra = fields.get("extra") or {}
    if not isinstance(extra, Mapping):
        problems.add("extra", "must be a mapping of attribute names to values")
        extra = {}
    result = _validate(
        {k: v for k, v in fields.items() if k in NOTE_FIELDS}, extra, None, settings, now, default_source
    )
    if problems:
        return [*problems, *(result if isinstance(result, list) else [])]
    return result


def _validate(
    fields: Mapping[str, object],
    extra: Mapping[object, object],
    row: int | None,
    settings: Settings,
    now: datetime,
    default_source: str,
    date_order: str | None = None,
    default_date: datetime | None = None,
) -> NoteDraft | list[Problem]:
    problems = _Problems(row)
    now = _to_naive_utc(now)
    text = _check_text(fields.get("text"), settings, problems)
    created = parse_created_at(fields.get("created_at"), row, date_order)
    if isinstance(created, Problem):
        problems.append(created)
        created = None
    elif created is not None and created > now + timedelta(minutes=settings.max_future_minutes):
        ahead = _minutes(settings.max_future_minutes)
        problems.add(
            "created_at",
            f"{_quote(fields.get('created_at'))} is more than {ahead} in the future; check the date "
            "(times without an offset are read as UTC)",
        )
    short: dict[str, str | None] = {}
    for name in _SHORT_FIELDS:
        short[name] = value = _one_line(fields.get(name))
        if value is not None and len(value) > SHORT_FIELD_MAX:
            problems.add(
                name, f"is {len(value):,} characters; the limit is {SHORT_FIELD_MAX} — is it the right column?"
            )
    channel = _choice(fields.get("channel"), "channel", _CHANNEL_LOOKUP, CHANNELS, problems)
    kind = _choice(fields.get("kind"), "kind", _KIND_LOOKUP, KINDS, problems)
    if problems:
        return list(problems)
    attributes = tuple((str(k), v) for k, v in ((k, _extra_value(v)) for k, v in extra.items()) if v is not None)
    return NoteDraft(
        text=text,
        created_at=created or default_date or now,
        channel=channel,
        kind=kind,
        tags=parse_tags(fields.get("tags")),
        extra=attributes,
        row=row,
        source=short.pop("source") or default_source,
        **short,
    )


def _check_text(value: object, settings: Settings, problems: _Problems) -> str:
    if isinstance(value, (dict, list)):
        problems.add("text", "must be plain text, not a JSON object or list")
        return ""
    text = clean_text(_as_text(value) or "")
    if not text:
        problems.add("text", "is empty; every note needs some text")
    elif len(text) < settings.note_min_chars:
        problems.add("text", f"is {len(text)} characters; the minimum is {settings.note_min_chars} — add a few words")
    elif len(text) > settings.note_max_chars:
        limit = settings.note_max_chars
        problems.add("text", f"is {len(text):,} characters; the limit is {limit:,} — split it or trim it")
    return text


def _extra_value(value: object) -> str | None:
    text = _as_text(value)
    return clean_text(text) or None if text is not None else None


def _minutes(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
