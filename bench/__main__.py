"""`python -m bench`: every benchmark, printed as Markdown tables with PASS/MISS per target.

`--smoke` is the small version CI runs (well under a minute). Nothing here asserts on
time: a MISS is printed, not raised; the exit status is 1 only if a section crashed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import traceback
from collections.abc import Callable, Sequence

import rapidfuzz

from bench import e2e, latency, quality, startup
from bench.faults import suite as faults
from bench.report import Check, Section, check_table
from bench.synthetic.facts import DEFAULT_SEED
from bench.timing import timed

SECTIONS = ("latency", "quality", "e2e", "startup", "faults")
FULL_SIZES = (1_000, 10_000, 100_000)
SMOKE_SIZES = (1_000,)


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "").replace(",", "")) for part in text.split(","))
    except ValueError:
        message = f"sizes must be numbers like 1000,10000: {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if any(size < 10 for size in sizes):
        raise argparse.ArgumentTypeError("each size must be at least 10 facts")
    return sizes


def _sections(text: str) -> tuple[str, ...]:
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [name for name in names if name not in SECTIONS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown section {unknown[0]!r}; one of {SECTIONS}")
    return names


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="small and fast (CI)")
    parser.add_argument(
        "--only",
        type=_sections,
        default=SECTIONS,
        metavar="SECTION[,SECTION]",
        help=f"run only these sections: {', '.join(SECTIONS)} (latency covers 1, 2 and 6)",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=None,
        metavar="N[,N]",
        help="synthetic fact-base sizes (default 1000,10000,100000; smoke 1000)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="synthetic data seed")
    return parser


def _header(args: argparse.Namespace, sizes: Sequence[int]) -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return "\n".join(
        [
            f"# trilat-bot benchmarks ({'smoke' if args.smoke else 'full'} run)",
            "",
            f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; Python {platform.python_version()}; "
            f"rapidfuzz {rapidfuzz.__version__}; {os.cpu_count()} CPUs; load average {load} "
            f"at start; seed {args.seed}; synthetic sizes {', '.join(f'{s:,}' for s in sizes)}.",
        ]
    )


def _guarded(name: str, run: Callable[[], list[Section]]) -> tuple[list[Section], bool]:
    """A section's output, or one saying how it crashed, so the others still print."""
    print(f"running {name} ...", file=sys.stderr, flush=True)
    try:
        sections, seconds = timed(run)
    except Exception:
        failed = Section(f"{name}: crashed")
        failed.skipped = "error\n\n```\n" + traceback.format_exc().rstrip() + "\n```"
        return [failed], False
    print(f"{name} done in {seconds:.0f} s", file=sys.stderr, flush=True)
    return sections, True


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sizes = args.sizes or (SMOKE_SIZES if args.smoke else FULL_SIZES)
    runs: dict[str, Callable[[], list[Section]]] = {
        "latency": lambda: latency.run(
            [latency.BUNDLED, *map(str, sizes)], args.seed, args.smoke, sys.stderr
        ),
        "quality": quality.run,
        "e2e": lambda: e2e.run(args.seed, args.smoke),
        "startup": lambda: startup.run(args.seed, args.smoke),
        "faults": lambda: faults.run(args.seed, args.smoke),
    }
    print(_header(args, sizes), flush=True)
    sections: list[Section] = []
    healthy = True
    for name in SECTIONS:
        if name in args.only:
            produced, ok = _guarded(name, runs[name])
            sections += produced
            healthy &= ok
    sections.sort(key=lambda section: section.title)
    for section in sections:
        print("\n" + section.render(), flush=True)

    checks: list[Check] = [check for section in sections for check in section.checks]
    tally = {status: sum(c.status == status for c in checks) for status in ("PASS", "MISS", "n/a")}
    print("\n## Summary of targets\n")
    print(check_table(checks).render())
    print(f"\n{tally['PASS']} PASS, {tally['MISS']} MISS, {tally['n/a']} not measured.")
    return 0 if healthy else 1


if __name__ == "__main__":
    raise SystemExit(main())
