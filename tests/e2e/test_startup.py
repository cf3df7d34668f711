"""Start-up: the least intents, and a command sync only when the commands changed."""

from __future__ import annotations

from tests.emulator import DiscordEmulator

from .helpers import MakeBot, StartBot

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
    discord_emulator: DiscordEmulator, make_bot: MakeBot
) -> None:
    emu = discord_emulator
    sync = rf"/applications/{emu.application_id}/commands"

    await emu.start_bot(make_bot())
    assert len(emu.find_requests("PUT", sync)) == 1
    assert {c["name"] for c in emu.commands()} == COMMANDS
    assert all(c["description"] for c in emu.commands())
    await emu.stop_bot()

    mark = emu.mark()
    await emu.start_bot(make_bot())
    assert emu.find_requests("PUT", sync, since=mark) == []
    await emu.stop_bot()

    mark = emu.mark()
    await emu.start_bot(make_bot(force_sync=True))
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
