"""The question log in one SQLite file: the default, no server needed.

The standard library's sqlite3 runs in a worker thread (`asyncio.to_thread`) so the
event loop never waits on the disk; one connection, guarded by a lock, in write-ahead
logging mode so readers (the report) and the bot do not block each other.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from bot.operations.store.base import (
    ANSWER_INDEXES,
    SALT_KEY,
    LogLost,
    Migration,
    SchemaTooNew,
    SQLQuestionLog,
)
from bot.operations.store.records import new_salt

T = TypeVar("T")
log = logging.getLogger(__name__)
_HEADER = b"SQLite format 3\x00"

MIGRATIONS: tuple[Migration, ...] = (
    (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE answers (
            id TEXT PRIMARY KEY,
            asked_at REAL NOT NULL,
            answered INTEGER NOT NULL,
            score REAL NOT NULL,
            fact_id TEXT,
            fact_ids TEXT NOT NULL DEFAULT '',
            question TEXT,
            via TEXT NOT NULL,
            guild_id INTEGER,
            channel_id INTEGER,
            user_hash TEXT
        )""",
        *ANSWER_INDEXES,
        """CREATE TABLE feedback (
            answer_id TEXT NOT NULL,
            user_hash TEXT NOT NULL,
            helpful INTEGER NOT NULL,
            given_at REAL NOT NULL,
            PRIMARY KEY (answer_id, user_hash)
        )""",
        "CREATE INDEX feedback_by_time ON feedback (given_at)",
    ),
    # Whether the reply reached Discord: NULL while unknown (in flight, or the process died).
    ("ALTER TABLE answers ADD COLUMN delivered INTEGER",),
)


class SQLiteLog(SQLQuestionLog):
    """`location` is a file path, or an SQLite URI (`file:/path/log.sqlite3?mode=ro`)."""

    def __init__(
        self,
        location: str | Path,
        *,
        hash_salt: str | None = None,
        migrations: Sequence[Migration] = MIGRATIONS,
        busy_timeout: float = 2.0,
        read_only: bool = False,
    ) -> None:
        super().__init__(hash_salt=hash_salt)
        self.read_only = read_only
        self.location = str(location)
        self.description = f"SQLite {self.location}"
        self._migrations = tuple(migrations)
        self._busy_timeout = busy_timeout
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self.journal_mode: str | None = None
        # The file opened, as (device, inode): a file deleted or replaced under a running
        # bot would otherwise swallow every later row without an error.
        self._identity: tuple[int, int] | None = None
        self._lost = False

    @property
    def _is_uri(self) -> bool:
        return self.location.startswith("file:")

    async def open(self) -> None:
        await asyncio.to_thread(self._open)

    def _open(self) -> None:
        with self._lock:
            if self._connection is not None:
                return
            if self.read_only:
                self._connection = self._open_read_only()
                return
            if not self._is_uri:
                Path(self.location).parent.mkdir(parents=True, exist_ok=True)
            if self._lost:
                self._set_aside_if_damaged()
            connection = sqlite3.connect(
                self.location,
                uri=self._is_uri,
                timeout=self._busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
            try:
                self.journal_mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                connection.execute("PRAGMA synchronous=NORMAL")
                migrate(connection, self._migrations)
                # A log recreated after a loss keeps the salt it had, so hashes still match.
                self._salt = self._configured_salt or _stored_salt(connection, self._salt)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
            self._identity = self._file_identity()
            self._lost = False

    def _file_identity(self) -> tuple[int, int] | None:
        if self._is_uri:
            return None
        try:
            found = os.stat(self.location)
        except FileNotFoundError:
            return None
        return (found.st_dev, found.st_ino)

    def _set_aside_if_damaged(self) -> None:
        """Before reopening a log found damaged, move a file SQLite cannot read out of the
        way (kept for an admin, never deleted) so that new rows have a home."""
        path = Path(self.location)
        if not path.exists():
            return
        healthy = _has_header(path)
        if healthy:
            # A write-ahead log left beside the file may still cover damaged pages.
            try:
                uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"
                probe = sqlite3.connect(uri, uri=True)
                try:
                    healthy = probe.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                finally:
                    probe.close()
            except sqlite3.DatabaseError:
                healthy = False
        if healthy:
            return
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
        log.error("question log: %s was damaged; kept as %s, a new log starts", path, aside)

    async def check(self) -> None:
        await asyncio.to_thread(self._check)

    def _check(self) -> None:
        """The file opened is still at its path and passes SQLite's quick integrity check."""
        with self._lock:
            if self._connection is None:
                raise sqlite3.ProgrammingError("the question log is not open")
            if self._identity is not None:
                now = self._file_identity()
                if now is None:
                    self._lost = True
                    raise LogLost(f"{self.location} was deleted while open")
                if now != self._identity:
                    self._lost = True
                    raise LogLost(f"{self.location} was replaced while open")
                if not _has_header(Path(self.location)):
                    self._lost = True
                    raise LogLost(f"{self.location} was overwritten: not an SQLite file any more")
            try:
                verdict = self._connection.execute("PRAGMA quick_check").fetchone()[0]
            except sqlite3.DatabaseError as error:
                verdict = str(error)
            if verdict != "ok":
                self._lost = True
                raise LogLost(f"{self.location} is damaged: {verdict}")

    def _open_read_only(self) -> sqlite3.Connection:
        """A connection that cannot write: no schema, no migration, no salt created; a file
        that is not a question log is an error, never initialised."""
        if self._is_uri:
            uri = (
                self.location if "mode=" in self.location else _with_query(self.location, "mode=ro")
            )
        else:
            uri = "file:" + urllib.parse.quote(str(Path(self.location).resolve())) + "?mode=ro"
        connection = sqlite3.connect(
            uri, uri=True, timeout=self._busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute("PRAGMA query_only=ON")
            found = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'answers'"
            ).fetchone()
            if found is None:
                raise sqlite3.DatabaseError("not a question log (it has no answers table)")
        except BaseException:
            connection.close()
            raise
        return connection

    async def close(self) -> None:
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    async def _execute(self, query: str, *args: Any) -> int:
        return await self._call(lambda c: c.execute(query, args).rowcount)

    async def _fetch(self, query: str, *args: Any) -> list[Sequence[Any]]:
        return await self._call(lambda c: c.execute(query, args).fetchall())

    async def _call(self, work: Callable[[sqlite3.Connection], T]) -> T:
        def locked() -> T:
            with self._lock:
                if self._connection is None:
                    raise sqlite3.ProgrammingError("the question log is not open")
                return work(self._connection)

        return await asyncio.to_thread(locked)

    def _to_db(self, moment: dt.datetime) -> float:
        return moment.timestamp()

    def _from_db(self, value: Any) -> dt.datetime:
        return dt.datetime.fromtimestamp(float(value), dt.UTC)


def schema_version(connection: sqlite3.Connection) -> int:
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not found:
        return 0
    row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration]) -> int:
    """Bring the schema to `len(migrations)`, one transaction per step; returns the version."""
    current = schema_version(connection)
    if current > len(migrations):
        raise SchemaTooNew(current, len(migrations))
    for version in range(current + 1, len(migrations) + 1):
        connection.execute("BEGIN IMMEDIATE")  # another process may be migrating too
        try:
            if schema_version(connection) < version:
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"
                )
                for statement in migrations[version - 1]:
                    connection.execute(statement)
                connection.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return len(migrations)


def _has_header(path: Path) -> bool:
    """Whether the file starts as every SQLite database does (an empty file counts)."""
    with open(path, "rb") as file:
        header = file.read(len(_HEADER))
    return not header or header == _HEADER


def _with_query(uri: str, parameter: str) -> str:
    return f"{uri}{'&' if '?' in uri else '?'}{parameter}"


def _stored_salt(connection: sqlite3.Connection, known: str | None = None) -> str:
    """The salt kept in the database, created on first use (the first writer wins) from
    `known` when the log had one before."""
    query = "SELECT value FROM meta WHERE key = ?"
    row = connection.execute(query, (SALT_KEY,)).fetchone()
    if row is None:
        connection.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            (SALT_KEY, known or new_salt()),
        )
        row = connection.execute(query, (SALT_KEY,)).fetchone()
    return str(row[0])
