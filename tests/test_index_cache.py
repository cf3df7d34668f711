"""The index cache: a valid cache answers exactly as a fresh build; anything else rebuilds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bench.answers import answer_lines, messages
from bot import bundled_knowledge_dir
from bot.core import index_cache
from bot.core.loader import load_factbase
from bot.core.matcher import Matcher, MatchSettings
from bot.core.service import KnowledgeService

SETTINGS = MatchSettings()


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return Path(shutil.copytree(bundled_knowledge_dir(), tmp_path / "knowledge"))


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


def cache_file(state: Path, knowledge: Path) -> Path:
    return index_cache.cache_path(state, knowledge)


def test_a_cache_hit_answers_every_evaluation_message_as_a_fresh_build(
    knowledge: Path, state: Path
) -> None:
    index_cache.cached_matcher(knowledge, SETTINGS, state)
    found = index_cache.cached(knowledge, SETTINGS, state)
    assert found is not None
    factbase, matcher = found
    assert factbase == load_factbase(knowledge)
    questions = messages()
    assert answer_lines(matcher, questions) == answer_lines(Matcher(factbase), questions)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:-100] + bytes(b ^ 0xFF for b in raw[-100:]),
        lambda raw: raw[:5000] + b"x" + raw[5001:],
        lambda raw: b"",
        lambda raw: b"not a cache at all",
        lambda raw: re.sub(rb'"pickle": (\d)', lambda m: b'"pickle": 1' + m[1], raw, count=1),
    ],
    ids=["truncated", "tail-flipped", "one-byte", "empty", "garbage", "header-offset"],
)
def test_a_damaged_cache_is_rebuilt_without_an_error(knowledge: Path, state: Path, damage) -> None:
    index_cache.cached_matcher(knowledge, SETTINGS, state)
    path = cache_file(state, knowledge)
    path.write_bytes(damage(path.read_bytes()))
    assert index_cache.cached(knowledge, SETTINGS, state) is None
    matcher = index_cache.cached_matcher(knowledge, SETTINGS, state)
    assert matcher.answer("Who led India's delegation?").fact_ids == ("leader-thakkar",)
    assert index_cache.cached(knowledge, SETTINGS, state) is not None


def test_changed_knowledge_is_rebuilt(knowledge: Path, state: Path) -> None:
    index_cache.cached_matcher(knowledge, SETTINGS, state)
    facts = knowledge / "facts-leaders.yaml"
    facts.write_text(facts.read_text().replace("Joint Secretary", "Deputy Secretary", 1))
    assert index_cache.cached(knowledge, SETTINGS, state) is None
    matcher = index_cache.cached_matcher(knowledge, SETTINGS, state)
    assert "Deputy Secretary" in matcher.answer("Who led India's delegation?").text
    assert index_cache.cached(knowledge, SETTINGS, state) is not None


def test_other_settings_do_not_use_the_cache(knowledge: Path, state: Path) -> None:
    index_cache.cached_matcher(knowledge, SETTINGS, state)
    other = MatchSettings(unknown_word_weight=SETTINGS.unknown_word_weight + 0.1)
    assert index_cache.cached(knowledge, other, state) is None


def test_an_unwritable_state_directory_only_means_no_cache(knowledge: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    matcher = index_cache.cached_matcher(knowledge, SETTINGS, blocked)
    assert matcher.answer("Who led India's delegation?").fact_ids == ("leader-thakkar",)


def test_the_service_starts_from_the_cache_and_a_reload_leaves_it_alone(
    knowledge: Path, state: Path
) -> None:
    first = KnowledgeService(knowledge, state_dir=state)
    assert index_cache.cached(knowledge, SETTINGS, state) is not None
    second = KnowledgeService(knowledge, state_dir=state)
    # Served from the file: its arrays are the cache's, mapped read-only, not rebuilt.
    assert not second.snapshot.matcher.completions.word_start.flags.writeable
    assert second.snapshot.factbase == first.snapshot.factbase
    assert second.snapshot.matcher.complete("who le") == first.snapshot.matcher.complete("who le")
    facts = knowledge / "facts-leaders.yaml"
    facts.write_text(facts.read_text().replace("Joint Secretary", "Deputy Secretary", 1))
    second.reload()
    assert "Deputy Secretary" in second.answer("Who led India's delegation?").text
    assert index_cache.cached(knowledge, SETTINGS, state) is None
    third = KnowledgeService(knowledge, state_dir=state)
    assert third.snapshot.factbase == second.snapshot.factbase
    assert index_cache.cached(knowledge, SETTINGS, state) is not None


def test_a_service_started_from_the_cache_still_answers_in_korean(
    knowledge: Path, state: Path
) -> None:
    KnowledgeService(knowledge, state_dir=state)
    cached = KnowledgeService(knowledge, state_dir=state)
    assert not cached.snapshot.matcher.completions.word_start.flags.writeable
    answer = cached.answer("인도 측 대표단장은 누구였어요?")
    assert answer.lang == "ko" and answer.fact_ids[:1] == ("leader-thakkar",)
