"""More recognizers: national phone formats, national ids, postal addresses and dates of birth.

Same rules as :mod:`ingest.recognizers`: each is a :class:`SpanRecognizer` with linear patterns, every candidate is
checked against the words just before it (an order number is not a phone), and nothing logs or raises with the
text. They read the folded detection view (:func:`ingest.normalise.detection_view`), so non-breaking hyphens and
other dashes arrive as ``-``.
"""

from __future__ import annotations

from collections.abc import Iterator

import phonenumbers
import regex

from ingest.recognizers import (
    ID_CUES,
    PHONE_CUES,
    REGEX_TIMEOUT_S,
    SpanRecognizer,
    _words,
    count_digits,
    nearest_cue,
)


def _valid_in(raw: str, region: str) -> bool:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def _grouped_like(raw: str, region: str) -> bool:
    """Whether ``raw`` splits its digits into the groups the region's national format uses (trunk 0 ignored)."""
    number = phonenumbers.parse(raw, region)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    expected = [len(g) for g in regex.findall(r"[0-9]+", national)]
    if expected and national.lstrip("(").startswith("0"):
        expected[0] -= 1
        expected = [g for g in expected if g]
    return [len(g) for g in regex.findall(r"[0-9]+", raw)] == expected


__all__ = ["AddressRecognizer", "DobRecognizer", "NationalIdRecognizer", "NationalPhoneRecognizer"]

# Countries whose national formats are recognised without a "+" prefix.
PHONE_REGIONS = ("GB", "US", "DE", "FR", "ES", "IT", "NL", "IN", "AU", "IE", "BE", "AT", "CH", "PT", "CA", "NZ")
# Regions whose numbers need no trunk "0" (Spain, Italy's mobiles, India's mobiles, North America).
_NO_TRUNK_REGIONS = ("ES", "IT", "IN", "US", "CA", "PT")


def _finditer(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    return pattern.finditer(text, timeout=REGEX_TIMEOUT_S)


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


# -- national ids ----------------------------------------------------------------------------------------------

NATIONAL_ID_CUES = _words(
    """ni nino insurance passport licence license dl dni nie nif cif bsn sofinummer aadhaar aadhar pan tfn medicare
    steuer-id steueridentifikationsnummer steuernummer personalausweis ausweis nir insee securite sécurité fiscale
    codice cf tax taxid tin id-card idcard national identity"""
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

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield national id spans."""
        if count_digits(text) < 6:
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
        if any(cue in lowered for cue in ("ni", "passport", "licen", "dni", "nie", "bsn", "aadha", "tax", "tfn", "id")):
            for pattern in (self.NI_COMPACT, self.CUED):
                for match in _finditer(pattern, text):
                    digits = sum(c.isdigit() for c in match.group())
                    if _DATE_LIKE.fullmatch(match.group()):
                        continue  # a date after "ID checked," is a date, left to the date-of-birth recognizer
                    if (pattern is self.NI_COMPACT or digits >= 5) and _cue_right_before(text, match.start()):
                        yield match.span()


_FILLER = frozenset("no no. nr nr. num number # : is was of the card id on file".split())
_WORD_BEFORE = regex.compile(r"[\w#:.'-]+")


def _cue_right_before(text: str, start: int) -> bool:
    """A national-id cue word among the three words before ``start``, with only filler ("no.", "number", "#",
    ":") between it and the value: "passport no. K1234567", not "licence renewal quote Q-2024-118"."""
    words = _WORD_BEFORE.findall(text[max(0, start - 40) : start].lower())[-4:]
    for word in reversed(words):
        bare = word.strip(".:")
        if bare in NATIONAL_ID_CUES or word in NATIONAL_ID_CUES:
            return True
        if word not in _FILLER and bare not in _FILLER:
            return False
    return False


# -- postal addresses ------------------------------------------------------------------------------------------

_STREET_SUFFIX = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Close|Cl|Court|Ct|Way|Place|Pl|Crescent|Cres|Boulevard|Blvd"
    r"|Terrace|Terr|Gardens|Gdns|Square|Sq|Hill|Park|Row|Mews|Grove|Walk|Parade|Circle|Cir|Highway|Hwy|Parkway"
    r"|Pkwy|Trail|Broadway|Green|Rise|View|Vale|Wharf|Quay"
)
_WORD_CAP = r"\p{Lu}[\p{L}'’.-]*"
_UK_POSTCODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][A-Z]{2}"
_POSTCODE = rf"(?:{_UK_POSTCODE}|[0-9]{{4,5}}(?:-[0-9]{{4}})?|[0-9]{{4}}[ ]?[A-Z]{{2}}|[A-Z]{{2}}[ ][0-9]{{5}})"
_CITY_TAIL = rf"(?:,?[ ]+(?:{_POSTCODE}[ ]+)?{_WORD_CAP}(?:[ ]{_WORD_CAP})?)?(?:,?[ ]+{_POSTCODE})?"


class AddressRecognizer(SpanRecognizer):
    """Postal addresses: a house number and a street ("221B Baker Street, London NW1 6XE", "12 rue de la Paix,
    75002 Paris", "Hauptstraße 5, 10115 Berlin", "Via Roma 12", "Keizersgracht 123"), and whatever follows an
    address cue ("lives at …", "address: …", "postcode …") up to the end of the clause."""

    ENTITY = "ADDRESS"
    ENGLISH = regex.compile(
        rf"(?<![\w])[0-9]{{1,5}}[A-Za-z]?,?[ ]+(?:{_WORD_CAP}[ ]+){{1,3}}(?:{_STREET_SUFFIX})\.?(?![\w])" + _CITY_TAIL
    )
    _LATIN_STREET = (
        r"rue|avenue|boulevard|bd|chemin|allée|allee|impasse|quai|place|calle|avenida|avda|plaza|paseo|carrer|via"
        r"|viale|piazza|corso|largo|vicolo|rua|travessa|praça|praca"
    )
    _LATIN_NAME = (
        r"[ ]+(?:(?:de|del|de la|des|du|da|di|dei|della|do|dos|das|la|le|les|el)[ ]+)?"
        + _WORD_CAP
        + rf"(?:[ ]{_WORD_CAP}){{0,2}}"
    )
    # The house number comes first ("12 rue de la Paix") or the street word is capitalised and the number follows
    # ("Via Roma 12", "Calle Mayor 5"); "sent via Royal Mail" has neither.
    LATIN = regex.compile(
        rf"(?<![\w])(?:[0-9]{{1,4}}(?:[ ]?bis)?,?[ ]+(?i:{_LATIN_STREET}){_LATIN_NAME}"
        rf"|(?:{_LATIN_STREET.title()}|C/|Av\.|Avda\.|Bd\.){_LATIN_NAME},?[ ]*[0-9]{{1,4}}[A-Za-z]?(?![\w]))"
        + _CITY_TAIL
    )
    GERMANIC = regex.compile(
        r"(?<![\w])\p{Lu}\p{Ll}+(?:straße|strasse|str\.|weg|gasse|allee|platz|damm|ufer|gracht|laan|straat"
        r"|plein|kade|dijk|steeg|singel|markt)[ ]+[0-9]{1,4}[A-Za-z]?" + _CITY_TAIL
    )
    # After "lives at" / "address is" / "address:", the rest of the clause is the address when it starts with a
    # house number or a capitalised word; after "postcode" / "zip" only a postcode-shaped value is taken.
    CUED = regex.compile(
        r"(?i:(?:lives|living|resides|residing|moved|moving|based|located|staying|deliver(?:ed|y)?|send|sent|ship"
        r"|shipped)[ ]+(?:to|at|in)[ ]+(?=[0-9])|(?:home|postal|billing|shipping|delivery|street|new|old)?[ ]?"
        r"address(?:[ ]+is|[ ]*:)?)[ ]*(?=[0-9\p{Lu}])"
        r"(?P<rest>[^;\n]{3,80}?)"
        r"(?=[ ]*(?:[;\n]|\.(?:[ ]|$)|,[ ]+\p{Ll}|[ ]+(?:and|but|because|so|which|who|from|for|since)[ ]|$))"
    )
    POSTCODE_CUED = regex.compile(
        rf"(?i:post[ ]?code|zip(?:[ ]?code)?|plz|code[ ]postal|cap)(?:[ ]+is|[ ]*:)?[ ]+(?P<rest>{_POSTCODE})(?![\w])"
    )
    UK_POSTCODE = regex.compile(rf"(?<![\w])(?:{_UK_POSTCODE})(?![\w])")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield address spans."""
        for pattern in (self.ENGLISH, self.LATIN, self.GERMANIC):
            for match in _finditer(pattern, text):
                yield match.span()
        lowered = text.lower()
        if "address" in lowered or "post" in lowered or "zip" in lowered or " at " in lowered or " to " in lowered:
            for match in _finditer(self.CUED, text):
                rest = match.group("rest")
                before = text[max(0, match.start() - 8) : match.start()].lower()
                if before.endswith(("email ", "e-mail ", "ip ", "mac ", "web ", "wallet ", "server ", "mail ")):
                    continue
                explicit = regex.search(r"(?i:is|:)$", match.group()[: match.start("rest") - match.start()].strip())
                # A house number and a street word ("14 Elm St", "4-2-8 Shibakoen"), not "08:00-12:00".
                numbered = bool(regex.match(r"[0-9][0-9A-Za-z/-]*,?[ ]+\p{L}{3,}", rest))
                looks_like_address = numbered or (explicit and any(c.isupper() for c in rest))
                if looks_like_address and not rest.startswith("<"):
                    yield match.span("rest")
        if "post" in lowered or "zip" in lowered or "plz" in lowered or "cap" in lowered:
            for match in _finditer(self.POSTCODE_CUED, text):
                yield match.span("rest")
        # A UK postcode is distinctive enough on its own when the note names a city or street around it.
        for match in _finditer(self.UK_POSTCODE, text):
            if regex.search(r"(?:London|Manchester|Birmingham|Leeds|Glasgow|Edinburgh|Bristol|Cardiff|Belfast|,)\s*$",
                            text[max(0, match.start() - 30) : match.start()]):  # fmt: skip
                yield match.span()


# -- dates of birth --------------------------------------------------------------------------------------------

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|janvier|février|fevrier"
    r"|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|enero|febrero|marzo|abril"
    r"|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio"
    r"|settembre|ottobre|dicembre"
)
_NUMBER_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
    r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|oh"
)
_DATE_PART = (
    rf"(?:[0-9]{{1,4}}(?:st|nd|rd|th|er|\.)?|{_MONTHS}|{_NUMBER_WORDS}|(?:{_NUMBER_WORDS})-(?:{_NUMBER_WORDS}))"
)
_DATE_SEP = r"(?:[ ]*[/.\-,][ ]*|[ ]+(?:of[ ]+|the[ ]+|de[ ]+|del[ ]+)?|[ ]*,[ ]*)"


class DobRecognizer(SpanRecognizer):
    """Dates of birth after a cue ("DOB 14/07/1984", "born on the fourteenth of July 1984", "date of birth:
    July 14th, nineteen eighty-four", "geboren am 14. Juli 1984", "née le 14 juillet 1984"). The date alone, not
    the cue. Dates without such a cue are order, delivery and ticket dates and stay."""

    ENTITY = "DOB"
    PATTERN = regex.compile(
        r"(?<![\w])(?i:d\.?o\.?b\.?|date[ ]+of[ ]+birth|birth[ ]?date|birthday|born|geboren|geb\.|née?|nacido|nacida"
        r"|geburtsdatum|geboortedatum|nascido|nascida|data[ ]+de[ ]+nascimento|f\.[ ]?nac\.|fecha[ ]+de[ ]+nacimiento"
        r"|data[ ]+di[ ]+nascita|date[ ]+de[ ]+naissance)"
        r"(?:[ ]*(?:is|was|:|-|=|on|am|le|el|il|in|en))*[ ]*(?:the[ ]+)?"
        rf"(?P<date>(?i:{_DATE_PART})(?:{_DATE_SEP}(?i:{_DATE_PART})){{0,6}})"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield date-of-birth spans."""
        lowered = text.lower()
        if not any(
            cue in lowered for cue in ("dob", "d.o.b", "birth", "born", "geb", "né", "nac", "nat", "nasc", "b.")
        ):
            return
        for match in _finditer(self.PATTERN, text):
            date = match.group("date")
            # At least a year-like number, or a day and a month: "born in the 80s" is not a date of birth.
            if (
                regex.search(r"[0-9]{2}", date)
                or regex.search(rf"(?i:\b(?:{_MONTHS})\b)", date)
                or len(date.split()) >= 3
            ):
                start = match.start("date")
                end = match.end("date")
                while end > start and text[end - 1] in " ,.-/":
                    end -= 1
                yield start, end
