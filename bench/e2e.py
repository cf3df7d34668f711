"""Section 4: the real Discord bot end to end, through the loopback emulator.

One process runs the emulator (aiohttp REST + gateway on 127.0.0.1) and the unmodified
TrilatBot; a question goes in as a gateway MESSAGE_CREATE that mentions the bot, and
its latency ends when the bot's reply POST reaches the emulator. `service.answer` is
timed inside the bot, so each reply splits into matching and everything else
(discord.py, HTTP, the emulator's own work, which real Discord would do elsewhere).

Questions are dispatched straight to the gateway, not through `send_message`, whose two
gateway round trips per message make tests deterministic but would be counted here.
The emulator and bot are imported lazily: they are optional for the other sections.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import pstats
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.report import Check, Section, Table, ms
from bench.synthetic.facts import DEFAULT_SEED
from bench.synthetic.questions import question_mix
from bench.timing import percentile, run_module_json

# Where profiled CPU time is filed: first matching path fragment (or built-in name) wins.
_CATEGORIES = (
    (
        "matching (bot.core.matcher/analysis/text)",
        ("bot/core/matcher.py", "bot/core/analysis.py", "bot/core/text.py"),
    ),
    ("bot, other (embeds, replies, cogs)", ("/bot/",)),
    ("emulator (loopback_discord)", ("loopback_discord",)),
    ("discord.py", ("/discord/",)),
    ("aiohttp, yarl, multidict", ("aiohttp", "yarl", "multidict")),
    ("json", ("json",)),
    ("asyncio", ("asyncio", "selectors")),
)


def _missing() -> str | None:
    """Why the end-to-end section cannot run, or None."""
    try:
        import discord  # noqa: F401

        from bot.frontends.discord_client.client import TrilatBot  # noqa: F401
        from bot.operations.config import Settings  # noqa: F401
        from loopback_discord import DiscordEmulator  # noqa: F401
        from loopback_discord.invocations import user_message  # noqa: F401
    except ImportError as error:
        return f"cannot import {error.name or error}: {error}"
    return None


class _Clocked:
    """Times each call of the wrapped `answer`, so matching can be told apart."""

    def __init__(self, answer: Callable[[str], Any]) -> None:
        self._answer = answer
        self.seconds: list[float] = []

    def __call__(self, question: str) -> Any:
        start = time.perf_counter()
        try:
            return self._answer(question)
        finally:
            self.seconds.append(time.perf_counter() - start)


async def _measure(count: int, concurrency: int, seed: int, profile: bool) -> dict[str, Any]:
    from bot import bundled_knowledge_dir
    from bot.core.service import KnowledgeService
    from bot.frontends.discord_client.runner import assemble, run_bot
    from bot.operations.config import Settings
    from loopback_discord import DiscordEmulator
    from loopback_discord.invocations import user_message

    logging.getLogger("discord").setLevel(logging.WARNING)
    service = KnowledgeService(bundled_knowledge_dir())
    clock = _Clocked(service.answer)
    service.answer = clock  # type: ignore[method-assign]
    questions = [p.text for p in question_mix(service.snapshot.factbase, 400, seed)]

    with tempfile.TemporaryDirectory(prefix="trilat-bench-") as state_dir:
        settings = Settings(
            token="bench-token",
            knowledge_dir=bundled_knowledge_dir(),
            state_dir=Path(state_dir),
            cooldown_rate=10**9,
            cooldown_seconds=1.0,
        )
        async with DiscordEmulator(token=settings.token, timeout=30.0) as emu:
            bot = assemble(settings, service, guild_ready_timeout=0.05)
            await emu.start_bot(bot, run=run_bot)
            channel = emu.channel_id

            async def ask(question: str) -> float:
                message = user_message(
                    emu.state,
                    question,
                    author=emu.member_user,
                    channel_id=channel,
                    dm=False,
                    mentions_bot=True,
                    mentions=(),
                    reply_to=None,
                    embeds=(),
                )
                wanted = str(message["id"])
                since = emu.mark()
                start = time.perf_counter()
                await emu.gateway.dispatch("MESSAGE_CREATE", emu.state.gateway_view(message))
                await emu.wait_for_request(
                    "POST",
                    rf"/channels/{channel}/messages",
                    predicate=lambda r: (
                        str(((r.json or {}).get("message_reference") or {}).get("message_id"))
                        == wanted
                    ),
                    since=since,
                )
                return time.perf_counter() - start

            async def loaded(items: Sequence[str], workers: int) -> tuple[list[float], float]:
                latencies: list[float] = []

                async def worker(offset: int) -> None:
                    for question in items[offset::workers]:
                        latencies.append(await ask(question))

                start = time.perf_counter()
                await asyncio.gather(*(worker(i) for i in range(workers)))
                return latencies, time.perf_counter() - start

            for question in questions[:20]:
                await ask(question)

            sequential: list[tuple[float, float]] = []
            start = time.perf_counter()
            for question in (questions * 10)[: max(count // 4, 40)]:
                clock.seconds.clear()
                latency = await ask(question)
                sequential.append((latency, sum(clock.seconds)))
            sequential_elapsed = time.perf_counter() - start

            items = (questions * (count // len(questions) + 1))[:count]
            clock.seconds.clear()
            latencies, elapsed = await loaded(items, concurrency)
            matching_total = sum(clock.seconds)

            categories: list[tuple[str, float]] = []
            if profile:
                profiler = cProfile.Profile()
                profiler.enable()
                await loaded(items[: count // 2], concurrency)
                profiler.disable()
                categories = _categorise(pstats.Stats(profiler))
            errors = list(emu.state.server_errors)

    return {
        "questions": len(questions),
        "sequential_n": len(sequential),
        "seq_qps": len(sequential) / sequential_elapsed,
        "seq_p50_s": percentile([s[0] for s in sequential], 50),
        "seq_p99_s": percentile([s[0] for s in sequential], 99),
        "seq_match_s": sum(s[1] for s in sequential) / len(sequential),
        "seq_cost_s": sequential_elapsed / len(sequential),
        "loaded_n": len(latencies),
        "concurrency": concurrency,
        "qps": len(latencies) / elapsed,
        "loaded_p50_s": percentile(latencies, 50),
        "loaded_p99_s": percentile(latencies, 99),
        "match_share": matching_total / elapsed,
        "match_per_q_s": matching_total / len(latencies),
        "profile": categories,
        "server_errors": errors[:3],
    }


def _categorise(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Profiled own time by where the code lives; time idle in epoll is left out.

    A built-in (json.dumps, str methods, ...) is charged to the code that called it.
    """
    entries: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]

    def label(func: tuple[str, int, str]) -> str:
        where = func[0] if func[0] != "~" else func[2]
        return next((name for name, keys in _CATEGORIES if any(k in where for k in keys)), "other")

    totals: dict[str, float] = {}
    for func, (_, _, own, _, callers) in entries.items():
        if func[0] == "~" and "poll" in func[2]:
            continue
        shares = {caller: timing[2] for caller, timing in callers.items()}
        whole = sum(shares.values())
        if func[0] != "~" or not whole:
            totals[label(func)] = totals.get(label(func), 0.0) + own
            continue
        for caller, share in shares.items():
            totals[label(caller)] = totals.get(label(caller), 0.0) + own * share / whole
    whole = sum(totals.values()) or 1.0
    return sorted(((name, t / whole) for name, t in totals.items()), key=lambda x: -x[1])


def measure_in_subprocess(count: int, concurrency: int, seed: int, profile: bool) -> dict[str, Any]:
    return run_module_json(
        "bench.e2e",
        f"--count={count}",
        f"--concurrency={concurrency}",
        f"--seed={seed}",
        *(["--profile"] if profile else []),
    )


def run(seed: int = DEFAULT_SEED, smoke: bool = False) -> list[Section]:
    section = Section("4. End to end through the loopback Discord emulator")
    reason = _missing()
    if reason:
        section.skipped = reason
        return [section]
    r = measure_in_subprocess(
        count=150 if smoke else 3000, concurrency=16, seed=seed, profile=not smoke
    )
    rows = []
    for label, n, qps, p50, p99, cost, matching in (
        (
            "one at a time",
            r["sequential_n"],
            r["seq_qps"],
            r["seq_p50_s"],
            r["seq_p99_s"],
            r["seq_cost_s"],
            r["seq_match_s"],
        ),
        (
            f"{r['concurrency']} in flight",
            r["loaded_n"],
            r["qps"],
            r["loaded_p50_s"],
            r["loaded_p99_s"],
            1 / r["qps"],
            r["match_per_q_s"],
        ),
    ):
        rows.append(
            (
                label,
                str(n),
                f"{qps:.0f}",
                ms(p50),
                ms(p99),
                ms(cost),
                ms(matching),
                ms(cost - matching),
                f"{100 * matching / cost:.0f}%",
            )
        )
    section.tables.append(
        Table(
            (
                "load",
                "questions",
                "q/s",
                "p50 ms",
                "p99 ms",
                "wall ms/q",
                "matching ms/q",
                "rest ms/q",
                "matching share",
            ),
            tuple(rows),
        )
    )
    if r["profile"]:
        section.tables.append(
            Table(
                ("where the CPU time goes (cProfile, loaded run)", "share"),
                tuple((label, f"{100 * share:.1f}%") for label, share in r["profile"]),
            )
        )
    section.checks.append(
        Check(
            "e2e ≥ 200 q/s sustained, p99 ≤ 50 ms",
            f"{r['qps']:.0f} q/s, p99 {ms(r['loaded_p99_s'])} ms",
            r["qps"] >= 200 and r["loaded_p99_s"] <= 0.050,
        )
    )
    section.notes.append(
        "Latency: MESSAGE_CREATE dispatched to the bot → its reply POST received by the "
        "emulator. `wall ms/q` is elapsed time per question (1 / q/s); `matching` is the "
        "mean time inside `KnowledgeService.answer`; `rest` is the remainder: discord.py, "
        "HTTP and the emulator, all in this one process and event loop (on real Discord the "
        "server side runs elsewhere). The loaded run keeps 16 questions in flight "
        f"({r['loaded_n']} in all); the profile shares exclude time idle in epoll and are "
        "inflated for code with many small calls."
    )
    if r["server_errors"]:
        section.notes.append("Emulator errors: " + " | ".join(r["server_errors"]))
    return [section]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.e2e", description=__doc__)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    reason = _missing()
    if reason:
        print(json.dumps({"skipped": reason}))
        return 0
    result = asyncio.run(_measure(args.count, args.concurrency, args.seed, args.profile))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
