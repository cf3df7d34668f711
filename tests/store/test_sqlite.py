"""SQLite specifics: write-ahead logging, and a corrupt, read-only or unreachable file."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.operations.store import AnswerRecord, FeedbackRecord, LogUnavailable, SafeLog
from bot.operations.store.sqlite import SQLiteLog

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


def count_rows(path: Path) -> int:
    with sqlite3.connect(path) as other:
        return int(other.execute("SELECT COUNT(*) FROM answers").fetchone()[0])


async def test_a_deleted_file_is_noticed_reported_and_recreated(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "questions.sqlite3"
    safe = SafeLog(SQLiteLog(path))
    assert await safe.open()
    await safe.record_answer(answer("00000000000000a1"))
    for leftover in tmp_path.iterdir():
        leftover.unlink()
    await safe.record_answer(answer("00000000000000a2"))  # into the deleted file: lost
    with caplog.at_level(logging.WARNING):
        await safe.check()
    assert safe.losses == 1
    assert "was deleted while open" in caplog.text and "reopened" in caplog.text
    await safe.record_answer(answer("00000000000000a3"))
    assert safe.state == "ok"
    await safe.close()
    assert count_rows(path) == 1


async def test_garbage_written_over_the_open_file_is_noticed(tmp_path: Path) -> None:
    path = tmp_path / "questions.sqlite3"
    safe = SafeLog(SQLiteLog(path))
    assert await safe.open()
    await safe.record_answer(answer("00000000000000a1"))
    with open(path, "r+b") as file:  # the same file, overwritten in place
        file.write(b"\xde\xad" * 4096)
    await safe.check()
    assert safe.losses == 1
    await safe.record_answer(answer("00000000000000a2"))
    assert safe.state == "ok"
    await safe.close()
    # Reopening wrote the pages SQLite still held back; the log is whole again.
    with sqlite3.connect(path) as other:
        assert other.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert count_rows(path) == 2


async def test_a_file_replaced_by_garbage_is_set_aside_and_a_new_log_starts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "questions.sqlite3"
    store = SQLiteLog(path)
    safe = SafeLog(store)
    assert await safe.open()
    salt = store._salt
    await safe.record_answer(answer("00000000000000a1"))
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"\xde\xad" * 4096)
    garbage.replace(path)
    await safe.check()
    assert safe.losses == 1
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("questions.sqlite3.damaged-")]
    kept = [p for p in aside if p.name.endswith("Z")]
    assert [p.read_bytes()[:2] for p in kept] == [b"\xde\xad"]
    assert {p.name[len(kept[0].name) :] for p in aside} == {"", "-wal", "-shm"}
    await safe.record_answer(answer("00000000000000a2"))
    assert safe.state == "ok" and store._salt == salt
    await safe.close()
    assert count_rows(path) == 1


async def test_a_healthy_log_passes_its_check(tmp_path: Path) -> None:
    path = tmp_path / "questions.sqlite3"
    safe = SafeLog(SQLiteLog(path))
    assert await safe.open()
    await safe.record_answer(answer())
    await safe.check()
    assert safe.losses == 0 and safe.state == "ok"
    await safe.close()
    assert not [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
