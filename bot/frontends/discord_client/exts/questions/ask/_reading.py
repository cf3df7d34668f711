"""What the bot reads from a message: whether it is in an answer channel, and its question."""

from __future__ import annotations

import re

import discord


def question_text(content: str, bot_id: int) -> str:
    """The message without the bot's mention and surplus whitespace."""
    return " ".join(re.sub(rf"<@!?{bot_id}>", " ", content).split())


def in_answer_channel(channel: discord.abc.Messageable, answer_channel_ids: frozenset[int]) -> bool:
    """The channel itself, or for a thread or forum post its parent, is an answer channel.

    A thread's messages carry the thread's own id; only the thread knows its parent.
    """
    if getattr(channel, "id", None) in answer_channel_ids:
        return True
    return isinstance(channel, discord.Thread) and channel.parent_id in answer_channel_ids
