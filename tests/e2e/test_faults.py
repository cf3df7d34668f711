"""Discord's faults as a user would live through them: the answer still arrives."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.core.service import KnowledgeService
from bot.frontends.discord_client.replies import UNEXPECTED
from bot.frontends.discord_client.runner import BAD_TOKEN, MISSING_INTENT, serve
from bot.operations.config import load_settings
from loopback_discord import CallbackType, DiscordEmulator, RecordedRequest, RestFault

from .helpers import embed_text

QUESTION = "Who led India's delegation?"
ANSWER = "Lekhan Thakkar"


def _messages(emu: DiscordEmulator, since: int = 0) -> list[RecordedRequest]:
    return emu.find_requests("POST", rf"/channels/{emu.channel_id}/messages", since=since)


async def _delivered(emu: DiscordEmulator, since: int) -> RecordedRequest:
    """The bot's first reply that Discord accepted, after any refused tries."""
    return await emu.wait_for_request(
        "POST",
        rf"/channels/{emu.channel_id}/messages",
        predicate=lambda r: r.status == 200,
        since=since,
        timeout=15,
    )


@pytest.mark.parametrize("code", [4000, 1001])
async def test_question_asked_while_the_gateway_is_down_is_answered(
    emu: DiscordEmulator, code: int
) -> None:
    await emu.close_gateway(code, wait=False)
    sent = await emu.send_message(QUESTION, mentions_bot=True, sync=False)
    await emu.wait_for_gateway_recovery()

    reply = await emu.wait_for_message()
    assert ANSWER in embed_text(reply)
    assert reply["message_reference"]["message_id"] == sent["id"]
    assert emu.gateway.resumes == 1 and emu.dropped_events == []


async def test_after_a_session_timeout_the_bot_identifies_again_and_answers(
    emu: DiscordEmulator,
) -> None:
    await emu.close_gateway(4009, timeout=15)  # discord.py waits 5 s before re-IDENTIFY

    assert emu.gateway.identifies == 2
    await emu.send_message(QUESTION, mentions_bot=True)
    assert ANSWER in embed_text(await emu.wait_for_message())


async def test_mention_reply_goes_through_a_burst_of_503s(emu: DiscordEmulator) -> None:
    emu.fail_requests(RestFault(503, count=2, routes=("message-create",)))
    mark = emu.mark()
    await emu.send_message(QUESTION, mentions_bot=True)

    reply = await _delivered(emu, mark)
    assert ANSWER in embed_text(reply.json)
    assert [r.status for r in _messages(emu, mark)] == [503, 503, 200]
    await emu.roundtrip()
    assert all(m.get("content") != UNEXPECTED for m in emu.channel_messages())


@pytest.mark.parametrize("headers", [True, False], ids=["with-headers", "bare"])
async def test_rate_limited_reply_is_waited_out(emu: DiscordEmulator, headers: bool) -> None:
    emu.fail_requests(RestFault(429, count=1, retry_after=0.2, headers=headers))
    mark = emu.mark()
    await emu.send_message(QUESTION, mentions_bot=True)

    reply = await _delivered(emu, mark)
    assert ANSWER in embed_text(reply.json)
    assert [r.status for r in _messages(emu, mark)] == [429, 200]


async def test_slash_answer_survives_a_bare_429_on_its_callback(emu: DiscordEmulator) -> None:
    emu.fail_requests(RestFault(429, count=1, headers=False, routes=("interaction-callback",)))
    record = await emu.invoke_slash("ask", {"question": QUESTION})
    assert record is not None

    refused = await emu.wait_for_interaction_response(record)
    callback = await emu.wait_for_interaction_response(record)
    assert (refused.status, callback.status) == (429, 200)
    assert callback.json["type"] == CallbackType.CHANNEL_MESSAGE
    assert ANSWER in embed_text(callback.json["data"])


@pytest.mark.parametrize(("code", "line"), [(4004, BAD_TOKEN), (4014, MISSING_INTENT)])
async def test_gateway_refusal_ends_with_one_friendly_line(
    discord_emulator: DiscordEmulator,
    knowledge: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    code: int,
    line: str,
) -> None:
    settings = load_settings(
        {
            "DISCORD_TOKEN": discord_emulator.token,
            "TRILAT_KNOWLEDGE": str(knowledge),
            "TRILAT_STATE_DIR": str(tmp_path / "state"),
        }
    )
    discord_emulator.refuse_identify(code)

    with caplog.at_level(logging.INFO):
        status = await serve(settings, KnowledgeService(knowledge), guild_ready_timeout=0.01)

    assert status == 1
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [line]
    assert not any(r.exc_info for r in caplog.records)
