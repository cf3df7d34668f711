"""REST routes for identity: the bot user, users and DM channels, gateway URL, application."""

from __future__ import annotations

from aiohttp import web

from .payloads import application_payload, dm_channel_payload, user_payload
from .responses import REQUEST_JSON, json_response, unknown
from .state import EmulatorState

API_PREFIX = "/api/v10"


class CoreRoutes:
    """Users, DM channels, gateway discovery, application info."""

    def __init__(self, state: EmulatorState, gateway_url: str) -> None:
        self.state = state
        self.gateway_url = gateway_url

    def register(self, app: web.Application) -> None:
        r = app.router
        r.add_get(f"{API_PREFIX}/users/@me", self.get_me)
        r.add_post(f"{API_PREFIX}/users/@me/channels", self.create_dm)
        r.add_get(f"{API_PREFIX}/users/{{user_id:\\d+}}", self.get_user)
        r.add_get(f"{API_PREFIX}/gateway/bot", self.get_gateway_bot)
        r.add_get(f"{API_PREFIX}/oauth2/applications/@me", self.get_application)
        r.add_get(f"{API_PREFIX}/applications/@me", self.get_application)

    async def get_me(self, request: web.Request) -> web.Response:
        bot = self.state.world.bot
        return json_response(user_payload(bot) | {"verified": True, "mfa_enabled": False})

    async def get_user(self, request: web.Request) -> web.Response:
        user = self.state.world.user(int(request.match_info["user_id"]))
        return unknown("User", 10013) if user is None else json_response(user_payload(user))

    async def create_dm(self, request: web.Request) -> web.Response:
        body = request[REQUEST_JSON] or {}
        user = self.state.world.user(int(body.get("recipient_id") or 0))
        if user is None:
            return unknown("User", 10013)
        channel_id = self.state.dm_channel_id(user)
        return json_response(dm_channel_payload(channel_id, user))

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(application_payload(self.state.world))
