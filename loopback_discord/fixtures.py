"""pytest fixture for the emulator.

To use it outside `loopback_discord`, import it into that conftest:
`from loopback_discord.fixtures import discord_emulator`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from .emulator import DiscordEmulator


@pytest_asyncio.fixture
async def discord_emulator(request: pytest.FixtureRequest) -> AsyncIterator[DiscordEmulator]:
    """A started emulator; bots started with `start_bot` are closed when the test ends.

    Parametrised indirectly, the parameter holds `DiscordEmulator` options
    (`{"guild_locale": "ko"}`)."""
    async with DiscordEmulator(**getattr(request, "param", {})) as emu:
        yield emu
