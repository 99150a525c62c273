"""The privacy gate: the one place free text passes through on its way to the store or to a person's screen.

* :func:`gate_drafts` redacts every free-text field of note drafts — text, team, channel, product, segment,
  kind, source, each tag, each extra attribute's name and value — in one batch (the NER model reads them together),
  and drops extra columns whose *name* says they hold personal data (:func:`personal_column_reason`). ``agent_id``
  and ``external_id`` identify the employee and the source record and are kept as given.
* :func:`scrub_message` redacts a message (an error, a problem, a summary line) before anyone sees it.

What comes out is :class:`~insight.privacy.CleanText`; the store refuses anything else (see :mod:`insight.privacy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import regex

from ingest.columns import header_key
from ingest.redaction import carry_names, redact_json, redact_tags
from insight.errors import EarshotError
from insight.privacy import CleanText, Redaction, Redactor
from insight.records import NoteDraft
from insight.settings import Settings

__all__ = ["ColumnPolicy", "GatedDraft", "gate_drafts", "personal_column_reason", "redact_all", "scrub_error"]

# Words in a column name that say its values are personal data, with the reason the summary gives.
_PERSONAL_WORDS: dict[str, str] = {
    **dict.fromkeys(("email", "e mail", "mail", "emailaddress"), "an e-mail address"),
    **dict.fromkeys(
        (
            "phone",
            "telephone",
            "tel",
            "cell",
            "cellphone",
            "fax",
            "msisdn",
            "phonenumber",
            "mobilenumber",
            "callerid",
            "mobile",
            "mob",
            "handy",
            "telefon",
            "telefono",
            "teléfono",
            "téléphone",
            "telefone",
            "whatsapp",
            "电话",
            "手机",
            "電話",
            # …and as exports abroad head them
            "telemóvel",
            "telemovel",
            "celular",
            "móvil",
            "movil",
            "cellulare",
            "natel",
            "mobiel",
            "telefoon",
            "telefonnummer",
            "rufnummer",
            "telefonu",
            "cep",
            "携帯",
            "携帯電話",
            "전화",
            "휴대폰",
            "핸드폰",
            "هاتف",
            "جوال",
        ),
        "a phone number",
    ),
    **dict.fromkeys(
        (
            "address",
            "street",
            "postcode",
            "postalcode",
            "zip",
            "zipcode",
            "postal",
            "housenumber",
            "addr",
            "adresse",
            "anschrift",
            "straße",
            "strasse",
            "postleitzahl",
            "dirección",
            "direccion",
            "domicilio",
            "morada",
            "endereço",
            "endereco",
            "indirizzo",
            "adres",
            "adresa",
            "住所",
            "地址",
            "주소",
            "عنوان",
        ),
        "a postal address",
    ),
    **dict.fromkeys(
        (
            "dob",
            "birth",
            "birthday",
            "birthdate",
            "dateofbirth",
            "geburtsdatum",
            "geburtstag",
            "nacimiento",
            "naissance",
            "nascita",
            "nascimento",
            "geboortedatum",
            "urodzenia",
            "doğum",
            "dogum",
            "syntymäaika",
            "födelsedatum",
            "fødselsdato",
            "生年月日",
            "出生日期",
            "생년월일",
        ),
        "a date of birth",
    ),
    **dict.fromkeys(
        (
            "ssn",
            "nino",
            "ni",
            "nin",
            "passport",
            "licence",
            "license",
            "nationalinsurance",
            "socialsecurity",
            "taxid",
            "tin",
            "dni",
            "nie",
            "bsn",
            "aadhaar",
            "nationalid",
            "idnumber",
            "idcard",
            # the same as exports abroad head them
            "cpf",
            "cnpj",
            "rg",
            "nif",
            "nss",
            "curp",
            "rfc",
            "rut",
            "pesel",
            "steuerid",
            "steuer",
            "steuernummer",
            "sozialversicherungsnummer",
            "svnr",
            "ahv",
            "personalausweis",
            "ausweis",
            "reisepass",
            "führerschein",
            "pasaporte",
            "passeport",
            "passaporto",
            "paspoort",
            "paszport",
            "pasaport",
            "kimlik",
            "tckimlik",
            "tckn",
            "cnp",
            "amka",
            "afm",
            "pps",
            "ppsn",
            "cpr",
            "personnummer",
            "henkilötunnus",
            "hetu",
            "rodné",
            "rodnecislo",
            "rodnéčíslo",
            "codicefiscale",
            "fiscale",
            "insee",
            "nir",
            "sécuritésociale",
            "seguridadsocial",
            "cédula",
            "cedula",
            "주민등록번호",
            "身份证",
            "マイナンバー",
        ),
        "a national identity number",
    ),
    **dict.fromkeys(
        ("account", "acct", "card", "iban", "bic", "swift", "sortcode", "bank", "cvv", "cvc", "pan", "creditcard"),
        "a bank account or card",
    ),
    **dict.fromkeys(("ip", "ipaddress", "ipv4", "ipv6", "mac"), "a network address"),
    **dict.fromkeys(
        (
            "plate",
            "licenseplate",
            "licenceplate",
            "numberplate",
            "kennzeichen",
            "matrícula",
            "matricula",
            "targa",
            "kenteken",
            "plaka",
            "immatriculation",
        ),
        "a vehicle registration",
    ),
    **dict.fromkeys(
        ("kundennummer", "kundennr", "klantnummer", "mitgliedsnummer", "loyalty", "payback", "bonuskaart"),
        "a customer's account number",
    ),
    **dict.fromkeys(("username", "login", "handle", "userid", "gamertag", "skype"), "a username"),
    **dict.fromkeys(
        (
            "name",
            "fullname",
            "firstname",
            "lastname",
            "surname",
            "forename",
            "givenname",
            "customer",
            "caller",
            "contact",
            "person",
            "client",
            "signature",
            "requester",
            "requestor",
            "submitter",
            "assignee",
            # the same in the languages of exports seen in Europe and Latin America
            "kunde",
            "kundin",
            "kundenname",
            "vorname",
            "nachname",
            "nombre",
            "apellido",
            "nom",
            "prenom",
            "prénom",
            "nome",
            "cognome",
            "naam",
            "klant",
            "cliente",
            "imię",
            "imie",
            "nazwisko",
            "titular",
            "apellidos",
            "sobrenome",
            "nominativo",
            "voornaam",
            "achternaam",
            "soyad",
            "soyadı",
            "adsoyad",
            "isim",
            "müşteri",
            "musteri",
            "klient",
            "klientka",
            "ansprechpartner",
            "anrufer",
            "氏名",
            "名前",
            "姓名",
            "이름",
            "성명",
            "اسم",
        ),
        "a person's name",
    ),
}
# Words that, next to one of the above, make the column about something else: "plan name", "card type",
# "account tier", "mobile plan", "customer segment".
_BENIGN_WORDS = frozenset(
    """product plan team agent file company business store shop brand model device item campaign queue channel tariff
    package service type tier status level segment category region country count total age since tenure language
    satisfaction score sentiment rating id reference ref""".split()
)
# Words that make a column personal even next to a benign word: "contact id" is fine, "customer phone id" is not.
_ALWAYS_PERSONAL = frozenset(
    ("email", "phone", "telephone", "iban", "ssn", "dob", "birth", "passport", "address", "steuer", "national")
)
_SPLIT = regex.compile(r"[\s_\-./:#]+|(?<=\p{Ll})(?=\p{Lu})")


def personal_column_reason(column: str) -> str | None:
    """Why an extra column's name says it holds personal data (e.g. ``"a person's name"``), or ``None``.

    Args:
        column: the column name as written in the file (any case or separator).
    """
    words = [w.casefold() for w in _SPLIT.split(str(column)) if w]
    folded = header_key(column)
    reasons = [_PERSONAL_WORDS[w] for w in words if w in _PERSONAL_WORDS]
    if folded in _PERSONAL_WORDS:
        reasons.append(_PERSONAL_WORDS[folded])
    for compound, reason in _PERSONAL_WORDS.items():
        if len(compound) > 4 and compound in folded and reason not in reasons:
            reasons.append(reason)  # "customeremail", "dateofbirth" written without separators
    if not reasons:
        return None
    if any(w in _ALWAYS_PERSONAL for w in words) or not any(w in _BENIGN_WORDS for w in words):
        return reasons[0]
    return None


@dataclass(frozen=True)
class ColumnPolicy:
    """Which extra columns are dropped: by name (see :func:`personal_column_reason`) and by the settings' lists."""

    drop: frozenset[str] = frozenset()
    keep: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> ColumnPolicy:
        """Build from ``redact_drop_columns`` / ``redact_keep_columns`` (comma-separated column names)."""

        def names(raw: str) -> frozenset[str]:
            return frozenset(header_key(n) for n in raw.split(",") if n.strip())

        return cls(drop=names(settings.redact_drop_columns), keep=names(settings.redact_keep_columns))

    def reason(self, column: str) -> str | None:
        """Why ``column`` is dropped, or ``None`` when it is kept (its value is still redacted)."""
        key = header_key(column)
        if key in self.drop:
            return "listed in redact_drop_columns"
        if key in self.keep:
            return None
        found = personal_column_reason(column)
        return f"its name says it holds {found}" if found else None


@dataclass(frozen=True)
class GatedDraft:
    """A draft whose free text passed the gate: the kinds of personal data removed and the columns dropped.

    ``dropped`` maps each dropped column's name (itself redacted) to the reason.
    """

    draft: NoteDraft
    kinds: tuple[str, ...] = ()
    dropped: dict[str, str] = field(default_factory=dict)


def redact_all(redactor: Redactor, texts: Sequence[str]) -> list[Redaction]:
    """Redact ``texts`` with one batched model call when the redactor offers one (``redact_many``)."""
    unique = list(dict.fromkeys(texts))
    batch = getattr(redactor, "redact_many", None)
    results = batch(unique) if batch is not None else [redactor.redact(t) for t in unique]
    by_text = dict(zip(unique, results, strict=True))
    return [by_text[t] for t in texts]


_TEXT_FIELDS = ("team", "channel", "product", "customer_segment", "kind", "source")


def gate_drafts(
    drafts: Sequence[NoteDraft], redactor: Redactor, policy: ColumnPolicy | None = None
) -> list[GatedDraft]:
    """Pass every free-text field of ``drafts`` through ``redactor`` in one batch; drop personal extra columns.

    Args:
        drafts: validated drafts.
        redactor: the redactor (batched when it has ``redact_many``).
        policy: which extra columns to drop (default: by name only).

    Returns:
        One :class:`GatedDraft` per draft, in order; every free-text value in it is a ``CleanText``.
    """
    policy = policy or ColumnPolicy()
    texts: list[str] = []
    tags: list[int] = []  # where each tag sits in texts
    nested: dict[int, Redaction] = {}  # extra values that are JSON objects or lists, redacted leaf by leaf
    for draft in drafts:
        texts.append(draft.text)
        texts.extend(v for v in (getattr(draft, name) for name in _TEXT_FIELDS) if v is not None)
        tags.extend(range(len(texts), len(texts) + len(draft.tags)))
        texts.extend(draft.tags)
        for name, value in draft.extra:
            texts.append(name)
            json_value = redact_json(redactor, value, lambda key: policy.reason(key) is not None)
            if json_value is not None:
                nested[len(texts)] = json_value
            texts.append(value)
    plain = [i for i in range(len(texts)) if i not in nested]
    results = dict(zip(plain, redact_all(redactor, [texts[i] for i in plain]), strict=True)) | nested
    # tags also read with their separators as spaces, in one batch
    for i, result in zip(
        tags, redact_tags(redactor, [texts[i] for i in tags], [results[i] for i in tags]), strict=True
    ):
        results[i] = result
    results = [results[i] for i in range(len(texts))]
    # a name found in one field of a record goes from its other fields too (see carry_names)
    results = carry_names(texts, results, [_field_count(draft) for draft in drafts])
    it = iter(results)
    return [_rebuild(draft, it, policy) for draft in drafts]


def _field_count(draft: NoteDraft) -> int:
    """How many texts :func:`gate_drafts` sends for ``draft`` (text, fields, tags, extra names and values)."""
    fields = sum(getattr(draft, name) is not None for name in _TEXT_FIELDS)
    return 1 + fields + len(draft.tags) + 2 * len(draft.extra)


def _rebuild(draft: NoteDraft, results: Iterable[Redaction], policy: ColumnPolicy) -> GatedDraft:
    it = iter(results)
    kinds: set[str] = set()

    def take() -> CleanText:
        result = next(it)
        kinds.update(result.kinds)
        return result.text

    text = take()
    fields = {name: (take() if getattr(draft, name) is not None else None) for name in _TEXT_FIELDS}
    tags = tuple(take() for _ in draft.tags)
    extra: dict[CleanText, CleanText] = {}
    dropped: dict[str, str] = {}
    for name, _ in draft.extra:
        clean_name = next(it)
        clean_value = take()
        reason = policy.reason(name)
        if reason is None and clean_name.changed:
            reason = "its name holds personal data"
            kinds.update(clean_name.kinds)
        if reason is not None:
            dropped[clean_name.text] = reason
            continue
        extra[clean_name.text] = clean_value
    gated = replace(draft, text=text, tags=tags, extra=tuple(extra.items()), **fields)
    return GatedDraft(gated, tuple(sorted(kinds)), dropped)


def scrub_message(redactor: Redactor, message: str, cells: Iterable[object] = ()) -> str:
    """Return ``message`` with any personal data replaced, for errors, problems and summaries.

    Args:
        redactor: the redactor.
        message: the message, which may quote a cell (``kind: "Hope Williams" is not a kind …``).
        cells: the row's cell values: a quoted cell is replaced by the cell redacted on its own first, since a
            value alone is read as a field ("Hope Williams" is a name there) and inside a sentence it may not be.
    """
    quoted = sorted({str(c) for c in cells if isinstance(c, str) and len(c.strip()) > 1 and str(c) in message}, key=len)
    for cell in reversed(quoted):  # longest first, so a cell inside another is not replaced twice
        message = message.replace(cell, str(redactor.redact(cell).text))
    return redactor.redact(message).text  # a CleanText: problems may be stored in the import ledger


def scrub_error(redactor: Redactor, exc: EarshotError) -> EarshotError:
    """Redact an :class:`EarshotError`'s message in place (it may quote a cell) and return it."""
    exc.message = scrub_message(redactor, exc.message)
    exc.args = (exc.message,)
    return exc
