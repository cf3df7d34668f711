"""The question log in PostgreSQL (`DATABASE_URL`), for several bot processes sharing one.

Needs the `postgres` extra (asyncpg). Migrations run in one transaction under an
advisory lock, so processes starting together migrate once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from bot.operations.store.base import (
    ANSWER_INDEXES,
    SALT_KEY,
    Migration,
    SchemaTooNew,
    SQLQuestionLog,
)
from bot.operations.store.records import new_salt

if TYPE_CHECKING:
    import asyncpg

MIGRATION_LOCK = 0x7472696C6174  # "trilat": one advisory lock id for every process

MIGRATIONS: tuple[Migration, ...] = (
    (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE answers (
            id TEXT PRIMARY KEY,
            asked_at TIMESTAMPTZ NOT NULL,
            answered BOOLEAN NOT NULL,
            score DOUBLE PRECISION NOT NULL,
            fact_id TEXT,
            fact_ids TEXT NOT NULL DEFAULT '',
            question TEXT,
            via TEXT NOT NULL,
            guild_id BIGINT,
            channel_id BIGINT,
            user_hash TEXT
        )""",
        *ANSWER_INDEXES,
        """CREATE TABLE feedback (
            answer_id TEXT NOT NULL,
            user_hash TEXT NOT NULL,
            helpful BOOLEAN NOT NULL,
            given_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (answer_id, user_hash)
        )""",
        "CREATE INDEX feedback_by_time ON feedback (given_at)",
    ),
    # Whether the reply reached Discord: NULL while unknown (in flight, or the process died).
    ("ALTER TABLE answers ADD COLUMN delivered BOOLEAN",),
)

_PLACEHOLDER = re.compile(r"\?")


def numbered(query: str) -> str:
    """`?` placeholders as PostgreSQL's `$1, $2, ...` (no query here has a literal `?`)."""
    counter = iter(range(1, 1000))
    return _PLACEHOLDER.sub(lambda _: f"${next(counter)}", query)


def redact_url(url: str) -> str:
    """The URL without its password, for logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + host))


class PostgresLog(SQLQuestionLog):
    def __init__(
        self,
        url: str,
        *,
        hash_salt: str | None = None,
        migrations: Sequence[Migration] = MIGRATIONS,
        timeout: float = 5.0,
        max_connections: int = 4,
        read_only: bool = False,
    ) -> None:
        super().__init__(hash_salt=hash_salt)
        self.read_only = read_only
        self.url = url
        self.description = f"PostgreSQL {redact_url(url)}"
        self._migrations = tuple(migrations)
        self._timeout = timeout
        self._max_connections = max_connections
        self._pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        import asyncpg

        if self._pool is not None:
            return
        pool = await asyncpg.create_pool(
            self.url,
            min_size=1,
            max_size=self._max_connections,
            timeout=self._timeout,
            command_timeout=self._timeout,
            server_settings={"default_transaction_read_only": "on"} if self.read_only else None,
        )
        try:
            async with pool.acquire() as connection:
                if self.read_only:
                    if await connection.fetchval("SELECT to_regclass('answers')") is None:
                        raise RuntimeError("not a question log (it has no answers table)")
                else:
                    await migrate(connection, self._migrations)
                    self._salt = self._configured_salt or await _stored_salt(connection)
        except BaseException:
            await pool.close()
            raise
        self._pool = pool

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            await pool.close()

    def _require(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("the question log is not open")
        return self._pool

    async def _execute(self, query: str, *args: Any) -> int:
        status = await self._require().execute(numbered(query), *args)
        return int(status.rsplit(" ", 1)[-1]) if status[-1:].isdigit() else 0

    async def _fetch(self, query: str, *args: Any) -> list[Sequence[Any]]:
        rows = await self._require().fetch(numbered(query), *args)
        return [tuple(row.values()) for row in rows]

    def _to_db(self, moment: dt.datetime) -> dt.datetime:
        return moment

    def _from_db(self, value: Any) -> dt.datetime:
        return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


async def schema_version(connection: asyncpg.Connection) -> int:
    exists = await connection.fetchval("SELECT to_regclass('schema_version') IS NOT NULL")
    if not exists:
        return 0
    return int(await connection.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version"))


async def migrate(connection: asyncpg.Connection, migrations: Sequence[Migration]) -> int:
    """Bring the schema to `len(migrations)` in one transaction; returns the version."""
    async with connection.transaction():
        await connection.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
        current = await schema_version(connection)
        if current > len(migrations):
            raise SchemaTooNew(current, len(migrations))
        if current < len(migrations):
            await connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
            )
        for version in range(current + 1, len(migrations) + 1):
            for statement in migrations[version - 1]:
                await connection.execute(statement)
            await connection.execute("INSERT INTO schema_version (version) VALUES ($1)", version)
    return len(migrations)


async def _stored_salt(connection: asyncpg.Connection) -> str:
    await connection.execute(
        "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        SALT_KEY,
        new_salt(),
    )
    return str(await connection.fetchval("SELECT value FROM meta WHERE key = $1", SALT_KEY))
