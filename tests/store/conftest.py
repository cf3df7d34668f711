"""Question-log fixtures: every behaviour test runs on SQLite, and on PostgreSQL when
TRILAT_TEST_DATABASE_URL points at a server (`.ci/run` starts one)."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import pytest_asyncio

from bot.operations.store.base import SQLQuestionLog
from bot.operations.store.sqlite import SQLiteLog

POSTGRES_ENV = "TRILAT_TEST_DATABASE_URL"
SKIP_POSTGRES = f"no {POSTGRES_ENV}: PostgreSQL untested (.ci/run sets it)"

MakeLog = Callable[..., SQLQuestionLog]


def with_search_path(url: str, schema: str) -> str:
    """asyncpg passes unknown URL parameters to the server as settings."""
    parts = urlsplit(url)
    query = f"{parts.query}&search_path={schema}" if parts.query else f"search_path={schema}"
    return urlunsplit(parts._replace(query=query))


@pytest_asyncio.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh schema on the test server for this test, dropped afterwards."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        pytest.skip(SKIP_POSTGRES)
    import asyncpg

    schema = f"trilat_test_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(url)
    try:
        await admin.execute(f"CREATE SCHEMA {schema}")
        yield with_search_path(url, schema)
    finally:
        await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await admin.close()


@pytest.fixture(params=["sqlite", "postgres"])
def make_log(request: pytest.FixtureRequest, tmp_path: Path) -> MakeLog:
    """Builds (does not open) a log on this test's database; call it again to reconnect."""
    if request.param == "sqlite":
        path = tmp_path / "questions.sqlite3"
        return lambda **options: SQLiteLog(path, **options)
    url = request.getfixturevalue("postgres_url")
    from bot.operations.store.postgres import PostgresLog

    return lambda **options: PostgresLog(url, **options)


@pytest_asyncio.fixture
async def question_log(make_log: MakeLog) -> AsyncIterator[SQLQuestionLog]:
    log = make_log()
    await log.open()
    try:
        yield log
    finally:
        await log.close()
