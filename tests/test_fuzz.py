"""Hostile questions from the fault suite's generator: never an exception, and the JSON
batch gives one valid object for every line, whatever its bytes."""

from bench.faults.questions import fuzz_lines, run_batch
from bot.core.service import KnowledgeService
from bot.operations.config import knowledge_dir


def test_every_kind_of_hostile_line_is_answered_or_abstained() -> None:
    lines = fuzz_lines(600, seed=11)
    assert len({line.kind for line in lines}) >= 10
    service = KnowledgeService(knowledge_dir(None, {}))
    for line in lines:
        answer = service.answer(line.text)
        assert answer.answered == bool(answer.fact_ids)
        assert len(answer.sections) <= 3


def test_the_json_batch_keeps_one_line_per_hostile_line() -> None:
    lines = fuzz_lines(300, seed=12)
    assert any(line.raw != line.text.encode() for line in lines)
    result = run_batch(lines)
    assert not result.hung and result.exit_code == 0
    assert (result.lines_out, result.invalid_json) == (len(lines), 0)
