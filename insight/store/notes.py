"""SQL for notes and their embeddings. Every function takes an open connection from :class:`Store`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

import duckdb
import numpy as np
import pyarrow as pa

from insight.privacy import require_clean_draft
from insight.records import Note, NoteDraft

NOTE_COLUMNS = (
    "id, external_id, text, created_at, agent_id, team, channel, product, customer_segment, kind, "
    "source, tags, extra, ingested_at"
)


# Below this many rows, plain parameterised statements beat registering an Arrow table (~2 ms each):
# saving one note from the app takes the fast path, bulk imports the Arrow one.
SMALL_BATCH = 4


def existing_dedupe_keys(con: duckdb.DuckDBPyConnection, keys: Iterable[str]) -> set[str]:
    """The subset of ``keys`` already stored."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return set()
    if len(keys) <= SMALL_BATCH:
        return set(note_ids_for_keys(con, keys))
    table = pa.table({"k": pa.array(keys, pa.string())})
    con.register("_probe_keys", table)
    try:
        rows = con.execute("SELECT n.dedupe_key FROM notes n JOIN _probe_keys p ON n.dedupe_key = p.k").fetchall()
    finally:
        con.unregister("_probe_keys")
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
    con.register("_probe_keys", table)
    try:
        rows = con.execute("SELECT n.dedupe_key, n.id FROM notes n JOIN _probe_keys p ON n.dedupe_key = p.k").fetchall()
    finally:
        con.unregister("_probe_keys")
    return {k: i for k, i in rows}


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
    con.register("_new_notes", table)
    try:
        con.execute(
            "INSERT INTO notes (id, external_id, text, created_at, agent_id, team, channel, product, "
            "customer_segment, kind, source, tags, extra, redactions, dedupe_key) "
            "SELECT id, external_id, text, created_at, agent_id, team, channel, product, customer_segment, "
            "kind, source, tags, extra::JSON, redactions, dedupe_key FROM _new_notes"
        )
    finally:
        con.unregister("_new_notes")
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


def insert_embeddings(
    con: duckdb.DuckDBPyConnection, note_ids: Sequence[int], vectors: np.ndarray, model_id: str
) -> None:
    """Store vectors for notes, tagged with the model that made them (replacing older ones of that model)."""
    if len(note_ids) == 0:
        return
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(note_ids) <= SMALL_BATCH:
        for note_id, vector in zip(note_ids, vectors, strict=True):
            con.execute(
                "INSERT OR REPLACE INTO note_embeddings VALUES (?, ?, ?::FLOAT[])",
                [int(note_id), model_id, vector.tolist()],
            )
        return
    flat = pa.array(vectors.reshape(-1), pa.float32())
    lists = pa.ListArray.from_arrays(pa.array(np.arange(0, vectors.size + 1, vectors.shape[1]), pa.int32()), flat)
    table = pa.table(
        {
            "note_id": pa.array(list(note_ids), pa.int64()),
            "model_id": pa.array([model_id] * len(note_ids), pa.string()),
            "vector": lists,
        }
    )
    con.register("_new_vectors", table)
    try:
        con.execute("INSERT OR REPLACE INTO note_embeddings SELECT note_id, model_id, vector FROM _new_vectors")
    finally:
        con.unregister("_new_vectors")


def load_embeddings(
    con: duckdb.DuckDBPyConnection, model_id: str, until: datetime | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """All (note ids, vectors) for one model, ordered by note id; optionally only notes created before ``until``."""
    sql = (
        "SELECT e.note_id, e.vector FROM note_embeddings e JOIN notes n ON n.id = e.note_id "
        "WHERE e.model_id = ?" + (" AND n.created_at < ?" if until else "") + " ORDER BY e.note_id"
    )
    params: list[object] = [model_id] + ([until] if until else [])
    table = con.sql(sql, params=params).to_arrow_table()
    ids = table.column("note_id").to_numpy()
    if table.num_rows == 0:
        return ids, np.zeros((0, 0), dtype=np.float32)
    vectors = np.asarray(table.column("vector").combine_chunks().flatten().to_numpy(), dtype=np.float32)
    return ids, vectors.reshape(table.num_rows, -1)


def note_weeks(con: duckdb.DuckDBPyConnection, model_id: str) -> tuple[np.ndarray, np.ndarray]:
    """(note ids, week numbers) of every note with a ``model_id`` vector, ordered by note id.

    A week number counts Monday-starting weeks since 1970 (larger is later), for stratified samples.
    """
    table = con.sql(
        "SELECT e.note_id, CAST(floor((epoch(date_trunc('week', n.created_at)) + 259200) / 604800) AS BIGINT) AS week "
        "FROM note_embeddings e JOIN notes n ON n.id = e.note_id WHERE e.model_id = ? ORDER BY e.note_id",
        params=[model_id],
    ).to_arrow_table()
    return table.column("note_id").to_numpy(), table.column("week").to_numpy()


def notes_missing_embeddings(
    con: duckdb.DuckDBPyConnection, model_id: str, limit: int = 10_000
) -> list[tuple[int, str]]:
    """(id, text) of notes that have no vector from ``model_id`` yet (e.g. after changing the model)."""
    return con.execute(
        "SELECT n.id, n.text FROM notes n LEFT JOIN note_embeddings e ON e.note_id = n.id AND e.model_id = ? "
        "WHERE e.note_id IS NULL ORDER BY n.id LIMIT ?",
        [model_id, limit],
    ).fetchall()


def embedding_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many vectors each model (and backend) has stored."""
    rows = con.execute("SELECT model_id, count(*) FROM note_embeddings GROUP BY 1 ORDER BY 1").fetchall()
    return {str(m): int(n) for m, n in rows}


def delete_embeddings_except(con: duckdb.DuckDBPyConnection, model_id: str) -> int:
    """Delete every vector not made by ``model_id``; return how many were deleted."""
    n = int(con.execute("SELECT count(*) FROM note_embeddings WHERE model_id <> ?", [model_id]).fetchall()[0][0])
    con.execute("DELETE FROM note_embeddings WHERE model_id <> ?", [model_id])
    return n


def _row_to_note(row: tuple) -> Note:
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
    by_id = {r[0]: _row_to_note(r) for r in rows}
    return [by_id[i] for i in note_ids if i in by_id]


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
        ValueError: an unknown field.
    """
    from insight.privacy import require_clean

    for _, fields in changes:
        unknown = set(fields) - set(_UPDATABLE)
        if unknown:
            raise ValueError(f"not updatable note fields: {sorted(unknown)}")
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
