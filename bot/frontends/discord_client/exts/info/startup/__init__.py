from bot.frontends.discord_client.client import TrilatBot


async def setup(bot: TrilatBot) -> None:
    """Load the Startup cog."""
    from ._cog import Startup

    await bot.add_cog(Startup(bot))
