"""One question budget per user, spent by every way of asking: a mention, /ask, a
suggestion button, a feedback vote and the message menu."""

from __future__ import annotations

import re

from loopback_discord import DiscordEmulator, MessageFlags

from .helpers import StartBot, button_ids, embed_text

SLOW_DOWN = r"Slow down a little: try again in \d+ s\."
ANSWERED = "Who led India's delegation?"
OUT_OF_SCOPE = "What is the weather like on Mars?"
MENU = "Ask trilat-bot"


def refused(data: dict) -> bool:
    content = data.get("content") or ""
    return bool(re.fullmatch(SLOW_DOWN, content)) and bool(data["flags"] & MessageFlags.EPHEMERAL)


async def two_clicks(emu: DiscordEmulator, question: str, prefix: str) -> tuple[dict, dict]:
    """With two questions allowed: ask by mention, then click buttons under the reply
    whose ids start with `prefix` twice (the first such button, then the last)."""
    await emu.send_message(question, mentions_bot=True)
    reply = await emu.wait_for_message()
    ids = [i for i in button_ids(reply) if i.startswith(prefix)]
    responses = []
    for custom_id in (ids[0], ids[-1]):
        clicked = await emu.click_button(reply, custom_id, user=emu.member_user)
        responses.append((await emu.wait_for_interaction_response(clicked)).json["data"])
    return responses[0], responses[1]


async def test_a_suggestion_button_spends_a_question(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    await start_bot(TRILAT_COOLDOWN="2/60")

    first, second = await two_clicks(discord_emulator, OUT_OF_SCOPE, "trilat:ask:")

    assert "[1]" in embed_text(first) and not refused(first)
    assert refused(second)


async def test_a_feedback_vote_spends_a_question(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    await start_bot(TRILAT_COOLDOWN="2/60")

    first, second = await two_clicks(discord_emulator, ANSWERED, "trilat:fb:")

    assert first["content"] == "Thanks for the feedback!"
    assert refused(second)


async def test_the_message_menu_spends_a_question(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_COOLDOWN="1/60")
    asked = await emu.send_message(ANSWERED, author=emu.other_user)  # not addressed to the bot

    answers = []
    for _ in range(2):
        record = await emu.invoke_message_command(MENU, asked, user=emu.member_user)
        assert record is not None
        answers.append((await emu.wait_for_interaction_response(record)).json["data"])

    assert "Lekhan Thakkar" in embed_text(answers[0]) and not refused(answers[0])
    assert refused(answers[1])


async def test_a_mention_and_a_slash_command_share_the_budget(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_COOLDOWN="1/60")
    await emu.send_message(ANSWERED, mentions_bot=True)
    assert "Thakkar" in embed_text(await emu.wait_for_message())

    record = await emu.invoke_slash("ask", {"question": ANSWERED}, user=emu.member_user)

    assert record is not None
    assert refused((await emu.wait_for_interaction_response(record)).json["data"])
