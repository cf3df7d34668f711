"""pytest fixture for the emulator.

To use it outside `loopback_discord`, import it into that conftest:
`from loopback_discord.fixtures import discord_emulator`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from .emulator import DiscordEmulator


@pytest_asyncio.fixture
async def discord_emulator() -> AsyncIterator[DiscordEmulator]:
    """A started emulator; bots started with `start_bot` are closed when the test ends."""
    async with DiscordEmulator() as emu:
        yield emu
