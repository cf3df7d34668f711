"""Discord faults: a burst of mention questions through gateway closes, RESUMEs, 429s and 5xx.

Each fault gets a fresh loopback emulator and TrilatBot (as in `bench.e2e`). Gateway
faults strike mid-burst: half the questions are dispatched, the connection is closed
(or op 7 sent), and the other half is dispatched at once, while the bot is away; Discord
replays those on RESUME, but not after a fresh IDENTIFY. REST faults answer every
message-create (or, for /ask, every interaction callback) for a while from the start
of the burst. A question counts as answered when Discord (the emulator) accepted a reply
with its embeds.

`python -m bench.faults.discord_faults [--smoke]` prints the tables.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.report import Check, Section, Table
from bench.synthetic.facts import DEFAULT_SEED
from bench.synthetic.questions import question_mix

TOKEN = "bench-token"
SETTLE_SECONDS = 0.3
"""How long to keep watching after the last answer, for duplicates."""
PATIENCE_SECONDS = 40.0
"""How long after a fault ends an answer may still arrive (discord.py alone retries 25 s)."""


@dataclass(frozen=True)
class Fault:
    """One fault to live through: a gateway close code, an op 7, or a REST status.

    With `slash` the questions are /ask interactions and the REST fault hits their
    callbacks, for `seconds` (default: the run's fault length).
    """

    name: str
    close_code: int | None = None
    reconnect: bool = False
    rest_status: int | None = None
    rate_limit_headers: bool = True
    slash: bool = False
    seconds: float | None = None

    @property
    def on_gateway(self) -> bool:
        return self.close_code is not None or self.reconnect


FAULTS = (
    Fault("none (control)"),
    Fault("gateway close 1000", close_code=1000),
    Fault("gateway close 1001", close_code=1001),
    Fault("gateway close 4000", close_code=4000),
    Fault("gateway close 4009 (session timed out)", close_code=4009),
    Fault("op 7 RECONNECT → RESUME", reconnect=True),
    Fault("429 with Discord's headers", rest_status=429),
    Fault("429 without headers", rest_status=429, rate_limit_headers=False),
    Fault("500", rest_status=500),
    Fault("502", rest_status=502),
    Fault("503", rest_status=503),
    Fault(
        "/ask: callback 429 without headers, 0.8 s",
        rest_status=429,
        rate_limit_headers=False,
        slash=True,
        seconds=0.8,
    ),
    Fault("/ask: callback 503, 0.8 s", rest_status=503, slash=True, seconds=0.8),
)
CALLBACK = r"/interactions/{id}/[^/]+/callback"


@dataclass(frozen=True)
class Outcome:
    """What one fault did to one burst."""

    fault: Fault
    asked: int
    inherently_lost: int
    answered: int
    duplicates: int
    apologies: int
    retries_logged: int
    gave_up: int
    longest_s: float
    recovery_s: float | None

    @property
    def expected(self) -> int:
        return self.asked - self.inherently_lost

    @property
    def lost(self) -> int:
        return self.expected - self.answered


class _LineCounter(logging.Handler):
    """Counts the bot's retry and give-up lines instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.retries = 0
        self.gave_up = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.retries += " failed with " in message and "; retry " in message
        self.gave_up += message.startswith("gave up replying")


def _missing() -> str | None:
    """Why this section cannot run, or None."""
    try:
        import discord  # noqa: F401

        from bot.frontends.discord_client.runner import assemble  # noqa: F401
        from loopback_discord import DiscordEmulator  # noqa: F401
    except ImportError as error:
        return f"cannot import {error.name or error}: {error}"
    return None


def _path(emu: Any, slash: bool, key: str) -> str:
    """Where the bot's reply to a question goes: the channel, or the interaction callback."""
    return CALLBACK.format(id=key) if slash else rf"/channels/{emu.channel_id}/messages"


def _replies_to(slash: bool, key: str) -> Any:
    """A predicate for the accepted replies to one question (answers and apologies)."""
    if slash:
        return lambda r: r.status == 200
    return lambda r: r.status == 200 and _reference(r) == key


def _is_answer(request: Any, slash: bool) -> bool:
    body = (request.json or {}).get("data") if slash else request.json
    return bool((body or {}).get("embeds"))


def _reference(request: Any) -> str:
    return str(((request.json or {}).get("message_reference") or {}).get("message_id"))


async def _burst(
    fault: Fault, questions: Sequence[str], service: Any, state_dir: Path, fault_s: float
) -> Outcome:
    from bot import bundled_knowledge_dir
    from bot.frontends.discord_client.runner import assemble, run_bot
    from bot.operations.config import Settings
    from loopback_discord import DiscordEmulator, RestFault

    settings = Settings(
        token=TOKEN,
        knowledge_dir=bundled_knowledge_dir(),
        state_dir=state_dir,
        cooldown_rate=10**9,
        cooldown_seconds=1.0,
    )
    counter = _LineCounter()
    watched = [
        logging.getLogger("bot.frontends.discord_client.delivery"),
        logging.getLogger("bot.frontends.discord_client.exts.questions.ask._cog"),
    ]
    for logger in watched:
        logger.addHandler(counter)
    try:
        async with DiscordEmulator(token=TOKEN, timeout=PATIENCE_SECONDS) as emu:
            bot = assemble(settings, service, guild_ready_timeout=0.05)
            await emu.start_bot(bot, run=run_bot)
            slash = fault.slash
            if fault.rest_status is not None:
                emu.fail_requests(
                    RestFault(
                        fault.rest_status,
                        seconds=fault.seconds or fault_s,
                        routes=("interaction-callback" if slash else "message-create",),
                        retry_after=0.5,
                        headers=fault.rate_limit_headers,
                    )
                )
            started: dict[str, float] = {}
            answered_at: dict[str, float] = {}
            waiters: dict[str, asyncio.Task[None]] = {}
            recovered_at: list[float] = []
            fault_at = time.perf_counter()

            async def answer_of(key: str) -> None:
                accepted = _replies_to(slash, key)
                await emu.wait_for_request(
                    "POST",
                    _path(emu, slash, key),
                    predicate=lambda r: accepted(r) and _is_answer(r, slash),
                    timeout=PATIENCE_SECONDS + fault_s,
                )
                answered_at[key] = time.perf_counter()

            async def note_recovery() -> None:
                await emu.gateway.recovered.wait()
                recovered_at.append(time.perf_counter())

            recovery: asyncio.Task[None] | None = None
            for index, question in enumerate(questions):
                if index == len(questions) // 2 and fault.on_gateway:
                    fault_at = time.perf_counter()
                    if fault.close_code is not None:
                        await emu.gateway.close_connection(fault.close_code, "benchmark")
                    else:
                        await emu.gateway.request_reconnect(wait=False)
                    recovery = asyncio.create_task(note_recovery())
                if slash:
                    record = await emu.invoke_slash("ask", {"question": question[:500]})
                    key = str(record.id)
                else:
                    message = await emu.send_message(question, mentions_bot=True, sync=False)
                    key = str(message["id"])
                started[key] = time.perf_counter()
                waiters[key] = asyncio.create_task(answer_of(key))

            if recovery is not None:
                await asyncio.wait_for(recovery, PATIENCE_SECONDS)
            dropped = {str(e.data.get("id")) for e in emu.dropped_events} & set(started)
            for message_id in dropped:
                waiters[message_id].cancel()
            await asyncio.wait(set(waiters.values()))
            await asyncio.sleep(SETTLE_SECONDS)
            replies = {
                key: emu.find_requests(
                    "POST", _path(emu, slash, key), predicate=_replies_to(slash, key)
                )
                for key in started
            }
            await emu.stop_bot()
    finally:
        for logger in watched:
            logger.removeHandler(counter)
    answers = {key: [r for r in rs if _is_answer(r, fault.slash)] for key, rs in replies.items()}
    latencies = [answered_at[m] - started[m] for m in answered_at]
    return Outcome(
        fault=fault,
        asked=len(questions),
        inherently_lost=len(dropped),
        answered=sum(bool(rs) for rs in answers.values()),
        duplicates=sum(max(0, len(rs) - 1) for rs in answers.values()),
        apologies=sum(len(rs) - len(answers[m]) for m, rs in replies.items()),
        retries_logged=counter.retries,
        gave_up=counter.gave_up,
        longest_s=max(latencies, default=float("nan")),
        recovery_s=recovered_at[0] - fault_at if recovered_at else None,
    )


async def _measure(seed: int, smoke: bool) -> list[Outcome]:
    from bot import bundled_knowledge_dir
    from bot.core.service import KnowledgeService

    for name in ("discord", "bot"):
        logging.getLogger(name).addHandler(logging.NullHandler())
    logging.getLogger("discord").setLevel(logging.CRITICAL)
    service = KnowledgeService(bundled_knowledge_dir())
    count = 10 if smoke else 50
    questions = [p.text for p in question_mix(service.snapshot.factbase, count, seed)]
    fault_s = 1.5 if smoke else 3.0
    outcomes = []
    for fault in FAULTS:
        with tempfile.TemporaryDirectory(prefix="trilat-faults-") as state_dir:
            outcomes.append(await _burst(fault, questions, service, Path(state_dir), fault_s))
    return outcomes


def _seconds(value: float | None) -> str:
    return "-" if value is None or value != value else f"{value:.2f}"


def run(seed: int = DEFAULT_SEED, smoke: bool = False) -> list[Section]:
    section = Section("Faults: Discord (gateway closes, RESUME, 429, 5xx)")
    reason = _missing()
    if reason:
        section.skipped = reason
        return [section]
    outcomes = asyncio.run(_measure(seed, smoke))
    fault_s = 1.5 if smoke else 3.0
    section.tables.append(
        Table(
            (
                "fault",
                "asked",
                "lost with the session",
                "expected",
                "answered",
                "lost",
                "duplicates",
                "apologies",
                "retries logged",
                "gave up",
                "longest reply s",
                "back after s",
            ),
            tuple(
                (
                    o.fault.name,
                    str(o.asked),
                    str(o.inherently_lost),
                    str(o.expected),
                    str(o.answered),
                    str(o.lost),
                    str(o.duplicates),
                    str(o.apologies),
                    str(o.retries_logged),
                    str(o.gave_up),
                    _seconds(o.longest_s),
                    _seconds(o.recovery_s),
                )
                for o in outcomes
            ),
        )
    )
    for o in outcomes:
        inherent = f" ({o.inherently_lost} lost with the session)" if o.inherently_lost else ""
        section.checks.append(
            Check(
                f"{o.fault.name}: every reply delivered, none twice, no apology",
                f"{o.answered}/{o.expected}, {o.duplicates} duplicates, "
                f"{o.apologies} apologies{inherent}",
                o.lost == 0 and o.duplicates == 0 and o.apologies == 0,
            )
        )
    section.notes.append(
        f"A burst of {outcomes[0].asked} questions (mentions, or /ask) per fault, each on a fresh "
        "emulator and bot. Gateway faults strike after half the burst and the other half "
        "is sent while the bot is away: Discord replays it on RESUME (1000, 1001, 4000, "
        "op 7), but after 4009 the session is gone, RESUME is refused and the bot "
        "IDENTIFYs afresh (discord.py waits 5 s first): what was sent in the gap is never "
        "delivered to the bot (`lost with the session`), as on Discord, and is not counted "
        f"as lost. REST faults answer every message-create for {fault_s:g} s from the "
        "start of the burst (429s say `retry_after` 0.5 s). discord.py itself retries "
        "500/502 (1 s, 3 s, 5 s ...) and a 429 with Discord's headers (`Via`); the bot "
        "retries a 503 and a bare 429 (0.5 s, 1 s, 2 s, 4 s), one log line per retry. "
        "The /ask rows fault the interaction callbacks for 0.8 s only: a callback must "
        "reach Discord within 3 s of the command, so the bot retries a bare 429 at 0.2, "
        "0.4 and 0.8 s while that window lasts, and discord.py retries any 5xx on that "
        "route after 1 s (then 3 s, already too late). "
        "`longest reply` runs from the question's dispatch to the accepted reply; "
        "`back after` from the close to READY or RESUMED."
    )
    return [section]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.faults.discord_faults", description=__doc__
    )
    parser.add_argument("--smoke", action="store_true", help="10 questions a fault, 1.5 s faults")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    for section in run(args.seed, args.smoke):
        print("\n" + section.render(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
