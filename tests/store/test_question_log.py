"""The question log's behaviour, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys

import pytest

from bot.operations.store import (
    AnswerRecord,
    FactCount,
    FeedbackRecord,
    SchemaTooNew,
    new_answer_id,
)
from bot.operations.store.base import SQLQuestionLog
from bot.operations.store.records import hash_user

from .conftest import MakeLog

NOW = dt.datetime.now(dt.UTC)
GUILD, OTHER_GUILD, CHANNEL = 111, 222, 333


def record(
    answered: bool = True,
    *,
    facts: tuple[str, ...] = ("fact-a",),
    question: str = "Who led India's delegation?",
    days_ago: float = 0,
    guild_id: int | None = GUILD,
    user_id: int | None = 42,
    answer_id: str | None = None,
) -> AnswerRecord:
    return AnswerRecord(
        id=answer_id or new_answer_id(),
        asked_at=NOW - dt.timedelta(days=days_ago),
        answered=answered,
        score=80.0 if answered else 20.0,
        fact_ids=facts if answered else (),
        question=None if answered else question,
        via="mention",
        guild_id=guild_id,
        channel_id=CHANNEL,
        user_id=user_id,
    )


def fresh_ids():
    counter = iter(range(1, 10_000))
    return lambda: f"{next(counter):016x}"


async def test_stats_add_up(question_log: SQLQuestionLog) -> None:
    new_id = fresh_ids()
    answers = [
        record(facts=("fact-a",), answer_id=new_id()),
        record(facts=("fact-a", "fact-c"), answer_id=new_id()),
        record(facts=("fact-b",), answer_id=new_id()),
        record(False, question="What about Mars?", answer_id=new_id()),
        record(False, question="Who won the cup?", answer_id=new_id()),
    ]
    for answer in answers:
        await question_log.record_answer(answer)
    for answer_id, user, helpful in [
        (answers[0].id, 1, True),
        (answers[1].id, 1, True),
        (answers[1].id, 2, False),
    ]:
        assert await question_log.record_feedback(FeedbackRecord(answer_id, user, helpful))

    stats = await question_log.stats(NOW - dt.timedelta(days=1))

    assert (stats.asked, stats.answered, stats.abstained) == (5, 3, 2)
    assert (stats.answered_pct, stats.abstained_pct) == (60.0, 40.0)
    assert (stats.helpful, stats.unhelpful, stats.votes, stats.helpful_pct) == (2, 1, 3, 66.7)
    assert stats.top_facts == (FactCount("fact-a", 2), FactCount("fact-b", 1))


async def test_an_empty_period_is_all_zeros(question_log: SQLQuestionLog) -> None:
    await question_log.record_answer(record(days_ago=10))

    stats = await question_log.stats(NOW - dt.timedelta(days=1))

    assert (stats.asked, stats.answered, stats.votes, stats.top_facts) == (0, 0, 0, ())
    assert (stats.answered_pct, stats.helpful_pct) == (0.0, 0.0)


async def test_feedback_is_stored_once_per_user_and_answer(question_log: SQLQuestionLog) -> None:
    answer = record(answer_id="00000000000000aa")
    await question_log.record_answer(answer)

    first = await question_log.record_feedback(FeedbackRecord(answer.id, 7, True))
    again = await question_log.record_feedback(FeedbackRecord(answer.id, 7, False))
    other = await question_log.record_feedback(FeedbackRecord(answer.id, 8, False))

    assert (first, again, other) == (True, False, True)
    stats = await question_log.stats(NOW - dt.timedelta(days=1))
    assert (stats.helpful, stats.unhelpful) == (1, 1)


async def test_feedback_for_an_answer_never_logged_is_not_stored(
    question_log: SQLQuestionLog,
) -> None:
    forged = [FeedbackRecord(f"{n:016x}", n, True) for n in range(1, 21)]
    assert [await question_log.record_feedback(vote) for vote in forged] == [False] * 20
    stats = await question_log.stats(NOW - dt.timedelta(days=1))
    assert stats.votes == 0


async def test_feedback_stays_once_after_a_reconnect(make_log: MakeLog) -> None:
    """The salt is kept in the database, so the same user hashes the same way next time."""
    first = make_log()
    await first.open()
    await first.record_answer(record(answer_id="00000000000000bb"))
    assert await first.record_feedback(FeedbackRecord("00000000000000bb", 7, True))
    await first.close()

    second = make_log()
    await second.open()
    try:
        assert not await second.record_feedback(FeedbackRecord("00000000000000bb", 7, True))
    finally:
        await second.close()


async def test_only_abstentions_keep_their_text_and_users_are_hashed(
    question_log: SQLQuestionLog,
) -> None:
    await question_log.record_answer(record(True, answer_id="01", user_id=123456789))
    await question_log.record_answer(
        record(False, question="Is it raining?", answer_id="02", user_id=123456789)
    )

    rows = await question_log._fetch("SELECT id, question, user_hash FROM answers ORDER BY id")

    assert [(row[0], row[1]) for row in rows] == [("01", None), ("02", "Is it raining?")]
    assert {row[2] for row in rows} == {hash_user(question_log._salt or "", 123456789)}
    assert all("123456789" not in row[2] for row in rows)


async def test_a_configured_salt_is_used(make_log: MakeLog) -> None:
    log = make_log(hash_salt="s" * 32)
    await log.open()
    try:
        await log.record_answer(record(answer_id="03", user_id=5))
        [(stored,)] = await log._fetch("SELECT user_hash FROM answers")
    finally:
        await log.close()
    assert stored == hash_user("s" * 32, 5)


async def test_unanswered_groups_similar_wordings(question_log: SQLQuestionLog) -> None:
    new_id = fresh_ids()
    asked = [
        "What is the weather on Mars?",
        "What is the weather on Mars?",
        "whats the weather like on mars",
        "Who won the football world cup?",
        "who won the world cup",
        "Who is the president of France?",
        "What is the weather on Mars?",
    ]
    for text in asked:
        await question_log.record_answer(record(False, question=text, answer_id=new_id()))
    await question_log.record_answer(record(True, answer_id=new_id()))
    await question_log.record_answer(
        record(False, question="What is the weather on Mars?", days_ago=5, answer_id=new_id())
    )

    groups = await question_log.unanswered(NOW - dt.timedelta(days=1))

    assert [(g.wording, g.count) for g in groups] == [
        ("What is the weather on Mars?", 4),
        ("Who won the football world cup?", 2),
        ("Who is the president of France?", 1),
    ]
    assert groups[0].variants == ("whats the weather like on mars",)
    assert groups[0].last_asked is not None and groups[0].last_asked <= dt.datetime.now(dt.UTC)


async def test_a_guild_sees_its_own_questions(question_log: SQLQuestionLog) -> None:
    await question_log.record_answer(record(False, question="Ours?", answer_id="0a"))
    await question_log.record_answer(
        record(False, question="Theirs?", guild_id=OTHER_GUILD, answer_id="0b")
    )
    await question_log.record_answer(record(False, question="A DM?", guild_id=None, answer_id="0c"))
    since = NOW - dt.timedelta(days=1)

    ours = await question_log.unanswered(since, guild_id=GUILD)
    everything = await question_log.unanswered(since)

    assert [g.wording for g in ours] == ["Ours?"]
    assert sorted(g.wording for g in everything) == ["A DM?", "Ours?", "Theirs?"]
    assert (await question_log.stats(since, guild_id=OTHER_GUILD)).asked == 1
    assert (await question_log.stats(since)).asked == 3


async def test_prune_deletes_old_rows_only(question_log: SQLQuestionLog) -> None:
    old, recent = record(days_ago=100, answer_id="0d"), record(days_ago=1, answer_id="0e")
    for answer in (old, recent):
        await question_log.record_answer(answer)
    await question_log.record_feedback(
        FeedbackRecord(old.id, 1, True, given_at=NOW - dt.timedelta(days=99))
    )
    await question_log.record_feedback(FeedbackRecord(recent.id, 1, True))

    deleted = await question_log.prune(NOW - dt.timedelta(days=90))

    assert deleted == 2
    stats = await question_log.stats(NOW - dt.timedelta(days=365))
    assert (stats.asked, stats.votes) == (1, 1)
    assert await question_log.prune(NOW - dt.timedelta(days=90)) == 0


async def test_writes_from_many_tasks_at_once(question_log: SQLQuestionLog) -> None:
    new_id = fresh_ids()
    await asyncio.gather(
        *(question_log.record_answer(record(answer_id=new_id())) for _ in range(50))
    )

    assert (await question_log.stats(NOW - dt.timedelta(days=1))).asked == 50


async def test_schema_is_created_once_and_versioned(make_log: MakeLog) -> None:
    for _ in range(2):
        log = make_log()
        await log.open()
        rows = await log._fetch("SELECT version FROM schema_version")
        await log.close()
        known = len(sys.modules[type(log).__module__].MIGRATIONS)
        assert [row[0] for row in rows] == list(range(1, known + 1))


async def test_a_new_migration_is_applied_on_top(make_log: MakeLog) -> None:
    log = make_log()
    await log.open()
    await log.record_answer(record(answer_id="0f"))
    await log.close()
    current = sys.modules[type(log).__module__].MIGRATIONS
    extra = ("ALTER TABLE answers ADD COLUMN note TEXT",)

    upgraded = make_log(migrations=(*current, extra))
    await upgraded.open()
    try:
        versions = await upgraded._fetch("SELECT version FROM schema_version ORDER BY version")
        notes = await upgraded._fetch("SELECT id, note FROM answers")
    finally:
        await upgraded.close()

    assert [row[0] for row in versions] == list(range(1, len(current) + 2))
    assert [tuple(row) for row in notes] == [("0f", None)]


async def test_a_newer_schema_is_refused(make_log: MakeLog) -> None:
    log = make_log()
    await log.open()
    await log._execute("INSERT INTO schema_version (version) VALUES (?)", 99)
    await log.close()

    with pytest.raises(SchemaTooNew, match="version 99, newer than this bot knows"):
        await make_log().open()
