"""Threads and forum posts under an answer channel are answered there, in the thread."""

from __future__ import annotations

import pytest

from loopback_discord import DiscordEmulator

from .helpers import StartBot, embed_text

QUESTION = "Who led India's delegation?"


async def start_listening(emu: DiscordEmulator, start_bot: StartBot, *channel_ids: int) -> None:
    await start_bot(
        TRILAT_CHANNELS=",".join(str(c) for c in channel_ids), TRILAT_MESSAGE_CONTENT="1"
    )


@pytest.mark.parametrize("private", [False, True], ids=["public", "private"])
async def test_thread_of_an_answer_channel_is_answered_in_the_thread(
    discord_emulator: DiscordEmulator, start_bot: StartBot, private: bool
) -> None:
    emu = discord_emulator
    await start_listening(emu, start_bot, emu.other_channel_id)
    thread_id = await emu.create_thread(emu.other_channel_id, private=private)

    sent = await emu.send_message(QUESTION, channel_id=thread_id)

    reply = await emu.wait_for_message(thread_id)
    assert "Lekhan Thakkar" in embed_text(reply)
    assert reply["message_reference"]["message_id"] == sent["id"]
    assert emu.find_requests("POST", rf"/channels/{emu.other_channel_id}/messages") == []


async def test_forum_post_in_an_answer_forum_is_answered_in_the_post(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_listening(emu, start_bot, emu.forum_channel_id)

    post = await emu.create_forum_post(QUESTION, title="Delegations")

    reply = await emu.wait_for_message(int(post["id"]))
    assert "Lekhan Thakkar" in embed_text(reply)
    assert reply["message_reference"]["message_id"] == post["id"]


async def test_thread_of_another_channel_is_left_alone(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_listening(emu, start_bot, emu.other_channel_id)
    elsewhere = await emu.create_thread(emu.channel_id)
    listened = await emu.create_thread(emu.other_channel_id)

    await emu.send_message(QUESTION, channel_id=elsewhere)
    await emu.send_message(QUESTION, channel_id=listened)

    await emu.wait_for_message(listened)
    await emu.roundtrip()
    assert emu.find_requests("POST", rf"/channels/{elsewhere}/messages") == []


async def test_thread_id_itself_may_be_an_answer_channel(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    thread_id = await emu.create_thread(emu.channel_id)
    # The thread exists before the bot starts: it arrives with GUILD_CREATE.
    await start_listening(emu, start_bot, thread_id)

    await emu.send_message(QUESTION, channel_id=thread_id)

    assert "Lekhan Thakkar" in embed_text(await emu.wait_for_message(thread_id))
