"""SafeLog: the database may fail in any way; the caller never sees it, the log says it once."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

import pytest

from bot.operations.store import AnswerRecord, FeedbackRecord, LogUnavailable, SafeLog

NOW = dt.datetime.now(dt.UTC)
RECORD = AnswerRecord("00000000000000c1", NOW, True, 90.0, ("fact",))


class FlakyStore:
    """Opens after `open_failures` tries; each write fails while `failing` is set."""

    description = "flaky test store"

    def __init__(self, open_failures: int = 0) -> None:
        self.open_failures = open_failures
        self.failing = False
        self.hang: asyncio.Event | None = None
        self.writes = 0

    async def open(self) -> None:
        if self.open_failures:
            self.open_failures -= 1
            raise ConnectionRefusedError("server down")

    async def close(self) -> None: ...

    async def record_answer(self, record: AnswerRecord) -> None:
        if self.hang is not None:
            await self.hang.wait()
        if self.failing:
            raise OSError("disk full")
        self.writes += 1

    async def record_feedback(self, feedback: FeedbackRecord) -> bool:
        await self.record_answer(RECORD)
        return True

    async def unanswered(self, since, *, guild_id=None, limit=10):
        return []

    async def stats(self, since, *, guild_id=None, top=5):
        raise OSError("disk on fire")

    async def prune(self, older_than) -> int:
        return 0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_opening_is_retried_after_a_pause(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    store, clock, failures = FlakyStore(open_failures=1), Clock(), []
    safe = SafeLog(store, retry_after=60, clock=clock, on_error=lambda: failures.append(1))

    assert not await safe.open()
    await safe.record_answer(RECORD)  # too soon to retry: skipped
    clock.now += 61
    await safe.record_answer(RECORD)

    assert store.writes == 1 and safe.state == "ok" and failures == [1]
    messages = [r.getMessage() for r in caplog.records]
    assert sum("server down" in m for m in messages) == 1
    assert any("works again" in m for m in messages)


async def test_failing_writes_are_logged_once_and_counted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store, failures = FlakyStore(), []
    safe = SafeLog(store, on_error=lambda: failures.append(1))
    await safe.open()
    store.failing = True

    for _ in range(3):
        await safe.record_answer(RECORD)
    assert await safe.record_feedback(FeedbackRecord(RECORD.id, 1, True)) is None

    assert len(failures) == 4
    assert [r.levelno for r in caplog.records].count(logging.ERROR) == 1
    assert safe.last_error == "OSError: disk full"


async def test_a_hanging_write_is_abandoned() -> None:
    store = FlakyStore()
    store.hang = asyncio.Event()
    safe = SafeLog(store, write_timeout=0.01)
    await safe.open()

    await safe.record_answer(RECORD)

    assert safe.state == "degraded" and "TimeoutError" in (safe.last_error or "")
    store.hang.set()


async def test_reads_explain_why_they_cannot() -> None:
    safe = SafeLog(FlakyStore())
    with pytest.raises(LogUnavailable, match="disk on fire"):
        await safe.stats(NOW)
    assert await safe.unanswered(NOW) == []


async def test_off_means_no_calls_and_a_clear_answer_for_admins() -> None:
    safe = SafeLog(None)

    assert not await safe.open()
    assert await safe.record_feedback(FeedbackRecord(RECORD.id, 1, True)) is None
    assert (safe.enabled, safe.state) == (False, "off")
    with pytest.raises(LogUnavailable, match="TRILAT_DATABASE=off"):
        await safe.unanswered(NOW)


async def test_nothing_is_written_after_close() -> None:
    store = FlakyStore()
    safe = SafeLog(store)
    await safe.open()
    await safe.close()

    await safe.record_answer(RECORD)

    assert store.writes == 0


async def test_background_writes_are_awaited_by_reads_and_close() -> None:
    store = FlakyStore()
    safe = SafeLog(store)
    await safe.open()
    store.hang = asyncio.Event()

    safe.record_answer_soon(RECORD)
    safe.record_answer_soon(RECORD)
    assert store.writes == 0
    store.hang.set()
    assert await safe.unanswered(NOW) == []  # waited for both writes first
    assert store.writes == 2

    store.hang = asyncio.Event()
    safe.record_answer_soon(RECORD)
    store.hang.set()
    await safe.close()
    assert store.writes == 3
    safe.record_answer_soon(RECORD)  # after close: dropped
    await safe.flush()
    assert store.writes == 3
