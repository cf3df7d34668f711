"""Reloads: a new snapshot swapped in whole, the old kept on error, work reused safely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import bundled_knowledge_dir
from bot.core.loader import KnowledgeError, load_factbase
from bot.core.matcher import Matcher
from bot.core.service import KnowledgeService

QUESTIONS = ["Who led India's delegation?", "quantom", "what time is it", "iCET launch date"]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return Path(shutil.copytree(bundled_knowledge_dir(), tmp_path / "knowledge"))


def ranking(matcher: Matcher, question: str) -> list[tuple[str, float]]:
    return [(s.fact.id, round(s.score, 6)) for s in matcher.rank(question, 10)]


def test_reload_reports_the_diff_and_matches_a_fresh_index(knowledge: Path) -> None:
    service = KnowledgeService(knowledge)
    facts = knowledge / "facts-leaders.yaml"
    facts.write_text(facts.read_text().replace("Joint Secretary", "a Joint Secretary", 1))
    diff = service.reload()
    assert diff.added == () and diff.removed == ()
    assert len(diff.changed) == 1
    fresh = Matcher(load_factbase(knowledge))
    for question in QUESTIONS:
        assert ranking(service.snapshot.matcher, question) == ranking(fresh, question)


def test_changed_synonyms_are_not_served_from_the_old_analysis(knowledge: Path) -> None:
    service = KnowledgeService(knowledge)
    synonyms = knowledge / "synonyms.yaml"
    synonyms.write_text(synonyms.read_text() + "  - [zorblat, official, officials]\n")
    service.reload()
    fresh = Matcher(load_factbase(knowledge))
    for question in ("Who were the four officials?", "who were the four zorblats"):
        assert ranking(service.snapshot.matcher, question) == ranking(fresh, question)
    assert service.answer("who were the four zorblats").fact_ids[0] == "meeting-leaders"


def test_broken_reload_keeps_serving_the_old_facts(knowledge: Path) -> None:
    service = KnowledgeService(knowledge)
    old = service.snapshot
    (knowledge / "facts-icet.yaml").write_text("facts: [\n")
    with pytest.raises(KnowledgeError) as caught:
        service.reload()
    assert "facts-icet.yaml" in caught.value.report()
    assert service.snapshot is old
    assert service.answer("What is iCET?").answered


def test_reload_rejects_a_translation_of_an_unknown_topic(knowledge: Path) -> None:
    service = KnowledgeService(knowledge)
    old = service.snapshot
    korean = knowledge / "i18n" / "ko.yaml"
    korean.write_text(
        korean.read_text().replace("\ntopics:\n", "\ntopics:\n  no-such-topic: 없음\n", 1)
    )
    with pytest.raises(KnowledgeError) as caught:
        service.reload()
    assert "no-such-topic" in caught.value.report()
    assert service.snapshot is old
