"""PostgreSQL specifics: several processes migrating at once, URLs without passwords."""

from __future__ import annotations

import asyncio

from bot.operations.store.postgres import MIGRATIONS, PostgresLog, numbered, redact_url


def test_placeholders_are_numbered() -> None:
    assert numbered("SELECT ? WHERE a = ? AND b = ?") == "SELECT $1 WHERE a = $2 AND b = $3"


def test_the_password_never_reaches_a_log() -> None:
    url = "postgresql://bot:s3cret@db.internal:5432/trilat"
    assert redact_url(url) == "postgresql://bot:***@db.internal:5432/trilat"
    assert "s3cret" not in PostgresLog(url).description
    assert redact_url("postgresql://db/trilat") == "postgresql://db/trilat"


async def test_processes_starting_together_migrate_once(postgres_url: str) -> None:
    logs = [PostgresLog(postgres_url) for _ in range(4)]
    await asyncio.gather(*(log.open() for log in logs))
    try:
        rows = await logs[0]._fetch("SELECT version FROM schema_version ORDER BY version")
        salts = {log._salt for log in logs}
    finally:
        await asyncio.gather(*(log.close() for log in logs))
    assert [row[0] for row in rows] == list(range(1, len(MIGRATIONS) + 1))
    assert len(salts) == 1
