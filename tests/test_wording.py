"""Listings and suggestions in Korean and Hindi: fixed texts from the messages, the fact
base's texts from its translations, English (with a note saying so) where there is none."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot import bundled_knowledge_dir
from bot.core import catalog
from bot.core.i18n.languages import ENGLISH, MESSAGES, Language, load_languages
from bot.core.i18n.localise import answer_in, in_locale
from bot.core.i18n.wording import Wording
from bot.core.loader import KnowledgeError
from bot.core.matcher import Matcher
from bot.core.model import FactBase, PartialDate
from bot.core.timeline import resolve_topic, timeline
from bot.frontends.cli import main
from bot.frontends.discord_client.embeds import (
    about_pages,
    areas_pages,
    leaders_pages,
    sources_pages,
    timeline_pages,
)
from bot.frontends.render import answer_text, timeline_text

BUNDLED = bundled_knowledge_dir() / "i18n"


@pytest.fixture(scope="module")
def languages(factbase: FactBase) -> dict[str, Language]:
    return load_languages(BUNDLED, factbase.facts, factbase=factbase)


def _text(messages) -> str:
    return "\n".join(
        "\n".join([page.title, page.description, *(f"{n}\n{v}" for n, v in page.fields)])
        for pages in messages
        for page in pages
    )


def _file(tmp_path: Path, body: str) -> Path:
    messages = "\n".join(f"  {key}: {ENGLISH.get(key, key)!r}" for key in MESSAGES)
    (tmp_path / "ko.yaml").write_text(
        f"lang: ko\nname: K\n{body}messages:\n{messages}\n", encoding="utf-8"
    )
    return tmp_path


def _problems(directory: Path, factbase: FactBase | None) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_languages(directory, ["known-fact"], factbase=factbase)
    return [str(problem) for problem in caught.value.problems]


def test_unknown_topics_entities_and_roles_are_reported_with_file_and_line(
    tmp_path: Path, factbase: FactBase
) -> None:
    body = (
        "questions:\n  no-such-fact: q\n"
        "topics:\n  meeting: ok\n  no-such-topic: t\n"
        "entities:\n  india: ok\n  atlantis: a\n"
        "roles:\n  india: r\n"
    )
    problems = _problems(_file(tmp_path, body), factbase)
    assert any(p.endswith("ko.yaml:4: question of unknown fact 'no-such-fact'") for p in problems)
    assert any(p.endswith("ko.yaml:7: title of unknown topic 'no-such-topic'") for p in problems)
    assert any(p.endswith("ko.yaml:10: name of unknown entity 'atlantis'") for p in problems)
    assert any(
        p.endswith("ko.yaml:12: role of 'india', which is not an entity with a role")
        for p in problems
    )
    assert not any("'meeting'" in p or "entity 'india'" in p for p in problems)


def test_a_message_may_use_only_the_values_its_english_is_given(tmp_path: Path) -> None:
    directory = _file(tmp_path, "")
    path = directory / "ko.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("'Who led the {country} delegation'", "'{name} 대표단'")
    text = text.replace(f"  months: {ENGLISH['months']!r}", "  months: '1월 2월'")
    path.write_text(text, encoding="utf-8")
    problems = _problems(directory, None)
    assert any("messages: 'leaders_of' uses {name}, which it is not given" in p for p in problems)
    assert any("messages: 'months' must name 12 months" in p for p in problems)


def test_a_missing_listing_message_is_reported(tmp_path: Path) -> None:
    directory = _file(tmp_path, "")
    path = directory / "ko.yaml"
    path.write_text(
        "\n".join(line for line in path.read_text().splitlines() if "leaders_of" not in line),
        encoding="utf-8",
    )
    assert any("messages: missing 'leaders_of'" in p for p in _problems(directory, None))


def test_check_reports_every_kind_of_translation(capsys) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "facts translated; questions 59/59, topics 7/7, entities 56/56, roles 10/10" in out


def test_the_locale_picks_the_language(languages) -> None:
    assert in_locale(languages, "ko") is languages["ko"]
    assert in_locale(languages, "hi") is languages["hi"]
    assert in_locale(languages, "en-US") is None and in_locale(languages, None) is None


def test_dates_are_written_the_language_s_way(languages) -> None:
    korean, hindi, english = Wording(languages["ko"]), Wording(languages["hi"]), Wording()
    assert korean.date(PartialDate(2024, 3, 13)) == "2024년 3월 13일"
    assert korean.date(PartialDate(2022, 5)) == "2022년 5월"
    assert hindi.date(PartialDate(2024, 3, 13)) == "13 मार्च 2024"
    assert hindi.date(PartialDate(2023)) == "2023"
    assert english.date(PartialDate(2024, 3, 13)) == "13 March 2024"


def test_english_listings_are_the_fact_base_s_own_text(factbase: FactBase) -> None:
    leaders = catalog.leaders(factbase)
    english = _text(leaders_pages(leaders, None, Wording()))
    assert english == _text(leaders_pages(leaders, None))
    assert all(f"- {x.person.name} — {x.role} " in english for x in leaders)
    entries = timeline(factbase)
    assert timeline_text(entries, Wording()) == timeline_text(entries)
    lines = _text(timeline_pages(entries, None)).splitlines()
    assert not any(line.startswith("_") for line in lines)


def test_a_korean_timeline_uses_the_translated_answers(factbase: FactBase, languages) -> None:
    entries = timeline(factbase)
    text = _text(timeline_pages(entries, None, Wording(languages["ko"])))
    for entry in entries:
        assert languages["ko"].facts[entry.fact.id] in text
        assert entry.fact.answer not in text
    assert "\n출처\n" in text and "_출처는 영어 자료입니다._" in text


def test_an_untranslated_entry_is_english_with_the_note(factbase: FactBase, languages) -> None:
    entries = timeline(factbase)
    missing = entries[0].fact.id
    facts = {k: v for k, v in languages["ko"].facts.items() if k != missing}
    korean = replace(languages["ko"], facts=facts)
    text = _text(timeline_pages(entries, None, Wording(korean)))
    assert entries[0].fact.answer in text
    assert f"_{korean.message('english_only')} {korean.message('sources_english')}_" in text
    cli = timeline_text(entries, Wording(korean))
    assert cli.endswith(f"{korean.message('english_only')} {korean.message('sources_english')}")


def test_an_untranslated_name_or_role_is_english_with_the_note(
    factbase: FactBase, languages
) -> None:
    hindi = languages["hi"]
    entities = {k: v for k, v in hindi.entities.items() if k != "lekhan-thakkar"}
    roles = {k: v for k, v in hindi.roles.items() if k != "seth-center"}
    partial = replace(hindi, entities=entities, roles=roles)
    leaders = catalog.leaders(factbase)
    text = _text(leaders_pages(leaders, None, Wording(partial)))
    assert "- Lekhan Thakkar — संयुक्त सचिव, भारतीय राष्ट्रीय सुरक्षा परिषद सचिवालय" in text
    assert (
        "- सेठ सेंटर — Special Envoy for Critical and Emerging Technology, अमेरिकी विदेश विभाग" in text
    )
    assert hindi.message("english_only") in text
    full = _text(leaders_pages(leaders, None, Wording(hindi)))
    assert hindi.message("english_only") not in full and hindi.message("sources_english") in full


def test_a_timeline_label_is_the_topic_or_entity_in_the_language(
    factbase: FactBase, languages
) -> None:
    korean = Wording(languages["ko"])
    topic = resolve_topic(factbase, "meeting")
    country = resolve_topic(factbase, "India")
    assert topic is not None and country is not None
    assert korean.label(factbase, topic) == "3국 회의"
    assert korean.label(factbase, country) == "인도"
    assert Wording().label(factbase, country) == country.label


def test_areas_sources_and_about_in_hindi(factbase: FactBase, languages) -> None:
    import datetime as dt

    hindi = Wording(languages["hi"])
    areas = _text(areas_pages("क्षेत्र", catalog.areas(factbase), hindi))
    assert languages["hi"].facts["area-ai"] in areas and "The fact base" not in areas
    assert _text(areas_pages("क्षेत्र", [], hindi)).endswith(hindi.message("no_areas"))
    uses = catalog.sources(factbase)
    sources = _text(sources_pages(uses, hindi))
    assert sources.startswith(f"स्रोत ({len(uses)})")
    assert f"(उद्धृत करने वाले तथ्य: {uses[0].fact_count})" in sources
    about = _text(about_pages(factbase, dt.datetime(2024, 3, 13, tzinfo=dt.UTC), hindi))
    assert about.startswith("trilat-bot का परिचय")
    assert f"**तथ्य:** {len(factbase.facts)}" in about and "**Facts:**" not in about


def test_korean_suggestions_are_the_translated_questions(matcher: Matcher, languages) -> None:
    answer = answer_in(matcher, languages, "오늘 서울 날씨는 어때요?")
    assert not answer.answered and answer.suggested_fact_ids
    expected = tuple(languages["ko"].questions[i] for i in answer.suggested_fact_ids)
    assert answer.suggestions == expected
    text = answer_text(answer)
    assert "이런 질문을 찾으셨나요:" in text and "Did you mean" not in text
    assert languages["ko"].message("english_only") not in text


def test_an_untranslated_suggestion_is_english_with_the_note(matcher: Matcher, languages) -> None:
    english = matcher.answer("What is the weather in Seoul today?")
    first = english.suggested_fact_ids[0]
    questions = {k: v for k, v in languages["ko"].questions.items() if k != first}
    korean = replace(languages["ko"], questions=questions)
    answer = answer_in(matcher, {**languages, "ko": korean}, "오늘 서울 날씨는 어때요?")
    assert answer.suggested_fact_ids[0] == first
    assert answer.suggestions[0] == matcher.factbase.facts[first].questions[0]
    assert korean.message("english_only") in answer.note


def test_english_suggestions_keep_the_english_heading(matcher: Matcher) -> None:
    text = answer_text(matcher.answer("What is the weather in Seoul today?"))
    assert "\nDid you mean:\n" in text


def test_the_cli_timeline_lists_in_the_language_asked(capsys) -> None:
    assert main(["timeline", "--lang", "hi", "--topic", "icet"]) == 0
    hindi = capsys.readouterr().out
    assert "31 जनवरी 2023: iCET" in hindi and "स्रोत अंग्रेज़ी में हैं।" in hindi
    assert main(["timeline", "--topic", "icet"]) == 0
    english = capsys.readouterr().out
    assert "31 January 2023: iCET was formally launched" in english
    assert "स्रोत" not in english


def test_the_cli_heads_a_korean_answer_s_sources_in_korean(capsys) -> None:
    assert main(["ask", "회의는 어디서 열렸나요?"]) == 0
    assert "\n출처:\n[1] " in capsys.readouterr().out
    assert main(["ask", "Where was the meeting held?"]) == 0
    assert "\nSources:\n[1] " in capsys.readouterr().out
