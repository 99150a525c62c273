"""Redaction: take personal identifiers out of a note before it is stored or embedded.

Emails, phones, payment cards, IBANs, US SSNs, IP addresses and clearly-cued person names become typed
placeholders (``<EMAIL>``, ``<PHONE>``, ``<CARD>``, ``<IBAN>``, ``<SSN>``, ``<IP>``, ``<PERSON>``); order numbers,
prices, dates, ticket ids, SKUs and versions stay. Detection is presidio-analyzer with the no-op NLP engine (no spaCy
model: pattern recognizers only) and Earshot's own recognizers from :mod:`ingest.recognizers`; replacement is
presidio-anonymizer.

The note itself is never logged and never put into an exception message.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from insight.errors import EarshotError

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer

__all__ = [
    "PLACEHOLDER_KINDS",
    "PresidioRedactor",
    "Redaction",
    "RedactionError",
    "Redactor",
    "default_redactor",
]

logger = logging.getLogger(__name__)

#: The placeholder types the default redactor applies, e.g. ``"PHONE"`` → ``<PHONE>``.
PLACEHOLDER_KINDS = ("CARD", "EMAIL", "IBAN", "IP", "PERSON", "PHONE", "SSN")

# When two detections cover exactly the same characters, the more specific type names them.
_SPECIFICITY = {"CARD": 0, "IBAN": 1, "SSN": 2, "EMAIL": 3, "IP": 4, "PHONE": 5, "PERSON": 6}
_KIND_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
# Each pass only turns original characters into placeholders, which no recognizer matches, so passes stop; a note
# that still changes after this many passes means a recognizer bug, and the note is refused rather than kept.
_MAX_PASSES = 8


@dataclass(frozen=True)
class Redaction:
    """A redacted note: the text to store and which placeholder types were applied (never the values)."""

    text: str
    kinds: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """True when at least one identifier was replaced."""
        return bool(self.kinds)


class Redactor(Protocol):
    """Anything that can redact one note."""

    def redact(self, text: str) -> Redaction:
        """Return ``text`` with its personal identifiers replaced by typed placeholders."""
        ...


class RedactionError(EarshotError):
    """A note could not be redacted, so it must not be stored."""

    def __init__(self, message: str) -> None:
        super().__init__(message, title="Could not redact a note")


class PresidioRedactor:
    """The default :class:`Redactor`: presidio with Earshot's recognizers, built once, safe to share across threads.

    Importing presidio costs ~4 s here (it pulls in transformers and spaCy, though no model is loaded), so it is
    imported on first construction, not with this module; use :func:`default_redactor` rather than one per note.
    """

    def __init__(self, extra_recognizers: Sequence[EntityRecognizer] = ()) -> None:
        """Build the analyzer.

        Args:
            extra_recognizers: More presidio recognizers (language ``"en"``). Each entity type they report must be
                an upper-case name such as ``"ACCOUNT"``; it becomes the placeholder ``<ACCOUNT>``.

        Raises:
            ValueError: An extra recognizer reports an entity type that cannot be a placeholder name.
        """
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
        from presidio_anonymizer import AnonymizerEngine
        from presidio_anonymizer.entities import OperatorConfig

        from ingest.recognizers import NoContextEnhancer, default_recognizers

        recognizers = [*default_recognizers(), *extra_recognizers]
        kinds: set[str] = set()
        for recognizer in recognizers:
            for kind in recognizer.get_supported_entities():
                if not _KIND_NAME.fullmatch(kind):
                    raise ValueError(f"Entity type {kind!r} of {type(recognizer).__name__} is not a placeholder name")
                kinds.add(kind)
        self._entities = sorted(kinds)
        engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
        self._analyzer = AnalyzerEngine(
            registry=RecognizerRegistry(recognizers=recognizers, supported_languages=["en"]),
            nlp_engine=engine,
            supported_languages=["en"],
            context_aware_enhancer=NoContextEnhancer(),
        )
        self._anonymizer = AnonymizerEngine()
        self._result = RecognizerResult
        self._operators = {kind: OperatorConfig("replace", {"new_value": f"<{kind}>"}) for kind in self._entities}
        # Recognizers load lazily on first use; do it now, once, rather than racing in the first threads.
        self.redact("warm-up: call 555-123-4567, customer Jane Doe")

    def redact(self, text: str) -> Redaction:
        """Replace the personal identifiers in ``text`` by typed placeholders.

        Args:
            text: One note.

        Returns:
            The redacted text and the sorted placeholder types applied. Redacting the result again changes nothing.

        Raises:
            TypeError: ``text`` is not a string.
            RedactionError: Detection failed; the note must not be stored unredacted.
        """
        if not isinstance(text, str):
            raise TypeError(f"redact() takes a str, not {type(text).__name__}")
        kinds: set[str] = set()
        for _ in range(_MAX_PASSES):
            try:
                found = self._find(text)
                if not found:
                    return Redaction(text, tuple(sorted(kinds)))
                text = self._replace(text, found)
            except Exception as exc:
                # The cause may quote the note (a validator's message, a regex error), so only its type is kept.
                logger.error("Redaction failed with %s", type(exc).__name__)
                raise RedactionError(
                    f"Detecting personal data failed ({type(exc).__name__}); the note was not stored."
                ) from None
            kinds.update(kind for _, _, kind in found)
        raise RedactionError("Redaction did not settle on this note; it was not stored. Please report this.")

    def _find(self, text: str) -> list[tuple[int, int, str]]:
        results = self._analyzer.analyze(text=text, language="en", entities=self._entities)
        return merge_overlaps((r.start, r.end, r.entity_type) for r in results)

    def _replace(self, text: str, found: list[tuple[int, int, str]]) -> str:
        results = [self._result(kind, start, end, 1.0) for start, end, kind in found]
        return self._anonymizer.anonymize(text=text, analyzer_results=results, operators=self._operators).text


def merge_overlaps(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge overlapping detections into one span named by its longest (then most specific) member.

    Merging rather than dropping the shorter one means no character of either detection survives, and
    placeholders never nest.

    Args:
        spans: ``(start, end, kind)`` detections, in any order, possibly overlapping.

    Returns:
        Non-overlapping ``(start, end, kind)`` spans sorted by start.
    """
    merged: list[tuple[int, int, str]] = []
    best: tuple[int, int, str] = (0, 0, "")
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and span[0] < merged[-1][1]:
            start, end, _ = merged[-1]
            best = min(best, span, key=_rank)
            merged[-1] = (start, max(end, span[1]), best[2])
        else:
            best = span
            merged.append(span)
    return merged


def _rank(span: tuple[int, int, str]) -> tuple[int, int]:
    start, end, kind = span
    return (start - end, _SPECIFICITY.get(kind, len(_SPECIFICITY)))


@functools.lru_cache(maxsize=1)
def default_redactor() -> PresidioRedactor:
    """Return the process-wide :class:`PresidioRedactor`, built on first use."""
    return PresidioRedactor()
