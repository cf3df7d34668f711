"""The emulator against a real discord.py `commands.Bot`: what Discord would receive."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from loopback_discord import (
    CallbackType,
    DiscordEmulator,
    MessageFlags,
    RecordedRequest,
    RequestTimeoutError,
    RestFault,
)

pytestmark = pytest.mark.asyncio

TOPICS = ["semiconductors", "space", "quantum computing", "biotech", "telecom"]


class AnswerView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Sources", custom_id="answer:sources")
    async def sources(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content="Sources: example.org", view=None)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput = discord.ui.TextInput(label="Your feedback", custom_id="text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


def make_bot(emu: DiscordEmulator, *, message_content: bool = True) -> commands.Bot:
    """A small bot with one of each thing the emulator must carry."""
    intents = discord.Intents.default()
    intents.message_content = message_content
    bot = commands.Bot(
        command_prefix=commands.when_mentioned, intents=intents, guild_ready_timeout=0.05
    )
    bot.seen = []  # type: ignore[attr-defined]
    guild = discord.Object(emu.guild_id)

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        bot.seen.append(message.content)  # type: ignore[attr-defined]
        if bot.user in message.mentions:
            await message.reply("pong")

    async def topic_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=t, value=t) for t in TOPICS if current.lower() in t]

    @bot.tree.command(description="Ask about a topic")
    @app_commands.autocomplete(topic=topic_autocomplete)
    async def ask(interaction: discord.Interaction, topic: str) -> None:
        await interaction.response.send_message(f"About {topic}", view=AnswerView())

    @bot.tree.command(description="A reply only you can see")
    async def secret(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("just for you", ephemeral=True)

    @bot.tree.command(description="Takes a while")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("done")

    @bot.tree.command(description="Admins only")
    @app_commands.default_permissions(administrator=True)
    @app_commands.checks.has_permissions(administrator=True)
    async def purge(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("purged")

    @bot.tree.command(description="Send feedback")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal())

    @bot.tree.error
    async def on_app_command_error(
        interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await interaction.response.send_message(f"error: {type(error).__name__}", ephemeral=True)

    async def setup_hook() -> None:
        bot.tree.copy_global_to(guild=guild)
        await bot.tree.sync(guild=guild)

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


@pytest_asyncio.fixture
async def emu(discord_emulator: DiscordEmulator) -> AsyncIterator[DiscordEmulator]:
    await discord_emulator.start_bot(make_bot(discord_emulator))
    yield discord_emulator


async def test_start_up_is_login_then_sync_then_gateway(discord_emulator: DiscordEmulator) -> None:
    bot = make_bot(discord_emulator)
    await discord_emulator.start_bot(bot)

    calls = [(r.method, r.path) for r in discord_emulator.requests[:3]]
    assert calls == [
        ("GET", "/users/@me"),
        ("GET", "/oauth2/applications/@me"),
        (
            "PUT",
            f"/applications/{discord_emulator.application_id}"
            f"/guilds/{discord_emulator.guild_id}/commands",
        ),
    ]
    assert discord_emulator.requests[0].headers["Authorization"] == "Bot test-token"
    assert discord_emulator.identify_payload is not None
    assert discord_emulator.identify_payload["intents"] == bot.intents.value
    guild = bot.get_guild(discord_emulator.guild_id)
    assert guild is not None and guild.member_count == 4
    assert {c.name for c in guild.text_channels} == {"general", "questions", "off-topic"}
    synced = {c["name"]: c for c in discord_emulator.commands(guild=True)}
    assert set(synced) == {"ask", "secret", "slow", "purge", "feedback"}
    assert synced["purge"]["default_member_permissions"] == "8"
    assert all(c["application_id"] == str(discord_emulator.application_id) for c in synced.values())


async def test_mention_gets_a_reply_to_that_message(emu: DiscordEmulator) -> None:
    sent = await emu.send_message("hello there", mentions_bot=True)

    reply = await emu.wait_for_message()

    assert reply["content"] == "pong"
    assert reply["author"]["id"] == str(emu.bot_user.id)
    assert reply["message_reference"]["message_id"] == sent["id"]
    assert reply["referenced_message"]["id"] == sent["id"]
    assert [m["id"] for m in reply["mentions"]] == [str(emu.member_user.id)]


async def test_without_message_content_intent_content_arrives_empty(
    discord_emulator: DiscordEmulator,
) -> None:
    bot = make_bot(discord_emulator, message_content=False)
    await discord_emulator.start_bot(bot)

    await discord_emulator.send_message("not for the bot", author=discord_emulator.admin_user)
    await discord_emulator.send_message("for the bot", mentions_bot=True)
    await discord_emulator.wait_for_message()

    assert bot.seen == ["", f"{discord_emulator.bot_user.mention} for the bot"]  # type: ignore[attr-defined]


async def test_threads_and_forum_posts_reach_the_bot_as_threads(emu: DiscordEmulator) -> None:
    bot = emu.bot
    assert bot is not None
    forum = bot.get_channel(emu.forum_channel_id)
    assert isinstance(forum, discord.ForumChannel)

    public = await emu.create_thread(emu.other_channel_id)
    private = await emu.create_thread(emu.other_channel_id, private=True)
    post = await emu.create_forum_post("Who led the meeting?", title="Leaders")

    kinds = {
        public: discord.ChannelType.public_thread,
        private: discord.ChannelType.private_thread,
        int(post["id"]): discord.ChannelType.public_thread,
    }
    for thread_id, kind in kinds.items():
        thread = bot.get_channel(thread_id)
        assert isinstance(thread, discord.Thread) and thread.type == kind
    assert bot.get_channel(int(post["id"])).parent == forum  # type: ignore[union-attr]
    assert bot.get_channel(public).parent_id == emu.other_channel_id  # type: ignore[union-attr]
    assert post["channel_id"] == post["id"]
    await emu.roundtrip()
    assert "Who led the meeting?" in bot.seen  # type: ignore[attr-defined]

    await emu.send_message("in the thread", mentions_bot=True, channel_id=public)
    reply = await emu.wait_for_message(public)
    assert reply["content"] == "pong" and reply["channel_id"] == str(public)
    with pytest.raises(ValueError, match="always a public thread"):
        await emu.create_thread(emu.forum_channel_id, private=True)
    with pytest.raises(LookupError, match="not a text channel or thread"):
        await emu.send_message("no", channel_id=emu.forum_channel_id)


async def test_active_threads_come_with_guild_create(discord_emulator: DiscordEmulator) -> None:
    emu = discord_emulator
    await emu.start_bot(make_bot(emu))
    thread_id = await emu.create_thread()
    await emu.stop_bot()

    bot = await emu.start_bot(make_bot(emu))

    thread = bot.get_channel(thread_id)
    assert isinstance(thread, discord.Thread) and thread.parent_id == emu.channel_id


async def test_slash_command_with_autocomplete_and_a_button(emu: DiscordEmulator) -> None:
    typing = await emu.autocomplete("ask", "topic", "s")
    choices = (await emu.wait_for_interaction_response(typing)).json["data"]["choices"]
    assert [c["value"] for c in choices] == ["semiconductors", "space"]

    asked = await emu.invoke_slash("ask", {"topic": "space"}, user=emu.admin_user)
    assert asked is not None
    callback = await emu.wait_for_interaction_response(asked)
    assert callback.json["type"] == CallbackType.CHANNEL_MESSAGE
    assert asked.original_message is not None
    assert asked.original_message["content"] == "About space"
    assert asked.original_message["interaction_metadata"]["user"]["id"] == str(emu.admin_user.id)

    clicked = await emu.click_button(asked.original_message, "answer:sources")
    update = await emu.wait_for_interaction_response(clicked)

    assert update.json["type"] == CallbackType.UPDATE_MESSAGE
    message = emu.messages[asked.original_message_id or 0]
    assert message["content"] == "Sources: example.org"
    assert message["components"] == []


async def test_ephemeral_reply_is_flagged(emu: DiscordEmulator) -> None:
    asked = await emu.invoke_slash("secret")
    assert asked is not None

    callback = await emu.wait_for_interaction_response(asked)

    assert callback.json["data"]["flags"] & MessageFlags.EPHEMERAL
    assert asked.ephemeral
    assert callback.response["interaction"]["response_message_ephemeral"] is True


async def test_deferred_response_then_follow_up_replaces_the_thinking_message(
    emu: DiscordEmulator,
) -> None:
    asked = await emu.invoke_slash("slow")
    assert asked is not None

    deferred = await emu.wait_for_interaction_response(asked)
    followup = await emu.wait_for_followup(asked)

    assert deferred.json["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE
    assert followup.json["content"] == "done"
    assert followup.response["id"] == str(asked.original_message_id)
    assert asked.original_message is not None
    assert asked.original_message["content"] == "done"
    assert not asked.original_message["flags"] & MessageFlags.LOADING


async def test_default_member_permissions_gate_is_on_by_default(emu: DiscordEmulator) -> None:
    refused = await emu.invoke_slash("purge")
    assert refused is None
    assert emu.refused_invocations[-1].user_id == emu.member_user.id

    by_admin = await emu.invoke_slash("purge", user=emu.admin_user)
    assert by_admin is not None
    assert (await emu.wait_for_interaction_response(by_admin)).json["data"]["content"] == "purged"

    unchecked = await emu.invoke_slash("purge", permissions="0", enforce_default_permissions=False)
    assert unchecked is not None
    answer = (await emu.wait_for_interaction_response(unchecked)).json["data"]
    assert answer["content"] == "error: MissingPermissions"


async def test_modal_is_shown_and_submitted(emu: DiscordEmulator) -> None:
    opened = await emu.invoke_slash("feedback")
    assert opened is not None
    assert (await emu.wait_for_interaction_response(opened)).json["type"] == CallbackType.MODAL

    submitted = await emu.submit_modal(opened, {"text": "great bot"})

    answer = (await emu.wait_for_interaction_response(submitted)).json["data"]
    assert answer["content"] == "thanks: great bot"


async def test_direct_message_with_a_file(emu: DiscordEmulator) -> None:
    bot = emu.bot
    assert bot is not None
    user = await bot.fetch_user(emu.other_user.id)

    await user.send("your file", file=discord.File(io.BytesIO(b"fact,source\n"), "facts.csv"))

    opened = await emu.wait_for_request("POST", "/users/@me/channels")
    sent = await emu.wait_for_request("POST", r"/channels/\d+/messages")
    assert sent.path == f"/channels/{opened.response['id']}/messages"
    assert sent.json["content"] == "your file"
    assert [(f.filename, f.data) for f in sent.files] == [("facts.csv", b"fact,source\n")]
    assert sent.response["attachments"][0]["size"] == len(b"fact,source\n")


async def test_discord_limits_and_unknown_routes_fail_loudly(emu: DiscordEmulator) -> None:
    bot = emu.bot
    assert bot is not None
    channel = bot.get_channel(emu.channel_id)
    assert isinstance(channel, discord.TextChannel)

    with pytest.raises(discord.HTTPException) as too_long:
        await channel.send("x" * 2001)
    assert too_long.value.code == 50035

    with pytest.raises(discord.NotFound):
        await bot.http.request(discord.http.Route("GET", "/not-a-discord-route"))
    assert emu.requests[-1].status == 404


async def test_reconnect_resumes_and_keeps_working(emu: DiscordEmulator) -> None:
    await emu.force_reconnect()
    await emu.send_message("still there?", mentions_bot=True)

    assert (await emu.wait_for_message())["content"] == "pong"
    assert emu.gateway.connections == 2


async def test_waiting_for_nothing_times_out_with_what_happened(emu: DiscordEmulator) -> None:
    await emu.send_message("no mention")
    await emu.roundtrip()

    with pytest.raises(RequestTimeoutError, match="GET /users/@me"):
        await emu.wait_for_request("POST", r"/channels/\d+/messages", timeout=0.05)


# -- faults ------------------------------------------------------------------------------------


def _pongs(emu: DiscordEmulator) -> list[RecordedRequest]:
    return emu.find_requests(
        "POST", rf"/channels/{emu.channel_id}/messages", predicate=lambda r: r.status == 200
    )


async def test_gateway_close_is_resumed_and_replays_what_the_bot_missed(
    emu: DiscordEmulator,
) -> None:
    await emu.close_gateway(4000, wait=False)
    sent = await emu.send_message("are you there?", mentions_bot=True, sync=False)
    await emu.wait_for_gateway_recovery()

    reply = await emu.wait_for_message()
    assert reply["content"] == "pong"
    assert reply["message_reference"]["message_id"] == sent["id"]
    assert [f["op"] for f in emu.gateway.received if f["op"] in (2, 6)] == [2, 6]
    assert (emu.gateway.identifies, emu.gateway.resumes) == (1, 1)
    assert emu.dropped_events == []


@pytest.mark.parametrize("code", [1000, 1001, 4000])
async def test_non_fatal_close_codes_are_resumed(emu: DiscordEmulator, code: int) -> None:
    await emu.close_gateway(code)

    assert emu.gateway.resumes == 1
    await emu.send_message("still there?", mentions_bot=True)
    assert (await emu.wait_for_message())["content"] == "pong"


async def test_session_timeout_refuses_resume_and_drops_what_was_missed(
    emu: DiscordEmulator,
) -> None:
    await emu.close_gateway(4009, wait=False)
    lost = await emu.send_message("lost in the gap", mentions_bot=True, sync=False)
    await emu.wait_for_gateway_recovery(timeout=15)  # discord.py waits 5 s to re-IDENTIFY

    assert [f["op"] for f in emu.gateway.received if f["op"] in (2, 6)] == [2, 6, 2]
    assert (emu.gateway.identifies, emu.gateway.resumes) == (2, 0)
    assert [e.data["id"] for e in emu.dropped_events] == [lost["id"]]
    await emu.send_message("and now?", mentions_bot=True)
    reply = await emu.wait_for_message()
    assert reply["message_reference"]["message_id"] != lost["id"]
    assert len(_pongs(emu)) == 1


async def test_fatal_close_ends_the_bot_and_dispatch_fails_loudly(emu: DiscordEmulator) -> None:
    await emu.close_gateway(4004)

    ended = await emu.wait_for_bot_exit()
    assert isinstance(ended, discord.ConnectionClosed) and ended.code == 4004
    with pytest.raises(RuntimeError, match="no bot is connected"):
        await emu.gateway.dispatch("MESSAGE_CREATE", {})


async def test_refused_identify_closes_with_the_code(discord_emulator: DiscordEmulator) -> None:
    discord_emulator.refuse_identify(4014)

    with pytest.raises(discord.PrivilegedIntentsRequired):
        await discord_emulator.start_bot(make_bot(discord_emulator))


async def _raw_post(emu: DiscordEmulator, content: str) -> tuple[int, dict[str, str], object]:
    url = f"{emu.base_url}/api/v10/channels/{emu.channel_id}/messages"
    headers = {"Authorization": f"Bot {emu.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"content": content}, headers=headers) as response,
    ):
        return response.status, dict(response.headers), await response.json(content_type=None)


async def test_rate_limit_answers_carry_discords_headers(emu: DiscordEmulator) -> None:
    emu.fail_requests(RestFault(429, count=1, retry_after=1.5))
    emu.fail_requests(RestFault(429, count=1, headers=False))

    status, headers, body = await _raw_post(emu, "one")
    assert status == 429
    assert headers["Retry-After"] == "2" and headers["Via"]
    assert headers["X-RateLimit-Remaining"] == "0"
    assert float(headers["X-RateLimit-Reset-After"]) == 1.5
    assert body == {
        "message": "You are being rate limited.",
        "retry_after": 1.5,
        "global": False,
        "code": 0,
    }
    status, headers, _ = await _raw_post(emu, "two")
    assert status == 429
    assert not {"Retry-After", "Via", "X-RateLimit-Remaining"} & set(headers)
    status, _, _ = await _raw_post(emu, "three")
    assert status == 200
    assert [m["content"] for m in emu.channel_messages()] == ["three"]
    assert emu.rest_faults.answered == 2


async def test_discord_py_waits_out_a_rate_limit_but_not_a_bare_429(emu: DiscordEmulator) -> None:
    channel = emu.bot.get_channel(emu.channel_id)  # type: ignore[union-attr]
    assert isinstance(channel, discord.TextChannel)

    emu.fail_requests(RestFault(429, count=1, retry_after=0.01))
    sent = await channel.send("after the wait")
    assert sent.content == "after the wait"

    emu.fail_requests(RestFault(429, count=1, headers=False))
    with pytest.raises(discord.HTTPException) as refused:
        await channel.send("refused")
    assert refused.value.status == 429
    assert [r.status for r in emu.find_requests("POST", r"/channels/\d+/messages")] == [
        429,
        200,
        429,
    ]


async def test_server_errors_cover_only_their_routes_and_count(emu: DiscordEmulator) -> None:
    emu.fail_requests(RestFault(503, count=2, routes=("message-create",)))
    emu.fail_requests(RestFault(500, seconds=3600, routes=("webhook",)))

    assert (await _raw_post(emu, "a"))[0] == 503
    assert (await _raw_post(emu, "b"))[0] == 503
    assert (await _raw_post(emu, "c"))[0] == 200
    assert emu.rest_faults.active  # the timed webhook fault is still in force
    emu.rest_faults.clear()
    assert not emu.rest_faults.active
    with pytest.raises(ValueError, match="unknown fault routes"):
        RestFault(503, routes=("guilds",))
    with pytest.raises(ValueError, match="429 or a 5xx"):
        RestFault(404)
