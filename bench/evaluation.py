"""The labelled evaluation questions, and the matcher's figures on them, kind by kind.

`tests/eval/tuning/` is what thresholds and weights may be fitted on; `tests/eval/heldout/`
is never looked at while tuning and gives the figures we report. Every file holds any of
the sections below; `abstain` is the older sets' mix of near misses and out-of-scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot import bundled_knowledge_dir
from bot.core.answer import Answer
from bot.core.i18n.languages import Language, i18n_dir, load_languages
from bot.core.i18n.localise import answer_in
from bot.core.matcher import Matcher
from bot.core.model import FactBase

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval"
TUNING, HELDOUT = "tuning", "heldout"
KINDS = ("answerable", "noisy", "multipart", "near_miss", "out_of_scope", "abstain")
ABSTAINING = frozenset({"near_miss", "out_of_scope", "abstain"})


@dataclass(frozen=True)
class Case:
    """One labelled message: the acceptable fact ids of each question in it (none: abstain)."""

    kind: str
    question: str
    parts: tuple[frozenset[str], ...]
    file: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    right: bool
    got: tuple[str | None, ...]
    score: float


def load_cases(split: str) -> list[Case]:
    return [case for _, case in load_cases_by_language(split)]


def load_cases_by_language(split: str) -> list[tuple[str, Case]]:
    """Each case of a split with the `lang` of its file ("" where the file names none)."""
    cases = []
    for path in sorted((EVAL_DIR / split).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind in KINDS:
            for item in data.get(kind) or ():
                cases.append((str(data.get("lang", "")), _case(kind, item, path.name)))
    return cases


def _case(kind: str, item: object, file: str) -> Case:
    if kind in ABSTAINING:
        return Case(kind, str(item), (), file)
    assert isinstance(item, dict)
    if kind == "multipart":
        parts = tuple(frozenset(part) for part in item["parts"])
    else:
        parts = (frozenset(item["expect"]),)
    return Case(kind, item["q"], parts, file)


def top_facts(answer: Answer) -> tuple[str | None, ...]:
    """The fact given first for each question of the message (None where it abstained)."""
    sections = answer.sections or (answer,)
    return tuple(s.fact_ids[0] if s.answered and s.fact_ids else None for s in sections)


def judge(case: Case, answer: Answer) -> Outcome:
    got = top_facts(answer)
    if not case.parts:
        right = not answer.answered
    elif case.kind == "multipart":
        right = len(got) == len(case.parts) and all(
            fact in expected for fact, expected in zip(got, case.parts, strict=True)
        )
    else:
        first = next((fact for fact in got if fact is not None), None)
        right = first in case.parts[0]
    return Outcome(case, right, got, answer.score)


def bundled_languages(factbase: FactBase) -> dict[str, Language]:
    """The bundled Korean and Hindi readings, as the bot loads them for this fact base."""
    return load_languages(i18n_dir(bundled_knowledge_dir()), factbase.facts)


def evaluate(
    matcher: Matcher, cases: Iterable[Case], languages: Mapping[str, Language] | None = None
) -> list[Outcome]:
    """Each case judged on the answer users get: through the language reading when the
    languages are given (romanised Hindi in an English set is read as Hindi, as the bot
    reads it), else from the matcher alone."""
    if languages is None:
        return [judge(case, matcher.answer(case.question)) for case in cases]
    return [judge(case, answer_in(matcher, languages, case.question)) for case in cases]


@dataclass(frozen=True)
class KindFigure:
    kind: str
    right: int
    total: int

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


def figures(outcomes: Iterable[Outcome]) -> dict[str, KindFigure]:
    counts: dict[str, list[int]] = {}
    for outcome in outcomes:
        tally = counts.setdefault(outcome.case.kind, [0, 0])
        tally[0] += outcome.right
        tally[1] += 1
    return {kind: KindFigure(kind, *counts[kind]) for kind in KINDS if kind in counts}


def report_lines(outcomes: list[Outcome], label: str, misses: bool = False) -> list[str]:
    lines = [f"{label}: {len(outcomes)} questions"]
    for figure in figures(outcomes).values():
        lines.append(f"  {figure.kind:<13} {figure.rate:6.1%} ({figure.right}/{figure.total})")
    if misses:
        for outcome in outcomes:
            if not outcome.right:
                want = [sorted(p) for p in outcome.case.parts] or "abstain"
                lines.append(
                    f"  MISS [{outcome.case.kind}] {outcome.case.question!r}: "
                    f"got {list(outcome.got)} ({outcome.score}), want {want}"
                )
    return lines
