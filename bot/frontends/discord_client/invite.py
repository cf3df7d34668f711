"""What the bot needs from a server, and the link that asks for it."""

from __future__ import annotations

import discord

SCOPES = ("bot", "applications.commands")

BOT_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
    use_application_commands=True,
)
"""Reading and replying, in channels and in threads and forum posts; embeds for answers."""


def invite_url(application_id: int) -> str:
    """The OAuth2 link that adds the bot to a server with `BOT_PERMISSIONS`."""
    return discord.utils.oauth_url(application_id, permissions=BOT_PERMISSIONS, scopes=SCOPES)
