"""What product managers do with topics — rename, merge, status, owner — and how the app reads them.

Everything a PM sets lives on the topic id (``topic_profiles``), which refits keep, so it survives
refits. A merge moves the notes now and is remembered (``merged_into``): a later refit that splits the
merged topic again folds the parts back together (see :mod:`insight.topics.matching`).
"""

from __future__ import annotations

from collections.abc import Sequence

from insight.errors import EarshotError, TopicNotFoundError
from insight.privacy import Redactor
from insight.records import OWNER_TEAMS, TOPIC_STATUSES, UNCLEAR_LABEL, UNCLEAR_TOPIC_ID, LineageEvent, TopicRun
from insight.store import Store
from insight.store import placements as placements_sql
from insight.store import profiles as profiles_sql
from insight.store import runs as runs_sql
from insight.store import topics as topics_sql
from insight.store.notes import get_notes
from insight.store.topics import TopicRow
from insight.topics.records import TopicDetail, TopicSummary

MAX_NAME_CHARS = 120


def _summary(row: TopicRow, count: int | None, total: int) -> TopicSummary:
    size = count if count is not None else row.size
    return TopicSummary(
        topic_id=row.topic_id,
        label=row.label,
        generated_label=row.generated_label,
        name=row.name,
        keywords=row.keywords,
        size=int(size or 0),
        share=(size or 0) / total if total else 0.0,
        theme_id=row.theme_id,
        theme_label=row.theme_label,
        status=row.status,
        owner=row.owner,
        status_note=row.status_note,
        summary=row.summary,
    )


def list_topics(store: Store, *, include_unclear: bool = False) -> list[TopicSummary]:
    """The current run's topics, largest first, with live sizes (arrivals and merges counted).

    ``include_unclear`` adds the Unclear bucket (id -1) at the end when it holds notes.
    """
    with store.read() as con:
        rows = topics_sql.topic_rows(con)
        counts = placements_sql.placed_counts(con)
    total = sum(counts.values())
    topics = [_summary(r, counts.get(r.topic_id, 0), total) for r in rows if r.topic_id != UNCLEAR_TOPIC_ID]
    topics.sort(key=lambda t: (-t.size, t.topic_id))
    unclear = counts.get(UNCLEAR_TOPIC_ID, 0)
    if include_unclear and unclear:
        topics.append(
            TopicSummary(
                topic_id=UNCLEAR_TOPIC_ID,
                label=UNCLEAR_LABEL,
                generated_label=UNCLEAR_LABEL,
                name=None,
                keywords=(),
                size=unclear,
                share=unclear / total,
                theme_id=None,
                theme_label=None,
                status="new",
                owner=None,
            )
        )
    return topics


def _live_row(con, topic_id: int) -> TopicRow:
    rows = topics_sql.topic_rows(con, topic_id)
    if rows and topic_id != UNCLEAR_TOPIC_ID:
        return rows[0]
    prof = profiles_sql.profile(con, topic_id)
    if prof is not None and prof.merged_into is not None:
        raise TopicNotFoundError(f"Topic {topic_id} was merged into topic {prof.merged_into}; open that one instead.")
    if prof is not None and prof.died_run_id is not None:
        raise TopicNotFoundError(
            f"Topic {topic_id} ended at refit run {prof.died_run_id}; see its lineage for where it went."
        )
    raise TopicNotFoundError(f"There is no topic {topic_id} in the current topics. Refresh the topic list.")


def get_topic(store: Store, topic_id: int) -> TopicDetail:
    """One live topic: its summary, representative notes (closest to its centre), lineage and theme siblings."""
    with store.read() as con:
        row = _live_row(con, topic_id)
        counts = placements_sql.placed_counts(con)
        notes = get_notes(con, list(row.representative_note_ids))
        events = profiles_sql.lineage(con, topic_id)
        merged = profiles_sql.merged_sources(con, topic_id)
        theme_rows = topics_sql.topic_rows(con) if row.theme_id is not None else []
    total = sum(counts.values())
    summary = _summary(row, counts.get(topic_id, 0), total)
    siblings = sorted(
        (
            _summary(r, counts.get(r.topic_id, 0), total)
            for r in theme_rows
            if r.theme_id == row.theme_id and r.topic_id != topic_id
        ),
        key=lambda t: (-t.size, t.topic_id),
    )
    return TopicDetail(
        summary, tuple(notes), tuple(events), born_run_id=row.born_run_id, merged_topic_ids=tuple(merged),
        siblings=tuple(siblings),
    )  # fmt: skip


def topic_lineage(store: Store, topic_id: int) -> list[LineageEvent]:
    """What refits and PMs did to a topic, oldest first (births, continues, splits, merges, deaths)."""
    with store.read() as con:
        return profiles_sql.lineage(con, topic_id)


def topic_names(store: Store) -> dict[int, str]:
    """Every topic ever known, live or ended, by its own name (the PM's, else its latest label).

    Lineage speaks of ended and merged topics; they keep their own name here instead of ``#83``.
    """

    with store.read() as con:
        rows = topics_sql.topic_infos(con)
    names = {r.topic_id: r.label or f"Topic {r.topic_id}" for r in rows}
    names[UNCLEAR_TOPIC_ID] = UNCLEAR_LABEL
    return names


def list_runs(store: Store, limit: int = 100) -> list[TopicRun]:
    """Topic runs, newest first, with parameters and quality figures."""
    with store.read() as con:
        return runs_sql.list_runs(con, limit)


def rename_topic(store: Store, topic_id: int, name: str | None, *, redactor: Redactor) -> TopicSummary:
    """Give a topic a PM name (shown instead of the generated label); a blank name restores the generated one.

    The name passes the redaction gate first: a PM naming a topic after a customer stores ``<PERSON> …``.

    Raises:
        TopicNotFoundError: not a live topic. EarshotError: the name is too long or another topic has it.
    """
    spaced = " ".join((name or "").split())
    clean = redactor.redact(spaced).text if spaced else None
    if clean and len(clean) > MAX_NAME_CHARS:
        raise EarshotError(f"A topic name can have at most {MAX_NAME_CHARS} characters.", title="Name too long")
    with store.transaction() as con:
        _live_row(con, topic_id)
        if clean:
            clash = [
                r for r in topics_sql.topic_rows(con) if r.label.lower() == clean.lower() and r.topic_id != topic_id
            ]
            if clash:
                raise EarshotError(
                    f"Topic {clash[0].topic_id} is already called “{clash[0].label}”. "
                    "Pick another name, or merge the two.",
                    title="Name already used",
                )
        profiles_sql.update_profile(con, topic_id, name=clean)
        runs_sql.bump_revision(con)
        row = topics_sql.topic_rows(con, topic_id)[0]
        counts = placements_sql.placed_counts(con)
    return _summary(row, counts.get(topic_id, 0), sum(counts.values()))


def merge_topics(store: Store, source_ids: int | Sequence[int], target_id: int) -> TopicSummary:
    """Merge topics into ``target_id``: their notes move there now, and later refits keep them together.

    Raises:
        TopicNotFoundError: a topic is not live. EarshotError: merging a topic into itself or into Unclear.
    """
    sources = [int(source_ids)] if isinstance(source_ids, int) else sorted({int(s) for s in source_ids})
    if not sources:
        raise EarshotError("Pick at least one topic to merge.", title="Nothing to merge")
    if target_id in sources:
        raise EarshotError("A topic cannot be merged into itself.", title="Cannot merge")
    if UNCLEAR_TOPIC_ID in (*sources, target_id):
        raise EarshotError("The Unclear bucket cannot be merged; rename or merge real topics.", title="Cannot merge")
    with store.transaction() as con:
        for tid in (*sources, target_id):
            _live_row(con, tid)
        run = runs_sql.current_run(con)
        assert run is not None  # _live_row found the topics in the current run
        topics_sql.merge_into(con, run.run_id, sources, target_id)
        for s in sources:
            profiles_sql.update_profile(con, s, merged_into=target_id, died_run_id=run.run_id)
        profiles_sql.insert_lineage(con, run.run_id, [LineageEvent("pm-merge", target_id, tuple(sources))])
        runs_sql.bump_revision(con)
        row = topics_sql.topic_rows(con, target_id)[0]
        counts = placements_sql.placed_counts(con)
    return _summary(row, counts.get(target_id, 0), sum(counts.values()))


def set_topic_status(store: Store, topic_id: int, status: str, note: str | None = None, *, redactor: Redactor) -> None:
    """Set a topic's status (new · investigating · planned · done · declined) and the note agents see.

    The note passes the redaction gate first (agents read it).
    """
    if status not in TOPIC_STATUSES:
        raise EarshotError(f"Unknown status {status!r}; use one of: {', '.join(TOPIC_STATUSES)}.", title="Bad status")
    stripped = (note or "").strip()
    clean = redactor.redact(stripped).text if stripped else None
    with store.transaction() as con:
        _live_row(con, topic_id)
        profiles_sql.update_profile(con, topic_id, status=status, status_note=clean)


def set_topic_owner(store: Store, topic_id: int, owner: str | None) -> None:
    """Set the team that owns a topic (product · marketing · strategy · service), or clear it with ``None``."""
    if owner is not None and owner not in OWNER_TEAMS:
        raise EarshotError(f"Unknown owner {owner!r}; use one of: {', '.join(OWNER_TEAMS)}.", title="Bad owner")
    with store.transaction() as con:
        _live_row(con, topic_id)
        profiles_sql.update_profile(con, topic_id, owner=owner)
