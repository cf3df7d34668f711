"""The question budget: refusals carry the wait, and a flood is warned once."""

from __future__ import annotations

from bot.frontends.discord_client.cooldown import QuestionLimiter


def test_budget_refuses_then_recovers() -> None:
    limiter = QuestionLimiter(2, 30)
    assert limiter.hit(1, now=100.0) is None
    assert limiter.hit(1, now=101.0) is None
    assert limiter.hit(1, now=102.0) == 28.0
    assert limiter.hit(2, now=102.0) is None  # per user
    assert limiter.hit(1, now=131.0) is None


def test_one_warning_per_cooldown() -> None:
    limiter = QuestionLimiter(1, 10)
    limiter.hit(1, now=0.0)
    warnings = []
    for second in range(1, 6):
        retry = limiter.hit(1, now=float(second))
        warnings.append(limiter.should_warn(1, retry, now=float(second)))
    assert warnings == [True, False, False, False, False]
    assert limiter.hit(1, now=20.0) is None
    retry = limiter.hit(1, now=21.0)
    assert limiter.should_warn(1, retry, now=21.0)  # a new flood gets a new notice
