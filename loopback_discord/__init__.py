"""A loopback Discord (REST API v10 + gateway) for end-to-end tests of discord.py bots.

The unmodified discord.py client talks to an aiohttp server on 127.0.0.1; tests act as
Discord users (`send_message`, `invoke_slash`, `click_button`, ...) and assert on the
requests the bot made (`wait_for_request`, `wait_for_message`, ...). Entry points:
`DiscordEmulator` (async context manager) and the `discord_emulator` fixture
(`loopback_discord.fixtures`).
"""

from .emulator import DiscordEmulator
from .faults import RestFault
from .gateway import GatewayEvent, Intent
from .payloads import MessageFlags
from .recorder import RecordedFile, RecordedRequest, RequestTimeoutError
from .state import CallbackType, InteractionRecord, InteractionType, RefusedInvocation
from .world import EmulatedChannel, EmulatedRole, EmulatedUser, World

__all__ = [
    "CallbackType",
    "DiscordEmulator",
    "EmulatedChannel",
    "EmulatedRole",
    "EmulatedUser",
    "GatewayEvent",
    "Intent",
    "InteractionRecord",
    "InteractionType",
    "MessageFlags",
    "RecordedFile",
    "RecordedRequest",
    "RefusedInvocation",
    "RequestTimeoutError",
    "RestFault",
    "World",
]
