"""Korean and Hindi evaluation: right facts and abstentions through the language reading.

`tests/eval/tuning-i18n/` may be tuned on; `tests/eval/heldout-i18n/` (when present) is
written blind and scored without printing its misses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.evaluation import Outcome, figures, judge, load_cases_by_language, report_lines
from bot import bundled_knowledge_dir
from bot.core.i18n.languages import i18n_dir, load_languages
from bot.core.i18n.localise import answer_in
from bot.core.matcher import Matcher

# A little below the measured tuning figures (both files of a language together), so that
# a regression fails the test.
TUNING_BARS = {
    "ko": {
        "answerable": 0.86,
        "noisy": 0.95,
        "multipart": 0.87,
        "near_miss": 0.93,
        "out_of_scope": 0.98,
    },
    "hi": {
        "answerable": 0.89,
        "noisy": 0.91,
        "multipart": 0.74,
        "near_miss": 0.91,
        "out_of_scope": 0.97,
    },
}
# A little below the measured held-out figures, so that a regression fails the test.
HELDOUT_BARS = {
    "ko": {
        "answerable": 0.7,
        "noisy": 0.77,
        "multipart": 0.7,
        "near_miss": 0.75,
        "out_of_scope": 0.95,
    },
    "hi": {
        "answerable": 0.67,
        "noisy": 0.7,
        "multipart": 0.55,
        "near_miss": 0.93,
        "out_of_scope": 0.95,
    },
}


def _outcomes(matcher: Matcher, knowledge: Path, split: str) -> list[tuple[str, Outcome]]:
    languages = load_languages(i18n_dir(knowledge), matcher.factbase.facts)
    outcomes = []
    for lang, case in load_cases_by_language(split):
        answer = answer_in(matcher, languages, case.question)
        outcomes.append((lang, judge(case, answer)))
    return outcomes


@pytest.mark.parametrize("lang", ["ko", "hi"])
def test_tuning_figures(matcher: Matcher, lang: str) -> None:
    outcomes = [
        o for code, o in _outcomes(matcher, bundled_knowledge_dir(), "tuning-i18n") if code == lang
    ]
    assert len(outcomes) >= 30
    print("\n" + "\n".join(report_lines(outcomes, f"tuning {lang}", misses=True)))
    for kind, figure in figures(outcomes).items():
        assert figure.rate >= TUNING_BARS[lang][kind], (lang, figure)


def test_heldout_figures_are_reported(matcher: Matcher) -> None:
    outcomes = _outcomes(matcher, bundled_knowledge_dir(), "heldout-i18n")
    for lang in sorted({code for code, _ in outcomes}):
        mine = [o for code, o in outcomes if code == lang]
        print("\n" + "\n".join(report_lines(mine, f"held-out {lang}")))
        assert mine
        for kind, figure in figures(mine).items():
            assert figure.rate >= HELDOUT_BARS[lang][kind], (lang, kind, figure.rate)
