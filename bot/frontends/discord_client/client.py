"""The Discord client: intents, extensions, command sync, reloads and error reporting."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
from collections.abc import AsyncIterator
from typing import Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.core.answer import Answer
from bot.core.loader import KnowledgeError
from bot.core.service import FactDiff, KnowledgeService, responsive_while_busy
from bot.frontends.discord_client.checks import open_to_configured_admins
from bot.frontends.discord_client.command_sync import (
    STATE_FILE,
    fingerprint,
    save_fingerprint,
    saved_fingerprint,
    scope_name,
)
from bot.frontends.discord_client.cooldown import QuestionLimiter
from bot.frontends.discord_client.replies import NO_MENTIONS, error_text, report_error
from bot.frontends.discord_client.translator import LanguageTranslator
from bot.operations.config import Settings
from bot.operations.health import HealthServer, HealthStatus
from bot.operations.metrics import BotMetrics
from bot.operations.store import AnswerRecord, FeedbackRecord, SafeLog, store_for
from bot.operations.store.records import hash_user, utcnow

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.frontends.discord_client.exts.questions.ask",
    "bot.frontends.discord_client.exts.info.catalog",
    "bot.frontends.discord_client.exts.admin.reload",
    "bot.frontends.discord_client.exts.admin.insights",
    "bot.frontends.discord_client.exts.info.startup",
)
PRUNE_INTERVAL = 24 * 60 * 60.0


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

    It also owns what outlives one answer: the question log (best-effort), the metrics,
    and the health endpoint.
    """

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
        self.metrics = BotMetrics()
        self.question_log = SafeLog(store_for(settings.store), on_error=self.metrics.log_errors.inc)
        self.health = HealthServer(self.health_status, self.metrics.render)
        self._add_gauges()
        self._signal_tasks: set[asyncio.Task[None]] = set()
        self._prune_task: asyncio.Task[None] | None = None
        self._check_task: asyncio.Task[None] | None = None
        self._sighup_installed = False

    async def setup_hook(self) -> None:
        await self.question_log.open()
        await self.prune_question_log()
        if self.question_log.enabled and self.settings.store.retention_days:
            self._prune_task = asyncio.create_task(self._prune_daily(), name="trilat-prune")
        if self.question_log.enabled:
            self._check_task = asyncio.create_task(self._check_log(), name="trilat-log-check")
        await self.tree.set_translator(LanguageTranslator(lambda: self.service.snapshot.languages))
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        open_to_configured_admins(self.tree, self.settings)
        if self.settings.shards is None or self.settings.shards.syncs_commands:
            await self.sync_commands()
        else:
            log.info("not syncing application commands: the process holding shard 0 does")
        self._install_sighup()
        await self._start_health()

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: questions are read by the questions extension's listener."""

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        self.metrics.errors.inc()
        log.exception("unhandled error in %s", event_method)

    async def report_error(self, interaction: discord.Interaction, error: Exception) -> None:
        """Count an unexpected error, then tell the user (see `replies.report_error`)."""
        if error_text(error) is None:
            self.metrics.errors.inc()
        await report_error(interaction, error)

    # -- the question log ------------------------------------------------------------------

    def log_answer(
        self,
        answer: Answer,
        *,
        via: str,
        guild_id: int | None,
        channel_id: int | None,
        user_id: int | None,
    ) -> str | None:
        """Count and log an answer; its id for feedback buttons, None when logging is off.

        The write happens in the background, so the reply never waits for the database,
        and a failing database is reported by the log, never here.
        """
        self.metrics.count_answer(answer.answered, via)
        if not self.question_log.enabled:
            return None
        record = AnswerRecord.of(
            answer, via=via, guild_id=guild_id, channel_id=channel_id, user_id=user_id
        )
        self.question_log.record_answer_soon(record)
        return record.id

    @contextlib.asynccontextmanager
    async def delivering(self, answer_id: str | None) -> AsyncIterator[None]:
        """Around sending a logged answer: records whether the reply reached Discord, so
        /stats counts what users received, not what the bot meant to send."""
        try:
            yield
        except BaseException:
            if answer_id is not None:
                self.question_log.record_delivery_soon(answer_id, False)
            raise
        if answer_id is not None:
            self.question_log.record_delivery_soon(answer_id, True)

    async def record_feedback(self, answer_id: str, user_id: int, helpful: bool) -> bool | None:
        """True stored, False already rated by this user or no such answer logged, None when
        it could not be stored. Pending answer writes land first, so a quick vote counts."""
        await self.question_log.flush()
        # While the log is failing, the answer itself may not have been written.
        degraded = self.question_log.state != "ok"
        stored = await self.question_log.record_feedback(
            FeedbackRecord(answer_id, user_id, helpful)
        )
        if stored:
            (self.metrics.helpful if helpful else self.metrics.unhelpful).inc()
        return None if stored is False and degraded else stored

    async def prune_question_log(self) -> None:
        days = self.settings.store.retention_days
        if not self.question_log.enabled or not days:
            return
        deleted = await self.question_log.prune(utcnow() - dt.timedelta(days=days))
        if deleted:
            log.info("pruned %d question-log rows older than %d days", deleted, days)

    async def _check_log(self) -> None:
        while True:
            await asyncio.sleep(self.settings.store.check_interval)
            await self.question_log.check()

    async def _prune_daily(self) -> None:
        while True:
            await asyncio.sleep(PRUNE_INTERVAL)
            await self.prune_question_log()

    # -- health and metrics ----------------------------------------------------------------

    def gateway_status(self) -> dict[int, bool]:
        """Each gateway connection this process holds, by shard id: is it open?"""
        ws = self.ws
        return {self.shard_id or 0: ws is not None and ws.open}

    def user_label(self, user_id: int) -> str:
        """How logs name a user: the question log's salted hash when the salt is configured,
        else nothing that identifies them (a raw id never reaches the log)."""
        salt = self.settings.store.hash_salt
        return f"user {hash_user(salt, user_id)[:12]}" if salt else "a user"

    def health_status(self) -> HealthStatus:
        shards = self.gateway_status()
        connected = (
            self.is_ready() and not self.is_closed() and bool(shards) and all(shards.values())
        )
        snapshot = self.service.snapshot
        return HealthStatus(
            gateway_connected=connected,
            facts=len(snapshot.factbase.facts),
            last_reload=snapshot.loaded_at,
            question_log=self.question_log.state,
            question_log_losses=self.question_log.losses,
            version=__version__,
            shards=shards,
        )

    def _add_gauges(self) -> None:
        metrics = self.metrics
        metrics.gauge(
            "trilat_gateway_connected",
            "1 while every gateway connection of this process is open.",
            lambda: float(self.health_status().gateway_connected),
        )
        metrics.gauge(
            "trilat_facts", "Facts being served.", lambda: len(self.service.snapshot.factbase.facts)
        )
        metrics.gauge(
            "trilat_last_reload_timestamp_seconds",
            "When the facts being served were loaded (Unix time).",
            lambda: self.service.snapshot.loaded_at.timestamp(),
        )
        metrics.gauge(
            "trilat_question_log_up",
            "1 while the question log works, 0 when it is failing or off.",
            lambda: float(self.question_log.state == "ok"),
        )
        metrics.gauge(
            "trilat_question_log_losses",
            "Times the question log's database was found deleted, replaced or damaged.",
            lambda: float(self.question_log.losses),
        )
        metrics.shards(self.gateway_status)

    async def _start_health(self) -> None:
        """The endpoint is optional; a port already taken is logged, not fatal."""
        health = self.settings.health
        if health is None:
            return
        try:
            await self.health.start(health.host, health.port)
        except OSError as error:
            log.error(
                "cannot serve /healthz on %s:%d: %s; the bot runs without it",
                health.host,
                health.port,
                error,
            )

    async def sync_commands(self) -> None:
        """Upload the command tree when it differs from the last upload (or when forced)."""
        guild_id = self.settings.dev_guild_id
        guild = discord.Object(guild_id) if guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        translator = self.tree.translator
        payloads = [
            await command.get_translated_payload(self.tree, translator)
            if translator
            else command.to_dict(self.tree)
            for command in self.tree.get_commands(guild=guild)
        ]
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
        with contextlib.suppress(Exception):  # already logged by reload_knowledge
            await self.reload_knowledge(reason)

    async def close(self) -> None:
        if self._sighup_installed:
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
            self._sighup_installed = False
        try:
            await super().close()
        finally:
            for task in (self._prune_task, self._check_task):
                if task is not None:
                    task.cancel()
            self._prune_task = self._check_task = None
            await self.health.stop()
            await self.question_log.close()


class ShardedTrilatBot(TrilatBot, commands.AutoShardedBot):
    """The same bot on several gateway connections (shards), or a subset of them.

    Discord routes each guild to one shard (and every DM to shard 0); several processes,
    each with its own `shard_ids`, share the load.
    """

    def gateway_status(self) -> dict[int, bool]:
        return {shard_id: not info.is_closed() for shard_id, info in self.shards.items()}


def create_bot(
    settings: Settings, service: KnowledgeService, *, force_sync: bool = False, **options: Any
) -> TrilatBot:
    """A TrilatBot, or a ShardedTrilatBot when the settings ask for shards."""
    shards = settings.shards
    if shards is None:
        return TrilatBot(settings, service, force_sync=force_sync, **options)
    return ShardedTrilatBot(
        settings,
        service,
        force_sync=force_sync,
        shard_count=shards.count,
        shard_ids=list(shards.ids) if shards.ids is not None else None,
        **options,
    )
