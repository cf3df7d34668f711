"""Who Discord shows the admin commands to, and who the bot then lets use them.

Discord hides a command with `default_member_permissions` from everyone who lacks them;
configured admins without Manage Server must still see /reload, /unanswered and /stats.
"""

from __future__ import annotations

import pytest

from loopback_discord import CallbackType, DiscordEmulator, MessageFlags

from .helpers import StartBot, embed_text

MANAGE_GUILD = 1 << 5
ADMIN_COMMANDS = ("reload", "unanswered", "stats")
GUILD, BOT_DM = 0, 1


def synced(emu: DiscordEmulator) -> dict[str, dict]:
    return {c["name"]: c for c in emu.commands()}


async def followup_text(emu: DiscordEmulator, name: str, **kwargs) -> str:
    record = await emu.invoke_slash(name, **kwargs)
    assert record is not None, emu.refused_invocations
    callback = (await emu.wait_for_interaction_response(record)).json
    assert callback["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE
    followup = (await emu.wait_for_followup(record)).json
    assert record.ephemeral
    return followup.get("content") or embed_text(followup)


@pytest.mark.parametrize(
    ("env", "permissions", "contexts"),
    [
        ({}, str(MANAGE_GUILD), [GUILD]),
        ({"TRILAT_ADMIN_ROLES": "1"}, None, [GUILD]),
        ({"TRILAT_ADMIN_USERS": "1"}, None, [GUILD, BOT_DM]),
    ],
    ids=["nobody-configured", "admin-roles", "admin-users"],
)
async def test_admin_commands_are_synced_for_who_may_use_them(
    discord_emulator: DiscordEmulator,
    start_bot: StartBot,
    env: dict[str, str],
    permissions: str | None,
    contexts: list[int],
) -> None:
    await start_bot(**env)

    commands = synced(discord_emulator)
    for name in ADMIN_COMMANDS:
        assert commands[name]["default_member_permissions"] == permissions
        assert commands[name]["contexts"] == contexts
    assert commands["ask"]["default_member_permissions"] is None


async def test_unconfigured_non_manager_is_not_shown_the_commands(emu: DiscordEmulator) -> None:
    for name in ADMIN_COMMANDS:
        assert await emu.invoke_slash(name, user=emu.member_user) is None
        assert await emu.invoke_slash(name, user=emu.admin_user, dm=True) is None
    assert len(emu.refused_invocations) == 2 * len(ADMIN_COMMANDS)


async def test_admin_role_without_manage_server_sees_and_uses_them(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_ADMIN_ROLES=str(emu.member_role_id))

    assert "No facts changed." in await followup_text(emu, "reload", user=emu.member_user)
    assert "Questions asked: 0" in await followup_text(emu, "stats", user=emu.member_user)
    assert "No unanswered" in await followup_text(emu, "unanswered", user=emu.member_user)
    assert emu.refused_invocations == []


async def test_member_without_the_role_sees_them_but_is_refused(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_ADMIN_ROLES=str(emu.member_role_id))

    record = await emu.invoke_slash("stats", user=emu.other_user)

    assert record is not None
    callback = (await emu.wait_for_interaction_response(record)).json
    assert callback["data"]["flags"] & MessageFlags.EPHEMERAL
    assert "Manage Server or a configured admin role" in callback["data"]["content"]


async def test_admin_user_uses_them_in_a_dm(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_ADMIN_USERS=str(emu.other_user.id))
    sent = await emu.send_message("What is the weather like on Mars?", dm=True)
    await emu.wait_for_message(int(sent["channel_id"]))

    text = await followup_text(emu, "unanswered", user=emu.other_user, dm=True)

    assert "What is the weather like on Mars?" in text
    assert "Fact base reloaded" in await followup_text(emu, "reload", user=emu.other_user, dm=True)


async def test_other_users_are_refused_in_a_dm(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_ADMIN_USERS=str(emu.other_user.id))

    record = await emu.invoke_slash("unanswered", user=emu.member_user, dm=True)

    assert record is not None
    callback = (await emu.wait_for_interaction_response(record)).json
    assert "only in a server" in callback["data"]["content"]
