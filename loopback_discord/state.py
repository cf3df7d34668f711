"""What the emulated Discord remembers: messages, DM channels, commands, interactions.

REST handlers and test-side actions share this one object, so a message the bot
sends can later be clicked, replied to, fetched or edited like on Discord.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .commands import CommandRegistry
from .gateway import Gateway, Intent
from .payloads import (
    MessageFlags,
    channel_payload,
    member_payload,
    mention_payloads,
    message_payload,
)
from .recorder import RecordedFile
from .snowflake import iso_timestamp
from .threads import EmulatedThread, thread_payload
from .world import EmulatedUser, World

Json = dict[str, Any]

_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


class InteractionType:
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class CallbackType:
    CHANNEL_MESSAGE = 4
    DEFERRED_CHANNEL_MESSAGE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    AUTOCOMPLETE_RESULT = 8
    MODAL = 9


@dataclass
class InteractionRecord:
    """An interaction the test sent, and everything the bot did to answer it.

    Returned by `invoke_slash`, `autocomplete`, `click_button`, ...; read it after
    awaiting `emu.wait_for_interaction_response(record)`.
    """

    id: int
    token: str
    type: int
    payload: Json
    user: EmulatedUser
    channel_id: int
    in_guild: bool
    name: str | None = None
    source_message_id: int | None = None
    callback: Json | None = None
    original_message_id: int | None = None
    followup_message_ids: list[int] = field(default_factory=list)
    created_at: float = field(default_factory=time.monotonic)
    _messages: dict[int, Json] = field(default_factory=dict, repr=False)

    @property
    def responded(self) -> bool:
        return self.callback is not None

    @property
    def callback_type(self) -> int | None:
        return None if self.callback is None else int(self.callback["type"])

    @property
    def callback_data(self) -> Json:
        return {} if self.callback is None else dict(self.callback.get("data") or {})

    @property
    def original_message(self) -> Json | None:
        """The response message as it is now (after edits and a deferral's follow-up)."""
        if self.original_message_id is None:
            return None
        return self._messages.get(self.original_message_id)

    @property
    def ephemeral(self) -> bool:
        message = self.original_message
        return bool(message and int(message["flags"]) & MessageFlags.EPHEMERAL)


@dataclass(frozen=True)
class RefusedInvocation:
    """A slash command Discord would not have delivered (see `enforce_default_permissions`)."""

    name: str
    user_id: int
    reason: str


class EmulatorState:
    """The mutable store behind the REST routes and the test-side actions."""

    def __init__(
        self,
        world: World,
        next_id: Callable[[], int],
        gateway: Gateway,
    ) -> None:
        self.world = world
        self.next_id = next_id
        self.gateway = gateway
        self.base_url = ""
        self.messages: dict[int, Json] = {}
        self.dm_channel_ids: dict[int, int] = {}
        self.dm_recipients: dict[int, EmulatedUser] = {}
        self.threads: dict[int, EmulatedThread] = {}
        self.commands = CommandRegistry(world.application_id, next_id)
        self.interactions: dict[int, InteractionRecord] = {}
        self.refused: list[RefusedInvocation] = []
        self.server_errors: list[str] = []

    # -- channels ---------------------------------------------------------------------------

    def channel_known(self, channel_id: int) -> bool:
        """A channel messages can be posted in: text channels, threads and DMs."""
        return (
            channel_id in self.world.text_channel_ids()
            or channel_id in self.threads
            or channel_id in self.dm_recipients
        )

    def guild_channel_payload(self, channel_id: int) -> Json | None:
        """A guild channel or thread object, or None when the guild has no such channel."""
        thread = self.threads.get(channel_id)
        if thread is not None:
            return thread_payload(self.world, thread)
        channel = self.world.channel(channel_id)
        return None if channel is None else channel_payload(self.world, channel)

    def thread_payloads(self) -> list[Json]:
        return [thread_payload(self.world, t) for t in self.threads.values()]

    def is_dm(self, channel_id: int) -> bool:
        return channel_id in self.dm_recipients

    def dm_channel_id(self, user: EmulatedUser) -> int:
        """The bot's DM channel with `user`, created once like Discord's."""
        if user.id not in self.dm_channel_ids:
            channel_id = self.next_id()
            self.dm_channel_ids[user.id] = channel_id
            self.dm_recipients[channel_id] = user
        return self.dm_channel_ids[user.id]

    # -- messages ---------------------------------------------------------------------------

    def mentions_in(self, content: str) -> tuple[list[EmulatedUser], list[int]]:
        users = []
        for match in _USER_MENTION.finditer(content):
            user = self.world.user(int(match.group(1)))
            if user is not None and user not in users:
                users.append(user)
        roles = [int(m.group(1)) for m in _ROLE_MENTION.finditer(content)]
        return users, roles

    def attachments(
        self,
        channel_id: int,
        body: Mapping[str, Any],
        files: Sequence[RecordedFile],
        keep: Sequence[Json] = (),
    ) -> list[Json]:
        """Attachment objects for `attachments` + `files[n]` parts; known ids are kept (edits)."""
        declared = body.get("attachments")
        if declared is None:
            if not files:
                return list(keep)
            declared = [{"id": index} for index in range(len(files))]
        existing = {str(a["id"]): a for a in keep}
        by_field = {f.field: f for f in files}
        result = []
        for item in declared:
            key = str(item.get("id"))
            if key in existing:
                result.append(existing[key])
                continue
            upload = by_field.get(f"files[{key}]")
            if upload is None:
                continue
            attachment_id = self.next_id()
            filename = item.get("filename") or upload.filename or f"file{key}"
            url = f"{self.base_url}/attachments/{channel_id}/{attachment_id}/{filename}"
            attachment: Json = {
                "id": str(attachment_id),
                "filename": filename,
                "size": len(upload.data),
                "url": url,
                "proxy_url": url,
                "content_type": upload.content_type,
            }
            if item.get("description") is not None:
                attachment["description"] = item["description"]
            result.append(attachment)
        return result

    def bot_message(
        self,
        channel_id: int,
        body: Mapping[str, Any],
        files: Sequence[RecordedFile],
        *,
        allowed_flags: int,
        message_type: int = 0,
        extra: Mapping[str, Any] | None = None,
        message_id: int | None = None,
        also_mention: Sequence[EmulatedUser] = (),
    ) -> Json:
        """A message authored by the bot from a create-message body, stored by id.

        `also_mention` adds users Discord mentions without a `<@id>` (a reply's author).
        """
        content = str(body.get("content") or "")
        users, roles = self.mentions_in(content)
        users += [u for u in also_mention if u not in users]
        message = message_payload(
            message_id=message_id or self.next_id(),
            channel_id=channel_id,
            author=self.world.bot,
            content=content,
            embeds=[_rich(e) for e in body.get("embeds") or []],
            components=list(body.get("components") or []),
            attachments=self.attachments(channel_id, body, files),
            mentions=mention_payloads(self.world, users, in_guild=not self.is_dm(channel_id)),
            mention_roles=roles,
            flags=int(body.get("flags") or 0) & allowed_flags,
            message_type=message_type,
            tts=bool(body.get("tts")),
            extra=extra,
        )
        self.messages[int(message["id"])] = message
        return message

    def edit_message(
        self, message: Json, body: Mapping[str, Any], files: Sequence[RecordedFile]
    ) -> Json:
        """Apply an edit body: listed fields replace, others stay; LOADING is cleared."""
        edited = dict(message)
        if "content" in body:
            edited["content"] = str(body["content"] or "")
            users, roles = self.mentions_in(edited["content"])
            in_guild = not self.is_dm(int(message["channel_id"]))
            edited["mentions"] = mention_payloads(self.world, users, in_guild=in_guild)
            edited["mention_roles"] = [str(r) for r in roles]
        if "embeds" in body:
            edited["embeds"] = [_rich(e) for e in body["embeds"] or []]
        if "components" in body:
            edited["components"] = list(body["components"] or [])
        if "attachments" in body or files:
            edited["attachments"] = self.attachments(
                int(message["channel_id"]), body, files, keep=message["attachments"]
            )
        flags = int(message["flags"]) & ~MessageFlags.LOADING
        if body.get("flags") is not None:
            editable = MessageFlags.SUPPRESS_EMBEDS | MessageFlags.IS_COMPONENTS_V2
            flags = (flags & ~editable) | (int(body["flags"]) & editable)
        edited["flags"] = flags
        edited["edited_timestamp"] = iso_timestamp(self.next_id())
        self.messages[int(edited["id"])] = edited
        return edited

    def gateway_view(self, message: Json) -> Json | None:
        """The message as the bot's intents let Discord deliver it, or None if not at all."""
        dm = "guild_id" not in message
        if not self.gateway.has_intent(Intent.DIRECT_MESSAGES if dm else Intent.GUILD_MESSAGES):
            return None
        bot_id = str(self.world.bot.id)
        exempt = dm or message["author"]["id"] == bot_id
        exempt = exempt or any(m["id"] == bot_id for m in message.get("mentions", []))
        if exempt or self.gateway.has_intent(Intent.MESSAGE_CONTENT):
            return message
        return message | {"content": "", "embeds": [], "attachments": [], "components": []}

    def with_guild_context(self, message: Json) -> Json:
        """Gateway MESSAGE_CREATE/UPDATE carry `guild_id` and the author's partial member."""
        if self.is_dm(int(message["channel_id"])) or "guild_id" in message:
            return message
        author = self.world.user(int(message["author"]["id"]))
        extra: Json = {"guild_id": str(self.world.guild_id)}
        if author is not None and "webhook_id" not in message:
            extra["member"] = member_payload(author, include_user=False)
        return message | extra

    async def announce(self, event: str, message: Json) -> None:
        """Echo a bot-made change over the gateway, as Discord does for every client."""
        if not self.gateway.accepts_dispatch:
            return
        if int(message.get("flags") or 0) & MessageFlags.EPHEMERAL:
            return
        view = self.gateway_view(self.with_guild_context(message))
        if view is not None:
            await self.gateway.dispatch(event, view)


def _rich(embed: Mapping[str, Any]) -> Json:
    return {"type": "rich", **embed}
