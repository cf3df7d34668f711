"""Whole-process cold start at scale: `python -m bot ask` on a synthetic base written as
YAML, first with an empty state directory (parse, validate, index, write the cache), then
again on the unchanged base (from the cache). Wall time and peak RSS are the child's own.

    python -m bench.coldstart [--sizes 10000,30000] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import DEFAULT_SEED, generate, write_yaml

QUESTION = "Who led India's delegation?"


def ask_once(knowledge: Path, state: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `python -m bot ask` process."""
    env = {**os.environ, "TRILAT_STATE_DIR": str(state)}
    command = [sys.executable, "-m", "bot", "ask", "--knowledge", str(knowledge), QUESTION]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"ask exited with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def measure(size: int, seed: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        knowledge = write_yaml(generate(size, seed), root / "knowledge")
        state = root / "state"
        cold, cold_rss = ask_once(knowledge, state)
        hits = [ask_once(knowledge, state) for _ in range(runs)]
        cache_mb = sum(p.stat().st_size for p in (state / "index").iterdir()) / 2**20
    hits.sort()
    hit, hit_rss = hits[len(hits) // 2]
    return {
        "facts": size,
        "cold_s": cold,
        "cold_rss_mb": cold_rss,
        "cached_s": hit,
        "cached_rss_mb": hit_rss,
        "cache_mb": cache_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated base sizes")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--runs", type=int, default=3, help="cached starts (median shown)")
    args = parser.parse_args()
    print("| facts | cold s | cold peak RSS MB | cached s | cached peak RSS MB | cache file MB |")
    print("|------:|-------:|-----------------:|---------:|-------------------:|--------------:|")
    for size in (int(s) for s in args.sizes.split(",")):
        row = measure(size, args.seed, args.runs)
        print(
            f"| {row['facts']:,} | {row['cold_s']:.2f} | {row['cold_rss_mb']:.0f} | "
            f"{row['cached_s']:.2f} | {row['cached_rss_mb']:.0f} | {row['cache_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
