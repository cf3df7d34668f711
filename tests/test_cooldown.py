"""The question budget: refusals carry the wait, and a flood is warned once."""

from __future__ import annotations

from discord.app_commands import CommandOnCooldown

from bot.frontends.discord_client.cooldown import QuestionLimiter


def spend(limiter: QuestionLimiter, user_id: int, now: float) -> float | None:
    """None when the question was allowed, else the seconds until the next one is."""
    try:
        limiter.spend(user_id, now=now)
    except CommandOnCooldown as spent:
        return spent.retry_after
    return None


def test_budget_refuses_then_recovers() -> None:
    limiter = QuestionLimiter(2, 30)
    assert spend(limiter, 1, now=100.0) is None
    assert spend(limiter, 1, now=101.0) is None
    assert spend(limiter, 1, now=102.0) == 28.0
    assert spend(limiter, 2, now=102.0) is None  # per user
    assert spend(limiter, 1, now=131.0) is None


def test_one_warning_per_cooldown() -> None:
    limiter = QuestionLimiter(1, 10)
    spend(limiter, 1, now=0.0)
    warnings = []
    for second in range(1, 6):
        retry = spend(limiter, 1, now=float(second))
        assert retry is not None
        warnings.append(limiter.should_warn(1, retry, now=float(second)))
    assert warnings == [True, False, False, False, False]
    assert spend(limiter, 1, now=20.0) is None
    retry = spend(limiter, 1, now=21.0)
    assert retry is not None
    assert limiter.should_warn(1, retry, now=21.0)  # a new flood gets a new notice
