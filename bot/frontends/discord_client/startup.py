"""The block logged once the bot is ready: who it is, where, and how to invite it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.frontends.discord_client.invite import invite_url
from bot.operations.config import MESSAGE_CONTENT


@dataclass(frozen=True)
class StartupFacts:
    name: str
    user_id: int
    application_id: int
    servers: int
    message_content: bool


def startup_summary(facts: StartupFacts) -> str:
    """Lines an operator checks first: the right bot, in the servers expected, reading what."""
    if facts.message_content:
        content = "on: answer channels and their threads are read"
    else:
        content = (
            "off: only mentions, DMs and slash commands are answered "
            f"(set {MESSAGE_CONTENT}=1 and enable it in the Developer Portal for answer channels)"
        )
    servers = f"{facts.servers} server{'s' * (facts.servers != 1)}"
    return "\n".join(
        [
            f"ready as {facts.name} (id {facts.user_id}) in {servers}",
            f"  Message Content intent: {content}",
            f"  invite: {invite_url(facts.application_id)}",
        ]
    )
