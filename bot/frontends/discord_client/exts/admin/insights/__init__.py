from bot.frontends.discord_client.client import TrilatBot


async def setup(bot: TrilatBot) -> None:
    """Load the Insights cog."""
    from ._cog import Insights

    await bot.add_cog(Insights(bot))
