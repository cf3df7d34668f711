"""Discord-shaped JSON payloads (API v10), built from the emulated world.

Shapes follow Discord's documentation; keys discord.py reads with `data[...]`
(member `flags`, interaction `attachment_size_limit`, ...) are always present.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .snowflake import iso_timestamp
from .world import ChannelType, EmulatedChannel, EmulatedRole, EmulatedUser, World

Json = dict[str, Any]

APPLICATION_FLAGS = (1 << 15) | (1 << 19) | (1 << 23)
"""Members and message-content intents 'limited' (unverified bot) and the command badge."""

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


class MessageFlags:
    """The message flag bits the emulator interprets."""

    SUPPRESS_EMBEDS = 1 << 2
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    SUPPRESS_NOTIFICATIONS = 1 << 12
    IS_COMPONENTS_V2 = 1 << 15


def user_payload(user: EmulatedUser) -> Json:
    payload: Json = {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "collectibles": None,
        "primary_guild": None,
    }
    if user.bot:
        payload["bot"] = True
    return payload


def member_payload(
    user: EmulatedUser,
    *,
    include_user: bool = True,
    role_ids: Iterable[int] | None = None,
    permissions: int | None = None,
) -> Json:
    """A guild member; `permissions` (a decimal string) only appears in interactions."""
    payload: Json = {
        "nick": user.nick,
        "avatar": None,
        "banner": None,
        "roles": [str(r) for r in (user.role_ids if role_ids is None else role_ids)],
        "joined_at": user.joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": user.member_flags,
        "pending": False,
        "communication_disabled_until": None,
    }
    if include_user:
        payload["user"] = user_payload(user)
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def role_payload(role: EmulatedRole) -> Json:
    payload: Json = {
        "id": str(role.id),
        "name": role.name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": role.position,
        "permissions": str(role.permissions),
        "managed": role.managed,
        "mentionable": role.mentionable,
        "flags": 0,
    }
    if role.bot_id is not None:
        payload["tags"] = {"bot_id": str(role.bot_id)}
    return payload


def channel_payload(world: World, channel: EmulatedChannel) -> Json:
    payload: Json = {
        "id": str(channel.id),
        "type": channel.type,
        "guild_id": str(world.guild_id),
        "name": channel.name,
        "position": channel.position,
        "permission_overwrites": [],
        "parent_id": None if channel.parent_id is None else str(channel.parent_id),
        "flags": 0,
    }
    if channel.type in (ChannelType.GUILD_TEXT, ChannelType.GUILD_FORUM):
        payload |= {
            "topic": channel.topic,
            "nsfw": False,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "default_thread_rate_limit_per_user": 0,
        }
    if channel.type == ChannelType.GUILD_FORUM:
        payload |= {"available_tags": [], "default_forum_layout": 0, "default_sort_order": None}
    return payload


def dm_channel_payload(channel_id: int, recipient: EmulatedUser) -> Json:
    return {
        "id": str(channel_id),
        "type": 1,
        "last_message_id": None,
        "flags": 0,
        "recipients": [user_payload(recipient)],
    }


def guild_create_payload(world: World, threads: Sequence[Json] = ()) -> Json:
    """A full GUILD_CREATE: every member is sent, so `member_count` needs no chunking;
    `threads` are the active threads."""
    members = [member_payload(user) for user in world.users]
    return {
        "id": str(world.guild_id),
        "name": world.guild_name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(world.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": world.guild_locale,
        "system_channel_id": str(world.channel_id),
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "application_id": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "features": [],
        "roles": [role_payload(role) for role in world.roles],
        "emojis": [],
        "stickers": [],
        "joined_at": world.bot.joined_at,
        "large": False,
        "unavailable": False,
        "lazy": True,
        "member_count": len(members),
        "members": members,
        "channels": [channel_payload(world, c) for c in world.channels],
        "threads": list(threads),
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def ready_payload(world: World, *, session_id: str, resume_gateway_url: str) -> Json:
    return {
        "v": 10,
        "user": user_payload(world.bot) | {"verified": True, "mfa_enabled": False},
        "guilds": [{"id": str(world.guild_id), "unavailable": True}],
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": resume_gateway_url,
        "application": {"id": str(world.application_id), "flags": APPLICATION_FLAGS},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        "auth_session_id_hash": "",
        "_trace": ['["discord-emulator"]'],
    }


def application_payload(world: World) -> Json:
    """`GET /oauth2/applications/@me`; the owner is the admin user, for owner-only checks."""
    return {
        "id": str(world.application_id),
        "name": world.bot.username,
        "icon": None,
        "description": "Loopback test application",
        "summary": "",
        "type": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "flags": APPLICATION_FLAGS,
        "owner": user_payload(world.admin_user),
        "team": None,
        "bot": user_payload(world.bot),
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "approximate_guild_count": 1,
        "tags": [],
        "integration_types_config": {"0": {}},
    }


def mention_payloads(world: World, users: Iterable[EmulatedUser], *, in_guild: bool) -> list[Json]:
    """`mentions`: users, each with a partial `member` when the message is in a guild."""
    result = []
    for user in users:
        payload = user_payload(user)
        if in_guild:
            payload["member"] = member_payload(user, include_user=False)
        result.append(payload)
    return result


def message_payload(
    *,
    message_id: int,
    channel_id: int,
    author: EmulatedUser,
    content: str = "",
    guild_id: int | None = None,
    member: Json | None = None,
    embeds: Sequence[Json] = (),
    components: Sequence[Json] = (),
    attachments: Sequence[Json] = (),
    mentions: Sequence[Json] = (),
    mention_roles: Sequence[int] = (),
    flags: int = 0,
    message_type: int = 0,
    tts: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> Json:
    """A message object; `extra` adds optional keys (message_reference, interaction_metadata...)."""
    payload: Json = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": user_payload(author),
        "content": content,
        "timestamp": iso_timestamp(message_id),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": False,
        "mentions": list(mentions),
        "mention_roles": [str(r) for r in mention_roles],
        "attachments": list(attachments),
        "embeds": list(embeds),
        "reactions": [],
        "pinned": False,
        "type": message_type,
        "flags": flags,
        "components": list(components),
    }
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
    if member is not None:
        payload["member"] = member
    if extra:
        payload.update(extra)
    return payload


def interaction_payload(
    world: World,
    *,
    interaction_id: int,
    token: str,
    interaction_type: int,
    data: Json,
    user: EmulatedUser,
    channel: Json,
    in_guild: bool,
    role_ids: Sequence[int],
    permissions: int,
    locale: str = "en-US",
    message: Json | None = None,
) -> Json:
    """INTERACTION_CREATE: `member` (guild) or `user` (DM), plus the keys discord.py requires."""
    payload: Json = {
        "id": str(interaction_id),
        "application_id": str(world.application_id),
        "type": interaction_type,
        "data": data,
        "channel": channel,
        "channel_id": channel["id"],
        "token": token,
        "version": 1,
        "locale": locale,
        "app_permissions": str(
            world.permissions_for(world.bot.id, world.bot.role_ids) if in_guild else 0
        ),
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if in_guild:
        payload |= {
            "guild_id": str(world.guild_id),
            "guild": {"id": str(world.guild_id), "locale": world.guild_locale, "features": []},
            "guild_locale": world.guild_locale,
            "member": member_payload(user, role_ids=role_ids, permissions=permissions),
            "authorizing_integration_owners": {"0": str(world.guild_id)},
            "context": 0,
        }
    else:
        payload |= {
            "user": user_payload(user),
            "authorizing_integration_owners": {"0": "0"},
            "context": 1,
        }
    if message is not None:
        payload["message"] = message
    return payload
