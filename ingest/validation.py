"""Turn one raw row (file) or one submission (form, API) into a :class:`NoteDraft` or a list of problems.

Every field is checked and every problem is collected, so a person fixes a row once. Messages name
the field and say what to do; they never quote the note text, which may still hold personal data
(redaction comes after validation). Other values (a date, a channel) are quoted, cut to 40 characters.

Values are kept verbatim apart from cleanup: a cell like ``=SUM(A1)``, ``+44 20 7946 0958`` or
``-5% off`` is plain text here; exports escape formulas, nothing is ever evaluated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime, timedelta

from ingest.cells import as_text, clean_text, one_line, quote_value
from ingest.columns import ColumnMapping, header_key
from ingest.timestamps import parse_created_at, to_naive_utc
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


class _Problems(list[Problem]):
    """The problems found in one row; ``add`` fills in the row number."""

    def __init__(self, row: int | None) -> None:
        super().__init__()
        self.row = row

    def add(self, field: str, message: str) -> None:
        self.append(Problem(self.row, field, message))


# --- choices and tags ----------------------------------------------------------------------------


def _choice(
    value: object, field: str, lookup: Mapping[str, str], allowed: tuple[str, ...], problems: _Problems
) -> str | None:
    text = one_line(value)
    if text is None:
        return None
    found = lookup.get(header_key(text))
    if found is None:
        problems.add(field, f"{quote_value(text)} is not a {field} Earshot knows; use one of: {', '.join(allowed)}")
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
        text = as_text(value)
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
        text = as_text(item)
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
            size = len(as_text(value) or "")
        else:
            size = 0
        if size > limit:
            problems.append(
                Problem(
                    row,
                    str(column)[:40],
                    f"holds {size:,} characters; the limit is {limit:,} per cell "
                    "(EARSHOT_IMPORT_MAX_CELL_CHARS) — is a file pasted into it?",
                )
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
    now = to_naive_utc(now)
    text = _check_text(fields.get("text"), settings, problems)
    created = parse_created_at(fields.get("created_at"), row, date_order)
    if isinstance(created, Problem):
        problems.append(created)
        created = None
    elif created is not None and created > now + timedelta(minutes=settings.max_future_minutes):
        ahead = _minutes(settings.max_future_minutes)
        problems.add(
            "created_at",
            f"{quote_value(fields.get('created_at'))} is more than {ahead} in the future; check the date "
            "(times without an offset are read as UTC)",
        )
    short: dict[str, str | None] = {}
    for name in _SHORT_FIELDS:
        short[name] = value = one_line(fields.get(name))
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
    text = clean_text(as_text(value) or "")
    if not text:
        problems.add("text", "is empty; every note needs some text")
    elif len(text) < settings.note_min_chars:
        problems.add("text", f"is {len(text)} characters; the minimum is {settings.note_min_chars} — add a few words")
    elif len(text) > settings.note_max_chars:
        limit = settings.note_max_chars
        problems.add("text", f"is {len(text):,} characters; the limit is {limit:,} — split it or trim it")
    return text


def _extra_value(value: object) -> str | None:
    text = as_text(value)
    return clean_text(text) or None if text is not None else None


def _minutes(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
