"""User-typed text quoted back in Discord: shown as typed, never as formatting or pings."""

from __future__ import annotations

import discord

from bot.frontends.discord_client.layout import trim

QUOTE = 200
"""Characters of one stored question shown in an admin view, before the ellipsis."""


def quoted(text: str, limit: int = QUOTE) -> str:
    """One line of at most about `limit` characters, Markdown and mentions escaped.

    Cut first, then escaped, so an escape is never split; escaping may add a few characters.
    """
    line = trim(" ".join(text.split()), limit)
    return discord.utils.escape_mentions(discord.utils.escape_markdown(line))
