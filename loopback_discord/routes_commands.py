"""REST route for application commands: the bulk overwrite `CommandTree.sync` calls."""

from __future__ import annotations

from aiohttp import web

from .commands import command_errors
from .responses import REQUEST_JSON, form_error_response, json_response, missing_access
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
