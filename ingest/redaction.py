"""Redaction: take personal identifiers out of text before it is stored, embedded or shown.

Text is first normalised (:mod:`ingest.normalise`: NFKC, invisible and bidi controls removed, digits of any script
made ASCII) and that normalised form is what is checked and stored. Emails, phones, payment cards, IBANs, national
ids (US SSN, UK NI), IP addresses, postal addresses, dates of birth and person names become typed placeholders
(``<EMAIL>``, ``<PHONE>``, ``<CARD>``, ``<IBAN>``, ``<SSN>``, ``<NATIONAL_ID>``, ``<IP>``, ``<ADDRESS>``, ``<DOB>``,
``<ACCOUNT>`` for bank account numbers, ``<USERNAME>`` for logins and handles, ``<DEVICE>`` for IMEI/ICCID/MAC,
``<PERSON>``); order numbers, prices, dates, ticket ids, SKUs, versions and product names stay. Patterns are
Earshot's presidio recognizers (:mod:`ingest.recognizers`, run on a folded view of the text so dashes and
look-alike letters cannot hide a match); names without a cue come from the packaged spaCy NER model, guarded
against products and companies (:mod:`ingest.names`). Every later mention of a found name goes too.

The result's text is a :class:`~insight.privacy.CleanText`, the only kind of free text the store accepts. The text
itself is never logged and never put into an exception message.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import regex

from ingest.normalise import detection_view, normalise
from insight.errors import RedactionError
from insight.privacy import CleanText, Redaction, Redactor
from insight.settings import Settings

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer

    from ingest.names import NameFinder

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
PLACEHOLDER_KINDS = (
    "ACCOUNT", "ADDRESS", "CARD", "DEVICE", "DOB", "EMAIL", "IBAN", "IP", "NATIONAL_ID", "PERSON", "PHONE", "SSN",
    "USERNAME", "VEHICLE",
)  # fmt: skip

# When two detections cover exactly the same characters, the more specific type names them.
_SPECIFICITY = {
    "CARD": 0, "IBAN": 1, "SSN": 2, "DOB": 3, "NATIONAL_ID": 4, "EMAIL": 5, "ACCOUNT": 6, "DEVICE": 7, "IP": 8,
    "PHONE": 9, "ADDRESS": 10, "VEHICLE": 11, "USERNAME": 12, "PERSON": 13,
}  # fmt: skip
_KIND_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
# Each pass only turns original characters into placeholders, which no recognizer matches, so passes stop; a note
# that still changes after this many passes means a recognizer bug, and the note is refused rather than kept.
_MAX_PASSES = 8
_PLACEHOLDER = regex.compile(r"<[A-Z][A-Z0-9_]*>")


class PresidioRedactor:
    """The default :class:`Redactor`: normalisation, Earshot's recognizers and the NER name finder, built once,
    safe to share across threads.

    Importing presidio and loading the spaCy model take seconds, so both happen on first construction, not with
    this module; use :func:`default_redactor` rather than one per note.
    """

    def __init__(
        self,
        extra_recognizers: Sequence[EntityRecognizer] = (),
        *,
        names: NameFinder | None = None,
        use_ner: bool = True,
        keep_terms: Iterable[str] = (),
    ) -> None:
        """Build the analyzer.

        Args:
            extra_recognizers: More presidio recognizers (language ``"en"``). Each entity type they report must be
                an upper-case name such as ``"ACCOUNT"``; it becomes the placeholder ``<ACCOUNT>``.
            names: the name finder for names without cues (default: the packaged spaCy model).
            use_ner: ``False`` leaves names to the cue recognizers only (fast test doubles, benchmarks' baseline).
            keep_terms: product or company names that must never be taken for a person.

        Raises:
            ValueError: An extra recognizer reports an entity type that cannot be a placeholder name.
        """
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NoOpNlpEngine

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
        if names is None and use_ner:
            from ingest.names import NameFinder

            names = NameFinder(keep_terms=keep_terms)
        self._names = names
        # spaCy does not promise thread-safe inference; the model holds the GIL anyway, so serialising costs little.
        self._ner_lock = threading.Lock()
        # Recognizers load lazily on first use; do it now, once, rather than racing in the first threads.
        self.redact("warm-up: call 555-123-4567, customer Jane Doe")

    def redact(self, text: str) -> Redaction:
        """Normalise ``text`` and replace its personal identifiers by typed placeholders.

        Args:
            text: One note or field value.

        Returns:
            The redacted, normalised text (a :class:`~insight.privacy.CleanText`) and the sorted placeholder types
            applied. Redacting the result again changes nothing.

        Raises:
            TypeError: ``text`` is not a string.
            RedactionError: Detection failed; the text must not be stored unredacted.
        """
        return self.redact_many([text])[0]

    def redact_many(self, texts: Sequence[str]) -> list[Redaction]:
        """Redact several texts at once: the NER model reads them in one batch (several times faster per text).

        Raises:
            TypeError: an item is not a string.
            RedactionError: Detection failed; none of the texts may be stored unredacted.
        """
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"redact() takes a str, not {type(text).__name__}")
        try:
            # str(): spaCy's tokenizer takes exactly str, and re-redacting a CleanText must work.
            return self._settle([normalise(str(text)) for text in texts])
        except RedactionError:
            raise
        except Exception as exc:
            # The cause may quote the note (a validator's message, a regex error), so only its type is kept.
            logger.error("Redaction failed with %s", type(exc).__name__)
            raise RedactionError(
                f"Detecting personal data failed ({type(exc).__name__}); the note was not stored."
            ) from None

    def _settle(self, texts: list[str]) -> list[Redaction]:
        """Redact until nothing more is found, names included, so that redacting the result changes nothing.

        A replacement changes a name's context (``"Ë Vj 4000…"`` reads as no name, ``"Ë Vj <CARD>"`` as one),
        so a text that changed is read by the name finder again, in one batch with the others that changed.
        """
        current = list(texts)
        kinds: list[set[str]] = [set() for _ in texts]
        pending = list(range(len(texts)))
        for _ in range(_MAX_PASSES):
            names = self._find_names([current[i] for i in pending])
            changed = []
            for i, found in zip(pending, names, strict=True):
                result = self._redact_one(current[i], found)
                kinds[i].update(result.kinds)
                if result.text != current[i]:
                    current[i] = str(result.text)
                    changed.append(i)
            pending = changed
            if not pending:
                return [Redaction(CleanText(t), tuple(sorted(k))) for t, k in zip(current, kinds, strict=True)]
        raise RedactionError("Redaction did not settle on this note; it was not stored. Please report this.")

    def _find_names(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        if self._names is None:
            return [[] for _ in texts]
        # The model only finds capitalised names; lower-case ones are the cue rules' job (NameFinder runs them on
        # every text it gets, so texts without a capital letter skip the model, not those rules).
        todo = [i for i, text in enumerate(texts) if any(c.isalpha() for c in text)]
        found: list[list[tuple[int, int]]] = [[] for _ in texts]
        if todo:
            with self._ner_lock:
                spans = self._names.find_many([texts[i] for i in todo])
            for i, item in zip(todo, spans, strict=True):
                found[i] = item
        return found

    def _redact_one(self, text: str, names: list[tuple[int, int]]) -> Redaction:
        kinds: set[str] = set()
        extra = [(start, end, "PERSON") for start, end in names]
        for _ in range(_MAX_PASSES):
            found = self._find(text, extra)
            extra = []
            if not found:
                return Redaction(CleanText(text), tuple(sorted(kinds)))
            text = _replace(text, found)
            kinds.update(kind for _, _, kind in found)
        raise RedactionError("Redaction did not settle on this note; it was not stored. Please report this.")

    def _find(self, text: str, extra: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        view = detection_view(text)
        results = self._analyzer.analyze(text=view, language="en", entities=self._entities)
        spans = [(r.start, r.end, r.entity_type) for r in results] + extra
        spans += _name_repeats(text, spans)
        return [span for span in merge_overlaps(spans) if not _PLACEHOLDER.fullmatch(text[span[0] : span[1]])]


def _replace(text: str, found: list[tuple[int, int, str]]) -> str:
    parts, last = [], 0
    for start, end, kind in found:
        parts.append(text[last:start])
        parts.append(f"<{kind}>")
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _name_repeats(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Every other mention of a word of a found name, in any case: "John Smith … john called back"."""
    from ingest.name_cues import AMBIGUOUS_NAMES, NAME_PARTICLES, NOT_NAMES

    words = {
        word.lower()
        for start, end, kind in spans
        if kind == "PERSON"
        for word in regex.findall(r"[\p{L}'’-]+", text[start:end])
        if len(word) > 2
        and word.title() not in NOT_NAMES
        and word.title() not in AMBIGUOUS_NAMES
        and word.lower() not in NAME_PARTICLES
    }
    if not words:
        return []
    pattern = regex.compile(
        r"(?<![\w'’-])(?i:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])"
    )
    return [(m.start(), m.end(), "PERSON") for m in pattern.finditer(text)]


def removed_names(original: str, clean: str) -> list[str]:
    """The names a redaction took out of ``original`` (the texts ``<PERSON>`` placeholders stand for in ``clean``).

    The redacted text is the normalised original with spans replaced, so its literal pieces, in order, pin down
    what each placeholder replaced. Returns ``[]`` when the two cannot be aligned (nothing is guessed).
    """
    if "<PERSON>" not in clean:
        return []
    pieces = _PLACEHOLDER.split(clean)
    kinds = _PLACEHOLDER.findall(clean)
    # The literal pieces found left to right (no pattern compiled per note: the regex module keeps a record of
    # every pattern it compiles, which grew with the size of an import).
    text = normalise(original)
    if not text.startswith(pieces[0]) or not text.endswith(pieces[-1]):
        return []
    values: list[str] = []
    position = len(pieces[0])
    for piece in pieces[1:-1]:
        found = text.find(piece, position + 1) if piece else position + 1
        if found < 0 or (not piece and found > len(text)):
            return []
        values.append(text[position:found])
        position = found + len(piece)
    last = len(text) - len(pieces[-1])
    if last <= position:
        return []
    values.append(text[position:last])
    return [value for value, kind in zip(values, kinds, strict=True) if kind == "<PERSON>"]


def name_mentions(names: Iterable[str]) -> regex.Pattern[str] | None:
    """A pattern for other mentions of ``names`` in another field of the same record: each whole name in any case
    and with any separator ("Will Hope" → "will_hope", "WILL.HOPE"), and each of its words that is unmistakably a
    name (the rule :func:`_name_repeats` applies within one text)."""
    from ingest.name_cues import AMBIGUOUS_NAMES, NAME_PARTICLES, NOT_NAMES
    from ingest.name_lexicon import WORD_LIKE_NAMES  # "Will", "Hope": carried over only as the whole name

    options: set[str] = set()
    for name in names:
        words = regex.findall(r"[\p{L}'’-]+", name)
        if len(words) >= 2:
            options.add(r"[\s_.\-]+".join(regex.escape(w) for w in words))
        options.update(
            regex.escape(w)
            for w in words
            if len(w) > 2
            and w.title() not in NOT_NAMES
            and w.title() not in AMBIGUOUS_NAMES
            and w.lower() not in NAME_PARTICLES
            and w.lower() not in WORD_LIKE_NAMES
        )
    if not options:
        return None
    alternatives = "|".join(sorted(options, key=len, reverse=True))
    return regex.compile(r"(?<![\p{L}\p{N}'’])(?i:" + alternatives + r")(?![\p{L}\p{N}])", cache_pattern=False)


def redact_json(redactor: Redactor, value: str, drop_key: Callable[[str], bool]) -> Redaction | None:
    """Redact a JSON object or list held in one field (a helpdesk's ``custom_fields``, a CRM's ``meta``) leaf by leaf.

    Each string is redacted on its own, as a field value (so a lone "Penny Lane" or "07700 900 702" reads as one),
    keys whose name says personal data (``drop_key``: "dob", "owner", "phone") are left out with their values, and
    the rest is written back as JSON. Returns ``None`` when ``value`` is not a JSON object or list.
    """
    import json

    stripped = value.strip()
    if stripped[:1] not in ("{", "[") or stripped[-1:] not in ("}", "]"):
        return None
    try:
        data = json.loads(stripped)
    except ValueError:
        return None
    if not isinstance(data, (dict, list)):
        return None
    leaves: list[str] = []

    def prune(node: object) -> object:
        if isinstance(node, dict):
            kept = {str(k): prune(v) for k, v in node.items() if not drop_key(str(k))}
            leaves.extend(kept)  # keys are text too (an e-mail as a key)
            return kept
        if isinstance(node, list):
            return [prune(v) for v in node]
        if isinstance(node, str):
            leaves.append(node)
        return node

    pruned = prune(data)
    batch = getattr(redactor, "redact_many", None)
    unique = list(dict.fromkeys(leaves))
    done = batch(unique) if batch is not None else [redactor.redact(t) for t in unique]
    clean = {text: result for text, result in zip(unique, done, strict=True)}
    kinds = {kind for result in clean.values() for kind in result.kinds}

    def rebuild(node: object) -> object:
        if isinstance(node, dict):
            return {str(clean[k].text): rebuild(v) for k, v in node.items()}
        if isinstance(node, list):
            return [rebuild(v) for v in node]
        if isinstance(node, str):
            return str(clean[node].text)
        return node

    return Redaction(CleanText(json.dumps(rebuild(pruned), ensure_ascii=False)), tuple(sorted(kinds)))


def tag_view(tag: str) -> str | None:
    """A tag read with its separators as spaces ("hope_williams" → "Hope Williams"), or ``None`` when it has none.

    Capitals only where a known given name is written: "zendesk_export" read as "Zendesk Export" looks like a name
    to the model, and is none.
    """
    from ingest.name_lexicon import GIVEN_NAMES

    spaced = regex.sub(r"[_.\-/]+", " ", tag).strip()
    if spaced == tag:
        return None
    named = spaced.islower() and any(word in GIVEN_NAMES for word in spaced.split())
    return spaced.title() if named else spaced


def redact_tags(redactor: Redactor, tags: Sequence[str], redacted: Sequence[Redaction]) -> list[Redaction]:
    """Tags read as they are (``redacted``) and with their separators as spaces, the spaced views in one batch:
    when a view finds personal data the plain reading missed ("hope_williams", "callback-07700900703"), the whole
    tag becomes the placeholder."""
    views = {i: view for i, tag in enumerate(tags) if not redacted[i].changed and (view := tag_view(tag))}
    batch = getattr(redactor, "redact_many", None)
    texts = list(views.values())
    done = (batch(texts) if batch is not None else [redactor.redact(t) for t in texts]) if texts else []
    out = list(redacted)
    for i, view in zip(views, done, strict=True):
        if view.kinds:
            out[i] = Redaction(CleanText(f"<{view.kinds[0]}>"), view.kinds)
    return out


def redact_file_name(redactor: Redactor, name: str) -> Redaction:
    """A file name redacted as a name, not as a sentence: its stem read as it is and with its separators as spaces
    ("jane_doe_calls.csv" → "<PERSON>.csv"), its extension kept ("tiny.csv" is no person)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or not 1 <= len(suffix) <= 5 or not suffix.isalnum():
        stem, dot, suffix = name, "", ""
    (result,) = redact_tags(redactor, [stem], [redactor.redact(stem)])
    joined = re.sub(r"[ -]+", "_", stem)
    if not result.changed and joined != stem:
        # Its words joined as a file name joins them ("Rückrufe Annegret Kühn November" → "…_Annegret_Kühn_…"):
        # names written into file names are found that way (see ingest.names, joined names).
        view = redactor.redact(joined)
        if view.kinds:
            result = Redaction(CleanText(f"<{view.kinds[0]}>"), view.kinds)
    return Redaction(CleanText(f"{result.text}{dot}{suffix}"), result.kinds)


def carry_names(texts: Sequence[str], results: Sequence[Redaction], counts: Sequence[int]) -> list[Redaction]:
    """A name found in one field of a record goes from its other fields too.

    An export's requester cell ("Will Hope") is a name by itself, while its subject ("Refund for Will Hope") or a
    tag ("cust_will_hope") gives the model nothing to go on; the record as a whole tells both.

    Args:
        texts: the records' field values, record after record, as they were redacted.
        results: their redactions, in the same order.
        counts: how many of ``texts`` each record has.
    """
    out = list(results)
    start = 0
    for count in counts:
        span = range(start, start + count)
        start += count
        names = [name for i in span if "PERSON" in out[i].kinds for name in removed_names(texts[i], out[i].text)]
        pattern = name_mentions(names) if names else None
        if pattern is None:
            continue
        for i in span:
            carried = pattern.sub("<PERSON>", str(out[i].text))
            if carried != out[i].text:
                out[i] = Redaction(CleanText(carried), tuple(sorted({*out[i].kinds, "PERSON"})))
    return out


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


@functools.lru_cache(maxsize=4)
def default_redactor(keep_terms: tuple[str, ...] = ()) -> PresidioRedactor:
    """Return the process-wide :class:`PresidioRedactor` (NER included), built on first use.

    Args:
        keep_terms: product or company names that must never be taken for a person (the ``redact_keep_terms``
            setting).
    """
    return PresidioRedactor(keep_terms=keep_terms)


def keep_terms_from(settings: Settings) -> tuple[str, ...]:
    """The ``redact_keep_terms`` setting as a tuple (hashable, for :func:`default_redactor`)."""
    return tuple(t.strip() for t in settings.redact_keep_terms.split(",") if t.strip())
