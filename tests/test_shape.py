"""What a question asks for, and the dates it names."""

from __future__ import annotations

import pytest

from bot.core.model import PartialDate
from bot.core.shape import DATE, EXPANSION, ORGANISATION, PERSON, PLACE, date_agrees, read_shape


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who led India?", PERSON),
        ("Which official led India?", PERSON),
        ("Which agency does Tarun Chhabra work for?", ORGANISATION),
        ("Wang Yunjong works at which office?", ORGANISATION),
        ("Where was the meeting?", PLACE),
        ("Which city hosted it?", PLACE),
        ("what year did icet start", DATE),
        ("Which day of the week was the meeting?", DATE),
        ("What does ROK stand for?", EXPANSION),
        ("Which countries took part?", PLACE),
        ("which agencies run icet", ORGANISATION),
        ("What is the full name of the US-ROK dialogue?", EXPANSION),
    ],
)
def test_what_is_asked_for(question: str, kind: str) -> None:
    assert kind in read_shape(question).wants


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("Was Japan part of the trilateral meeting?", True),
        ("I heard the meeting was in Tokyo?", True),
        ("Is it true that India took part?", True),
        ("Was the readout shared by the White House?", True),
        ("chhabra is from the state dept isnt he", True),
        ("Who led India?", False),
        ("Where was the meeting?", False),
    ],
)
def test_yes_no_and_premises(question: str, yes_no: bool) -> None:
    assert read_shape(question).yes_no is yes_no


def test_dates_to_the_precision_given() -> None:
    assert read_shape("What happened in May 2022?").dates == (PartialDate(2022, 5),)
    assert read_shape("what happened on 9 dec 2023").dates == (PartialDate(2023, 12, 9),)
    assert read_shape("and in 2024?").dates == (PartialDate(2024),)
    assert read_shape("may i ask who led india").dates == ()


def test_date_agreement() -> None:
    meeting = PartialDate(2024, 3, 13)
    assert date_agrees(PartialDate(2024), meeting)
    assert date_agrees(PartialDate(2024, 3), meeting)
    assert not date_agrees(PartialDate(2023, 12), meeting)
    assert not date_agrees(PartialDate(2024, 3, 14), meeting)
    assert date_agrees(PartialDate(2022, 5, 24), PartialDate(2022, 5))


def test_stems_meet_across_forms_and_question_words_stay() -> None:
    from bot.core.text import stem

    assert {stem(w) for w in ("announce", "announced", "announcement", "announcing")} == {"announc"}
    assert stem("held") == stem("hold")
    assert [stem(w) for w in ("where", "when", "nscs")] == ["where", "when", "nscs"]


def test_a_plural_kind_noun_stays_a_word_of_the_question() -> None:
    """ "which agency" only says what kind of answer is wanted; "which countries" is also
    what the question is about."""
    assert read_shape("Which agency does he work for?").cues[:1] == ("agency",)
    assert "countries" not in read_shape("Which countries took part?").cues


def test_where_asks_for_an_office_only_with_a_work_verb() -> None:
    place = read_shape("Where did the first dialogue take place?")
    assert place.wants == {PLACE}
    assert "where" not in place.cues
    office = read_shape("where does thakkar work")
    assert ORGANISATION in office.wants
    assert "where" in office.cues


def test_where_from_asks_also_for_who_issued_it() -> None:
    assert read_shape("where is that quote from?").wants == {PLACE, ORGANISATION}
    assert ORGANISATION not in read_shape("where did the meeting take place, from memory").wants


def test_who_issued_may_ask_for_a_body() -> None:
    assert read_shape("who issued the fact sheet?").wants == {PERSON, ORGANISATION}
    assert read_shape("who led the Indian side?").wants == {PERSON}


def test_chat_words_before_a_question_do_not_hide_its_opener() -> None:
    """ "lmao is japan in it" asks yes or no, as "is japan in it" does."""
    assert read_shape("lmao is japan in this trilateral").yes_no
    assert read_shape("hey was it in seoul").yes_no
    assert not read_shape("lol who led india").yes_no


def test_belong_to_asks_for_a_body() -> None:
    shape = read_shape("which office does wang yunjong belong to")
    assert ORGANISATION in shape.wants and "belong" in shape.cues


def test_true_or_false_and_fact_check_mark_a_premise() -> None:
    assert read_shape("True or false: the first meeting took place in Tokyo").yes_no
    assert read_shape("fact check: iCET was launched in 2023").yes_no
    assert read_shape("the meeting was in Tokyo - true or false").yes_no


def test_where_someone_fits_in_asks_for_a_part_not_a_place() -> None:
    shape = read_shape("where does modi come into this")
    assert PLACE not in shape.wants and "where" in shape.cues
    assert PLACE not in read_shape("doval - where does he fit in").wants
    assert PLACE in read_shape("where did the trilateral come from").wants


def test_chat_tags_close_a_premise() -> None:
    """ "works at pentagon na?", "... or nah", "rite??" ask yes or no as "right?" does."""
    assert read_shape("seth center works at pentagon na").yes_no
    assert read_shape("japan was in the meeting or nah").yes_no


def test_claim_words_make_a_statement_a_yes_no_question() -> None:
    assert read_shape("Claim: Seth Center is a senior director at the NSC").yes_no
    assert read_shape("I should like to know whether telecom was discussed").yes_no
    assert not read_shape("I should like to know when the meeting was").yes_no


def test_a_counterpart_is_a_person() -> None:
    """The other one in that role: "Sullivan's Indian counterpart"."""
    assert PERSON in read_shape("and his korean counterpart?").wants
    assert "counterpart" in read_shape("who was sullivan's indian counterpart").cues


def test_a_side_set_against_another_is_a_choice() -> None:
    assert read_shape("Chhabra was with the NSC, not the State Department?").choice
    assert read_shape("was it held in Delhi rather than Seoul").choice
    assert not read_shape("Chhabra was with the NSC?").choice
    # A yes/no opening chooses between the sides even when it names a kind of answer.
    assert read_shape("does chhabra work for the state department or the NSC?").choice
    assert not read_shape("which office, and who led it?").choice


def test_which_with_a_described_noun_asks_for_its_kind() -> None:
    assert PERSON in read_shape("Which Indian prime minister announced iCET?").wants
    assert ORGANISATION in read_shape("which korean office did their delegate come from").wants
    assert PERSON not in read_shape("what did the minister say").wants


def test_a_statement_with_a_question_mark_asks_yes_or_no() -> None:
    assert read_shape("doval led india at the seoul meeting?").yes_no
    assert read_shape("so Lekhan Thakkar is India's national security advisor?").yes_no
    assert not read_shape("chhabra nsc title?").yes_no
    assert not read_shape("the meeting was where?").yes_no


def test_an_overlong_text_is_read_as_far_as_a_question_is() -> None:
    shape = read_shape("was it in Seoul" + " " * 100_000 + " or Tokyo?")
    assert shape == read_shape("was it in Seoul")
