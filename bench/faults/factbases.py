"""Fault suite: hostile and broken fact bases reloaded while questions keep coming.

Each case runs in its own process (so peak RSS is the case's own): load a copy of the
bundled base, write one hostile file next to it, then reload in a thread, as the bot
does, while the main thread answers questions and times each answer.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.report import Check, Section, Table, ms
from bench.synthetic.facts import DEFAULT_SEED, generate
from bench.timing import REPO, median, peak_rss_mb, percentile, run_module_json
from bot import bundled_knowledge_dir
from bot.core import limits
from bot.core.loader import KnowledgeError
from bot.core.service import RELOAD_SWITCH_INTERVAL, KnowledgeService, responsive_while_busy

MODULE = "bench.faults.factbases"
MAX_RELOAD_S = 2.0
MAX_PEAK_RSS_MB = 500.0
MAX_ANSWER_DELAY_S = 0.100
MESSAGE_CHARS = 90
SWITCH_RUNS = 5
QUESTION_GAP_S = 0.010
"""A question every 10 ms while reloading: far more than one bot is asked."""

_FACT = """\
  - id: bulk-{n}
    topic: meeting
    answer: Filler statement number {n} about the meeting, written to make the file large.
    questions: [What is filler statement {n}?, Tell me filler {n}]
    sources: [{source}]
"""


def _first_source(directory: Path) -> str:
    data = yaml.safe_load((directory / "sources.yaml").read_text(encoding="utf-8"))
    return data["sources"][0]["id"]


def _write_bulk_facts(path: Path, size: int) -> None:
    """Valid facts until the file holds `size` bytes, written piece by piece."""
    source = _first_source(path.parent)
    one = len(_FACT.format(n=0, source=source))
    with path.open("w", encoding="utf-8") as stream:
        stream.write("facts:\n")
        for n in range(size // one):
            stream.write(_FACT.format(n=n, source=source))


def _alias_bomb(directory: Path) -> int:
    names = "abcdefghij"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]"
        for previous, name in itertools.pairwise(names)
    ]
    (directory / "bomb.yaml").write_text("\n".join(lines) + "\n")
    return 0


def _deep_nesting(directory: Path) -> int:
    (directory / "deep.yaml").write_text("facts: " + "[" * 600 + "]" * 600 + "\n")
    return 0


def _file_50mb(directory: Path) -> int:
    _write_bulk_facts(directory / "bulk.yaml", 50 * limits.MiB)
    return 0


def _synthetic_document(facts: int, seed: int) -> dict[str, Any]:
    """A synthetic base of `facts` facts as one YAML document (ids do not clash with ours)."""
    base = generate(facts, seed)

    def plain(record: object) -> dict[str, Any]:
        values = {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in vars(record).items()
            if value not in (None, (), [])
        }
        if "date" in values:
            values["date"] = str(values["date"])
        return values

    return {
        "sources": [plain(s) for s in base.sources.values()],
        "entities": [plain(e) for e in base.entities.values()],
        "topics": [plain(t) for t in base.topics.values()],
        "facts": [plain(f) for f in base.facts.values()],
    }


def _dump(document: dict[str, Any]) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def _largest_allowed(directory: Path, seed: int = DEFAULT_SEED) -> int:
    """A valid file of synthetic facts as close under the file size limit as it gets."""
    document = _synthetic_document(limits.MAX_FACTS_PER_FILE, seed)
    facts = document["facts"]
    low, high = 1, len(facts)
    while low < high:  # the most facts whose file still fits
        middle = (low + high + 1) // 2
        size = len(_dump({**document, "facts": facts[:middle]}).encode())
        low, high = (middle, high) if size <= limits.MAX_FILE_BYTES else (low, middle - 1)
    (directory / "largest.yaml").write_text(_dump({**document, "facts": facts[:low]}))
    return low


def _huge_answer(directory: Path) -> int:
    source = _first_source(directory)
    answer = "A very long answer. " * (limits.MAX_FILE_BYTES // 21)
    text = _FACT.format(n=0, source=source).replace(
        "Filler statement number 0 about the meeting, written to make the file large.", answer
    )
    (directory / "answer.yaml").write_text("facts:\n" + text)
    return 0


def _unreadable_file(directory: Path) -> int:
    (directory / "secret.yaml").write_text("facts: []\n")
    (directory / "secret.yaml").chmod(0)
    return 0


def _unreadable_directory(directory: Path) -> int:
    directory.chmod(0)
    return 0


def _symlink_loop(directory: Path) -> int:
    (directory / "loop-a.yaml").symlink_to(directory / "loop-b.yaml")
    (directory / "loop-b.yaml").symlink_to(directory / "loop-a.yaml")
    return 0


def _invalid_utf8(directory: Path) -> int:
    (directory / "latin1.yaml").write_bytes(b"facts: []\n# caf\xe9 au lait\n")
    return 0


def _duplicate_keys(directory: Path) -> int:
    text = (directory / "facts-meeting.yaml").read_text(encoding="utf-8")
    (directory / "facts-meeting.yaml").write_text(text + "facts: []\n", encoding="utf-8")
    return 0


@dataclass(frozen=True)
class Case:
    """A hostile file (or state); `make` writes it and returns how many facts it adds."""

    name: str
    make: Callable[[Path], int]
    needs_permissions: bool = False


CASES = (
    Case("alias bomb (9 levels)", _alias_bomb),
    Case("nesting 600 deep", _deep_nesting),
    Case("50 MB file", _file_50mb),
    Case("largest allowed file", _largest_allowed),
    Case("answer of 2 MB", _huge_answer),
    Case("unreadable file", _unreadable_file, needs_permissions=True),
    Case("unreadable directory", _unreadable_directory, needs_permissions=True),
    Case("symlink loop", _symlink_loop),
    Case("invalid UTF-8", _invalid_utf8),
    Case("duplicate section key", _duplicate_keys),
)


def _questions(service: KnowledgeService) -> list[str]:
    return [fact.questions[0] for fact in service.snapshot.factbase.facts.values()]


def measure(directory: Path, case: Case, interval: float) -> dict[str, Any]:
    """Load `directory`, add the case, reload in a thread while answering; what it cost."""
    service = KnowledgeService(directory)
    good = len(service.snapshot.factbase.facts)
    questions = _questions(service)
    quiet = []
    for question in questions:
        start = time.perf_counter()
        service.answer(question)
        quiet.append(time.perf_counter() - start)
    added = case.make(directory)
    outcome: dict[str, Any] = {}

    def reload() -> None:
        start = time.perf_counter()
        try:
            outcome["diff"] = service.reload().summary()
        except KnowledgeError as error:
            outcome["problems"] = [
                str(p).replace(f"{directory}/", "").replace(str(directory), "knowledge")
                for p in error.problems
            ]
        except Exception as error:  # reported as a row, never as a crash of the suite
            outcome["crash"] = f"{type(error).__name__}: {error}"[:200]
        outcome["seconds"] = time.perf_counter() - start

    delays: list[float] = []
    with responsive_while_busy(interval):
        worker = threading.Thread(target=reload)
        worker.start()
        arrival = time.perf_counter()
        index = 0
        while worker.is_alive():
            arrival += QUESTION_GAP_S
            time.sleep(max(0.0, arrival - time.perf_counter()))
            service.answer(questions[index % len(questions)])
            delays.append(time.perf_counter() - arrival)  # waiting for the GIL counts
            index += 1
        worker.join()
    directory.chmod(0o755)
    served = len(service.snapshot.factbase.facts)
    still_answers = service.answer(questions[0]).answered
    return {
        "seconds": outcome["seconds"],
        "peak_rss_mb": peak_rss_mb(),
        "answers": len(delays),
        "max_delay": max(delays, default=0.0),
        "p50_delay": percentile(delays, 50),
        "quiet_max": max(quiet),
        "good": good,
        "expected": good + added if "diff" in outcome else good,
        "served": served,
        "still_answers": still_answers,
        "problems": outcome.get("problems", []),
        "crash": outcome.get("crash"),
        "accepted": "diff" in outcome,
    }


UNPRIVILEGED = "nobody"
"""Who measures the permission cases when the suite runs as root (root reads anything)."""


def _unprivileged_uid() -> int | None:
    """The user to drop to, if it exists and `setpriv` (util-linux) can switch to it."""
    if shutil.which("setpriv") is None:
        return None
    try:
        return pwd.getpwnam(UNPRIVILEGED).pw_uid
    except KeyError:
        return None


def _measure_as(uid: int, directory: Path, *args: str) -> dict[str, Any]:
    """`--measure` in a process of another user (group = uid), which owns the case's copy."""
    for path in (directory, *directory.rglob("*")):
        os.chown(path, uid, -1, follow_symlinks=False)
    drop = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    command = [*drop, sys.executable, "-m", MODULE, "--measure", str(directory), *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed as uid {uid}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _run_case(case: Case, root: Path, interval: float, uid: int | None = None) -> dict[str, Any]:
    directory = root / f"case-{CASES.index(case)}-{interval}"
    shutil.copytree(bundled_knowledge_dir(), directory)
    args = (str(CASES.index(case)), str(interval))
    try:
        if uid is not None:
            return _measure_as(uid, directory, *args)
        return run_module_json(MODULE, "--measure", str(directory), *args)
    finally:
        directory.chmod(0o755)
        shutil.rmtree(directory, ignore_errors=True)


def _message(result: dict[str, Any]) -> str:
    if result["crash"]:
        return f"crashed: {result['crash']}"
    if result["accepted"]:
        return "accepted (valid)"
    problems = result["problems"]
    first = problems[0] if problems else "-"
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    text = first + more
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


def _row(label: str, result: dict[str, Any]) -> tuple[str, ...]:
    served = f"{result['served']}/{result['expected']}"
    if not result["still_answers"]:
        served += " (no answer)"
    return (
        label,
        f"{result['seconds']:.3f}",
        f"{result['peak_rss_mb']:.0f}",
        str(result["answers"]),
        ms(result["max_delay"]),
        served,
        _message(result),
    )


def _switch_row(interval: float, measured: list[dict[str, Any]]) -> tuple[str, ...]:
    label = f"{interval * 1000:g} ms"
    if interval == RELOAD_SWITCH_INTERVAL:
        label += " (the bot's)"
    return (
        label,
        str(len(measured)),
        f"{median(r['seconds'] for r in measured):.3f}",
        ms(median(r["p50_delay"] for r in measured)),
        ms(median(r["max_delay"] for r in measured)),
        ms(max(r["max_delay"] for r in measured)),
    )


def _worst(results: dict[str, dict[str, Any]], key: str) -> tuple[str, float]:
    name = max(results, key=lambda n: results[n][key])
    return name, results[name][key]


def run(seed: int = DEFAULT_SEED, smoke: bool = False) -> list[Section]:
    del seed  # the cases are fixed files; the largest allowed one uses the default seed
    section = Section("Fault suite: hostile fact bases")
    is_root = os.geteuid() == 0
    results: dict[str, dict[str, Any]] = {}
    rows: list[tuple[str, ...]] = []
    with tempfile.TemporaryDirectory(prefix="trilat-faults-") as tmp:
        root = Path(tmp)
        for case in CASES:
            uid = None
            if case.needs_permissions and is_root:
                uid = _unprivileged_uid()
                if uid is None:
                    rows.append((case.name, "-", "-", "-", "-", "-", "not measurable as root"))
                    continue
                root.chmod(0o755)  # let that user reach its copy
            result = _run_case(case, root, RELOAD_SWITCH_INTERVAL, uid)
            results[case.name] = result
            label = f"{case.name} (as {UNPRIVILEGED})" if uid is not None else case.name
            rows.append(_row(label, result))
        largest = next(case for case in CASES if case.make is _largest_allowed)
        runs = 1 if smoke else SWITCH_RUNS
        by_interval = {RELOAD_SWITCH_INTERVAL: [results[largest.name]]}
        by_interval[RELOAD_SWITCH_INTERVAL] += [
            _run_case(largest, root, RELOAD_SWITCH_INTERVAL) for _ in range(runs - 1)
        ]
        if not smoke:
            default = sys.getswitchinterval()
            by_interval[default] = [_run_case(largest, root, default) for _ in range(runs)]
    switch_rows = [_switch_row(interval, measured) for interval, measured in by_interval.items()]
    section.tables.append(
        Table(
            (
                "case",
                "reload s",
                "peak RSS MB",
                "answers during",
                "max answer ms",
                "facts served/expected",
                "problem reported",
            ),
            tuple(rows),
            "Each case in a fresh process: a copy of the bundled base, then one hostile file",
        )
    )
    section.tables.append(
        Table(
            (
                "GIL switch interval",
                "runs",
                "reload s (median)",
                "answer ms p50 (median)",
                "answer ms max (median)",
                "answer ms max (worst)",
            ),
            tuple(switch_rows),
            "Reload of the largest allowed file by switch interval, answering a question every "
            f"{ms(QUESTION_GAP_S)} ms",
        )
    )
    slowest, seconds = _worst(results, "seconds")
    fattest, rss = _worst(results, "peak_rss_mb")
    laggiest, delay = _worst(results, "max_delay")
    wrong = [n for n, r in results.items() if r["served"] != r["expected"] or r["crash"]]
    section.checks += [
        Check(
            f"reload ≤ {MAX_RELOAD_S:g} s", f"{seconds:.3f} s ({slowest})", seconds <= MAX_RELOAD_S
        ),
        Check(
            f"peak RSS ≤ {MAX_PEAK_RSS_MB:g} MB",
            f"{rss:.0f} MB ({fattest})",
            rss <= MAX_PEAK_RSS_MB,
        ),
        Check(
            f"answer delay ≤ {ms(MAX_ANSWER_DELAY_S)} ms",
            f"{ms(delay)} ms ({laggiest})",
            delay <= MAX_ANSWER_DELAY_S,
        ),
        Check(
            "facts served afterwards = the last good count (or the new one if valid)",
            "all" if not wrong else "wrong: " + ", ".join(wrong),
            not wrong,
        ),
    ]
    quiet = max(r["quiet_max"] for r in results.values())
    section.notes.append(
        f"Limits: file {limits.MAX_FILE_BYTES // limits.MiB} MiB, base "
        f"{limits.MAX_BASE_BYTES // limits.MiB} MiB, text {limits.MAX_TEXT_CHARS:,} characters, "
        f"answer {limits.MAX_ANSWER_CHARS:,}, nesting {limits.MAX_DEPTH}, "
        f"{limits.MAX_FACTS_PER_FILE:,} facts a file, {limits.MAX_FACTS:,} in all. "
        f"The slowest answer with no reload running took {ms(quiet)} ms. "
        "Peak RSS includes the bundled base (the process's own high-water mark)."
    )
    if is_root:
        section.notes.append(
            "Permissions do not stop root, so the unreadable file and directory are measured "
            f"by a process of the user {UNPRIVILEGED} (or shown as not measurable as root)."
        )
    return [section]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="skip the switch-interval rerun")
    parser.add_argument(
        "--measure", nargs=3, metavar=("DIR", "CASE", "INTERVAL"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.measure:
        directory, case, interval = args.measure
        print(json.dumps(measure(Path(directory), CASES[int(case)], float(interval))))
        return 0
    for section in run(smoke=args.smoke):
        print(section.render(), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
