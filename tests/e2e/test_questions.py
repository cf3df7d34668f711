"""Questions in messages: mentions, DMs, answer channels, suggestions, cooldown, no pings."""

from __future__ import annotations

import re

from bot.frontends.discord_client.replies import UNEXPECTED
from loopback_discord import DiscordEmulator

from .helpers import MakeBot, RunBot, StartBot, button_ids, embed_text, no_pings

QUESTION = "Who led India's delegation?"
OUT_OF_SCOPE = "What is the weather like on Mars?"


async def test_mention_gets_a_cited_reply(emu: DiscordEmulator) -> None:
    mark = emu.mark()
    sent = await emu.send_message(f"{emu.bot_user.mention} {QUESTION}")

    request = await emu.wait_for_request(
        "POST", rf"/channels/{emu.channel_id}/messages", since=mark
    )

    payload = request.json
    text = embed_text(payload)
    assert payload["embeds"][0]["title"] == QUESTION  # the mention is stripped
    assert "Lekhan Thakkar" in text and "[1]" in text
    assert re.search(r"\[1\] \[[^\]]+\]\(https://\S+\) — .+, \d{4}", text)
    assert "https://www.business-standard.com/" in text
    assert payload["message_reference"]["message_id"] == int(sent["id"])
    assert no_pings(payload)
    assert [re.sub(r":[0-9a-f]{16}$", "", i) for i in button_ids(payload)] == [
        "trilat:fb:up",
        "trilat:fb:down",
    ]


async def test_direct_message_is_answered(emu: DiscordEmulator) -> None:
    sent = await emu.send_message(QUESTION, dm=True)

    reply = await emu.wait_for_message(int(sent["channel_id"]))

    assert "Lekhan Thakkar" in embed_text(reply)
    assert reply["message_reference"]["message_id"] == sent["id"]


async def test_answer_channel_needs_message_content(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_CHANNELS=str(emu.other_channel_id), TRILAT_MESSAGE_CONTENT="1")

    await emu.send_message("nobody asked you", channel_id=emu.channel_id)
    await emu.send_message(QUESTION, channel_id=emu.other_channel_id)

    reply = await emu.wait_for_message(emu.other_channel_id)
    assert "Lekhan Thakkar" in embed_text(reply)
    assert emu.find_requests("POST", rf"/channels/{emu.channel_id}/messages") == []


async def test_without_message_content_only_mentions_count_in_answer_channels(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_CHANNELS=str(emu.other_channel_id))

    await emu.send_message(QUESTION, channel_id=emu.other_channel_id)
    await emu.send_message(QUESTION, channel_id=emu.other_channel_id, mentions_bot=True)

    reply = await emu.wait_for_message(emu.other_channel_id)
    assert "Lekhan Thakkar" in embed_text(reply)
    await emu.roundtrip()
    assert len(emu.find_requests("POST", rf"/channels/{emu.other_channel_id}/messages")) == 1


async def test_bots_are_ignored(emu: DiscordEmulator) -> None:
    await emu.send_message(QUESTION, author=emu.bot_user, mentions_bot=True)
    await emu.send_message("", mentions_bot=True)  # a bare mention: the bot answers with a hint

    reply = await emu.wait_for_message()
    assert "Ask me about" in reply["content"]
    assert len(emu.find_requests("POST", r"/channels/\d+/messages")) == 1


async def test_out_of_scope_suggests_and_a_click_answers(emu: DiscordEmulator) -> None:
    sent = await emu.send_message(OUT_OF_SCOPE, mentions_bot=True)

    reply = await emu.wait_for_message()

    text = embed_text(reply)
    assert "I don't know" in text
    ids = button_ids(reply)
    assert 1 <= len(ids) <= 3
    assert all(re.fullmatch(r"trilat:ask:[a-z0-9-]+", i) for i in ids)
    labels = [b["label"] for row in reply["components"] for b in row["components"]]
    assert all(len(label) <= 80 and label in text for label in labels)
    assert reply["message_reference"]["message_id"] == sent["id"]

    clicked = await emu.click_button(reply, ids[0])
    callback = await emu.wait_for_interaction_response(clicked)

    answer = callback.json["data"]
    assert callback.json["type"] == 4
    assert embed_text(answer).startswith(labels[0])
    assert "[1]" in embed_text(answer) and "https://" in embed_text(answer)
    assert no_pings(answer)


async def test_suggestion_buttons_survive_a_restart(
    discord_emulator: DiscordEmulator, make_bot: MakeBot, run_made_bot: RunBot
) -> None:
    emu = discord_emulator
    await run_made_bot(make_bot())
    await emu.send_message(OUT_OF_SCOPE, mentions_bot=True)
    reply = await emu.wait_for_message()
    await emu.stop_bot()

    await run_made_bot(make_bot())
    clicked = await emu.click_button(reply, button_ids(reply)[0])

    callback = await emu.wait_for_interaction_response(clicked)
    assert "[1]" in embed_text(callback.json["data"])


async def test_everyone_in_a_question_pings_nobody(emu: DiscordEmulator) -> None:
    await emu.send_message("@everyone who led india's delegation?", mentions_bot=True)

    reply = await emu.wait_for_request("POST", rf"/channels/{emu.channel_id}/messages")

    assert "@everyone" in reply.json["embeds"][0]["title"]
    assert no_pings(reply.json)
    assert reply.response["mention_everyone"] is False


async def test_bare_mention_gets_a_hint(emu: DiscordEmulator) -> None:
    await emu.send_message("", mentions_bot=True)

    reply = await emu.wait_for_message()

    assert "/ask" in reply["content"]


async def test_a_flood_gets_one_slow_down_notice(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_COOLDOWN="2/60")

    for _ in range(6):
        await emu.send_message(QUESTION, mentions_bot=True)
    replies = [await emu.wait_for_message() for _ in range(3)]
    await emu.send_message(QUESTION, mentions_bot=True, author=emu.other_user)
    other = await emu.wait_for_message()

    assert ["Thakkar" in embed_text(r) for r in replies] == [True, True, False]
    assert re.fullmatch(r"Slow down a little: try again in \d+ s\.", replies[2]["content"])
    assert no_pings(emu.find_requests("POST", r"/channels/\d+/messages")[2].json)
    assert "Thakkar" in embed_text(other)
    assert len(emu.find_requests("POST", r"/channels/\d+/messages")) == 4


async def test_an_error_while_answering_is_reported_and_the_bot_goes_on(
    emu: DiscordEmulator, monkeypatch
) -> None:
    service = emu.bot.service  # type: ignore[union-attr]
    real = service.answer
    calls = []

    def flaky(question: str):
        calls.append(question)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return real(question)

    monkeypatch.setattr(service, "answer", flaky)

    await emu.send_message(QUESTION, mentions_bot=True)
    assert (await emu.wait_for_message())["content"] == UNEXPECTED
    await emu.send_message(QUESTION, mentions_bot=True)
    assert "Thakkar" in embed_text(await emu.wait_for_message())


async def test_several_questions_and_discord_markup_in_one_message(emu: DiscordEmulator) -> None:
    mark = emu.mark()
    await emu.send_message(
        f"{emu.bot_user.mention} hi all <:wave:123456789012345678> "
        "Where was the meeting? And who led India? @everyone"
    )

    request = await emu.wait_for_request(
        "POST", rf"/channels/{emu.channel_id}/messages", since=mark
    )

    payload = request.json
    text = embed_text(payload)
    assert "> Where was the meeting?" in text and "> who led India?" in text
    assert "Seoul" in text and "Lekhan Thakkar" in text
    # One numbering for both parts: every mark used has its source listed once.
    used = set(re.findall(r"\[(\d+)\]", text.split("Sources")[0]))
    listed = re.findall(r"^\[(\d+)\] ", text, re.MULTILINE)
    assert used and used <= set(listed) and len(listed) == len(set(listed))
    assert no_pings(payload)
    assert len(button_ids(payload)) == 2  # the feedback buttons are still there
