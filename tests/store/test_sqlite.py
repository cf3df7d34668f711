"""SQLite specifics: write-ahead logging, and a corrupt, read-only or unreachable file."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.store import AnswerRecord, FeedbackRecord, LogUnavailable, SafeLog
from bot.store.sqlite import SQLiteLog

NOW = dt.datetime.now(dt.UTC)


def answer(answer_id: str = "00000000000000a1") -> AnswerRecord:
    return AnswerRecord(answer_id, NOW, False, 10.0, question="Is it raining?", user_id=1)


async def made(path: Path) -> None:
    log = SQLiteLog(path)
    await log.open()
    await log.record_answer(answer())
    await log.close()


async def test_write_ahead_logging_is_on(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "questions.sqlite3"
    log = SQLiteLog(path)
    await log.open()
    try:
        await log.record_answer(answer())
        assert log.journal_mode == "wal"
        with sqlite3.connect(path) as other:
            assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert other.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1
    finally:
        await log.close()


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_corrupt_file_is_reported_once_and_nothing_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "questions.sqlite3"
    path.write_bytes(b"this is not a database, just some bytes " * 200)
    safe = SafeLog(SQLiteLog(path))

    assert await safe.open() is False
    await safe.record_answer(answer())
    assert await safe.record_feedback(FeedbackRecord("00000000000000a1", 1, True)) is None
    assert await safe.prune(NOW) is None

    assert safe.state == "degraded"
    [message] = errors(caplog)
    assert str(path) in message and "not a database" in message
    with pytest.raises(LogUnavailable, match="not a database"):
        await safe.stats(NOW - dt.timedelta(days=1))


async def test_a_read_only_database_keeps_reads_and_drops_writes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "questions.sqlite3"
    await made(path)
    safe = SafeLog(SQLiteLog(f"file:{path}?mode=ro"))

    assert await safe.open()
    await safe.record_answer(answer("00000000000000a2"))
    await safe.record_answer(answer("00000000000000a3"))

    assert safe.state == "degraded"
    [message] = errors(caplog)
    assert "readonly" in message
    assert (await safe.stats(NOW - dt.timedelta(days=1))).asked == 1
    assert safe.state == "ok"  # a read worked: reported as working again
    await safe.close()


async def test_an_unreachable_path_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    safe = SafeLog(SQLiteLog(blocker / "questions.sqlite3"))

    assert await safe.open() is False
    await safe.record_answer(answer())

    assert safe.state == "degraded"
    assert len(errors(caplog)) == 1


async def test_the_salt_is_created_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "questions.sqlite3"
    await made(path)
    await made(path)
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT value FROM meta WHERE key = 'hash_salt'").fetchall()
    assert len(rows) == 1 and len(rows[0][0]) == 64
