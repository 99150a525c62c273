"""Presidio recognizers for the identifiers Earshot removes from agents' notes.

Presidio's built-ins are tuned for recall on documents; call notes are full of order numbers, prices, ticket ids
and versions that those patterns take for phones, SSNs or IPs, and some built-ins log the matched text. So each
recognizer here is a small :class:`EntityRecognizer` with one linear regex and a check that looks at the words just
before the match: "order 4155550123" is an order id, "callback 4155550123" a phone. Entity types are the
placeholder names themselves (``PHONE`` → ``<PHONE>``). None of them ever logs or raises with the text.

This module holds the cue words, the base class and e-mail addresses; one module per family holds the rest:
:mod:`ingest.recognizers_phone`, :mod:`ingest.recognizers_payment` (cards, IBANs), :mod:`ingest.recognizers_ids`
(SSN, national ids, IPs), :mod:`ingest.recognizers_extra` (addresses, dates of birth) and :mod:`ingest.name_cues`
(names after cue words).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["EmailRecognizer", "NoContextEnhancer", "SpanRecognizer", "default_recognizers", "nearest_cue"]

# A pathological 5,000-character note must not stall a save; all patterns are linear, this is the safety valve.
# The limit is wall-clock time, so it is set well above a normal match: at 1 s a CPU-starved machine tripped it
# while warming the redactor up, and the demo's first run failed.
REGEX_TIMEOUT_S = 5.0


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that, just before a number, say it is an identifier of a thing rather than of a person.
ID_CUES = _words(
    """order orders ord ticket tkt case inc incident ref reference invoice inv po tracking track awb waybill shipment
    parcel package pkg sku part pn serial sn s/n model imei iccid confirmation conf booking reservation rma claim
    policy contract transaction txn receipt id item product asin upc ean isbn batch lot rma# po# store meter mpan
    mprn #"""
)
PHONE_CUES = _words(
    """phone ph ph# tel telephone mobile mob cell cellphone callback cb call called calling reach reachable contact
    whatsapp fax landline text texted sms dial dialed dialled ring rang vm voicemail home work alt alternate
    number# tel# cell# mobile# callerid cli at móvil movil teléfono telefono tél tél. telefon telefoon handy
    festnetz rufnummer portable fixe numéro numero cellulare cell. mobiel tlf celular telemóvel telemovel natel gsm
    cep mobil mobilny komórka komorka puhelin telefonnummer telefonu telefone"""
)
CARD_CUES = _words("card cc credit debit visa mastercard mc amex discover jcb maestro pan cardnumber")
SSN_CUES = _words("ssn ss ss# ssn# social security soc itin tin")
VERSION_CUES = _words(
    """v ver version versions build firmware fw release rel update updated patch app os ios android windows macos
    sdk driver bios rollback rolled upgrade upgraded downgrade downgraded hotfix flashed"""
)
IP_CUES = _words("ip ipv4 ipv6 address addr host server router gateway dns vpn subnet")

_CALLER_ID = regex.compile(r"\bcaller[ -]?id\b")
# A lone "#" is a word too: "#4155550123" or "Cust # 55" is an id unless a cue word comes right before it.
_WORD = regex.compile(r"\p{Ll}[\p{Ll}0-9/#.]*(?<!\.)|#")
# "no." "tel." "ref." end an abbreviation, not a clause: "NI no. AB123456C".
_CLAUSE_BREAK = regex.compile(r"[;\n|]|(?<!\b(?i:no|nr|tel|ph|ref|acct|mob|num|inc|approx))[.!?](?:\s|$)")


_NO_DIGITS = str.maketrans("", "", "0123456789")


def count_digits(text: str) -> int:
    """How many ASCII digits ``text`` holds (C speed: recognizers call it on every note)."""
    return len(text) - len(text.translate(_NO_DIGITS))


def nearest_cue(text: str, start: int, *cue_sets: frozenset[str], window: int = 40) -> int | None:
    """Return the index of the cue set whose word comes nearest before ``start`` in the same clause, else None.

    Args:
        text: The note.
        start: Where the candidate identifier begins.
        *cue_sets: Competing sets of lower-case cue words; the nearest word found in any of them wins.
        window: How many characters before ``start`` to look at.
    """
    before = text[max(0, start - window) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = _WORD.findall(_CALLER_ID.sub("callerid", before.lower()))
    for position in range(len(words) - 1, -1, -1):
        word = words[position]
        if word == "#" and (
            position < len(words) - 1 or (position and any(words[position - 1] in c for c in cue_sets))
        ):
            continue  # "ph #", "ticket #": the word before the "#" decides; in "new # is …" the "#" means number
        for index, cues in enumerate(cue_sets):
            if word in cues:
                return index
    return None


class NoContextEnhancer(ContextAwareEnhancer):
    """Leaves scores alone: presidio's default enhancer reads lemmas the no-op engine never makes, and each
    recognizer here already weighs the words around its matches."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return ``raw_results`` unchanged."""
        return raw_results


class SpanRecognizer(EntityRecognizer):
    """A recognizer for one entity type that yields character spans; every span found is certain (score 1.0)."""

    ENTITY = ""

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language="en", name=type(self).__name__)

    def load(self) -> None:
        """Nothing to load: patterns are compiled at import."""

    def spans(self, text: str) -> Iterable[tuple[int, int]]:
        """Yield ``(start, end)`` of each identifier in ``text``."""
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Wrap :meth:`spans` as presidio results."""
        return [RecognizerResult(self.ENTITY, start, end, 1.0) for start, end in self.spans(text)]


def _finditer(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    return pattern.finditer(text, timeout=REGEX_TIMEOUT_S)


_SPELLED_AT = (
    "at",
    "arroba",
    "arobase",
    "chiocciola",
    "affe",
    "małpa",
    "malpa",
    "işareti",
    "kukac",
    "snabel",
    "apenstaart",
)
_SPELLED_DOT = ("dot", "punto", "point", "punkt", "nokta", "kropka", "ponto", "pont", "piste", "prik", "tečka")


class EmailRecognizer(SpanRecognizer):
    """Email addresses, including the spelled-out "jdoe at gmail dot com" and "jdoe(at)example(dot)org" forms."""

    ENTITY = "EMAIL"
    # Letters of any script: internationalised addresses exist, and a look-alike letter must not cut one in two.
    _LOCAL = r"[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-][\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]*"
    _LOCAL_START = r"(?<![\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-])"
    _LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?"
    PLAIN = regex.compile(
        _LOCAL_START + _LOCAL + r"\s?@\s?(?:" + _LABEL + r"\.)+(?:\p{L}{2,63}|[Xx][Nn]--[A-Za-z0-9-]+)(?![\p{L}\p{N}-])"
    )
    # "at" and "dot" as people say them in other languages: "arroba … punto", "arobase … point", "et işareti … nokta".
    _AT_WORD = (
        r"(?:at|arroba|arobase|chiocciola|klammeraffe|affe|małpa|malpa|et[ ]+işareti|kukac|snabel-a|apenstaartje)"
    )
    _DOT_WORD = r"(?:dot|punto|point|punkt|nokta|kropka|ponto|pont|piste|prik|tečka)"
    _DOT = r"(?:\s*[(\[{<]\s*" + _DOT_WORD + r"\s*[)\]}>]\s*|\s+" + _DOT_WORD + r"\s+|\.)"
    # Bracketed "(at)" is unambiguous; a bare " at " only counts before a mail provider, or else "bought it at
    # amazon.com" would go.
    _TLD = (
        r"com|org|net|edu|gov|info|biz|io|co|uk|us|de|fr|es|it|nl|be|ie|at|ch|se|no|dk|fi|pl|pt|au|nz|ca|in|jp|cn"
        r"|br|mx|ar|za|ru|eu|me|tv|app|dev|email|online|site|xyz"
    )
    # Bracketed "(at)" is unambiguous; a bare " at " only counts before a mail provider, or before a spelled-out
    # " dot " and a top-level domain, or else "bought it at amazon.com" would go. The local part may be spelled
    # out too: "jane dot doe at gmail dot com".
    SPELLED = regex.compile(
        _LOCAL_START + r"(?i:(?P<local>[\p{L}0-9][\p{L}0-9._%+-]*"
        r"(?:(?:\s+dot\s+|\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+(?:underscore|dash)\s+)"
        r"[\p{L}0-9][\p{L}0-9._%+-]*){0,3})"
        r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*"
        + _LABEL
        + r"|\s+"
        + _AT_WORD
        + r"\s+(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|aol|protonmail|proton|gmx"
        r"|yandex|comcast|verizon|btinternet|sky|orange|zoho|fastmail|web|t-online|libero|wanadoo|free|laposte"
        r"|rediffmail|bigpond|virginmedia|mail)"
        r"|\s+"
        + _AT_WORD
        + r"\s+"
        + _LABEL
        + r"(?=(?:\s+"
        + _DOT_WORD
        + r"\s+"
        + _LABEL
        + r"){0,2}\s+"
        + _DOT_WORD
        + r"\s+(?:"
        + _TLD
        + r")(?![A-Za-z0-9-])))"
        r"(?:" + _DOT + _LABEL + r"){1,3})(?![A-Za-z0-9-])"
    )
    _NOT_LOCAL = _words("me him her them us you it customer cust caller he she they we i")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield email spans; cheap exit when the note has neither "@" nor "at"."""
        if "@" in text:
            for match in _finditer(self.PLAIN, text):
                start, end = match.span()
                # A quote is legal in a local part but far likelier to be quoting the address: 'jane@x.com'.
                local = match.group().split("@")[0]
                if local.strip("'"):
                    start += len(local) - len(local.lstrip("'"))
                yield start, end
        lowered = text.lower()
        if any(word in lowered for word in _SPELLED_AT) and (
            any(word in lowered for word in _SPELLED_DOT) or "." in text
        ):
            for match in _finditer(self.SPELLED, text):
                local = match.group("local").lower()
                if local not in self._NOT_LOCAL and not local.endswith((" me", " him", " her", " them", " us")):
                    yield match.span()


def default_recognizers() -> list[EntityRecognizer]:
    """Return one instance of each built-in Earshot recognizer."""
    # Imported here: each family's module imports the cues and base class from this one.
    from ingest.name_cues import PersonRecognizer
    from ingest.recognizers_accounts import (
        AccountRecognizer,
        DeviceRecognizer,
        EncodedEmailRecognizer,
        UsernameRecognizer,
    )
    from ingest.recognizers_extra import AddressRecognizer, DobRecognizer
    from ingest.recognizers_forms import (
        AddressTailRecognizer,
        CuedCardRecognizer,
        SpokenCardRecognizer,
        SpokenPhoneRecognizer,
    )
    from ingest.recognizers_ids import IpRecognizer, NationalIdRecognizer, SsnRecognizer
    from ingest.recognizers_intl import CuedAccountRecognizer, CuedNationalIdRecognizer, VehiclePlateRecognizer
    from ingest.recognizers_payment import CardRecognizer, IbanRecognizer
    from ingest.recognizers_phone import NationalPhoneRecognizer, PhoneRecognizer

    return [
        NationalPhoneRecognizer(),
        NationalIdRecognizer(),
        CuedNationalIdRecognizer(),
        CuedAccountRecognizer(),
        VehiclePlateRecognizer(),
        AddressRecognizer(),
        DobRecognizer(),
        EmailRecognizer(),
        EncodedEmailRecognizer(),
        UsernameRecognizer(),
        AccountRecognizer(),
        DeviceRecognizer(),
        CardRecognizer(),
        CuedCardRecognizer(),
        SpokenPhoneRecognizer(),
        SpokenCardRecognizer(),
        AddressTailRecognizer(),
        IbanRecognizer(),
        SsnRecognizer(),
        IpRecognizer(),
        PhoneRecognizer(),
        PersonRecognizer(),
    ]
