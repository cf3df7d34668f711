"""Slash-command checks: who is an admin, and the shared question budget."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

import discord
from discord import app_commands

from bot.frontends.discord_client.replies import NotAdmin

if TYPE_CHECKING:
    from bot.frontends.discord_client.client import TrilatBot
    from bot.operations.config import Settings

T = TypeVar("T")


def _bot(interaction: discord.Interaction) -> TrilatBot:
    return cast("TrilatBot", interaction.client)


def is_admin(interaction: discord.Interaction) -> bool:
    """Manage Server in this guild, or a configured admin user or role."""
    settings = _bot(interaction).settings
    user = interaction.user
    if user.id in settings.admin_user_ids or interaction.permissions.manage_guild:
        return True
    roles = getattr(user, "roles", ())
    return any(role.id in settings.admin_role_ids for role in roles)


def _admin_check(interaction: discord.Interaction) -> bool:
    """The run-time gate of every admin command: in a DM only configured admin users pass."""
    if (
        interaction.guild is None
        and interaction.user.id not in _bot(interaction).settings.admin_user_ids
    ):
        raise app_commands.NoPrivateMessage()
    if not is_admin(interaction):
        raise NotAdmin()
    return True


def admin_only() -> Callable[[T], T]:
    """Hide the command from non-managers *and* refuse them at run time, in guilds only.

    `default_permissions` and `guild_only` are only hints Discord applies (and a server
    can override); the check is what actually protects the command. `open_to_configured_admins`
    lifts the hints when the settings name admins Discord cannot know about.
    """

    def decorator(func: T) -> T:
        func = app_commands.default_permissions(manage_guild=True)(func)
        func = app_commands.guild_only()(func)
        return app_commands.check(_admin_check)(func)

    return decorator


def open_to_configured_admins(tree: app_commands.CommandTree, settings: Settings) -> int:
    """With admin roles or users configured, show the admin commands to every member and,
    for admin users, in the bot's DMs; the run-time check decides. How many were opened.

    Discord hides a command with `default_member_permissions` from everyone lacking them,
    so a configured admin without Manage Server would never see it.
    """
    if not (settings.admin_role_ids or settings.admin_user_ids):
        return 0
    contexts = app_commands.AppCommandContext(guild=True, dm_channel=bool(settings.admin_user_ids))
    opened = 0
    for command in tree.walk_commands():
        if isinstance(command, app_commands.Command) and _admin_check in command.checks:
            command.default_permissions = None
            command.guild_only = not settings.admin_user_ids
            command.allowed_contexts = contexts
            opened += 1
    return opened


def question_cooldown() -> Callable[[T], T]:
    """A command that costs one question from the user's budget."""

    def predicate(interaction: discord.Interaction) -> bool:
        _bot(interaction).limiter.spend(interaction.user.id)
        return True

    return app_commands.check(predicate)
