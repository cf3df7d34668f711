"""`GET /healthz` and `GET /metrics` for containers and orchestration, on a local port.

Discord-free: the bot hands over two callables, one for its current status and one for
the metrics text. /healthz answers 200 while the gateway is connected, 503 otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from aiohttp import web

from bot.operations.metrics import CONTENT_TYPE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HealthStatus:
    gateway_connected: bool
    facts: int
    last_reload: dt.datetime
    question_log: str
    version: str
    shards: Mapping[int, bool] = field(default_factory=dict)
    # Times the question log's database was found deleted, replaced or damaged.
    question_log_losses: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "status": "ok" if self.gateway_connected else "unavailable",
            "gateway_connected": self.gateway_connected,
            "shards": {str(shard): up for shard, up in sorted(self.shards.items())},
            "facts": self.facts,
            "last_reload": self.last_reload.isoformat(),
            "question_log": self.question_log,
            "question_log_losses": self.question_log_losses,
            "version": self.version,
        }


class HealthServer:
    def __init__(self, status: Callable[[], HealthStatus], metrics: Callable[[], str]) -> None:
        self._status = status
        self._metrics = metrics
        self._runner: web.AppRunner | None = None
        self.address: tuple[str, int] | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics)
        return app

    async def healthz(self, request: web.Request) -> web.Response:
        status = self._status()
        return web.Response(
            text=json.dumps(status.to_json()),
            status=200 if status.gateway_connected else 503,
            content_type="application/json",
            headers={"Cache-Control": "no-store"},
        )

    async def metrics(self, request: web.Request) -> web.Response:
        return web.Response(body=self._metrics().encode(), headers={"Content-Type": CONTENT_TYPE})

    async def start(self, host: str, port: int) -> tuple[str, int]:
        """Listen on host:port (0 = any free port); returns the address bound."""
        runner = web.AppRunner(
            self.app(), access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        bound = runner.addresses[0]
        self.address = (str(bound[0]), int(bound[1]))
        log.info("health endpoint on http://%s:%d/healthz and /metrics", *self.address)
        return self.address

    @property
    def port(self) -> int | None:
        return self.address[1] if self.address else None

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
