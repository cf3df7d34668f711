"""Unix signals while the client runs: each handler is a coroutine started as a task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Iterator, Mapping

log = logging.getLogger(__name__)

Handler = Callable[[], Awaitable[object]]


@contextlib.contextmanager
def handling_signals(handlers: Mapping[signal.Signals, Handler]) -> Iterator[None]:
    """Install the handlers on the running loop, remove them on exit. Where a signal cannot
    be handled (no Unix signals here) it is logged and the others still are."""
    loop = asyncio.get_running_loop()
    running: set[asyncio.Task[object]] = set()

    def start(handler: Handler) -> None:
        task = asyncio.ensure_future(handler())
        running.add(task)
        task.add_done_callback(running.discard)

    installed: list[signal.Signals] = []
    try:
        for signum, handler in handlers.items():
            try:
                loop.add_signal_handler(signum, start, handler)
            except (AttributeError, NotImplementedError, RuntimeError) as error:
                log.warning("no %s handling here: %s", signum.name, error)
            else:
                installed.append(signum)
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)
