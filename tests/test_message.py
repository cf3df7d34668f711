"""From a chat message to its questions: markup, chit-chat, several questions, references."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.matcher import Matcher
from bot.core.message import MAX_MESSAGE_CHARS, MAX_PARTS, Question, questions_in, strip_markup
from bot.core.text import spell_out, words


@pytest.mark.parametrize(
    "noisy",
    [
        "Who led the Indian delegation? @everyone",
        "@here Who led the Indian delegation?",
        "<@123456789012345678> Who led the Indian delegation?",
        "<@!123456789012345678> Who led the Indian delegation?",
        "<@&123456789012345678> Who led the Indian delegation?",
        "Who led the Indian delegation? <#123456789012345678>",
        "@Alice Who led the Indian delegation?",
        "Who led the Indian delegation? <:pepe:123456789012345678>",
        "<a:dance:123456789012345678> Who led the Indian delegation?",
        "||Who led the Indian delegation?||",
        "`Who led the Indian delegation?`",
        "> Who led the Indian delegation?",
        "**Who** led the _Indian_ delegation? https://example.org/article",
    ],
)
def test_markup_is_removed(noisy: str) -> None:
    assert [q.text for q in questions_in(noisy)] == ["Who led the Indian delegation?"]


def test_strip_markup_keeps_the_words_of_spoilers_and_code() -> None:
    assert words(strip_markup("||the `ROK` side||")) == ["the", "rok", "side"]


def test_chit_chat_sentences_are_dropped() -> None:
    message = "hello! I'm new here. Who represented South Korea? thanks!!"
    assert [q.text for q in questions_in(message)] == ["Who represented South Korea?"]


def test_a_message_that_asks_nothing_recognisable_is_kept_whole() -> None:
    assert [q.text for q in questions_in("chhabra role")] == ["chhabra role"]
    assert questions_in("thanks!") == [Question("thanks!")]
    assert questions_in("   ") == []


def test_several_questions_are_split_and_refer_back() -> None:
    found = questions_in("Where was iCET announced and where was it launched?")
    assert [q.text for q in found] == ["Where was iCET announced", "where was it launched?"]
    assert found[1].previous == "Where was iCET announced"
    found = questions_in("Who co-chairs the dialogue, what are its areas, and when did it start?")
    assert found[2].previous == "what are its areas\nWho co-chairs the dialogue"
    found = questions_in("whr was the mtg, who led it, wat did they talk abt")
    assert [q.text for q in found] == [
        "where was the meeting",
        "who led it",
        "what did they talk about",
    ]


def test_one_question_with_two_question_words_stays_whole() -> None:
    assert [q.text for q in questions_in("When and where was the meeting?")] == [
        "When and where was the meeting?"
    ]


def test_a_statement_before_a_question_is_what_it_refers_to() -> None:
    (question,) = questions_in("APIs came up, the pharma kind. What was that about?")
    assert question.text == "What was that about?"
    assert question.said == "APIs came up, the pharma kind."


def test_no_more_than_three_parts() -> None:
    message = "who led india? who led korea? who led the us? where was it? when was it?"
    assert len(questions_in(message)) == MAX_PARTS


def test_text_speak_is_spelt_out_but_acronyms_stay() -> None:
    assert (
        spell_out("wen ws the mtg, u know, in the U.S.")
        == "when was the meeting, you know, in the U.S."
    )


def test_digits_typed_for_words_after_the_words_they_follow() -> None:
    assert words("what does NSCS stand 4") == ["what", "does", "nscs", "stand", "for"]
    assert words("how 2 read the readout") == ["how", "to", "read", "the", "readout"]
    assert words("the 4 leaders and 2 envoys") == ["the", "4", "leaders", "and", "2", "envoys"]


@given(st.text(max_size=3000))
def test_any_text_gives_at_most_three_bounded_questions(text: str) -> None:
    found = questions_in(text)
    assert len(found) <= MAX_PARTS
    assert all(len(q.text) <= MAX_MESSAGE_CHARS for q in found)


def test_a_lead_in_that_asks_nothing_is_what_the_question_refers_to() -> None:
    (question,) = questions_in("people keep saying wang yunjong, wat's his position?")
    assert question.text == "what's his position?"
    assert question.said == "people keep saying wang yunjong"


def test_a_short_greeting_sentence_is_chit_chat() -> None:
    (question,) = questions_in("hi team! was AI part of it?")
    assert (question.text, question.said) == ("was AI part of it?", "")


def test_chat_phrases_do_not_count_as_words() -> None:
    assert "advance" not in words(spell_out("list the topics, thanks in advance!"))
    assert "context" not in words(spell_out("who is Yoon in this context?"))
    assert "context" not in words(spell_out("minerals came up in what context?"))
    assert "context" not in words(spell_out("NSO stands for what in the korean context"))
    assert "general" not in words(spell_out("what was the meeting about in general"))
    assert "first" not in words(spell_out("why did they meet in the first place"))
    assert "first" in words(spell_out("was it the first meeting of the three"))
    assert [q.text for q in questions_in("tl;dr of the seoul trilat pls")] == [
        "of the seoul trilat please"
    ]
    for asked in ("what is iCET in 1 line", "explain iCET in a few words", "in one sentence?"):
        assert not {"1", "line", "few", "words", "one", "sentence"} & set(words(spell_out(asked)))


def test_filler_verbs_are_not_what_is_asked(matcher: Matcher) -> None:
    """ "i keep seeing X mentioned", "back in 2023", "what source are you using": the
    verbs of the sentence's frame are not words a fact must hold."""
    terms = matcher.analyzer.terms("i keep seeing semis mentioned, back in 2023, using what source")
    assert not {"keep", "see", "seeing", "back", "background", "using", "use"} & set(terms)
    assert matcher.analyzer.terms("gimme the list, for my thesis") == ["list"]


def test_then_and_numbered_parts_split_a_message() -> None:
    assert [q.text for q in questions_in("list the four leaders, then list the commitments")] == [
        "list the four leaders",
        "list the commitments",
    ]
    assert len(questions_in("(1) who led korea, (2) who led the US side?")) == 2


def test_a_numbered_item_after_a_colon_is_a_question_of_its_own() -> None:
    parts = questions_in("On deadline: (1) who led the Korean side, (2) who led the US side?")
    assert [q.text for q in parts] == ["who led the Korean side", "who led the US side?"]


def test_a_later_sentence_may_ask_about_its_own_lead_in() -> None:
    """ "..., and trusted ecosystems, what was that about": the lead-in is what "that" is."""
    parts = questions_in(
        "did they agree to protect tech? and trusted ecosystems, what was that about"
    )
    assert [(q.text, q.said) for q in parts][1] == ("what was that about", "trusted ecosystems")


def test_and_also_say_what_is_a_second_question() -> None:
    parts = questions_in("give me the timeline, and also say what trusted ecosystems means?")
    assert [q.text for q in parts] == ["give me the timeline", "say what trusted ecosystems means?"]


def test_a_name_initial_is_not_chat_speak() -> None:
    """ "N. Korea" and "Joseph R. Biden" keep their initials; a lone "n" is still "and"."""
    assert spell_out("N. Korea and Joseph R. Biden") == "N. Korea and Joseph R. Biden"
    assert words("N. Korea") == ["n", "korea"]
    assert words("us n korea") == ["us", "and", "korea"]


def test_and_korea_is_not_north_korea(matcher: Matcher) -> None:
    assert "@north-korea" not in matcher.analyzer.terms("what did the US and Korea agree")
    assert "@north-korea" in matcher.analyzer.terms("was N. Korea discussed")


def test_parallel_fragments_are_a_question_each() -> None:
    """ "thakkar's title, and wang's title" asks two things; a list of names asks one."""
    texts = [q.text for q in questions_in("date of the trilateral, date of icet launch")]
    assert texts == ["date of the trilateral", "date of icet launch"]
    assert [q.text for q in questions_in("thakkar's title, and wang's title")] == [
        "thakkar's title",
        "wang's title",
    ]
    assert len(questions_in("yoon's role and cho tae-yong's role pls")) == 2
    assert len(questions_in("semiconductors, quantum and AI")) == 1
    assert len(questions_in("who led the us side and the korean side")) == 1


def test_a_piece_with_its_verb_is_a_whole_question() -> None:
    """ "where and when was it" is one question, and a second one may follow it."""
    texts = [q.text for q in questions_in("whr + when was it, and was it the first one?")]
    assert texts == ["where + when was it", "was it the first one?"]
    assert len(questions_in("when and where was it")) == 1


def test_a_question_word_after_a_preposition_starts_a_part() -> None:
    texts = [q.text for q in questions_in("Who led the US delegation and from which departments?")]
    assert texts == ["Who led the US delegation", "from which departments?"]


def test_chat_spellings_of_right_and_secretary() -> None:
    assert words(spell_out("led by commerce ministries rite?"))[-1] == "right"
    assert "secretary" in words(spell_out("Joint Secy Lekhan Thakkar"))


def test_bare_question_words_after_a_question_each_ask() -> None:
    texts = [q.text for q in questions_in("when was iCET announced, where, and by whom?")]
    assert texts == ["when was iCET announced", "where", "by whom?"]
    assert len(questions_in("when and where was it")) == 1


def test_small_talk_is_chatter() -> None:
    assert [q.text for q in questions_in("hi! how are you? who led india")] == ["who led india"]
    assert "how" in words(spell_out("how are the three countries cooperating?"))


def test_lines_are_sentences_and_a_quote_is_read_with_its_question() -> None:
    """A message's lines are its sentences; a quoted line goes with the line that asks
    about it."""
    texts = [q.text for q in questions_in("who led india\nwhen was the meeting")]
    assert texts == ["who led india", "when was the meeting"]
    (quoted,) = questions_in("> the meeting was in tokyo\nis this right?")
    assert "tokyo" in quoted.text and "right" in quoted.text


def test_a_claim_label_is_read_with_the_claim() -> None:
    (question,) = questions_in("Confirm: Chhabra was with the NSC, not the State Department?")
    assert question.text.startswith("Confirm:")
    assert [q.text for q in questions_in("one more: what is the NSO")] == ["what is the NSO"]


def test_polite_frames_and_honorifics_are_not_what_is_asked(matcher: Matcher) -> None:
    terms = matcher.analyzer.terms(
        "Could someone kindly clarify, or remind me, which office Mr Wang was from?"
    )
    assert not {"clarify", "remind", "mr", "kindly"} & set(terms)
    assert "might" not in matcher.analyzer.terms("Might I enquire when the governments met")


def test_words_that_put_a_claim_up_are_not_what_is_asked(matcher: Matcher) -> None:
    terms = matcher.analyzer.terms("checking a claim circulating: is it accurate? genuine?")
    assert not {"claim", "check", "circulat", "accurat", "genuin"} & set(terms)
    assert matcher.answer("whats the us-rok next gen thing, tldr").fact_ids[0] == "usrok-what"


def test_statements_followed_by_a_check_are_each_asked() -> None:
    found = questions_in("Fact-check: Ajit Doval led India. The meeting was in Tokyo. Both true?")
    assert [q.text for q in found] == ["Ajit Doval led India?", "The meeting was in Tokyo?"]
    # Without a check they are what a question refers to, or the message as it stands.
    assert [q.text for q in questions_in("Ajit Doval led India.")] == ["Ajit Doval led India."]
