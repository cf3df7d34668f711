"""Grouping unanswered questions: same meaning together, different subjects apart."""

from __future__ import annotations

import datetime as dt

from bot.operations.store.grouping import MAX_VARIANTS, Wording, group_questions

T0 = dt.datetime(2024, 3, 13, tzinfo=dt.UTC)


def groups(*pairs: tuple[str, int]) -> list[tuple[str, int]]:
    found = group_questions([Wording(text, count) for text, count in pairs])
    return [(group.wording, group.count) for group in found]


def test_the_commonest_wording_names_the_group() -> None:
    assert groups(
        ("whats the weather like on mars", 1),
        ("What is the weather on Mars?", 3),
        ("Weather on Mars?", 1),
    ) == [("What is the weather on Mars?", 5)]


def test_case_and_punctuation_do_not_make_a_new_wording() -> None:
    found = group_questions([Wording("Who won?", 1), Wording("who won", 2), Wording("WHO WON!", 1)])
    assert [(g.wording, g.count, g.variants) for g in found] == [("who won", 4, ())]


def test_different_subjects_stay_apart() -> None:
    assert groups(
        ("Who is the president of France?", 2),
        ("Who is the president of Brazil?", 1),
        ("Who led Japan's delegation?", 1),
        ("Who led China's delegation?", 1),
    ) == [
        ("Who is the president of France?", 2),
        ("Who is the president of Brazil?", 1),
        ("Who led China's delegation?", 1),
        ("Who led Japan's delegation?", 1),
    ]


def test_a_short_question_does_not_swallow_a_longer_one() -> None:
    assert groups(("Who won?", 3), ("Who won the football world cup?", 1)) == [
        ("Who won?", 3),
        ("Who won the football world cup?", 1),
    ]


def test_variants_limit_and_last_asked() -> None:
    wordings = [Wording("When is the next meeting?", 5, T0)] + [
        Wording(f"When is the next {extra} meeting?", 1, T0 + dt.timedelta(days=i))
        for i, extra in enumerate(["trilateral", "big", "official", "formal"], start=1)
    ]

    [group] = group_questions(wordings, limit=3)

    assert group.count == 9
    assert len(group.variants) == MAX_VARIANTS
    assert group.last_asked == T0 + dt.timedelta(days=4)


def test_ties_and_limits() -> None:
    assert group_questions([]) == []
    found = group_questions([Wording("b question", 1), Wording("a question zzz", 1)], limit=1)
    assert [g.wording for g in found] == ["a question zzz"]
