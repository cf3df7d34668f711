"""Which configured answer channel, if any, a message was posted in."""

from __future__ import annotations

import discord


def in_answer_channel(channel: discord.abc.Messageable, answer_channel_ids: frozenset[int]) -> bool:
    """The channel itself, or for a thread or forum post its parent, is an answer channel.

    A thread's messages carry the thread's own id; only the thread knows its parent.
    """
    if getattr(channel, "id", None) in answer_channel_ids:
        return True
    return isinstance(channel, discord.Thread) and channel.parent_id in answer_channel_ids
