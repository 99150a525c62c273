"""Map a file's column names onto note fields, forgiving about case, spacing and common aliases.

A header matches after :func:`header_key` folds it: lower case, with spaces, underscores, hyphens and
dots removed, so ``Created At``, ``created_at`` and ``CREATED-AT`` are one name. Each field lists its
aliases from the most to the least specific; when several columns match one field the most specific
wins (``note_text`` beats ``summary``) and the others are kept as extra attributes, like any column
Earshot does not know.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from insight.errors import InputError

# Most specific first: the rank decides between two columns that both map to one field.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "note text",
        "note",
        "notes",
        "note body",
        "body",
        "content",
        "comment",
        "comments",
        "description",
        "message",
        "summary",
    ),
    "created_at": (
        "created at",
        "created on",
        "created date",
        "date created",
        "created",
        "note date",
        "logged at",
        "submitted at",
        "datetime",
        "timestamp",
        "date",
        "time",
    ),
    "agent_id": ("agent id", "agent", "agent name", "agent email", "author", "user id", "user", "employee id"),
    "team": ("team", "team name", "department", "dept"),
    "channel": ("channel", "contact channel", "medium"),
    "product": ("product", "product name", "product line"),
    "customer_segment": ("customer segment", "segment", "customer tier", "tier"),
    "kind": ("kind", "note type", "note kind", "note category", "type"),
    "source": ("source", "source system", "origin"),
    "tags": ("tags", "tag", "labels", "label", "keywords"),
    "external_id": ("external id", "note id", "ticket id", "case id", "id"),
}

_FOLD = re.compile(r"[\s_\-.]+")


def header_key(name: str) -> str:
    """Fold a column name for matching: ``" Created_At "`` and ``"created-at"`` both give ``"createdat"``."""
    return _FOLD.sub("", str(name)).casefold()


# folded alias -> (field, rank); built once at import.
_LOOKUP: dict[str, tuple[str, int]] = {
    header_key(alias): (field, rank) for field, aliases in FIELD_ALIASES.items() for rank, alias in enumerate(aliases)
}


@dataclass(frozen=True)
class ColumnMapping:
    """Which original column feeds which note field, and which columns are kept as extra attributes.

    Attributes:
        fields: note field name (``text``, ``created_at``, …) -> original column name.
        unknown: original column names, in file order, that map to no field (or lost to a more
            specific column for the same field); their values go to ``NoteDraft.extra``.
    """

    fields: dict[str, str]
    unknown: list[str]


def map_columns(columns: Sequence[str], describe: Callable[[str], str] | None = None) -> ColumnMapping:
    """Match column names to note fields.

    Args:
        columns: the original header names, in file order.

    Returns:
        The mapping; every column is either in ``fields`` or in ``unknown``.

    Raises:
        InputError: no column holds the note text; the message names the columns found and the
            accepted names.
    """
    best: dict[str, tuple[int, str]] = {}  # field -> (rank, column)
    for column in columns:
        hit = _LOOKUP.get(header_key(column))
        if hit is None:
            continue
        field, rank = hit
        # Strictly lower rank wins, so between two equally specific columns the first one stays.
        if field not in best or rank < best[field][0]:
            best[field] = (rank, column)
    if "text" not in best:
        shown = [describe(str(c)) for c in columns[:20]] + list(columns[20:]) if describe else list(columns)
        raise InputError(_no_text_message(shown), title="No note text column")
    chosen = {column for _, column in best.values()}
    fields = {field: column for field, (_, column) in sorted(best.items(), key=lambda item: _field_order(item[0]))}
    return ColumnMapping(fields=fields, unknown=[c for c in columns if c not in chosen])


def _field_order(field: str) -> int:
    return list(FIELD_ALIASES).index(field)


def _no_text_message(columns: Sequence[str]) -> str:
    shown = [_short(c) for c in columns[:20]]
    more = f" and {len(columns) - 20} more" if len(columns) > 20 else ""
    found = ", ".join(f'"{c}"' for c in shown) + more if shown else "none"
    accepted = ", ".join(FIELD_ALIASES["text"])
    return (
        f"None of the columns holds the note text. Columns found: {found}. "
        f"Rename the column with the notes to one of: {accepted} (case, spaces and underscores do not matter)."
    )


def _short(name: str, limit: int = 40) -> str:
    name = str(name)
    return name if len(name) <= limit else name[: limit - 1] + "…"
