"""Korean and Hindi through Discord: mentions, /ask in the member's locale, localised commands."""

from __future__ import annotations

import re

import pytest

from loopback_discord import DiscordEmulator

from .helpers import StartBot, button_ids, embed_text

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


async def _listing(emu: DiscordEmulator, name: str, locale: str, options=None) -> str:
    record = await emu.invoke_slash(name, options, locale=locale)
    assert record is not None
    return embed_text((await emu.wait_for_interaction_response(record)).json["data"])


async def test_timeline_in_a_korean_client_is_korean(emu: DiscordEmulator) -> None:
    text = await _listing(emu, "timeline", "ko")
    assert text.startswith("연표")
    assert "**2024년 3월 13일** — 미국, 대한민국, 인도의 첫 3국 기술 회의는" in text
    assert "출처는 영어 자료입니다" in text and "https://" in text
    assert "The first trilateral technology meeting" not in text
    assert "아직 한국어 번역이 없는 부분은" not in text


async def test_a_korean_timeline_topic_is_named_in_korean(emu: DiscordEmulator) -> None:
    text = await _listing(emu, "timeline", "ko", {"topic": "icet"})
    assert text.startswith("연표: iCET(미국·인도 핵심·신흥기술 이니셔티브)")
    unknown = await emu.invoke_slash("timeline", {"topic": "zebras"}, locale="ko")
    assert unknown is not None
    reply = (await emu.wait_for_interaction_response(unknown)).json["data"]["content"]
    assert reply.startswith("“zebras”(이)라는 주제는 모르겠습니다.") and "3국 회의" in reply


async def test_leaders_in_a_hindi_client_is_hindi(emu: DiscordEmulator) -> None:
    text = await _listing(emu, "leaders", "hi")
    lines = text.splitlines()
    assert lines[0] == "किसने किस प्रतिनिधिमंडल का नेतृत्व किया"
    assert "**भारत**" in lines
    following = lines[lines.index("**भारत**") + 1]
    assert following.startswith("- लेखन ठक्कर — संयुक्त सचिव, भारतीय राष्ट्रीय सुरक्षा परिषद सचिवालय")
    assert "स्रोत अंग्रेज़ी में हैं।" in text and "Lekhan Thakkar" not in text


async def test_one_country_s_leaders_in_korean(emu: DiscordEmulator) -> None:
    text = await _listing(emu, "leaders", "ko", {"country": "India"})
    assert text.startswith("인도 대표단을 이끈 사람")
    assert "- 레칸 타카르 — 공동차관, 인도 국가안보회의 사무국" in text
    assert "타룬 차브라" not in text


async def test_topics_sources_and_about_follow_the_locale(emu: DiscordEmulator) -> None:
    topics = await _listing(emu, "topics", "hi")
    assert topics.startswith("चर्चा किए गए सहयोग के क्षेत्र")
    assert "कृत्रिम बुद्धिमत्ता" in topics
    sources = await _listing(emu, "sources", "ko")
    assert re.match(r"출처 \(\d+\)", sources) and re.search(r"\(인용한 사실 \d+건\)", sources)
    assert "cited by" not in sources
    about = await _listing(emu, "about", "ko")
    assert about.startswith("trilat-bot 소개") and "**버전:**" in about
    assert "`/ask`를 쓰세요" in about and "Mention me" not in about


async def test_an_unanswerable_korean_mention_gets_korean_suggestions(
    emu: DiscordEmulator,
) -> None:
    sent = await emu.send_message(f"{emu.bot_user.mention} 오늘 서울 날씨는 어때요?")
    request = await emu.wait_for_request(
        "POST", f"/channels/{sent['channel_id']}/messages", timeout=5
    )
    text = embed_text(request.json)
    assert "모르겠습니다: 제 자료로는 답할 수 없는 질문입니다." in text
    assert "이런 질문을 찾으셨나요:" in text and "Did you mean" not in text
    suggestions = [line[2:] for line in text.splitlines() if line.startswith("- ")]
    assert suggestions and all(HANGUL.search(s) for s in suggestions)
    labels = [
        c["label"]
        for row in request.json["components"]
        for c in row["components"]
        if c.get("label")
    ]
    assert labels == suggestions


async def test_the_topic_box_offers_korean_names_in_a_korean_client(emu: DiscordEmulator) -> None:
    typing = await emu.autocomplete("timeline", "topic", "icet", locale="ko")
    choices = (await emu.wait_for_interaction_response(typing)).json["data"]["choices"]
    assert choices[0]["name"] == "iCET(미국·인도 핵심·신흥기술 이니셔티브)"
    assert choices[0]["value"] == "icet"
    english = await emu.autocomplete("timeline", "topic", "icet")
    first = (await emu.wait_for_interaction_response(english)).json["data"]["choices"][0]
    assert first["name"].startswith("iCET (US-India")


def _labels(payload: dict) -> list[str]:
    return [
        c["label"] for row in payload["components"] for c in row["components"] if c.get("label")
    ]


async def test_a_clicked_korean_suggestion_is_answered_in_korean(emu: DiscordEmulator) -> None:
    await emu.send_message("오늘 서울 날씨는 어때요?", mentions_bot=True)
    reply = await emu.wait_for_message()
    ids = button_ids(reply)
    assert ids and all(i.startswith("trilat:ask:ko:") for i in ids)

    clicked = await emu.click_button(reply, ids[0])
    answer = (await emu.wait_for_interaction_response(clicked)).json["data"]

    text = embed_text(answer)
    assert answer["embeds"][0]["title"] == _labels(reply)[0]
    assert HANGUL.search(answer["embeds"][0]["description"])
    assert "출처는 영어 자료입니다" in text and "https://" in text
    assert [f["name"] for e in answer["embeds"] for f in e.get("fields", [])] == ["출처"]


async def test_a_clicked_hindi_suggestion_is_answered_in_hindi(emu: DiscordEmulator) -> None:
    record = await emu.invoke_slash(
        "ask", {"question": "What is the weather on Mars?"}, locale="hi"
    )
    assert record is not None
    reply = (await emu.wait_for_interaction_response(record)).json["data"]
    assert "मुझे नहीं पता" in embed_text(reply)
    ids = button_ids(reply)
    assert ids and all(i.startswith("trilat:ask:hi:") for i in ids)

    assert record.original_message is not None
    clicked = await emu.click_button(record.original_message, ids[0], locale="en-US")
    answer = (await emu.wait_for_interaction_response(clicked)).json["data"]

    assert answer["embeds"][0]["title"] == _labels(reply)[0]
    assert DEVANAGARI.search(answer["embeds"][0]["description"])
    assert [f["name"] for e in answer["embeds"] for f in e.get("fields", [])] == ["स्रोत"]


async def test_an_english_suggestion_stays_english(emu: DiscordEmulator) -> None:
    await emu.send_message("What is the weather like on Mars?", mentions_bot=True)
    reply = await emu.wait_for_message()
    ids = button_ids(reply)
    assert ids and not any(i.startswith(("trilat:ask:ko:", "trilat:ask:hi:")) for i in ids)

    clicked = await emu.click_button(reply, ids[0], locale="ko")
    answer = (await emu.wait_for_interaction_response(clicked)).json["data"]

    assert not HANGUL.search(embed_text(answer))
    assert [f["name"] for e in answer["embeds"] for f in e.get("fields", [])] == ["Sources"]


async def test_feedback_on_a_korean_answer_is_thanked_in_korean(emu: DiscordEmulator) -> None:
    await emu.send_message("회의는 어디서 열렸나요?", mentions_bot=True)
    reply = await emu.wait_for_message()
    assert [f["name"] for e in reply["embeds"] for f in e.get("fields", [])] == ["출처"]
    up = next(i for i in button_ids(reply) if i.startswith("trilat:fb:up:"))
    assert up.startswith("trilat:fb:up:ko:")

    first = await emu.click_button(reply, up)
    second = await emu.click_button(reply, up)

    assert (await emu.wait_for_interaction_response(first)).json["data"][
        "content"
    ] == "피드백 감사합니다!"
    assert (await emu.wait_for_interaction_response(second)).json["data"][
        "content"
    ] == "이미 이 답변을 평가하셨습니다. 감사합니다!"


async def test_feedback_on_a_hindi_locale_answer_is_thanked_in_hindi(emu: DiscordEmulator) -> None:
    record = await emu.invoke_slash("ask", {"question": "Who led India?"}, locale="hi")
    assert record is not None
    reply = (await emu.wait_for_interaction_response(record)).json["data"]
    assert record.original_message is not None
    up = next(i for i in button_ids(reply) if i.startswith("trilat:fb:up:"))

    clicked = await emu.click_button(record.original_message, up)

    reply = (await emu.wait_for_interaction_response(clicked)).json["data"]
    assert reply["content"] == "प्रतिक्रिया के लिए धन्यवाद!"


@pytest.mark.parametrize("discord_emulator", [{"guild_locale": "ko"}], indirect=True)
async def test_a_bare_mention_in_a_korean_server_gets_a_korean_hint(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    await start_bot()

    await discord_emulator.send_message("", mentions_bot=True)

    hint = (await discord_emulator.wait_for_message())["content"]
    assert hint.startswith("미국·한국·인도 3국 기술 회의에 대해") and "`/ask`" in hint


async def test_a_bare_mention_in_an_english_server_gets_the_english_hint(
    emu: DiscordEmulator,
) -> None:
    await emu.send_message("", mentions_bot=True)

    assert (await emu.wait_for_message())["content"].startswith("Ask me about")


async def test_ask_floods_are_told_to_slow_down_in_the_question_s_language(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_COOLDOWN="1/60")
    answered = await emu.invoke_slash("ask", {"question": "Who led India?"}, locale="ko")
    assert answered is not None
    await emu.wait_for_interaction_response(answered)

    typed = await emu.invoke_slash("ask", {"question": "बैठक कहाँ हुई?"})
    by_locale = await emu.invoke_slash("ask", {"question": "Who led India?"}, locale="ko")
    assert typed is not None and by_locale is not None

    hindi = (await emu.wait_for_interaction_response(typed)).json["data"]["content"]
    korean = (await emu.wait_for_interaction_response(by_locale)).json["data"]["content"]
    assert re.fullmatch(r"थोड़ा धीरे: \d+ सेकंड बाद फिर कोशिश करें।", hindi)
    assert re.fullmatch(r"조금 천천히요: \d+초 후에 다시 시도해 주세요\.", korean)


async def test_the_menu_speaks_the_member_s_language(emu: DiscordEmulator) -> None:
    asked = await emu.send_message("Who led India's delegation?", author=emu.other_user)
    record = await emu.invoke_message_command("Ask trilat-bot", asked, locale="ko")
    assert record is not None
    data = (await emu.wait_for_interaction_response(record)).json["data"]
    assert "레칸 타카르" in embed_text(data)
    assert _labels(data) == ["여기에 답변 올리기"]

    bare = await emu.send_message(emu.bot_user.mention, author=emu.other_user)
    empty = await emu.invoke_message_command("Ask trilat-bot", bare, locale="hi")
    assert empty is not None
    content = (await emu.wait_for_interaction_response(empty)).json["data"]["content"]
    assert content == "उस संदेश में ऐसा कोई पाठ नहीं है जिसे पढ़कर मैं जवाब दे सकूँ।"


async def test_an_unexpected_error_in_a_korean_client_apologises_in_korean(
    emu: DiscordEmulator, monkeypatch
) -> None:
    def broken(question: str, locale: str | None = None):
        raise RuntimeError("boom")

    monkeypatch.setattr(emu.bot.service, "answer", broken)  # type: ignore[union-attr]

    record = await emu.invoke_slash("ask", {"question": "Who led India?"}, locale="ko")
    assert record is not None
    content = (await emu.wait_for_interaction_response(record)).json["data"]["content"]
    assert content == "죄송합니다. 문제가 생겼습니다. 오류는 기록되었으니 다시 시도해 주세요."


async def test_autocomplete_offers_korean_questions_that_answer_in_korean(
    emu: DiscordEmulator,
) -> None:
    typing = await emu.autocomplete("ask", "question", "반도", locale="ko")
    callback = await emu.wait_for_interaction_response(typing)
    choices = [choice["value"] for choice in callback.json["data"]["choices"]]
    assert choices and HANGUL.search(choices[0]) and "반도체" in choices[0]

    record = await emu.invoke_slash("ask", {"question": choices[0]}, locale="ko")
    response = await emu.wait_for_interaction_response(record)
    text = embed_text(response.json["data"])
    assert HANGUL.search(text) and "https://" in text


async def test_autocomplete_in_an_english_client_stays_english(emu: DiscordEmulator) -> None:
    typing = await emu.autocomplete("ask", "question", "who led", locale="en-US")
    callback = await emu.wait_for_interaction_response(typing)
    choices = [choice["value"] for choice in callback.json["data"]["choices"]]
    assert choices and not any(HANGUL.search(c) or DEVANAGARI.search(c) for c in choices)
