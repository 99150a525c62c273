"""A realistic demo data set, generated here from templates (no external data).

"Brightline" is a made-up telecom: fibre broadband, mobile, TV & streaming, home phone and an app.
Five contact-centre teams log notes over ``weeks`` weeks ending now. Themes follow time profiles so
the dashboards have something to find: steady needs, a few emerging ones (eSIM, app login loop,
pausing a subscription), fading ones (sports channel bug, late SIM deliveries), a spike (router
firmware), plus praise, churn-risk and upsell notes. A few notes carry a phone number or an e-mail
address so the redactor has work to show. Everything is seeded: the same call gives the same notes.

:func:`seed_demo` pushes the notes through the normal ingest service (redaction, embedding,
duplicate check), refits topics, and then records what product managers decided about a few of the
needs (:data:`DEMO_DECISIONS`: fixed, planned, being looked into, declined), through the same services
the Topic page uses — so an agent's *My notes* shows notes that were heard and acted on, and the brief's
"What was decided" has something in it. Needs still to be picked up (eSIM, the login loop) stay "new".
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ingest.demo_themes import (
    FIRST,
    LAST,
    LEADS,
    PHONES,
    PII_TAILS,
    RIVALS,
    SEGMENTS,
    SPEEDS,
    TAILS,
    TEAMS,
    THEMES,
    WHO,
)
from insight.clock import utc_now
from insight.errors import EarshotError
from insight.records import IngestReport, NoteDraft, ProgressCallback

log = logging.getLogger(__name__)

DEMO_SOURCE = "demo"


@dataclass(frozen=True)
class DemoDecision:
    """What a product manager decided about one planted theme: status, owning team and the note agents read."""

    theme: str
    status: str
    owner: str
    note: str


DEMO_DECISIONS: tuple[DemoDecision, ...] = (
    DemoDecision(
        "sports-channel",
        "done",
        "product",
        "The sports pack is back on every TV box since the last box update. If it is still missing, ask the "
        "customer to restart the box.",
    ),
    DemoDecision(
        "sim-delay",
        "done",
        "service",
        "Replacement SIMs now go out by next-day courier. Customers can expect theirs the next working day.",
    ),
    DemoDecision(
        "debit-date",
        "planned",
        "product",
        "Customers will choose their direct debit date in the app from the next billing release. Until then, "
        "raise a ticket as today.",
    ),
    DemoDecision(
        "roaming-bill",
        "investigating",
        "product",
        "Billing is checking why the roaming spend text arrives after the charge instead of before it.",
    ),
    DemoDecision(
        "pause",
        "declined",
        "strategy",
        "Pausing a package is not on offer this year; it is part of the 2027 plan review. Offer the cheaper "
        "package instead of cancelling.",
    ),
)
# A decision goes on every topic whose demo notes are mostly its theme's and that holds at least this many
# of them: a theme the topic engine split in two is decided on in both, as a PM would.
_DECIDED_TOPIC_MIN_NOTES = 10


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
    *, now: datetime | None = None, weeks: int = 14, notes_per_week: int = 300, agents: int = 36, seed: int = 42
) -> list[NoteDraft]:
    """Generate the demo notes (oldest first). ~``notes_per_week`` × ``weeks`` notes; deterministic.

    Args:
        now: the end of the period (naive UTC; default: the current time).
        weeks: how many weeks of history.
        notes_per_week: average weekly volume at full strength (300 gives ~3,400 notes over 14 weeks).
        agents: how many agents log notes.
        seed: random seed.
    """
    rng = random.Random(seed)
    now = (now or utc_now()).replace(microsecond=0)
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


def seed_demo(
    store: Any,
    *,
    embedder: Any,
    redactor: Any,
    settings: Any,
    progress: ProgressCallback | None = None,
    notes_per_week: int = 300,
    weeks: int = 14,
    now: datetime | None = None,
    refit_topics: bool = True,
) -> IngestReport:
    """Generate the demo notes, ingest them through the normal service, then fit topics.

    ``progress(stage, done, total)`` is called with the ingest stages (reading, embedding, writing)
    and then the topic refit's own stages. ``refit_topics=False`` skips the fit (tests that write
    fixture topics instead).
    """
    from ingest.service import ingest_drafts
    from insight.vector_cache import with_demo_cache

    # Vectors the same model computed for these exact texts at install time (python -m ingest.warmup);
    # texts not in that cache are embedded as usual.
    embedder = with_demo_cache(embedder, settings.model_cache_dir)
    drafts = generate_demo_notes(now=now, weeks=weeks, notes_per_week=notes_per_week, seed=settings.random_seed)

    def counted(stage: str, done: int, total: int) -> None:
        # The ingest service streams, so it reports no total; here the total is known: say "x of 3,400".
        if progress is not None:
            progress(stage, done, total or len(drafts))

    def skip(draft: NoteDraft, error: EarshotError) -> None:
        # A generated note the redactor gives up on (e.g. its time limit on a starved machine) is left out,
        # never stored unredacted: the demo goes on without it instead of failing the first run.
        log.warning("demo note left out: %s", error)

    report = ingest_drafts(
        store,
        drafts,
        embedder=embedder,
        redactor=redactor,
        settings=settings,
        progress=counted,
        source_name="demo",
        on_unredactable=skip,
    )
    if refit_topics:
        from insight.topics import refit

        try:
            refit(store, settings, embedder.model_id, progress=progress, embedder=embedder)
        except EarshotError:  # the demo is still useful without topics; the admin page can refit later
            log.exception("topic refit after seeding the demo failed")
        else:
            record_demo_decisions(store, redactor=redactor)
    return report


def decided_topics(store: Any) -> dict[str, list[int]]:
    """Theme key → the topics a decision about it goes on (mostly that theme's notes, at least a few of them)."""
    from insight.store import placements as placements_sql

    with store.read() as con:
        rows = placements_sql.topics_by_extra(con, "demo_theme", DEMO_SOURCE)
    per_topic: dict[int, int] = {}
    for _, topic_id, notes in rows:
        per_topic[topic_id] = per_topic.get(topic_id, 0) + notes
    out: dict[str, list[int]] = {}
    for theme, topic_id, notes in rows:
        if notes >= _DECIDED_TOPIC_MIN_NOTES and 2 * notes > per_topic[topic_id]:
            out.setdefault(theme, []).append(topic_id)
    return out


def record_demo_decisions(store: Any, *, redactor: Any) -> int:
    """Record :data:`DEMO_DECISIONS` on the demo's topics; return how many topics got one.

    Goes through the Topic page's services (the note passes the redaction gate). A theme the topics do not
    hold clearly is skipped, and a failure is logged, never raised: the demo is useful without decisions.
    """
    from insight.topics.manage import set_topic_owner, set_topic_status

    try:
        topics = decided_topics(store)
        done = 0
        for decision in DEMO_DECISIONS:
            for topic_id in topics.get(decision.theme, []):
                set_topic_status(store, topic_id, decision.status, decision.note, redactor=redactor)
                set_topic_owner(store, topic_id, decision.owner)
                done += 1
        return done
    except EarshotError:
        log.exception("recording the demo's decisions failed")
        return 0
