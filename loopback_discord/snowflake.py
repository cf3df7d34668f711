"""Discord snowflake ids, generated from the clock so ids sort like real ones do."""

from __future__ import annotations

import datetime as dt
import time

DISCORD_EPOCH_MS = 1_420_070_400_000
"""First millisecond of 2015, the zero of every Discord snowflake."""

_INCREMENT_BITS = 12
_INCREMENT_LIMIT = 1 << _INCREMENT_BITS


class SnowflakeFactory:
    """Hands out strictly increasing snowflakes: clock milliseconds, worker, process, counter.

    Strict ordering matters because discord.py and Discord both sort messages by id.
    """

    def __init__(self, *, worker_id: int = 1, process_id: int = 0) -> None:
        self._worker_id = worker_id & 0x1F
        self._process_id = process_id & 0x1F
        self._last_ms = 0
        self._increment = 0

    def __call__(self) -> int:
        now_ms = time.time_ns() // 1_000_000 - DISCORD_EPOCH_MS
        if now_ms > self._last_ms:
            self._last_ms, self._increment = now_ms, 0
        else:
            self._increment += 1
            if self._increment >= _INCREMENT_LIMIT:
                self._last_ms, self._increment = self._last_ms + 1, 0
        return (
            (self._last_ms << 22)
            | (self._worker_id << 17)
            | (self._process_id << _INCREMENT_BITS)
            | self._increment
        )


def snowflake_time(snowflake: int) -> dt.datetime:
    """The creation time Discord encodes in the top 42 bits of an id."""
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)


def iso_timestamp(snowflake: int) -> str:
    """ISO 8601 timestamp of an id, in the form Discord uses for `timestamp` fields."""
    return snowflake_time(snowflake).isoformat()
