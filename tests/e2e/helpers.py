"""Reading what the bot sent, as Discord received it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.frontends.discord_client.client import TrilatBot

Json = dict[str, Any]
MakeBot = Callable[..., TrilatBot]
"""Builds a bot: `make_bot(force_sync=False, **extra_environment)`."""
RunBot = Callable[[TrilatBot], Awaitable[TrilatBot]]
"""Starts a bot built by `make_bot` on the emulator: `await run_made_bot(bot)`."""
StartBot = Callable[..., Awaitable[TrilatBot]]
"""Builds and starts a bot on the emulator: `await start_bot(**extra_environment)`."""


def embed_text(payload: Json) -> str:
    """Every title, description and field of a message payload's embeds, in order."""
    parts: list[str] = []
    for embed in payload.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for field in embed.get("fields") or []:
            parts += [field["name"], field["value"]]
    return "\n".join(parts)


def button_ids(payload: Json) -> list[str]:
    return [
        button["custom_id"]
        for row in payload.get("components") or []
        for button in row.get("components") or []
    ]


def no_pings(payload: Json) -> bool:
    mentions = payload.get("allowed_mentions")
    return mentions is not None and mentions["parse"] == [] and not mentions.get("replied_user")
