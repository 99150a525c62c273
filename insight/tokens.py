"""API tokens: created once (the token is shown a single time), checked by hash, listed and revoked.

A token has one scope: ``ingest`` (post notes) or ``read`` (topics, trends, the brief, search). A helpdesk
integration gets an ``ingest`` token and cannot read the notes back. Tokens are 256-bit random strings,
so a plain SHA-256 is enough to store them (no password stretching needed); the comparison is by hash
lookup, never by the secret itself.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from insight.clock import utc_now
from insight.errors import EarshotError, InputError
from insight.store import Store
from insight.store import tokens as sql

SCOPES: tuple[str, ...] = ("ingest", "read")
TOKEN_PREFIX = "esk_"  # tells an Earshot token apart in logs and secret scanners
TOUCH_EVERY_S = 60  # last_used_at is kept to the minute


@dataclass(frozen=True)
class ApiToken:
    """A stored token (never its secret)."""

    id: int
    name: str
    scope: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        """Whether the token still opens the API."""
        return self.revoked_at is None

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view."""
        return {
            "id": self.id,
            "name": self.name,
            "scope": self.scope,
            "prefix": self.prefix,
            "created_at": self.created_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "active": self.active,
        }


@dataclass(frozen=True)
class NewToken:
    """A token just created: ``secret`` is the only copy there will ever be."""

    token: ApiToken
    secret: str


def hash_token(secret: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str, scope: str) -> NewToken:
    """Create a token for ``name`` with one ``scope``; return it with its secret (shown once).

    Raises:
        InputError: the name is blank or the scope is unknown.
    """
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InputError("Give the token a name of 1–100 characters, e.g. --name zendesk.", title="Bad token name")
    if scope not in SCOPES:
        raise InputError(f"Scope must be one of {', '.join(SCOPES)}, not {scope!r}.", title="Bad token scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    prefix = secret[: len(TOKEN_PREFIX) + 6]
    with store.transaction() as con:
        token_id = sql.insert_token(con, name, scope, hash_token(secret), prefix)
        row = next(r for r in sql.list_tokens(con) if r[0] == token_id)
    return NewToken(ApiToken(*row), secret)


def check_token(store: Store, secret: str, *, now: datetime | None = None) -> ApiToken | None:
    """The live token matching ``secret`` (and note its use), or ``None`` for an unknown or revoked one."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    now = now or utc_now()
    with store.read() as con:
        row = sql.token_by_hash(con, hash_token(secret))
    if row is None or row[6] is not None:
        return None
    token = ApiToken(*row)
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > TOUCH_EVERY_S:
        # Busy clients would otherwise turn every read into a write.
        with store.transaction() as con:
            sql.touch_token(con, token.id, now)
    return token


def list_tokens(store: Store) -> list[ApiToken]:
    """Every token, newest first, revoked ones included."""
    with store.read() as con:
        return [ApiToken(*r) for r in sql.list_tokens(con)]


def revoke_token(store: Store, which: str) -> int:
    """Revoke a token by id (digits) or every live token with that name; return how many were revoked.

    Raises:
        EarshotError: nothing matched.
    """
    which = which.strip()
    token_id = int(which) if which.isdigit() else None
    with store.transaction() as con:
        count = sql.revoke_tokens(con, token_id=token_id, name=None if token_id is not None else which, when=utc_now())
    if not count:
        raise EarshotError(
            f"No live token with id or name {which!r}. `python -m insight tokens list` shows them.",
            title="No such token",
        )
    return count
