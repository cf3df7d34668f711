"""Reaching Discord at start: a network failure (DNS, TLS, timeout, refused) is retried
with exponential backoff, then reported in one line, never as a traceback."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable

import aiohttp

from bot.operations.config import ConnectRetry

log = logging.getLogger(__name__)

UNREACHABLE: tuple[type[BaseException], ...] = (
    aiohttp.ClientConnectionError,  # refused, DNS, TLS (ClientConnectorError and kin)
    ssl.SSLError,
    TimeoutError,
    OSError,
)


class DiscordUnreachable(Exception):
    """Every attempt failed; the message is the one line for the operator."""


def describe(error: BaseException) -> str:
    return str(error) or type(error).__name__


async def with_retries(
    attempt: Callable[[], Awaitable[int]],
    retry: ConnectRetry,
    *,
    reached: Callable[[], bool],
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> int:
    """Run `attempt` (a fresh client each time) until it returns; a network error before
    `reached()` (Discord answered once) is retried, one log line per failed attempt."""
    for number in range(1, retry.attempts + 1):
        try:
            return await attempt()
        except UNREACHABLE as error:
            if reached():
                raise
            if number == retry.attempts:
                raise DiscordUnreachable(
                    f"cannot reach Discord after {retry.attempts} attempts ({describe(error)}): "
                    "check the network, DNS and firewall, then start the bot again"
                ) from None
            delay = retry.delay(number)
            log.warning(
                "cannot reach Discord (attempt %d of %d): %s; retrying in %.2g s",
                number,
                retry.attempts,
                describe(error),
                delay,
            )
            await sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
