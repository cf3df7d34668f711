"""JSON answers the way discord.py can read them, and Discord's error bodies.

discord.py parses a body as JSON only when Content-Type is exactly
`application/json`; aiohttp's `json_response` appends a charset, so it is not used.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

REQUEST_JSON = web.RequestKey("emulator_json", object)
"""The parsed request body (JSON, or `payload_json` of a multipart body)."""
REQUEST_FILES = web.RequestKey("emulator_files", tuple)
"""The file parts of a multipart body, as `RecordedFile`s."""
RESPONSE_JSON = web.ResponseKey("emulator_json", object)
"""The object a response serialised, kept for the request log."""


def json_response(body: Any, status: int = 200) -> web.Response:
    response = web.Response(
        body=json.dumps(body).encode(),
        status=status,
        headers={"Content-Type": "application/json"},
    )
    response[RESPONSE_JSON] = body
    return response


def no_content() -> web.Response:
    return web.Response(status=204)


def discord_error(status: int, message: str, code: int = 0, errors: Any = None) -> web.Response:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors is not None:
        body["errors"] = errors
    return json_response(body, status)


def form_error_response(body: dict[str, Any]) -> web.Response:
    """400 for a validation body built by `validation` (Invalid Form Body, empty message)."""
    return json_response(body, 400)


def not_found() -> web.Response:
    return discord_error(404, "404: Not Found", 0)


def unknown(kind: str, code: int) -> web.Response:
    """Discord's 404s for a missing entity, e.g. `unknown("Message", 10008)`."""
    return discord_error(404, f"Unknown {kind}", code)


def missing_access() -> web.Response:
    return discord_error(403, "Missing Access", 50001)
