from bot.frontends.discord_client.client import TrilatBot


async def setup(bot: TrilatBot) -> None:
    """Load the Questions cog."""
    from ._cog import Questions

    await bot.add_cog(Questions(bot))
