"""What /healthz and /metrics say about a running client, and serving them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from bot import __version__
from bot.operations.config import HealthSettings
from bot.operations.health import HealthServer, HealthStatus
from bot.operations.metrics import BotMetrics

if TYPE_CHECKING:
    from bot.frontends.discord_client.client import TrilatBot

log = logging.getLogger(__name__)


def health_status(bot: TrilatBot) -> HealthStatus:
    shards = bot.gateway_status()
    connected = bot.is_ready() and not bot.is_closed() and bool(shards) and all(shards.values())
    snapshot = bot.service.snapshot
    return HealthStatus(
        gateway_connected=connected,
        facts=len(snapshot.factbase.facts),
        last_reload=snapshot.loaded_at,
        question_log=bot.question_log.state,
        question_log_losses=bot.question_log.losses,
        version=__version__,
        shards=shards,
    )


def add_gauges(metrics: BotMetrics, bot: TrilatBot) -> None:
    metrics.gauge(
        "trilat_gateway_connected",
        "1 while every gateway connection of this process is open.",
        lambda: float(health_status(bot).gateway_connected),
    )
    metrics.gauge(
        "trilat_facts", "Facts being served.", lambda: len(bot.service.snapshot.factbase.facts)
    )
    metrics.gauge(
        "trilat_last_reload_timestamp_seconds",
        "When the facts being served were loaded (Unix time).",
        lambda: bot.service.snapshot.loaded_at.timestamp(),
    )
    metrics.gauge(
        "trilat_question_log_up",
        "1 while the question log works, 0 when it is failing or off.",
        lambda: float(bot.question_log.state == "ok"),
    )
    metrics.gauge(
        "trilat_question_log_losses",
        "Times the question log's database was found deleted, replaced or damaged.",
        lambda: float(bot.question_log.losses),
    )
    metrics.shards(bot.gateway_status)


@contextlib.asynccontextmanager
async def serving_health(
    server: HealthServer, settings: HealthSettings | None
) -> AsyncIterator[HealthServer]:
    """The endpoint is optional; a port already taken is logged, not fatal."""
    if settings is not None:
        try:
            await server.start(settings.host, settings.port)
        except OSError as error:
            log.error(
                "cannot serve /healthz on %s:%d: %s; the bot runs without it",
                settings.host,
                settings.port,
                error,
            )
    try:
        yield server
    finally:
        await server.stop()
