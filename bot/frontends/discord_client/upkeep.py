"""The question log over the client's life: opened first, pruned daily, checked often,
closed last (after the writes under way)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from bot.operations.config import StoreSettings
from bot.operations.store import SafeLog
from bot.operations.store.records import utcnow

log = logging.getLogger(__name__)

PRUNE_INTERVAL = 24 * 60 * 60.0


async def prune(question_log: SafeLog, store: StoreSettings) -> None:
    """Delete what is older than the retention period, when there is one."""
    days = store.retention_days
    if not question_log.enabled or not days:
        return
    deleted = await question_log.prune(utcnow() - dt.timedelta(days=days))
    if deleted:
        log.info("pruned %d question-log rows older than %d days", deleted, days)


async def _every(seconds: float, work: Callable[[], Awaitable[None]]) -> None:
    while True:
        await asyncio.sleep(seconds)
        await work()


@contextlib.asynccontextmanager
async def question_log_kept(question_log: SafeLog, store: StoreSettings) -> AsyncIterator[SafeLog]:
    """Open and prune the log now, prune it daily and check it every `check_interval`."""
    await question_log.open()
    tasks: list[asyncio.Task[None]] = []
    try:
        await prune(question_log, store)
        if question_log.enabled and store.retention_days:
            daily = _every(PRUNE_INTERVAL, lambda: prune(question_log, store))
            tasks.append(asyncio.create_task(daily, name="trilat-prune"))
        if question_log.enabled:
            checks = _every(store.check_interval, question_log.check)
            tasks.append(asyncio.create_task(checks, name="trilat-log-check"))
        yield question_log
    finally:
        for task in tasks:
            task.cancel()
        await question_log.close()
