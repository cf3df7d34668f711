"""AutoShardedBot: the shards this process runs come from TRILAT_SHARD_COUNT / _IDS."""

from __future__ import annotations

from bot.frontends.discord_client.client import ShardedTrilatBot
from bot.frontends.discord_client.status import health_status
from loopback_discord import DiscordEmulator

from .helpers import StartBot, embed_text


def identified_shard(emu: DiscordEmulator) -> list[int]:
    assert emu.identify_payload is not None
    return emu.identify_payload["shard"]


def synced(emu: DiscordEmulator) -> int:
    return len(emu.find_requests("PUT", rf"/applications/{emu.application_id}/commands"))


async def test_a_subset_of_shards(discord_emulator: DiscordEmulator, start_bot: StartBot) -> None:
    emu = discord_emulator
    bot = await start_bot(TRILAT_SHARD_COUNT="2", TRILAT_SHARD_IDS="1")

    assert isinstance(bot, ShardedTrilatBot)
    assert identified_shard(emu) == [1, 2]
    assert synced(emu) == 0  # the process holding shard 0 syncs the commands
    assert bot.gateway_status() == {1: True}
    assert health_status(bot).gateway_connected

    await emu.send_message("Who led India's delegation?", mentions_bot=True)
    assert "Thakkar" in embed_text(await emu.wait_for_message())


async def test_shard_zero_syncs_the_commands(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_SHARD_COUNT="3", TRILAT_SHARD_IDS="0")

    assert identified_shard(emu) == [0, 3]
    assert synced(emu) == 1


async def test_auto_asks_discord_for_the_shard_count(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    bot = await start_bot(TRILAT_SHARD_COUNT="auto")

    assert emu.find_requests("GET", r"/gateway/bot")
    assert identified_shard(emu) == [0, 1]
    assert bot.shard_count == 1 and synced(emu) == 1


async def test_without_sharding_a_plain_bot(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    bot = await start_bot()

    assert not isinstance(bot, ShardedTrilatBot)
    assert discord_emulator.find_requests("GET", r"/gateway/bot") == []
