"""REST route for channel messages: create, with replies and files."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .payloads import MessageFlags
from .responses import (
    REQUEST_FILES,
    REQUEST_JSON,
    form_error_response,
    json_response,
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


class MessageRoutes:
    """What `channel.send` and `message.reply` call."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def register(self, app: web.Application) -> None:
        app.router.add_post(f"{API_PREFIX}/channels/{{channel_id:\\d+}}/messages", self.create)

    def _channel_id(self, request: web.Request) -> int | None:
        channel_id = int(request.match_info["channel_id"])
        return channel_id if self.state.channel_known(channel_id) else None

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


def _pings_replied_user(body: Json) -> bool:
    """Without `allowed_mentions` a reply pings; with it, only if `replied_user` is true."""
    allowed = body.get("allowed_mentions")
    return allowed is None or bool(allowed.get("replied_user", False))
