"""SQL for ``notes``: inserting, reading, de-duplicating and re-scrubbing notes, and what the filter pickers offer.

Every function takes an open connection from :class:`~insight.store.db.Store` (writers: inside the
caller's transaction). Vectors are in :mod:`insight.store.vectors`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

import duckdb
import numpy as np
import pyarrow as pa

from insight.errors import StoreUsageError
from insight.privacy import require_clean, require_clean_draft
from insight.records import Note, NoteDraft, NoteFilters
from insight.store.sql import FILTER_COLUMNS, SMALL_BATCH, note_filter, with_table
from insight.store.vectors import insert_embeddings

NOTE_COLUMNS = (
    "id, external_id, text, created_at, agent_id, team, channel, product, customer_segment, kind, "
    "source, tags, extra, ingested_at"
)


def existing_dedupe_keys(con: duckdb.DuckDBPyConnection, keys: Iterable[str]) -> set[str]:
    """The subset of ``keys`` already stored."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return set()
    if len(keys) <= SMALL_BATCH:
        return set(note_ids_for_keys(con, keys))
    table = pa.table({"k": pa.array(keys, pa.string())})
    rows = with_table(
        con, "_probe_keys", table, ("SELECT n.dedupe_key FROM notes n JOIN _probe_keys p ON n.dedupe_key = p.k", [])
    )
    return {r[0] for r in rows}


def note_ids_for_keys(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> dict[str, int]:
    """Map dedupe keys to stored note ids (for duplicates, so a caller can show the existing note)."""
    if not keys:
        return {}
    if len(keys) <= SMALL_BATCH:
        found: dict[str, int] = {}
        for key in keys:
            found.update(con.execute("SELECT dedupe_key, id FROM notes WHERE dedupe_key = ?", [key]).fetchall())
        return found
    table = pa.table({"k": pa.array(list(keys), pa.string())})
    sql = "SELECT n.dedupe_key, n.id FROM notes n JOIN _probe_keys p ON n.dedupe_key = p.k"
    return {k: i for k, i in with_table(con, "_probe_keys", table, (sql, []))}


def insert_notes(
    con: duckdb.DuckDBPyConnection,
    drafts: Sequence[NoteDraft],
    dedupe_keys: Sequence[str],
    redactions: Sequence[Sequence[str]],
    vectors: np.ndarray | None,
    model_id: str | None,
) -> list[int]:
    """Insert notes (and their vectors, if given) as one Arrow batch; return the new ids in order.

    The caller holds a transaction and has already removed duplicates (see :func:`existing_dedupe_keys`).
    Every free-text field must have passed the redaction gate (:func:`insight.privacy.require_clean_draft`).

    Raises:
        UnredactedTextError: a draft holds free text that did not pass the gate; nothing is inserted.
    """
    for draft in drafts:
        require_clean_draft(draft)
    n = len(drafts)
    if n == 0:
        return []
    if n <= SMALL_BATCH:
        ids = [_insert_one(con, d, k, r) for d, k, r in zip(drafts, dedupe_keys, redactions, strict=True)]
        if vectors is not None and model_id is not None:
            insert_embeddings(con, ids, vectors, model_id)
        return ids
    ids = [r[0] for r in con.execute("SELECT nextval('note_id_seq') FROM range(?)", [n]).fetchall()]
    table = pa.table(
        {
            "id": pa.array(ids, pa.int64()),
            "external_id": pa.array([d.external_id for d in drafts], pa.string()),
            "text": pa.array([d.text for d in drafts], pa.string()),
            "created_at": pa.array([d.created_at for d in drafts], pa.timestamp("us")),
            "agent_id": pa.array([d.agent_id for d in drafts], pa.string()),
            "team": pa.array([d.team for d in drafts], pa.string()),
            "channel": pa.array([d.channel for d in drafts], pa.string()),
            "product": pa.array([d.product for d in drafts], pa.string()),
            "customer_segment": pa.array([d.customer_segment for d in drafts], pa.string()),
            "kind": pa.array([d.kind for d in drafts], pa.string()),
            "source": pa.array([d.source for d in drafts], pa.string()),
            "tags": pa.array([list(d.tags) for d in drafts], pa.list_(pa.string())),
            "extra": pa.array([json.dumps(d.extra_dict()) if d.extra else None for d in drafts], pa.string()),
            "redactions": pa.array([list(r) for r in redactions], pa.list_(pa.string())),
            "dedupe_key": pa.array(list(dedupe_keys), pa.string()),
        }
    )
    sql = (
        "INSERT INTO notes (id, external_id, text, created_at, agent_id, team, channel, product, "
        "customer_segment, kind, source, tags, extra, redactions, dedupe_key) "
        "SELECT id, external_id, text, created_at, agent_id, team, channel, product, customer_segment, "
        "kind, source, tags, extra::JSON, redactions, dedupe_key FROM _new_notes"
    )
    with_table(con, "_new_notes", table, (sql, []))
    if vectors is not None and model_id is not None:
        insert_embeddings(con, ids, vectors, model_id)
    return ids


def _insert_one(con: duckdb.DuckDBPyConnection, d: NoteDraft, key: str, redactions: Sequence[str]) -> int:
    row = con.execute(
        "INSERT INTO notes (external_id, text, created_at, agent_id, team, channel, product, customer_segment, "
        "kind, source, tags, extra, redactions, dedupe_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::VARCHAR[], ?::JSON, ?::VARCHAR[], ?) RETURNING id",
        [d.external_id, d.text, d.created_at, d.agent_id, d.team, d.channel, d.product, d.customer_segment, d.kind,
         d.source, list(d.tags), json.dumps(d.extra_dict()) if d.extra else None, list(redactions), key],
    ).fetchall()  # fmt: skip
    return int(row[0][0])


def row_to_note(row: tuple) -> Note:
    """A row of ``NOTE_COLUMNS`` (optionally followed by topic id and topic label) as a :class:`Note`."""
    (
        id_,
        external_id,
        text,
        created_at,
        agent_id,
        team,
        channel,
        product,
        segment,
        kind,
        source,
        tags,
        extra,
        ingested_at,
        *rest,
    ) = row
    topic_id, topic_label = ([*rest, None, None])[:2]
    return Note(
        id=id_,
        text=text,
        created_at=created_at,
        agent_id=agent_id,
        team=team,
        channel=channel,
        product=product,
        customer_segment=segment,
        kind=kind,
        source=source,
        tags=tuple(tags or ()),
        external_id=external_id,
        extra=json.loads(extra) if extra else {},
        ingested_at=ingested_at,
        topic_id=topic_id,
        topic_label=topic_label,
    )


def get_notes(con: duckdb.DuckDBPyConnection, note_ids: Sequence[int]) -> list[Note]:
    """Notes by id, in the order asked for (missing ids are skipped)."""
    if not note_ids:
        return []
    rows = con.execute(f"SELECT {NOTE_COLUMNS} FROM notes WHERE id IN (SELECT unnest(?))", [list(note_ids)]).fetchall()
    by_id = {r[0]: row_to_note(r) for r in rows}
    return [by_id[i] for i in note_ids if i in by_id]


def texts_of(con: duckdb.DuckDBPyConnection, note_ids: Sequence[int] | np.ndarray) -> list[str]:
    """The text of each given note, in the order given ("" for a note that is gone)."""
    ids = np.asarray(note_ids, dtype=np.int64)
    if not len(ids):
        return []
    wanted = pa.table({"id": pa.array(ids), "pos": pa.array(np.arange(len(ids), dtype=np.int64))})
    con.register("_wanted_texts", wanted)
    try:
        found = con.sql("SELECT w.pos, n.text FROM _wanted_texts w JOIN notes n ON n.id = w.id").to_arrow_table()
    finally:
        con.unregister("_wanted_texts")
    out = [""] * len(ids)
    for pos, text in zip(found.column("pos").to_numpy().tolist(), found.column("text").to_pylist(), strict=True):
        out[pos] = text
    return out


def count_notes(con: duckdb.DuckDBPyConnection) -> int:
    """How many notes are stored."""
    return int(con.execute("SELECT count(*) FROM notes").fetchall()[0][0])


_UPDATABLE = ("text", "team", "channel", "product", "customer_segment", "kind", "source", "tags", "extra", "redactions")


def rescrub_batch(con: duckdb.DuckDBPyConnection, after_id: int, limit: int) -> list[tuple]:
    """Notes with id > ``after_id``, oldest id first: (id, external_id, text, created_at, agent_id, team, channel,
    product, customer_segment, kind, source, tags, extra, redactions)."""
    return con.execute(
        "SELECT id, external_id, text, created_at, agent_id, team, channel, product, customer_segment, kind, source, "
        "tags, extra, redactions FROM notes WHERE id > ? ORDER BY id LIMIT ?",
        [after_id, limit],
    ).fetchall()


def update_note_fields(con: duckdb.DuckDBPyConnection, changes: Sequence[tuple[int, dict[str, object]]]) -> None:
    """Replace free-text fields of stored notes (``rescrub``): ``(note id, {field: new value})`` pairs.

    Fields: text, team, channel, product, customer_segment, kind, source, tags (a list), extra (a dict), redactions.

    Raises:
        UnredactedTextError: a new value (or a tag, an extra name or value) did not pass the redaction gate.
        StoreUsageError: an unknown field.
    """
    for _, fields in changes:
        unknown = set(fields) - set(_UPDATABLE)
        if unknown:
            raise StoreUsageError(f"not updatable note fields: {sorted(unknown)}")
        for name, value in fields.items():
            if name == "tags":
                for tag in value or ():  # type: ignore[attr-defined]
                    require_clean("tag", tag)
            elif name == "extra":
                for key, item in (value or {}).items():  # type: ignore[attr-defined]
                    require_clean("extra attribute name", key)
                    require_clean("extra attribute value", item)
            elif name != "redactions":
                require_clean(name.replace("_", " "), value)
    for note_id, fields in changes:
        if not fields:
            continue
        values = [json.dumps(v) if name == "extra" and v is not None else v for name, v in fields.items()]
        casts = {"tags": "?::VARCHAR[]", "redactions": "?::VARCHAR[]", "extra": "?::JSON"}
        sets = ", ".join(f"{name} = {casts.get(name, '?')}" for name in fields)
        con.execute(f"UPDATE notes SET {sets} WHERE id = ?", [*values, note_id])


def update_dedupe_keys(con: duckdb.DuckDBPyConnection, keys: Sequence[tuple[int, str]]) -> int:
    """Give notes new dedupe keys (after their text changed); a key another note already has is skipped.

    Returns:
        How many keys changed.
    """
    changed = 0
    for note_id, key in keys:
        taken = con.execute("SELECT count(*) FROM notes WHERE dedupe_key = ? AND id <> ?", [key, note_id]).fetchall()
        if taken[0][0]:
            continue
        con.execute("UPDATE notes SET dedupe_key = ? WHERE id = ?", [key, note_id])
        changed += 1
    return changed


def note_time_range(
    con: duckdb.DuckDBPyConnection, until: datetime | None = None
) -> tuple[datetime | None, datetime | None]:
    """(earliest, latest) ``created_at`` of the notes (created before ``until``, if given)."""
    where, params = ("WHERE created_at < ?", [until]) if until is not None else ("", [])
    row = con.execute(f"SELECT min(created_at), max(created_at) FROM notes {where}", params).fetchall()[0]
    return row[0], row[1]


def count_by_source(con: duckdb.DuckDBPyConnection, source: str) -> int:
    """How many notes came from one source (e.g. ``demo``)."""
    return int(con.execute("SELECT count(*) FROM notes WHERE source = ?", [source]).fetchall()[0][0])


def distinct_values(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Every stored value of product, channel, team and kind (sorted), for filter pickers."""
    out: dict[str, list[str]] = {}
    for column in FILTER_COLUMNS:
        rows = con.execute(
            f"SELECT DISTINCT {column} FROM notes WHERE {column} IS NOT NULL ORDER BY {column}"
        ).fetchall()
        out[column] = [r[0] for r in rows]
    return out


def agents(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """(agent id, their most recent team) for every agent who logged a note."""
    return con.execute(
        "SELECT agent_id, arg_max(team, created_at) FROM notes WHERE agent_id IS NOT NULL "
        "GROUP BY agent_id ORDER BY agent_id"
    ).fetchall()


def filtered_note_ids(con: duckdb.DuckDBPyConnection, filters: NoteFilters) -> np.ndarray:
    """Ascending ids of the notes ``filters`` keep (topic filters are not applied here)."""
    where, params = note_filter(filters)
    table = con.sql(f"SELECT n.id FROM notes n WHERE TRUE {where} ORDER BY n.id", params=params).to_arrow_table()
    return table.column("id").to_numpy().astype(np.int64)
