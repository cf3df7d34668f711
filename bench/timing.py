"""Clocks, percentiles and memory readings shared by every section, so all agree on method."""

from __future__ import annotations

import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

T = TypeVar("T")
R = TypeVar("R")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation; NaN for no values."""
    return float(np.percentile(values, q)) if len(values) else float("nan")


def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def time_each(call: Callable[[T], R], items: Sequence[T]) -> tuple[list[float], list[R]]:
    """Seconds taken by `call(item)` for each item, and the results; a collection first."""
    gc.collect()
    clock = time.perf_counter
    seconds: list[float] = []
    results: list[R] = []
    for item in items:
        start = clock()
        results.append(call(item))
        seconds.append(clock() - start)
    return seconds, results


def timed(call: Callable[[], T]) -> tuple[T, float]:
    """The result of `call()` and the seconds it took."""
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """This process's resident set size now."""
    import psutil

    return psutil.Process().memory_info().rss / 2**20


REPO = Path(__file__).resolve().parent.parent


def run_module_json(module: str, *args: str) -> dict[str, Any]:
    """Run `python -m module args` in a fresh process (its own memory and imports) and
    return the JSON object on its last line of output."""
    command = [sys.executable, "-m", module, *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
