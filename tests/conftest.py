"""Shared fixtures: the bundled fact base, and a tiny valid one to break on purpose."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bench.evaluation import bundled_languages
from bot import bundled_knowledge_dir
from bot.core.i18n.languages import Language
from bot.core.loader import load_factbase
from bot.core.matcher import Matcher
from bot.core.model import FactBase


@pytest.fixture(autouse=True)
def own_state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own state directory: the index cache is never shared between tests."""
    state = tmp_path / "state-dir"
    monkeypatch.setenv("TRILAT_STATE_DIR", str(state))
    return state


MINI_SOURCES = """\
sources:
  - id: src-one
    title: A report
    publisher: Example News
    url: https://example.org/report
    date: "2024-03-14"
"""

MINI_ENTITIES = """\
entities:
  - id: land
    kind: country
    name: Land
    aliases: [LN, Landia]
  - id: ann-example
    kind: person
    name: Ann Example
    aliases: [Ann]
    role: Envoy
    country: land
topics:
  - id: meeting
    title: The meeting
  - id: leaders
    title: Who led the talks
  - id: areas
    title: Areas of cooperation
"""

MINI_FACTS = """\
facts:
  - id: meeting-place
    topic: meeting
    answer: The meeting took place in Capital City.
    questions:
      - Where was the meeting?
      - Which city hosted the meeting?
    about: [land]
    sources: [src-one]
    date: "2024-03-13"
  - id: envoy
    topic: meeting
    answer: Ann Example led the delegation of Land.
    questions:
      - Who led the delegation of Land?
      - Who is Ann Example?
    about: [ann-example]
    sources: [src-one]
"""


def write_knowledge(directory: Path, **files: str) -> Path:
    """Write YAML files (name without suffix -> text) into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return directory


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    return write_knowledge(
        tmp_path / "knowledge", sources=MINI_SOURCES, entities=MINI_ENTITIES, facts=MINI_FACTS
    )


@pytest.fixture(scope="session")
def factbase() -> FactBase:
    return load_factbase(bundled_knowledge_dir())


@pytest.fixture(scope="session")
def matcher(factbase: FactBase) -> Matcher:
    return Matcher(factbase)


@pytest.fixture(scope="session")
def languages(factbase: FactBase) -> dict[str, Language]:
    return bundled_languages(factbase)
