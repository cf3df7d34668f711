"""Whole-process cold start at scale: `python -m bot ask` on a synthetic base written as
YAML, first with an empty state directory (parse, validate, index, write the cache), then
again on the unchanged base (from the cache). Wall time and peak RSS are the child's own.
Then, in another child, a service loads the base, one file is edited and it reloads while
a thread answers questions: the reload's time, its longest answer delay and peak RSS.

    python -m bench.coldstart [--sizes 10000,30000] [--seed 7]

With `--mechanisms`, only the reload: each of its helpers on and off (`bench.reloads`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic.facts import DEFAULT_SEED, generate
from bot.core.dump import dump_factbase

QUESTION = "Who led India's delegation?"

# One edited reload while answering, in a child process so its RSS is the reload's own.
_RELOAD = """
import json, resource, sys
from pathlib import Path
from bench.startup import reload_row
row, (quiet, busy) = reload_row("", Path(sys.argv[1]), 1, int(sys.argv[2]))
print(json.dumps({"first_s": float(row[2]), "reload_s": quiet, "busy_s": busy.seconds,
                  "answers": busy.answered, "max_delay_s": busy.max,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


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
        knowledge = dump_factbase(generate(size, seed), root / "knowledge")
        state = root / "state"
        cold, cold_rss = ask_once(knowledge, state)
        hits = [ask_once(knowledge, state) for _ in range(runs)]
        cache_mb = sum(p.stat().st_size for p in (state / "index").iterdir()) / 2**20
        reloaded = subprocess.run(
            [sys.executable, "-c", _RELOAD, str(knowledge), str(seed)],
            capture_output=True,
            text=True,
            check=True,
        )
        reload = json.loads(reloaded.stdout.strip().splitlines()[-1])
    hits.sort()
    hit, hit_rss = hits[len(hits) // 2]
    return {
        "facts": size,
        "cold_s": cold,
        "cold_rss_mb": cold_rss,
        "cached_s": hit,
        "cached_rss_mb": hit_rss,
        "cache_mb": cache_mb,
        **{f"reload_{key}": value for key, value in reload.items()},
    }


def mechanisms(size: int, seed: int, rounds: int) -> str:
    """`bench.reloads` on a synthetic base of `size` facts, in a child process."""
    with tempfile.TemporaryDirectory() as temporary:
        knowledge = dump_factbase(generate(size, seed), Path(temporary) / "knowledge")
        command = [sys.executable, "-m", "bench.reloads", str(knowledge)]
        command += ["--rounds", str(rounds), "--seed", str(seed)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated base sizes")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--runs", type=int, default=3, help="cached starts (median shown)")
    parser.add_argument(
        "--mechanisms", action="store_true", help="only reloads, each helper on and off"
    )
    parser.add_argument("--rounds", type=int, default=3, help="with --mechanisms")
    args = parser.parse_args()
    if args.mechanisms:
        for size in args.sizes.split(","):
            print(mechanisms(int(size), args.seed, args.rounds))
        return
    rows = [measure(int(size), args.seed, args.runs) for size in args.sizes.split(",")]
    print("| facts | cold s | cold peak MB | cached s | cached peak MB | cache file MB |")
    print("|------:|-------:|-------------:|---------:|---------------:|--------------:|")
    for row in rows:
        print(
            f"| {row['facts']:,} | {row['cold_s']:.2f} | {row['cold_rss_mb']:.0f} | "
            f"{row['cached_s']:.2f} | {row['cached_rss_mb']:.0f} | {row['cache_mb']:.0f} |"
        )
    print()
    print(
        "| facts | service start s | reload s | busy reload s | answers during | longest answer ms | peak MB |"
    )
    print(
        "|------:|----------------:|---------:|--------------:|---------------:|------------------:|--------:|"
    )
    for row in rows:
        print(
            f"| {row['facts']:,} | {row['reload_first_s']:.2f} | {row['reload_reload_s']:.2f} | "
            f"{row['reload_busy_s']:.2f} | {row['reload_answers']} | "
            f"{row['reload_max_delay_s'] * 1000:.0f} | {row['reload_rss_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
