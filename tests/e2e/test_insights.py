"""/unanswered, /stats and the 👍 / 👎 buttons, as admins and members use them."""

from __future__ import annotations

import re

from loopback_discord import CallbackType, DiscordEmulator, EmulatedUser, MessageFlags, RestFault

from .helpers import StartBot, button_ids, embed_text

MANAGE_GUILD = 1 << 5
ANSWERED = "Who led India's delegation?"
MARS = "What is the weather like on Mars?"


async def admin_command(
    emu: DiscordEmulator, name: str, user: EmulatedUser | None = None, **options: int
) -> str:
    """Invoke an admin command; the text of its ephemeral follow-up, footer last."""
    record = await emu.invoke_slash(name, options or None, user=user or emu.admin_user)
    assert record is not None
    callback = await emu.wait_for_interaction_response(record)
    assert callback.json["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE
    followup = (await emu.wait_for_followup(record)).json
    assert record.ephemeral
    if not followup.get("embeds"):
        return followup["content"]
    return embed_text(followup) + "\n" + followup["embeds"][-1]["footer"]["text"]


async def ask(emu: DiscordEmulator, question: str, **kwargs) -> dict:
    await emu.send_message(question, mentions_bot=True, **kwargs)
    channel = kwargs.get("channel_id")
    return await emu.wait_for_message(channel)


def feedback_ids(reply: dict) -> dict[str, str]:
    return {i.split(":")[2]: i for i in button_ids(reply) if i.startswith("trilat:fb:")}


async def test_an_abstained_question_appears_in_unanswered(emu: DiscordEmulator) -> None:
    for question in (MARS, MARS, "what's the weather on mars", "Who won the football world cup?"):
        assert "I don't know" in embed_text(await ask(emu, question))
    await ask(emu, ANSWERED)

    text = await admin_command(emu, "unanswered", days=7)

    assert "Unanswered questions, the last 7 days" in text
    lines = text.splitlines()
    assert lines[1] == f"1. {MARS} (asked 3 times)"
    assert "what's the weather on mars" in lines[2]
    assert lines[3] == "2. Who won the football world cup? (asked once)"
    assert ANSWERED not in text
    assert "This server only" in text


async def test_feedback_buttons_record_once_per_user(emu: DiscordEmulator) -> None:
    reply = await ask(emu, ANSWERED)
    buttons = feedback_ids(reply)
    assert set(buttons) == {"up", "down"}
    emojis = [b["emoji"]["name"] for row in reply["components"] for b in row["components"]]
    assert emojis == ["👍", "👎"]

    answers = []
    for user, vote in [
        (emu.member_user, "up"),
        (emu.member_user, "down"),
        (emu.other_user, "down"),
    ]:
        clicked = await emu.click_button(reply, buttons[vote], user=user)
        callback = (await emu.wait_for_interaction_response(clicked)).json
        assert callback["data"]["flags"] & MessageFlags.EPHEMERAL
        answers.append(callback["data"]["content"])

    assert answers == [
        "Thanks for the feedback!",
        "You already rated this answer; thanks!",
        "Thanks for the feedback!",
    ]
    stats = await admin_command(emu, "stats")
    assert "Helpful: 1 of 2 votes (50.0%)" in stats


async def test_feedback_buttons_survive_a_restart(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot()
    reply = await ask(emu, ANSWERED)
    await emu.stop_bot()

    await start_bot()
    clicked = await emu.click_button(reply, feedback_ids(reply)["up"])

    callback = (await emu.wait_for_interaction_response(clicked)).json
    assert callback["data"]["content"] == "Thanks for the feedback!"


async def test_stats_add_up(emu: DiscordEmulator) -> None:
    for question in (ANSWERED, ANSWERED, "Where was the meeting held?"):
        assert "I don't know" not in embed_text(await ask(emu, question))
    await ask(emu, MARS)
    slash = await emu.invoke_slash("ask", {"question": ANSWERED})
    assert slash is not None
    await emu.wait_for_interaction_response(slash)

    text = await admin_command(emu, "stats", days=1)

    assert "Questions, the last day" in text
    assert "Questions asked: 5" in text
    assert "Answered: 4 (80.0%)" in text
    assert "Abstained: 1 (20.0%)" in text
    assert "Replies delivered: 5, failed: 0" in text
    assert "Helpful: no votes yet" in text
    top = re.findall(r"^  \d\. (\S+) — .+ \((\d+)\)$", text, re.M)
    assert top[0][1] == "3" and sum(int(count) for _, count in top) == 4
    metrics = emu.bot.metrics  # type: ignore[union-attr]
    counted = ("trilat_questions_total", "trilat_answered_total", "trilat_abstained_total")
    assert [metrics.total(name) for name in counted] == [5, 4, 1]


async def test_members_are_refused_and_the_commands_are_hidden(emu: DiscordEmulator) -> None:
    synced = {c["name"]: c for c in emu.commands()}
    for name in ("unanswered", "stats"):
        assert synced[name]["default_member_permissions"] == str(MANAGE_GUILD)
        assert await emu.invoke_slash(name, user=emu.member_user) is None
        # A server may override the command's permissions; the bot still refuses.
        record = await emu.invoke_slash(
            name, user=emu.member_user, enforce_default_permissions=False
        )
        assert record is not None
        callback = (await emu.wait_for_interaction_response(record)).json
        assert callback["type"] == CallbackType.CHANNEL_MESSAGE
        assert callback["data"]["flags"] & MessageFlags.EPHEMERAL
        assert "Manage Server" in callback["data"]["content"]


async def test_operators_see_every_server_and_dms(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_ADMIN_USERS=str(emu.other_user.id))
    sent = await emu.send_message("Is there a secret DM question?", dm=True)
    await emu.wait_for_message(int(sent["channel_id"]))

    server_admin = await admin_command(emu, "unanswered")
    operator = await admin_command(emu, "unanswered", user=emu.other_user)

    assert "No unanswered questions." in server_admin and "This server only" in server_admin
    assert "Is there a secret DM question?" in operator and "All servers and DMs" in operator


async def test_a_reply_discord_refuses_counts_as_failed(emu: DiscordEmulator) -> None:
    emu.fail_requests(RestFault(403, count=5, routes=("message-create",)))
    mark = emu.mark()
    await emu.send_message(ANSWERED, mentions_bot=True)
    await emu.wait_for_request(
        "POST",
        rf"/channels/{emu.channel_id}/messages",
        predicate=lambda r: r.status == 403,
        since=mark,
    )

    text = await admin_command(emu, "stats", days=1)

    assert "Questions asked: 1" in text
    assert "Replies delivered: 0, failed: 1" in text


async def test_unanswered_shows_what_people_typed_as_plain_text(emu: DiscordEmulator) -> None:
    typed = (
        f"**Why** is @everyone in {emu.admin_user.mention}'s [weather report](https://evil.example)"
        " on ||Mars|| so `cold`"
    )
    long = "Describe the weather on Mars " + "and the dust storms over the red plains " * 12
    for question in (typed, long):
        assert "I don't know" in embed_text(await ask(emu, question))

    record = await emu.invoke_slash("unanswered", user=emu.admin_user)
    assert record is not None
    followup = (await emu.wait_for_followup(record)).json
    shown = followup["embeds"][0]["description"]

    lines = shown.splitlines()
    first = next(line for line in lines if "Why" in line)
    assert r"\*\*Why\*\*" in first and r"\|\|Mars\|\|" in first and r"\`cold\`" in first
    assert r"\[weather report]" in first
    assert "@\u200beveryone" in first and f"<@\u200b{emu.admin_user.id}>" in first
    assert "@everyone" not in shown and emu.admin_user.mention not in shown
    second = next(line for line in lines if "Describe" in line)
    wording = re.sub(r"^\d+\. | \(asked once\)$", "", second)
    assert wording.endswith("…") and 150 <= len(wording) <= 201
    assert len(long) > 400
