"""Builders for small, deterministic trend databases: notes with fixed dates, one topic run, profiles."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from insight.privacy import CleanText, synthetic_draft
from insight.records import NoteDraft
from insight.store import Store
from insight.store.notes import insert_notes
from insight.trends.weeks import Week
from tests import store_fixtures as fixtures


@dataclass(frozen=True)
class FixtureNote:
    """A note to store, with the topic it should be put in."""

    topic_id: int
    created_at: datetime
    text: str
    agent_id: str | None = "a1"
    product: str | None = "Cards"
    channel: str | None = "chat"
    team: str | None = "Team North"
    kind: str | None = "need"
    score: float | None = None  # closeness to the topic; default: a fixed pattern below 1
    source: str = "fixture"


def week_notes(
    topic_id: int,
    week: Week | str,
    count: int,
    agents: Sequence[str | None] = ("a1", "a2", "a3", "a4"),
    text: str = "note about topic {topic} number {i}",
    **fields: str | None,
) -> list[FixtureNote]:
    """``count`` notes of a topic spread over the weekdays of ``week``, agents taken in turn."""
    w = week if isinstance(week, Week) else Week.parse(week)
    out = []
    for i in range(count):
        moment = w.start + timedelta(days=i % 5, hours=9 + (i * 3) % 8, minutes=i % 60)
        agent = agents[i % len(agents)] if agents else None
        out.append(FixtureNote(topic_id, moment, text.format(topic=topic_id, i=i, week=w.label), agent, **fields))
    return out


def series_notes(
    topic_id: int,
    first_week: Week | str,
    counts: Sequence[int],
    agents: Sequence[str | None] = ("a1", "a2", "a3", "a4"),
) -> list[FixtureNote]:
    """Notes of one topic over consecutive weeks, ``counts[k]`` in week ``first_week + k``."""
    start = first_week if isinstance(first_week, Week) else Week.parse(first_week)
    notes: list[FixtureNote] = []
    for k, n in enumerate(counts):
        notes.extend(week_notes(topic_id, start.shift(k), n, agents, text="topic {topic} in {week}, note {i}"))
    return notes


def populate(
    store: Store,
    notes: Iterable[FixtureNote],
    labels: Mapping[int, str],
    run_at: datetime,
    profiles: Mapping[int, Mapping[str, object]] | None = None,
    born: Sequence[int] = (),
) -> int:
    """Store notes, one current topic run made at ``run_at`` and the notes' assignments; return the run id.

    ``profiles`` maps topic ids to :func:`~tests.store_fixtures.record_topic_profile` keyword
    arguments; topics in ``born`` get a lineage ``birth`` event in this run.
    """
    notes = list(notes)
    drafts = [
        NoteDraft(
            text=n.text,
            created_at=n.created_at,
            agent_id=n.agent_id,
            team=n.team,
            channel=n.channel,
            product=n.product,
            kind=n.kind,
            source=n.source,
        )
        for n in notes
    ]
    keys = [hashlib.sha1(f"{i}|{n.text}|{n.created_at}".encode()).hexdigest() for i, n in enumerate(notes)]
    sizes: dict[int, int] = {}
    for n in notes:
        sizes[n.topic_id] = sizes.get(n.topic_id, 0) + 1
    with store.transaction() as con:
        ids = insert_notes(con, [synthetic_draft(d) for d in drafts], keys, [() for _ in drafts], None, None)
        topics = [(t, label, label.lower().split()[:3], sizes.get(t, 0)) for t, label in sorted(labels.items())]
        run_id = fixtures.record_topic_run(con, run_at, topics)
        pairs = enumerate(zip(ids, notes, strict=True))
        placed = [
            (note_id, n.topic_id, n.score if n.score is not None else 0.9 - (i % 7) / 10) for i, (note_id, n) in pairs
        ]
        fixtures.record_assignments(con, run_id, placed)
        for topic_id, kwargs in (profiles or {}).items():
            if kwargs.get("name") is not None:
                kwargs = {**kwargs, "name": CleanText(kwargs["name"])}  # a made-up topic name
            fixtures.record_topic_profile(con, topic_id, **kwargs)  # type: ignore[arg-type]
        for topic_id in born:
            fixtures.record_lineage_event(con, run_id, "birth", topic_id)
    return run_id


def new_store(tmp_path: Path, name: str = "x.duckdb") -> Store:
    """A fresh store in a temp folder."""
    return Store(tmp_path / name)


# -- the brief fixture: eight fixed weeks of a small bank's notes ----------------------------------------

BRIEF_WEEKS = [Week(2025, n) for n in range(3, 11)]  # 2025-W03 … 2025-W10
BRIEF_RUN_AT = datetime(2025, 3, 9, 20, 0)  # Sunday evening of 2025-W10
HOSTILE_TEXT = '<script>alert("x")</script> wants **Apple Pay** | now [link](http://evil.example) & <b>more</b>'

# topic id: (run label, phrases, product, kind, weekly counts W03…W10, agents)
_TOPICS: dict[int, tuple[str, tuple[str, ...], str, str, tuple[int, ...], tuple[str, ...]]] = {
    1: (
        "card delivery arrive",
        ("replacement card still not delivered", "customer asks when new card arrives", "card lost in the post"),
        "Cards",
        "complaint",
        (12, 11, 13, 12, 12, 11, 12, 13),
        ("a1", "a2", "a3", "a4", "a5"),
    ),
    2: (
        "app login password",
        ("cannot log in to the app after update", "app rejects password", "login loop on android"),
        "App",
        "complaint",
        (10, 9, 10, 11, 10, 9, 10, 34),
        ("a1", "a2", "a3", "a4", "a5", "a6"),
    ),
    3: (
        "fee dispute overdraft",
        ("disputes overdraft fee", "asks for fee refund", "charged twice for account fee"),
        "Accounts",
        "complaint",
        (9, 10, 9, 8, 10, 9, 2, 1),
        ("a2", "a3", "a4"),
    ),
    4: (
        "apple pay wallet",
        ("wants to add card to apple pay", "asks if we support apple pay", "apple pay setup fails"),
        "Cards",
        "need",
        (0, 0, 0, 0, 0, 0, 1, 9),
        ("a1", "a3", "a5", "a6", "a8"),
    ),
    5: (
        "branch staff friendly",
        ("thanked the branch staff for help", "praised the friendly advisor", "happy with quick branch service"),
        "Branch",
        "praise",
        (5, 4, 5, 6, 5, 4, 5, 6),
        ("a4", "a5", "a6"),
    ),
    6: (
        "switch bank close",
        ("threatens to switch to another bank", "wants to close account over fees", "comparing offers elsewhere"),
        "Accounts",
        "churn-risk",
        (2, 3, 2, 3, 2, 3, 3, 5),
        ("a2", "a6", "a7"),
    ),
    7: (
        "premium account interest",
        ("interested in premium account", "asks about upgrade to metal card", "wants higher savings rate"),
        "Savings",
        "upsell",
        (2, 2, 3, 2, 3, 2, 3, 4),
        ("a1", "a8"),
    ),
    8: (
        "crypto trading",
        ("asks if the app can buy crypto", "wants bitcoin trading", "crypto wallet request"),
        "App",
        "idea",
        (0, 0, 0, 0, 0, 0, 0, 3),
        ("a2", "a4", "a7"),
    ),
    9: (
        "card not arrived",
        ("card not arrived after two weeks",),
        "Cards",
        "complaint",
        (1, 1, 0, 1, 1, 0, 1, 2),
        ("a3",),
    ),
    10: (
        "statement pdf export",
        ("statement pdf export broken",),
        "App",
        "need",
        (0, 0, 1, 0, 0, 0, 0, 12),
        ("a7",),
    ),
    -1: ("Unclear", ("called back, no details", "customer hung up"), "", "other", (1, 2, 1, 1, 2, 1, 1, 2), ("a8",)),
}
_CHANNELS = ("phone", "chat", "email", "phone", "chat")
_TEAMS = {"a1": "Team North", "a2": "Team North", "a3": "Team North", "a4": "Team North"}


def brief_world_notes() -> list[FixtureNote]:
    """Every note of the brief fixture, in a fixed order with fixed timestamps."""
    notes: list[FixtureNote] = []
    for topic_id, (_, phrases, product, kind, counts, agents) in _TOPICS.items():
        for week, count in zip(BRIEF_WEEKS, counts, strict=True):
            for i in range(count):
                agent = agents[(i + week.number) % len(agents)]
                text = f"{phrases[i % len(phrases)]} ({week.label} #{i + 1})"
                hostile = topic_id == 4 and week == BRIEF_WEEKS[-1] and i == 0
                notes.append(
                    FixtureNote(
                        topic_id=topic_id,
                        created_at=week.start + timedelta(days=i % 5, hours=9 + (i * 3 + topic_id) % 8, minutes=i),
                        text=HOSTILE_TEXT if hostile else text,
                        agent_id=agent,
                        product=product or None,
                        channel=_CHANNELS[(i + topic_id) % len(_CHANNELS)],
                        team=_TEAMS.get(agent, "Team South"),
                        kind=kind,
                        score=1.0 if hostile else None,
                    )
                )
    return notes


def build_brief_world(store: Store) -> int:
    """Fill ``store`` with the brief fixture; return the run id. Fully deterministic (no clock)."""
    profiles = {
        1: {"name": "Card delivery delays", "owner": "service", "status": "investigating"},
        2: {"owner": "product", "status": "planned"},
        3: {"owner": "strategy", "status": "done"},
        4: {"owner": "product", "status": "new"},
        9: {"merged_into": 1, "status": "declined"},
    }
    labels = {t: spec[0] for t, spec in _TOPICS.items()}
    return populate(store, brief_world_notes(), labels, BRIEF_RUN_AT, profiles=profiles, born=(8,))
