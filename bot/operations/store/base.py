"""The question log's interface, and the SQL both databases share.

`QuestionLog` is what the bot and the report use. `SQLQuestionLog` holds every query
once, in SQL that SQLite and PostgreSQL both accept (`?` placeholders are renumbered for
PostgreSQL); a backend supplies the connection, its schema migrations and how it stores
a timestamp.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Protocol

from bot.operations.store.grouping import MAX_WORDINGS, Wording, group_questions
from bot.operations.store.records import (
    AnswerRecord,
    FactCount,
    FeedbackRecord,
    QuestionGroup,
    Stats,
    hash_user,
)

Migration = tuple[str, ...]
"""The statements that take a schema from one version to the next, run in one transaction."""

# The same in both dialects: the answers table's indexes, by time and by server.
ANSWER_INDEXES = (
    "CREATE INDEX answers_by_time ON answers (asked_at)",
    "CREATE INDEX answers_by_guild ON answers (guild_id, asked_at)",
)
SALT_KEY = "hash_salt"


class SchemaTooNew(Exception):
    """The database was migrated by a newer version of the bot; this one will not touch it."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            f"the database schema is version {found}, newer than this bot knows ({known}); "
            "upgrade the bot or use another database"
        )


class LogLost(Exception):
    """The database the log opened is gone, replaced or damaged: rows would be lost."""


class QuestionLog(Protocol):
    """What people asked and how it went; one implementation per database."""

    description: str

    async def open(self) -> None:
        """Connect, create or migrate the schema; raises when the database is unusable."""

    async def close(self) -> None: ...

    async def check(self) -> None:
        """Raise LogLost when the open database is no longer the one opened, or damaged."""

    async def record_answer(self, record: AnswerRecord) -> None: ...

    async def record_feedback(self, feedback: FeedbackRecord) -> bool:
        """True when stored; False when this user already rated this answer, or the log
        holds no such answer."""
        ...

    async def record_delivery(self, answer_id: str, delivered: bool) -> None:
        """Whether the reply to a logged answer reached the user."""

    async def unanswered(
        self, since: dt.datetime, *, guild_id: int | None = None, limit: int = 10
    ) -> list[QuestionGroup]:
        """The commonest groups of questions the bot abstained on, commonest first."""
        ...

    async def stats(
        self, since: dt.datetime, *, guild_id: int | None = None, top: int = 5
    ) -> Stats: ...

    async def prune(self, older_than: dt.datetime) -> int:
        """Delete answers and feedback older than `older_than`; returns the rows deleted."""
        ...


def _scope(guild_id: int | None, column: str = "guild_id") -> tuple[str, tuple[Any, ...]]:
    return (f" AND {column} = ?", (guild_id,)) if guild_id is not None else ("", ())


class SQLQuestionLog(ABC):
    """Every query, written once; subclasses connect, migrate and convert timestamps."""

    description = "question log"

    def __init__(self, *, hash_salt: str | None = None) -> None:
        self._configured_salt = hash_salt
        self._salt: str | None = hash_salt

    @abstractmethod
    async def open(self) -> None: ...

    @abstractmethod
    async def close(self) -> None: ...

    async def check(self) -> None:
        """A round trip to the database; subclasses check more where they can."""
        await self._fetch("SELECT 1")

    @abstractmethod
    async def _execute(self, query: str, *args: Any) -> int:
        """Run one statement; the number of rows it changed."""

    @abstractmethod
    async def _fetch(self, query: str, *args: Any) -> list[Sequence[Any]]: ...

    @abstractmethod
    def _to_db(self, moment: dt.datetime) -> Any: ...

    @abstractmethod
    def _from_db(self, value: Any) -> dt.datetime: ...

    def _user_hash(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        if self._salt is None:
            raise RuntimeError("the question log is not open")
        return hash_user(self._salt, user_id)

    async def record_answer(self, record: AnswerRecord) -> None:
        await self._execute(
            "INSERT INTO answers (id, asked_at, answered, score, fact_id, fact_ids, question,"
            " via, guild_id, channel_id, user_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            record.id,
            self._to_db(record.asked_at),
            record.answered,
            record.score,
            record.fact_id,
            " ".join(record.fact_ids),
            record.question,
            record.via,
            record.guild_id,
            record.channel_id,
            self._user_hash(record.user_id),
        )

    async def record_feedback(self, feedback: FeedbackRecord) -> bool:
        # Only for an answer the log holds: a forged button id stores nothing.
        if not await self._fetch("SELECT 1 FROM answers WHERE id = ?", feedback.answer_id):
            return False
        changed = await self._execute(
            "INSERT INTO feedback (answer_id, user_hash, helpful, given_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (answer_id, user_hash) DO NOTHING",
            feedback.answer_id,
            self._user_hash(feedback.user_id),
            feedback.helpful,
            self._to_db(feedback.given_at),
        )
        return changed == 1

    async def unanswered(
        self, since: dt.datetime, *, guild_id: int | None = None, limit: int = 10
    ) -> list[QuestionGroup]:
        scope, scope_args = _scope(guild_id)
        rows = await self._fetch(
            "SELECT question, COUNT(*), MAX(asked_at) FROM answers"
            " WHERE NOT answered AND question IS NOT NULL AND asked_at >= ?"
            + scope
            + " GROUP BY question ORDER BY COUNT(*) DESC, MAX(asked_at) DESC LIMIT ?",
            self._to_db(since),
            *scope_args,
            MAX_WORDINGS,
        )
        wordings = [Wording(text, int(count), self._from_db(last)) for text, count, last in rows]
        return group_questions(wordings, limit=limit)

    async def record_delivery(self, answer_id: str, delivered: bool) -> None:
        await self._execute("UPDATE answers SET delivered = ? WHERE id = ?", delivered, answer_id)

    async def stats(
        self, since: dt.datetime, *, guild_id: int | None = None, top: int = 5
    ) -> Stats:
        scope, scope_args = _scope(guild_id)
        stamp = self._to_db(since)
        [(asked, answered, delivered, undelivered)] = await self._fetch(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN answered THEN 1 ELSE 0 END), 0),"
            " COALESCE(SUM(CASE WHEN delivered THEN 1 ELSE 0 END), 0),"
            " COALESCE(SUM(CASE WHEN NOT delivered THEN 1 ELSE 0 END), 0)"
            " FROM answers WHERE asked_at >= ?" + scope,
            stamp,
            *scope_args,
        )
        facts = await self._fetch(
            "SELECT fact_id, COUNT(*) FROM answers"
            " WHERE answered AND fact_id IS NOT NULL AND asked_at >= ?"
            + scope
            + " GROUP BY fact_id ORDER BY COUNT(*) DESC, fact_id LIMIT ?",
            stamp,
            *scope_args,
            top,
        )
        feedback_scope, feedback_args = _scope(guild_id, "a.guild_id")
        [(helpful, votes)] = await self._fetch(
            "SELECT COALESCE(SUM(CASE WHEN f.helpful THEN 1 ELSE 0 END), 0), COUNT(*)"
            " FROM feedback f JOIN answers a ON a.id = f.answer_id"
            " WHERE a.asked_at >= ?" + feedback_scope,
            stamp,
            *feedback_args,
        )
        return Stats(
            since=since,
            asked=int(asked),
            answered=int(answered),
            delivered=int(delivered),
            undelivered=int(undelivered),
            helpful=int(helpful),
            unhelpful=int(votes) - int(helpful),
            top_facts=tuple(FactCount(fact_id, int(count)) for fact_id, count in facts),
        )

    async def prune(self, older_than: dt.datetime) -> int:
        stamp = self._to_db(older_than)
        feedback = await self._execute("DELETE FROM feedback WHERE given_at < ?", stamp)
        answers = await self._execute("DELETE FROM answers WHERE asked_at < ?", stamp)
        return feedback + answers
