"""REST routes for identity and structure: the bot user, gateway URL, application, guild."""

from __future__ import annotations

from aiohttp import web

from .payloads import (
    application_payload,
    channel_payload,
    dm_channel_payload,
    guild_create_payload,
    member_payload,
    role_payload,
    user_payload,
)
from .responses import REQUEST_JSON, json_response, missing_access, unknown
from .state import EmulatorState

API_PREFIX = "/api/v10"

_GATEWAY_ONLY_GUILD_KEYS = (
    "joined_at",
    "large",
    "unavailable",
    "lazy",
    "member_count",
    "members",
    "channels",
    "threads",
    "presences",
    "voice_states",
    "stage_instances",
    "guild_scheduled_events",
    "soundboard_sounds",
)


class CoreRoutes:
    """Users, DM channels, gateway discovery, application info, guild reads."""

    def __init__(self, state: EmulatorState, gateway_url: str) -> None:
        self.state = state
        self.gateway_url = gateway_url

    def register(self, app: web.Application) -> None:
        r = app.router
        r.add_get(f"{API_PREFIX}/users/@me", self.get_me)
        r.add_post(f"{API_PREFIX}/users/@me/channels", self.create_dm)
        r.add_get(f"{API_PREFIX}/users/{{user_id:\\d+}}", self.get_user)
        r.add_get(f"{API_PREFIX}/gateway", self.get_gateway)
        r.add_get(f"{API_PREFIX}/gateway/bot", self.get_gateway_bot)
        r.add_get(f"{API_PREFIX}/oauth2/applications/@me", self.get_application)
        r.add_get(f"{API_PREFIX}/applications/@me", self.get_application)
        r.add_get(f"{API_PREFIX}/guilds/{{guild_id:\\d+}}", self.get_guild)
        r.add_get(f"{API_PREFIX}/guilds/{{guild_id:\\d+}}/channels", self.get_guild_channels)
        r.add_get(f"{API_PREFIX}/guilds/{{guild_id:\\d+}}/roles", self.get_guild_roles)
        r.add_get(
            f"{API_PREFIX}/guilds/{{guild_id:\\d+}}/members/{{user_id:\\d+}}", self.get_member
        )
        r.add_get(f"{API_PREFIX}/channels/{{channel_id:\\d+}}", self.get_channel)
        r.add_get("/attachments/{channel_id}/{attachment_id:\\d+}/{filename}", self.get_attachment)

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

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.gateway_url})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(application_payload(self.state.world))

    def _is_our_guild(self, request: web.Request) -> bool:
        return int(request.match_info["guild_id"]) == self.state.world.guild_id

    async def get_guild(self, request: web.Request) -> web.Response:
        if not self._is_our_guild(request):
            return unknown("Guild", 10004)
        guild = guild_create_payload(self.state.world)
        for key in _GATEWAY_ONLY_GUILD_KEYS:
            guild.pop(key, None)
        if request.query.get("with_counts") in ("1", "true"):
            count = len(self.state.world.users)
            guild |= {"approximate_member_count": count, "approximate_presence_count": 0}
        return json_response(guild)

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        if not self._is_our_guild(request):
            return missing_access()
        world = self.state.world
        return json_response([channel_payload(world, c) for c in world.channels])

    async def get_guild_roles(self, request: web.Request) -> web.Response:
        if not self._is_our_guild(request):
            return missing_access()
        return json_response([role_payload(r) for r in self.state.world.roles])

    async def get_member(self, request: web.Request) -> web.Response:
        if not self._is_our_guild(request):
            return missing_access()
        user = self.state.world.user(int(request.match_info["user_id"]))
        return unknown("Member", 10007) if user is None else json_response(member_payload(user))

    async def get_channel(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel_id"])
        channel = self.state.guild_channel_payload(channel_id)
        if channel is not None:
            return json_response(channel)
        recipient = self.state.dm_recipients.get(channel_id)
        if recipient is not None:
            return json_response(dm_channel_payload(channel_id, recipient))
        return unknown("Channel", 10003)

    async def get_attachment(self, request: web.Request) -> web.Response:
        data = self.state.attachment_data.get(int(request.match_info["attachment_id"]))
        if data is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=data, content_type="application/octet-stream")
