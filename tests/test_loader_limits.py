"""Hostile or broken files are problems with file and line, found before they cost much."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from bot.core import limits
from bot.core.loader import KnowledgeError, LocatedList, ParseCache, load_factbase, preview
from tests.conftest import MINI_FACTS


def problems_for(directory: Path, cache: ParseCache | None = None) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_factbase(directory, cache)
    return [str(problem) for problem in caught.value.problems]


def alias_bomb(levels: int) -> str:
    names = "abcdefghijklmnop"[: levels + 1]
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


def nested(depth: int) -> str:
    return "extra: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


def test_alias_bomb_is_refused_at_its_first_anchor(mini_dir: Path) -> None:
    (mini_dir / "bomb.yaml").write_text(alias_bomb(5))
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'bomb.yaml'}:1: YAML anchors and aliases are not allowed"
    ]


def test_a_lone_alias_is_refused_too(mini_dir: Path) -> None:
    (mini_dir / "facts.yaml").write_text(MINI_FACTS.replace("about: [land]", "about: *land"))
    [problem] = problems_for(mini_dir)
    assert problem.endswith(":8: YAML anchors and aliases are not allowed")


def test_nesting_is_limited_before_the_document_is_built(mini_dir: Path) -> None:
    (mini_dir / "deep.yaml").write_text(nested(limits.MAX_DEPTH))
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'deep.yaml'}:1: unknown section 'extra' "
        "(allowed: sources, entities, topics, synonyms, facts)"
    ]
    (mini_dir / "deep.yaml").write_text(nested(limits.MAX_DEPTH + 1))
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'deep.yaml'}:1: nested deeper than {limits.MAX_DEPTH} levels"
    ]


def test_very_deep_nesting_is_a_problem_not_a_recursion_error(mini_dir: Path) -> None:
    (mini_dir / "deep.yaml").write_text("facts:\n  - " + "{a: " * 2000 + "1" + "}" * 2000 + "\n")
    [problem] = problems_for(mini_dir)
    assert f"deep.yaml:2: nested deeper than {limits.MAX_DEPTH} levels" in problem


def test_duplicate_section_is_a_problem(mini_dir: Path) -> None:
    (mini_dir / "facts.yaml").write_text(MINI_FACTS + "facts: []\n")
    assert problems_for(mini_dir) == [f"{mini_dir / 'facts.yaml'}:19: duplicate key 'facts'"]


def test_duplicate_is_reported_again_when_the_file_comes_from_the_cache(mini_dir: Path) -> None:
    (mini_dir / "facts.yaml").write_text(MINI_FACTS + "facts: []\n")
    cache = ParseCache()
    assert problems_for(mini_dir, cache) == problems_for(mini_dir, cache)
    assert len(problems_for(mini_dir, cache)) == 1


def test_invalid_utf8_names_its_line(mini_dir: Path) -> None:
    (mini_dir / "latin.yaml").write_bytes(b"facts: []\n\n# caf\xe9\n")
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'latin.yaml'}:3: not UTF-8 text (invalid continuation byte)"
    ]


def test_too_large_file_is_refused_without_parsing_it(mini_dir: Path) -> None:
    (mini_dir / "huge.yaml").write_bytes(b"[" * (limits.MAX_FILE_BYTES + 1))
    [problem] = problems_for(mini_dir)
    assert problem.startswith(f"{mini_dir / 'huge.yaml'}:0: the file is 2.0 MiB, over the limit")


def test_long_text_is_refused(mini_dir: Path) -> None:
    answer = "The meeting took place in Capital City."
    text = MINI_FACTS.replace(answer, "x" * (limits.MAX_TEXT_CHARS + 1))
    (mini_dir / "facts.yaml").write_text(text)
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'facts.yaml'}:4: a text of 10,001 characters, over the limit of 10,000"
    ]


def test_answer_and_questions_have_limits(mini_dir: Path) -> None:
    long_answer = "A long answer. " * (limits.MAX_ANSWER_CHARS // 15 + 1)
    many = "".join(f"      - Question number {n}?\n" for n in range(limits.MAX_QUESTIONS + 1))
    text = MINI_FACTS.replace("The meeting took place in Capital City.", long_answer).replace(
        "      - Who is Ann Example?\n", many
    )
    (mini_dir / "facts.yaml").write_text(text)
    problems = problems_for(mini_dir)
    assert len(problems) == 2
    assert f"'meeting-place': the answer has {len(long_answer.strip()):,} characters" in problems[0]
    assert f"'envoy' has {limits.MAX_QUESTIONS + 2} questions, over the limit" in problems[1]


def test_facts_per_file_and_per_base_are_limited(
    mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FACTS_PER_FILE", 1)
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'facts.yaml'}:1: 2 facts in one file, over the limit of 1"
    ]
    monkeypatch.setattr(limits, "MAX_FACTS_PER_FILE", 2)
    monkeypatch.setattr(limits, "MAX_FACTS", 1)
    assert problems_for(mini_dir) == [f"{mini_dir}:0: 2 facts, over the limit of 1"]


def test_symlink_loop_and_fifo_are_problems(mini_dir: Path) -> None:
    (mini_dir / "loop.yaml").symlink_to(mini_dir / "loop.yaml")
    os.mkfifo(mini_dir / "pipe.yaml")
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'loop.yaml'}:0: cannot read: Too many levels of symbolic links",
        f"{mini_dir / 'pipe.yaml'}:0: not a regular file",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
def test_unreadable_directory_and_file_are_problems(mini_dir: Path) -> None:
    (mini_dir / "facts.yaml").chmod(0)
    assert problems_for(mini_dir) == [
        f"{mini_dir / 'facts.yaml'}:0: cannot read: Permission denied"
    ]
    mini_dir.chmod(0)
    try:
        assert problems_for(mini_dir) == [
            f"{mini_dir}:0: cannot read the directory: Permission denied"
        ]
    finally:
        mini_dir.chmod(0o755)


def test_a_huge_id_is_quoted_short(mini_dir: Path) -> None:
    (mini_dir / "facts.yaml").write_text(MINI_FACTS.replace("id: envoy", "id: " + "Q" * 9000))
    [problem] = problems_for(mini_dir)
    assert len(problem) < len(str(mini_dir)) + 200
    assert "QQQ…' is not a valid id" in problem


def test_preview_is_bounded_for_texts_and_nested_values() -> None:
    assert preview("short") == "short"
    assert preview("x" * 1000) == "x" * (limits.PREVIEW_CHARS - 1) + "…"
    tree = LocatedList(["leaf"])
    for _ in range(50):
        tree = LocatedList([tree] * 9)  # 9**50 leaves if anything expanded it
    shown = preview(tree)
    assert len(shown) <= limits.PREVIEW_CHARS and shown.startswith("[[")
    assert preview({"key": list(range(1000))}) == "{'key': [0, 1, 2, ...]}"
