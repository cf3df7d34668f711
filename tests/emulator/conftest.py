"""Makes the `discord_emulator` fixture available to the emulator's own tests."""

from loopback_discord.fixtures import discord_emulator

__all__ = ["discord_emulator"]
