"""The Discord client: intents, extensions, command sync, reloads and error reporting."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.i18n.localise import in_locale
from bot.core.i18n.wording import Wording
from bot.core.loader import KnowledgeError
from bot.core.service import FactDiff, KnowledgeService, responsive_while_busy
from bot.frontends.discord_client.checks import open_to_configured_admins
from bot.frontends.discord_client.command_sync import sync_commands
from bot.frontends.discord_client.cooldown import QuestionLimiter
from bot.frontends.discord_client.replies import NO_MENTIONS, error_text, report_error
from bot.frontends.discord_client.translator import LanguageTranslator
from bot.operations.config import Settings
from bot.operations.health import HealthServer
from bot.operations.metrics import BotMetrics
from bot.operations.store import SafeLog
from bot.operations.store.records import hash_user

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.frontends.discord_client.exts.questions.ask",
    "bot.frontends.discord_client.exts.info.catalog",
    "bot.frontends.discord_client.exts.admin.reload",
    "bot.frontends.discord_client.exts.admin.insights",
    "bot.frontends.discord_client.exts.info.startup",
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
        await cast(TrilatBot, self.client).report_error(interaction, error)


class TrilatBot(commands.Bot):
    """Answers from a KnowledgeService; slash commands and listeners live in extensions.

    What outlives one answer (the question log, metrics, question budget and health
    endpoint) is built and opened by the runner and handed in.
    """

    def __init__(
        self,
        settings: Settings,
        service: KnowledgeService,
        *,
        question_log: SafeLog,
        metrics: BotMetrics,
        limiter: QuestionLimiter,
        health: HealthServer,
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
        self.question_log = question_log
        self.metrics = metrics
        self.limiter = limiter
        self.health = health
        self.force_sync = force_sync

    async def setup_hook(self) -> None:
        await self.tree.set_translator(LanguageTranslator(lambda: self.service.snapshot.languages))
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        open_to_configured_admins(self.tree, self.settings)
        if self.settings.shards is None or self.settings.shards.syncs_commands:
            await sync_commands(
                self.tree,
                self.application_id,
                guild_id=self.settings.dev_guild_id,
                state_dir=self.settings.state_dir,
                force=self.force_sync,
            )
        else:
            log.info("not syncing application commands: the process holding shard 0 does")

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: questions are read by the questions extension's listener."""

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        self.metrics.errors.inc()
        log.exception("unhandled error in %s", event_method)

    async def report_error(
        self, interaction: discord.Interaction, error: Exception, wording: Wording | None = None
    ) -> None:
        """Count an unexpected error, then tell the user in `wording`'s language, by default
        the interaction's (see `replies.report_error`)."""
        if error_text(error) is None:
            self.metrics.errors.inc()
        await report_error(interaction, error, wording or self.wording_for(interaction))

    def wording(self, lang: str | None) -> Wording:
        """The fixed texts of a language code ("ko", an answer's `lang`); English if unknown."""
        return Wording(self.service.snapshot.languages.get(lang or ""))

    def wording_for(self, interaction: discord.Interaction) -> Wording:
        """The language to reply to an interaction in: its question's, when it has one typed
        in Korean or Hindi, else the member's client locale."""
        question = getattr(interaction.namespace, "question", None)
        text = question if isinstance(question, str) else ""
        return Wording(self.service.language_for(text, str(interaction.locale)))

    def wording_in_guild(self, guild: discord.Guild | None) -> Wording:
        """The server's preferred language, for a reply with no question to read (a bare
        mention); English in direct messages."""
        languages = self.service.snapshot.languages
        return Wording(in_locale(languages, str(guild.preferred_locale)) if guild else None)

    def gateway_status(self) -> dict[int, bool]:
        """Each gateway connection this process holds, by shard id: is it open?"""
        ws = self.ws
        return {self.shard_id or 0: ws is not None and ws.open}

    def user_label(self, user_id: int) -> str:
        """How logs name a user: the question log's salted hash when the salt is configured,
        else nothing that identifies them (a raw id never reaches the log)."""
        salt = self.settings.store.hash_salt
        return f"user {hash_user(salt, user_id)[:12]}" if salt else "a user"

    async def reload_knowledge(self, reason: str) -> FactDiff:
        """Reload off the event loop so answers keep flowing; the old facts stay on error.

        Dispatches `knowledge_reloaded(diff)` on success and `knowledge_reload_failed(error)`
        on failure, for listeners and tests.
        """
        try:
            with responsive_while_busy():
                diff = await asyncio.to_thread(self.service.reload)
        except Exception as error:
            self.metrics.reload_failures.inc()
            facts = len(self.service.snapshot.factbase.facts)
            if isinstance(error, KnowledgeError):
                log.warning(
                    "reload (%s) failed, still serving %d facts:\n%s", reason, facts, error.report()
                )
            else:
                log.exception(
                    "reload (%s) failed unexpectedly, still serving %d facts", reason, facts
                )
            self.dispatch("knowledge_reload_failed", error)
            raise
        self.metrics.reloads.inc()
        log.info("reloaded the fact base (%s): %s", reason, diff.summary())
        self.dispatch("knowledge_reloaded", diff)
        return diff


class ShardedTrilatBot(TrilatBot, commands.AutoShardedBot):
    """The same bot on several gateway connections (shards), or a subset of them.

    Discord routes each guild to one shard (and every DM to shard 0); several processes,
    each with its own `shard_ids`, share the load.
    """

    def gateway_status(self) -> dict[int, bool]:
        return {shard_id: not info.is_closed() for shard_id, info in self.shards.items()}


def create_bot(settings: Settings, service: KnowledgeService, **given: Any) -> TrilatBot:
    """A TrilatBot, or a ShardedTrilatBot when the settings ask for shards; `given` holds
    what the runner built for it and discord.py's options."""
    shards = settings.shards
    if shards is None:
        return TrilatBot(settings, service, **given)
    return ShardedTrilatBot(
        settings,
        service,
        shard_count=shards.count,
        shard_ids=list(shards.ids) if shards.ids is not None else None,
        **given,
    )
