"""`python -m bot run`: settings, logging, the fact base, then the Discord client until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys

import discord

from bot.bot import create_bot
from bot.config import MESSAGE_CONTENT, ConfigError, environment, load_settings
from bot.log import setup_logging
from bot.service import KnowledgeService

log = logging.getLogger(__name__)


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
    service = KnowledgeService(settings.knowledge_dir, settings.match)
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
    if settings.answer_channel_ids and not settings.message_content:
        log.warning(
            "TRILAT_CHANNELS is set but %s is off: the bot cannot read those channels and "
            "answers only mentions and DMs there",
            MESSAGE_CONTENT,
        )

    async def main() -> None:
        async with create_bot(settings, service, force_sync=force_sync) as client:
            loop = asyncio.get_running_loop()
            with contextlib.suppress(NotImplementedError):  # `docker stop` sends SIGTERM
                loop.add_signal_handler(signal.SIGTERM, lambda: loop.create_task(client.close()))
            await client.start(settings.token)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        log.info("stopped")
    except discord.LoginFailure:
        log.error("Discord rejected DISCORD_TOKEN: reset the token in the Developer Portal")
        return 1
    except discord.PrivilegedIntentsRequired:
        log.error(
            "the Message Content intent is not enabled for this application: enable it in "
            "the Developer Portal (Bot > Privileged Gateway Intents) or unset %s",
            MESSAGE_CONTENT,
        )
        return 1
    return 0
