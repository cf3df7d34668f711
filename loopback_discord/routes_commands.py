"""REST routes for application commands: what `CommandTree.sync` and `fetch_commands` call."""

from __future__ import annotations

from aiohttp import web

from .commands import command_errors
from .responses import (
    REQUEST_JSON,
    form_error_response,
    json_response,
    missing_access,
    no_content,
    unknown,
)
from .routes_core import API_PREFIX
from .state import EmulatorState
from .validation import invalid_form_body


class CommandRoutes:
    """Global (`/applications/{app}/commands`) and guild (`.../guilds/{guild}/commands`) scopes."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def register(self, app: web.Application) -> None:
        r = app.router
        for scope in ("", "/guilds/{guild_id:\\d+}"):
            base = f"{API_PREFIX}/applications/{{app_id:\\d+}}{scope}/commands"
            r.add_put(base, self.overwrite)
            r.add_get(base, self.list)
            r.add_post(base, self.upsert)
            r.add_get(f"{base}/{{command_id:\\d+}}", self.get)
            r.add_patch(f"{base}/{{command_id:\\d+}}", self.patch)
            r.add_delete(f"{base}/{{command_id:\\d+}}", self.delete)

    def _scope(self, request: web.Request) -> tuple[bool, int | None]:
        """(allowed, guild id or None for global)."""
        if int(request.match_info["app_id"]) != self.state.world.application_id:
            return False, None
        guild = request.match_info.get("guild_id")
        if guild is None:
            return True, None
        return int(guild) == self.state.world.guild_id, int(guild)

    async def overwrite(self, request: web.Request) -> web.Response:
        allowed, guild_id = self._scope(request)
        if not allowed:
            return missing_access()
        commands = request[REQUEST_JSON] or []
        errors = command_errors(commands)
        if errors:
            return form_error_response(invalid_form_body(errors))
        return json_response(self.state.commands.overwrite(guild_id, commands))

    async def list(self, request: web.Request) -> web.Response:
        allowed, guild_id = self._scope(request)
        if not allowed:
            return missing_access()
        return json_response(self.state.commands.list(guild_id))

    async def upsert(self, request: web.Request) -> web.Response:
        allowed, guild_id = self._scope(request)
        if not allowed:
            return missing_access()
        command = request[REQUEST_JSON] or {}
        errors = command_errors([command])
        if errors:
            return form_error_response(invalid_form_body(errors["0"]))
        stored, created = self.state.commands.upsert(guild_id, command)
        return json_response(stored, 201 if created else 200)

    async def get(self, request: web.Request) -> web.Response:
        allowed, guild_id = self._scope(request)
        if not allowed:
            return missing_access()
        command = self.state.commands.get(guild_id, int(request.match_info["command_id"]))
        return unknown("application command", 10063) if command is None else json_response(command)

    async def patch(self, request: web.Request) -> web.Response:
        allowed, guild_id = self._scope(request)
        if not allowed:
            return missing_access()
        command_id = int(request.match_info["command_id"])
        stored = self.state.commands.replace(guild_id, command_id, request[REQUEST_JSON] or {})
        return unknown("application command", 10063) if stored is None else json_response(stored)

    async def delete(self, request: web.Request) -> web.Response:
        allowed, guild_id = self._scope(request)
        if not allowed:
            return missing_access()
        if not self.state.commands.delete(guild_id, int(request.match_info["command_id"])):
            return unknown("application command", 10063)
        return no_content()
