"""GET /healthz and /metrics on the bot's local health port."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiohttp

from bot.operations.metrics import CONTENT_TYPE
from loopback_discord import DiscordEmulator

from .helpers import StartBot


async def test_healthz_and_metrics_answer(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    bot = await start_bot(TRILAT_HEALTH_PORT="0")
    base = f"http://127.0.0.1:{bot.health.port}"
    await emu.send_message("Who led India's delegation?", mentions_bot=True)
    await emu.wait_for_message()

    async with aiohttp.ClientSession() as session:
        async with session.get(f"{base}/healthz") as response:
            assert response.status == 200
            health = await response.json()
        async with session.get(f"{base}/metrics") as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == CONTENT_TYPE
            metrics = await response.text()

    facts = len(bot.service.snapshot.factbase.facts)
    assert health["status"] == "ok" and health["gateway_connected"] is True
    assert health["facts"] == facts and health["shards"] == {"0": True}
    assert health["question_log"] == "ok"
    assert health["last_reload"] == bot.service.snapshot.loaded_at.isoformat()
    for line in (
        'trilat_questions_total{via="mention"} 1.0',
        'trilat_answered_total{via="mention"} 1.0',
        'trilat_abstained_total{via="mention"} 0.0',
        'trilat_questions_total{via="slash"} 0.0',
        'trilat_answer_seconds_count{via="mention"} 1.0',
        'trilat_answer_seconds_bucket{le="+Inf",via="mention"} 1.0',
        "trilat_reloads_total 0.0",
        "trilat_errors_total 0.0",
        "trilat_gateway_connected 1.0",
        'trilat_shard_connected{shard="0"} 1.0',
        f"trilat_facts {float(facts)}",
        "trilat_question_log_up 1.0",
    ):
        assert line in metrics.splitlines()


async def test_no_port_no_endpoint(discord_emulator: DiscordEmulator, start_bot: StartBot) -> None:
    bot = await start_bot()
    assert bot.health.port is None


async def test_the_endpoint_stops_with_the_bot(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    bot = await start_bot(TRILAT_HEALTH_PORT="0")
    port = bot.health.port
    await discord_emulator.stop_bot()

    async with aiohttp.ClientSession() as session:
        try:
            async with session.get(f"http://127.0.0.1:{port}/healthz"):
                raise AssertionError("the health endpoint still answers after close")
        except aiohttp.ClientConnectionError:
            pass


async def test_a_deleted_question_log_shows_in_health_and_is_recreated(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    bot = await start_bot(TRILAT_HEALTH_PORT="0")
    database = Path(bot.settings.store.sqlite or "")
    await emu.send_message("Who led India's delegation?", mentions_bot=True)
    await emu.wait_for_message()
    await bot.question_log.flush()
    for leftover in database.parent.glob(database.name + "*"):
        leftover.unlink()

    await bot.question_log.check()  # what the bot runs every minute
    url = f"http://127.0.0.1:{bot.health.port}/healthz"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        health = await response.json()
    assert health["question_log_losses"] == 1

    await emu.send_message("Where was the meeting?", mentions_bot=True)
    await emu.wait_for_message()
    await bot.question_log.flush()
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1
