"""What the question log holds and returns: plain frozen values, no database types."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from bot.core.answer import Answer

ANSWER_ID_BYTES = 8
"""Answer ids are 16 hex digits, random, so several processes never collide."""


def new_answer_id() -> str:
    return secrets.token_hex(ANSWER_ID_BYTES)


def new_salt() -> str:
    return secrets.token_hex(32)


def hash_user(salt: str, user_id: int) -> str:
    """HMAC-SHA256 of a Discord user id: tells one asker from another, never who they are."""
    return hmac.new(salt.encode(), str(user_id).encode(), hashlib.sha256).hexdigest()[:32]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class AnswerRecord:
    """One answer the bot gave; the question's text is kept only when it abstained.

    `user_id` is hashed with the store's salt before it is written; names are never kept.
    """

    id: str
    asked_at: dt.datetime
    answered: bool
    score: float
    fact_ids: tuple[str, ...] = ()
    question: str | None = None
    via: str = "message"
    guild_id: int | None = None
    channel_id: int | None = None
    user_id: int | None = field(default=None, repr=False)

    @classmethod
    def of(
        cls,
        answer: Answer,
        *,
        via: str,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int | None,
        answer_id: str | None = None,
        asked_at: dt.datetime | None = None,
    ) -> AnswerRecord:
        return cls(
            id=answer_id or new_answer_id(),
            asked_at=asked_at or utcnow(),
            answered=answer.answered,
            score=round(float(answer.score), 2),
            fact_ids=answer.fact_ids,
            question=None if answer.answered else answer.question,
            via=via,
            guild_id=guild_id,
            channel_id=channel_id,
            user_id=user_id,
        )

    @property
    def fact_id(self) -> str | None:
        """The fact that matched (the first part of the answer)."""
        return self.fact_ids[0] if self.fact_ids else None


@dataclass(frozen=True)
class FeedbackRecord:
    answer_id: str
    user_id: int = field(repr=False)
    helpful: bool
    given_at: dt.datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class QuestionGroup:
    """Unanswered questions that say the same thing: the commonest wording and the count."""

    wording: str
    count: int
    variants: tuple[str, ...] = ()
    last_asked: dt.datetime | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "question": self.wording,
            "count": self.count,
            "variants": list(self.variants),
            "last_asked": self.last_asked.isoformat() if self.last_asked else None,
        }


@dataclass(frozen=True)
class FactCount:
    fact_id: str
    count: int


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class Stats:
    """Counts over a period; answered + abstained == asked, helpful + unhelpful == votes."""

    since: dt.datetime
    asked: int = 0
    answered: int = 0
    # Replies known to have reached the user, and known to have failed; the rest of the
    # asked are unknown (in flight when counted, or the process stopped before sending).
    delivered: int = 0
    undelivered: int = 0
    helpful: int = 0
    unhelpful: int = 0
    top_facts: tuple[FactCount, ...] = ()

    @property
    def abstained(self) -> int:
        return self.asked - self.answered

    @property
    def votes(self) -> int:
        return self.helpful + self.unhelpful

    @property
    def answered_pct(self) -> float:
        return percent(self.answered, self.asked)

    @property
    def abstained_pct(self) -> float:
        return percent(self.abstained, self.asked)

    @property
    def helpful_pct(self) -> float:
        return percent(self.helpful, self.votes)

    def to_json(self) -> dict[str, object]:
        return {
            "since": self.since.isoformat(),
            "asked": self.asked,
            "answered": self.answered,
            "abstained": self.abstained,
            "answered_pct": self.answered_pct,
            "abstained_pct": self.abstained_pct,
            "helpful": self.helpful,
            "unhelpful": self.unhelpful,
            "helpful_pct": self.helpful_pct,
            "top_facts": [{"fact_id": f.fact_id, "count": f.count} for f in self.top_facts],
        }
