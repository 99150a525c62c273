"""Identifiers a note announces with a cue word in its own language: national, tax and social-security numbers and
identity documents (``<NATIONAL_ID>``), customer, member and loyalty numbers (``<ACCOUNT>``) and vehicle
registration plates (``<VEHICLE>``).

A contact centre abroad writes "RUT 14.821.733-5", "cédula de ciudadanía 1.020.482.173", "Versichertennummer
K482173951", "TC kimlik no 48217339186", "Kundennummer 4711-0815-22", "Kennzeichen M-KL 4821", "targa FD 482 KT".
None has a shape of its own a pattern could trust — the same digits are an order number elsewhere — but each follows
a word that says what it is. The cue lists hold the words for these documents in the languages a European or
American contact centre meets (and a few beyond); the value must follow the cue, with only filler between ("no.",
"nr", "n°", "número", "numarası", ":"), and look like a code: groups of letters and digits, enough digits for the
kind (five for an id or an account number, one for a plate). Same rules as :mod:`ingest.recognizers`: linear
patterns, nothing logged.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ingest.recognizers import SpanRecognizer, _finditer

__all__ = ["CuedAccountRecognizer", "CuedNationalIdRecognizer", "VehiclePlateRecognizer"]


def _cue_pattern(cues: str) -> regex.Pattern[str]:
    """One pattern for cue phrases (one per line or separated by "|"), longest first, whole words, any case."""
    phrases = {p.strip() for line in cues.splitlines() for p in line.split("|") if p.strip()}
    alternation = "|".join(regex.escape(p).replace(r"\ ", r"[ ]+") for p in sorted(phrases, key=len, reverse=True))
    # No letter may follow, a digit may: "身份证号110105…", "DNI12345678Z".
    return regex.compile(rf"(?<![\w])(?i:{alternation})(?![\p{{L}}])")


# National, tax and social-security numbers, and identity documents (passports, identity cards, driving licences).
_NATIONAL_ID_CUES = _cue_pattern(
    """id number|id no|id nr|identity number|identification number|id card|identity card|national id|national insurance
    social insurance number|health card|health insurance number|insurance number|passport|passport number
    driver's license|drivers license|driving licence|driving license|licence number|license number|tax id|tax number
    dni|nie|nif|nss|nuss|cédula|cedula|cédula de ciudadanía|cédula de identidad|documento de identidad
    documento nacional de identidad|número de identificación|seguridad social|número de la seguridad social|rut
    curp|rfc|cuil|cuit|pasaporte|carnet de conducir|permiso de conducir|licencia de conducir
    cpf|cnpj|rg|cartão de cidadão|cartao de cidadao|bilhete de identidade|carteira de identidade|cnh|pis|niss
    passaporte|carta de condução|carteira de motorista|título de eleitor
    nir|numéro de sécurité sociale|sécurité sociale|securite sociale|numéro fiscal|numero fiscal|carte d'identité
    carte d’identité|carte nationale d'identité|cni|carte vitale|passeport|permis de conduire|nas
    numéro d'assurance sociale|avs|ahv|ahv-nr|ahv-nummer|numéro avs|numéro national|registre national
    steuer-id|steuer-idnr|steueridentifikationsnummer|steuernummer|sozialversicherungsnummer|svnr|sv-nummer
    sv-nr|rentenversicherungsnummer|versichertennummer|krankenversichertennummer|personalausweis
    personalausweis-nr|personalausweisnummer|ausweis|ausweisnummer|reisepass|reisepassnummer|führerschein
    führerscheinnummer|fuehrerschein|codice fiscale|carta d'identità|carta di identità|carta d’identità|passaporto
    patente|tessera sanitaria|bsn|burgerservicenummer|sofinummer|paspoort|paspoortnummer|rijbewijs|identiteitskaart
    id-kaart|rijksregisternummer|rijksregister|pesel|nip|regon|dowód osobisty|dowodu osobistego|nr dowodu
    nr dowodu osobistego|numer dowodu|dowód|paszport|prawo jazdy
    rodné číslo|rodne cislo|občanský průkaz|číslo op|cnp|taj|adóazonosító|személyi igazolvány
    henkilötunnus|hetu|cpr|cpr-nr|personnummer|fødselsnummer|födelsenummer|tc kimlik|t.c. kimlik|kimlik|kimlik no
    tc|tckn|tc no|vergi no|vergi numarası|pasaport|ehliyet|amka|afm|pps|ppsn|aadhaar|aadhar|pan|nric|emirates id
    снилс|инн|паспорт|주민등록번호|여권번호|운전면허|身份证|身份证号|护照|驾驶证|マイナンバー|個人番号|旅券|運転免許証
    رقم الهوية|आधार"""
)
# Numbers of a person's customer, member or loyalty account (an order or ticket number names a case, not a person).
_ACCOUNT_CUES = _cue_pattern(
    """customer number|customer no|customer nr|client number|member number|membership number|membership no
    loyalty number|loyalty card|rewards number|frequent flyer|frequent flyer number|ff number|account holder number
    kundennummer|kunden-nr|kundennr|mitgliedsnummer|payback|payback-karte|payback-kartennummer|bahncard
    numéro client|numéro de client|n° client|numéro d'adhérent|carte fidélité|carte de fidélité
    número de cliente|nº de cliente|número de socio|socio|tarjeta de fidelización|número de cliente
    numero cliente|codice cliente|tessera fedeltà|tessera|número do cliente|cartão fidelidade
    klantnummer|lidnummer|bonuskaart|klantenkaart|numer klienta|nr klienta|karta lojalnościowa
    müşteri numarası|müşteri no|üye no|miles and more|miles & more|flying blue"""
)
_PLATE_CUES = _cue_pattern(
    """plate|licence plate|license plate|number plate|reg no|reg. no|registration number|registration plate
    vehicle registration|car reg|rego|vrm|matrícula|matricula|placa|kennzeichen|amtliches kennzeichen|autokennzeichen
    immatriculation|plaque|plaque d'immatriculation|targa|kenteken|nummerplaat|numer rejestracyjny
    tablica rejestracyjna|nr rejestracyjny|spz|plaka|registreringsnummer|rekisterinumero|车牌|車牌|번호판"""
)
# What may stand between a cue and its value: "no.", "nr", "n°", "número", ":", "is", "de".
_FILLER = regex.compile(
    r"(?:[ ]*(?i:no\.?|nr\.?|n[°º]\.?|nº|núm\.?|num\.?|number|número|numero|numéro|nummer|numer|numarası|nosu|no:"
    r"|#|:|=|-|–|is|ist|es|est|é|è|de|di|do|da|del|des|du|van|od|på|the|n\.)(?![\w])[ ]*|[ ]+|[.:][ ]*)*"
)
# A brand or a word or two between the cue and an explicit "no." or ":": "tarjeta de fidelización Carrefour Club no
# 9250…", "immatriculation du véhicule : GH-482-TK".
_NAMED_THEN_NUMBER = regex.compile(
    r"(?:[ ]+[\p{L}&'’-]+){1,3}?[ ]*(?:[ ](?i:no\.?|nr\.?|n[°º]\.?|nº|número|numéro|nummer|numer)|[ ]?[:#])[ ]*"
)
# A value: groups of letters and digits joined by a space, ".", "/" or "-"; a group of letters alone ends it
# unless a group with digits follows ("M-KL 4821", "1xk 4bd").
_GROUP = regex.compile(r"[\p{L}\p{N}]+")
_SEPARATOR = regex.compile(r"[ ]?[./-][ ]?|[ ]")


_TAIL_WORDS = frozenset(
    "de la el los las le les der die das den dem des il di da do dos das van het en und et e y and the of".split()
)


def _value_after(
    text: str, start: int, min_digits: int, max_groups: int, max_length: int, letter_tail: bool = False
) -> tuple[int, int] | None:
    """The span of the code that starts at ``start`` (after the filler), or None if what follows is no code.
    ``letter_tail``: a short group of letters may end the code ("4821 KZP"), unless it is a common word."""
    position = start
    groups: list[tuple[int, int]] = []
    while len(groups) < max_groups:
        group = _GROUP.match(text, position)
        if group is None:
            break
        groups.append(group.span())
        separator = _SEPARATOR.match(text, group.end())
        if separator is None:
            break
        position = separator.end()
    # Letters-only groups at the end are the words after the code ("14.821.733-5 de la clienta").
    while groups:
        last = text[groups[-1][0] : groups[-1][1]]
        if any(c.isdigit() for c in last):
            break
        earlier = "".join(c for a, b in groups[:-1] for c in text[a:b] if c.isalpha())
        same_case = last.isupper() or not any(c.isupper() for c in earlier)  # "AB 123 CD sul": "sul" is a word
        if letter_tail and len(last) <= 3 and last.lower() not in _TAIL_WORDS and len(groups) > 1 and same_case:
            break
        groups.pop()
    if not groups:
        return None
    begin, end = groups[0][0], groups[-1][1]
    value = text[begin:end]
    digits = sum(c.isdigit() for c in value)
    if digits < min_digits or end - begin > max_length:
        return None
    if not any(c.isdigit() for c in text[groups[0][0] : groups[0][1]]) and groups[0][1] - groups[0][0] > 3:
        # A word first is a word ("passport expires 2027", "placa base B550"); a short one a prefix ("WA 48213").
        return None
    if text[end : end + 1].isalnum():
        return None
    return begin, end


class _CuedRecognizer(SpanRecognizer):
    CUES: regex.Pattern[str]
    MIN_DIGITS = 5
    MAX_GROUPS = 6
    MAX_LENGTH = 32
    LETTER_TAIL = False

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield the value after each cue."""
        if not any(c.isdigit() for c in text):
            return
        for cue in _finditer(self.CUES, text):
            starts = []
            filler = _FILLER.match(text, cue.end())
            if filler and filler.end() - cue.end() <= 24:
                starts.append(filler.end())
            named = _NAMED_THEN_NUMBER.match(text, cue.end())  # "carte fidélité Fnac n° …", "du véhicule : …"
            if named:
                starts.append(named.end())
            for start in starts:
                span = _value_after(text, start, self.MIN_DIGITS, self.MAX_GROUPS, self.MAX_LENGTH, self.LETTER_TAIL)
                if span and self.accept(text[span[0] : span[1]]):
                    yield span
                    break

    def accept(self, value: str) -> bool:
        """Whether the value after the cue is one (a date or a year alone is not)."""
        compact = regex.sub(r"[ ./-]", "", value)
        return not regex.fullmatch(r"(?:19|20)[0-9]{2}", compact)


class CuedNationalIdRecognizer(_CuedRecognizer):
    """National, tax and social-security numbers and identity documents after their cue in a note's language."""

    ENTITY = "NATIONAL_ID"
    CUES = _NATIONAL_ID_CUES
    MIN_DIGITS = 4

    def accept(self, value: str) -> bool:
        """Five digits or more, or one code of letters and four digits ("LFC4R7X29"); not a date ("passeport du
        12/03/2027")."""
        if regex.fullmatch(r"[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return False
        digits = sum(c.isdigit() for c in value)
        one_code = regex.fullmatch(r"[\p{L}\p{N}]+", value) is not None and any(c.isalpha() for c in value)
        return (digits >= 5 or one_code) and super().accept(value)


class CuedAccountRecognizer(_CuedRecognizer):
    """Customer, member and loyalty numbers after their cue ("Kundennummer 4711-0815-22", "socio nº IB48213377")."""

    ENTITY = "ACCOUNT"
    CUES = _ACCOUNT_CUES
    MIN_DIGITS = 6

    def accept(self, value: str) -> bool:
        """Not a phone number: "customer number 07700 900123" is the customer's phone, left to the phone rules."""
        digits = sum(c.isdigit() for c in value)
        if value[:1] in "0+" and 9 <= digits <= 13:
            return False
        return super().accept(value)


class VehiclePlateRecognizer(_CuedRecognizer):
    """Vehicle registration plates after their cue ("Kennzeichen M-KL 4821", "matrícula 4821 KZP", "rego 1XK 4BD").
    A plate has letters and digits, at most ten of them."""

    ENTITY = "VEHICLE"
    CUES = _PLATE_CUES
    MIN_DIGITS = 1
    MAX_GROUPS = 4
    MAX_LENGTH = 12
    LETTER_TAIL = True

    def accept(self, value: str) -> bool:
        """Letters and digits both, 5–10 of them, no group longer than 7 and no common word ("2 of 3" is no plate)."""
        groups = regex.findall(r"[\p{L}\p{N}]+", value)
        compact = "".join(groups)
        return (
            5 <= len(compact) <= 10
            and not any(g.lower() in _TAIL_WORDS for g in groups)
            and any(c.isdigit() for c in compact)
            and any(c.isalpha() for c in compact)
            and all(len(g) <= 7 for g in groups)
            and super().accept(value)
        )
