"""A per-user question budget shared by mentions, DMs, slash commands and buttons."""

from __future__ import annotations

import time

from discord.app_commands import CommandOnCooldown, Cooldown
from discord.ext.commands import CooldownMapping


class QuestionLimiter:
    """`rate` questions per `per` seconds per user, and at most one warning per cooldown.

    The bucket logic is discord.py's own; what is added is remembering who was already
    told to slow down, so a flood of messages gets one notice, not one per message.
    """

    def __init__(self, rate: int, per: float) -> None:
        self.cooldown = Cooldown(rate, per)
        self._buckets: CooldownMapping[int] = CooldownMapping(
            self.cooldown, lambda user_id: user_id
        )
        self._warned_until: dict[int, float] = {}

    def spend(self, user_id: int, now: float | None = None) -> None:
        """Spend one question; every way of asking comes here. Raises `CommandOnCooldown`
        (with the seconds until the next is allowed) when the budget is spent."""
        now = time.time() if now is None else now
        retry_after = self._buckets.update_rate_limit(user_id, now)
        if retry_after is not None:
            raise CommandOnCooldown(self.cooldown, retry_after)
        self._warned_until.pop(user_id, None)

    def should_warn(self, user_id: int, retry_after: float, now: float | None = None) -> bool:
        """True the first time a user is refused in this cooldown, False for the rest."""
        now = time.time() if now is None else now
        if self._warned_until.get(user_id, 0.0) > now:
            return False
        self._warned_until[user_id] = now + retry_after
        return True
