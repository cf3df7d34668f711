"""A reload checks again only what an edit can break, and finds every problem a fresh load finds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core.loader import KnowledgeError, ParseCache, load_factbase
from tests.conftest import MINI_FACTS

EXTRA_FACT = """\
facts:
  - id: roundup
    topic: meeting
    answer: Both facts in one.
    questions: [What happened?, Give me the roundup]
    sources: [src-one]
    includes: [meeting-place, envoy]
"""


def problems(directory: Path, cache: ParseCache) -> list[str]:
    try:
        load_factbase(directory, cache)
    except KnowledgeError as error:
        return [str(problem) for problem in error.problems]
    return []


def drop_source(directory: Path) -> None:
    sources = directory / "sources.yaml"
    sources.write_text(sources.read_text().replace("src-one", "src-two"))


def drop_entity(directory: Path) -> None:
    entities = directory / "entities.yaml"
    entities.write_text(entities.read_text().replace("id: ann-example", "id: ann-other"))


def drop_country(directory: Path) -> None:
    entities = directory / "entities.yaml"
    entities.write_text(entities.read_text().replace("id: land", "id: landia-old"))


def clashing_alias(directory: Path) -> None:
    (directory / "more.yaml").write_text(
        "entities:\n  - id: other\n    kind: country\n    name: Other\n    aliases: [Landia]\n"
    )


def duplicate_fact(directory: Path) -> None:
    (directory / "more.yaml").write_text(MINI_FACTS)


def list_of_lists(directory: Path) -> None:
    (directory / "more.yaml").write_text(EXTRA_FACT)
    facts = directory / "facts.yaml"
    text = facts.read_text().replace(
        "    about: [ann-example]\n", "    about: [ann-example]\n    includes: [meeting-place]\n"
    )
    facts.write_text(text)


def one_question(directory: Path) -> None:
    facts = directory / "facts.yaml"
    facts.write_text(facts.read_text().replace("      - Who is Ann Example?\n", ""))


EDITS: dict[str, Callable[[Path], None]] = {
    "a cited source removed": drop_source,
    "a cited entity removed": drop_entity,
    "a cited country removed": drop_country,
    "an alias naming an entity of an unchanged file": clashing_alias,
    "a fact defined twice": duplicate_fact,
    "an included fact made a list": list_of_lists,
    "a fact asked one way": one_question,
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_reload_finds_what_a_fresh_load_finds(mini_dir: Path, edit: str) -> None:
    cache = ParseCache()
    (mini_dir / "more.yaml").write_text(EXTRA_FACT.replace("includes: [meeting-place, envoy]", ""))
    assert problems(mini_dir, cache) == []
    EDITS[edit](mini_dir)
    found = problems(mini_dir, cache)
    assert found and found == problems(mini_dir, ParseCache())
    assert problems(mini_dir, cache) == found  # and again, from the cache


def test_an_unchanged_file_gives_the_same_objects(mini_dir: Path) -> None:
    cache = ParseCache()
    first = load_factbase(mini_dir, cache)
    (mini_dir / "sources.yaml").write_text((mini_dir / "sources.yaml").read_text() + "# edit\n")
    second = load_factbase(mini_dir, cache)
    assert second.facts["envoy"] is first.facts["envoy"]
    assert second == first
