"""Sending replies within Discord's rules: no pings, every page sent, errors kept private.

Every send goes through `deliver`, so a reply survives a brief 5xx or 429 from Discord.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from typing import Any

import discord
from discord import app_commands
from discord.utils import MISSING

from bot.core.i18n.languages import ENGLISH
from bot.core.i18n.wording import Wording
from bot.frontends.discord_client.delivery import (
    FOLLOWUP_WINDOW,
    INTERACTION_RESPONSE_WINDOW,
    INTERACTION_RETRIES,
    MESSAGE_RETRIES,
    deliver,
    seconds_left,
)
from bot.frontends.discord_client.embeds import ANSWER_COLOUR, to_embeds
from bot.frontends.discord_client.layout import CONTENT, Page, trim

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
UNEXPECTED = ENGLISH["unexpected"]


class NotAdmin(app_commands.CheckFailure):
    """The user lacks Manage Server and is not a configured admin."""


def slow_down(retry_after: float, wording: Wording | None = None) -> str:
    seconds = max(1, math.ceil(retry_after))
    return (wording or Wording()).message("slow_down", seconds=seconds)


def error_text(error: Exception, wording: Wording | None = None) -> str | None:
    """What to tell a user about a failed command, in `wording`'s language; None for an
    unexpected error."""
    wording = wording or Wording()
    if isinstance(error, app_commands.CommandOnCooldown):
        return slow_down(error.retry_after, wording)
    if isinstance(error, app_commands.NoPrivateMessage):
        return wording.message("server_only")
    if isinstance(error, NotAdmin | app_commands.MissingPermissions):
        return wording.message("admins_only")
    if isinstance(error, app_commands.CheckFailure):
        return wording.message("not_here")
    return None


def _user_label(interaction: discord.Interaction) -> str:
    label = getattr(interaction.client, "user_label", None)
    return label(interaction.user.id) if callable(label) else "a user"


async def report_error(
    interaction: discord.Interaction, error: Exception, wording: Wording | None = None
) -> None:
    """Tell the user ephemerally, in `wording`'s language; log unexpected errors with their
    traceback."""
    wording = wording or Wording()
    text = error_text(error, wording)
    if text is None:
        original = getattr(error, "original", error)
        name = interaction.command.qualified_name if interaction.command else "a component"
        who = _user_label(interaction)
        log.error("error in %s for %s", name, who, exc_info=original)
        text = wording.message("unexpected")
    try:
        await send_text(interaction, text)
    except Exception as failure:  # expired interaction, lost connection: only log it
        log.warning("could not report an error to %s: %r", _user_label(interaction), failure)


async def respond(interaction: discord.Interaction, **message: Any) -> None:
    """The response or, once responded, a follow-up; retried within Discord's deadlines."""
    first = not interaction.response.is_done()

    async def send() -> None:
        if interaction.response.is_done():
            await interaction.followup.send(**message)
        else:
            await interaction.response.send_message(**message)

    window = INTERACTION_RESPONSE_WINDOW if first else FOLLOWUP_WINDOW
    await deliver(
        send,
        what=f"{'response' if first else 'follow-up'} to interaction {interaction.id}",
        policy=INTERACTION_RETRIES if first else MESSAGE_RETRIES,
        time_left=seconds_left(interaction.created_at, window),
    )


async def send_text(interaction: discord.Interaction, text: str, ephemeral: bool = True) -> None:
    """A short message, as the response or, once responded, as a follow-up."""
    await respond(
        interaction,
        content=trim(text, CONTENT),
        ephemeral=ephemeral,
        allowed_mentions=NO_MENTIONS,
    )


def _paged(
    messages: Sequence[Sequence[Page]], colour: discord.Colour, view: discord.ui.View | None
) -> Iterator[dict[str, Any]]:
    """What each message of a paginated reply carries: its embeds, and the view on the last."""
    last = len(messages) - 1
    for index, pages in enumerate(messages):
        yield {
            "embeds": to_embeds(pages, colour),
            "view": view if view is not None and index == last else MISSING,
        }


async def send_pages(
    interaction: discord.Interaction,
    messages: Sequence[Sequence[Page]],
    *,
    colour: discord.Colour = ANSWER_COLOUR,
    view: discord.ui.View | None = None,
    ephemeral: bool = False,
) -> None:
    """Every message of a paginated reply; the view goes on the last one."""
    for page in _paged(messages, colour, view):
        await respond(interaction, ephemeral=ephemeral, allowed_mentions=NO_MENTIONS, **page)


async def reply_pages(
    message: discord.Message,
    messages: Sequence[Sequence[Page]],
    *,
    colour: discord.Colour = ANSWER_COLOUR,
    view: discord.ui.View | None = None,
) -> None:
    """Reply to `message` with every page, without pinging anyone; the view goes last."""
    for page in _paged(messages, colour, view):
        await _reply(message, **page)


async def reply_text(message: discord.Message, text: str) -> None:
    await _reply(message, content=trim(text, CONTENT))


async def _reply(message: discord.Message, **reply: Any) -> None:
    """`message.reply` without pings, retried through transient faults."""
    await deliver(
        lambda: message.reply(mention_author=False, allowed_mentions=NO_MENTIONS, **reply),
        what=f"reply to message {message.id}",
        policy=MESSAGE_RETRIES,
    )
