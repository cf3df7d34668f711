"""Answer rate against base size: the share of the synthetic question mix answered right,
answered wrong and rightly abstained on, for each base size, so that a threshold that
means less as a base grows shows up as a falling rate.

    python -m bench.answer_rate [--sizes 10000,100000] [--seed 7] [--mix-seed 1]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from bench.synthetic.facts import DEFAULT_SEED, generate
from bench.synthetic.questions import question_mix
from bot.core.matcher import Matcher

MIX = 400


@dataclass(frozen=True)
class Rate:
    """How one base did on its question mix."""

    facts: int
    answerable: int
    right: int
    wrong: int
    out_of_scope: int
    abstained: int

    def line(self) -> str:
        return (
            f"{self.facts:,} facts: {self.right / self.answerable:.1%} of {self.answerable}"
            f" answerable right, {self.wrong / self.answerable:.1%} wrong;"
            f" {self.abstained}/{self.out_of_scope} out of scope abstained"
        )


def answer_rate(size: int, seed: int, mix_seed: int) -> Rate:
    factbase = generate(size, seed)
    matcher = Matcher(factbase)
    right = wrong = abstained = answerable = 0
    for probe in question_mix(factbase, MIX, mix_seed):
        answer = matcher.answer(probe.text)
        if not probe.fact_id:
            abstained += not answer.answered
            continue
        answerable += 1
        if answer.answered and answer.fact_ids[:1] == (probe.fact_id,):
            right += 1
        elif answer.answered:
            wrong += 1
    return Rate(size, answerable, right, wrong, MIX - answerable, abstained)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated base sizes")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="synthetic data seed")
    parser.add_argument("--mix-seed", type=int, default=1, help="question mix seed")
    args = parser.parse_args()
    for size in args.sizes.split(","):
        print(answer_rate(int(size), args.seed, args.mix_seed).line(), flush=True)


if __name__ == "__main__":
    main()
