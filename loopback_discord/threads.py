"""Threads and forum posts: channels users open under a text or forum channel.

Discord announces a new thread with THREAD_CREATE (`newly_created`), lists the active
ones in GUILD_CREATE, and sends their messages with the thread's own `channel_id`; only
the thread object names its parent (`parent_id`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .snowflake import iso_timestamp
from .world import ChannelType, World

Json = dict[str, Any]

ARCHIVE_MINUTES = 1440


@dataclass(frozen=True)
class EmulatedThread:
    """A thread (type 11 public, 12 private) or a forum post (type 11 under a forum)."""

    id: int
    name: str
    parent_id: int
    type: int
    owner_id: int


def check_parent(world: World, parent_id: int, *, private: bool) -> None:
    """Threads open under text channels; forum posts under forums, and never private."""
    parent = world.channel(parent_id)
    if parent is None or parent.type not in (ChannelType.GUILD_TEXT, ChannelType.GUILD_FORUM):
        raise LookupError(f"channel {parent_id} cannot hold threads")
    if private and parent.type == ChannelType.GUILD_FORUM:
        raise ValueError("a forum post is always a public thread")


def thread_payload(world: World, thread: EmulatedThread, *, newly_created: bool = False) -> Json:
    """The thread channel object, as in THREAD_CREATE, GUILD_CREATE and GET /channels/{id}."""
    payload: Json = {
        "id": str(thread.id),
        "type": thread.type,
        "guild_id": str(world.guild_id),
        "parent_id": str(thread.parent_id),
        "owner_id": str(thread.owner_id),
        "name": thread.name,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": ARCHIVE_MINUTES,
            "archive_timestamp": iso_timestamp(thread.id),
            "locked": False,
            "create_timestamp": iso_timestamp(thread.id),
        },
    }
    if thread.type == ChannelType.PRIVATE_THREAD:
        payload["thread_metadata"]["invitable"] = True
    parent = world.channel(thread.parent_id)
    if parent is not None and parent.type == ChannelType.GUILD_FORUM:
        payload["applied_tags"] = []
    if newly_created:
        payload["newly_created"] = True
    return payload
