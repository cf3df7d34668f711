"""Section 3: answer quality on the labelled evaluation set, ours against two baselines.

Each baseline gets its best single threshold chosen on the evaluation set itself (an
oracle advantage: our thresholds were calibrated once, theirs are fitted to the answers),
so "ours beats both" is a conservative claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from rapidfuzz import utils

from bench.latency import RawScan
from bench.report import Check, Section, Table, pct
from bot.loader import bundled_knowledge_dir, load_factbase
from bot.matcher import Matcher
from bot.model import FactBase

EVAL_FILE = Path(__file__).resolve().parent.parent / "tests" / "eval" / "questions.yaml"


@dataclass(frozen=True)
class EvalSet:
    answerable: tuple[tuple[str, frozenset[str]], ...]
    abstain: tuple[str, ...]


def load_eval(path: Path = EVAL_FILE) -> EvalSet:
    """The evaluation set: `answerable: [{q, expect: [ids]}]` and `abstain: [questions]`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    answerable = tuple(
        (str(item["q"]), frozenset(item["expect"])) for item in data.get("answerable") or ()
    )
    abstain = tuple(str(q) for q in data.get("abstain") or ())
    return EvalSet(answerable, abstain)


@dataclass(frozen=True)
class Score:
    """How one method did: answerable answered right, wrong answers, abstentions kept."""

    method: str
    ranked_top1: float
    answered_right: float
    answered_wrong: float
    abstained_right: float
    threshold: str

    def beats(self, other: Score) -> bool:
        return (
            self.answered_right > other.answered_right
            and self.abstained_right > other.abstained_right
        )


class Bm25:
    """rank_bm25's BM25Okapi with one document per fact: all its phrasings, tokenised."""

    def __init__(self, factbase: FactBase) -> None:
        from rank_bm25 import BM25Okapi

        self.ids = list(factbase.facts)
        corpus = [
            [token for q in fact.questions for token in _tokens(q)]
            for fact in factbase.facts.values()
        ]
        self.index = BM25Okapi(corpus)

    def best(self, question: str) -> tuple[str, float]:
        tokens = _tokens(question)
        if not tokens:
            return "", 0.0
        scores = self.index.get_scores(tokens)
        top = int(np.argmax(scores))
        return self.ids[top], float(scores[top])


def _tokens(text: str) -> list[str]:
    return utils.default_process(text).split()


def best_threshold(
    method: str,
    best: Callable[[str], tuple[str, float]],
    evalset: EvalSet,
) -> Score:
    """The baseline at the single threshold maximising right answers plus right abstentions."""
    answerable = [(best(q), expect) for q, expect in evalset.answerable]
    abstain = [best(q)[1] for q in evalset.abstain]
    candidates = sorted({score for (_, score), _ in answerable} | set(abstain) | {float("inf")})
    chosen = max(
        candidates,
        key=lambda t: (
            sum(score >= t and fact in expect for (fact, score), expect in answerable)
            + sum(score < t for score in abstain),
            -t,
        ),
    )
    n, m = len(answerable) or 1, len(abstain) or 1
    return Score(
        method,
        sum(fact in expect for (fact, _), expect in answerable) / n,
        sum(score >= chosen and fact in expect for (fact, score), expect in answerable) / n,
        sum(score >= chosen and fact not in expect for (fact, score), expect in answerable) / n,
        sum(score < chosen for score in abstain) / m,
        f"{chosen:.2f}",
    )


def ours(matcher: Matcher, evalset: EvalSet) -> Score:
    right = wrong = top1 = 0
    for question, expect in evalset.answerable:
        ranked = matcher.rank(question, limit=1)
        top1 += bool(ranked) and ranked[0].fact.id in expect
        answer = matcher.answer(question)
        if answer.answered:
            right += answer.fact_ids[0] in expect
            wrong += answer.fact_ids[0] not in expect
    kept = sum(not matcher.answer(q).answered for q in evalset.abstain)
    n, m = len(evalset.answerable) or 1, len(evalset.abstain) or 1
    settings = matcher.settings
    return Score(
        "ours (Matcher)",
        top1 / n,
        right / n,
        wrong / n,
        kept / m,
        f"{settings.answer_threshold:g} (+margin)",
    )


def _misses(matcher: Matcher, evalset: EvalSet, limit: int = 8) -> list[str]:
    """The questions we get wrong, for whoever tunes the matcher next."""
    lines = []
    for question, expect in evalset.answerable:
        answer = matcher.answer(question)
        if not answer.answered or answer.fact_ids[0] not in expect:
            got = answer.fact_ids[0] if answer.answered else f"abstained ({answer.score:.0f})"
            lines.append(
                f"- answerable: {question!r} → {got}; expected {', '.join(sorted(expect))}"
            )
    for question in evalset.abstain:
        answer = matcher.answer(question)
        if answer.answered:
            lines.append(f"- abstain: {question!r} → {answer.fact_ids[0]} ({answer.score:.0f})")
    extra = len(lines) - limit
    return lines[:limit] + ([f"- ... and {extra} more"] if extra > 0 else [])


def _shown(path: Path) -> str:
    root = EVAL_FILE.parents[2]
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def run(path: Path = EVAL_FILE) -> list[Section]:
    section = Section("3. Quality on the evaluation set: ours vs WRatio and BM25")
    if not path.is_file():
        section.skipped = f"no evaluation set at {path} (tests/eval/questions.yaml not written yet)"
        return [section]
    evalset = load_eval(path)
    if not evalset.answerable or not evalset.abstain:
        section.skipped = f"{path} needs both 'answerable' and 'abstain' questions"
        return [section]
    factbase = load_factbase(bundled_knowledge_dir())
    unknown = sorted({i for _, expect in evalset.answerable for i in expect} - set(factbase.facts))
    matcher = Matcher(factbase)
    scores = [
        ours(matcher, evalset),
        best_threshold("rapidfuzz WRatio extractOne", RawScan(factbase).best, evalset),
        best_threshold("BM25Okapi (rank-bm25)", Bm25(factbase).best, evalset),
    ]
    section.tables.append(
        Table(
            (
                "method",
                "ranked top-1",
                "answerable right",
                "answered wrong",
                "abstention right",
                "threshold",
            ),
            tuple(
                (
                    s.method,
                    pct(s.ranked_top1),
                    pct(s.answered_right),
                    pct(s.answered_wrong),
                    pct(s.abstained_right),
                    s.threshold,
                )
                for s in scores
            ),
        )
    )
    mine, *baselines = scores
    section.checks.append(
        Check(
            "beats both baselines on answerable AND abstention",
            f"{pct(mine.answered_right)} / {pct(mine.abstained_right)} vs best "
            f"{pct(max(b.answered_right for b in baselines))} / "
            f"{pct(max(b.abstained_right for b in baselines))}",
            all(mine.beats(b) for b in baselines),
        )
    )
    section.notes.append(
        f"{len(evalset.answerable)} answerable and {len(evalset.abstain)} out-of-scope "
        f"questions from {_shown(path)}. `answerable right` is a "
        "correct top answer given; `ranked top-1` ignores the answer/abstain decision; the "
        "baselines' thresholds are each the best single one on this very set."
    )
    if unknown:
        section.notes.append(f"Evaluation set names unknown fact ids: {', '.join(unknown)}")
    misses = _misses(matcher, evalset)
    if misses:
        section.notes.append("Our misses:\n" + "\n".join(misses))
    return [section]
