"""Section 5: `python -m bot ask` cold start, and reload while questions keep coming.

Cold start is what a CLI user waits for; it must not pay for discord.py, so a wrapper
runs the real entry point and reports which modules ended up imported. Reload is timed
quiet, then once more with a thread answering questions throughout, as the bot would be.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.report import Check, Section, Table, ms
from bench.synthetic.facts import DEFAULT_SEED, generate
from bench.synthetic.questions import question_mix
from bench.timing import median, percentile, timed
from bot import bundled_knowledge_dir
from bot.core.dump import dump_factbase
from bot.core.service import KnowledgeService

REPO = Path(__file__).resolve().parent.parent
QUESTION = "Who led India's delegation?"

# Runs the real `python -m bot ask` and reports, on stderr's last line, what got imported.
_WRAPPER = """
import json, runpy, sys, time
start = time.perf_counter()
sys.argv = ["bot", "ask", {question!r}]
code = 0
try:
    runpy.run_module("bot", run_name="__main__", alter_sys=True)
except SystemExit as exit:
    code = exit.code
discord = sorted(m for m in sys.modules if m == "discord" or m.startswith("discord."))
print(json.dumps({{"code": code, "discord": discord, "modules": len(sys.modules),
                  "in_process_s": time.perf_counter() - start}}), file=sys.stderr)
"""

# Times the stages of `ask` in one process, to show where cold-start time goes.
_STAGES = """
import json, time
t0 = time.perf_counter()
import bot.frontends.cli
from bot import bundled_knowledge_dir
from bot.core.loader import load_factbase
from bot.core.matcher import Matcher
t1 = time.perf_counter()
factbase = load_factbase(bundled_knowledge_dir())
t2 = time.perf_counter()
matcher = Matcher(factbase)
t3 = time.perf_counter()
matcher.answer({question!r})
t4 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "load": t2 - t1, "index": t3 - t2, "answer": t4 - t3}}))
"""


def _wall(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    return time.perf_counter() - start, done


def _median_wall(command: list[str], runs: int) -> float:
    _wall(command)  # the first run pays for a cold disk cache, not for our code
    return median(_wall(command)[0] for _ in range(runs))


def _import_costs(limit: int = 6) -> list[tuple[str, float]]:
    """Top-level packages by cumulative import time under `-X importtime`."""
    _, done = _wall([sys.executable, "-X", "importtime", "-m", "bot", "ask", QUESTION])
    costs: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line[12:].split("|"))
        if not cumulative.isdigit():
            continue
        if not name.startswith(" ") and "." not in name.strip():
            costs[name.strip()] = costs.get(name.strip(), 0) + int(cumulative) / 1e6
    return sorted(costs.items(), key=lambda item: -item[1])[:limit]


def cold_start(runs: int) -> tuple[list[Table], list[Check], list[str]]:
    python = sys.executable
    ask = _median_wall([python, "-m", "bot", "ask", QUESTION], runs)
    bare = _median_wall([python, "-c", "pass"], runs)
    _, wrapped = _wall([python, "-c", _WRAPPER.format(question=QUESTION)])
    report = json.loads(wrapped.stderr.strip().splitlines()[-1])
    stage_runs = [
        json.loads(_wall([python, "-c", _STAGES.format(question=QUESTION)])[1].stdout)
        for _ in range(runs)
    ]
    stages = {key: median(run[key] for run in stage_runs) for key in stage_runs[0]}
    imported = report["discord"]
    table = Table(
        ("measure", "value"),
        (
            (f"`python -m bot ask` wall time, median of {runs}", f"{ms(ask)} ms"),
            ("for reference: `python -c pass`", f"{ms(bare)} ms"),
            ("in process: imports", f"{ms(stages['import'])} ms"),
            ("in process: load + validate bundled YAML", f"{ms(stages['load'])} ms"),
            ("in process: build the index", f"{ms(stages['index'])} ms"),
            ("in process: answer one question", f"{ms(stages['answer'])} ms"),
            ("modules imported by `ask`", str(report["modules"])),
            ("discord imported by `ask`", "yes: " + ", ".join(imported[:3]) if imported else "no"),
        ),
    )
    costs = ", ".join(f"{name} {ms(seconds)} ms" for name, seconds in _import_costs())
    checks = [
        Check("cold `ask` ≤ 0.5 s", f"{ask:.3f} s", ask <= 0.5),
        Check(
            "`ask` does not import discord",
            "not imported" if not imported else "imported",
            not imported,
        ),
    ]
    return [table], checks, [f"Heaviest imports of `ask` (`-X importtime`, cumulative): {costs}."]


@dataclass(frozen=True)
class BusyReload:
    """One reload with a thread answering all along."""

    seconds: float
    answered: int
    errors: int
    p50: float
    max: float
    delays: tuple[float, ...] = ()  # each answer's time, of those that overlapped the reload


def reload_while_answering(
    service: KnowledgeService, questions: list[str], warm_timeout: float = 30
) -> BusyReload:
    """Reload once while a thread answers `questions` round and round."""
    latencies: list[tuple[float, float]] = []
    errors: list[BaseException] = []
    stop = threading.Event()
    warmed = threading.Event()

    def answer_forever() -> None:
        clock = time.perf_counter
        while not stop.is_set():
            for question in questions:
                start = clock()
                try:
                    service.answer(question)
                except Exception as error:
                    errors.append(error)
                latencies.append((start, clock()))
                if len(latencies) > 20:
                    warmed.set()
                if stop.is_set():
                    return

    worker = threading.Thread(target=answer_forever, daemon=True)
    worker.start()
    warmed.wait(timeout=warm_timeout)
    begin = time.perf_counter()
    service.reload()
    end = time.perf_counter()
    stop.set()
    worker.join()
    during = [done - start for start, done in latencies if done > begin and start < end]
    return BusyReload(
        end - begin,
        len(during),
        len(errors),
        percentile(during, 50),
        max(during, default=float("nan")),
        tuple(during),
    )


def _edited_reload(service: KnowledgeService, directory: Path, count: int) -> None:
    """A reload after an edit to one file, as when an admin changes a fact."""
    edited = sorted(directory.glob("*.yaml"))[-1]
    with edited.open("a", encoding="utf-8") as handle:
        handle.write(f"# edit {count}\n")
    service.reload()


def reload_row(label: str, directory: Path, runs: int, seed: int) -> tuple[tuple[str, ...], Any]:
    service, first = timed(lambda: KnowledgeService(directory))
    quiet = median(timed(lambda n=n: _edited_reload(service, directory, n))[1] for n in range(runs))
    questions = [p.text for p in question_mix(service.snapshot.factbase, 200, seed)]
    busy = reload_while_answering(service, questions)
    row = (
        label,
        f"{len(service.snapshot.factbase.facts):,}",
        f"{first:.3f}",
        f"{quiet:.3f}",
        f"{busy.seconds:.3f}",
        str(busy.answered),
        ms(busy.p50),
        ms(busy.max),
        str(busy.errors),
    )
    return row, (quiet, busy)


def run(seed: int = DEFAULT_SEED, smoke: bool = False) -> list[Section]:
    section = Section("5. Start-up and reload")
    tables, checks, notes = cold_start(runs=3 if smoke else 9)
    section.tables += tables
    section.checks += checks
    section.notes += notes

    size = 1_000 if smoke else 10_000
    rows = []
    with tempfile.TemporaryDirectory(prefix="trilat-bench-") as tmp:
        bundled = Path(shutil.copytree(bundled_knowledge_dir(), Path(tmp) / "bundled"))
        row, _ = reload_row("bundled", bundled, 3 if smoke else 7, seed)
        rows.append(row)
        directory = dump_factbase(generate(size, seed), Path(tmp) / "knowledge")
        row, (quiet, busy) = reload_row(f"synthetic {size:,}", directory, 1 if smoke else 3, seed)
        rows.append(row)
    section.tables.append(
        Table(
            (
                "base",
                "facts",
                "first load s",
                "reload s",
                "busy reload s",
                "answers during",
                "their p50 ms",
                "their max ms",
                "errors",
            ),
            tuple(rows),
            "Reload (`KnowledgeService.reload`: read + validate YAML, build the index, swap):",
        )
    )
    continued = busy.answered > 0 and busy.errors == 0
    judged = size == 10_000
    section.checks.append(
        Check(
            "reload 10k ≤ 2 s, answering during it"
            + ("" if judged else f" (not judged: {size:,}-fact base)"),
            f"{quiet:.2f} s; {busy.answered} answers during, max {ms(busy.max)} ms",
            quiet <= 2 and continued if judged else None,
        )
    )
    section.notes.append(
        "`reload s` is the median of quiet reloads, each after one file was edited (unchanged "
        "files are not parsed again and unchanged facts not analysed again); `busy reload` is "
        "one more reload while "
        "another thread answers the question mix non-stop (same process, shared GIL, as in "
        "the bot), and `answers during` counts the answers that overlapped it."
    )
    return [section]
