"""Per-question latency of Korean and Hindi questions on the bundled base (`python -m
bench.languages`): the language reading plus the matcher, against the 1 ms p99 target.

Each question is timed `ROUNDS` times and its median kept, so a moment the OS gave the CPU
to someone else does not count; p50 and p99 are over those medians. The English tuning
questions, through the matcher alone, are timed the same way for comparison, and the
reading and the matcher are timed apart to show where the time goes.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence

from bench.evaluation import load_cases_by_language
from bench.timing import median, percentile
from bot import bundled_knowledge_dir
from bot.core.i18n.languages import i18n_dir, load_languages
from bot.core.i18n.localise import answer_in
from bot.core.i18n.reading import is_romanised, to_english
from bot.core.loader import load_factbase
from bot.core.matcher import Matcher

ROUNDS = 7


def questions(split: str = "tuning-i18n") -> dict[str, list[str]]:
    """The questions of each language of a split (never the held-out ones)."""
    found: dict[str, list[str]] = {}
    for lang, case in load_cases_by_language(split):
        found.setdefault(lang or "en", []).append(case.question)
    return found


def medians(call: Callable[[str], object], texts: Sequence[str]) -> list[float]:
    """Each text's median seconds over `ROUNDS` calls."""
    gc.collect()
    clock = time.perf_counter
    found = []
    for text in texts:
        seconds = []
        for _ in range(ROUNDS):
            start = clock()
            call(text)
            seconds.append(clock() - start)
        found.append(median(seconds))
    return found


def line(label: str, seconds: Sequence[float]) -> str:
    return (
        f"{label:<24} p50 {median(seconds) * 1e3:6.3f} ms  p99 "
        f"{percentile(seconds, 99) * 1e3:6.3f} ms  max {max(seconds) * 1e3:6.3f} ms"
    )


def main() -> None:
    knowledge = bundled_knowledge_dir()
    matcher = Matcher(load_factbase(knowledge))
    languages = load_languages(i18n_dir(knowledge), matcher.factbase.facts)
    english = [q for texts in questions("tuning").values() for q in texts]
    print(f"{ROUNDS} rounds per question; p50/p99 over each question's median")
    print(line(f"en: {len(english)} (matcher)", medians(matcher.answer, english)))
    for lang, texts in sorted(questions().items()):
        language = languages[lang]
        native = [t for t in texts if not is_romanised(t)]
        print(
            line(
                f"{lang}: {len(texts)} answer_in",
                medians(lambda q: answer_in(matcher, languages, q), texts),
            )
        )
        print(
            line(
                "  reading only",
                medians(lambda q, language=language: to_english(q, language), native),
            )
        )
        readings = [to_english(q, language) for q in native]
        print(line("  matcher on readings", medians(matcher.answer, readings)))
        romanised = [t for t in texts if is_romanised(t)]
        if romanised:
            twice = sum(
                reading != text and not matcher.answer(reading).answered
                for text, reading in ((t, to_english(t, language)) for t in romanised)
            )
            print(
                f"  romanised: {len(romanised)}, of which {twice} abstain on their reading "
                "and are matched again as written"
            )


if __name__ == "__main__":
    main()
