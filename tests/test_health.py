"""The health endpoint on its own, and `python -m bot health` against it."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from bot.frontends.cli import main
from bot.operations.health import HealthServer, HealthStatus

LOADED = dt.datetime(2024, 3, 13, tzinfo=dt.UTC)


class FakeBot:
    connected = True

    def status(self) -> HealthStatus:
        return HealthStatus(self.connected, 49, LOADED, "ok", "0.1.0", {0: self.connected})


@pytest_asyncio.fixture
async def served() -> AsyncIterator[tuple[FakeBot, int]]:
    bot = FakeBot()
    server = HealthServer(bot.status, lambda: "demo_total 1\n")
    _, port = await server.start("127.0.0.1", 0)
    try:
        yield bot, port
    finally:
        await server.stop()


async def get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


async def test_healthz_is_503_while_the_gateway_is_down(served: tuple[FakeBot, int]) -> None:
    bot, port = served
    status, body = await get(port, "/healthz")
    assert status == 200 and '"status": "ok"' in body

    bot.connected = False
    status, body = await get(port, "/healthz")
    assert status == 503
    assert '"gateway_connected": false' in body and '"shards": {"0": false}' in body
    assert '"last_reload": "2024-03-13T00:00:00+00:00"' in body


async def test_metrics_and_unknown_paths(served: tuple[FakeBot, int]) -> None:
    _, port = served
    assert await get(port, "/metrics") == (200, "demo_total 1\n")
    assert (await get(port, "/admin"))[0] == 404


async def test_health_command_follows_the_endpoint(
    served: tuple[FakeBot, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    bot, port = served
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("TRILAT_HEALTH_PORT", str(port))

    assert await asyncio.to_thread(main, ["health"]) == 0
    bot.connected = False
    assert await asyncio.to_thread(main, ["health"]) == 1
    assert "unhealthy: 503" in capsys.readouterr().err


def test_health_command_without_the_endpoint_checks_the_facts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRILAT_HEALTH_PORT", raising=False)
    assert main(["health"]) == 0
    assert "OK (" in capsys.readouterr().out


def test_health_command_when_nothing_listens(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TRILAT_HEALTH_PORT", str(port))
    assert main(["health", "--timeout", "2"]) == 1
    assert "cannot reach" in capsys.readouterr().err
