"""A realistic demo data set, generated here from templates (no external data).

"Brightline" is a made-up telecom: fibre broadband, mobile, TV & streaming, home phone and an app.
Five contact-centre teams log notes over ``weeks`` weeks ending now. Themes follow time profiles so
the dashboards have something to find: steady needs, a few emerging ones (eSIM, app login loop,
pausing a subscription), fading ones (sports channel bug, late SIM deliveries), a spike (router
firmware), plus praise, churn-risk and upsell notes. A few notes carry a phone number or an e-mail
address so the redactor has work to show. Everything is seeded: the same call gives the same notes.

:func:`seed_demo` pushes the notes through the normal ingest service (redaction, embedding,
duplicate check) and then refits topics when the topics engine is installed.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from insight.records import IngestReport, NoteDraft

log = logging.getLogger(__name__)

DEMO_SOURCE = "demo"
Progress = Callable[[str, int, int], None]

TEAMS: dict[str, tuple[str, ...]] = {  # team -> the channels it works on
    "Care Phone": ("phone",),
    "Care Chat": ("chat", "social"),
    "Retention": ("phone", "email"),
    "Tech Support": ("phone", "chat"),
    "Stores": ("in-person",),
}
FIRST = (
    "ana ben chloe dev ema farid gina hugo ines jon kemi liam maya noor omar priya raj sara tom uma vic wen yusuf zoe"
)
LAST = "khan rossi okafor smith nguyen silva brown patel murphy kowalski jones haddad novak garcia lee"
SEGMENTS = ("consumer", "consumer", "consumer", "small business", "premium")
WHO = ("Customer", "Caller", "Cust", "Elderly customer", "Small business owner", "Customer in store", "Parent")
LEADS = ("", "", "", "Again today: ", "Another one - ", "FYI ", "3rd this week: ")
TAILS = (
    "",
    "",
    "",
    " Asked if we have plans for this.",
    " Quite frustrated.",
    " Said she'd tell her friends.",
    " Escalated to team lead.",
    " Took 20 min to sort out.",
    " Logged so product sees it.",
)
PII_TAILS = (" Call back on 07700 900{n:03d}.", " Wants reply to j.doe{n}@example.com.")


@dataclass(frozen=True)
class Theme:
    """One recurring thing customers say, with who says it and how its volume moves over the weeks."""

    key: str
    kind: str
    products: tuple[str, ...]
    weight: float  # notes per week at full strength, per 300 notes a week
    profile: str  # steady · emerging · new · fading · spike · rising
    templates: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "esim",
        "need",
        ("Mobile",),
        9,
        "emerging",
        (
            "{who} wants to move to eSIM on new {phone}, we can't offer it yet.",
            "{who} asked whether we support eSIM - their {phone} has no SIM tray.",
            "No eSIM option for {who2}, said {rival} set it up in minutes.",
            "eSIM not available on our network, {who2} bought a {phone} and is stuck.",
            "Can we do eSIM? {who} travelling next month and wants a dual SIM setup.",
        ),
    ),
    Theme(
        "login-loop",
        "complaint",
        ("My Brightline app",),
        10,
        "new",
        (
            "App keeps looping back to the login screen after the update, {who2} can't see their bill.",
            "{who} stuck in login loop on the app, reinstalling didn't help.",
            "Verification code by SMS never arrives so {who2} can't log in to the app.",
            "Login to the app fails since the latest version, goes round in circles.",
            "{who} can't get into the app - 2FA text not received, tried {n} times.",
        ),
    ),
    Theme(
        "pause",
        "need",
        ("TV & Streaming",),
        7,
        "rising",
        (
            "{who} going abroad for {months} months and wants to pause the TV package instead of cancelling.",
            "Asked if they can pause the streaming add-on over summer, we only offer cancel.",
            "{who} would keep the subscription if they could pause it for {months} months.",
            "Can customers freeze their plan while away? {who2} asked, we had no answer.",
        ),
    ),
    Theme(
        "router-firmware",
        "complaint",
        ("Fibre Broadband",),
        5,
        "spike",
        (
            "Wifi drops every few minutes since the router firmware update.",
            "{who} says the router restarts itself overnight after the update, lost connection again.",
            "Router lights flashing orange after update, had to factory reset for {who2}.",
            "Internet cutting out constantly since last week's router update, {who2} works from home.",
        ),
    ),
    Theme(
        "price-rise",
        "churn-risk",
        ("Fibre Broadband", "TV & Streaming"),
        8,
        "steady",
        (
            "{who} got the price rise letter and is threatening to leave.",
            "Price going up {pct}% mid contract, {who2} says that's unfair and wants to cancel.",
            "{who} comparing with {rival}, says our price rise makes us the most expensive.",
            "Wants to leave over the annual price increase unless we match {rival}.",
        ),
    ),
    Theme(
        "rival-offer",
        "churn-risk",
        ("Fibre Broadband", "Mobile"),
        7,
        "steady",
        (
            "{who} has an offer from {rival} for half the price, asked us to match or they go.",
            "Leaving for {rival} at end of contract, cheaper and faster.",
            "{who} says {rival} offered {speed} for less than they pay us now.",
        ),
    ),
    Theme(
        "installer-praise",
        "praise",
        ("Fibre Broadband",),
        8,
        "steady",
        (
            "{who} called just to say the engineer was brilliant, tidy and on time.",
            "Lovely feedback about the installer, explained everything to {who2}.",
            "Engineer went above and beyond, {who2} wants to thank him by name.",
            "Praise for the install team - done in an hour, {who2} delighted.",
        ),
    ),
    Theme(
        "chat-praise",
        "praise",
        ("My Brightline app", "Mobile"),
        6,
        "steady",
        (
            "{who} said the chat was the quickest support they ever had.",
            "Thanked us for sorting the bill in one chat, no transfers.",
            "{who} happy the issue was fixed first time, gave 5 stars.",
        ),
    ),
    Theme(
        "speed-upsell",
        "upsell",
        ("Fibre Broadband",),
        7,
        "steady",
        (
            "{who} works from home and asked about upgrading to {speed}.",
            "Gaming household, interested in faster fibre - sent {speed} offer.",
            "{who} asked what the fastest package is, kids streaming all evening.",
            "Interested in upgrading speed, wants a price for {speed}.",
        ),
    ),
    Theme(
        "family-plan",
        "upsell",
        ("Mobile",),
        5,
        "steady",
        (
            "{who} wants to add {n} more lines for the kids, asked for a family discount.",
            "Asked about a family bundle with shared data for {n} phones.",
            "Interested in adding partner's phone to their plan if there is a multi-line deal.",
        ),
    ),
    Theme(
        "roaming-bill",
        "complaint",
        ("Mobile",),
        6,
        "steady",
        (
            "Bill shock after holiday, {who2} charged £{amount} for roaming and had no warning text.",
            "{who} disputes £{amount} roaming charges, thought EU roaming was included.",
            "Roaming charges way higher than expected, {who2} wants a cap or an alert.",
        ),
    ),
    Theme(
        "debit-date",
        "need",
        ("Fibre Broadband", "Mobile", "TV & Streaming"),
        6,
        "steady",
        (
            "{who} asked to move the direct debit date to after payday, we can't do it online.",
            "Wants to change the payment date to the {day}th, had to raise a ticket.",
            "Direct debit date change request again - why is this not self-service?",
        ),
    ),
    Theme(
        "sports-channel",
        "complaint",
        ("TV & Streaming",),
        9,
        "fading",
        (
            "Sports channel missing from the TV box after the update, {who2} pays for the sports pack.",
            "{who} lost the sports channels again, box says not subscribed.",
            "Sports pack not showing on the box since the software update.",
        ),
    ),
    Theme(
        "sim-delay",
        "complaint",
        ("Mobile",),
        7,
        "fading",
        (
            "New SIM still not delivered after {n} days, {who2} chasing.",
            "{who} waiting over a week for the replacement SIM.",
            "SIM delivery delayed again, courier says no parcel.",
        ),
    ),
    Theme(
        "digital-voice",
        "need",
        ("Home Phone",),
        5,
        "fading",
        (
            "Elderly customer confused about the landline switch to digital voice, worried about the alarm pendant.",
            "{who} asked if the landline will still work in a power cut after the digital switchover.",
            "Questions about digital voice - does the old phone still plug in?",
        ),
    ),
    Theme(
        "parental",
        "need",
        ("TV & Streaming",),
        3,
        "emerging",
        (
            "{who} asked for parental controls per profile on the TV app.",
            "Parent wants to lock certain channels for the kids' profile, we can't.",
            "No way to set a PIN for kids' viewing on the streaming app, {who2} surprised.",
        ),
    ),
    Theme(
        "outage-map",
        "idea",
        ("My Brightline app",),
        4,
        "steady",
        (
            "Idea: an outage map in the app so customers can see if it's us before calling.",
            "{who} suggested the app shows live outages in their area - would save a call.",
            "Would be great if the app told people about local faults, half my calls today were the same outage.",
        ),
    ),
    Theme(
        "whatsapp",
        "idea",
        ("My Brightline app",),
        3,
        "rising",
        (
            "{who} asked if they can message us on WhatsApp instead of chat.",
            "Idea: support via WhatsApp, younger customers don't want to call.",
            "Customer wanted to send a photo of the router lights on WhatsApp.",
        ),
    ),
    Theme(
        "contract-end",
        "need",
        ("My Brightline app", "Mobile"),
        5,
        "steady",
        (
            "{who} couldn't find their contract end date in the app.",
            "Where is the contract end date shown? {who2} looked everywhere in the app.",
            "Asked when their minimum term ends, not visible in the account page.",
        ),
    ),
    Theme(
        "moving-home",
        "need",
        ("Fibre Broadband", "Home Phone"),
        5,
        "steady",
        (
            "{who} moving house on the {day}th and wants to take the broadband with them.",
            "Home move - wants service live on day one at the new address.",
            "{who} moving, asked if there's a fee to transfer the contract.",
        ),
    ),
    Theme(
        "paper-bill",
        "need",
        ("Home Phone",),
        2,
        "steady",
        (
            "{who} wants paper bills back, doesn't use email.",
            "Large print bill requested for a visually impaired customer.",
        ),
    ),
    Theme(
        "misc",
        "other",
        ("Fibre Broadband", "Mobile", "TV & Streaming", "Home Phone"),
        4,
        "steady",
        (
            "General enquiry, nothing to report.",
            "{who} called about an old complaint, already resolved.",
            "Customer asked for a copy of their terms, sent by email.",
            "Wrong number, transferred.",
        ),
    ),
)
PHONES = ("iPhone 16", "Pixel 9", "Galaxy S25", "new iPhone", "Pixel")
RIVALS = ("Nimbus", "FibreNow", "Vodaline", "SkyNet Home")
SPEEDS = ("500Mb", "900Mb", "1Gb", "2Gb")


def _profile(kind: str, week: int, weeks: int) -> float:
    """Relative strength of a theme in ``week`` (0 = oldest)."""
    t = week / max(weeks - 1, 1)
    if kind == "steady":
        return 1.0
    if kind == "rising":
        return 0.4 + 1.2 * t
    if kind == "emerging":
        return 0.1 if week < weeks - 4 else 0.6 + 0.8 * (week - (weeks - 4))
    if kind == "new":
        return 0.0 if week < weeks - 2 else 1.5
    if kind == "fading":
        return max(0.05, 1.5 - 1.6 * t)
    if kind == "spike":
        return 4.0 if week == weeks - 6 else (1.5 if week == weeks - 5 else 0.15)
    raise ValueError(kind)


def _agents(rng: random.Random, count: int) -> list[tuple[str, str]]:
    firsts, lasts, teams = FIRST.split(), LAST.split(), list(TEAMS)
    out: set[tuple[str, str]] = set()
    while len(out) < count:
        out.add((f"{rng.choice(firsts)}.{rng.choice(lasts)}", teams[len(out) % len(teams)]))
    return sorted(out)


def _fill(template: str, rng: random.Random) -> str:
    who = rng.choice(WHO)
    return template.format(
        who=who,
        who2=who.lower() if who != "Cust" else "the customer",
        phone=rng.choice(PHONES),
        rival=rng.choice(RIVALS),
        speed=rng.choice(SPEEDS),
        months=rng.choice((2, 3, 4, 6)),
        pct=rng.choice((6, 7, 8, 9)),
        amount=rng.choice((48, 75, 112, 160, 230)),
        day=rng.choice((1, 5, 15, 20, 28)),
        n=rng.randint(2, 9),
    )


def generate_demo_notes(
    *, now: datetime | None = None, weeks: int = 14, notes_per_week: int = 360, agents: int = 36, seed: int = 42
) -> list[NoteDraft]:
    """Generate the demo notes (oldest first). ~``notes_per_week`` × ``weeks`` notes; deterministic.

    Args:
        now: the end of the period (naive UTC; default: the current time).
        weeks: how many weeks of history.
        notes_per_week: average weekly volume at full strength (360 gives ~4,100 notes over 14 weeks).
        agents: how many agents log notes.
        seed: random seed.
    """
    rng = random.Random(seed)
    now = (now or datetime.utcnow()).replace(microsecond=0)
    start = (now - timedelta(weeks=weeks)).replace(hour=0, minute=0, second=0)
    people = _agents(rng, agents)
    scale = notes_per_week / 300.0
    drafts: list[NoteDraft] = []
    for week in range(weeks):
        week_start = start + timedelta(weeks=week)
        for theme in THEMES:
            expected = theme.weight * scale * _profile(theme.profile, week, weeks) * 300.0 / 135.0
            count = max(0, round(rng.gauss(expected, expected**0.5 * 0.6)))
            for _ in range(count):
                created = week_start + timedelta(
                    days=rng.choice((0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6)),
                    hours=rng.randint(8, 18),
                    minutes=rng.randint(0, 59),
                )
                if created > now:
                    continue
                agent, team = rng.choice(people)
                text = rng.choice(LEADS) + _fill(rng.choice(theme.templates), rng) + rng.choice(TAILS)
                if rng.random() < 0.02:
                    text += rng.choice(PII_TAILS).format(n=rng.randint(0, 999))
                drafts.append(
                    NoteDraft(
                        text=text,
                        created_at=created,
                        agent_id=agent,
                        team=team,
                        channel=rng.choice(TEAMS[team]),
                        product=rng.choice(theme.products),
                        customer_segment=rng.choice(SEGMENTS),
                        kind=theme.kind,
                        source=DEMO_SOURCE,
                        tags=("demo",),
                        extra=(("demo_theme", theme.key),),  # the answer key, for judging topic quality
                    )
                )
    drafts.sort(key=lambda d: d.created_at)
    return drafts


def _refit_function() -> Callable[..., Any] | None:
    """The topics engine's refit entry point, when it is installed (it is developed separately)."""
    try:
        from insight.topics import refit as refit_module  # type: ignore[attr-defined]
    except ImportError:
        return None
    return getattr(refit_module, "refit", None)


def seed_demo(
    store: Any,
    *,
    embedder: Any,
    redactor: Any,
    settings: Any,
    progress: Progress | None = None,
    notes_per_week: int = 360,
    weeks: int = 14,
    now: datetime | None = None,
) -> IngestReport:
    """Generate the demo notes and ingest them through the normal service, then refit topics.

    ``progress(stage, done, total)`` is called with the ingest stages (reading, embedding, writing)
    and ``topics`` for the refit.
    """
    from ingest.service import ingest_drafts

    drafts = generate_demo_notes(now=now, weeks=weeks, notes_per_week=notes_per_week, seed=settings.random_seed)
    report = ingest_drafts(
        store, drafts, embedder=embedder, redactor=redactor, settings=settings, progress=progress, source_name="demo"
    )
    refit = _refit_function()
    if refit is not None:
        if progress:
            progress("topics", 0, 1)
        try:
            refit(store, embedder=embedder, settings=settings)
        except Exception:  # the demo is still useful without topics; the admin page can refit later
            log.exception("topic refit after seeding the demo failed")
        if progress:
            progress("topics", 1, 1)
    return report


def write_answer_key_topics(store: Any, model_id: str, *, when: datetime | None = None) -> dict[str, int]:
    """Fixtures and benchmarks only: a topic run whose topics are the demo themes (the answer key).

    Lets page tests and benchmarks have topics without fitting a model. Notes are read with their
    ``demo_theme`` attribute; returns theme key → topic id.
    """
    import numpy as np

    from insight.store import analytics, notes
    from insight.store import search as search_sql

    with store.transaction() as con:
        ids, vectors = notes.load_embeddings(con, model_id)
        members: dict[str, list[int]] = {}
        for start in range(0, len(ids), 5000):
            for note in notes.get_notes(con, [int(i) for i in ids[start : start + 5000]]):
                members.setdefault(str(note.extra.get("demo_theme", "misc")), []).append(note.id)
        topic_ids = {theme: n for n, theme in enumerate(sorted(members))}
        labels = {t.key: t.key.replace("-", " ").capitalize() for t in THEMES}
        topics = [(tid, labels.get(th, th), th.split("-"), len(members[th])) for th, tid in topic_ids.items()]
        run_id = analytics.record_topic_run(con, when or datetime.utcnow(), topics, model_id=model_id)
        row_of = {int(i): k for k, i in enumerate(ids)}
        for theme, tid in topic_ids.items():
            centroid = vectors[[row_of[i] for i in members[theme]]].mean(axis=0)
            search_sql.record_topic_shape(con, run_id, tid, np.asarray(centroid), members[theme][:5])
            analytics.record_topic_profile(con, tid, born_run_id=run_id)
        analytics.record_assignments(con, run_id, [(i, topic_ids[th], 0.9) for th, ms in members.items() for i in ms])
    return topic_ids
