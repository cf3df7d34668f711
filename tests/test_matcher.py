"""Matching rules on a tiny fact base: aliases, typos, entity awareness, abstention."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.analysis import Analyzer
from bot.core.loader import load_factbase
from bot.core.matcher import Matcher
from bot.core.model import FactBase
from tests.conftest import MINI_ENTITIES, MINI_FACTS, MINI_SOURCES, write_knowledge

EXTRA_ENTITIES = MINI_ENTITIES.replace(
    "topics:",
    "  - id: stateland\n    kind: country\n    name: United States\n"
    "    aliases: [US, USA]\n  - id: japan\n    kind: country\n    name: Japan\n"
    "    aliases: [Japanese]\n  - id: did-org\n    kind: organisation\n"
    "    name: Digital Infrastructure Desk\n    aliases: [DID]\ntopics:",
)
WORDS = {
    "US",
    "us",
    "India",
    "ROK",
    "iCET",
    "who",
    "led",
    "the",
    "quantom",
    "@everyone",
    "?",
    "'s",
    "U.S.",
    "NSCS",
    "Seoul",
    "when",
    "Japan",
    "",
    "\u200b",
    "Σ",
    "İ",
}
SYNONYMS = "synonyms:\n  - [lead, led, headed, chaired]\n  - [city, town]\n"


@pytest.fixture
def mini(tmp_path: Path) -> Matcher:
    directory = write_knowledge(
        tmp_path / "k",
        sources=MINI_SOURCES,
        entities=EXTRA_ENTITIES,
        facts=MINI_FACTS,
        synonyms=SYNONYMS,
    )
    return Matcher(load_factbase(directory))


def test_alias_names_the_entity(mini: Matcher) -> None:
    assert mini.analyzer.terms("Who led the Landia delegation?") == [
        "who",
        "lead",
        "@land",
        "delegation",
    ]
    assert mini.answer("who led the LN delegation").fact_ids == ("envoy",)


def test_synonym_and_typo_reach_the_same_terms(mini: Matcher) -> None:
    plain = mini.analyzer.terms("Who led the delegation?", repair_typos=True)
    assert mini.analyzer.terms("who HEADED the delegaton", repair_typos=True) == plain


def test_capitalised_acronym_alias_only_when_written_in_capitals(mini: Matcher) -> None:
    assert "@stateland" in mini.analyzer.terms("Did the US attend?")
    assert "@stateland" in mini.analyzer.terms("Did the U.S. attend?")
    assert "@stateland" not in mini.analyzer.terms("tell us about the meeting")
    assert "@stateland" in mini.analyzer.terms("who led the us delegation")
    assert "@stateland" in mini.analyzer.terms("us landia ties")
    assert "@stateland" in mini.analyzer.terms("which us agencies were there")


def test_acronym_that_is_a_verb_names_only_in_capitals(mini: Matcher) -> None:
    assert "@did-org" in mini.analyzer.terms("Who leads DID?")
    assert "@did-org" not in mini.analyzer.terms("when did the US attend")
    assert "@did-org" not in mini.analyzer.terms("when did Landia attend")
    assert "@did-org" not in mini.analyzer.terms("WHEN DID THE MEETING START")
    assert "@stateland" in mini.analyzer.terms("WHO LED THE US SIDE")


def test_typo_repair_keeps_known_and_stop_words(mini: Matcher) -> None:
    analyzer: Analyzer = mini.analyzer
    assert analyzer.correct("meetng") == "meeting"
    assert analyzer.correct("the") == "the"
    assert analyzer.correct("zzzzzz") == "zzzzzz"


def test_question_naming_another_country_abstains(mini: Matcher) -> None:
    answer = mini.answer("Who led the Japanese delegation?")
    assert not answer.answered
    assert answer.suggestions and answer.suggestions[0] == "Who led the delegation of Land?"
    assert answer.suggested_fact_ids[0] == "envoy"


def test_out_of_scope_abstains_with_suggestions(mini: Matcher) -> None:
    for question in ("what's the weather like?", "tell me a joke", "", "?!?"):
        answer = mini.answer(question)
        assert not answer.answered, question
        assert answer.text == "" and answer.fact_ids == ()
        assert 1 <= len(answer.suggestions) <= 3


def test_answer_with_carries_citations(mini: Matcher) -> None:
    answer = mini.answer_with("meeting-place")
    assert answer.answered and answer.question == "Where was the meeting?"
    assert [c.url for c in answer.citations] == ["https://example.org/report"]
    assert answer.text == "The meeting took place in Capital City. [1]"


def test_ranking_is_deterministic(mini: Matcher) -> None:
    first = [(s.fact.id, s.score) for s in mini.rank("meeting delegation")]
    assert first == [(s.fact.id, s.score) for s in mini.rank("meeting delegation")]


def test_completion_prefers_what_was_typed(mini: Matcher) -> None:
    assert mini.complete("who is a")[0] == "Who is Ann Example?"
    assert len(mini.complete("")) == 2
    assert mini.complete("x" * 300) is not None


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=700))
def test_no_string_makes_answer_raise(matcher: Matcher, text: str) -> None:
    answer = matcher.answer(text)
    assert answer.answered == bool(answer.text)
    assert len(answer.suggestions) <= 3
    assert answer.to_json()["question"] == text


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(sorted(WORDS)), max_size=12))
def test_no_word_salad_makes_answer_raise(matcher: Matcher, words: list[str]) -> None:
    answer = matcher.answer(" ".join(words))
    assert 0.0 <= answer.score <= 100.0


def test_a_message_whose_questions_all_abstain_has_no_answer_text(mini: Matcher) -> None:
    answer = mini.answer("what is the weather? who won the cup?")
    assert not answer.answered and answer.text == ""
    assert len(answer.sections) == 2 and answer.suggestions


def test_a_question_with_nothing_of_its_own_takes_the_previous_ones_words(
    matcher: Matcher,
) -> None:
    """ "what exactly?" after a question is about what that question asked, not about
    whatever a bare "what" matches best."""
    alone = matcher.rank("what exactly?", 1)[0].fact.id
    followed = matcher.rank(
        "what exactly?", 1, previous="FE says the meeting was a culmination of something"
    )[0].fact.id
    assert followed == "meeting-culmination" != alone


def test_unknown_words_of_a_lead_in_do_not_count_against_the_answer(matcher: Matcher) -> None:
    answer = matcher.answer("ppl keep saying wang yunjong, wat's his position?")
    assert answer.answered and answer.fact_ids[0] == "leader-wang"


def test_a_question_joining_two_things_answers_both_in_order(matcher: Matcher) -> None:
    answer = matcher.answer("did they talk about quantum and telecom?")
    assert [section.fact_ids[0] for section in answer.sections] == ["area-quantum", "area-telecom"]


def test_when_and_where_is_one_question(matcher: Matcher) -> None:
    answer = matcher.answer("When and where was the first US-ROK-India tech meeting held?")
    assert not answer.sections and answer.fact_ids[0] == "meeting-when-where"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("Was the trilateral held in Seoul or in Tokyo?", "meeting-when-where"),
        ("was iCET launched in Washington or Delhi", "icet-launch"),
    ],
)
def test_either_or_question_is_answered_by_the_fact_holding_one_side(
    question: str, fact_id: str, factbase: FactBase
) -> None:
    answer = Matcher(factbase).answer(question)
    assert answer.answered
    assert answer.fact_ids[0] == fact_id


def test_a_later_part_borrows_the_name_of_the_nearest_part_that_has_one(
    factbase: FactBase,
) -> None:
    matcher = Matcher(factbase)
    answer = matcher.answer(
        "Who co-chairs the US-ROK dialogue, what are its anchor areas, and when did it start?"
    )
    assert [s.fact_ids[0] for s in answer.sections] == [
        "usrok-cochairs",
        "usrok-anchor-areas",
        "usrok-inaugural",
    ]


def _budget_fact(ident: str, about: str) -> str:
    """A fact asked for in the same words as its twin, about `about`."""
    return (
        f"  - id: {ident}\n    topic: meeting\n    answer: The {ident} was agreed.\n"
        "    questions: [What was the budget approved?, How big was the budget approved?]\n"
        f"    about: [{about}]\n    sources: [src-one]\n"
    )


@pytest.mark.parametrize(
    ("one", "two", "answered"),
    [("land", "ann-example", False), ("ann-example", "ann-example", True)],
)
def test_a_tie_between_facts_about_different_things_abstains(
    tmp_path: Path, one: str, two: str, answered: bool
) -> None:
    directory = write_knowledge(
        tmp_path / "k",
        sources=MINI_SOURCES,
        entities=MINI_ENTITIES,
        facts=MINI_FACTS + _budget_fact("budget-one", one) + _budget_fact("budget-two", two),
    )
    answer = Matcher(load_factbase(directory)).answer("What was the budget approved?")
    assert answer.answered is answered
    if not answered:
        assert set(answer.suggested_fact_ids) >= {"budget-one", "budget-two"}


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("iCET was launched in Delhi, right?", "icet-launch"),
        ("who did washington send to the trilateral", "delegation-us"),
    ],
)
def test_a_city_is_a_place_or_stands_for_its_country(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    """A false place is corrected by the fact that names the right one; a city that stands
    for its government is answered by a fact about its country."""
    answer = matcher.answer(question)
    assert answer.answered and answer.fact_ids[0] == fact_id


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("Cho Tae-yong's job?", "person-cho"),
        ("what has the NSC got to do with iCET", "org-nsc"),
        ("what did Biden think of iCET?", "icet-democratic-ecosystem"),
    ],
)
def test_a_question_about_someone_as_such_prefers_who_they_are(
    matcher: Matcher, question: str, fact_id: str
) -> None:
    """Someone's role or part is answered by the fact that says who they are, not by an
    event they took part in; a question that asks something of them is not such a one."""
    answer = matcher.answer(question)
    assert answer.answered and answer.fact_ids[0] == fact_id


def test_a_country_no_fact_is_about_is_answered_by_which_countries_were(
    matcher: Matcher,
) -> None:
    """ "Did Russia take part?" is corrected by the fact naming the three countries; a
    claim about it that no fact holds ("an observer") still abstains."""
    answer = matcher.answer("Did Russia take part in the trilateral?")
    assert answer.answered and answer.fact_ids[0] == "meeting-countries"
    assert not matcher.answer("did china send an observer to the meeting?").answered


def test_an_or_between_two_things_the_base_never_names_is_not_a_choice(
    matcher: Matcher,
) -> None:
    """In "Seoul or Tokyo?" one side is the answer; when neither side is known ("Infosys or
    Hyundai") the question asks what no fact holds. "... or someone else" names no side."""
    assert not matcher.answer(
        "did any companies like Infosys or Hyundai attend the trilateral?"
    ).answered
    assert matcher.answer("was it held in Seoul or Tokyo?").fact_ids == ("meeting-when-where",)
    answer = matcher.answer("is iCET run by the commerce ministries or by someone else")
    assert answer.fact_ids == ("icet-led-by",)


def test_an_unknown_adverb_does_not_count_against_the_answer(matcher: Matcher) -> None:
    """ "What part did Biden *personally* play?" asks what "What part did Biden play?" does:
    the adverb lowers no fact's coverage or overlap."""
    plain = {s.fact.id: s.signals for s in matcher.rank("what part did Biden play in iCET?", 5)}
    adverb = matcher.rank("what part did Biden quietly play in iCET?", 5)
    for scored in adverb:
        for signal in ("coverage", "overlap"):
            assert scored.signals[signal] == pytest.approx(plain[scored.fact.id][signal])
    assert adverb[0].fact.id == next(iter(plain))


def test_a_question_asking_for_specifics_the_base_lacks_abstains(matcher: Matcher) -> None:
    """ "Which specific semiconductor projects were agreed?" asks more than the fact that
    semiconductors were discussed says."""
    assert matcher.answer("was semiconductors on the agenda?").answered
    assert not matcher.answer("which specific semiconductor projects were agreed?").answered


def test_a_word_of_a_name_is_no_qualifier(matcher: Matcher) -> None:
    """The "next" of "Next Generation Dialogue" names the dialogue: it does not ask for a
    later meeting that no fact holds, while a "next" outside a name still does."""
    outside = matcher.analyzer.words_outside_names(
        "when did the next generation dialogue meet next"
    )
    assert outside == ["when", "did", "the", "meet", "next"]
    scored = matcher.rank("who chaired the next gen tech dialogue for korea", 1)[0]
    assert scored.signals["qualifier"] == 1.0
    assert matcher.answer("who chaired the next gen tech dialogue for korea").answered


def test_a_wrong_city_in_a_premise_does_not_name_its_country(matcher: Matcher) -> None:
    """ "Was the meeting held in New Delhi?" is answered by where it was: Delhi may be the
    wrong place, so India does not count as the one country the question is about."""
    best = matcher.rank("was the meeting held in new delhi", 1)[0]
    assert (best.fact.id, best.signals["country"]) == ("meeting-when-where", 1.0)
    assert matcher.answer("was the meeting held in new delhi").fact_ids[0] == "meeting-when-where"


def test_a_wrong_year_in_a_premise_is_corrected_by_the_fact_of_the_right_one(
    matcher: Matcher,
) -> None:
    """ "iCET started in 2021, right?" is answered by when it started (January 2023): the
    year a premise gives may be wrong, as a name may."""
    assert matcher.answer("iCET started in 2021 right?").fact_ids[0] == "icet-launch"
    best = matcher.rank("wasn't icet launched back in 2022?", 1)[0]
    assert best.fact.id == "icet-launch"
    assert best.signals["date"] == matcher.settings.correction_penalty
    assert best.signals["coverage"] == pytest.approx(1.0)
    assert not matcher.answer("did the US-ROK dialogue meet again in 2024").answered


def test_a_body_named_by_mistake_is_corrected_by_the_fact_naming_the_right_one(
    matcher: Matcher,
) -> None:
    """Bodies no fact is about ("the Pentagon", "the Commerce Department") are known as
    names: a premise naming one is answered by the fact naming the right body, and a
    question about what one said finds nothing."""
    assert matcher.answer("Is Seth Center from the Pentagon?").fact_ids[0] == "leader-center"
    answer = matcher.answer("isn't iCET run by the Commerce Department?")
    assert answer.fact_ids[0] == "icet-led-by"
    assert not matcher.answer("what did the pentagon say about the meeting").answered


def test_what_someone_did_before_a_post_asks_about_an_earlier_one(matcher: Matcher) -> None:
    """ "What did Cho do before heading the NSO?" asks what no fact says (his earlier post),
    while what came before the meeting is still answered."""
    assert not matcher.answer("what did Cho Tae-yong do before heading the NSO").answered
    assert not matcher.answer("what was seth center doing before he joined the state dept").answered
    answer = matcher.answer("which bilateral tracks were launched before the meeting?")
    assert answer.fact_ids[0] == "meeting-after-launches"


def test_what_time_asks_for_an_hour_no_date_gives(matcher: Matcher) -> None:
    assert not matcher.answer("what time did the seoul meeting start").answered
    assert matcher.answer("when was the seoul meeting").fact_ids[0] == "meeting-when-where"


def test_one_vowel_for_another_is_a_typo_but_a_qualifier_is_meant(matcher: Matcher) -> None:
    """ "who leeds icet" means "leads"; "last" is a word of its own, not a typo of "list"."""
    correct = matcher.analyzer.correct
    assert (correct("leeds"), correct("thet")) == ("leads", "that")
    assert correct("last") == "last"
    assert correct("rate") == "rate"


def test_a_city_before_a_word_for_the_meeting_names_the_meeting(matcher: Matcher) -> None:
    """ "the Seoul tech talks" is the meeting, not Seoul or the ROK: the fact on all the
    leaders answers, not one about the Korean side."""
    terms = matcher._query("names of every official who led the seoul tech talks").terms
    assert "@seoul" not in terms and "@trilateral-meeting" in terms
    answer = matcher.answer("names of every official who led the seoul tech talks")
    assert answer.fact_ids[0] == "meeting-leaders"
    assert "@seoul" in matcher._query("which hotel in Seoul was the meeting held at").terms
    assert "@seoul" not in matcher._query("which countries were at the seoul thing").terms


def test_a_fact_about_the_meeting_holds_the_word_meeting(matcher: Matcher) -> None:
    """ "Who were the three nations in the meeting?" is answered by the countries that took
    part, though that fact never says "meeting" but is about it."""
    answer = matcher.answer("who were the three nations in the meeting")
    assert answer.fact_ids[0] == "meeting-countries"
    assert matcher.answer("was japan part of the meeting?").fact_ids[0] == "meeting-countries"


def test_a_question_for_several_things_gets_each_fact_that_is_one(matcher: Matcher) -> None:
    """ "Which supply chains were discussed?": no fact lists them, two are each one of them
    (biotech's and semiconductors'); both answer, with their citations numbered once."""
    answer = matcher.answer("Which supply chains were discussed?")
    assert set(answer.fact_ids) == {"area-biotech", "area-semiconductors"}
    assert not answer.sections and answer.citations
    marks = {n for part in answer.parts for n in part.citation_numbers}
    assert marks == set(range(1, len(answer.citations) + 1))
    assert matcher.answer("Who led the Indian delegation?").fact_ids == ("leader-thakkar",)


def test_an_unknown_body_or_title_in_a_premise_is_corrected(matcher: Matcher) -> None:
    """ "Is iCET run by the foreign ministries?" is answered by who runs it: the body a
    premise names may be wrong; a claim of another kind ("did they sign a treaty?") is not."""
    assert matcher.answer("is iCET run by the foreign ministries?").fact_ids[0] == "icet-led-by"
    answer = matcher.answer("thakkar is an additional secretary at MEA right?")
    assert answer.fact_ids[0] in {"leader-thakkar", "org-nscs"}
    assert not matcher.answer("Did the three countries sign a treaty in Seoul?").answered


def test_a_count_is_not_something_of_its_own(matcher: Matcher) -> None:
    """ "FE called it a culmination of 2 things... what 2 things?" asks about what was said."""
    answer = matcher.answer("so FE called it a 'culmination' of 2 things... wat 2 things?")
    assert answer.fact_ids[0] in {"meeting-culmination", "meeting-after-launches"}


def test_a_word_that_only_says_what_kind_of_answer_counts_only_where_held(
    matcher: Matcher,
) -> None:
    """ "Which *agency* does Chhabra work for?": the fact naming his office need not say
    "agency"; "which *newspaper* wrote about it?" is the better answered by the fact that
    does say "newspaper"."""
    assert matcher.answer("Which agency does Tarun Chhabra work for?").fact_ids[0] == (
        "leader-chhabra"
    )
    assert matcher.answer("which newspaper wrote about the trilateral").fact_ids[0] == (
        "source-article"
    )


def test_a_detail_finer_than_any_fact_is_not_answered_by_a_coarser_one(
    matcher: Matcher,
) -> None:
    """ "Which hotel hosted the trilateral?" asks what no fact says (the city does not
    answer it), while "where was it held?" is answered by the city."""
    assert not matcher.answer("which hotel in Seoul hosted the trilateral meeting?").answered
    assert matcher.answer("where was the trilateral held?").fact_ids[0] == "meeting-when-where"


def test_an_or_between_claims_that_are_no_names_checks_both(matcher: Matcher) -> None:
    """ "Did they sign an MoU or any agreement?" claims what no fact holds; "Seoul or
    Tokyo?" still has one side right."""
    assert not matcher.answer("did the three countries sign an MoU or any agreement?").answered
    assert matcher.answer("was it held in Seoul or Tokyo?").fact_ids == ("meeting-when-where",)


def test_an_unknown_name_in_capitals_weighs_more_than_an_unknown_word(matcher: Matcher) -> None:
    """ "Which countries are members of AUKUS?" is about something no fact covers, though
    the fact on which countries took part shares its other words."""
    assert not matcher.answer("which countries are members of AUKUS").answered
    assert matcher.answer("which countries took part in the meeting").answered
    assert matcher.answer("What does NSCS stand for?").fact_ids[0] == "org-nscs"


def test_the_main_events_month_names_the_event(matcher: Matcher) -> None:
    """ "which technologies came up in March 2024?" asks about the meeting of that month,
    not for a fact dated March 2024; a year alone, a "when" or a yes/no keeps the date."""
    assert matcher.answer("which technologies were on the table in march 2024").fact_ids[0] == (
        "meeting-areas"
    )
    (read,) = matcher.explain("which technologies were on the table in march 2024")
    assert not read.shape.dates and "2024" not in read.terms
    for kept in ("what happened in 2024", "did the meeting take place in march 2024?"):
        assert matcher.explain(kept)[0].shape.dates
    assert matcher.answer("What happened in May 2022?").fact_ids[0] in {
        "bg-2022-decision",
        "icet-announced",
    }


def test_a_list_fact_corrects_a_wrong_person_by_its_items(matcher: Matcher) -> None:
    answer = matcher.answer("ngl i thought jake sullivan ran the seoul meeting?")
    assert answer.answered and answer.fact_ids[0] in {"meeting-leaders", "delegation-us"}


def test_a_bare_topic_name_is_answered_from_that_topic(matcher: Matcher) -> None:
    """ "leaders??" ties "Who led the talks?" with "the events leading up to it" on words;
    the topic it names decides."""
    assert matcher.answer("leaders??").fact_ids[0] == "meeting-leaders"
    assert matcher.answer("goals").fact_ids[0] == "meeting-goals"


def test_who_wrote_asks_for_an_author_and_which_paper_does_not(matcher: Matcher) -> None:
    assert not matcher.answer("who wrote the financial express article").answered
    assert matcher.answer("which newspaper wrote about the trilateral").fact_ids[0] == (
        "source-article"
    )


def test_a_later_question_borrows_names_only_when_it_refers_back(matcher: Matcher) -> None:
    """ "... and when was it launched?" takes iCET from before it; "... and which countries
    were at the meeting?" asks on its own and does not take ROK."""
    first, second = matcher.explain("who leads icet? and when was it launched")
    assert "@icet" in second.terms
    first, second = matcher.explain("what does ROK mean and which countries were at the meeting")
    assert "@rok" in first.terms and "@rok" not in second.terms


def test_next_to_places_and_fr_is_chatter(matcher: Matcher) -> None:
    assert matcher.answer("who's jake sullivan fr").fact_ids[0] == "person-sullivan"
    (read,) = matcher.explain("what is NSCS, saw it next to thakkar's name")
    assert read.candidates[0].signals["qualifier"] == 1.0


def test_ever_before_asks_whether_it_was_the_first(matcher: Matcher) -> None:
    answer = matcher.answer("had the three ever held a tech meeting together before this one?")
    assert answer.fact_ids[0] == "meeting-first"


def test_someone_elses_title_given_to_a_named_person_is_the_claim(matcher: Matcher) -> None:
    """ "Thakkar is India's NSA?" is answered by what Thakkar is, not by the NSA's fact."""
    answer = matcher.answer("so Lekhan Thakkar is India's national security advisor?")
    assert answer.fact_ids[0] == "leader-thakkar"
    assert matcher.answer("who is India's national security advisor?").fact_ids[0] in {
        "person-doval",
        "icet-launch",
    }


def test_a_chronology_does_not_correct_a_person_by_its_events(matcher: Matcher) -> None:
    answer = matcher.answer("doval led india at the seoul mtg?")
    assert answer.fact_ids[0] in {"meeting-leaders", "leader-thakkar"}


def test_an_ordinal_of_a_member_is_no_qualifier(matcher: Matcher) -> None:
    (read,) = matcher.explain("Japan was the third country at the table?")
    assert read.candidates[0].signals["qualifier"] == 1.0
    assert not matcher.answer("when was the third trilateral meeting").answered


def test_a_persons_connection_is_a_role_and_an_initiatives_a_relation(matcher: Matcher) -> None:
    assert matcher.answer("how is icet connected to the trilateral").fact_ids[0] == (
        "meeting-culmination"
    )
    assert matcher.answer("How is PM Modi connected with iCET?").fact_ids[0] in {
        "person-modi",
        "icet-announced",
    }
    assert not matcher.answer("Is Jake Sullivan related to Seth Center?").answered


def test_what_happened_in_the_main_events_city_is_about_the_event(matcher: Matcher) -> None:
    """The US-ROK dialogue met in Seoul too; "in Seoul", asked about what was discussed,
    is the trilateral's city, not a question about any meeting there."""
    assert matcher.answer("what topics did they cover in seoul").fact_ids[0] == "meeting-areas"
    (read,) = matcher.explain("where in seoul was it held")
    assert "@trilateral-meeting" not in read.terms


def test_a_short_label_before_a_colon_says_what_is_asked_about(matcher: Matcher) -> None:
    assert matcher.answer("defence production: part of the talks or not?").fact_ids[0] in {
        "area-defence",
        "meeting-areas",
    }


def test_he_in_a_later_question_is_the_person_named_before(matcher: Matcher) -> None:
    message = "who is yoon and what did he agree with biden?"
    _, second = matcher.explain(message)
    assert "@yoon-suk-yeol" in second.terms
    agreed = matcher.answer(message).sections[1]
    assert agreed.fact_ids[0] in {"usrok-agreed", "person-yoon"}


def test_it_in_a_later_question_is_the_thing_named_before(matcher: Matcher) -> None:
    message = "what did biden say about icet, and who launched it"
    _, second = matcher.explain(message)
    assert "@icet" in second.terms and "@joe-biden" not in second.terms
    assert matcher.answer(message).sections[1].fact_ids[0] == "icet-launch"
    # "its" with a thing of its own named is its own.
    _, own = matcher.explain(
        "when was icet launched? and when did the us-rok dialogue have its first meeting?"
    )
    assert "@icet" not in own.terms


def test_two_people_asked_about_together_get_a_fact_each(matcher: Matcher) -> None:
    answer = matcher.answer("who are Tarun Chhabra and Seth Center?")
    assert [section.fact_ids[0] for section in answer.sections] == [
        "leader-chhabra",
        "leader-center",
    ]


def test_a_tie_between_facts_about_the_same_person_still_answers(matcher: Matcher) -> None:
    answer = matcher.answer("which Indian body is Thakkar from")
    assert answer.answered and answer.fact_ids[0] in {"leader-thakkar", "org-nscs"}


def test_a_city_named_for_its_government_does_not_place_an_event(matcher: Matcher) -> None:
    """Thakkar's fact has "who spoke for New Delhi?" among its phrasings: that does not
    make it hold New Delhi as where the meeting was."""
    (read,) = matcher.explain("the trilat was in new delhi, right?")
    thakkar = next(c for c in read.candidates if c.fact.id == "leader-thakkar")
    assert thakkar.signals["entities"] < 1.0
    assert matcher.answer("the trilat was in new delhi, right?").fact_ids[:1] != ["leader-thakkar"]


def test_us_opening_a_message_is_the_united_states(matcher: Matcher) -> None:
    (read,) = matcher.explain("us delegation names?")
    assert "@us" in read.terms
    assert "@us" not in matcher.explain("tell us about the meeting")[0].terms


def test_a_claim_about_someones_body_is_answered_by_their_own_fact(matcher: Matcher) -> None:
    """Center's fact names the State Department and Chhabra; the claim is about Chhabra."""
    answer = matcher.answer("Tarun Chhabra works at the State Department, right?")
    assert answer.answered and answer.fact_ids[0] == "leader-chhabra"
    (read,) = matcher.explain("who co-led with Chhabra?")
    center = next(c for c in read.candidates if c.fact.id == "leader-center")
    assert center.signals["person"] == 1.0  # asked for a person: anyone's fact may answer


def test_a_fact_holds_its_topics_name(matcher: Matcher) -> None:
    """No area fact says "area"; each is filed under the topic named "areas"."""
    assert "clean energy" not in matcher.factbase.topics["areas"].aliases
    answer = matcher.answer("was clean energy one of the areas")
    assert answer.answered and answer.fact_ids[0] == "area-clean-energy"


def test_a_named_persons_body_is_no_rival_to_their_own_fact(matcher: Matcher) -> None:
    for question in ("where does thakkar work", "which korean office does wang yunjong come from"):
        answer = matcher.answer(question)
        assert answer.answered, question
        assert answer.fact_ids[0] in {"leader-thakkar", "org-nscs", "leader-wang", "org-nso"}
    # Naming only the body is not naming the person: the margin still holds.
    (read,) = matcher.explain("how many staff work at the NSCS")
    assert not read.decision.answered


def test_a_wrong_place_for_the_meeting_is_corrected_by_where_it_was(matcher: Matcher) -> None:
    for question in (
        "the trilateral happened in new delhi didnt it",
        "was the trilat in seoul or in delhi?",
    ):
        (read,) = matcher.explain(question)
        assert read.candidates[0].fact.id == "meeting-when-where", question
        assert read.candidates[0].signals["place"] == 1.0
        assert any(c.signals["place"] < 1.0 for c in read.candidates), question
    # The right place is no premise to correct.
    (read,) = matcher.explain("were semiconductors on the agenda in seoul")
    assert all(c.signals["place"] == 1.0 for c in read.candidates)


def test_a_claim_that_it_was_a_later_occasion_is_settled_by_whether_it_was_the_first(
    matcher: Matcher,
) -> None:
    answer = matcher.answer("is it true this was the second trilateral tech round?")
    assert answer.answered and answer.fact_ids[0] == "meeting-first"
    # Asking about a second meeting is no claim: nothing says when one is.
    assert not matcher.answer("when is the second trilateral tech meeting scheduled").answered


def test_the_words_naming_the_meeting_say_nothing_more(matcher: Matcher) -> None:
    (read,) = matcher.explain("eli5 the seoul tech meeting")
    assert read.terms == ("@trilateral-meeting",)
    assert matcher.answer("eli5 the seoul tech meeting").fact_ids[0] == "meeting-overview"


def test_a_lone_when_after_another_question_asks_when_the_thing_named_was(
    matcher: Matcher,
) -> None:
    answer = matcher.answer("1) who led the discussions 2) what areas 3) when")
    assert [s.fact_ids[0] for s in answer.sections] == [
        "meeting-leaders",
        "meeting-areas",
        "meeting-when-where",
    ]
    # What the question before qualified ("the *next* meeting") stays with it.
    assert not matcher.answer("when's the next trilateral meeting going to be, and where?").answered


def test_two_countries_joined_ask_one_thing(matcher: Matcher) -> None:
    answer = matcher.answer("what tech areas did india and the US work together on in 2023")
    assert answer.fact_ids == ("bg-2023-cooperation",) and not answer.sections


def test_a_later_question_about_someone_profiled_gets_something_new(matcher: Matcher) -> None:
    answer = matcher.answer("who is ajit doval and what did he launch?")
    assert [s.fact_ids[0] for s in answer.sections] == ["person-doval", "icet-launch"]
    # The profile again when nothing else answers the later question.
    again = matcher.answer("who is seth center, and who did he co-lead the US side with?")
    assert [s.fact_ids[0] for s in again.sections] == ["leader-center"] * 2
