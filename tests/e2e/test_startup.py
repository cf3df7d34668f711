"""Start-up: the least intents, and a command sync only when the commands changed."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlparse

import pytest

from bot.frontends.discord_client.invite import BOT_PERMISSIONS
from loopback_discord import DiscordEmulator

from .helpers import MakeBot, RunBot, StartBot

GUILDS, GUILD_MESSAGES, DM_MESSAGES, MESSAGE_CONTENT = 1 << 0, 1 << 9, 1 << 12, 1 << 15
COMMANDS = {
    "ask",
    "timeline",
    "leaders",
    "topics",
    "sources",
    "about",
    "reload",
    "unanswered",
    "stats",
    "Ask trilat-bot",
}


async def test_least_intents(emu: DiscordEmulator) -> None:
    assert emu.identify_payload["intents"] == GUILDS | GUILD_MESSAGES | DM_MESSAGES


async def test_message_content_only_when_configured(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    await start_bot(TRILAT_MESSAGE_CONTENT="1")

    intents = discord_emulator.identify_payload["intents"]
    assert intents == GUILDS | GUILD_MESSAGES | DM_MESSAGES | MESSAGE_CONTENT


async def test_commands_sync_once_until_they_change(
    discord_emulator: DiscordEmulator, make_bot: MakeBot, run_made_bot: RunBot
) -> None:
    emu = discord_emulator
    sync = rf"/applications/{emu.application_id}/commands"

    await run_made_bot(make_bot())
    assert len(emu.find_requests("PUT", sync)) == 1
    assert {c["name"] for c in emu.commands()} == COMMANDS
    assert all(c["description"] for c in emu.commands() if c["type"] == 1)  # menus have none
    await emu.stop_bot()

    mark = emu.mark()
    await run_made_bot(make_bot())
    assert emu.find_requests("PUT", sync, since=mark) == []
    await emu.stop_bot()

    mark = emu.mark()
    await run_made_bot(make_bot(force_sync=True))
    assert len(emu.find_requests("PUT", sync, since=mark)) == 1


async def test_development_guild_gets_the_commands_instantly(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_DEV_GUILD=str(emu.guild_id))

    path = rf"/applications/{emu.application_id}/guilds/{emu.guild_id}/commands"
    assert len(emu.find_requests("PUT", path)) == 1
    assert emu.commands() == []
    assert {c["name"] for c in emu.commands(guild=True)} == COMMANDS


def summary_records(caplog) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "bot.frontends.discord_client.startup"
    ]


@pytest.mark.parametrize("content", ["0", "1"])
async def test_ready_logs_one_summary_with_an_invite_link(
    discord_emulator: DiscordEmulator, start_bot: StartBot, caplog, content: str
) -> None:
    emu = discord_emulator
    caplog.set_level(logging.INFO, logger="bot.frontends.discord_client.startup")
    await start_bot(TRILAT_MESSAGE_CONTENT=content)
    await emu.roundtrip()

    [summary] = summary_records(caplog)
    lines = summary.splitlines()
    assert lines[0] == f"ready as trilat-bot (id {emu.bot_user.id}) in 1 server"
    if content == "1":
        assert "Message Content intent: on" in lines[1]
    else:
        assert "Message Content intent: off: only mentions, DMs and slash commands" in lines[1]
        assert "TRILAT_MESSAGE_CONTENT=1" in lines[1]
    query = parse_qs(urlparse(lines[2].split("invite: ")[1]).query)
    assert query["client_id"] == [str(emu.application_id)]
    assert query["scope"] == ["bot applications.commands"]
    assert query["permissions"] == [str(BOT_PERMISSIONS.value)]

    emu.bot.dispatch("ready")  # type: ignore[union-attr]  # as after a fresh IDENTIFY
    await emu.roundtrip()
    assert len(summary_records(caplog)) == 1
