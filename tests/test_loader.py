"""Each kind of broken fact base is reported with its file and line, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.loader import KnowledgeError, load_factbase
from bot.core.model import PartialDate
from bot.core.schema import parse_date
from tests.conftest import MINI_ENTITIES, MINI_FACTS, MINI_SOURCES, write_knowledge


def problems_for(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_factbase(directory)
    return [str(problem) for problem in caught.value.problems]


def test_valid_mini_base_loads(mini_dir: Path) -> None:
    factbase = load_factbase(mini_dir)
    assert set(factbase.facts) == {"meeting-place", "envoy"}
    assert factbase.facts["meeting-place"].date == PartialDate(2024, 3, 13)
    assert factbase.related_entities(factbase.facts["envoy"]) == {"ann-example", "land"}


def test_yaml_syntax_error_names_file_and_line(mini_dir: Path) -> None:
    (mini_dir / "facts.yaml").write_text("facts:\n  - id: x\n    answer: [unclosed\n")
    [problem] = problems_for(mini_dir)
    assert problem.startswith(f"{mini_dir / 'facts.yaml'}:")
    assert "YAML syntax error" in problem
    assert int(problem.split(":")[1]) in (3, 4)


def test_unknown_key(mini_dir: Path) -> None:
    broken = MINI_FACTS.replace("    about: [land]\n", "    about: [land]\n    colour: blue\n")
    write_knowledge(mini_dir, facts=broken)
    [problem] = problems_for(mini_dir)
    assert problem == f"{mini_dir / 'facts.yaml'}:9: unknown key 'colour' in facts " + (
        "(allowed: id, topic, answer, questions, keywords, about, sources, date, includes)"
    )


def test_unknown_section(mini_dir: Path) -> None:
    write_knowledge(mini_dir, extra="factz: []\n")
    [problem] = problems_for(mini_dir)
    assert problem.startswith(f"{mini_dir / 'extra.yaml'}:1: unknown section 'factz'")


def test_missing_field(mini_dir: Path) -> None:
    write_knowledge(
        mini_dir, facts=MINI_FACTS.replace("    sources: [src-one]\n    date", "    date")
    )
    [problem] = problems_for(mini_dir)
    assert problem == f"{mini_dir / 'facts.yaml'}:2: fact 'meeting-place' is missing 'sources'"


def test_duplicate_id_points_at_both(mini_dir: Path) -> None:
    write_knowledge(mini_dir, more=MINI_FACTS.split("  - id: envoy")[0])
    [problem] = problems_for(mini_dir)
    assert problem.startswith(f"{mini_dir / 'more.yaml'}:2: duplicate fact id 'meeting-place'")
    assert f"{mini_dir / 'facts.yaml'}:2" in problem


def test_duplicate_key_in_one_entry(mini_dir: Path) -> None:
    broken = MINI_FACTS.replace("    about: [land]\n", "    about: [land]\n    about: [land]\n")
    write_knowledge(mini_dir, facts=broken)
    assert problems_for(mini_dir) == [f"{mini_dir / 'facts.yaml'}:9: duplicate key 'about'"]


def test_unknown_source_and_entity(mini_dir: Path) -> None:
    broken = MINI_FACTS.replace("about: [land]", "about: [atlantis]").replace(
        "sources: [src-one]\n    date", "sources: [nowhere]\n    date"
    )
    write_knowledge(mini_dir, facts=broken)
    facts_file = mini_dir / "facts.yaml"
    assert problems_for(mini_dir) == [
        f"{facts_file}:9: 'meeting-place' cites unknown source 'nowhere'",
        f"{facts_file}:8: 'meeting-place' cites unknown entity 'atlantis'",
    ]


def test_an_entity_place_must_be_a_place(mini_dir: Path) -> None:
    entities = MINI_ENTITIES.replace("    country: land\n", "    country: land\n    place: land\n")
    write_knowledge(mini_dir, entities=entities)
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'entities.yaml'}:12: 'ann-example' has place 'land', which is not a place"
    ]


def test_a_fact_about_an_event_holds_its_place_but_a_city_or_host_not_its_country(
    mini_dir: Path,
) -> None:
    entities = MINI_ENTITIES.replace(
        "topics:",
        "  - id: capital\n    kind: place\n    name: Capital City\n    country: land\n"
        "  - id: summit\n    kind: event\n    name: The Summit\n    place: capital\n"
        "    country: land\n    date: 2024-03-13\n"
        "topics:",
    )
    facts = MINI_FACTS.replace("about: [land]", "about: [summit]", 1)
    write_knowledge(mini_dir, entities=entities, facts=facts)
    factbase = load_factbase(mini_dir)
    assert factbase.related_entities(factbase.facts["meeting-place"]) == {"summit", "capital"}
    assert factbase.entities["summit"].date == PartialDate(2024, 3, 13)


def test_unknown_topic_and_included_fact(mini_dir: Path) -> None:
    broken = MINI_FACTS.replace("topic: meeting\n    answer: Ann", "topic: nope\n    answer: Ann")
    broken = broken.replace("    date:", "    includes: [ghost]\n    date:")
    write_knowledge(mini_dir, facts=broken)
    facts_file = mini_dir / "facts.yaml"
    assert problems_for(mini_dir) == [
        f"{facts_file}:10: 'meeting-place' cites unknown fact 'ghost'",
        f"{facts_file}:13: 'envoy' cites unknown topic 'nope'",
    ]


def test_bad_date(mini_dir: Path) -> None:
    write_knowledge(mini_dir, facts=MINI_FACTS.replace('"2024-03-13"', '"2024-13-40"'))
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'facts.yaml'}:10: facts.date: '2024-13-40' is not a date "
        "(YYYY-MM-DD, YYYY-MM or YYYY)"
    ]


def test_empty_answer(mini_dir: Path) -> None:
    broken = MINI_FACTS.replace("answer: The meeting took place in Capital City.", 'answer: "  "')
    write_knowledge(mini_dir, facts=broken)
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'facts.yaml'}:4: facts.answer: must be a non-empty text"
    ]


def test_bad_url_and_entity_kind(mini_dir: Path) -> None:
    write_knowledge(
        mini_dir,
        sources=MINI_SOURCES.replace("https://example.org/report", "example dot org"),
        entities=MINI_ENTITIES.replace("kind: country", "kind: planet"),
    )
    problems = problems_for(mini_dir)
    assert f"{mini_dir / 'entities.yaml'}:3: entities.kind: 'planet' is not one of" in problems[0]
    assert problems[1] == (
        f"{mini_dir / 'sources.yaml'}:5: sources.url: 'example dot org' is not an http(s) URL"
    )


def test_every_problem_reported_at_once(mini_dir: Path) -> None:
    broken = MINI_FACTS.replace("about: [land]", "about: [atlantis]").replace(
        "answer: Ann Example led the delegation of Land.", "answer: ''"
    )
    write_knowledge(mini_dir, facts=broken, syntax="facts: [\n")
    problems = problems_for(mini_dir)
    assert len(problems) == 3
    assert any("syntax.yaml" in p and "YAML syntax error" in p for p in problems)


def test_single_question_is_not_enough(mini_dir: Path) -> None:
    write_knowledge(
        mini_dir, facts=MINI_FACTS.replace("      - Which city hosted the meeting?\n", "")
    )
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'facts.yaml'}:5: 'meeting-place' needs at least two questions"
    ]


def test_top_level_list_and_missing_directory(tmp_path: Path) -> None:
    write_knowledge(tmp_path, facts="- just\n- a list\n")
    assert problems_for(tmp_path)[0].startswith(f"{tmp_path / 'facts.yaml'}:1: top level must be")
    assert problems_for(tmp_path / "missing") == [f"{tmp_path / 'missing'}:0: not a directory"]


def test_not_utf8(mini_dir: Path) -> None:
    (mini_dir / "latin.yaml").write_bytes(b"facts: []\n# caf\xe9\n")
    [problem] = problems_for(mini_dir)
    assert problem.startswith(f"{mini_dir / 'latin.yaml'}:2: not UTF-8 text")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024", PartialDate(2024)),
        ("2024-03", PartialDate(2024, 3)),
        ("2024-03-13", PartialDate(2024, 3, 13)),
        ("2023-02-30", None),
        ("March 2024", None),
        (None, None),
    ],
)
def test_parse_date(raw: object, expected: PartialDate | None) -> None:
    assert parse_date(raw) == expected


def test_a_word_in_two_synonym_groups_is_a_problem(mini_dir: Path) -> None:
    write_knowledge(
        mini_dir,
        synonyms="synonyms:\n  - [attend, involve]\n  - [role, part]\n  - [role2, involvement]\n",
    )
    [problem] = problems_for(mini_dir)
    assert problem.startswith(f"{mini_dir / 'synonyms.yaml'}:4:")
    assert "'involvement' is already in the group of 'attend'" in problem


def test_synonym_groups_that_share_no_word_load(mini_dir: Path) -> None:
    write_knowledge(mini_dir, synonyms="synonyms:\n  - [lead, led]\n  - [chip, chips]\n")
    assert len(load_factbase(mini_dir).synonyms) == 2


@pytest.mark.parametrize("topic", ["leaders", "areas"])
def test_topics_the_catalog_lists_must_exist(mini_dir: Path, topic: str) -> None:
    entities = MINI_ENTITIES.replace(f"  - id: {topic}\n", "  - id: renamed\n")
    write_knowledge(mini_dir, entities=entities)
    [problem] = problems_for(mini_dir)
    assert problem == f"{mini_dir}:0: no topic '{topic}', which the leaders and areas lists need"


def test_an_alias_of_two_entities_is_a_problem(mini_dir: Path) -> None:
    write_knowledge(
        mini_dir,
        entities=MINI_ENTITIES.replace("aliases: [Ann]", "aliases: [Ann, landia]"),
    )
    [problem] = problems_for(mini_dir)
    assert problem.startswith(f"{mini_dir / 'entities.yaml'}:")
    assert "'landia' of 'ann-example' already names 'land'" in problem
