"""Retrying sends: transient Discord failures are retried a bounded number of times, in time."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import discord
import pytest

from bot.frontends.discord_client.delivery import RetryPolicy, deliver, is_transient, retry_after

NO_WAIT = RetryPolicy(retries=3, first_delay=0.0, max_delay=0.0, budget=60.0)


@dataclass
class FakeResponse:
    """What `discord.HTTPException` reads from an aiohttp response."""

    status: int
    reason: str = "Error"
    headers: dict[str, str] = field(default_factory=dict)


def failure(status: int, **headers: str) -> discord.HTTPException:
    response = FakeResponse(status, headers=headers)
    if status >= 500:
        return discord.DiscordServerError(response, {"message": "", "code": 0})  # type: ignore[arg-type]
    if status == 404:
        return discord.NotFound(response, {"message": "Unknown", "code": 10008})  # type: ignore[arg-type]
    return discord.HTTPException(response, {"message": "", "code": 0})  # type: ignore[arg-type]


class Flaky:
    """Fails with each of `failures` in turn, then returns "sent"."""

    def __init__(self, *failures: BaseException) -> None:
        self.failures = list(failures)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "sent"


@pytest.mark.parametrize("status", [500, 502, 503, 429])
async def test_transient_failures_are_retried_with_one_log_line_each(
    status: int, caplog: pytest.LogCaptureFixture
) -> None:
    send = Flaky(failure(status), failure(status))
    with caplog.at_level(logging.WARNING, logger="bot.frontends.discord_client.delivery"):
        assert await deliver(send, what="reply to message 1", policy=NO_WAIT) == "sent"
    assert send.calls == 3
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith(f"reply to message 1 failed with {status}")
    assert "retry 1 of 3" in lines[0] and "retry 2 of 3" in lines[1]


@pytest.mark.parametrize("status", [400, 403, 404])
async def test_other_client_errors_are_not_retried(status: int) -> None:
    send = Flaky(failure(status))
    with pytest.raises(discord.HTTPException) as raised:
        await deliver(send, what="reply", policy=NO_WAIT)
    assert raised.value.status == status and send.calls == 1


async def test_retries_are_bounded() -> None:
    send = Flaky(*(failure(503) for _ in range(10)))
    with pytest.raises(discord.DiscordServerError):
        await deliver(send, what="reply", policy=NO_WAIT)
    assert send.calls == NO_WAIT.retries + 1


async def test_no_retry_past_the_deadline() -> None:
    patient = RetryPolicy(retries=3, first_delay=1.0, max_delay=1.0, budget=60.0)
    send = Flaky(failure(503))
    with pytest.raises(discord.DiscordServerError):
        await deliver(send, what="response", policy=patient, time_left=0.5)
    assert send.calls == 1


def test_a_rate_limit_waits_at_least_its_retry_after() -> None:
    policy = RetryPolicy(retries=3, first_delay=0.5, max_delay=4.0, budget=30.0)
    assert retry_after(failure(429, **{"Retry-After": "3"})) == 3.0
    assert policy.delay(0, failure(429, **{"Retry-After": "3"})) == 3.0
    assert policy.delay(0, failure(429)) == 0.5
    assert policy.delay(2, failure(503)) == 2.0
    assert policy.delay(9, failure(503)) == 4.0
    assert retry_after(failure(503, **{"Retry-After": "3"})) is None


def test_what_counts_as_transient() -> None:
    assert all(is_transient(failure(s)) for s in (429, 500, 502, 503, 504))
    assert not any(is_transient(failure(s)) for s in (400, 401, 403, 404))
    assert not is_transient(ValueError("not from Discord"))
