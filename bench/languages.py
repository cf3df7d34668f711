"""Per-question latency of Korean and Hindi questions on the bundled base (`python -m
bench.languages`): the language reading plus the matcher, against the 1 ms p99 target."""

from __future__ import annotations

from bench.evaluation import load_cases_by_language
from bench.timing import median, percentile, time_each
from bot import bundled_knowledge_dir
from bot.core.i18n.languages import i18n_dir, load_languages
from bot.core.i18n.localise import answer_in
from bot.core.loader import load_factbase
from bot.core.matcher import Matcher

ROUNDS = 5


def questions() -> dict[str, list[str]]:
    """The tuning-i18n questions of each language (never the held-out ones)."""
    found: dict[str, list[str]] = {}
    for lang, case in load_cases_by_language("tuning-i18n"):
        found.setdefault(lang, []).append(case.question)
    return found


def main() -> None:
    knowledge = bundled_knowledge_dir()
    matcher = Matcher(load_factbase(knowledge))
    languages = load_languages(i18n_dir(knowledge), matcher.factbase.facts)
    for lang, texts in sorted(questions().items()):
        seconds: list[float] = []
        for _ in range(ROUNDS):
            seconds += time_each(lambda q: answer_in(matcher, languages, q), texts)[0]
        print(
            f"{lang}: {len(texts)} questions x {ROUNDS}: median {median(seconds) * 1e3:.3f} ms, "
            f"p99 {percentile(seconds, 99) * 1e3:.3f} ms (target p99 <= 1 ms)"
        )


if __name__ == "__main__":
    main()
