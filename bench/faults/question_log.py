"""Question-log faults: the SQLite file deleted, replaced, overwritten, read-only or full
while the bot writes to it, and the process killed with SIGKILL in a burst of writes.

Each fault runs `SafeLog` over `SQLiteLog` exactly as the bot does: a burst of answer
rows, the fault halfway, then the bot's periodic `check` (run at once here; the bot runs
it every `StoreSettings.check_interval`, 60 s) and the rest of the burst. A row counts as
kept when the database at the configured path holds it afterwards; rows written between
the fault and the check are the ones in flight.

`python -m bench.faults.question_log [--smoke]` prints the table.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.report import Check, Section, Table
from bench.synthetic.facts import DEFAULT_SEED
from bot.operations.store import AnswerRecord, SafeLog
from bot.operations.store.sqlite import SQLiteLog


@dataclass(frozen=True)
class Outcome:
    fault: str
    written: int
    expected: int
    kept: int
    noticed: bool
    state_after: str
    integrity: str

    @property
    def lost(self) -> int:
        return max(0, self.expected - self.kept)


def _record(number: int) -> AnswerRecord:
    now = dt.datetime.now(dt.UTC)
    # Long questions, so that a full disk is reached within a few rows.
    question = f"question {number} " + "x" * 2000
    return AnswerRecord(f"{number:016x}", now, True, 90.0, question=question)


def _rows(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM answers").fetchone()[0])
    except sqlite3.Error:
        return 0


def _integrity(path: Path) -> str:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.Error as error:
        return f"error: {error}"


def _delete(path: Path, store: SQLiteLog) -> None:
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()


def _replace_with_garbage(path: Path, store: SQLiteLog) -> None:
    garbage = path.with_name("garbage")
    garbage.write_bytes(os.urandom(64 * 1024))
    garbage.replace(path)


def _overwrite_in_place(path: Path, store: SQLiteLog) -> None:
    with open(path, "r+b") as file:
        file.write(os.urandom(8 * 1024))


def _fill_disk(path: Path, store: SQLiteLog) -> None:
    """SQLITE_FULL, as on a full disk: the file may not grow by another page."""
    connection = store._connection
    assert connection is not None
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count={pages}")


FAULTS: dict[str, Callable[[Path, SQLiteLog], None]] = {
    "deleted while open": _delete,
    "replaced by a garbage file": _replace_with_garbage,
    "garbage written over it": _overwrite_in_place,
    "disk full": _fill_disk,
}


async def _burst(fault: str, burst: int, root: Path) -> Outcome:
    path = root / fault.replace(" ", "-") / "questions.sqlite3"
    store = SQLiteLog(path)
    safe = SafeLog(store, retry_after=0.0)
    await safe.open()
    half = burst // 2
    for number in range(half):
        await safe.record_answer(_record(number))
    FAULTS[fault](path, store)
    checked_at = half + burst // 4
    for number in range(half, checked_at):
        await safe.record_answer(_record(number))
    await safe.check()
    noticed = safe.losses > 0 or safe.state != "ok"
    for number in range(checked_at, burst):
        await safe.record_answer(_record(number))
    await safe.flush()
    state = safe.state
    await safe.close()
    # What the database must hold: on a full disk the rows before it filled; otherwise
    # every row written after the check (those before went with the file the fault hit).
    expected = half if fault == "disk full" else burst - checked_at
    return Outcome(fault, burst, expected, _rows(path), noticed, state, _integrity(path))


async def _read_only(burst: int, root: Path) -> Outcome:
    path = root / "read-only" / "questions.sqlite3"
    first = SQLiteLog(path)
    await first.open()
    await first.close()
    safe = SafeLog(SQLiteLog(f"file:{path}?mode=ro"), retry_after=0.0)
    await safe.open()
    for number in range(burst):
        await safe.record_answer(_record(number))
    noticed = safe.state == "degraded" and safe.last_error is not None
    state = safe.state
    await safe.close()
    return Outcome("read-only file", burst, 0, _rows(path), noticed, state, _integrity(path))


_WRITER = """
import asyncio, sys
from bench.faults.question_log import _record
from bot.operations.store.sqlite import SQLiteLog

async def main():
    log = SQLiteLog(sys.argv[1])
    await log.open()
    number = 0
    while True:
        await log.record_answer(_record(number))
        print(number, flush=True)
        number += 1

asyncio.run(main())
"""


def _killed(seconds: float, root: Path) -> Outcome:
    """A writer process killed with SIGKILL mid-burst: every row it was told was stored
    must be there, and the file must pass the integrity check."""
    path = root / "killed" / "questions.sqlite3"
    path.parent.mkdir(parents=True)
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    time.sleep(seconds)
    writer.send_signal(signal.SIGKILL)
    output, _ = writer.communicate()
    acknowledged = len(output.split())
    kept = _rows(path)
    return Outcome(
        "SIGKILL in a burst", acknowledged, acknowledged, kept, True, "n/a", _integrity(path)
    )


async def _measure(smoke: bool) -> list[Outcome]:
    burst = 40 if smoke else 400
    with tempfile.TemporaryDirectory(prefix="trilat-log-faults-") as directory:
        root = Path(directory)
        outcomes = [await _burst(fault, burst, root) for fault in FAULTS]
        outcomes.append(await _read_only(burst, root))
        outcomes.append(_killed(1.0 if smoke else 3.0, root))
    return outcomes


def run(seed: int = DEFAULT_SEED, smoke: bool = False) -> list[Section]:
    section = Section(
        "Faults: the question log (deleted, replaced, damaged, read-only, full, kill -9)"
    )
    store_log = logging.getLogger("bot.operations.store")
    level = store_log.level
    store_log.setLevel(logging.CRITICAL)  # every fault is logged by design; the table says
    try:
        outcomes = asyncio.run(_measure(smoke))
    finally:
        store_log.setLevel(level)
    section.tables.append(
        Table(
            (
                "fault",
                "rows written",
                "must be kept",
                "kept",
                "lost",
                "noticed",
                "state after",
                "integrity",
            ),
            tuple(
                (
                    o.fault,
                    str(o.written),
                    str(o.expected),
                    str(o.kept),
                    str(o.lost),
                    "yes" if o.noticed else "no",
                    o.state_after,
                    o.integrity,
                )
                for o in outcomes
            ),
        )
    )
    for o in outcomes:
        section.checks.append(
            Check(
                f"{o.fault}: every row written after the check kept, the fault reported",
                f"{o.lost} lost, {'noticed' if o.noticed else 'not noticed'}, {o.integrity}",
                o.lost <= 0 and o.noticed and o.integrity == "ok",
            )
        )
    section.notes.append(
        "A burst of rows per fault; the fault strikes after half, the check runs after "
        "three quarters (the bot checks every 60 s, so the rows in flight are at most a "
        "minute's), and `must be kept` counts the rows written after it. A deleted or "
        "replaced file takes its rows with it; the bot notices, reports, counts the loss in "
        "/healthz (`question_log_losses`) and starts a new file, a damaged one set aside. "
        "A read-only or full database refuses every write: each failure is counted "
        "(trilat_errors_total) and /healthz says `degraded`. For SIGKILL, rows written = "
        "rows the writer was told were stored."
    )
    return [section]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.faults.question_log")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    for section in run(smoke=args.smoke):
        print(section.render() + "\n")


if __name__ == "__main__":
    main()
