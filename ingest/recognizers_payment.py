"""Payment identifiers: card numbers (Luhn-checked, with a card-network prefix) and IBANs (mod-97-checked).

Same rules as :mod:`ingest.recognizers`: linear patterns, a look at the words just before a candidate (an order or
tracking number is not a card), nothing logged.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ingest.recognizers import (
    CARD_CUES,
    ID_CUES,
    SpanRecognizer,
    _finditer,
    _words,
    nearest_cue,
)

__all__ = ["CardRecognizer", "IbanRecognizer", "iban_ok", "luhn_ok"]


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
        r"|[0-9]{4}(?P<s>[ ]-[ ]|[ ./_-])[0-9]{4}(?P=s)[0-9]{4}(?P=s)[0-9]{1,4}(?:(?P=s)[0-9]{3})?"
        r"|[0-9]{4}(?P<t>[ ./_-])[0-9]{6}(?P=t)[0-9]{4,5})"
        r"(?![\w]|[.,/-][0-9])(?![ -][0-9]+(?![0-9/]))"
    )
    # A spreadsheet's rendering of a long number: "4.11111111111111E+15" (its last digits are lost, so no Luhn
    # check), or the number with ".0" after it.
    SCIENTIFIC = regex.compile(r"(?<![\w.])[0-9][.,][0-9]{6,}[Ee]\+?1[2-8](?![\w.])")
    FLOAT = regex.compile(r"(?<![\w.,/-])(?P<digits>[0-9]{13,19})\.0+(?![\w.])")
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
        if "E" in text.upper():
            for match in _finditer(self.SCIENTIFIC, text):
                if nearest_cue(text, match.start(), ID_CUES, CARD_CUES) != 0:
                    yield match.span()
        if ".0" in text:
            for match in _finditer(self.FLOAT, text):
                digits = match.group("digits")
                if self._PREFIX.match(digits) and luhn_ok(digits) and nearest_cue(text, match.start(), ID_CUES) is None:
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
