"""Discord unreachable at start: retried with backoff, then one line and exit status 1."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import discord
import pytest

from bot import bundled_knowledge_dir
from bot.core.service import KnowledgeService
from bot.frontends.discord_client.runner import serve
from bot.operations.config import ConfigError, ConnectRetry, load_settings


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def settings_for(tmp_path: Path, **env: str):
    return load_settings({"DISCORD_TOKEN": "test-token", "TRILAT_STATE_DIR": str(tmp_path), **env})


async def test_refused_connection_is_retried_then_reported_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{closed_port()}/api/v10")
    settings = settings_for(
        tmp_path,
        TRILAT_CONNECT_ATTEMPTS="3",
        TRILAT_CONNECT_MAX_DELAY="0.01",
        TRILAT_DATABASE="off",
    )

    with caplog.at_level(logging.INFO):
        status = await serve(settings, KnowledgeService(bundled_knowledge_dir()))

    assert status == 1
    retries = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    retries = [m for m in retries if m.startswith("cannot reach Discord")]
    assert [m.split(")")[0] for m in retries] == [
        "cannot reach Discord (attempt 1 of 3",
        "cannot reach Discord (attempt 2 of 3",
    ]
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].startswith("cannot reach Discord after 3 attempts")
    assert "check the network" in errors[0]
    assert not any(r.exc_info for r in caplog.records)


def test_backoff_doubles_up_to_the_cap() -> None:
    retry = ConnectRetry(attempts=8, first_delay=1.0, max_delay=5.0)
    assert [retry.delay(n) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_defaults_and_settings(tmp_path: Path) -> None:
    assert settings_for(tmp_path).connect == ConnectRetry()
    tuned = settings_for(tmp_path, TRILAT_CONNECT_ATTEMPTS="2", TRILAT_CONNECT_MAX_DELAY="0.5")
    assert tuned.connect == ConnectRetry(2, 0.5, 0.5)


@pytest.mark.parametrize(
    "env",
    [
        {"TRILAT_CONNECT_ATTEMPTS": "0"},
        {"TRILAT_CONNECT_ATTEMPTS": "many"},
        {"TRILAT_CONNECT_MAX_DELAY": "-1"},
    ],
)
def test_bad_values_name_the_setting(tmp_path: Path, env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="TRILAT_CONNECT_"):
        settings_for(tmp_path, **env)
