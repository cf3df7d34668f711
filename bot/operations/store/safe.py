"""The question log as the bot uses it: best-effort, so a broken database never stops answers.

Logging is best-effort, answering is not. A database that cannot be opened (corrupt,
unwritable, server down) or a write that fails is reported once, counted, and skipped;
opening is retried at most every `retry_after` seconds, and the first success after a
failure is reported too. Answers are written in the background (`record_answer_soon`), so
a reply never waits for the disk; reads (for /unanswered and /stats) first wait for those
writes, and raise LogUnavailable when the log cannot answer, so an admin is told why.
`check` (run every minute by the bot) finds a database deleted, replaced or damaged under
it, reports it, counts it in `losses` and reopens, so new rows are not written into a void.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

from bot.operations.store.base import QuestionLog
from bot.operations.store.records import AnswerRecord, FeedbackRecord, QuestionGroup, Stats

log = logging.getLogger(__name__)

T = TypeVar("T")
State = Literal["ok", "degraded", "off"]


class LogUnavailable(Exception):
    """The question log is off or failing; the message says which, for an admin."""


class SafeLog:
    """Wraps a QuestionLog (or None when logging is off) so that no call raises on writes."""

    def __init__(
        self,
        store: QuestionLog | None,
        *,
        retry_after: float = 60.0,
        write_timeout: float = 2.0,
        on_error: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self._retry_after = retry_after
        self._write_timeout = write_timeout
        self._on_error = on_error
        self._clock = clock
        self._opened = False
        self._closed = False
        self._next_open = 0.0
        self._open_lock = asyncio.Lock()
        self._pending: set[asyncio.Task[None]] = set()
        self.last_error: str | None = None
        self.losses = 0

    @property
    def enabled(self) -> bool:
        return self.store is not None

    @property
    def state(self) -> State:
        if self.store is None:
            return "off"
        return "ok" if self._opened and self.last_error is None else "degraded"

    @property
    def description(self) -> str:
        return self.store.description if self.store is not None else "off"

    async def open(self) -> bool:
        """Open now (at start-up); False, reported, when the database is unusable."""
        return self.store is not None and await self._ensure_open()

    async def close(self) -> None:
        """Finish the writes under way, then close; later calls do nothing."""
        await self.flush()
        self._closed = True
        if self.store is not None and self._opened:
            self._opened = False
            try:
                await self.store.close()
            except Exception as error:
                log.warning("closing the question log (%s): %s", self.description, error)

    async def check(self) -> None:
        """Verify the open database; when it is lost, report it and reopen at once. A log
        that is not open is retried on its usual schedule."""
        if self.store is None or self._closed:
            return
        if not self._opened:
            await self._ensure_open()
            return
        try:
            await asyncio.wait_for(self.store.check(), self._write_timeout * 5)
        except Exception as error:
            self.losses += 1
            self._failed("check the database", error)
            await self._reopen()

    async def _reopen(self) -> None:
        await self.flush()
        async with self._open_lock:
            self._opened = False
            self._next_open = 0.0
            try:
                await self.store.close()  # type: ignore[union-attr]
            except Exception as error:
                log.debug("closing the lost question log: %s", error)
        if await self._ensure_open():
            log.warning("question log (%s) reopened after: %s", self.description, self.last_error)

    async def record_answer(self, record: AnswerRecord) -> None:
        await self._write("record an answer", lambda store: store.record_answer(record))

    def record_answer_soon(self, record: AnswerRecord) -> None:
        """Write in the background; `flush` waits for every such write."""
        if self.store is None or self._closed:
            return
        task = asyncio.create_task(self.record_answer(record), name="trilat-log-answer")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def flush(self) -> None:
        """Wait for the background writes started so far (each is bounded by a timeout)."""
        while self._pending:
            await asyncio.wait(set(self._pending))

    def record_delivery_soon(self, answer_id: str, delivered: bool) -> None:
        """In the background, once the answer's own row (already pending) is written."""
        if self.store is None or self._closed:
            return
        earlier = set(self._pending)

        async def write() -> None:
            if earlier:
                await asyncio.wait(earlier)
            await self._write(
                "record a delivery", lambda store: store.record_delivery(answer_id, delivered)
            )

        task = asyncio.create_task(write(), name="trilat-log-delivery")
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def record_feedback(self, feedback: FeedbackRecord) -> bool | None:
        """True stored, False already rated, None when the log is off or failing."""
        return await self._write("record feedback", lambda store: store.record_feedback(feedback))

    async def prune(self, older_than: dt.datetime) -> int | None:
        return await self._write("prune old rows", lambda store: store.prune(older_than))

    async def unanswered(
        self, since: dt.datetime, *, guild_id: int | None = None, limit: int = 10
    ) -> list[QuestionGroup]:
        return await self._read(
            "read unanswered questions",
            lambda store: store.unanswered(since, guild_id=guild_id, limit=limit),
        )

    async def stats(self, since: dt.datetime, *, guild_id: int | None = None) -> Stats:
        return await self._read(
            "read statistics", lambda store: store.stats(since, guild_id=guild_id)
        )

    async def _write(self, action: str, work: Callable[[QuestionLog], Awaitable[T]]) -> T | None:
        if self.store is None or self._closed or not await self._ensure_open():
            return None
        try:
            result = await asyncio.wait_for(work(self.store), self._write_timeout)
        except Exception as error:
            self._failed(action, error)
            return None
        self._succeeded()
        return result

    async def _read(self, action: str, work: Callable[[QuestionLog], Awaitable[T]]) -> T:
        if self.store is None:
            raise LogUnavailable("The question log is off (TRILAT_DATABASE=off).")
        await self.flush()
        if self._closed:
            raise LogUnavailable("The question log is closed: the bot is stopping.")
        if not await self._ensure_open():
            raise LogUnavailable(f"The question log is unavailable: {self.last_error}")
        try:
            result = await work(self.store)
        except Exception as error:
            self._failed(action, error)
            raise LogUnavailable(f"The question log is unavailable: {self.last_error}") from error
        self._succeeded()
        return result

    async def _ensure_open(self) -> bool:
        if self._opened:
            return True
        if self.store is None or self._clock() < self._next_open:
            return False
        async with self._open_lock:
            if self._opened:
                return True
            try:
                await self.store.open()
            except Exception as error:
                self._next_open = self._clock() + self._retry_after
                self._failed("open", error)
                return False
            self._opened = True
            log.info("question log: %s", self.description)
            return True

    def _failed(self, action: str, error: Exception) -> None:
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if self.last_error is None:
            log.error(
                "question log (%s) failed to %s: %s; answers go on without it",
                self.description,
                action,
                reason,
            )
        else:
            log.debug("question log still failing to %s: %s", action, reason)
        self.last_error = reason
        if self._on_error is not None:
            self._on_error()

    def _succeeded(self) -> None:
        if self.last_error is not None:
            log.info("question log (%s) works again", self.description)
            self.last_error = None
