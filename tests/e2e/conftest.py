"""A fresh trilat-bot per test, connected to the loopback Discord emulator."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot import bundled_knowledge_dir
from bot.core.service import KnowledgeService
from bot.frontends.discord_client.client import TrilatBot
from bot.frontends.discord_client.runner import assemble, run_bot
from bot.operations.config import load_settings
from loopback_discord import DiscordEmulator
from loopback_discord.fixtures import discord_emulator

from .helpers import MakeBot, RunBot, StartBot

__all__ = ["discord_emulator"]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A copy of the bundled fact base that a test may edit before a /reload."""
    return Path(shutil.copytree(bundled_knowledge_dir(), tmp_path / "knowledge"))


@pytest.fixture
def make_bot(discord_emulator: DiscordEmulator, knowledge: Path, tmp_path: Path) -> MakeBot:
    """Build (not start) a bot; keyword arguments are extra environment variables."""

    def make(force_sync: bool = False, **env: str) -> TrilatBot:
        settings = load_settings(
            {
                "DISCORD_TOKEN": discord_emulator.token,
                "TRILAT_KNOWLEDGE": str(knowledge),
                "TRILAT_STATE_DIR": str(tmp_path / "state"),
                **env,
            }
        )
        service = KnowledgeService(settings.knowledge_dir)
        return assemble(settings, service, force_sync=force_sync, guild_ready_timeout=0.01)

    return make


@pytest.fixture
def run_made_bot(discord_emulator: DiscordEmulator) -> RunBot:
    """Start a bot from `make_bot` the way `python -m bot run` does, resources and all."""

    async def run(bot: TrilatBot) -> TrilatBot:
        return await discord_emulator.start_bot(bot, run=run_bot)

    return run


@pytest.fixture
def start_bot(make_bot: MakeBot, run_made_bot: RunBot) -> StartBot:
    async def start(**env: str) -> TrilatBot:
        return await run_made_bot(make_bot(**env))

    return start


@pytest_asyncio.fixture
async def emu(
    discord_emulator: DiscordEmulator, start_bot: StartBot
) -> AsyncIterator[DiscordEmulator]:
    """The emulator with a default bot (global commands, no message content) running."""
    await start_bot()
    yield discord_emulator
