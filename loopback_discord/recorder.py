"""The ordered log of HTTP requests the bot made, and waiting on it without sleeps.

Each recorded request is handed to at most one waiter, so two waits for
"POST /channels/.../messages" return the first and then the second message.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RecordedFile:
    """One file part of a multipart request (`files[0]`, ...)."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class RecordedRequest:
    """A request as Discord would have received it, with the emulator's answer.

    `path` is relative to `/api/v10` (e.g. `/channels/123/messages`); `json` is the
    parsed body, or `payload_json` for multipart bodies; `response` is the JSON answer
    (None for 204).
    """

    index: int
    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: tuple[RecordedFile, ...]
    headers: dict[str, str]
    status: int
    response: Any

    def matches(self, method: str | None, path_re: str | re.Pattern[str] | None) -> bool:
        """`method` compares case-insensitively; `path_re` must match the whole path."""
        if method is not None and self.method != method.upper():
            return False
        return path_re is None or re.fullmatch(path_re, self.path) is not None

    def __str__(self) -> str:
        return f"#{self.index} {self.method} {self.path} -> {self.status}"


Predicate = Callable[[RecordedRequest], bool]


@dataclass
class RequestLog:
    """Append-only request log; waiters wake on every append."""

    _records: list[RecordedRequest] = field(default_factory=list)
    _claimed: set[int] = field(default_factory=set)
    _appended: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def records(self) -> list[RecordedRequest]:
        return list(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def next_index(self) -> int:
        return len(self._records)

    def append(self, record: RecordedRequest) -> None:
        self._records.append(record)
        event, self._appended = self._appended, asyncio.Event()
        event.set()

    def find(
        self,
        method: str | None = None,
        path_re: str | re.Pattern[str] | None = None,
        *,
        predicate: Predicate | None = None,
        since: int = 0,
    ) -> list[RecordedRequest]:
        """Every matching request from index `since`, claimed or not."""
        return [
            r
            for r in self._records[since:]
            if r.matches(method, path_re) and (predicate is None or predicate(r))
        ]

    async def wait_for(
        self,
        method: str | None = None,
        path_re: str | re.Pattern[str] | None = None,
        *,
        predicate: Predicate | None = None,
        since: int = 0,
        timeout: float = 5.0,
    ) -> RecordedRequest:
        """The first unclaimed match at or after `since`, waiting for it if needed."""
        try:
            async with asyncio.timeout(timeout):
                while True:
                    for record in self._records[since:]:
                        if record.index in self._claimed:
                            continue
                        if record.matches(method, path_re) and (
                            predicate is None or predicate(record)
                        ):
                            self._claimed.add(record.index)
                            return record
                    await self._appended.wait()
        except TimeoutError:
            seen = "\n  ".join(str(r) for r in self._records[since:][-15:]) or "(none)"
            raise RequestTimeoutError(
                f"no {method or 'ANY'} {path_re or '*'} request within {timeout}s; "
                f"requests since #{since}:\n  {seen}"
            ) from None


class RequestTimeoutError(TimeoutError):
    """The bot did not make the expected request in time; the message lists what it did."""
