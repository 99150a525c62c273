"""The redaction gate's contract: what the store accepts as free text, and what a redactor promises.

Personal data must never reach the disk, so the store refuses free text that has not passed a
:class:`Redactor`: every free-text value a write function of :mod:`insight.store` takes (note text,
team, product, segment, tags, extra attribute names and values, PM topic names and status notes) must
be a :class:`CleanText` — the ``str`` subclass only a redactor's :class:`Redaction` hands out. Any
string operation on it (``strip``, ``+``, ``join``) returns a plain ``str`` again, so whatever is
stored is exactly what was checked. ``agent_id`` and ``external_id`` identify the employee and the
source record and are stored as given.

The implementation (normalisation, pattern recognizers, the named-entity model) lives in
``ingest.redaction``; ``insight`` only defines the contract, so the core never imports ``ingest``.
``tests/test_privacy_gate.py`` enumerates every write function of the store and fails on one that
takes free text without checking it here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from insight.errors import UnredactedTextError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from insight.records import NoteDraft

__all__ = [
    "CleanText",
    "Redaction",
    "Redactor",
    "UnredactedTextError",
    "gate_text",
    "require_clean",
    "require_clean_draft",
    "synthetic_draft",
]


class CleanText(str):
    """Text that has passed the redaction gate (normalised, identifiers replaced by placeholders).

    Only redactors build these (and test fixtures that store synthetic text); a plain ``str`` is refused by
    every store write function that takes free text.
    """

    __slots__ = ()


@dataclass(frozen=True)
class Redaction:
    """A redacted text: what to store and which placeholder types were applied (never the values)."""

    text: CleanText
    kinds: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """True when at least one identifier was replaced."""
        return bool(self.kinds)


class Redactor(Protocol):
    """Anything that can redact one text; the result's ``text`` is a :class:`CleanText`."""

    def redact(self, text: str) -> Redaction:
        """Return ``text`` normalised, with its personal identifiers replaced by typed placeholders."""
        ...


def require_clean(field: str, value: object) -> None:
    """Raise :class:`UnredactedTextError` unless ``value`` is ``None`` or :class:`CleanText`.

    Args:
        field: what the value is (for the message, e.g. ``"topic name"``).
        value: the value about to be stored.
    """
    if value is not None and not isinstance(value, CleanText):
        raise UnredactedTextError(field)


def _require_all(field: str, values: Iterable[object]) -> None:
    for value in values:
        require_clean(field, value)


def require_clean_draft(draft: NoteDraft) -> None:
    """Check every free-text field of a note draft (all but ``agent_id``, ``external_id`` and the time)."""
    require_clean("note text", draft.text)
    for name in ("team", "channel", "product", "customer_segment", "kind", "source"):
        require_clean(name.replace("_", " "), getattr(draft, name))
    _require_all("tag", draft.tags)
    _require_all("extra attribute name", (name for name, _ in draft.extra))
    _require_all("extra attribute value", (value for _, value in draft.extra))


def gate_text(redactor: Redactor, value: str | None) -> CleanText | None:
    """Pass one optional free-text value through ``redactor`` (``None`` stays ``None``)."""
    return None if value is None else redactor.redact(value).text


def synthetic_draft(draft: NoteDraft) -> NoteDraft:
    """Mark a draft of generated text that holds no personal data as clean, skipping the redactor.

    For test fixtures and benchmarks that write thousands of made-up notes straight into the store;
    ``tests/test_privacy_gate.py`` fails if any module of the product (``insight``, ``ingest``, ``ui``, the app)
    calls it.
    """
    from dataclasses import replace

    def mark(value: str | None) -> CleanText | None:
        return None if value is None else CleanText(value)

    return replace(
        draft,
        text=CleanText(draft.text),
        team=mark(draft.team),
        channel=mark(draft.channel),
        product=mark(draft.product),
        customer_segment=mark(draft.customer_segment),
        kind=mark(draft.kind),
        source=CleanText(draft.source),
        tags=tuple(CleanText(t) for t in draft.tags),
        extra=tuple((CleanText(k), CleanText(v)) for k, v in draft.extra),
    )
