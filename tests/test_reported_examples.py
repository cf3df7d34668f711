"""Messages people were seen to send, and what the bundled fact base should do with them:
Discord markup, chit-chat, text speak, attribute and role questions, dates, acronyms,
false premises (answered by the fact that corrects them) and near misses (abstain)."""

from __future__ import annotations

import pytest

from bot.core.matcher import Matcher

ABSTAIN = None

EXAMPLES = [
    ("Who led the Indian delegation? @everyone", {"leader-thakkar"}),
    ("<@123456789012345678> Who led the Indian delegation?", {"leader-thakkar"}),
    ("<@&123456789012345678> who led the indian delegation", {"leader-thakkar"}),
    ("Who led the Indian delegation? <a:dance:123456789012345678> ||pls||", {"leader-thakkar"}),
    ("hello! I'm new here. Who represented South Korea?", {"leader-wang"}),
    ("whr ws the mtg", {"meeting-when-where"}),
    ("wen was icet launched", {"icet-launch"}),
    ("wang yunjung works where", {"leader-wang", "org-nso"}),
    ("Which agency does Tarun Chhabra work for?", {"leader-chhabra"}),
    ("Wang Yunjong works at which office?", {"leader-wang", "org-nso"}),
    ("Which organisation does Lekhan Thakkar work for?", {"leader-thakkar"}),
    ("Which Indian prime minister announced iCET?", {"icet-announced", "person-modi"}),
    ("Who was the US president when iCET was launched?", {"person-biden", "icet-announced"}),
    ("Which Indian national security adviser helped launch iCET?", {"icet-launch", "person-doval"}),
    ("What happened in May 2022?", {"icet-announced", "bg-2022-decision", "bg-chronology"}),
    ("what year did icet start", {"icet-launch"}),
    ("Which day of the week was the meeting?", {"meeting-when-where"}),
    ("What does ROK stand for?", {"acronym-rok"}),
    ("What does NSCS stand for?", {"org-nscs"}),
    ("What is the full name of the US-ROK technology dialogue?", {"usrok-what"}),
    ("Was the readout shared by the White House?", {"meeting-readout"}),
    ("Was Japan part of the trilateral meeting?", {"meeting-countries"}),
    ("What took place in December 2023?", {"usrok-inaugural", "usrok-sullivan-trip"}),
    ("which article is this from?", {"source-article"}),
    ("who is Joe Biden in this story", {"person-biden"}),
    ("who is Narendra Modi in this story", {"person-modi"}),
    ("Who is Seth Center married to?", ABSTAIN),
    ("What was Seth Center's previous job?", ABSTAIN),
    ("When will the next US-ROK-India meeting take place?", ABSTAIN),
    ("Did the three countries sign a treaty in Seoul?", ABSTAIN),
    ("Did Samsung sign a deal at the trilateral?", ABSTAIN),
    ("Is it correct that Ajit Doval himself headed India's delegation?", {"leader-thakkar"}),
]

STILL_WRONG = [
    ("I heard the meeting was in Tokyo?", {"meeting-when-where"}),
]


def _first(matcher: Matcher, message: str) -> str | None:
    answer = matcher.answer(message)
    return answer.fact_ids[0] if answer.answered and answer.fact_ids else None


@pytest.mark.parametrize(("message", "expected"), EXAMPLES)
def test_reported_message(matcher: Matcher, message: str, expected: set[str] | None) -> None:
    got = _first(matcher, message)
    assert got is None if expected is ABSTAIN else got in expected


@pytest.mark.xfail(strict=True, reason="not yet answered right; move to EXAMPLES when it is")
@pytest.mark.parametrize(("message", "expected"), STILL_WRONG)
def test_reported_message_still_wrong(matcher: Matcher, message: str, expected: set[str]) -> None:
    assert _first(matcher, message) in expected


def test_each_question_of_a_message_is_answered(matcher: Matcher) -> None:
    answer = matcher.answer("Where was iCET announced and where was it launched?")
    assert [section.fact_ids[0] for section in answer.sections] == [
        "icet-announced",
        "icet-launch",
    ]
