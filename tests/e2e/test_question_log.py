"""Logging is best-effort, answering is not: a broken database never stops an answer."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.operations.store.sqlite import SQLiteLog
from loopback_discord import DiscordEmulator

from .helpers import StartBot, button_ids, embed_text

ANSWERED = "Who led India's delegation?"
MARS = "What is the weather like on Mars?"


async def ask(emu: DiscordEmulator, question: str) -> dict:
    await emu.send_message(question, mentions_bot=True)
    return await emu.wait_for_message()


async def test_a_read_only_database_does_not_stop_answers(
    discord_emulator: DiscordEmulator,
    start_bot: StartBot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    emu = discord_emulator
    path = tmp_path / "questions.sqlite3"
    existing = SQLiteLog(path)
    await existing.open()
    await existing.close()
    bot = await start_bot(TRILAT_DATABASE=f"file:{path}?mode=ro")

    assert "Thakkar" in embed_text(await ask(emu, ANSWERED))
    assert "I don't know" in embed_text(await ask(emu, MARS))
    reply = await ask(emu, ANSWERED)

    assert "Thakkar" in embed_text(reply)
    await bot.question_log.flush()  # answers are logged in the background
    assert bot.question_log.state == "degraded"
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(logged) == 1 and "readonly" in logged[0]
    # The prune at start, then three answers and their three deliveries.
    assert bot.metrics.total("trilat_question_log_errors_total") == 7

    up = next(i for i in button_ids(reply) if i.startswith("trilat:fb:up:"))
    clicked = await emu.click_button(reply, up)
    callback = (await emu.wait_for_interaction_response(clicked)).json
    assert callback["data"]["content"] == "Thanks! Your feedback could not be saved just now."


async def test_a_corrupt_database_does_not_stop_answers(
    discord_emulator: DiscordEmulator, start_bot: StartBot, tmp_path: Path
) -> None:
    emu = discord_emulator
    path = tmp_path / "questions.sqlite3"
    path.write_bytes(b"\x00garbage, not SQLite\x00" * 300)
    bot = await start_bot(TRILAT_DATABASE=str(path))

    assert "Thakkar" in embed_text(await ask(emu, ANSWERED))

    await bot.question_log.flush()
    assert bot.question_log.state == "degraded"
    record = await emu.invoke_slash("stats", user=emu.admin_user)
    assert record is not None
    followup = (await emu.wait_for_followup(record)).json
    assert "The question log is unavailable" in followup["content"]
    assert "not a database" in followup["content"]


async def test_logging_can_be_turned_off(
    discord_emulator: DiscordEmulator, start_bot: StartBot, tmp_path: Path
) -> None:
    emu = discord_emulator
    bot = await start_bot(TRILAT_DATABASE="off")

    reply = await ask(emu, ANSWERED)

    assert button_ids(reply) == []  # no feedback buttons: nowhere to keep the votes
    assert bot.question_log.state == "off"
    assert not (tmp_path / "state" / "questions.sqlite3").exists()


async def test_answers_are_logged_in_the_state_directory(
    discord_emulator: DiscordEmulator, start_bot: StartBot, tmp_path: Path
) -> None:
    emu = discord_emulator
    await start_bot()
    await ask(emu, MARS)
    await emu.stop_bot()

    log = SQLiteLog(tmp_path / "state" / "questions.sqlite3")
    await log.open()
    try:
        rows = await log._fetch(
            "SELECT question, via, guild_id, channel_id, user_hash FROM answers"
        )
    finally:
        await log.close()
    [(question, via, guild_id, channel_id, user_hash)] = rows
    assert (question, via, guild_id, channel_id) == (MARS, "mention", emu.guild_id, emu.channel_id)
    assert str(emu.member_user.id) not in user_hash
