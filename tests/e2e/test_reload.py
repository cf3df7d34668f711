"""/reload and SIGHUP: admins only, in a server, atomic, the old facts kept on error."""

from __future__ import annotations

import logging
import os
import signal
import textwrap
from pathlib import Path

import pytest

from bot.core.limits import MAX_DEPTH
from bot.core.loader import KnowledgeError
from loopback_discord import CallbackType, DiscordEmulator, MessageFlags

from .helpers import StartBot, embed_text

MANAGE_GUILD = 1 << 5
QUESTION = "Who led India's delegation?"


def add_fact(knowledge: Path, emu: DiscordEmulator) -> None:
    source = next(iter(emu.bot.service.snapshot.factbase.sources))  # type: ignore[union-attr]
    (knowledge / "facts-e2e.yaml").write_text(
        textwrap.dedent(
            f"""\
            facts:
              - id: e2e-lunch
                topic: meeting
                answer: The delegations shared a kimchi lunch after the talks.
                questions:
                  - What did the delegations eat for lunch?
                  - Was there a kimchi lunch?
                keywords: [kimchi, lunch]
                sources: [{source}]
            """
        )
    )


async def reload_as(emu: DiscordEmulator, **kwargs):
    """Invoke /reload; return (immediate callback, the record)."""
    record = await emu.invoke_slash("reload", **kwargs)
    assert record is not None
    return (await emu.wait_for_interaction_response(record)).json, record


async def test_admin_reload_reports_the_diff_and_serves_new_facts(
    emu: DiscordEmulator, knowledge: Path
) -> None:
    add_fact(knowledge, emu)

    callback, record = await reload_as(emu, user=emu.admin_user)
    followup = await emu.wait_for_followup(record)

    assert callback["type"] == CallbackType.DEFERRED_CHANNEL_MESSAGE
    assert callback["data"]["flags"] & MessageFlags.EPHEMERAL
    assert record.ephemeral
    text = embed_text(followup.json)
    assert "Fact base reloaded" in text and "**Added (1):** `e2e-lunch`" in text

    await emu.send_message("What did the delegations eat for lunch?", mentions_bot=True)
    assert "kimchi" in embed_text(await emu.wait_for_message())


async def test_broken_yaml_keeps_the_old_facts_and_lists_the_error(
    emu: DiscordEmulator, knowledge: Path
) -> None:
    before = emu.bot.service.snapshot  # type: ignore[union-attr]
    (knowledge / "broken.yaml").write_text("facts:\n  - id: [unclosed\n    topic: x\n")

    _, record = await reload_as(emu, user=emu.admin_user)
    followup = await emu.wait_for_followup(record)

    assert record.ephemeral
    text = embed_text(followup.json)
    assert f"kept the current {len(before.factbase.facts)} facts" in text
    assert "`broken.yaml:3`: YAML syntax error" in text
    assert emu.bot.service.snapshot is before  # type: ignore[union-attr]

    await emu.send_message(QUESTION, mentions_bot=True)
    assert "Thakkar" in embed_text(await emu.wait_for_message())


async def test_member_is_refused_where_a_server_shows_them_the_command(
    emu: DiscordEmulator, knowledge: Path
) -> None:
    before = emu.bot.service.snapshot  # type: ignore[union-attr]
    add_fact(knowledge, emu)

    callback, _ = await reload_as(emu, user=emu.member_user, enforce_default_permissions=False)

    assert callback["type"] == CallbackType.CHANNEL_MESSAGE
    assert callback["data"]["flags"] & MessageFlags.EPHEMERAL
    assert "Manage Server" in callback["data"]["content"]
    assert emu.bot.service.snapshot is before  # type: ignore[union-attr]


async def test_command_is_hidden_from_members_by_default(emu: DiscordEmulator) -> None:
    synced = {c["name"]: c for c in emu.commands()}
    assert synced["reload"]["default_member_permissions"] == str(MANAGE_GUILD)
    assert synced["ask"]["default_member_permissions"] is None

    assert await emu.invoke_slash("reload", user=emu.member_user) is None
    assert "lack default_member_permissions" in emu.refused_invocations[-1].reason


async def test_configured_admin_role_may_reload(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_ADMIN_ROLES=str(emu.member_role_id))

    _, record = await reload_as(emu, user=emu.member_user)

    assert "No facts changed." in embed_text((await emu.wait_for_followup(record)).json)


async def test_configured_admin_user_may_reload(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_ADMIN_USERS=str(emu.other_user.id))

    _, record = await reload_as(emu, user=emu.other_user)

    assert "Fact base reloaded" in embed_text((await emu.wait_for_followup(record)).json)


async def test_reload_is_not_offered_in_dms_without_admin_users(emu: DiscordEmulator) -> None:
    assert {c["name"]: c for c in emu.commands()}["reload"]["contexts"] == [0]
    assert await emu.invoke_slash("reload", user=emu.admin_user, dm=True) is None
    assert emu.refused_invocations[-1].reason == "command contexts exclude bot DMs"


async def test_reload_in_a_dm_by_a_server_admin_is_refused(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> None:
    emu = discord_emulator
    await start_bot(TRILAT_ADMIN_USERS=str(emu.other_user.id))

    callback, _ = await reload_as(emu, user=emu.admin_user, dm=True)

    assert callback["data"]["flags"] & MessageFlags.EPHEMERAL
    assert "only in a server" in callback["data"]["content"]


async def test_sighup_reloads(emu: DiscordEmulator, knowledge: Path) -> None:
    add_fact(knowledge, emu)
    reloaded = emu.bot.wait_for("knowledge_reloaded", timeout=5)  # type: ignore[union-attr]

    os.kill(os.getpid(), signal.SIGHUP)

    diff = await reloaded
    assert diff.added == ("e2e-lunch",)


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


async def test_alias_bomb_is_refused_and_counted(emu: DiscordEmulator, knowledge: Path) -> None:
    before = emu.bot.service.snapshot  # type: ignore[union-attr]
    (knowledge / "bomb.yaml").write_text(ALIAS_BOMB)

    _, record = await reload_as(emu, user=emu.admin_user)
    text = embed_text((await emu.wait_for_followup(record)).json)

    assert "`bomb.yaml:1`: YAML anchors and aliases are not allowed" in text
    assert emu.bot.metrics.total("trilat_reload_failures_total") == 1  # type: ignore[union-attr]
    assert emu.bot.service.snapshot is before  # type: ignore[union-attr]


async def test_unreadable_file_is_a_listed_problem(emu: DiscordEmulator, knowledge: Path) -> None:
    before = emu.bot.service.snapshot  # type: ignore[union-attr]
    (knowledge / "loop.yaml").symlink_to(knowledge / "loop.yaml")

    _, record = await reload_as(emu, user=emu.admin_user)
    text = embed_text((await emu.wait_for_followup(record)).json)

    assert "`loop.yaml:0`: cannot read: Too many levels of symbolic links" in text
    assert "Sorry" not in text
    assert emu.bot.metrics.total("trilat_reload_failures_total") == 1  # type: ignore[union-attr]
    assert emu.bot.service.snapshot is before  # type: ignore[union-attr]


async def test_sighup_with_deep_nesting_keeps_the_old_facts(
    emu: DiscordEmulator, knowledge: Path
) -> None:
    before = emu.bot.service.snapshot  # type: ignore[union-attr]
    (knowledge / "deep.yaml").write_text("facts: " + "[" * 600 + "]" * 600 + "\n")
    failed = emu.bot.wait_for("knowledge_reload_failed", timeout=5)  # type: ignore[union-attr]

    os.kill(os.getpid(), signal.SIGHUP)

    error = await failed
    assert isinstance(error, KnowledgeError)
    assert [p.message for p in error.problems] == [f"nested deeper than {MAX_DEPTH} levels"]
    assert emu.bot.metrics.total("trilat_reload_failures_total") == 1  # type: ignore[union-attr]
    assert emu.bot.service.snapshot is before  # type: ignore[union-attr]
    await emu.send_message(QUESTION, mentions_bot=True)
    assert "Thakkar" in embed_text(await emu.wait_for_message())


@pytest.mark.parametrize("salt", ["", "a-long-random-secret-value"])
async def test_a_reload_is_logged_without_the_raw_user_id(
    discord_emulator: DiscordEmulator,
    start_bot: StartBot,
    caplog: pytest.LogCaptureFixture,
    salt: str,
) -> None:
    emu = discord_emulator
    caplog.set_level(logging.INFO)
    bot = await start_bot(TRILAT_ADMIN_USERS=str(emu.other_user.id), TRILAT_HASH_SALT=salt)

    _, record = await reload_as(emu, user=emu.other_user)
    await emu.wait_for_followup(record)

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"/reload by {bot.user_label(emu.other_user.id)}" in logged
    assert str(emu.other_user.id) not in logged
    assert ("/reload by a user" in logged) == (not salt)
