"""`python -m bot run`: settings, logging, the fact base, then the Discord client until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from typing import Any

import discord

from bot.core.matcher import MatchSettings
from bot.core.service import KnowledgeService
from bot.frontends.discord_client.client import TrilatBot, create_bot
from bot.frontends.discord_client.cooldown import QuestionLimiter
from bot.frontends.discord_client.reach import DiscordUnreachable, with_retries
from bot.frontends.discord_client.signals import handling_signals
from bot.frontends.discord_client.status import add_gauges, health_status, serving_health
from bot.frontends.discord_client.upkeep import question_log_kept
from bot.operations.config import (
    HASH_SALT,
    MESSAGE_CONTENT,
    SHARD_COUNT,
    SHARD_IDS,
    ConfigError,
    Settings,
    environment,
    load_settings,
)
from bot.operations.health import HealthServer
from bot.operations.log import setup_logging
from bot.operations.metrics import BotMetrics
from bot.operations.store import SafeLog, store_for

log = logging.getLogger(__name__)

BAD_TOKEN = "Discord rejected DISCORD_TOKEN: reset the token in the Developer Portal"
MISSING_INTENT = (
    "the Message Content intent is not enabled for this application: enable it in "
    f"the Developer Portal (Bot > Privileged Gateway Intents) or unset {MESSAGE_CONTENT}"
)
_CLOSE_CODE_REASONS = {
    4004: BAD_TOKEN,
    4010: f"Discord refused the shard number: check {SHARD_COUNT} and {SHARD_IDS}",
    4011: f"Discord requires sharding for this bot: set {SHARD_COUNT}=auto",
    4012: "Discord refused the gateway version: upgrade discord.py",
    4013: "Discord refused the gateway intents as invalid: upgrade discord.py",
    4014: MISSING_INTENT,
}


def refusal(error: BaseException) -> str | None:
    """One line saying why Discord will not let the bot in and what to fix, or None."""
    if isinstance(error, discord.LoginFailure):
        return BAD_TOKEN
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return MISSING_INTENT
    if isinstance(error, discord.ConnectionClosed):
        return _CLOSE_CODE_REASONS.get(error.code)
    return None


def assemble(
    settings: Settings, service: KnowledgeService, *, force_sync: bool = False, **options: Any
) -> TrilatBot:
    """The client and what it is handed: the question log, metrics, question budget and
    health endpoint, built here and opened by `run_bot`."""
    metrics = BotMetrics()
    bot = create_bot(
        settings,
        service,
        question_log=SafeLog(store_for(settings.store), on_error=metrics.log_errors.inc),
        metrics=metrics,
        limiter=QuestionLimiter(settings.cooldown_rate, settings.cooldown_seconds),
        health=HealthServer(lambda: health_status(bot), metrics.render),
        force_sync=force_sync,
        **options,
    )
    add_gauges(metrics, bot)
    return bot


async def run_bot(bot: TrilatBot, token: str) -> None:
    """Run the client until it closes, with the question log open (pruned and checked), the
    health endpoint up, SIGHUP reloading and SIGTERM (`docker stop`) closing; all of it is
    undone in reverse once the client stops."""
    settings = bot.settings
    async with contextlib.AsyncExitStack() as stack:
        await stack.enter_async_context(question_log_kept(bot.question_log, settings.store))
        await stack.enter_async_context(serving_health(bot.health, settings.health))
        await stack.enter_async_context(bot)
        stack.enter_context(
            handling_signals({signal.SIGHUP: lambda: _reload(bot), signal.SIGTERM: bot.close})
        )
        await bot.start(token)


async def _reload(bot: TrilatBot) -> None:
    log.info("SIGHUP received: reloading the fact base")
    with contextlib.suppress(Exception):  # already logged by reload_knowledge
        await bot.reload_knowledge("SIGHUP")


async def serve(
    settings: Settings, service: KnowledgeService, *, force_sync: bool = False, **options: Any
) -> int:
    """Run the client until it stops: 0, or 1 with one logged line when Discord refuses or
    cannot be reached (after `settings.connect` attempts, each with a new client)."""
    logged_in = False

    async def attempt() -> int:
        nonlocal logged_in
        bot = assemble(settings, service, force_sync=force_sync, **options)
        try:
            await run_bot(bot, settings.token)
        except (
            discord.LoginFailure,
            discord.PrivilegedIntentsRequired,
            discord.ConnectionClosed,
        ) as e:
            reason = refusal(e)
            if reason is None:
                raise
            log.error("%s", reason)
            return 1
        finally:
            logged_in = logged_in or bot.user is not None
        return 0

    try:
        return await with_retries(attempt, settings.connect, reached=lambda: logged_in)
    except DiscordUnreachable as error:
        log.error("%s", error)
        return 1


def startup_warnings(settings: Settings) -> list[str]:
    """Settings that work but are probably not what the owner wants."""
    warnings = []
    if settings.answer_channel_ids and not settings.message_content:
        warnings.append(
            f"TRILAT_CHANNELS is set but {MESSAGE_CONTENT} is off: the bot cannot read those "
            "channels and answers only mentions and DMs there"
        )
    if settings.store.enabled and settings.store.hash_salt is None:
        warnings.append(
            f"{HASH_SALT} is not set: the salt for hashing user ids is kept in the question "
            "log next to the hashes, so anyone with the database can test whether a known "
            f"user id asked something; set {HASH_SALT} to a long random secret"
        )
    return warnings


def run(knowledge_flag: str | None, *, force_sync: bool = False) -> int:
    """Exit status: 0 after a clean stop, 1 when Discord refuses, 2 on bad configuration.

    A broken fact base raises KnowledgeError, which the CLI reports with every problem.
    """
    try:
        settings = load_settings(environment(), knowledge=knowledge_flag)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, secrets=[settings.token])
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # text only
    match = MatchSettings().with_threshold(settings.answer_threshold)
    service = KnowledgeService(settings.knowledge_dir, match, settings.state_dir)
    # The first snapshot and everything imported live as long as the process: the cyclic
    # collector need not traverse them on every full collection (a pause in answering).
    gc.freeze()
    log.info(
        "serving %d facts from %s", len(service.snapshot.factbase.facts), settings.knowledge_dir
    )
    shards = settings.shards
    if shards is not None:
        log.info(
            "sharded: %s of %s shards in this process",
            ", ".join(map(str, shards.ids)) if shards.ids is not None else "all",
            shards.count or "Discord's recommended number of",
        )
    for warning in startup_warnings(settings):
        log.warning("%s", warning)

    try:
        return asyncio.run(serve(settings, service, force_sync=force_sync))
    except KeyboardInterrupt:
        log.info("stopped")
    return 0
