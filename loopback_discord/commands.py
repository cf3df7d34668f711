"""Application commands as Discord stores them after a sync.

The registry is what makes an invocation realistic: the emulator only delivers
commands that were synced, with their option types and `default_member_permissions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .validation import Errors, form_error

Json = dict[str, Any]

CHAT_INPUT = 1
MESSAGE_COMMAND = 3
"""A message context-menu command (right-click a message → Apps)."""
_NAME_RE = re.compile(r"[-_'\w]{1,32}")


class OptionType:
    """Application command option types (Discord's numeric values)."""

    SUB_COMMAND = 1
    SUB_COMMAND_GROUP = 2
    STRING = 3
    INTEGER = 4
    BOOLEAN = 5
    USER = 6
    CHANNEL = 7
    ROLE = 8
    MENTIONABLE = 9
    NUMBER = 10
    ATTACHMENT = 11


def command_errors(commands: Iterable[Mapping[str, Any]]) -> Errors:
    """Form errors Discord reports for a bulk overwrite, keyed by list index."""
    errors: Errors = {}
    seen: set[tuple[str, int]] = set()
    for index, command in enumerate(commands):
        one: Errors = {}
        name = str(command.get("name") or "")
        kind = int(command.get("type") or CHAT_INPUT)
        if kind == CHAT_INPUT and (not _NAME_RE.fullmatch(name) or name != name.lower()):
            one["name"] = form_error("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
        if kind == CHAT_INPUT and not 1 <= len(command.get("description") or "") <= 100:
            one["description"] = form_error(
                "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
            )
        if len(command.get("options") or []) > 25:
            one["options"] = form_error("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        if (name, kind) in seen:
            one["name"] = form_error(
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                f"Application command names must be unique: {name}",
            )
        seen.add((name, kind))
        if one:
            errors[str(index)] = one
    return errors


@dataclass
class CommandRegistry:
    """Global commands and per-guild commands, keyed by scope (None = global)."""

    application_id: int
    next_id: Callable[[], int]
    _scopes: dict[int | None, list[Json]] = field(default_factory=dict)

    def list(self, guild_id: int | None = None) -> list[Json]:
        return list(self._scopes.get(guild_id, []))

    def overwrite(self, guild_id: int | None, commands: Iterable[Mapping[str, Any]]) -> list[Json]:
        """Bulk overwrite; a command keeps its id when its name and type survive, as on Discord."""
        old = {(c["name"], c["type"]): c for c in self._scopes.get(guild_id, [])}
        version = str(self.next_id())
        stored = []
        for command in commands:
            kind = int(command.get("type") or CHAT_INPUT)
            previous = old.get((command["name"], kind))
            stored.append(self._normalise(guild_id, command, previous, version))
        self._scopes[guild_id] = stored
        return list(stored)

    def find(self, name: str, *, guild_id: int | None, kind: int = CHAT_INPUT) -> Json | None:
        """The command an invocation resolves to: the guild's own first, then the global one."""
        scopes: list[int | None] = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            for command in self._scopes.get(scope, []):
                if command["name"] == name and command["type"] == kind:
                    return command
        return None

    def _normalise(
        self,
        guild_id: int | None,
        command: Mapping[str, Any],
        previous: Json | None,
        version: str,
    ) -> Json:
        stored: Json = {
            "id": previous["id"] if previous else str(self.next_id()),
            "application_id": str(self.application_id),
            "version": version,
            "type": CHAT_INPUT,
            "name": command["name"],
            "name_localizations": None,
            "description": "",
            "description_localizations": None,
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "integration_types": [0],
            "contexts": None,
        }
        stored.update({k: v for k, v in command.items() if v is not None or k in stored})
        stored["type"] = int(stored["type"] or CHAT_INPUT)
        if stored["default_member_permissions"] is not None:
            stored["default_member_permissions"] = str(stored["default_member_permissions"])
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        else:
            stored.setdefault("dm_permission", True)
        return stored
