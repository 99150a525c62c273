"""Identity numbers and network addresses: US SSNs, other national ids (UK NI, Spanish DNI/NIE, Italian codice
fiscale, French NIR, Aadhaar, cued codes) and IP addresses.

Same rules as :mod:`ingest.recognizers`: linear patterns, a look at the words just before a candidate, nothing
logged.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import regex

from ingest.recognizers import (
    ID_CUES,
    IP_CUES,
    PHONE_CUES,
    SSN_CUES,
    VERSION_CUES,
    SpanRecognizer,
    _finditer,
    _words,
    count_digits,
    nearest_cue,
)

__all__ = ["IpRecognizer", "NationalIdRecognizer", "SsnRecognizer"]


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

    # After an IP cue, the octets as people pad or space them: "192.168.001.010", "81 . 2 . 69 . 161".
    CUED_V4 = regex.compile(r"(?<![\w.])[0-9]{1,3}(?:[ ]?\.[ ]?[0-9]{1,3}){3}(?![\w]|\.[0-9])")

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
            for match in _finditer(self.CUED_V4, text):
                octets = [int(o) for o in regex.findall(r"[0-9]+", match.group())]
                if all(o <= 255 for o in octets) and nearest_cue(text, match.start(), VERSION_CUES, IP_CUES) == 1:
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


# -- national ids ----------------------------------------------------------------------------------------------

NATIONAL_ID_CUES = _words(
    """ni nino insurance passport licence license dl dni nie nif cif bsn sofinummer aadhaar aadhar pan tfn medicare
    steuer-id steueridentifikationsnummer steuernummer personalausweis ausweis nir insee securite sécurité fiscale
    codice cf tax taxid tin id-card idcard national identity cpf cnpj pesel personnummer pps ppsn cpr rrn hetu curp
    nric emirates reisepass passeport pasaporte passaporto ausweisnummer 身份证"""
)
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_DATE_LIKE = regex.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{2,4}")


class NationalIdRecognizer(SpanRecognizer):
    """National identity numbers other than the US SSN (placeholder ``<NATIONAL_ID>``).

    Always: UK National Insurance numbers written in groups (``QQ 12 34 56 C``), Spanish DNI/NIE with a valid
    control letter (``12345678Z``), Italian codici fiscali, French social security numbers in their grouped
    layout, Indian Aadhaar numbers in groups of four. After a cue word ("NI", "passport", "licence", "BSN",
    "tax id"…): the compact forms and any 6–14 character code with at least five digits.
    """

    ENTITY = "NATIONAL_ID"
    NI_GROUPED = regex.compile(
        r"(?<![\w-])[A-Za-z]{2}(?:(?P<s>[ -])[0-9]{2}(?P=s)[0-9]{2}(?P=s)[0-9]{2}(?P=s)?|[ -][0-9]{6}[ -])[A-Da-d]"
        r"(?![\w-])"
    )
    NI_COMPACT = regex.compile(r"(?<![\w])[A-Za-z]{2}[0-9]{6}[A-Da-d](?![\w])")
    # The letters HMRC issues: not D F I Q U V first, not D F I O Q U V second, not BG GB NK KN TN NT ZZ; "QQ" is
    # the specimen prefix every example uses.
    NI_PREFIX = regex.compile(r"(?i:qq|(?![dfiquv])[a-z](?![dfioquv])[a-z])(?<!(?i:bg|gb|nk|kn|tn|nt|zz))")
    DNI = regex.compile(r"(?<![\w])(?P<nie>[XYZxyz])?(?P<num>[0-9]{7,8})[- ]?(?P<letter>[A-Za-z])(?![\w])")
    CODICE_FISCALE = regex.compile(
        r"(?<![\w])[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[ABCDEHLMPRSTabcdehlmprst][0-9LMNPQRSTUVlmnpqrstuv]{2}"
        r"[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z](?![\w])"
    )
    NIR = regex.compile(
        r"(?<![\w])[12][ ][0-9]{2}[ ][0-9]{2}[ ][0-9AB]{2}[ ][0-9]{3}[ ][0-9]{3}(?:[ ][0-9]{2})?(?![\w])"
    )
    AADHAAR = regex.compile(r"(?<![\w-])(?<![0-9][ -])[2-9][0-9]{3}[ -][0-9]{4}[ -][0-9]{4}(?![\w]|[ -][0-9])")
    CUED = regex.compile(r"(?<![\w])(?=[A-Za-z0-9-]*[0-9])[A-Za-z0-9][A-Za-z0-9-]{4,16}[A-Za-z0-9](?![\w])")
    # India's PAN: five letters, four digits, a letter ("ABCPE1234F"), after its cue.
    PAN = regex.compile(r"(?<![\w])[A-Z]{5}[0-9]{4}[A-Z](?![\w])")
    # The same after its cue, written in groups: "CPF 123.456.789-09", "TFN 123 456 782", "85.07.30-033.28".
    GROUPED = regex.compile(r"(?<![\w.])[0-9][A-Za-z0-9]{0,7}(?:[ ./-][A-Za-z0-9]{1,8}){1,5}(?![\w]|[.-][0-9])")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield national id spans."""
        if count_digits(text) < 4:  # India's PAN holds four
            return
        for pattern in (self.NI_GROUPED, self.CODICE_FISCALE, self.NIR):
            for match in _finditer(pattern, text):
                yield match.span()
        for match in _finditer(self.NI_COMPACT, text):
            # "qq123456c" alone, as an extra field holds it: the NI shape with letters HMRC issues is enough.
            if self.NI_PREFIX.fullmatch(match.group()[:2]) and nearest_cue(text, match.start(), ID_CUES) != 0:
                yield match.span()
        for match in _finditer(self.DNI, text):
            number = (
                int(match.group("num")) + "XYZ".index(match.group("nie").upper()) * 10**7
                if match.group("nie")
                else int(match.group("num"))
            )
            if _DNI_LETTERS[number % 23] == match.group("letter").upper() and (
                nearest_cue(text, match.start(), ID_CUES, NATIONAL_ID_CUES) != 0
            ):
                yield match.span()
        for match in _finditer(self.AADHAAR, text):
            if nearest_cue(text, match.start(), ID_CUES, NATIONAL_ID_CUES) != 0:
                yield match.span()
        lowered = text.lower()
        if any(cue in lowered for cue in _CUE_GATE):
            for pattern in (self.NI_COMPACT, self.CUED, self.GROUPED, self.PAN):
                for match in _finditer(pattern, text):
                    digits = sum(c.isdigit() for c in match.group())
                    if _DATE_LIKE.fullmatch(match.group()):
                        continue  # a date after "ID checked," is a date, left to the date-of-birth recognizer
                    shaped = pattern is self.NI_COMPACT or pattern is self.PAN
                    if (shaped or digits >= 5) and _cue_right_before(text, match.start()):
                        yield match.span()


# Cheap first look for a cue: every cue word holds one of these.
_CUE_GATE = (
    "ni", "passport", "licen", "dni", "nie", "bsn", "aadha", "tax", "tfn", "id", "dl", "cpf", "cnpj", "pesel",
    "personnummer", "pps", "cpr", "rrn", "hetu", "curp", "nric", "emirates", "pass", "medicare", "身份证", "national",
    "pan",
)  # fmt: skip
_FILLER = frozenset("no no. nr nr. num number # : is was of the card id on file".split())
_WORD_BEFORE = regex.compile(r"[\w#:.'-]+")


def _cue_right_before(text: str, start: int) -> bool:
    """A national-id cue word among the three words before ``start``, with only filler ("no.", "number", "#",
    ":") between it and the value: "passport no. K1234567", not "licence renewal quote Q-2024-118"."""
    words = _WORD_BEFORE.findall(text[max(0, start - 40) : start].lower())[-4:]
    for position in range(len(words) - 1, -1, -1):
        word = words[position]
        bare = word.strip(".:")
        if bare in NATIONAL_ID_CUES or word in NATIONAL_ID_CUES:
            return True
        if bare == "card" and position and words[position - 1] in ("id", "identity"):
            return True  # "ID card L01X00T47": both words are filler alone, together they are the cue
        if word not in _FILLER and bare not in _FILLER:
            return False
    return False
