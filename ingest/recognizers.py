"""Presidio recognizers for the identifiers Earshot removes from agents' notes.

Presidio's built-ins are tuned for recall on documents; call notes are full of order numbers, prices, ticket ids
and versions that those patterns take for phones, SSNs or IPs, and some built-ins log the matched text. So each
recognizer here is a small :class:`EntityRecognizer` with one linear regex and a check that looks at the words just
before the match: "order 4155550123" is an order id, "callback 4155550123" a phone. Entity types are the
placeholder names themselves (``PHONE`` → ``<PHONE>``). None of them ever logs or raises with the text.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Iterator

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = [
    "CardRecognizer",
    "EmailRecognizer",
    "IbanRecognizer",
    "IpRecognizer",
    "NoContextEnhancer",
    "PhoneRecognizer",
    "SpanRecognizer",
    "SsnRecognizer",
    "default_recognizers",
]

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
    festnetz rufnummer portable fixe numéro numero cellulare cell. mobiel tlf"""
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
    _DOT = r"(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+|\.)"
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
        _LOCAL_START
        + r"(?i:(?P<local>[\p{L}0-9][\p{L}0-9._%+-]*"
        r"(?:(?:\s+dot\s+|\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+(?:underscore|dash)\s+)"
        r"[\p{L}0-9][\p{L}0-9._%+-]*){0,3})"
        r"(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*"
        + _LABEL
        + r"|\s+at\s+(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|aol|protonmail|proton|gmx"
        r"|yandex|comcast|verizon|btinternet|sky|orange|zoho|fastmail|web|t-online|libero|wanadoo|free|laposte"
        r"|rediffmail|bigpond|virginmedia|mail)"
        r"|\s+at\s+" + _LABEL + r"(?=(?:\s+dot\s+" + _LABEL + r"){0,2}\s+dot\s+(?:" + _TLD + r")(?![A-Za-z0-9-])))"
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
        if "at" in lowered and ("dot" in lowered or "." in text):
            for match in _finditer(self.SPELLED, text):
                local = match.group("local").lower()
                if local not in self._NOT_LOCAL and not local.endswith((" me", " him", " her", " them", " us")):
                    yield match.span()


def luhn_ok(digits: str) -> bool:
    """Return True when the ASCII digit string passes the Luhn checksum used by payment cards."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


class CardRecognizer(SpanRecognizer):
    """Payment card numbers: 13–19 digits, bare or grouped by spaces, dashes or dots, a card-network prefix,
    Luhn-valid."""

    ENTITY = "CARD"
    # Not glued to other digits or digit groups on either side, so a 16-digit window of a 22-digit tracking
    # number is not taken; "05/27" after the number is an expiry date, not more digits of it.
    PATTERN = regex.compile(
        r"(?<![\w.,/-])(?<![0-9][ -])"
        r"(?:[0-9]{13,19}"
        r"|[0-9]{4}(?P<s>[ .-])[0-9]{4}(?P=s)[0-9]{4}(?P=s)[0-9]{1,4}(?:(?P=s)[0-9]{3})?"
        r"|[0-9]{4}(?P<t>[ .-])[0-9]{6}(?P=t)[0-9]{4,5})"
        r"(?![\w]|[.,/-][0-9])(?![ -][0-9]+(?![0-9/]))"
    )
    _PREFIX = regex.compile(r"4|5[0-9]|6|3[4-9]|30[0-5]|2(?:22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720)")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield Luhn-valid card spans not introduced as an order/tracking/IMEI number."""
        for match in _finditer(self.PATTERN, text):
            digits = "".join(c for c in match.group() if c.isdigit())
            if not (13 <= len(digits) <= 19 and self._PREFIX.match(digits) and luhn_ok(digits)):
                continue
            if nearest_cue(text, match.start(), ID_CUES, CARD_CUES) == 0:
                continue
            yield match.span()


# ISO 13616 lengths per country: a checksum alone lets 1 in 97 random strings through.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29,
    "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip


def iban_ok(compact: str) -> bool:
    """Return True when ``compact`` (no spaces, upper case) has its country's length and a valid mod-97 checksum."""
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


class IbanRecognizer(SpanRecognizer):
    """IBANs, compact or in groups of four, checked against the country's length and the mod-97 checksum."""

    ENTITY = "IBAN"
    PATTERN = regex.compile(
        r"(?<![A-Za-z0-9])(?i:[a-z]{2}[0-9]{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,4})?)(?![A-Za-z0-9])"
    )

    # A country code, check digits and at least three groups of four: the layout banks print. Someone's account
    # number with a typo or a missing group is still someone's account number, so this shape goes even when the
    # checksum fails; a compact string needs the checksum (or an IBAN/account cue).
    GROUPED = regex.compile(
        r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ -][A-Za-z0-9]{4}){3,7}(?:[ -][A-Za-z0-9]{1,4})?(?![A-Za-z0-9])"
    )
    _CUES = _words("iban bank account acct acc bic swift sepa transfer refund payout")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield IBAN spans; the regex may run into a following word, so try each group boundary, longest first."""
        for match in _finditer(self.PATTERN, text):
            candidate = match.group()
            ends = [i for i in range(len(candidate), 3, -1) if i == len(candidate) or candidate[i] in " -"]
            for end in ends:
                compact = "".join(c for c in candidate[:end] if c.isalnum()).upper()
                if compact.isascii() and iban_ok(compact):
                    yield match.start(), match.start() + end
                    break
            else:
                compact = "".join(c for c in candidate if c.isalnum()).upper()
                digits = sum(c.isdigit() for c in compact)
                if (
                    compact[:2] in IBAN_LENGTHS
                    and len(compact) >= 14
                    and digits >= len(compact) * 0.6
                    and nearest_cue(text, match.start(), ID_CUES, self._CUES) == 1
                ):
                    yield match.span()
        for match in _finditer(self.GROUPED, text):
            compact = "".join(c for c in match.group() if c.isalnum()).upper()
            if compact[:2] in IBAN_LENGTHS and sum(c.isdigit() for c in compact) >= len(compact) * 0.6:
                yield match.span()


class SsnRecognizer(SpanRecognizer):
    """US Social Security numbers: ``123-45-6789`` and ``123 45 6789`` anywhere but after an order or phone cue;
    dotted or bare forms only after an SSN cue."""

    ENTITY = "SSN"
    PATTERN = regex.compile(r"(?<![\w.,/-])([0-9]{3})([ .-]?)([0-9]{2})\2([0-9]{4})(?![\w]|[.,/-][0-9])")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield SSN spans whose area, group and serial could have been issued."""
        for match in _finditer(self.PATTERN, text):
            area, sep, group, serial = match.groups()
            if area in ("000", "666") or group == "00" or serial == "0000":
                continue
            cue = nearest_cue(text, match.start(), SSN_CUES, ID_CUES | PHONE_CUES)
            # "123-45-6789" and "123 45 6789" have the SSN's own shape (no phone or order number is grouped 3-2-4);
            # dotted or bare nine digits need the cue.
            if (sep == " " and cue == 1) or (sep not in ("-", " ") and cue != 0):
                continue
            yield match.span()


PUBLIC_RESOLVERS = frozenset(
    "1.1.1.1 1.0.0.1 8.8.8.8 8.8.4.4 9.9.9.9 149.112.112.112 208.67.222.222 208.67.220.220 4.2.2.2".split()
)


class IpRecognizer(SpanRecognizer):
    """IPv4 and IPv6 addresses (validated by :mod:`ipaddress`), but not four-part version numbers."""

    ENTITY = "IP"
    _OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    V4 = regex.compile(rf"(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?:/[0-9]{{1,2}})?(?![\w]|\.[0-9])")
    _H = r"[0-9A-Fa-f]{1,4}"
    # Full form, or any "::" compressed form; optionally ending in an embedded IPv4 address.
    V6 = regex.compile(
        rf"(?<![\w:.])(?:(?:{_H}:){{7}}{_H}|(?:{_H}:){{0,7}}(?:{_H})?::(?:{_H}:){{0,6}}(?:{_H}|(?:[0-9]{{1,3}}\.){{3}}[0-9]{{1,3}})?"
        rf"|(?:{_H}:){{6}}(?:[0-9]{{1,3}}\.){{3}}[0-9]{{1,3}})(?:%[0-9A-Za-z]+)?(?:/[0-9]{{1,3}})?(?![\w:]|\.[0-9])"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield IP spans.

        An IPv6 candidate needs a digit (so "add::bead" stays) and, unless an IP cue precedes it, a hex letter or
        five groups (so a ratio "3:2::1" or a time "10:30::" stays).
        """
        if "." in text:
            for match in _finditer(self.V4, text):
                if match.group() in PUBLIC_RESOLVERS:
                    continue  # 8.8.8.8 is Google's DNS, not anybody's address
                if nearest_cue(text, match.start(), VERSION_CUES, IP_CUES) != 0 and _is_ip(match.group()):
                    yield match.span()
        if "::" in text or text.count(":") >= 7:
            for match in _finditer(self.V6, text):
                value = match.group()
                if not any(c.isdigit() for c in value) or value.count(":") < 2 or not _is_ip(value):
                    continue
                address = value.split("/")[0].split("%")[0].lower()
                looks_like_ipv6 = any(c in "abcdef" for c in address) or len([g for g in address.split(":") if g]) >= 5
                if looks_like_ipv6 or nearest_cue(text, match.start(), VERSION_CUES, IP_CUES) == 1:
                    yield match.span()


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_interface(value)
    except ValueError:
        return False
    return True


class PhoneRecognizer(SpanRecognizer):
    """Phone numbers: international (``+44 …``, ``0049 …``), US formats, and national numbers after a phone cue.

    Candidates come from layouts people write phones in; :mod:`phonenumbers` then decides whether the digits can
    be a number. A bare digit run needs to be a valid US number (or follow a phone cue), and any candidate just
    after "order", "ticket", "#"… is an identifier, not a phone.
    """

    ENTITY = "PHONE"
    # None may start right after another digit group: "DE89 3704 0044 0532 …" holds no phone.
    _SEP = r"[ .\-\u00a0]?"
    INTERNATIONAL = regex.compile(
        r"(?<![\w+])(?:\+|(?<![0-9][ .\-])00)[ ]?[1-9][0-9]{0,2}(?:[ .\-\u00a0]?(?:\(0\)[ ]?)?\(?[0-9]{1,5}\)?){1,6}"
        r"(?:[ ]?(?:x|ext\.?|extension)[ ]?[0-9]{1,5})?(?![\w]|[.-][0-9])"
    )
    US = regex.compile(
        r"(?<![\w+.\-/])(?<![0-9][ .\-])(?:1[ .\-])?(?:\([2-9][0-9]{2}\)[ .\-]?|[2-9][0-9]{2}[ .\-])"
        r"[0-9]{3}[ .\-][0-9]{4}"
        r"(?:[ ]?(?:x|ext\.?|extension)[ ]?[0-9]{1,5})?(?![\w]|[.,/\-][0-9])"
    )
    BARE = regex.compile(r"(?<![\w.,/\-+])(?<![0-9][ .\-])1?[2-9][0-9]{9}(?![\w]|[.,/\-][0-9])")
    NATIONAL = regex.compile(
        r"(?<![\w+.,/\-])(?<![0-9][ .\-])0[0-9]{1,4}(?:[ .\-]?[0-9]{2,4}){1,4}(?![\w]|[.,/\-][0-9])"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield phone spans."""
        if count_digits(text) < 7:
            return
        for match in _finditer(self.INTERNATIONAL, text):
            span = self._international(match)
            if span:
                yield span
        for match in _finditer(self.US, text):
            if nearest_cue(text, match.start(), ID_CUES, PHONE_CUES) != 0:
                yield match.span()
        for match in _finditer(self.BARE, text):
            cue = nearest_cue(text, match.start(), ID_CUES, PHONE_CUES)
            if cue == 1 or (cue is None and _valid_in(match.group(), "US")):
                yield match.span()
        for match in _finditer(self.NATIONAL, text):
            digits = sum(c.isdigit() for c in match.group())
            if 9 <= digits <= 12 and nearest_cue(text, match.start(), ID_CUES, PHONE_CUES) == 1:
                yield match.span()

    @staticmethod
    def _international(match: regex.Match[str]) -> tuple[int, int] | None:
        # The pattern can run on into a following count ("+44 20 7946 0958 2 calls"): try shorter prefixes
        # ending at a group boundary, preferring a valid number over a merely possible one.
        raw = match.group()
        cuts = [i for i in range(len(raw), 0, -1) if i == len(raw) or raw[i] in " .-\u00a0"]
        best = None
        for cut in cuts:
            candidate = raw[:cut].rstrip(" .-(")
            if sum(c.isdigit() for c in candidate) < 8:
                break
            number = _parse(("+" + candidate[2:].lstrip()) if candidate.startswith("00") else candidate, None)
            if number is None:
                continue
            if phonenumbers.is_valid_number(number):
                return match.start(), match.start() + len(candidate)
            if best is None and phonenumbers.is_possible_number(number):
                best = (match.start(), match.start() + len(candidate))
        return best


def _parse(raw: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None


def _valid_in(raw: str, region: str) -> bool:
    number = _parse(raw, region)
    return number is not None and phonenumbers.is_valid_number(number)


def default_recognizers() -> list[EntityRecognizer]:
    """Return one instance of each built-in Earshot recognizer."""
    from ingest.name_cues import PersonRecognizer
    from ingest.recognizers_extra import (
        AddressRecognizer,
        DobRecognizer,
        NationalIdRecognizer,
        NationalPhoneRecognizer,
    )

    return [
        NationalPhoneRecognizer(),
        NationalIdRecognizer(),
        AddressRecognizer(),
        DobRecognizer(),
        EmailRecognizer(),
        CardRecognizer(),
        IbanRecognizer(),
        SsnRecognizer(),
        IpRecognizer(),
        PhoneRecognizer(),
        PersonRecognizer(),
    ]
