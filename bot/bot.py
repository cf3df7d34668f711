"""The Discord client: intents, extensions, command sync, reloads and error reporting."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.command_sync import (
    STATE_FILE,
    fingerprint,
    save_fingerprint,
    saved_fingerprint,
    scope_name,
)
from bot.config import Settings
from bot.cooldown import QuestionLimiter
from bot.loader import KnowledgeError
from bot.replies import NO_MENTIONS, report_error
from bot.service import FactDiff, KnowledgeService

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.exts.questions.ask",
    "bot.exts.info.catalog",
    "bot.exts.admin.reload",
)


def intents_for(settings: Settings) -> discord.Intents:
    """The least the bot needs; message content only when the operator enabled it."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = settings.message_content
    return intents


class TrilatTree(app_commands.CommandTree):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Every failed command gets a short ephemeral reply; nothing stops the bot."""
        await report_error(interaction, error)


class TrilatBot(commands.Bot):
    """Answers from a KnowledgeService; slash commands and listeners live in extensions."""

    def __init__(
        self,
        settings: Settings,
        service: KnowledgeService,
        *,
        force_sync: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents_for(settings),
            allowed_mentions=NO_MENTIONS,
            tree_cls=TrilatTree,
            **options,
        )
        self.settings = settings
        self.service = service
        self.limiter = QuestionLimiter(settings.cooldown_rate, settings.cooldown_seconds)
        self.force_sync = force_sync
        self._signal_tasks: set[asyncio.Task[None]] = set()
        self._sighup_installed = False

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()
        self._install_sighup()

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: questions are read by the questions extension's listener."""

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        log.exception("unhandled error in %s", event_method)

    async def sync_commands(self) -> None:
        """Upload the command tree when it differs from the last upload (or when forced)."""
        guild_id = self.settings.dev_guild_id
        guild = discord.Object(guild_id) if guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        payloads = [command.to_dict(self.tree) for command in self.tree.get_commands(guild=guild)]
        scope = scope_name(guild_id)
        digest = fingerprint(self.application_id, payloads)
        state = self.settings.state_dir / STATE_FILE
        if not self.force_sync and saved_fingerprint(state, scope) == digest:
            log.info("application commands unchanged since the last sync (%s); not syncing", scope)
            return
        synced = await self.tree.sync(guild=guild)
        save_fingerprint(state, scope, digest)
        log.info("synced %d application commands (%s)", len(synced), scope)

    async def reload_knowledge(self, reason: str) -> FactDiff:
        """Reload off the event loop so answers keep flowing; the old facts stay on error.

        Dispatches `knowledge_reloaded(diff)` on success, for listeners and tests.
        """
        try:
            diff = await asyncio.to_thread(self.service.reload)
        except KnowledgeError as error:
            log.warning(
                "reload (%s) failed, still serving %d facts:\n%s",
                reason,
                len(self.service.snapshot.factbase.facts),
                error.report(),
            )
            raise
        log.info("reloaded the fact base (%s): %s", reason, diff.summary())
        self.dispatch("knowledge_reloaded", diff)
        return diff

    def _install_sighup(self) -> None:
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._on_sighup)
        except (AttributeError, NotImplementedError, RuntimeError) as error:
            log.warning("no reload on SIGHUP here: %s", error)
        else:
            self._sighup_installed = True

    def _on_sighup(self) -> None:
        log.info("SIGHUP received: reloading the fact base")
        task = asyncio.create_task(self._reload_quietly("SIGHUP"))
        self._signal_tasks.add(task)
        task.add_done_callback(self._signal_tasks.discard)

    async def _reload_quietly(self, reason: str) -> None:
        with contextlib.suppress(KnowledgeError):  # already logged with every problem
            await self.reload_knowledge(reason)

    async def close(self) -> None:
        if self._sighup_installed:
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
            self._sighup_installed = False
        await super().close()
