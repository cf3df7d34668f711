"""Sending through Discord's transient faults: 5xx and 429 retried a few times, in time.

discord.py already retries 500/502/504 and a 429 that carries Discord's headers, but not
a 503 or a bare 429 (from a proxy or Cloudflare): those reach us, and an answer the user
waits for is worth a few more tries. Other 4xx are our mistake and are never retried.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import discord

log = logging.getLogger(__name__)

T = TypeVar("T")

INTERACTION_RESPONSE_WINDOW = 3.0
"""Seconds Discord gives a bot to acknowledge an interaction."""
FOLLOWUP_WINDOW = 15 * 60.0
"""Seconds an interaction token stays valid for follow-ups."""
SAFETY_MARGIN = 0.25
"""A retry must be sent at least this long before its deadline."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry: `retries` after the first try, backing off."""

    retries: int
    first_delay: float
    max_delay: float
    budget: float
    """Seconds from the first try after which no retry starts."""

    def delay(self, retry: int, error: BaseException) -> float:
        """Exponential backoff, but never shorter than a 429's Retry-After."""
        backoff = min(self.max_delay, self.first_delay * 2**retry)
        return max(backoff, retry_after(error) or 0.0)


MESSAGE_RETRIES = RetryPolicy(retries=4, first_delay=0.5, max_delay=4.0, budget=30.0)
"""Channel replies and follow-ups: 0.5 + 1 + 2 + 4 s of waiting at most, between tries."""
INTERACTION_RETRIES = RetryPolicy(retries=3, first_delay=0.2, max_delay=1.0, budget=3.0)
"""An interaction's first response, which must reach Discord within 3 s of the click."""


def is_transient(error: BaseException) -> bool:
    """A Discord-side failure worth retrying: any 5xx, or 429 Too Many Requests."""
    if isinstance(error, discord.DiscordServerError):
        return True
    return isinstance(error, discord.HTTPException) and error.status == 429


def retry_after(error: BaseException) -> float | None:
    """A 429's `Retry-After` header in seconds, when it has one."""
    if not isinstance(error, discord.HTTPException) or error.status != 429:
        return None
    headers = getattr(error.response, "headers", None) or {}
    try:
        return float(headers["Retry-After"])
    except (KeyError, TypeError, ValueError):
        return None


def describe(error: BaseException) -> str:
    if isinstance(error, discord.HTTPException):
        return f"{error.status} {error.response.reason or ''}".strip()
    return type(error).__name__


def seconds_left(created_at: dt.datetime, window: float) -> float:
    """Seconds until `window` after `created_at` (an interaction's snowflake time) runs out."""
    return window - (discord.utils.utcnow() - created_at).total_seconds()


async def deliver(
    send: Callable[[], Awaitable[T]],
    *,
    what: str,
    policy: RetryPolicy = MESSAGE_RETRIES,
    time_left: float | None = None,
) -> T:
    """`await send()`, retrying transient failures with backoff; one log line per retry.

    No retry starts later than `policy.budget` or `time_left` seconds from now (less a
    safety margin); the last failure is raised as it came.
    """
    loop = asyncio.get_running_loop()
    limit = policy.budget if time_left is None else min(policy.budget, time_left)
    deadline = loop.time() + limit - SAFETY_MARGIN
    retry = 0
    while True:
        try:
            return await send()
        except discord.HTTPException as error:
            if not is_transient(error) or retry >= policy.retries:
                raise
            wait = policy.delay(retry, error)
            if loop.time() + wait > deadline:
                raise
            retry += 1
            log.warning(
                "%s failed with %s; retry %d of %d in %.2f s",
                what,
                describe(error),
                retry,
                policy.retries,
                wait,
            )
            await asyncio.sleep(wait)
