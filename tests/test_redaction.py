"""Redaction: golden call notes, quality figures, specific formats, properties, API, errors and speed."""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import string
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ingest.normalise import normalise
from ingest.redaction import PLACEHOLDER_KINDS, Redaction, default_redactor, merge_overlaps
from insight.errors import RedactionError
from tests.redaction_golden import CLEAN_NOTES, PII_NOTES, GoldenNote

ROOT = Path(__file__).resolve().parent.parent

PLACEHOLDER = re.compile(r"<[^<>]*>")
ALL_PLACEHOLDERS = {f"<{kind}>" for kind in PLACEHOLDER_KINDS}


def _id(note: GoldenNote) -> str:
    return note.text[:40]


# ---------------------------------------------------------------------------------------------------- golden set


def test_golden_set_is_big_enough() -> None:
    assert len(PII_NOTES) >= 40
    assert len(CLEAN_NOTES) >= 40
    assert all(note.pii for note in PII_NOTES)
    assert all(value in note.text for note in PII_NOTES for _, value in note.pii)
    assert all(keep in note.text for note in PII_NOTES + CLEAN_NOTES for keep in note.keep)


@pytest.mark.parametrize("note", PII_NOTES, ids=_id)
def test_golden_note_with_identifiers(redactor, note: GoldenNote) -> None:
    result = redactor.redact(note.text)
    assert result.text == note.expected()
    assert result.kinds == tuple(sorted({kind for kind, _ in note.pii}))
    assert result.changed


@pytest.mark.parametrize("note", CLEAN_NOTES, ids=_id)
def test_golden_note_without_identifiers_is_unchanged(redactor, note: GoldenNote) -> None:
    result = redactor.redact(note.text)
    assert result.text == note.text
    assert result.kinds == ()
    assert not result.changed


def test_recall_and_false_positives(redactor) -> None:
    planted = removed = 0
    missed: list[str] = []
    for note in PII_NOTES:
        out = redactor.redact(note.text).text
        for kind, value in note.pii:
            planted += 1
            if value in out:
                missed.append(kind)
            else:
                removed += 1
    changed_clean = sum(redactor.redact(note.text).text != note.text for note in CLEAN_NOTES)
    survivors = [(note, keep) for note in PII_NOTES + CLEAN_NOTES for keep in note.keep]
    lost = sum(keep not in redactor.redact(note.text).text for note, keep in survivors)
    recall = removed / planted
    print(
        f"\nredaction recall {recall:.3f} ({removed}/{planted} planted identifiers removed; missed kinds: {missed})"
        f"\nfalse-positive notes {changed_clean}/{len(CLEAN_NOTES)} clean notes changed"
        f"\nsurvivor substrings wrongly removed {lost}/{len(survivors)}"
    )
    assert recall >= 0.95
    assert changed_clean <= 1
    assert lost <= 1


# ---------------------------------------------------------------------------------------------- specific formats


def _redacts(redactor, text: str, value: str, kind: str) -> None:
    result = redactor.redact(text)
    assert value not in result.text, result.text
    assert f"<{kind}>" in result.text
    assert kind in result.kinds


def _keeps(redactor, text: str) -> None:
    result = redactor.redact(text)
    assert result.text == text
    assert result.kinds == ()


@pytest.mark.parametrize(
    "card", ["4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "3782 822463 10005", "5555555555554444"]
)
def test_cards_with_and_without_separators(redactor, card: str) -> None:
    _redacts(redactor, f"Cust paid with {card} yesterday, order 5521 pending.", card, "CARD")


@pytest.mark.parametrize("number", ["4111 1111 1111 1112", "4111111111111112", "9111111111111111"])
def test_luhn_failing_or_non_card_number_is_kept(redactor, number: str) -> None:
    # The last one passes Luhn but no card network issues numbers starting with 9.
    _keeps(redactor, f"Reference {number} quoted by the customer twice.")


def test_card_expiry_after_number_does_not_hide_it(redactor) -> None:
    result = redactor.redact("card 4111 1111 1111 1111 05/27 declined")
    assert result.text == "card <CARD> 05/27 declined"


def test_iban_grouped_or_valid_is_redacted(redactor) -> None:
    _redacts(redactor, "Refund to DE89 3704 0044 0532 0130 00 today", "DE89 3704 0044 0532 0130 00", "IBAN")
    _redacts(redactor, "refund to iban de89370400440532013000.", "de89370400440532013000", "IBAN")
    # A grouped IBAN with a typo (checksum off by one) or a missing group is still someone's account number.
    _redacts(redactor, "Refund to DE89 3704 0044 0532 0130 01 today", "DE89 3704 0044 0532 0130 01", "IBAN")
    _redacts(redactor, "Refund to FR76 1834 1908 2386 1352 12 today", "FR76 1834 1908 2386 1352 12", "IBAN")
    _redacts(redactor, "Refund to DE89 3704 0044 0532 0130 0 today", "DE89 3704 0044 0532 0130 0", "IBAN")
    _keeps(redactor, "Voucher de89370400440532013001 entered")  # compact, checksum off, no cue: could be any code
    _keeps(redactor, "Part XY12 3456 7890 1234 in stock")  # XY is no IBAN country


@pytest.mark.parametrize(
    "phone",
    [
        "+44 20 7946 0958",
        "+49 30 901820",
        "+49 151 23456789",
        "+33 1 42 68 53 00",
        "+91 98765 43210",
        "(555) 123-4567",
        "555.123.4567",
        "555-123-4567",
        "+1 415 555 0123",
        "1-800-555-0199",
        "415-555-0123 ext 204",
        "0044 20 7946 0958",
        "+44 (0)20 7946 0958",
    ],
)
def test_us_and_international_phones(redactor, phone: str) -> None:
    result = redactor.redact(f"Callback requested on {phone}, after 5pm.")
    assert result.text == "Callback requested on <PHONE>, after 5pm."
    assert result.kinds == ("PHONE",)


def test_national_number_needs_a_phone_cue(redactor) -> None:
    _redacts(redactor, "cust mobile 07700 900123, text first", "07700 900123", "PHONE")
    _keeps(redactor, "Meter 07700 900123 read twice")


def test_phone_shaped_ids_after_an_id_cue_are_kept(redactor) -> None:
    _keeps(redactor, "order 415-555-0123 shipped, ticket #4155550123 closed, PO 4500012345 received")


@pytest.mark.parametrize(
    "text,value", [("SSN 521-48-3307 on file", "521-48-3307"), ("ssn: 521 48 3307", "521 48 3307")]
)
def test_ssn(redactor, text: str, value: str) -> None:
    _redacts(redactor, text, value, "SSN")


def test_ssn_lookalikes_are_kept(redactor) -> None:
    _keeps(redactor, "part 521 48 3307 and 000-12-3456 and 666-12-3456 and 521-00-3307")


@pytest.mark.parametrize(
    "ip", ["203.0.113.45", "10.0.0.12", "192.168.1.1/24", "2001:db8:85a3::8a2e:370:7334", "fe80::1", "::ffff:10.0.0.1"]
)
def test_ip_addresses(redactor, ip: str) -> None:
    _redacts(redactor, f"Blocked login from IP {ip} twice.", ip, "IP")


def test_versions_are_not_ips(redactor) -> None:
    _keeps(redactor, "Firmware 1.2.3.4 then rollback to 1.2.2.9; app v2.3.1.7 fine; ratio 3:2::1:4.")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("customer Jane Doe called twice", "customer <PERSON> called twice"),
        ("Cust Jane called re order 55", "Cust <PERSON> called re order 55"),
        ("Mr. Doe wants a refund", "Mr. <PERSON> wants a refund"),
        ("Ms Doe wants a refund", "Ms <PERSON> wants a refund"),
        ("Mrs. Doe-Smith wants a refund", "Mrs. <PERSON> wants a refund"),
        ("Dr. Doe wants a refund", "Dr. <PERSON> wants a refund"),
        ("my name is Jane Doe and I want a refund", "my name is <PERSON> and I want a refund"),
        ("spoke with John Smith about it", "spoke with <PERSON> about it"),
        ("spoke to John Smith about it", "spoke to <PERSON> about it"),
        ("name: Jane Doe / order 5", "name: <PERSON> / order 5"),
        ("Name - JANE DOE", "Name - <PERSON>"),
        ("Customer: JANE DOE", "Customer: <PERSON>"),
        ("this is Sarah from Acme calling", "this is <PERSON> from Acme calling"),
        ("escalated to supervisor Mike Ross", "escalated to supervisor <PERSON>"),
        ("Hi Jane,\nthanks for waiting", "Hi <PERSON>,\nthanks for waiting"),
        ("Kind regards,\nAisha", "Kind regards,\n<PERSON>"),
        ("Mr. O'Brien's parcel", "Mr. <PERSON>'s parcel"),
        ("customer Zoë Brontë", "customer <PERSON>"),
        ("spoke with John S. about it", "spoke with <PERSON>. about it"),
        ("customer Jane Doe called; Doe says Jane moved", "customer <PERSON> called; <PERSON> says <PERSON> moved"),
    ],
)
def test_names_in_clear_phrasings(redactor, text: str, expected: str) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Customer May call back on Monday.",
        "Will follow up in June.",
        "customer will call back; June invoice attached",
        "Bought Dr. Martens boots, size 9.",
        "A Dr Pepper 12-pack arrived crushed.",
        "Mr. Clean eraser missing from order 44.",
        "Customer Service closed the ticket.",
        "Spoke to Billing and then Tier 2.",
        "Transferred to Support, Hi Team, thanks Amazon",
        "Customer Will call back Tuesday.",
        "name: unknown, caller withheld number",
        "Spoke with Chase about the wire.",
        "Customer, Please advise on next steps.",
        "MS Teams crashed for the customer; Excel too.",
    ],
)
def test_words_that_are_not_names_are_kept(redactor, text: str) -> None:
    _keeps(redactor, text)


@pytest.mark.parametrize(
    "survivor",
    [
        "ticket #48213",
        "INC-20931",
        "order 112-3344556-7788990",
        "SKU AB-1234-X",
        "v2.3.1",
        "$1,299.00",
        "€45",
        "12.5%",
        "2024-03-15 14:30",
        "15/03/2024",
        "tracking 1Z999AA10123456784",
        "tracking 9400 1000 0000 0000 0000 00",
        "3 items",
        "order #A-99812",
        "card ending 4421",
        "build 10.0.19045.3803",
        "£1,234,567.89",
        "ETA 5-7 days",
        "PO 4500012345",
        "1 x 250g",
        "10:30-11:45",
    ],
)
def test_survivors(redactor, survivor: str) -> None:
    _keeps(redactor, f"Note: {survivor} (see above).")


# ---------------------------------------------------------------------------------------- overlaps, punctuation


def test_merge_overlaps_keeps_longest_and_never_nests() -> None:
    spans = [(10, 20, "PHONE"), (0, 5, "PERSON"), (12, 30, "CARD"), (12, 18, "SSN"), (30, 35, "IP")]
    assert merge_overlaps(spans) == [(0, 5, "PERSON"), (10, 30, "CARD"), (30, 35, "IP")]
    assert merge_overlaps([(3, 8, "PHONE"), (3, 8, "CARD")]) == [(3, 8, "CARD")]
    assert merge_overlaps([]) == []


def test_overlapping_detections_become_one_placeholder(redactor) -> None:
    # The card's digits are also an email's local part: one placeholder, named by the longer span.
    result = redactor.redact("mail 4111111111111111@example.com today")
    assert result.text == "mail <EMAIL> today"
    assert result.kinds == ("EMAIL",)


def test_surrounding_punctuation_and_whitespace_stay(redactor) -> None:
    text = "  (jane@example.com),\t'+44 20 7946 0958'; [Mr. Doe].\n"
    assert redactor.redact(text).text == "  (<EMAIL>),\t'<PHONE>'; [Mr. <PERSON>].\n"


# ---------------------------------------------------------------------------------------------------- properties

# Neutral words only: "order", "parcel", "ticket"… before a number rightly make it an id, not a card or phone.
FILLER = st.lists(
    st.sampled_from(
        [
            "the",
            "a",
            "delivery",
            "arrived",
            "late",
            "and",
            "was",
            "damaged",
            "refund",
            "requested",
            "wants",
            "callback",
            "after",
            "lunch",
            "box",
            "colour",
            "wrong",
            "size",
            "small",
            "happy",
            "angry",
            "asked",
            "again",
            "please",
            "thanks",
        ]
    ),
    min_size=0,
    max_size=8,
).map(" ".join)


def _embedded(value: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, str]]:
    return st.tuples(FILLER, value, FILLER).map(lambda t: (f"{t[0]} {t[1]} {t[2]}".strip(), t[1]))


def _luhn_complete(body: str) -> str:
    for check in string.digits:
        digits = body + check
        total = sum(
            (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 else d for i, d in enumerate(map(int, reversed(digits)))
        )
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


@st.composite
def cards(draw: st.DrawFn) -> str:
    prefix, length = draw(st.sampled_from([("4", 16), ("51", 16), ("55", 16), ("37", 15), ("6011", 16), ("4", 13)]))
    body = prefix + draw(st.text(string.digits, min_size=length - len(prefix) - 1, max_size=length - len(prefix) - 1))
    number = _luhn_complete(body)
    sep = draw(st.sampled_from(["", " ", "-"]))
    if length == 16 and sep:
        return sep.join(number[i : i + 4] for i in range(0, 16, 4))
    return number


# A few real countries' IBAN lengths, written here independently of the module's table.
IBAN_COUNTRIES = {"DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "CH": 21, "SE": 24, "PL": 28}


@st.composite
def ibans(draw: st.DrawFn) -> str:
    country = draw(st.sampled_from(sorted(IBAN_COUNTRIES)))
    alnum = string.ascii_uppercase + string.digits
    size = IBAN_COUNTRIES[country] - 4
    bban = draw(st.text(alnum, min_size=size, max_size=size))
    numeric = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    iban = f"{country}{98 - numeric % 97:02d}{bban}"
    if draw(st.booleans()):
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    return iban


PII_FRAGMENTS = st.one_of(
    st.emails(),
    cards(),
    ibans(),
    st.sampled_from(
        [
            "+44 20 7946 0958",
            "(555) 123-4567",
            "SSN 521-48-3307",
            "IP 10.0.0.12",
            "fe80::1",
            "customer Jane Doe",
            "Mr. Smith",
            "my name is Ana Lima",
            "order 112-3344556-7788990",
            "ticket #48213",
            "$1,299.00",
            "<PHONE>",
        ]
    ),
)
NOTES = st.lists(st.one_of(PII_FRAGMENTS, FILLER, st.text(max_size=20)), max_size=8).map(" ".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(NOTES)
@example("Ë Vj 4000000000000002")  # a replaced card made "Ë Vj" read as a name on the second pass
def test_redaction_is_idempotent(text: str) -> None:
    redactor = default_redactor()
    once = redactor.redact(text)
    twice = redactor.redact(once.text)
    assert twice.text == once.text
    assert twice.kinds == ()


@FAST
@given(_embedded(st.emails()))
def test_any_valid_email_is_removed(case: tuple[str, str]) -> None:
    text, email = case
    result = default_redactor().redact(text)
    assert email not in result.text
    assert "EMAIL" in result.kinds


@FAST
@given(_embedded(cards()))
def test_any_luhn_valid_card_is_removed(case: tuple[str, str]) -> None:
    text, card = case
    result = default_redactor().redact(text)
    assert card not in result.text
    assert "<CARD>" in result.text


@FAST
@given(_embedded(ibans()))
def test_any_valid_iban_is_removed(case: tuple[str, str]) -> None:
    text, iban = case
    result = default_redactor().redact(text)
    assert iban not in result.text
    assert "<IBAN>" in result.text


@functools.lru_cache(maxsize=1)
def _patterns_only():
    from ingest.redaction import PresidioRedactor

    return PresidioRedactor(use_ner=False)


NAME_CUES = re.compile(
    r"\b(?:mr|mrs|ms|mx|dr|prof|miss|mister|name|surname|customer|cust|caller|client|member|holder|spoke|speak|"
    r"talked|this is|i'?m|i am|it'?s|hi|hello|dear|hey|regards|thanks|cheers|at|dot)\b",
    re.IGNORECASE,
)


@FAST
@given(st.text(alphabet=st.characters(exclude_categories=("Nd", "Nl", "No", "Cs"), exclude_characters="@＠﹫")))
def test_text_without_digits_at_or_name_cue_is_unchanged(text: str) -> None:
    # The pattern recognizers only: names without cues are the NER model's job, and random text may hold one.
    assume(not NAME_CUES.search(text))
    result = _patterns_only().redact(text)
    assert result.text == normalise(text)
    assert result.kinds == ()


@FAST
@given(NOTES)
def test_placeholders_are_well_formed(text: str) -> None:
    assume("<" not in text and ">" not in text)
    result = default_redactor().redact(text)
    placeholders = PLACEHOLDER.findall(result.text)
    assert set(placeholders) <= ALL_PLACEHOLDERS
    assert {p[1:-1] for p in placeholders} == set(result.kinds)
    assert list(result.kinds) == sorted(set(result.kinds))
    assert "<<" not in result.text and ">>" not in result.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=5000),
        st.text(alphabet="\x00\x01\x1b\t\n\r 0123456789+-.()#@:/abcdefABCDEF", min_size=1000, max_size=5000),
    )
)
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    result = default_redactor().redact(text)
    assert isinstance(result.text, str)


# ---------------------------------------------------------------------------------------------- API and errors


def test_redaction_record() -> None:
    result = Redaction("hi <EMAIL>", ("EMAIL",))
    assert result.changed
    assert not Redaction("hi").changed
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]


def test_kinds_are_sorted_unique_and_never_values(redactor) -> None:
    result = redactor.redact("Mr. Doe: jane@example.com, jo@example.com, +44 20 7946 0958")
    assert result.kinds == ("EMAIL", "PERSON", "PHONE")


def test_default_redactor_is_cached() -> None:
    assert default_redactor() is default_redactor()


def test_non_text_is_a_type_error(redactor) -> None:
    with pytest.raises(TypeError):
        redactor.redact(None)


def test_extra_recognizers_add_placeholders() -> None:
    from presidio_analyzer import Pattern, PatternRecognizer

    from ingest.redaction import PresidioRedactor

    account = PatternRecognizer("ACCOUNT", patterns=[Pattern("acct", r"\bACC-\d{6}\b", 0.9)])
    result = PresidioRedactor(extra_recognizers=[account]).redact("acct ACC-123456 for jane@example.com")
    assert result.text == "acct <ACCOUNT> for <EMAIL>"
    assert result.kinds == ("ACCOUNT", "EMAIL")
    with pytest.raises(ValueError):
        PresidioRedactor(extra_recognizers=[PatternRecognizer("bad kind", patterns=[Pattern("x", "x", 0.9)])])


def test_failure_never_leaks_the_note(caplog: pytest.LogCaptureFixture) -> None:
    from presidio_analyzer import EntityRecognizer

    from ingest.redaction import PresidioRedactor

    class Exploding(EntityRecognizer):
        def __init__(self) -> None:
            super().__init__(supported_entities=["BOOM"], name="Exploding")
            self.armed = False

        def load(self) -> None:
            pass

        def analyze(self, text, entities, nlp_artifacts=None):
            if self.armed:
                raise RuntimeError(f"cannot handle {text}")
            return []

    exploding = Exploding()
    redactor = PresidioRedactor(extra_recognizers=[exploding])
    exploding.armed = True
    secret = "customer Jane Doe, SSN 521-48-3307"
    with caplog.at_level(logging.DEBUG), pytest.raises(RedactionError) as info:
        redactor.redact(secret)
    assert "521-48-3307" not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert "521-48-3307" not in caplog.text and "Jane" not in caplog.text


def test_redacting_logs_nothing_of_the_note(redactor, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        redactor.redact("customer Jane Doe, jane@example.com, card 4111 1111 1111 1111")
    assert "Jane" not in caplog.text and "4111" not in caplog.text and "example.com" not in caplog.text


def test_importing_redaction_does_not_import_presidio() -> None:
    code = "import sys, ingest.redaction; print('presidio_analyzer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_thread_safe(redactor) -> None:
    notes = [note.text for note in PII_NOTES + CLEAN_NOTES] * 4
    serial = [redactor.redact(text) for text in notes]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(redactor.redact, notes))
    assert parallel == serial


# Cost per note (median, p95, NER included) is measured by benchmarks/redaction.py, not asserted here.


@pytest.mark.parametrize(
    "note", ["sunny in oslo", "tune to pandora", "see ya", "shippinh to Valencia", "atm refused to give me money"]
)
def test_a_short_note_with_function_words_is_not_read_as_a_name(redactor, note: str) -> None:
    # Real assistant and support messages (HWU64, Bitext): a note of a few lower-case words was taken whole for
    # a name written as a value, because every word is on some list of given names or surnames ("in", "to").
    _keeps(redactor, note)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("dial sarah", "dial <PERSON>"),
        ("spell aaron", "spell <PERSON>"),
        ("dial sarah jones", "dial <PERSON>"),
        # the model's entity ran over the request word; the name alone is still taken
        ("please dial david now", "please dial <PERSON> now"),
        ("is there any post from my friend mike in facebook", "is there any post from my friend <PERSON> in facebook"),
        ("jane doe", "<PERSON>"),  # "doe" is an English word, and a surname: the value is still a name
        ("maria de la cruz", "<PERSON>"),
        ("will hope", "<PERSON>"),  # a function word that is also a given name ("will", "may") may start a name
        ("contact: nurlan abenova", "contact: <PERSON>"),
    ],
)
def test_a_request_word_before_a_name_stays(redactor, note: str, expected: str) -> None:
    assert redactor.redact(note).text == expected


def test_two_sentences_joined_without_a_space_are_no_username(redactor) -> None:
    # Banking77: "nothing happened to my account yet.What could be the possible issue?" — "account" is a
    # username cue and "yet.What" has a dot inside, but it is a full stop with its space left out.
    _keeps(redactor, "I Submitted a cheque, nothing happened to my account yet.What could be the possible issue?")
    assert redactor.redact("account mary.Jones locked").text == "account <USERNAME> locked"
    assert redactor.redact("login chris.w.1990 fails").text == "login <USERNAME> fails"
