"""Writing a fact base as YAML and loading it back gives the same fact base."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic.facts import generate
from bot.core.dump import dump_factbase
from bot.core.loader import load_factbase
from bot.core.model import FactBase


def _same(left: FactBase, right: FactBase) -> None:
    assert left.facts == right.facts
    assert left.entities == right.entities
    assert left.sources == right.sources
    assert left.topics == right.topics
    assert left.synonyms == right.synonyms


def test_the_bundled_base_survives_a_round_trip(factbase: FactBase, tmp_path: Path) -> None:
    _same(load_factbase(dump_factbase(factbase, tmp_path / "copy")), factbase)


@pytest.mark.parametrize("facts_per_file", [7, 1000])
def test_a_generated_base_survives_a_round_trip(tmp_path: Path, facts_per_file: int) -> None:
    generated = generate(60)
    directory = dump_factbase(generated, tmp_path / "copy", facts_per_file=facts_per_file)
    assert len(list(directory.glob("facts-*.yaml"))) == -(-len(generated.facts) // facts_per_file)
    _same(load_factbase(directory), generated)
