"""SQL for API tokens. Only a token's SHA-256 is stored; the token itself is shown once and forgotten.

Results are always fetched to the end (``fetchall``): DuckDB keeps a half-read result open on the shared
connection, and the next ``register`` on it then fails.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

TOKEN_COLUMNS = "id, name, scope, prefix, created_at, last_used_at, revoked_at"


def insert_token(con: duckdb.DuckDBPyConnection, name: str, scope: str, token_hash: str, prefix: str) -> int:
    """Store a new token's hash; return its id."""
    row = con.execute(
        "INSERT INTO api_tokens (name, scope, token_hash, prefix) VALUES (?, ?, ?, ?) RETURNING id",
        [name, scope, token_hash, prefix],
    ).fetchall()
    return int(row[0][0])


def token_by_hash(con: duckdb.DuckDBPyConnection, token_hash: str) -> tuple | None:
    """The token row with this hash (revoked ones too), or ``None``."""
    rows = con.execute(f"SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ?", [token_hash]).fetchall()
    return rows[0] if rows else None


def touch_token(con: duckdb.DuckDBPyConnection, token_id: int, when: datetime) -> None:
    """Record that a token was used."""
    con.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [when, token_id])


def list_tokens(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every token, newest first (no hashes)."""
    return con.execute(f"SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id DESC").fetchall()


def revoke_tokens(con: duckdb.DuckDBPyConnection, *, token_id: int | None, name: str | None, when: datetime) -> int:
    """Revoke the live token with this id, or every live token with this name; return how many."""
    if token_id is not None:
        where, params = "id = ?", [token_id]
    else:
        where, params = "name = ?", [name]
    rows = con.execute(
        f"UPDATE api_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND {where} RETURNING id", [when, *params]
    ).fetchall()
    return len(rows)
