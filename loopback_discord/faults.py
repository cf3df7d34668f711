"""REST faults Discord really produces, injected on purpose: rate limits and 5xx.

A `RestFault` says what to answer and for how long; `RestFaults` holds those in force
and is asked about every request before the routes see it, so a faulted request has no
effect (no message is created), as when Discord refuses it.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field

from aiohttp import web

from .responses import discord_error, json_response

FAULT_ROUTES: dict[str, tuple[str | None, re.Pattern[str]]] = {
    "message-create": ("POST", re.compile(r"/channels/\d+/messages")),
    "interaction-callback": ("POST", re.compile(r"/interactions/\d+/[^/]+/callback")),
    "webhook": (None, re.compile(r"/webhooks/\d+/[^/]+(/messages/[^/]+)?")),
}
"""The routes a reply goes through: a channel message, an interaction callback, a follow-up."""

RATE_LIMIT_BUCKET = "emulated-bucket"


@dataclass(frozen=True)
class RestFault:
    """Answer the matching REST calls with `status` instead of handling them.

    `count` limits the fault to the next N matching calls, `seconds` to a period from
    when it is injected (whichever ends first; neither: until cleared). A 429 carries
    Discord's headers (`Retry-After`, `X-RateLimit-*`, `Via`) unless `headers` is False,
    which is how a proxy or Cloudflare answers, and discord.py does not retry that.
    """

    status: int
    count: int | None = None
    seconds: float | None = None
    routes: tuple[str, ...] = tuple(FAULT_ROUTES)
    retry_after: float = 0.25
    headers: bool = True

    def __post_init__(self) -> None:
        unknown = set(self.routes) - set(FAULT_ROUTES)
        if unknown:
            raise ValueError(f"unknown fault routes {sorted(unknown)}; one of {list(FAULT_ROUTES)}")
        if self.status not in (403, 429) and not 500 <= self.status <= 599:
            raise ValueError(f"a REST fault is a 403, a 429 or a 5xx, not {self.status}")

    def covers(self, method: str, path: str) -> bool:
        for name in self.routes:
            wanted, pattern = FAULT_ROUTES[name]
            if (wanted is None or wanted == method) and pattern.fullmatch(path):
                return True
        return False

    def response(self) -> web.Response:
        if self.status == 403:  # a permission the bot lacks in the channel
            return discord_error(403, "Missing Permissions", 50013)
        if self.status != 429:
            return discord_error(self.status, f"{self.status}: emulated server error", 0)
        body = {"message": "You are being rate limited.", "retry_after": self.retry_after}
        response = json_response(body | {"global": False, "code": 0}, 429)
        if self.headers:
            response.headers.update(
                {
                    "Retry-After": str(math.ceil(self.retry_after)),
                    "X-RateLimit-Limit": "5",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset": f"{time.time() + self.retry_after:.3f}",
                    "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
                    "X-RateLimit-Bucket": RATE_LIMIT_BUCKET,
                    "X-RateLimit-Scope": "user",
                    "Via": "1.1 google",
                }
            )
        return response


@dataclass
class _InForce:
    fault: RestFault
    remaining: int | None
    until: float | None


@dataclass
class RestFaults:
    """The faults in force, oldest first; `answered` counts the requests they refused."""

    _in_force: list[_InForce] = field(default_factory=list)
    answered: int = 0

    def inject(self, fault: RestFault) -> None:
        until = None if fault.seconds is None else time.monotonic() + fault.seconds
        self._in_force.append(_InForce(fault, fault.count, until))

    def clear(self) -> None:
        self._in_force.clear()

    @property
    def active(self) -> bool:
        self._expire()
        return bool(self._in_force)

    def answer(self, method: str, path: str) -> web.Response | None:
        """The fault's response if one covers this request (spending one of its count)."""
        self._expire()
        for entry in self._in_force:
            if entry.fault.covers(method, path):
                if entry.remaining is not None:
                    entry.remaining -= 1
                self.answered += 1
                return entry.fault.response()
        return None

    def _expire(self) -> None:
        now = time.monotonic()
        self._in_force = [
            e
            for e in self._in_force
            if (e.remaining is None or e.remaining > 0) and (e.until is None or now < e.until)
        ]
