"""What a Discord user does, turned into gateway payloads: messages and interactions.

The emulator only builds what the Discord client would let a user send: options
must exist on the synced command, required options must be given, disabled
buttons cannot be clicked.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .commands import OptionType
from .payloads import (
    dm_channel_payload,
    interaction_payload,
    member_payload,
    mention_payloads,
    message_payload,
)
from .state import EmulatorState, InteractionRecord
from .world import ADMINISTRATOR, EmulatedUser

Json = dict[str, Any]
Options = Mapping[str, Any] | None

REPLY = 19


def user_message(
    state: EmulatorState,
    content: str,
    *,
    author: EmulatedUser,
    channel_id: int | None,
    dm: bool,
    mentions_bot: bool,
    mentions: Sequence[EmulatedUser],
    reply_to: Json | int | None,
    embeds: Sequence[Json],
    message_id: int | None = None,
) -> Json:
    """A MESSAGE_CREATE payload from `author`, stored so the bot can reply to it.

    `message_id` is for a forum post's starter message, which shares the thread's id."""
    world = state.world
    if dm:
        channel_id = state.dm_channel_id(author)
    else:
        channel_id = world.channel_id if channel_id is None else channel_id
        if not state.channel_known(channel_id):
            raise LookupError(
                f"channel {channel_id} is not a text channel or thread of the emulated guild"
            )
    bot_mentioned = f"<@{world.bot.id}>" in content or f"<@!{world.bot.id}>" in content
    if mentions_bot and not bot_mentioned:
        content = f"{world.bot.mention} {content}"
    users, roles = state.mentions_in(content)
    users += [u for u in mentions if u not in users]
    extra: Json = {}
    message_type = 0
    if reply_to is not None:
        target_id = int(reply_to["id"]) if isinstance(reply_to, Mapping) else int(reply_to)
        target = state.messages.get(target_id)
        if target is None:
            raise LookupError(f"no message {target_id} to reply to")
        reference = {"type": 0, "message_id": str(target_id), "channel_id": str(channel_id)}
        if not dm:
            reference["guild_id"] = str(world.guild_id)
        extra = {"message_reference": reference, "referenced_message": target}
        message_type = REPLY
    message = message_payload(
        message_id=message_id or state.next_id(),
        channel_id=channel_id,
        author=author,
        content=content,
        guild_id=None if dm else world.guild_id,
        member=None if dm else member_payload(author, include_user=False),
        embeds=embeds,
        mentions=mention_payloads(world, users, in_guild=not dm),
        mention_roles=roles,
        message_type=message_type,
        extra=extra,
    )
    state.messages[int(message["id"])] = message
    return message


def command_options(command: Json, options: Options, *, focused: str | None = None) -> list[Json]:
    """`data.options` for a call; `focused` marks the option being typed (autocomplete)."""
    schema: list[Json] = command.get("options") or []
    given = dict(options or {})
    built = []
    for name, value in given.items():
        option = next((o for o in schema if o["name"] == name), None)
        if option is None:
            raise LookupError(f"/{command['name']} has no option {name!r}")
        built.append(_option(option, value, focused=name == focused))
    if focused is None:
        missing = [o["name"] for o in schema if o.get("required") and o["name"] not in given]
        if missing:
            raise ValueError(f"required options missing: {missing}")
    return built


def _option(option: Json, value: Any, *, focused: bool) -> Json:
    kind = int(option["type"])
    built: Json = {"name": option["name"], "type": kind}
    if focused:
        return built | {"value": value, "focused": True}
    converted = {
        OptionType.STRING: str,
        OptionType.INTEGER: int,
        OptionType.NUMBER: float,
        OptionType.BOOLEAN: bool,
    }.get(kind)
    if converted is None:
        raise NotImplementedError(f"option type {kind} is not emulated")
    value = converted(value)
    choices = option.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise ValueError(f"{value!r} is not one of the choices of {option['name']!r}")
    return built | {"value": value}


def refusal_reason(command: Json, *, permissions: int, dm: bool) -> str | None:
    """Why Discord would hide the command from this member here, or None if it would not."""
    contexts = command.get("contexts")
    if dm:
        if contexts is not None and 1 not in contexts:
            return "command contexts exclude bot DMs"
        if command.get("dm_permission") is False:
            return "dm_permission is false"
        return None
    if contexts is not None and 0 not in contexts:
        return "command contexts exclude guilds"
    required = command.get("default_member_permissions")
    if required is None or permissions & ADMINISTRATOR:
        return None
    if int(required) == 0:
        return "default_member_permissions is 0: administrators only"
    if permissions & int(required) != int(required):
        return f"member permissions {permissions} lack default_member_permissions {required}"
    return None


def new_interaction(
    state: EmulatorState,
    *,
    interaction_type: int,
    data: Json,
    user: EmulatedUser,
    channel_id: int | None,
    dm: bool,
    role_ids: Sequence[int] | None,
    permissions: int | str | None,
    locale: str,
    name: str | None = None,
    message: Json | None = None,
) -> InteractionRecord:
    """Build and register an INTERACTION_CREATE payload; the caller dispatches it."""
    world = state.world
    roles = tuple(user.role_ids if role_ids is None else role_ids)
    if permissions is None:
        resolved_permissions = world.permissions_for(user.id, roles)
    else:
        resolved_permissions = int(permissions)
    if dm:
        channel_id = state.dm_channel_id(user)
        channel = dm_channel_payload(channel_id, user)
    else:
        channel_id = world.channel_id if channel_id is None else channel_id
        guild_channel = state.guild_channel_payload(channel_id)
        if guild_channel is None:
            raise LookupError(f"no channel {channel_id} in the emulated guild")
        channel = guild_channel | {"permissions": str(resolved_permissions)}
    interaction_id = state.next_id()
    payload = interaction_payload(
        world,
        interaction_id=interaction_id,
        token=f"emulated-{secrets.token_urlsafe(32)}",
        interaction_type=interaction_type,
        data=data,
        user=user,
        channel=channel,
        in_guild=not dm,
        role_ids=roles,
        permissions=resolved_permissions,
        locale=locale,
        message=message,
    )
    record = InteractionRecord(
        id=interaction_id,
        token=payload["token"],
        type=interaction_type,
        payload=payload,
        user=user,
        channel_id=channel_id,
        in_guild=not dm,
        name=name,
        source_message_id=None if message is None else int(message["id"]),
        _messages=state.messages,
    )
    state.interactions[interaction_id] = record
    return record


def walk_components(components: Sequence[Json]) -> Iterator[Json]:
    """Every component, depth first, through rows, containers, sections and labels."""
    for component in components:
        yield component
        yield from walk_components(component.get("components") or [])
        for key in ("accessory", "component"):
            if isinstance(component.get(key), Mapping):
                yield from walk_components([component[key]])


def modal_submit_components(modal: Json, values: Mapping[str, Any]) -> list[Json]:
    """The submitted form, mirroring the modal's layout (rows or labels) as Discord does."""
    unknown = set(values) - {c.get("custom_id") for c in walk_components(modal["components"])}
    if unknown:
        raise LookupError(f"modal {modal['custom_id']!r} has no inputs {sorted(unknown)}")

    def submitted(component: Json) -> Json:
        custom_id = component["custom_id"]
        if component["type"] == 4:
            value = str(values.get(custom_id, component.get("value") or ""))
            if component.get("required", True) and not value:
                raise ValueError(f"modal input {custom_id!r} is required")
            return {"type": 4, "custom_id": custom_id, "value": value}
        return {
            "type": component["type"],
            "custom_id": custom_id,
            "values": list(values.get(custom_id, [])),
        }

    result = []
    for top in modal["components"]:
        if top["type"] == 1:
            result.append({"type": 1, "components": [submitted(c) for c in top["components"]]})
        elif top["type"] == 18:
            result.append({"type": 18, "component": submitted(top["component"])})
    return result
