"""Interaction callbacks and the follow-up webhook, with Discord's rules on both.

Rules emulated because bots break on them in production: one callback per
interaction, within the response deadline; no follow-up before the callback; the
first follow-up after a "thinking" deferral replaces the loading message.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from .payloads import MessageFlags, user_payload
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
from .state import CallbackType, EmulatorState, InteractionRecord, InteractionType
from .validation import (
    EMPTY_MESSAGE,
    autocomplete_errors,
    form_error,
    invalid_form_body,
    is_empty_message,
    message_errors,
    modal_errors,
)

Json = dict[str, Any]

INTERACTION_MESSAGE_FLAGS = (
    MessageFlags.EPHEMERAL
    | MessageFlags.SUPPRESS_EMBEDS
    | MessageFlags.SUPPRESS_NOTIFICATIONS
    | MessageFlags.IS_COMPONENTS_V2
)
CHAT_INPUT_COMMAND_MESSAGE = 20
TOKEN_LIFETIME = 15 * 60.0

_ALLOWED_CALLBACKS = {
    InteractionType.APPLICATION_COMMAND: {4, 5, 9},
    InteractionType.MESSAGE_COMPONENT: {4, 5, 6, 7, 9},
    InteractionType.AUTOCOMPLETE: {8},
    InteractionType.MODAL_SUBMIT: {4, 5, 6, 7},
}


class InteractionRoutes:
    """`/interactions/{id}/{token}/callback` and `/webhooks/{app}/{token}` (follow-ups)."""

    def __init__(self, state: EmulatorState, *, response_deadline: float) -> None:
        self.state = state
        self.response_deadline = response_deadline

    def register(self, app: web.Application) -> None:
        r = app.router
        r.add_post(
            f"{API_PREFIX}/interactions/{{interaction_id:\\d+}}/{{token}}/callback", self.callback
        )
        r.add_post(f"{API_PREFIX}/webhooks/{{app_id:\\d+}}/{{token}}", self.followup)

    # -- the callback ------------------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        record = self.state.interactions.get(int(request.match_info["interaction_id"]))
        if record is None or record.token != request.match_info["token"]:
            return unknown("interaction", 10062)
        if time.monotonic() - record.created_at > self.response_deadline:
            return unknown("interaction", 10062)
        if record.responded:
            return discord_error(400, "Interaction has already been acknowledged.", 40060)
        body: Json = request[REQUEST_JSON] or {}
        kind = int(body.get("type") or 0)
        data: Json = body.get("data") or {}
        if kind not in _ALLOWED_CALLBACKS.get(record.type, set()):
            error = form_error("INTERACTION_RESPONSE_TYPE_INVALID", f"Invalid callback type {kind}")
            return form_error_response(invalid_form_body({"type": error}))
        if kind == CallbackType.CHANNEL_MESSAGE:
            return await self._respond_with_message(request, record, data)
        if kind == CallbackType.DEFERRED_CHANNEL_MESSAGE:
            return await self._defer(record, data)
        if kind in (CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE):
            return await self._update_source(request, record, kind, data)
        errors = autocomplete_errors(data) if kind == CallbackType.AUTOCOMPLETE_RESULT else {}
        errors = modal_errors(data) if kind == CallbackType.MODAL else errors
        if errors:
            return form_error_response(invalid_form_body({"data": errors}))
        record.callback = {"type": kind, "data": data}
        return json_response(_callback_body(record, kind))

    async def _respond_with_message(
        self, request: web.Request, record: InteractionRecord, data: Json
    ) -> web.Response:
        errors = message_errors(data)
        if errors:
            return form_error_response(invalid_form_body({"data": errors}))
        if is_empty_message(data) and not request[REQUEST_FILES]:
            return form_error_response(EMPTY_MESSAGE)
        message = self._new_message(record, data, request[REQUEST_FILES])
        record.original_message_id = int(message["id"])
        record.callback = {"type": CallbackType.CHANNEL_MESSAGE, "data": data}
        await self.state.announce("MESSAGE_CREATE", message)
        return json_response(_callback_body(record, CallbackType.CHANNEL_MESSAGE, message))

    async def _defer(self, record: InteractionRecord, data: Json) -> web.Response:
        ephemeral = int(data.get("flags") or 0) & MessageFlags.EPHEMERAL
        message = self._new_message(record, {"flags": ephemeral}, ())
        message["flags"] = ephemeral | MessageFlags.LOADING
        record.original_message_id = int(message["id"])
        record.callback = {"type": CallbackType.DEFERRED_CHANNEL_MESSAGE, "data": data}
        await self.state.announce("MESSAGE_CREATE", message)
        body = _callback_body(record, CallbackType.DEFERRED_CHANNEL_MESSAGE, message)
        return json_response(body)

    async def _update_source(
        self, request: web.Request, record: InteractionRecord, kind: int, data: Json
    ) -> web.Response:
        source = None
        if record.source_message_id is not None:
            source = self.state.messages.get(record.source_message_id)
        if source is None:
            return unknown("Message", 10008)
        record.original_message_id = int(source["id"])
        if kind == CallbackType.DEFERRED_UPDATE_MESSAGE:
            record.callback = {"type": kind, "data": data}
            return json_response(_callback_body(record, kind))
        errors = message_errors(data)
        if errors:
            return form_error_response(invalid_form_body({"data": errors}))
        edited = self.state.edit_message(source, data, request[REQUEST_FILES])
        record.callback = {"type": kind, "data": data}
        await self.state.announce("MESSAGE_UPDATE", edited)
        return json_response(_callback_body(record, kind, edited))

    # -- the follow-up webhook ---------------------------------------------------------------

    def _record_for(self, request: web.Request) -> InteractionRecord | None:
        if int(request.match_info["app_id"]) != self.state.world.application_id:
            return None
        token = request.match_info["token"]
        record = next((i for i in self.state.interactions.values() if i.token == token), None)
        if record is None or time.monotonic() - record.created_at > TOKEN_LIFETIME:
            return None
        return record

    async def followup(self, request: web.Request) -> web.Response:
        record = self._record_for(request)
        if record is None or not record.responded:
            return unknown("Webhook", 10015)
        data: Json = request[REQUEST_JSON] or {}
        files = request[REQUEST_FILES]
        errors = message_errors(data)
        if errors:
            return form_error_response(invalid_form_body(errors))
        if is_empty_message(data) and not files:
            return form_error_response(EMPTY_MESSAGE)
        original = record.original_message
        if original is not None and int(original["flags"]) & MessageFlags.LOADING:
            message = self.state.edit_message(original, _without_flags(data), files)
            await self.state.announce("MESSAGE_UPDATE", message)
        else:
            message = self._new_message(record, data, files)
            record.followup_message_ids.append(int(message["id"]))
            await self.state.announce("MESSAGE_CREATE", message)
        if request.query.get("wait") not in ("1", "true", "True"):
            return no_content()
        return json_response(message)

    # -- helpers -----------------------------------------------------------------------------

    def _new_message(self, record: InteractionRecord, data: Json, files: Any) -> Json:
        world = self.state.world
        metadata: Json = {
            "id": str(record.id),
            "type": record.type,
            "user": user_payload(record.user),
            "authorizing_integration_owners": record.payload["authorizing_integration_owners"],
        }
        if record.type == InteractionType.APPLICATION_COMMAND:
            metadata |= {"name": record.name, "command_type": 1}
        if record.source_message_id is not None:
            metadata["interacted_message_id"] = str(record.source_message_id)
        if record.original_message_id is not None:
            metadata["original_response_message_id"] = str(record.original_message_id)
        app_command = record.type == InteractionType.APPLICATION_COMMAND
        return self.state.bot_message(
            record.channel_id,
            data,
            files,
            allowed_flags=INTERACTION_MESSAGE_FLAGS,
            message_type=CHAT_INPUT_COMMAND_MESSAGE if app_command else 0,
            extra={
                "webhook_id": str(world.application_id),
                "application_id": str(world.application_id),
                "interaction_metadata": metadata,
            },
        )


def _without_flags(data: Json) -> Json:
    """A follow-up that replaces a deferral keeps the deferral's ephemeral state."""
    return {k: v for k, v in data.items() if k != "flags"}


def _callback_body(record: InteractionRecord, kind: int, message: Json | None = None) -> Json:
    """The `with_response=1` answer: `{"interaction": {...}, "resource": {...}}`."""
    interaction: Json = {"id": str(record.id), "type": record.type}
    resource: Json = {"type": kind}
    if message is not None:
        flags = int(message["flags"])
        interaction |= {
            "response_message_id": message["id"],
            "response_message_loading": bool(flags & MessageFlags.LOADING),
            "response_message_ephemeral": bool(flags & MessageFlags.EPHEMERAL),
        }
        resource["message"] = message
    return {"interaction": interaction, "resource": resource}
