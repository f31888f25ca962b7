"""API keys: created by `vedette keys create`, stored hashed in the store, sent as `Authorization: Bearer KEY`.

A key is 32 random bytes (`secrets.token_urlsafe`), so a plain SHA-256 of it is enough to store:
a slow password hash defends low-entropy secrets, and these have none to brute-force. The key
itself is shown once, when created; the store keeps its hash and its first characters (to tell
keys apart in `vedette keys list`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Integer, String, Table, insert, select, update

from vedette.errors import VedetteError
from vedette.store import Store, metadata

KEY_PREFIX = "vdk_"

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("shown", String(12), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def create_key(store: Store, name: str) -> str:
    """A new key named `name`; returns the key itself, which is not stored and cannot be shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        if conn.execute(select(api_keys.c.id).where(api_keys.c.name == name)).first():
            raise VedetteError("V410", name=name, db=store.url)
        conn.execute(insert(api_keys).values(name=name, shown=key[:10], hash=_hash(key), created_at=_now()))
    return key


def revoke_key(store: Store, name: str) -> None:
    with store.engine.begin() as conn:
        done = conn.execute(
            update(api_keys).where(api_keys.c.name == name, api_keys.c.revoked_at.is_(None)).values(revoked_at=_now())
        )
    if done.rowcount == 0:
        raise VedetteError("V409", name=name, db=store.url)


def list_keys(store: Store) -> list[dict[str, Any]]:
    query = select(api_keys.c.name, api_keys.c.shown, api_keys.c.created_at, api_keys.c.revoked_at).order_by(
        api_keys.c.id
    )
    with store.engine.connect() as conn:
        return [
            {
                "name": name,
                "key_starts": shown,
                "created_at": created.isoformat(),
                "revoked_at": revoked.isoformat() if revoked else None,
            }
            for name, shown, created, revoked in conn.execute(query)
        ]


def key_name(store: Store, key: str) -> str | None:
    """The name of the valid (not revoked) key `key`, or None."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(api_keys.c.name).where(api_keys.c.hash == _hash(key), api_keys.c.revoked_at.is_(None))
        ).first()
    return row[0] if row else None


def bearer_token(authorization: str | None) -> str:
    """The key of an `Authorization: Bearer KEY` header; raises V402 when there is none."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise VedetteError("V402")
    return token.strip()
