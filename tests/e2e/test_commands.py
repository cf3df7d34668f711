"""Slash commands as a member uses them: /ask, /timeline, /leaders, /topics, /sources, /about."""

from __future__ import annotations

import re
from pathlib import Path

from bot import __version__
from bot.frontends.discord_client.replies import UNEXPECTED
from loopback_discord import CallbackType, DiscordEmulator, MessageFlags

from .helpers import StartBot, button_ids, embed_text, no_pings


async def command(emu: DiscordEmulator, name: str, options=None, **kwargs):
    """Invoke a slash command and return the data of its immediate response."""
    record = await emu.invoke_slash(name, options, **kwargs)
    assert record is not None
    callback = await emu.wait_for_interaction_response(record)
    assert callback.json["type"] == CallbackType.CHANNEL_MESSAGE
    return callback.json["data"]


async def test_ask_answers_with_citations(emu: DiscordEmulator) -> None:
    data = await command(emu, "ask", {"question": "Which areas did the meeting cover?"})

    text = embed_text(data)
    assert "[1]" in text and "https://" in text
    assert not data.get("flags", 0) & MessageFlags.EPHEMERAL
    assert no_pings(data)


async def test_ask_out_of_scope_offers_buttons(emu: DiscordEmulator) -> None:
    data = await command(emu, "ask", {"question": "Who won the football world cup?"})

    assert "I don't know" in embed_text(data)
    assert button_ids(data)


async def test_ask_autocomplete_offers_known_questions(emu: DiscordEmulator) -> None:
    typing = await emu.autocomplete("ask", "question", "who led India")

    callback = await emu.wait_for_interaction_response(typing)

    assert callback.json["type"] == CallbackType.AUTOCOMPLETE_RESULT
    choices = callback.json["data"]["choices"]
    assert 1 <= len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    assert "india" in choices[0]["name"].lower()


async def test_timeline_is_oldest_first(emu: DiscordEmulator) -> None:
    data = await command(emu, "timeline")

    text = embed_text(data)
    years = [int(y) for y in re.findall(r"^\*\*(?:\d+ )?(?:[A-Z][a-z]+ )?(\d{4})\*\*", text, re.M)]
    assert len(years) >= 5 and years == sorted(years)
    assert "Sources" in text and "https://" in text


async def test_timeline_for_a_topic_and_its_autocomplete(emu: DiscordEmulator) -> None:
    typing = await emu.autocomplete("timeline", "topic", "icet")
    choices = (await emu.wait_for_interaction_response(typing)).json["data"]["choices"]
    assert choices[0]["value"] == "icet"

    data = await command(emu, "timeline", {"topic": choices[0]["value"]})

    assert data["embeds"][0]["title"].startswith("Timeline: iCET")
    whole = embed_text(await command(emu, "timeline"))
    assert len(data["embeds"][0]["description"]) < len(whole)


async def test_timeline_unknown_topic_is_explained(emu: DiscordEmulator) -> None:
    data = await command(emu, "timeline", {"topic": "underwater basket weaving"})

    assert "I don't know the topic" in data["content"]
    assert data["flags"] & MessageFlags.EPHEMERAL


async def test_leaders(emu: DiscordEmulator) -> None:
    data = await command(emu, "leaders")

    text = embed_text(data)
    for name in ("Tarun Chhabra", "Seth Center", "Wang Yunjong", "Lekhan Thakkar"):
        assert name in text
    assert "**India**" in text and "Joint Secretary" in text and "https://" in text

    india = embed_text(await command(emu, "leaders", {"country": "india"}))
    assert "Lekhan Thakkar" in india and "Tarun Chhabra" not in india


async def test_leaders_country_autocomplete(emu: DiscordEmulator) -> None:
    typing = await emu.autocomplete("leaders", "country", "kor")

    choices = (await emu.wait_for_interaction_response(typing)).json["data"]["choices"]

    assert choices == [{"name": "Republic of Korea", "value": "rok"}]


async def test_topics_lists_the_areas(emu: DiscordEmulator) -> None:
    text = embed_text(await command(emu, "topics"))

    for area in ("semiconductor", "quantum", "space"):
        assert area in text.lower()
    assert "Sources" in text


async def test_sources(emu: DiscordEmulator) -> None:
    data = await command(emu, "sources")

    text = embed_text(data)
    assert "Business Standard" in text and "(https://www.business-standard.com/" in text
    assert "cited by" in text


async def test_about(emu: DiscordEmulator) -> None:
    factbase = emu.bot.service.snapshot.factbase  # type: ignore[union-attr]

    text = embed_text(await command(emu, "about"))

    assert __version__ in text
    assert f"**Facts:** {len(factbase.facts)}" in text
    assert re.search(r"<t:\d+:f>", text)


async def test_command_cooldown_is_ephemeral(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_COOLDOWN="1/60")

    await command(emu, "sources")
    data = await command(emu, "ask", {"question": "Who led India's delegation?"})

    assert re.fullmatch(r"Slow down a little: try again in \d+ s\.", data["content"])
    assert data["flags"] & MessageFlags.EPHEMERAL


async def test_an_exception_is_reported_ephemerally_and_the_bot_goes_on(
    emu: DiscordEmulator, monkeypatch
) -> None:
    service = emu.bot.service  # type: ignore[union-attr]
    real = service.answer
    failures = [RuntimeError("boom")]

    def flaky(question: str, *locale: str):
        if failures:
            raise failures.pop()
        return real(question, *locale)

    monkeypatch.setattr(service, "answer", flaky)

    failed = await command(emu, "ask", {"question": "Who led India's delegation?"})
    assert failed["content"] == UNEXPECTED
    assert failed["flags"] & MessageFlags.EPHEMERAL

    answered = await command(emu, "ask", {"question": "Who led India's delegation?"})
    assert "Thakkar" in embed_text(answered)


async def test_a_long_timeline_continues_in_follow_ups_within_limits(
    discord_emulator: DiscordEmulator, start_bot: StartBot, knowledge: Path
) -> None:
    emu = discord_emulator
    facts = "".join(
        f"""
  - id: e2e-event-{n}
    topic: background
    answer: On this day number {n} something happened. {"More detail follows here. " * 12}
    questions: [What happened on day {n}?, Which event was number {n}?]
    sources: [bs-trilateral-2024]
    date: "2019-01-{n:02d}"
"""
        for n in range(1, 29)
    )
    (knowledge / "facts-e2e.yaml").write_text("facts:" + facts)
    await start_bot()

    record = await emu.invoke_slash("timeline")
    assert record is not None
    first = (await emu.wait_for_interaction_response(record)).json["data"]
    messages = [first]
    while "\nSources\n[1] [" not in embed_text(messages[-1]):  # the field comes last
        messages.append((await emu.wait_for_followup(record)).json)

    assert len(messages) > 1
    assert first["embeds"][0]["title"] == "Timeline"
    assert first["embeds"][0]["description"].startswith(
        "**1 January 2019** — On this day number 1 "
    )
    text = "\n".join(embed_text(message) for message in messages)
    assert all(f"day number {n} " in text for n in range(1, 29))
    assert all(r.status == 200 for r in emu.requests)
