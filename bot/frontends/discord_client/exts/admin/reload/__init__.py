from bot.frontends.discord_client.client import TrilatBot


async def setup(bot: TrilatBot) -> None:
    """Load the Reload cog."""
    from ._cog import Reload

    await bot.add_cog(Reload(bot))
