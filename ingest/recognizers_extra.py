"""Postal addresses and dates of birth.

Same rules as :mod:`ingest.recognizers`: each is a :class:`SpanRecognizer` with linear patterns, every candidate is
checked against the words just before it, and nothing logs or raises with the text.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ingest.recognizers import (
    REGEX_TIMEOUT_S,
    SpanRecognizer,
)

__all__ = ["AddressRecognizer", "DobRecognizer"]


def _finditer(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    return pattern.finditer(text, timeout=REGEX_TIMEOUT_S)


# -- postal addresses ------------------------------------------------------------------------------------------

_STREET_SUFFIX = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Close|Cl|Court|Ct|Way|Place|Pl|Crescent|Cres|Boulevard|Blvd"
    r"|Terrace|Terr|Gardens|Gdns|Square|Sq|Hill|Park|Row|Mews|Grove|Walk|Parade|Circle|Cir|Highway|Hwy|Parkway"
    r"|Pkwy|Trail|Broadway|Green|Rise|View|Vale|Wharf|Quay"
)
_WORD_CAP = r"\p{Lu}[\p{L}'’.-]*"
_UK_POSTCODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][A-Z]{2}"
# UK, US ZIP(+4), Portuguese 1100-053, Dutch 1234 AB, "NY 10001".
_POSTCODE = rf"(?:{_UK_POSTCODE}|[0-9]{{4,5}}(?:-[0-9]{{3,4}})?|[0-9]{{4}}[ ]?[A-Z]{{2}}|[A-Z]{{2}}[ ][0-9]{{5}})"
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
    r"|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus|janeiro|fevereiro|março|marco|maio|junho|julho"
    r"|setembro|outubro|dezembro|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|wrzesnia"
    r"|października|pazdziernika|listopada|grudnia|ocak|şubat|subat|mart|nisan|mayıs|mayis|haziran|temmuz|ağustos"
    r"|agustos|eylül|eylul|ekim|kasım|kasim|aralık|aralik"
)
_NUMBER_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
    r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|oh"
)
# Each word must end where the text's word ends: "nine" is not the end of "nineteen", nor "jan" of "janvier".
_DATE_PART = (
    rf"(?:[0-9]{{1,4}}(?:st|nd|rd|th|er|\.(?![0-9]))?|(?:{_MONTHS})(?!\p{{L}})"
    rf"|(?:{_NUMBER_WORDS})-(?:{_NUMBER_WORDS})(?!\p{{L}})|(?:{_NUMBER_WORDS})(?!\p{{L}}))"
)
_DATE_SEP = r"(?:[ ]*[/.\-,][ ]*|[ ]+(?:of[ ]+|the[ ]+|de[ ]+|del[ ]+)?|[ ]*,[ ]*|[年月])"


# Cheap first look for a cue: every cue holds one of these.
_DOB_GATE = (
    "dob", "d.o.b", "birth", "born", "geb", "né", "nac", "nat", "nasc", "nais", "b.", "рожд", "д.", "ur.", "urodz",
    "doğum", "dogum", "d.t", "synty", "føds", "født", "föd", "szület", "naroz", "naște", "născ", "verjaardag",
    "cumple", "anniv", "生", "생년월일", "الميلاد",
)  # fmt: skip


class DobRecognizer(SpanRecognizer):
    """Dates of birth after a cue ("DOB 14/07/1984", "born on the fourteenth of July 1984", "date of birth:
    July 14th, nineteen eighty-four", "geboren am 14. Juli 1984", "née le 14 juillet 1984"). The date alone, not
    the cue. Dates without such a cue are order, delivery and ticket dates and stay."""

    ENTITY = "DOB"
    PATTERN = regex.compile(
        r"(?<![\w])(?i:d\.?o\.?b\.?|date[ ]+of[ ]+birth|birth[ ]?date|birthday|born|geboren|geb\.|née?|nacido|nacida"
        r"|geburtsdatum|geboortedatum|nascido|nascida|data[ ]+de[ ]+nascimento|f\.[ ]?nac\.|fecha[ ]+de[ ]+nacimiento"
        r"|data[ ]+di[ ]+nascita|date[ ]+de[ ]+naissance|дата[ ]+рождения|д\.[ ]?р\.|nat[oa][ ]+(?:il|a|nel|in)"
        r"|ur\.|urodzon[ya]|urodzenia|data[ ]+urodzenia|doğum[ ]+tarihi|dogum[ ]+tarihi|doğum|d\.[ ]?t\."
        r"|syntymäaika|syntynyt|født|fødselsdato|född|födelsedatum|született|születési[ ]+dátum|narozen[aá]?"
        r"|datum[ ]+narození|data[ ]+nașterii|născut[ăa]?|geburtstag|verjaardag|cumpleaños|anniversaire"
        r"|生年月日|出生日期|生日|생년월일|تاريخ[ ]+الميلاد)"
        # A few words may come between the cue and a colon: "Geburtsdatum laut Kundin: 4. März 1985".
        r"(?:(?:[ ]+[\p{L}]+){1,3}[ ]*:)?"
        r"(?:[ ]*(?:is|was|:|-|=|on|am|le|el|il|in|en|em|op|dnia|w))*[ ]*(?:the[ ]+)?"
        rf"(?P<date>(?i:{_DATE_PART})(?:{_DATE_SEP}(?i:{_DATE_PART})){{0,6}})"
    )

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield date-of-birth spans."""
        lowered = text.lower()
        if not any(cue in lowered for cue in _DOB_GATE):
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
