"""Korean and Hindi through Discord: mentions, /ask in the member's locale, localised commands."""

from __future__ import annotations

import re

from loopback_discord import DiscordEmulator

from .helpers import StartBot, embed_text

HANGUL = re.compile(r"[\uac00-\ud7a3]")
DEVANAGARI = re.compile(r"[\u0900-\u097f]")


async def test_korean_mention_gets_a_korean_answer_with_citations(emu: DiscordEmulator) -> None:
    sent = await emu.send_message(f"{emu.bot_user.mention} 인도 측 대표단장은 누구였어요?")
    request = await emu.wait_for_request(
        "POST", f"/channels/{sent['channel_id']}/messages", timeout=5
    )
    text = embed_text(request.json)
    assert "레칸 타카르" in text
    assert "[1]" in text and "https://" in text
    assert "출처는 영어 자료입니다" in text


async def test_ask_in_a_korean_client_is_answered_in_korean(emu: DiscordEmulator) -> None:
    record = await emu.invoke_slash("ask", {"question": "Where was the meeting held?"}, locale="ko")
    assert record is not None
    data = (await emu.wait_for_interaction_response(record)).json["data"]
    assert "서울" in embed_text(data) and "https://" in embed_text(data)


async def test_ask_in_a_hindi_client_is_answered_in_hindi(emu: DiscordEmulator) -> None:
    record = await emu.invoke_slash("ask", {"question": "Who led India?"}, locale="hi")
    assert record is not None
    data = (await emu.wait_for_interaction_response(record)).json["data"]
    assert "लेखन ठक्कर" in embed_text(data)


async def test_english_client_keeps_english(emu: DiscordEmulator) -> None:
    record = await emu.invoke_slash("ask", {"question": "Who led India?"}, locale="en-US")
    assert record is not None
    data = (await emu.wait_for_interaction_response(record)).json["data"]
    text = embed_text(data)
    assert "Lekhan Thakkar" in text and not DEVANAGARI.search(text) and not HANGUL.search(text)


async def test_synced_commands_carry_korean_and_hindi_localisations(emu: DiscordEmulator) -> None:
    ask = next(c for c in emu.commands(guild=True) + emu.commands() if c["name"] == "ask")
    assert ask["name_localizations"] == {"ko": "질문", "hi": "पूछें"}
    assert HANGUL.search(ask["description_localizations"]["ko"])
    assert DEVANAGARI.search(ask["description_localizations"]["hi"])
    option = ask["options"][0]
    assert option["name_localizations"]["ko"] == "질문내용"


async def test_a_korean_flood_gets_a_korean_slow_down_notice(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_COOLDOWN="1/60")

    for _ in range(2):
        await emu.send_message("회의는 어디서 열렸나요?", mentions_bot=True)
    replies = [await emu.wait_for_message() for _ in range(2)]

    assert "서울" in embed_text(replies[0])
    assert re.fullmatch(r"조금 천천히요: \d+초 후에 다시 시도해 주세요\.", replies[1]["content"])
