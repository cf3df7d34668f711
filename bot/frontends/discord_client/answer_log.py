"""What the client writes to the question log: an answer, whether it reached Discord, a vote.

Writes happen in the background, so a reply never waits for the database, and a failing
database is reported by the log, never here.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from bot.core.answer import Answer
from bot.operations.metrics import BotMetrics
from bot.operations.store import AnswerRecord, FeedbackRecord, SafeLog


def log_answer(
    question_log: SafeLog,
    metrics: BotMetrics,
    answer: Answer,
    *,
    via: str,
    guild_id: int | None,
    channel_id: int | None,
    user_id: int | None,
) -> str | None:
    """Count and log an answer; its id for feedback buttons, None when logging is off."""
    metrics.count_answer(answer.answered, via)
    if not question_log.enabled:
        return None
    record = AnswerRecord.of(
        answer, via=via, guild_id=guild_id, channel_id=channel_id, user_id=user_id
    )
    question_log.record_answer_soon(record)
    return record.id


@contextlib.asynccontextmanager
async def delivering(question_log: SafeLog, answer_id: str | None) -> AsyncIterator[None]:
    """Around sending a logged answer: records whether the reply reached Discord, so
    /stats counts what users received, not what the bot meant to send."""
    try:
        yield
    except BaseException:
        if answer_id is not None:
            question_log.record_delivery_soon(answer_id, False)
        raise
    if answer_id is not None:
        question_log.record_delivery_soon(answer_id, True)


async def record_feedback(
    question_log: SafeLog, metrics: BotMetrics, answer_id: str, user_id: int, helpful: bool
) -> bool | None:
    """True stored, False already rated by this user or no such answer logged, None when
    it could not be stored. Pending answer writes land first, so a quick vote counts."""
    await question_log.flush()
    # While the log is failing, the answer itself may not have been written.
    degraded = question_log.state != "ok"
    stored = await question_log.record_feedback(FeedbackRecord(answer_id, user_id, helpful))
    if stored:
        (metrics.helpful if helpful else metrics.unhelpful).inc()
    return None if stored is False and degraded else stored
