"""The attack family (``tests/redaction_attack.py``) as tests: identifiers of a make the recognizers were not written
against, in notes and in the extra fields an import carries. The benchmark (``benchmarks/redaction.py``) reports
the same family's figures; these tests hold the line the figures drew.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from ingest.normalise import normalise
from ingest.privacy_gate import gate_drafts
from insight.records import NoteDraft
from tests.redaction_attack import ATTACK_CLEAN_NOTES, ATTACK_PII_NOTES, attack_family, leaked

STRUCTURED = ("EMAIL", "PHONE", "CARD", "IBAN", "SSN", "NATIONAL_ID", "IP")
_STRUCTURED_NOTES = [note for note in ATTACK_PII_NOTES if any(kind in STRUCTURED for kind, _ in note.pii)]


def test_the_family_is_deterministic_and_covers_every_type() -> None:
    again, _ = attack_family()
    assert again == ATTACK_PII_NOTES
    kinds = Counter(kind for note in ATTACK_PII_NOTES for kind, _ in note.pii)
    assert kinds["PERSON"] >= 150 and all(kinds[k] >= 10 for k in STRUCTURED), kinds
    assert attack_family(seed=4)[0] != ATTACK_PII_NOTES


@pytest.fixture(scope="module")
def attacked(redactor) -> dict[str, str]:
    """Every note of the family, redacted in batches as an import does."""
    notes = [note.text for note in ATTACK_PII_NOTES + ATTACK_CLEAN_NOTES]
    return {text: r.text for text, r in zip(notes, redactor.redact_many(notes), strict=True)}


@pytest.mark.parametrize("note", _STRUCTURED_NOTES, ids=lambda n: n.pii[0][0] + ":" + n.text[:40])
def test_every_structured_identifier_of_the_attack_is_removed(attacked, note) -> None:
    out = attacked[note.text]
    for kind, value in note.pii:
        if kind in STRUCTURED:
            assert not leaked(kind, value, out), (kind, value, out)


def test_person_names_of_many_traditions_and_cases_are_removed(attacked) -> None:
    planted = [(v, attacked[note.text]) for note in ATTACK_PII_NOTES for kind, v in note.pii if kind == "PERSON"]
    missed = [(value, out) for value, out in planted if leaked("PERSON", value, out)]
    recall = 1 - len(missed) / len(planted)
    assert recall >= 0.95, (recall, missed)


@pytest.mark.parametrize(
    "text,name",
    [
        ("customer samira mansour wants the contract cancelled", "samira mansour"),
        ("Refund approved for YUKI KANG (goodwill credit).", "YUKI KANG"),
        ("Policy holder: thabo achebe", "thabo achebe"),
        ("Cheers hamza!", "hamza"),
        ("asked Venkatesh to send a photo of the damage", "Venkatesh"),
        ("Sipho from the Leeds store called about a stock transfer.", "Sipho"),
        ("a charge from a merchant named Björn Constantin", "Björn Constantin"),
    ],
)
def test_lower_case_capitals_and_lone_names(redactor, text: str, name: str) -> None:
    assert not leaked("PERSON", name, redactor.redact(text).text)


def test_clean_notes_with_products_named_after_people_mostly_survive(attacked) -> None:
    changed = [note.text for note in ATTACK_CLEAN_NOTES if "<" in attacked[note.text]]
    # Brands that are two given names ("Marie Claire", "Estée Lauder") cannot be told from people by the words
    # alone; the rest ("Calvin Klein jeans", "Michael Kors watch", "Jimmy Choo heels") survive.
    assert len(changed) <= 0.08 * len(ATTACK_CLEAN_NOTES), changed
    for keep in ("Calvin Klein", "Michael Kors", "Tommy Hilfiger", "Jimmy Choo", "Hugo Boss", "michael_kors"):
        notes = [n for n in ATTACK_CLEAN_NOTES if keep in n.text]
        assert notes and all(normalise(keep) in attacked[n.text] for n in notes), keep


def test_order_ids_versions_and_prices_in_clean_notes_survive(attacked) -> None:
    for note in ATTACK_CLEAN_NOTES:
        for keep in note.keep:
            if any(c.isdigit() for c in keep):
                assert normalise(keep) in attacked[note.text], (keep, attacked[note.text])


def test_identifiers_alone_in_extra_fields_and_tags_are_removed(redactor) -> None:
    draft = NoteDraft(
        text="Router drops wifi every evening",
        created_at=datetime(2025, 3, 3),
        product="Widget for AMARA MUTUA",
        tags=("vip", "qq123456c", "Crystal Minh"),
        extra=(("contact", "zuzana kowalczyk (owner)"), ("ref", "4755.0136.1594.1715"), ("note", "NINO: PX 123456 B")),
    )
    gated = gate_drafts([draft], redactor)[0].draft
    stored = " ".join([gated.product or "", *gated.tags, *(f"{k} {v}" for k, v in gated.extra)])
    for kind, value in [
        ("PERSON", "AMARA MUTUA"),
        ("NATIONAL_ID", "qq123456c"),
        ("PERSON", "Crystal Minh"),
        ("PERSON", "zuzana kowalczyk"),
        ("CARD", "4755.0136.1594.1715"),
        ("NATIONAL_ID", "PX 123456 B"),
    ]:
        assert not leaked(kind, value, stored), (value, stored)
    assert "vip" in gated.tags
