"""The question log: what people asked, what the bot answered, and their feedback.

Discord-free. `store_for(settings)` picks the database from configuration; the bot
wraps it in `SafeLog` so that a failing database never stops an answer.
"""

from __future__ import annotations

from bot.operations.config import StoreSettings
from bot.operations.store.base import QuestionLog, SchemaTooNew
from bot.operations.store.records import (
    AnswerRecord,
    FactCount,
    FeedbackRecord,
    QuestionGroup,
    Stats,
    new_answer_id,
)
from bot.operations.store.safe import LogUnavailable, SafeLog

__all__ = [
    "AnswerRecord",
    "FactCount",
    "FeedbackRecord",
    "LogUnavailable",
    "QuestionGroup",
    "QuestionLog",
    "SafeLog",
    "SchemaTooNew",
    "Stats",
    "new_answer_id",
    "store_for",
]


def store_for(settings: StoreSettings, *, read_only: bool = False) -> QuestionLog | None:
    """The configured question log (not yet opened), or None when logging is off.
    `read_only` opens it for reports: nothing is created, migrated or written."""
    if settings.postgres_url is not None:
        from bot.operations.store.postgres import PostgresLog

        return PostgresLog(settings.postgres_url, hash_salt=settings.hash_salt, read_only=read_only)
    if settings.sqlite is not None:
        from bot.operations.store.sqlite import SQLiteLog

        return SQLiteLog(settings.sqlite, hash_salt=settings.hash_salt, read_only=read_only)
    return None
