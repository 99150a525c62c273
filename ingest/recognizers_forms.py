"""Identifiers in the forms people say and type them when no pattern of their kind fits: numbers read out digit
by digit ("seven seven zero zero, nine zero zero …"), a card number after its cue however it is grouped or cut,
and postal addresses' tails (a US state and ZIP, a PO box, an Eircode, a UK postcode after its cue).

Same rules as :mod:`ingest.recognizers`: linear patterns, nothing logged.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ingest.recognizers import CARD_CUES, ID_CUES, SpanRecognizer, _finditer, count_digits, nearest_cue
from ingest.recognizers_payment import CardRecognizer, luhn_ok

__all__ = ["AddressTailRecognizer", "CuedCardRecognizer", "SpokenCardRecognizer", "SpokenPhoneRecognizer"]

_DIGIT = (
    r"(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine"
    # the digits as agents abroad hear them read out (Spanish, Portuguese, Italian, French, German, Dutch, Polish,
    # Turkish): nine or more in a row are a number whatever the language
    r"|cero|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|um|dois|duas|três|quatro|sete|oito|nove|due|tre"
    r"|quattro|cinque|sei|sette|otto|zéro|un|deux|trois|quatre|cinq|sept|huit|neuf|null|eins|zwei|zwo|drei|vier"
    r"|fünf|sechs|sieben|acht|neun|nul|een|één|twee|drie|vijf|zes|zeven|negen|jeden|jedna|dwa|trzy|cztery|pięć"
    r"|sześć|siedem|osiem|dziewięć|sıfır|bir|iki|üç|dört|beş|altı|yedi|sekiz|dokuz)"
)
_SPOKEN = regex.compile(
    rf"(?<![\p{{L}}])(?i:(?:(?:double|triple)[ -]+)?{_DIGIT}(?:[ ,\-]+(?:(?:double|triple)[ -]+)?{_DIGIT}){{8,}})"
    r"(?![\p{L}])"
)


def _spoken_digits(value: str) -> int:
    """How many digits a spoken run stands for ("double oh" is two)."""
    words = regex.findall(r"\p{L}+", value.lower())
    count, repeat = 0, 1
    for word in words:
        if word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
            continue
        count += repeat
        repeat = 1
    return count


class _SpokenDigitsRecognizer(SpanRecognizer):
    """A number read out digit by digit: a run of ``DIGITS`` spoken digits, after a card cue or not (``CARD_CUE``)."""

    DIGITS = range(0)
    CARD_CUE = False

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield runs of spoken digits of the length and cue this kind of number has."""
        if " " not in text:
            return
        for match in _finditer(_SPOKEN, text):
            carded = nearest_cue(text, match.start(), CARD_CUES) == 0
            if _spoken_digits(match.group()) in self.DIGITS and carded == self.CARD_CUE:
                yield match.span()


class SpokenPhoneRecognizer(_SpokenDigitsRecognizer):
    """A phone number read out: nine to fifteen spoken digits in a row, not after a card cue (``<PHONE>``)."""

    ENTITY = "PHONE"
    DIGITS = range(9, 16)


class SpokenCardRecognizer(_SpokenDigitsRecognizer):
    """A card number read out: 13–19 spoken digits after "card", "visa" and the like (``<CARD>``)."""

    ENTITY = "CARD"
    DIGITS = range(13, 20)
    CARD_CUE = True


class CuedCardRecognizer(SpanRecognizer):
    """After "card" (or "visa", "credit", …), a card number however it is grouped or split over a line
    ("4111-1111-1111-111 1", "5555 5555\\n5555 4444"): a card network's prefix and the Luhn check, as for any
    card, but no fixed layout."""

    ENTITY = "CARD"
    PATTERN = regex.compile(r"(?<![\w.,/-])[0-9](?:[0-9]|[ \-./_]{1,3}(?=[0-9])|[ ]?\n[ ]?(?=[0-9])){12,26}(?![\w])")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield cued runs of 13–19 digits."""
        if count_digits(text) < 13:
            return
        for match in _finditer(self.PATTERN, text):
            digits = "".join(c for c in match.group() if c.isdigit())
            if not (13 <= len(digits) <= 19 and CardRecognizer._PREFIX.match(digits) and luhn_ok(digits)):
                continue
            if nearest_cue(text, match.start(), ID_CUES, CARD_CUES) == 1:
                yield match.span()


_US_STATES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA "
    "RI SC SD TN TX UT VT VA WA WV WI WY DC"
).split()


class AddressTailRecognizer(SpanRecognizer):
    """The parts of a postal address the street patterns miss (placeholder ``<ADDRESS>``): a US "City, ST 12345"
    with the house number and street before it, a PO box, an Irish Eircode after its cue, and a UK postcode
    after "postcode" in any case ("sw1a1aa")."""

    ENTITY = "ADDRESS"
    US_TAIL = regex.compile(
        r"(?:(?<![\w])[0-9]{1,5}[ ][^,\n;]{2,40},[ ]*)?(?:\p{Lu}\p{Ll}+[ ]){1,3},?[ ]?(?P<state>[A-Z]{2})[ ]"
        r"[0-9]{5}(?:-[0-9]{4})?(?![\w])"
    )
    PO_BOX = regex.compile(
        r"(?<![\w])(?i:p\.?[ ]?o\.?[ ]?box|post[ ]office[ ]box|postfach|apartado)[ ]*[0-9]{1,6}(?![\w])"
    )
    EIRCODE = regex.compile(r"(?<![\w])(?i:eircode)[ :]*(?P<value>[A-Za-z][0-9][0-9Ww][ ]?[0-9A-Za-z]{4})(?![\w])")
    UK_CUED = regex.compile(
        r"(?<![\w])(?i:post[ ]?code|postal[ ]code)[ :]*"
        r"(?P<value>(?i:[a-z]{1,2}[0-9][a-z0-9]?[ ]?[0-9][a-z]{2}))(?![\w])"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield address tails, PO boxes, Eircodes and cued UK postcodes."""
        if count_digits(text) < 1:
            return
        for match in _finditer(self.US_TAIL, text):
            if match.group("state") in _US_STATES:
                yield match.span()
        for match in _finditer(self.PO_BOX, text):
            yield match.span()
        lowered = text.lower()
        if "eircode" in lowered:
            for match in _finditer(self.EIRCODE, text):
                yield match.span("value")
        if "code" in lowered:
            for match in _finditer(self.UK_CUED, text):
                yield match.span("value")
