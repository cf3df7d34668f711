"""Right-click a message → Apps → "Ask trilat-bot": a private answer, and a button to share it."""

from __future__ import annotations

from loopback_discord import CallbackType, DiscordEmulator, MessageFlags

from .helpers import embed_text

MENU = "Ask trilat-bot"
QUESTION = "Who led India's delegation?"


async def test_menu_is_synced_as_a_message_command(emu: DiscordEmulator) -> None:
    menu = next(c for c in emu.commands() if c["name"] == MENU)
    assert menu["type"] == 3 and menu["default_member_permissions"] is None


async def test_menu_answers_the_message_privately_then_posts_it(emu: DiscordEmulator) -> None:
    asked = await emu.send_message(QUESTION, author=emu.other_user)  # not addressed to the bot

    record = await emu.invoke_message_command(MENU, asked, user=emu.member_user)

    assert record is not None
    callback = (await emu.wait_for_interaction_response(record)).json
    assert callback["type"] == CallbackType.CHANNEL_MESSAGE
    assert callback["data"]["flags"] & MessageFlags.EPHEMERAL
    assert "Lekhan Thakkar" in embed_text(callback["data"])
    buttons = [b for row in callback["data"]["components"] for b in row["components"]]
    assert [b["label"] for b in buttons] == ["Post the answer here"]
    assert emu.find_requests("POST", rf"/channels/{emu.channel_id}/messages") == []

    private = record.original_message
    assert private is not None
    posted = await emu.click_button(private, buttons[0]["custom_id"], user=emu.member_user)
    shared = (await emu.wait_for_interaction_response(posted)).json

    assert shared["type"] == CallbackType.CHANNEL_MESSAGE
    assert not shared["data"].get("flags", 0) & MessageFlags.EPHEMERAL
    assert "Lekhan Thakkar" in embed_text(shared["data"])


async def test_menu_on_a_message_without_text_says_so(emu: DiscordEmulator) -> None:
    bare = await emu.send_message(emu.bot_user.mention, author=emu.other_user)

    record = await emu.invoke_message_command(MENU, bare)

    assert record is not None
    callback = (await emu.wait_for_interaction_response(record)).json
    assert callback["data"]["flags"] & MessageFlags.EPHEMERAL
    assert "no text I can read" in callback["data"]["content"]
