"""Tune MatchSettings on the tuning questions, then report on the held-out ones.

    python -m bench.calibrate [--rounds N]

Coordinate search: each setting in turn takes the value from its grid that scores best on
`tests/eval/tuning/`, for a few rounds. The utility counts a right answer or abstention
as 1, an abstention on an answerable question as 0, and a wrong answer (another fact, or
an answer to a question that has none) as -0.5, averaged per kind of question and
weighted by kind (`KIND_WEIGHTS`: plain answerable questions count twice, as they are most
of what people ask), so that no kind is traded away because it has fewer questions. The held-out split is only scored, once,
before and after; paste the printed settings into `MatchSettings` to adopt them.
"""

from __future__ import annotations

import argparse
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, replace

from bench.evaluation import (
    HELDOUT,
    TUNING,
    Case,
    Outcome,
    bundled_languages,
    evaluate,
    load_cases,
    report_lines,
)
from bot import bundled_knowledge_dir
from bot.core.i18n.languages import Language
from bot.core.loader import load_factbase
from bot.core.matcher import Matcher, MatchSettings
from bot.core.model import FactBase

WRONG = -0.5
KIND_WEIGHTS = {
    "answerable": 2.0,
    "noisy": 1.0,
    "multipart": 1.0,
    "near_miss": 1.0,
    "out_of_scope": 1.0,
    "abstain": 1.0,
}
GRID: dict[str, tuple[float, ...]] = {
    "answer_threshold": (48, 50, 52, 54, 56, 58, 60, 62),
    "confident_score": (68, 72, 75, 78, 82, 86),
    "margin": (0, 1, 2, 3, 5, 8),
    "coverage_weight": (0.3, 0.35, 0.4, 0.45, 0.5),
    "overlap_weight": (0.2, 0.25, 0.3, 0.35, 0.4),
    "answer_text_weight": (0.3, 0.4, 0.5, 0.6, 0.7),
    "foreign_entity_penalty": (0.4, 0.5, 0.6, 0.7, 0.8),
    "foreign_specific_penalty": (0.3, 0.4, 0.5, 0.6, 0.7),
    "entity_focus_weight": (0.0, 0.05, 0.1, 0.2, 0.3),
    "qualifier_penalty": (0.4, 0.5, 0.6, 0.7, 0.8, 1.0),
    "novel_predicate_penalty": (0.7, 0.8, 0.85, 0.9, 0.95, 1.0),
    "premise_entity_penalty": (0.6, 0.7, 0.8, 0.85, 0.9, 1.0),
    "correction_penalty": (0.6, 0.7, 0.8, 0.9, 1.0),
    "country_focus_weight": (0.0, 0.1, 0.2, 0.3, 0.4),
    "off_subject_penalty": (0.8, 0.85, 0.9, 0.95, 1.0),
    "off_profile_penalty": (0.75, 0.8, 0.85, 0.9, 1.0),
    "off_topic_penalty": (0.8, 0.85, 0.9, 0.95, 1.0),
    "other_person_penalty": (0.7, 0.8, 0.85, 0.9, 0.95, 1.0),
    "place_premise_penalty": (0.6, 0.7, 0.8, 0.9, 1.0),
    "asked_share": (0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0),
    "unmatched_ask_penalty": (0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "list_mismatch_penalty": (0.7, 0.8, 0.9, 0.95, 1.0),
    "kind_mismatch_penalty": (0.7, 0.8, 0.85, 0.9, 1.0),
    "date_mismatch_penalty": (0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
    "date_missing_penalty": (0.7, 0.8, 0.85, 0.9, 1.0),
    "question_word_boost": (0.0, 0.5, 1.0, 1.5, 2.0, 2.5),
    "unknown_word_weight": (0.3, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0, 1.16, 1.3),
    "yes_no_unknown_boost": (1.0, 1.25, 1.5, 2.0, 2.5),
    "choice_unknown_weight": (0.0, 0.25, 0.5, 0.75, 1.0),
    "unknown_acronym_boost": (1.0, 2.0, 3.0, 4.0, 6.0),
}


def case_utility(outcome: Outcome) -> float:
    if outcome.right:
        return 1.0
    answered = any(fact is not None for fact in outcome.got)
    return WRONG if answered and outcome.case.kind != "multipart" else 0.0


def utility(outcomes: list[Outcome]) -> float:
    """The weighted mean over kinds of the mean case utility."""
    by_kind: dict[str, list[float]] = {}
    for outcome in outcomes:
        by_kind.setdefault(outcome.case.kind, []).append(case_utility(outcome))
    total = sum(KIND_WEIGHTS[kind] for kind in by_kind)
    return sum(KIND_WEIGHTS[k] * sum(v) / len(v) for k, v in by_kind.items()) / total


_CASES: list[Case] = []
_FACTBASE: FactBase | None = None
_LANGUAGES: dict[str, Language] = {}


def _init_worker(factbase: FactBase, cases: list[Case]) -> None:
    global _FACTBASE
    _FACTBASE = factbase
    _CASES[:] = cases
    _LANGUAGES.update(bundled_languages(factbase))


def _trial_utility(settings: MatchSettings) -> float:
    assert _FACTBASE is not None
    return utility(evaluate(Matcher(_FACTBASE, settings), _CASES, _LANGUAGES))


def tune(factbase: FactBase, start: MatchSettings, rounds: int) -> MatchSettings:
    """Coordinate search, each setting's grid scored in parallel worker processes."""
    cases = load_cases(TUNING)
    best = start
    languages = bundled_languages(factbase)
    best_value = utility(evaluate(Matcher(factbase, best), cases, languages))
    print(f"tuning utility at start: {best_value:.4f}")
    with ProcessPoolExecutor(
        max_workers=os.cpu_count(), initializer=_init_worker, initargs=(factbase, cases)
    ) as pool:
        for round_number in range(1, rounds + 1):
            improved = False
            for name, values in GRID.items():
                trials = [replace(best, **{name: value}) for value in values]
                trials = [
                    t for t in trials if t != best and t.coverage_weight + t.overlap_weight <= 0.9
                ]
                for trial, value in zip(trials, pool.map(_trial_utility, trials), strict=True):
                    if value > best_value + 1e-9:
                        best, best_value, improved = trial, value, True
            print(f"round {round_number}: tuning utility {best_value:.4f}")
            if not improved:
                break
    return best


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.calibrate", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--tuning-only", action="store_true", help="do not score the held-out split"
    )
    args = parser.parse_args()
    factbase = load_factbase(bundled_knowledge_dir())
    start = MatchSettings()
    tuned = tune(factbase, start, args.rounds)
    for label, settings in (("current", start), ("tuned", tuned)):
        matcher = Matcher(factbase, settings)
        for split in (TUNING,) if args.tuning_only else (TUNING, HELDOUT):
            outcomes = evaluate(matcher, load_cases(split), bundled_languages(factbase))
            print("\n".join(report_lines(outcomes, f"{label} {split}")))
    print("\ntuned settings (changed ones):")
    current = asdict(start)
    for name, value in asdict(tuned).items():
        if value != current[name]:
            print(f"    {name}: {type(value).__name__} = {value!r}  # was {current[name]!r}")


if __name__ == "__main__":
    main()
