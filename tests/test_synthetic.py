"""The synthetic bases the benchmarks build must pass the same checks as a real one."""

from pathlib import Path

from bench.answer_rate import MIX, answer_rate
from bench.synthetic.facts import generate
from bot.core.dump import dump_factbase
from bot.core.loader import load_factbase


def test_a_synthetic_base_written_to_disk_loads_without_problems(tmp_path: Path) -> None:
    dump_factbase(generate(500), tmp_path, facts_per_file=200)
    loaded = load_factbase(tmp_path)
    assert len(loaded.facts) == 500
    assert loaded.synonyms


def test_the_answer_rate_counts_every_question_of_the_mix() -> None:
    rate = answer_rate(300, 7, 1)
    assert rate.answerable + rate.out_of_scope == MIX
    assert rate.right + rate.wrong <= rate.answerable
    assert rate.right / rate.answerable > 0.8 and rate.abstained / rate.out_of_scope > 0.8
