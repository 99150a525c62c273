"""Phone numbers: international and US layouts (:class:`PhoneRecognizer`) and the national formats of
:data:`PHONE_REGIONS` (:class:`NationalPhoneRecognizer`); :mod:`phonenumbers` decides whether digits can be a number.

Same rules as :mod:`ingest.recognizers`: linear patterns, a look at the words just before a candidate (an order
number is not a phone), nothing logged. They read the folded detection view, so non-breaking hyphens and other
dashes arrive as ``-``.
"""

from __future__ import annotations

from collections.abc import Iterator

import phonenumbers
import regex

from ingest.recognizers import (
    ID_CUES,
    PHONE_CUES,
    SpanRecognizer,
    _finditer,
    count_digits,
    nearest_cue,
)

__all__ = ["PHONE_REGIONS", "NationalPhoneRecognizer", "PhoneRecognizer"]


# A date is no phone number, whatever cue comes before it.
_DATE = regex.compile(
    r"(?:19|20)[0-9]{2}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./](?:19|20)?[0-9]{2}"
)


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

    # Any local layout right after a phone cue: "celular (11) 98765-4321", "móvil 612 345 678", "gsm 0470 12 34 56".
    CUED = regex.compile(r"(?<![\w+.,/\-])\(?[0-9]{2,4}\)?(?:[ .\-]?[0-9]{2,5}){1,4}(?![\w]|[.,/\-][0-9])")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield phone spans."""
        if count_digits(text) < 7:
            return
        for match in _finditer(self.CUED, text):
            digits = sum(c.isdigit() for c in match.group())
            if _DATE.fullmatch(match.group()):
                continue  # "transferred … at 14:05 on 2024-03-15"
            if 8 <= digits <= 13 and nearest_cue(text, match.start(), ID_CUES, PHONE_CUES, window=16) == 1:
                yield match.span()
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


def _grouped_like(raw: str, region: str) -> bool:
    """Whether ``raw`` splits its digits into the groups the region's national format uses (trunk 0 ignored)."""
    number = phonenumbers.parse(raw, region)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    expected = [len(g) for g in regex.findall(r"[0-9]+", national)]
    if expected and national.lstrip("(").startswith("0"):
        expected[0] -= 1
        expected = [g for g in expected if g]
    return [len(g) for g in regex.findall(r"[0-9]+", raw)] == expected


# Countries whose national formats are recognised without a "+" prefix.
PHONE_REGIONS = ("GB", "US", "DE", "FR", "ES", "IT", "NL", "IN", "AU", "IE", "BE", "AT", "CH", "PT", "CA", "NZ")
# Regions whose numbers need no trunk "0" (Spain, Italy's mobiles, India's mobiles, North America).
_NO_TRUNK_REGIONS = ("ES", "IT", "IN", "US", "CA", "PT")


class NationalPhoneRecognizer(SpanRecognizer):
    """Phone numbers written the national way, in any of :data:`PHONE_REGIONS`: ``07700 900123``,
    ``020 7946 0958``, ``030 901820``, ``06 12 34 56 78``, ``612 34 56 78``, ``333 123 4567``, ``98765 43210``,
    ``0412 345 678`` — with spaces, dots or dashes, or none.

    :mod:`phonenumbers` finds and validates the candidates. A candidate introduced by an id word ("order",
    "ticket", "#") is not a phone. Without a phone word before it, a candidate must look like a phone number as
    people write one: grouped, or a trunk-``0`` number of 10–11 digits.
    """

    ENTITY = "PHONE"
    _GROUPED = regex.compile(r"[0-9]+(?:[ .\-/]|\)[ ]?)[0-9]")
    # A run of digits and the separators people put in phone numbers, not glued to letters or other digit groups.
    CANDIDATE = regex.compile(
        r"(?<![\w+.,/\-])(?<![0-9][ .\-])\(?[0-9](?:[0-9]|[ .\-/](?=[0-9])|\)[ ]?(?=[0-9])){7,17}(?![\w]|[.,\-/:][0-9])"
    )
    _DATE = regex.compile(r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield national phone spans: each candidate, cut back group by group, is tried in every region."""
        if count_digits(text) < 8:
            return
        for match in _finditer(self.CANDIDATE, text):
            raw = match.group()
            date = self._DATE.match(raw)
            if date and (date.end() == len(raw) or raw[date.end()] == " "):
                continue  # "2024-03-15 14:30", "15.03.2024 0930"
            cuts = [i for i in range(len(raw), 0, -1) if i == len(raw) or raw[i] in " .-/"]
            for cut in cuts:
                candidate = raw[:cut].rstrip(" .-/(")
                if sum(c.isdigit() for c in candidate) < 8:
                    break
                regions = [r for r in PHONE_REGIONS if _valid_in(candidate, r)]
                if regions:
                    if any(self._accept(text, candidate, match.start(), r) for r in regions):
                        yield match.start(), match.start() + len(candidate)
                    break

    def _accept(self, text: str, raw: str, start: int, region: str) -> bool:
        if start and (text[start - 1].isalnum() or text[start - 1] in "#/-"):
            return False
        cue = nearest_cue(text, start, ID_CUES, PHONE_CUES)
        if cue == 0:
            return False
        if cue == 1:
            return True
        digits = sum(c.isdigit() for c in raw)
        grouped = bool(self._GROUPED.search(raw))
        if raw.lstrip("(").startswith("0"):
            return grouped or 10 <= digits <= 11
        # No trunk prefix: only the regions that dial that way, written in that region's own groups ("612 34 56 78"
        # in Spain, "333 123 4567" in Italy), so "2024-55-1201" is not an American number.
        return region in _NO_TRUNK_REGIONS and grouped and digits >= 9 and _grouped_like(raw, region)
