"""Reload after a one-file edit, with each of the reload's helpers on and off, interleaved
in one process: the reload's seconds (quiet, then with a thread answering), the longest
answer during it, and the process's peak RSS during it (Linux `VmHWM`, reset before each).

    python -m bench.reloads KNOWLEDGE_DIR [--rounds 3] [--seed 7] [--edit comment|fact]

The edit is a comment added to the last file (no fact changes), or with `--edit fact` one
fact of the last facts file reworded, its answer and a question, and the file rewritten.

`python -m bench.coldstart --mechanisms` writes a synthetic base and runs this on it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace

import yaml

from bench.startup import reload_while_answering
from bench.synthetic.questions import question_mix
from bench.timing import median
from bot.core import service as service_module
from bot.core.loader import ParseCache, _FileEntries
from bot.core.service import KnowledgeService, responsive_while_busy

Variant = Callable[[KnowledgeService], contextlib.AbstractContextManager[None]]


@contextlib.contextmanager
def _all_on(service: KnowledgeService) -> Iterator[None]:
    with responsive_while_busy():
        yield


@contextlib.contextmanager
def _no_switch_interval(service: KnowledgeService) -> Iterator[None]:
    yield


@contextlib.contextmanager
def _no_reuse(service: KnowledgeService) -> Iterator[None]:
    """The new matcher analyses every fact again."""
    build = service_module.Matcher
    service_module.Matcher = lambda factbase, settings, previous=None: build(factbase, settings)  # type: ignore[misc,assignment]
    try:
        with responsive_while_busy():
            yield
    finally:
        service_module.Matcher = build  # type: ignore[misc]


class _Forgetful(ParseCache):
    """Keeps nothing: every file is parsed and checked on every load."""

    def entries(self, name: str, raw: bytes) -> _FileEntries:
        return ParseCache().entries(name, raw)


@contextlib.contextmanager
def _no_parse_cache(service: KnowledgeService) -> Iterator[None]:
    """Every file parsed again. The filled cache is kept aside (and so still counted in
    RSS) to be put back for the other variants."""
    kept = service._parse_cache
    service._parse_cache = _Forgetful()
    try:
        with responsive_while_busy():
            yield
    finally:
        service._parse_cache = kept


@contextlib.contextmanager
def _no_collector_pause(service: KnowledgeService) -> Iterator[None]:
    """The cyclic collector runs during the reload (except where the loader pauses it
    while parsing) and the new snapshot is not frozen."""
    paused, frozen = service_module.collector_paused, service_module.gc
    service_module.collector_paused = contextlib.nullcontext  # type: ignore[assignment]
    service_module.gc = SimpleNamespace(freeze=lambda: None)  # type: ignore[assignment]
    try:
        with responsive_while_busy():
            yield
    finally:
        service_module.collector_paused, service_module.gc = paused, frozen


VARIANTS: dict[str, Variant] = {
    "all on": _all_on,
    "without switch interval": _no_switch_interval,
    "without matcher reuse": _no_reuse,
    "without parse cache": _no_parse_cache,
    "without collector pause": _no_collector_pause,
}


def peak_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


@dataclass
class Trial:
    variant: str
    quiet_s: float
    quiet_peak_mb: float
    busy_s: float
    busy_peak_mb: float
    answers: int
    longest_ms: float
    p50_ms: float


def _comment(directory: Path, number: int) -> None:
    """A comment added to the last file: the base read again, no fact changed."""
    with sorted(directory.glob("*.yaml"))[-1].open("a", encoding="utf-8") as handle:
        handle.write(f"# edit {number}\n")


def _fact(directory: Path, number: int) -> None:
    """One fact of the last facts file reworded (its answer and a question, so autocomplete
    changes too), the file written again whole."""
    path = sorted(directory.glob("facts*.yaml"))[-1]
    data = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    fact = data["facts"][len(data["facts"]) // 2]
    fact["answer"] = f"{fact['answer']} Revised {number} times."
    fact["questions"][0] = f"How many times was it revised, {number}?"
    with path.open("w", encoding="utf-8") as stream:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        yaml.dump(data, stream, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


EDITS: dict[str, Callable[[Path, int], None]] = {"comment": _comment, "fact": _fact}


def _edit(directory: Path, count: list[int], kind: str = "comment") -> None:
    count[0] += 1
    EDITS[kind](directory, count[0])


def trial(
    name: str,
    service: KnowledgeService,
    questions: list[str],
    edits: list[int],
    quiet: bool,
    edit: str = "comment",
) -> Trial:
    directory = service.directory
    with VARIANTS[name](service):
        quiet_s = quiet_peak = float("nan")
        if quiet:
            _edit(directory, edits, edit)
            gc.collect()
            reset_peak()
            start = time.perf_counter()
            service.reload()
            quiet_s = time.perf_counter() - start
            quiet_peak = peak_mb()
        _edit(directory, edits, edit)
        gc.collect()
        reset_peak()
        result = reload_while_answering(service, questions, warm_timeout=60)
        busy, during = result.seconds, list(result.delays)
        busy_peak = peak_mb()
    during.sort()
    return Trial(
        name,
        quiet_s,
        quiet_peak,
        busy,
        busy_peak,
        len(during),
        during[-1] * 1000 if during else float("nan"),
        during[len(during) // 2] * 1000 if during else float("nan"),
    )


def run(
    directory: Path,
    rounds: int,
    seed: int,
    names: list[str],
    quiet: bool = True,
    edit: str = "comment",
) -> dict[str, object]:
    start = time.perf_counter()
    service = KnowledgeService(directory)
    first = time.perf_counter() - start
    questions = [p.text for p in question_mix(service.snapshot.factbase, 200, seed)]
    edits = [0]
    _edit(directory, edits, edit)
    service.reload()  # the parse cache and the previous matcher both warm
    trials: list[Trial] = []
    for number in range(rounds):
        # Rotate the order so no variant always follows the same one.
        order = names[number % len(names) :] + names[: number % len(names)]
        for name in order:
            trials.append(trial(name, service, questions, edits, quiet, edit))
            print(json.dumps(asdict(trials[-1])), flush=True)
    summary = {}
    for name in names:
        mine = [t for t in trials if t.variant == name]
        summary[name] = {
            key: median(getattr(t, key) for t in mine)
            for key in (
                "quiet_s",
                "busy_s",
                "longest_ms",
                "p50_ms",
                "quiet_peak_mb",
                "busy_peak_mb",
            )
        }
    return {
        "facts": len(service.snapshot.factbase.facts),
        "start_s": first,
        "rounds": rounds,
        "medians": summary,
    }


def table(result: dict[str, object]) -> str:
    lines = [
        "| variant | reload s | busy reload s | longest answer ms | answer p50 ms | peak RSS MB |",
        "|---------|---------:|--------------:|------------------:|--------------:|------------:|",
    ]
    for name, row in result["medians"].items():  # type: ignore[attr-defined]
        peak = max(row["busy_peak_mb"], row["quiet_peak_mb"])  # NaN quiet: busy
        lines.append(
            f"| {name} | {row['quiet_s']:.2f} | {row['busy_s']:.2f} | {row['longest_ms']:.0f} | "
            f"{row['p50_ms']:.1f} | {peak:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("knowledge", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated")
    parser.add_argument("--busy-only", action="store_true", help="skip the quiet reloads")
    parser.add_argument(
        "--edit", choices=EDITS, default="comment", help="a comment added, or one fact reworded"
    )
    args = parser.parse_args()
    names = args.variants.split(",")
    result = run(args.knowledge, args.rounds, args.seed, names, not args.busy_only, args.edit)
    print(json.dumps(result))
    print(
        f"{result['facts']:,} facts, service start {result['start_s']:.1f} s, "
        f"medians of {result['rounds']} rounds:"
    )
    print(table(result))


if __name__ == "__main__":
    main()
