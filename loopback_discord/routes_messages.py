"""REST routes for channel messages: create (with replies and files), read, edit, delete."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .payloads import MessageFlags
from .responses import (
    REQUEST_FILES,
    REQUEST_JSON,
    discord_error,
    form_error_response,
    json_response,
    no_content,
    unknown,
)
from .routes_core import API_PREFIX
from .state import EmulatorState
from .validation import (
    EMPTY_MESSAGE,
    form_error,
    invalid_form_body,
    is_empty_message,
    message_errors,
)

Json = dict[str, Any]

CHANNEL_MESSAGE_FLAGS = (
    MessageFlags.SUPPRESS_EMBEDS
    | MessageFlags.SUPPRESS_NOTIFICATIONS
    | MessageFlags.IS_COMPONENTS_V2
)
REPLY = 19


async def apply_edit(state: EmulatorState, message: Json, request: web.Request) -> web.Response:
    """Edit a stored message as Discord does: validate, refuse an empty result, announce."""
    body: Json = request[REQUEST_JSON] or {}
    errors = message_errors(body)
    if errors:
        return form_error_response(invalid_form_body(errors))
    edited = state.edit_message(message, body, request[REQUEST_FILES])
    if is_empty_message(edited):
        state.messages[int(message["id"])] = message
        return form_error_response(EMPTY_MESSAGE)
    await state.announce("MESSAGE_UPDATE", edited)
    return json_response(edited)


async def apply_delete(state: EmulatorState, message: Json) -> web.Response:
    del state.messages[int(message["id"])]
    await state.announce_delete(message)
    return no_content()


class MessageRoutes:
    """What `channel.send`, `message.reply`, `message.edit` and friends call."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def register(self, app: web.Application) -> None:
        base = f"{API_PREFIX}/channels/{{channel_id:\\d+}}"
        one = f"{base}/messages/{{message_id:\\d+}}"
        r = app.router
        r.add_post(f"{base}/messages", self.create)
        r.add_get(f"{base}/messages", self.history)
        r.add_get(one, self.get)
        r.add_patch(one, self.edit)
        r.add_delete(one, self.delete)
        r.add_post(f"{base}/typing", self.typing)
        r.add_put(f"{one}/reactions/{{emoji}}/@me", self.react)
        r.add_delete(f"{one}/reactions/{{emoji}}/@me", self.unreact)

    def _channel_id(self, request: web.Request) -> int | None:
        channel_id = int(request.match_info["channel_id"])
        return channel_id if self.state.channel_known(channel_id) else None

    def _message(self, request: web.Request) -> Json | None:
        message = self.state.messages.get(int(request.match_info["message_id"]))
        if message is None or message["channel_id"] != request.match_info["channel_id"]:
            return None
        return message

    async def create(self, request: web.Request) -> web.Response:
        channel_id = self._channel_id(request)
        if channel_id is None:
            return unknown("Channel", 10003)
        body: Json = request[REQUEST_JSON] or {}
        files = request[REQUEST_FILES]
        errors = message_errors(body)
        if errors:
            return form_error_response(invalid_form_body(errors))
        if is_empty_message(body) and not files:
            return form_error_response(EMPTY_MESSAGE)
        extra: Json = {}
        message_type = 0
        reference = body.get("message_reference")
        if reference:
            target = self.state.messages.get(int(reference.get("message_id") or 0))
            if target is None and reference.get("fail_if_not_exists", True):
                error = form_error("MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
                return form_error_response(invalid_form_body({"message_reference": error}))
            extra["message_reference"] = {
                "type": 0,
                "message_id": str(reference["message_id"]),
                "channel_id": str(reference.get("channel_id") or channel_id),
            }
            if not self.state.is_dm(channel_id):
                extra["message_reference"]["guild_id"] = str(self.state.world.guild_id)
            if target is not None:
                extra["referenced_message"] = {
                    k: v for k, v in target.items() if k not in ("referenced_message", "member")
                }
                message_type = REPLY
        target = extra.get("referenced_message")
        replied = None
        if target is not None and _pings_replied_user(body):
            replied = self.state.world.user(int(target["author"]["id"]))
        message = self.state.bot_message(
            channel_id,
            body,
            files,
            allowed_flags=CHANNEL_MESSAGE_FLAGS,
            message_type=message_type,
            extra=extra,
            also_mention=() if replied is None else (replied,),
        )
        await self.state.announce("MESSAGE_CREATE", message)
        return json_response(message)

    async def history(self, request: web.Request) -> web.Response:
        channel_id = self._channel_id(request)
        if channel_id is None:
            return unknown("Channel", 10003)
        limit = max(1, min(100, int(request.query.get("limit", "50"))))
        before = int(request.query.get("before", "0")) or None
        after = int(request.query.get("after", "0")) or None
        found = [
            m
            for m in self.state.messages.values()
            if m["channel_id"] == str(channel_id)
            and not int(m["flags"]) & MessageFlags.EPHEMERAL
            and (before is None or int(m["id"]) < before)
            and (after is None or int(m["id"]) > after)
        ]
        found.sort(key=lambda m: int(m["id"]), reverse=True)
        chosen = found[-limit:] if after is not None else found[:limit]
        return json_response(chosen)

    async def get(self, request: web.Request) -> web.Response:
        message = self._message(request)
        return unknown("Message", 10008) if message is None else json_response(message)

    async def edit(self, request: web.Request) -> web.Response:
        message = self._message(request)
        if message is None:
            return unknown("Message", 10008)
        if message["author"]["id"] != str(self.state.world.bot.id):
            return discord_error(403, "Cannot edit a message authored by another user", 50005)
        return await apply_edit(self.state, message, request)

    async def delete(self, request: web.Request) -> web.Response:
        message = self._message(request)
        if message is None:
            return unknown("Message", 10008)
        return await apply_delete(self.state, message)

    async def typing(self, request: web.Request) -> web.Response:
        if self._channel_id(request) is None:
            return unknown("Channel", 10003)
        return no_content()

    async def react(self, request: web.Request) -> web.Response:
        return self._set_own_reaction(request, present=True)

    async def unreact(self, request: web.Request) -> web.Response:
        return self._set_own_reaction(request, present=False)

    def _set_own_reaction(self, request: web.Request, present: bool) -> web.Response:
        message = self._message(request)
        if message is None:
            return unknown("Message", 10008)
        emoji = request.match_info["emoji"]
        reactions = [r for r in message["reactions"] if r["emoji"]["name"] != emoji]
        if present:
            reactions.append({"count": 1, "me": True, "emoji": {"id": None, "name": emoji}})
        self.state.messages[int(message["id"])] = message | {"reactions": reactions}
        return no_content()


def _pings_replied_user(body: Json) -> bool:
    """Without `allowed_mentions` a reply pings; with it, only if `replied_user` is true."""
    allowed = body.get("allowed_mentions")
    return allowed is None or bool(allowed.get("replied_user", False))
