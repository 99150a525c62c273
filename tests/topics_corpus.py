"""A small synthetic corpus of agent notes about a few known themes, for the topic tests.

A note combines an opener, one of a theme's subjects, one of its details and an optional closing remark,
so notes of one theme differ in wording but share meaning. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import numpy as np

from insight.records import NoteDraft

OPENERS = ("", "Customer says ", "Caller reports ", "Cx mentioned ", "Member complained that ", "Client told me ")
CLOSERS = ("", " Very frustrated.", " Second time calling about this.", " Asked for a callback.", " Was polite.")
SLOTS = ("3", "5", "ten", "two", "several", "14")

# Each theme: (what happened, a detail); a note pairs one of each, so notes of a theme vary in wording.
THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "card delivery": (
        ("the new debit card has not arrived", "the replacement card is still not delivered",
         "they are still waiting for the card in the post", "the card never arrived in the mail",
         "card delivery is late"),
        ("ordered it {x} days ago", "no tracking number was sent", "the address on file is correct",
         "needs the card for a trip", "was promised delivery within a week"),
    ),
    "app login": (
        ("cannot log in to the mobile app", "the app login fails with an error",
         "the password reset email for the app never comes", "two factor code for the app login does not arrive",
         "the banking app keeps logging them out"),
        ("locked out for {x} days", "since the latest update", "tried reinstalling the app",
         "on both phone and tablet", "the reset link is broken"),
    ),
    "refund delay": (
        ("the refund for the returned order has not been paid", "still waiting for a refund of a cancelled purchase",
         "the merchant confirmed the refund but the money is not back", "the refund is missing from the statement",
         "asks when the refund for the damaged item will be credited"),
        ("returned it {x} days ago", "has the return receipt", "the merchant blames the bank",
         "the amount is 120 pounds", "needs the money back before rent is due"),
    ),
    "dark mode": (
        ("would love a dark mode in the app", "asks for a dark theme option", "requests a night mode for the app",
         "suggests adding dark mode to the website", "the app is too bright at night and wants a dark theme"),
        ("the white screen hurts the eyes", "{x} colleagues want it too", "other banking apps have it",
         "uses the app late in the evening", "it would save battery"),
    ),
    "cancel subscription": (
        ("wants to cancel the premium subscription", "asks how to cancel the monthly plan",
         "the cancel subscription button does not work", "will cancel the membership",
         "trying to end the subscription"),
        ("it got too expensive", "before the next charge", "keeps being billed every month",
         "the price went up again", "charged again after {x} days"),
    ),
    "foreign fees": (
        ("charged a foreign transaction fee abroad", "unexpected currency conversion fee on a purchase",
         "the exchange rate fee on card payments abroad is high", "fees for paying in dollars while travelling",
         "asks why there is a fee for using the card in another currency"),
        ("thought it was free", "paid in euros in Spain", "the fee was {x} percent",
         "wants the fees refunded", "compares it with a travel card"),
    ),
}  # fmt: skip
NEW_THEME: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "lost phone": (
        ("lost their phone and needs to block the banking app", "the phone was stolen and the app must be disabled",
         "got a new phone after losing the old one", "the mobile phone was stolen on holiday",
         "worried someone can open the banking app on the lost phone"),
        ("the thief may know the pin", "reported it to the police", "wants the account secured now",
         "cannot move the app to the new device", "needs a temporary block"),
    ),
}  # fmt: skip


def make_notes(
    themes: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = THEMES,
    per_theme: int = 40,
    seed: int = 7,
    start_day: int = 0,
) -> tuple[list[NoteDraft], list[str]]:
    """``per_theme`` notes for each theme, shuffled; returns (drafts, the theme of each draft)."""
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    for theme, (subjects, details) in themes.items():
        for _ in range(per_theme):
            detail = rng.choice(details).format(x=rng.choice(SLOTS))
            text = f"{rng.choice(OPENERS)}{rng.choice(subjects)}, {detail}.{rng.choice(CLOSERS)}"
            rows.append((text[0].upper() + text[1:], theme))
    rng.shuffle(rows)
    base = datetime(2025, 3, 3) + timedelta(days=start_day)
    drafts = [
        NoteDraft(
            text=text,
            created_at=base + timedelta(hours=i),
            agent_id=f"agent-{i % 7}",
            team="care",
            channel=("phone", "chat", "email")[i % 3],
            product="bank app",
            kind="complaint",
            source="test",
            external_id=f"t{seed}-{start_day}-{i}",
        )
        for i, (text, _) in enumerate(rows)
    ]
    return drafts, [theme for _, theme in rows]


def store_corpus(store, drafts, vectors, model_id: str) -> list[int]:
    """Insert drafts with their vectors in one transaction; return the new note ids."""
    from insight.privacy import synthetic_draft
    from insight.store.notes import insert_notes

    drafts = [synthetic_draft(d) for d in drafts]
    with store.transaction() as con:
        return insert_notes(con, drafts, [d.external_id for d in drafts], [()] * len(drafts), vectors, model_id)


_EMBEDDED: dict[str, dict] = {}


def embedded_corpus(real_embedder) -> dict:
    """The six-theme corpus (240 notes), and 38 later notes (3 per theme + 20 of a new theme), embedded once
    per test session (each test module's ``corpus`` fixture calls this)."""
    if real_embedder.model_id in _EMBEDDED:
        return _EMBEDDED[real_embedder.model_id]
    drafts, themes = make_notes()
    more, more_themes = make_notes(THEMES, per_theme=3, seed=11, start_day=30)
    new, new_themes = make_notes(NEW_THEME, per_theme=20, seed=12, start_day=31)
    extra, extra_themes = more + new, more_themes + new_themes
    vectors = real_embedder.embed([d.text for d in drafts + extra])
    _EMBEDDED[real_embedder.model_id] = {
        "drafts": drafts,
        "themes": themes,
        "vectors": vectors[: len(drafts)],
        "extra": extra,
        "extra_themes": extra_themes,
        "extra_vectors": vectors[len(drafts) :],
        "model_id": real_embedder.model_id,
    }
    return _EMBEDDED[real_embedder.model_id]


def sampled_groups(groups):
    """The namer's phrase sample of notes given as lists per group, and the group of each sampled row."""
    from insight.topics.naming import sample_phrases

    texts = [t for notes in groups for t in notes]
    labels = np.concatenate([np.full(len(notes), i) for i, notes in enumerate(groups)])
    sample = sample_phrases(texts, labels, np.linspace(1.0, 0.5, len(texts)))
    return sample, labels[sample.rows]
