"""The aiohttp application: REST routes, the gateway websocket, and request recording.

Every REST request passes through one middleware that parses the body (JSON or
multipart with `payload_json`), answers (or lets an injected fault answer), and appends
the pair to the request log.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import BodyPartReader, web

from .faults import RestFaults
from .gateway import Gateway
from .recorder import RecordedFile, RecordedRequest, RequestLog
from .responses import (
    REQUEST_FILES,
    REQUEST_JSON,
    RESPONSE_JSON,
    discord_error,
    not_found,
)
from .routes_commands import CommandRoutes
from .routes_core import API_PREFIX, CoreRoutes
from .routes_interactions import InteractionRoutes
from .routes_messages import MessageRoutes
from .state import EmulatorState

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_RECORDED_HEADERS = ("Authorization", "Content-Type", "X-Audit-Log-Reason", "User-Agent")
_TOKEN_IN_URL_PREFIXES = ("/interactions/", "/webhooks/")


async def _parse_body(request: web.Request) -> tuple[Any, tuple[RecordedFile, ...]]:
    if not request.body_exists:
        return None, ()
    if request.content_type == "multipart/form-data":
        body: Any = None
        files: list[RecordedFile] = []
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            data = await part.read()
            if part.name == "payload_json":
                body = json.loads(data)
            else:
                content_type = part.headers.get("Content-Type")
                files.append(
                    RecordedFile(part.name or "", part.filename, content_type, bytes(data))
                )
        return body, tuple(files)
    raw = await request.read()
    if request.content_type == "application/json":
        return json.loads(raw) if raw else None, ()
    return raw.decode("utf-8", "replace"), ()


def build_app(
    state: EmulatorState,
    gateway: Gateway,
    requests: RequestLog,
    faults: RestFaults,
    *,
    token: Callable[[], str | None],
    gateway_url: str,
    response_deadline: float,
) -> web.Application:
    """Wire the routes; anything unknown is recorded and answered with Discord's 404."""

    @web.middleware
    async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == "/":
            return await handler(request)
        path = request.path.removeprefix(API_PREFIX)
        is_api = path != request.path
        body: Any = None
        files: tuple[RecordedFile, ...] = ()
        response: web.StreamResponse
        expected = token()
        authorised = expected is None or request.headers.get("Authorization") == f"Bot {expected}"
        try:
            body, files = await _parse_body(request)
            request[REQUEST_JSON], request[REQUEST_FILES] = body, files
            if is_api and not authorised and not path.startswith(_TOKEN_IN_URL_PREFIXES):
                response = discord_error(401, "401: Unauthorized", 0)
            else:
                response = faults.answer(request.method, path) or await handler(request)
        except Exception as exc:
            # 400, not 500: discord.py retries 5xx with multi-second sleeps.
            state.server_errors.append(f"{request.method} {path}: {traceback.format_exc()}")
            log.exception("discord emulator failed on %s %s", request.method, path)
            response = discord_error(400, f"discord emulator error: {exc!r}", 0)
        requests.append(
            RecordedRequest(
                index=requests.next_index(),
                method=request.method,
                path=path,
                query=dict(request.query),
                json=body,
                files=files,
                headers={k: request.headers[k] for k in _RECORDED_HEADERS if k in request.headers},
                status=response.status,
                response=response.get(RESPONSE_JSON),
            )
        )
        return response

    async def unknown_route(request: web.Request) -> web.Response:
        log.warning("discord emulator has no route for %s %s", request.method, request.path)
        return not_found()

    app = web.Application(middlewares=[record], client_max_size=64 * 1024 * 1024)
    app.router.add_get("/", gateway.handle)
    CoreRoutes(state, gateway_url).register(app)
    MessageRoutes(state).register(app)
    CommandRoutes(state).register(app)
    InteractionRoutes(state, response_deadline=response_deadline).register(app)
    app.router.add_route("*", "/{tail:.*}", unknown_route)
    return app
